#pragma once
// What this processor can compute natively, read with cpuid (or /proc/cpuinfo where cpuid is unavailable), and
// whether libtorch and oneDNN may use it in this process (ATEN_CPU_CAPABILITY and DNNL_MAX_CPU_ISA cap their
// kernel dispatch below the hardware). The engine uses it to warn about emulated bfloat16, the benchmark and the
// tools report it. Torch-free on purpose: the UI and CLI include it to word the same warning.

#include <string>
#include <vector>

namespace gitvqa {

struct CpuFeatures {
    bool avx2 = false;
    bool avx512f = false;
    bool avx512Core = false; // AVX-512 BW + VL + DQ: what oneDNN's bf16 conversions need
    bool avx512Bf16 = false; // vdpbf16ps: bf16 dot products in hardware
    bool amxTile = false;
    bool amxBf16 = false;
    std::string source = "none"; // "cpuid", "/proc/cpuinfo" or "none" (not x86, nothing readable)
    std::string model;           // the brand string, e.g. "Intel(R) Xeon(R) Platinum 8481C CPU @ 2.70GHz"
    // Dispatch caps set in the environment, e.g. "ATEN_CPU_CAPABILITY=avx2 DNNL_MAX_CPU_ISA=AVX2"; empty if none.
    std::string dispatchCaps;
    bool capsBelowBf16 = false; // one of those caps keeps libtorch or oneDNN from the bf16 instructions

    bool hardwareBfloat16() const { return avx512Bf16 || amxBf16; }
    // bfloat16 arithmetic runs on bf16 instructions in this process; otherwise it is converted to float32 and back
    // in software around every operation (slower) and, depending on the libtorch version, accumulated in
    // bfloat16 (measured: relative error 0.24 with libtorch 1.13 on an AVX2-only CPU, 0.025 with 2.6).
    bool nativeBfloat16() const { return hardwareBfloat16() && !capsBelowBf16; }
    std::vector<std::string> names() const; // "avx2", "avx512f", "avx512_bf16", "amx_tile", "amx_bf16" present
};

// Detected once per process (cpuid is cheap, but the environment is read only at start, like libtorch does).
const CpuFeatures& cpuFeatures();

// The parts of detection that do not depend on this machine, for the tests:
// flags as /proc/cpuinfo lists them ("fpu vme ... avx2 ... avx512_bf16 ...").
CpuFeatures cpuFeaturesFromFlags(const std::string& flags);
// Applies ATEN_CPU_CAPABILITY / DNNL_MAX_CPU_ISA values (null or empty: not set) to `f`.
void applyDispatchCaps(CpuFeatures& f, const char* atenCpuCapability, const char* dnnlMaxCpuIsa);

// The warning a person gets when a device/dtype pair computes worse than they may expect, in words; empty when
// there is nothing to say. device and dtype as EngineInfo spells them ("cpu", "bfloat16").
std::string precisionWarning(const std::string& device, const std::string& dtype, const CpuFeatures& f = cpuFeatures());

} // namespace gitvqa
