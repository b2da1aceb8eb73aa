#include "cpu_features.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <set>
#include <sstream>

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#define GITVQA_X86_CPUID 1
#endif

namespace gitvqa {

namespace {

std::string trimmed(const std::string& s)
{
    const auto b = s.find_first_not_of(" \t");
    const auto e = s.find_last_not_of(" \t\r\n");
    return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

std::string upper(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return s;
}

#if defined(GITVQA_X86_CPUID)
// XCR0 says which register states the kernel saves on a context switch: instructions whose registers it does not
// save must not be used even when cpuid lists them. Inline asm, so that no -mxsave is needed.
std::uint64_t xcr0()
{
    std::uint32_t lo = 0, hi = 0;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    return (static_cast<std::uint64_t>(hi) << 32) | lo;
}

bool bit(unsigned value, int n) { return (value >> n) & 1u; }

bool readCpuid(CpuFeatures& f)
{
    unsigned a = 0, b = 0, c = 0, d = 0;
    if (!__get_cpuid(0, &a, &b, &c, &d))
        return false;
    const unsigned maxLeaf = a;
    __get_cpuid(1, &a, &b, &c, &d);
    const std::uint64_t xcr = bit(c, 27) ? xcr0() : 0; // OSXSAVE
    const bool osAvx = (xcr & 0x6) == 0x6;               // SSE + AVX state
    const bool osAvx512 = osAvx && (xcr & 0xE0) == 0xE0;  // opmask + both ZMM halves
    const bool osAmx = (xcr & (3ull << 17)) == (3ull << 17); // TILECFG + TILEDATA
    if (maxLeaf >= 7) {
        __cpuid_count(7, 0, a, b, c, d);
        const unsigned subleaves = a;
        f.avx2 = osAvx && bit(b, 5);
        f.avx512f = osAvx512 && bit(b, 16);
        f.avx512Core = f.avx512f && bit(b, 17) && bit(b, 30) && bit(b, 31); // DQ, BW, VL
        f.amxBf16 = osAmx && bit(d, 22);
        f.amxTile = osAmx && bit(d, 24);
        if (subleaves >= 1) {
            __cpuid_count(7, 1, a, b, c, d);
            f.avx512Bf16 = osAvx512 && bit(a, 5);
        }
    }
    __get_cpuid(0x80000000, &a, &b, &c, &d);
    if (a >= 0x80000004) {
        char brand[49] = {};
        for (unsigned leaf = 0; leaf < 3; ++leaf) {
            unsigned r[4];
            __get_cpuid(0x80000002 + leaf, &r[0], &r[1], &r[2], &r[3]);
            std::memcpy(brand + 16 * leaf, r, 16);
        }
        f.model = trimmed(brand);
    }
    f.source = "cpuid";
    return true;
}
#endif

// The kernel's view, for processors or builds without cpuid (and to name the model when cpuid has no brand).
bool readProcCpuinfo(CpuFeatures& f)
{
    std::ifstream in("/proc/cpuinfo");
    std::string line, flags, model;
    while (std::getline(in, line) && (flags.empty() || model.empty())) {
        const auto colon = line.find(':');
        if (colon == std::string::npos)
            continue;
        const std::string key = trimmed(line.substr(0, colon));
        if (key == "flags" && flags.empty())
            flags = line.substr(colon + 1);
        else if (key == "model name" && model.empty())
            model = trimmed(line.substr(colon + 1));
    }
    if (flags.empty())
        return false;
    const std::string keepModel = f.model;
    f = cpuFeaturesFromFlags(flags);
    f.model = keepModel.empty() ? model : keepModel;
    f.source = "/proc/cpuinfo";
    return true;
}

CpuFeatures detect()
{
    CpuFeatures f;
    bool found = false;
#if defined(GITVQA_X86_CPUID)
    found = readCpuid(f);
#endif
    if (!found)
        readProcCpuinfo(f);
    applyDispatchCaps(f, std::getenv("ATEN_CPU_CAPABILITY"),
                      std::getenv("DNNL_MAX_CPU_ISA") ? std::getenv("DNNL_MAX_CPU_ISA") : std::getenv("ONEDNN_MAX_CPU_ISA"));
    if (const char* core = std::getenv("OPENBLAS_CORETYPE"); core && *core) {
        // Not a bf16 matter (OpenBLAS computes float32 here), but it changes the float32 kernels: report it too.
        f.dispatchCaps += (f.dispatchCaps.empty() ? "" : " ") + std::string("OPENBLAS_CORETYPE=") + core;
    }
    return f;
}

} // namespace

std::vector<std::string> CpuFeatures::names() const
{
    std::vector<std::string> out;
    const std::pair<bool, const char*> all[] = {{avx2, "avx2"},         {avx512f, "avx512f"}, {avx512Bf16, "avx512_bf16"},
                                                {amxTile, "amx_tile"}, {amxBf16, "amx_bf16"}};
    for (const auto& [present, name] : all)
        if (present)
            out.push_back(name);
    return out;
}

const CpuFeatures& cpuFeatures()
{
    static const CpuFeatures features = detect();
    return features;
}

CpuFeatures cpuFeaturesFromFlags(const std::string& flags)
{
    std::set<std::string> set;
    std::istringstream words(flags);
    for (std::string w; words >> w;)
        set.insert(w);
    auto has = [&](const char* n) { return set.count(n) > 0; };
    CpuFeatures f;
    f.avx2 = has("avx2");
    f.avx512f = has("avx512f");
    f.avx512Core = f.avx512f && has("avx512bw") && has("avx512vl") && has("avx512dq");
    f.avx512Bf16 = has("avx512_bf16");
    f.amxTile = has("amx_tile");
    f.amxBf16 = has("amx_bf16");
    f.source = "flags";
    return f;
}

void applyDispatchCaps(CpuFeatures& f, const char* aten, const char* dnnl)
{
    std::string caps;
    bool below = false;
    if (aten && *aten) {
        caps = std::string("ATEN_CPU_CAPABILITY=") + aten;
        // libtorch's own kernels: "default" and "avx2" are below AVX-512 (the only level with bf16 paths).
        below = below || upper(aten).rfind("AVX512", 0) != 0;
    }
    if (dnnl && *dnnl) {
        caps += (caps.empty() ? "" : " ") + std::string("DNNL_MAX_CPU_ISA=") + dnnl;
        // oneDNN's ISA names in order; everything before AVX512_CORE_BF16 lacks bf16 instructions, everything after
        // (FP16, AMX, AVX10, ALL) has them.
        static const std::set<std::string> withoutBf16 = {"SSE41", "AVX", "AVX2", "AVX2_VNNI", "AVX2_VNNI_2",
                                                           "AVX512_CORE", "AVX512_CORE_VNNI"};
        below = below || withoutBf16.count(upper(dnnl)) > 0;
    }
    f.dispatchCaps = caps;
    f.capsBelowBf16 = below;
}

std::string precisionWarning(const std::string& device, const std::string& dtype, const CpuFeatures& f)
{
    if (device.rfind("cpu", 0) != 0 || dtype != "bfloat16" || f.nativeBfloat16())
        return {};
    std::string why = f.hardwareBfloat16() ? " (" + f.dispatchCaps + " keeps libtorch from its bf16 instructions)"
                                           : " (it has no AVX512-BF16 or AMX-BF16)";
    return "bfloat16 on this processor is emulated: slower and less exact than float32" + why
        + "; choose float32 unless memory is short";
}

} // namespace gitvqa
