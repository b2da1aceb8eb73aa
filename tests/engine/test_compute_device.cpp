// The machine-facing parts of the engine that can be proven on any CPU: device comparison (MPS's index -1),
// CPU feature parsing and dispatch caps, the bfloat16 warning, dtype-derived tolerances, the golden's generation
// budget, and the words libtorch's device failures turn into. Nothing here depends on this CPU's instruction set.

#include "engine/compute_device.h"
#include "engine/cpu_features.h"
#include "engine/device_failure.h"
#include "engine/engine_error.h"
#include "engine/parity_check.h"

#include <QtTest>

using namespace gitvqa;

namespace {

const char* const kEmulated = "bfloat16 on this processor is emulated: slower and less exact than float32";

// /proc/cpuinfo flags of two real processors (shortened to what matters): an AVX2-only desktop and a Sapphire Rapids.
const char* const kAvx2Flags = "fpu vme de pse sse sse2 ssse3 fma cx16 sse4_1 sse4_2 avx f16c avx2 bmi1 bmi2";
const char* const kSapphireRapidsFlags = "fpu sse2 avx avx2 avx512f avx512dq avx512bw avx512vl avx512_vnni avx512_bf16 "
                                         "amx_bf16 avx512_fp16 amx_tile amx_int8";

std::string thrownBy(const std::function<void()>& f)
{
    try {
        f();
    } catch (const std::exception& e) {
        return describeFailure(e);
    }
    return {};
}

// A c10::Error as libtorch throws it (with "Exception raised from ..." and a backtrace in what()).
c10::Error torchError(const std::string& message)
{
    try {
        TORCH_CHECK(false, message);
    } catch (const c10::Error& e) {
        return e;
    }
    return c10::Error({__func__, __FILE__, static_cast<uint32_t>(__LINE__)}, message);
}

} // namespace

class TestComputeDevice : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void devicesCompareByTypeAndNormalisedIndex()
    {
        // torch::Device(kMPS) is mps with index -1; tensors on it report mps:0.
        QVERIFY(sameDevice(torch::Device(torch::kMPS), torch::Device(torch::kMPS, 0)));
        QVERIFY(!(torch::Device(torch::kMPS) == torch::Device(torch::kMPS, 0))); // why the helper exists
        QVERIFY(sameDevice(torch::Device(torch::kCPU), torch::zeros({1}).device()));
        QVERIFY(sameDevice(torch::Device("cuda"), torch::Device(torch::kCUDA, 0)));
        QVERIFY(!sameDevice(torch::Device(torch::kCUDA, 0), torch::Device(torch::kCUDA, 1)));
        QVERIFY(!sameDevice(torch::Device(torch::kCPU), torch::Device(torch::kMPS, 0)));
        QCOMPARE(int(normalisedDevice(torch::Device(torch::kMPS)).index()), 0);
        QCOMPARE(int(normalisedDevice(torch::Device(torch::kCUDA, 1)).index()), 1);
    }

    void cpuFeaturesFromProcFlags()
    {
        const CpuFeatures avx2 = cpuFeaturesFromFlags(kAvx2Flags);
        QVERIFY(avx2.avx2 && !avx2.avx512f && !avx2.hardwareBfloat16() && !avx2.nativeBfloat16());
        QCOMPARE(avx2.names(), std::vector<std::string>{"avx2"});

        const CpuFeatures spr = cpuFeaturesFromFlags(kSapphireRapidsFlags);
        QVERIFY(spr.avx512f && spr.avx512Core && spr.avx512Bf16 && spr.amxTile && spr.amxBf16);
        QVERIFY(spr.nativeBfloat16());
        QCOMPARE(spr.names(), (std::vector<std::string>{"avx2", "avx512f", "avx512_bf16", "amx_tile", "amx_bf16"}));
        // A word that merely starts like a flag is not that flag.
        QVERIFY(!cpuFeaturesFromFlags("avx2x avx512f_like").avx2);
    }

    // ATEN_CPU_CAPABILITY and DNNL_MAX_CPU_ISA make an AVX-512 machine compute like an AVX2 one.
    void dispatchCapsTurnNativeBf16Off()
    {
        struct Case {
            const char* aten;
            const char* dnnl;
            bool native;
        };
        const Case cases[] = {
            {nullptr, nullptr, true},        {"", "", true},
            {"avx2", nullptr, false},        {"default", nullptr, false},
            {"avx512", nullptr, true},       {nullptr, "AVX2", false},
            {nullptr, "avx512_core", false}, {nullptr, "AVX512_CORE_BF16", true},
            {nullptr, "AVX512_CORE_AMX", true}, {"avx512", "ALL", true},
            {"avx2", "AVX2", false},
        };
        for (const Case& c : cases) {
            CpuFeatures f = cpuFeaturesFromFlags(kSapphireRapidsFlags);
            applyDispatchCaps(f, c.aten, c.dnnl);
            QVERIFY2(f.nativeBfloat16() == c.native,
                     qPrintable(QStringLiteral("ATEN_CPU_CAPABILITY=%1 DNNL_MAX_CPU_ISA=%2")
                                    .arg(QString::fromUtf8(c.aten ? c.aten : "-"), QString::fromUtf8(c.dnnl ? c.dnnl : "-"))));
            QCOMPARE(f.hardwareBfloat16(), true);
        }
        CpuFeatures f = cpuFeaturesFromFlags(kSapphireRapidsFlags);
        applyDispatchCaps(f, "avx2", "AVX2");
        QCOMPARE(QString::fromStdString(f.dispatchCaps), QStringLiteral("ATEN_CPU_CAPABILITY=avx2 DNNL_MAX_CPU_ISA=AVX2"));
    }

    void bfloat16WarningInWords()
    {
        CpuFeatures capped = cpuFeaturesFromFlags(kSapphireRapidsFlags);
        applyDispatchCaps(capped, "avx2", nullptr);
        for (const CpuFeatures& emulated : {cpuFeaturesFromFlags(kAvx2Flags), capped}) {
            const std::string w = precisionWarning("cpu", "bfloat16", emulated);
            QVERIFY2(w.rfind(kEmulated, 0) == 0, w.c_str());
        }
        const CpuFeatures native = cpuFeaturesFromFlags(kSapphireRapidsFlags);
        QVERIFY(precisionWarning("cpu", "bfloat16", native).empty());
        const CpuFeatures avx2 = cpuFeaturesFromFlags(kAvx2Flags);
        QVERIFY(precisionWarning("cpu", "float32", avx2).empty());
        QVERIFY(precisionWarning("cuda:0", "bfloat16", avx2).empty()); // GPUs have their own bf16 units
    }

    // What this machine is, for the log; the assertions hold on every CPU.
    void thisMachineIsDescribedConsistently()
    {
        const CpuFeatures& f = cpuFeatures();
        std::string names;
        for (const auto& n : f.names())
            names += n + " ";
        qInfo("CPU: %s; features: %s(by %s); bf16 %s; caps: %s", f.model.c_str(), names.c_str(), f.source.c_str(),
              f.nativeBfloat16() ? "native" : "emulated", f.dispatchCaps.empty() ? "none" : f.dispatchCaps.c_str());
#if defined(__x86_64__)
        QCOMPARE(QString::fromStdString(f.source), QStringLiteral("cpuid"));
        QVERIFY(f.avx512f || !f.avx512Bf16); // AVX512-BF16 implies AVX-512F
#endif
        const ComputeChoice automatic = chooseCompute("cpu", "auto", 1);
        QCOMPARE(automatic.dtype, torch::kFloat); // auto never picks bfloat16 on the CPU
        QVERIFY(automatic.warning.empty());
        const ComputeChoice bf16 = chooseCompute("cpu", "bfloat16", 1); // an explicit request works everywhere
        QCOMPARE(bf16.dtype, torch::kBFloat16);
        QCOMPARE(bf16.warning.empty(), f.nativeBfloat16());
        QCOMPARE(bf16.warning, precisionWarning("cpu", "bfloat16"));
    }

    void tolerancesFollowTheDtypesPrecision()
    {
        QCOMPARE(unitRoundoff(torch::kBFloat16), 1.0 / 256);
        QCOMPARE(unitRoundoff(torch::kHalf), 1.0 / 2048);
        QCOMPARE(precisionTolerance(torch::kFloat), 1e-4);
        QCOMPARE(precisionTolerance(torch::kBFloat16), 32.0 / 256);
        QCOMPARE(precisionTolerance(torch::kHalf), 32.0 / 2048);
    }

    void goldenWithoutEndTokenSetsTheBudget()
    {
        const std::int64_t eos = 102;
        const std::vector<std::int64_t> prompt{101, 2054, 2003};
        auto golden = [&](std::vector<std::int64_t> tail) {
            std::vector<std::int64_t> ids = prompt;
            ids.insert(ids.end(), tail.begin(), tail.end());
            return ids;
        };
        // Made with max_new_tokens=15: 15 tokens, no end token → generate exactly 15.
        QCOMPARE(generationBudget(golden(std::vector<std::int64_t>(15, 7)), prompt.size(), eos, 20), 15);
        QCOMPARE(generationBudget(golden(std::vector<std::int64_t>(30, 7)), prompt.size(), eos, 20), 30);
        // Ended by itself after 4 tokens: any budget that reaches the end.
        QCOMPARE(generationBudget(golden({7, 8, 9, eos}), prompt.size(), eos, 20), 20);
        QCOMPARE(generationBudget(golden({}), prompt.size(), eos, 20), 1);
    }

    void deviceFailuresInWords()
    {
        const c10::Error oom = torchError("CUDA out of memory. Tried to allocate 2.00 GiB (GPU 0; 79.19 GiB total capacity)");
        const std::string oomText = describeFailure(oom);
        QVERIFY2(oomText.rfind("The GPU ran out of memory", 0) == 0, oomText.c_str());
        QVERIFY2(oomText.find("Exception raised from") == std::string::npos && oomText.find("frame #") == std::string::npos,
                 oomText.c_str());
        QVERIFY(isOutOfDeviceMemory(oom));
        // Wrapped by the service (UserError carries the sentence): still recognised for the CPU fallback.
        QVERIFY(isOutOfDeviceMemory(std::runtime_error("The frames could not be encoded: " + oomText)));

        const c10::Error cublas = torchError("CUDA error: CUBLAS_STATUS_ALLOC_FAILED when calling `cublasCreate(handle)`");
        QVERIFY(isOutOfDeviceMemory(cublas));
        QVERIFY(describeFailure(cublas).rfind("The GPU ran out of memory", 0) == 0);

        const c10::Error noKernel = torchError("CUDA error: no kernel image is available for execution on the device\n"
                                               "CUDA kernel errors might be asynchronously reported");
        QVERIFY(!isOutOfDeviceMemory(noKernel));
        const std::string kernelText = describeFailure(noKernel);
        QVERIFY2(kernelText.find("no CUDA kernels for this GPU") != std::string::npos, kernelText.c_str());
        QVERIFY(kernelText.find("asynchronously") == std::string::npos); // first line only

        const c10::Error ram = torchError("[enforce fail at alloc_cpu.cpp:75] DefaultCPUAllocator: can't allocate memory");
        QVERIFY(!isOutOfDeviceMemory(ram)); // falling back to the CPU would not help
        QVERIFY(!isOutOfDeviceMemoryMessage(describeFailure(ram)));

        QCOMPARE(QString::fromStdString(describeFailure(EngineError("No config.json in /x"))), QStringLiteral("No config.json in /x"));
        const std::string other = describeFailure(torchError("shape '[2, 3]' is invalid for input of size 5"));
        QVERIFY2(other.rfind("libtorch failed: shape", 0) == 0, other.c_str());
        // A real one, thrown by libtorch itself (Debian's 1.13 throws this one as a std::runtime_error): one line.
        const std::string real = thrownBy([] { (void)torch::zeros({2, 3}).view({5}); });
        QVERIFY2(real.find("invalid for input of size 6") != std::string::npos && real.find('\n') == std::string::npos,
                 real.c_str());
    }
};

QTEST_GUILESS_MAIN(TestComputeDevice)
#include "test_compute_device.moc"
