#include "compute_device.h"

#include "cpu_block_cache.h"

#include "cpu_features.h"
#include "device_failure.h"
#include "engine_error.h"

#include <ATen/Context.h>
#include <ATen/Parallel.h>
#include <ATen/Version.h>

#include <algorithm>
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#include <fstream>
#include <thread>

namespace gitvqa {

namespace {

std::string lower(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

torch::Device parseDevice(const std::string& requested)
{
    const std::string d = lower(requested);
    if (d.empty() || d == "auto") {
        if (torch::cuda::is_available())
            return torch::Device(torch::kCUDA, 0);
        if (at::hasMPS())
            return torch::Device(torch::kMPS, 0);
        return torch::kCPU;
    }
    if (d == "cpu")
        return torch::kCPU;
    if (d.rfind("cuda", 0) == 0) {
        if (!torch::cuda::is_available())
            throw EngineError("CUDA was requested but no CUDA device is available (this libtorch build or machine has "
                              "none); choose device cpu or auto");
        int index = 0;
        if (d.size() > 5 && d[4] == ':') {
            try {
                index = std::stoi(d.substr(5));
            } catch (...) {
                throw EngineError("Unknown device '" + requested + "'");
            }
        } else if (d != "cuda") {
            throw EngineError("Unknown device '" + requested + "'");
        }
        if (index < 0 || index >= static_cast<int>(torch::cuda::device_count()))
            throw EngineError("CUDA device " + std::to_string(index) + " does not exist ("
                              + std::to_string(torch::cuda::device_count()) + " available)");
        return torch::Device(torch::kCUDA, static_cast<c10::DeviceIndex>(index));
    }
    if (d == "mps") {
        if (!at::hasMPS())
            throw EngineError("MPS (Apple GPU) was requested but is not available on this machine; choose cpu or auto");
        return torch::Device(torch::kMPS, 0);
    }
    throw EngineError("Unknown device '" + requested + "' (use auto, cpu, cuda, cuda:N or mps)");
}

torch::ScalarType parseDtype(const std::string& requested, const torch::Device& device)
{
    const std::string t = lower(requested);
    if (t.empty() || t == "auto") // never bfloat16: emulated on most CPUs, and float16 is as fast on GPUs
        return device.is_cpu() ? torch::kFloat : torch::kHalf;
    if (t == "float32" || t == "fp32" || t == "float")
        return torch::kFloat;
    if (t == "float16" || t == "fp16" || t == "half")
        return torch::kHalf;
    if (t == "bfloat16" || t == "bf16")
        return torch::kBFloat16;
    throw EngineError("Unknown precision '" + requested + "' (use auto, float32, float16 or bfloat16)");
}

// The ops the model uses, once, in the chosen dtype.
void runProbe(const torch::Device& device, torch::ScalarType dtype)
{
    const auto o = torch::TensorOptions().device(device).dtype(dtype);
    torch::Tensor x = torch::randn({2, 4, 8}, torch::kFloat).to(o);
    torch::Tensor w = torch::randn({8, 8}, torch::kFloat).to(o);
    torch::Tensor y = torch::linear(x, w, w[0]);
    y = torch::layer_norm(y, {8}, w[0], w[1], 1e-5);
    y = torch::softmax(torch::matmul(y, y.transpose(-1, -2)), -1);
    y = torch::gelu(y) + torch::sigmoid(y);
    torch::Tensor img = torch::randn({1, 3, 8, 8}, torch::kFloat).to(o);
    y = torch::conv2d(img, torch::randn({4, 3, 4, 4}, torch::kFloat).to(o), {}, 4);
    (void)y.to(torch::kCPU);
}

// Runs the probe so that an unsupported combination fails here, clearly, instead of in the middle of an answer.
void probe(const torch::Device& device, torch::ScalarType dtype)
{
    try {
        try {
            runProbe(device, dtype);
        } catch (const std::exception&) {
            // libtorch 1.13 sends bf16 convolutions to oneDNN whenever the hardware has AVX-512, even when
            // DNNL_MAX_CPU_ISA keeps oneDNN below its bf16 kernels ("could not create a primitive descriptor
            // iterator"). Its own kernels, which an AVX2-only CPU uses anyway, compute it: fall back to them.
            if (!device.is_cpu() || dtype != torch::kBFloat16 || !at::globalContext().userEnabledMkldnn())
                throw;
            at::globalContext().setUserEnabledMkldnn(false);
            runProbe(device, dtype);
        }
    } catch (const std::exception& e) {
        throw EngineError(dtypeName(dtype) + " is not supported on " + deviceName(device)
                          + " by this libtorch build; choose float32" + (device.is_cpu() ? "" : " or another device")
                          + ". (" + describeFailure(e) + ")");
    }
}

// cuDNN convolutions (the patch embedding) and, depending on the version, cuBLAS matmuls default to TF32 on Ampere
// and newer GPUs: 10-bit mantissas that miss the 1e-4 float32 parity target. Both setters exist from libtorch 1.7
// to 2.x. The flags are process-wide; they touch only float32 work, so other dtypes need not restore them.
void disableTf32()
{
    at::globalContext().setAllowTF32CuDNN(false);
    at::globalContext().setAllowTF32CuBLAS(false);
}

} // namespace

torch::Device normalisedDevice(const torch::Device& d)
{
    return d.has_index() ? d : torch::Device(d.type(), 0);
}

bool sameDevice(const torch::Device& a, const torch::Device& b)
{
    return normalisedDevice(a) == normalisedDevice(b);
}

std::string dtypeName(torch::ScalarType t)
{
    switch (t) {
    case torch::kFloat: return "float32";
    case torch::kHalf: return "float16";
    case torch::kBFloat16: return "bfloat16";
    default: return c10::toString(t);
    }
}

std::string deviceName(const torch::Device& d)
{
    return d.str();
}

ComputeChoice chooseCompute(const std::string& device, const std::string& dtype, int threads)
{
    ComputeChoice c;
    c.device = parseDevice(device);
    c.dtype = parseDtype(dtype, c.device);
    if (c.device.is_cpu() && c.dtype == torch::kHalf)
        throw EngineError("float16 is not supported on the CPU; choose float32 or bfloat16");
    c.threads = threads > 0 ? threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    // libtorch came up with one intra-op thread on a 2-core machine here (stack-notes trap 2): always set it.
    at::set_num_threads(c.threads);
#if defined(__GLIBC__)
    // glibc raises its mmap threshold after large frees and then keeps the activations' memory in the heap for
    // good: fixing it returns every large block to the system when freed (1.26 GB -> 1.09 GB peak for git-base).
    // Blocks of 1 MiB and more no longer reach glibc at all: the block cache keeps a bounded set of them for reuse,
    // because returning them made every temporary page-fault in again (cpu_block_cache.h).
    if (c.device.is_cpu())
        mallopt(M_MMAP_THRESHOLD, 1 << 20);
#endif
    if (c.device.is_cpu())
        installCpuBlockCache();
    if (c.device.is_cuda() && c.dtype == torch::kFloat)
        disableTf32();
    probe(c.device, c.dtype);
    c.warning = precisionWarning(deviceName(c.device), dtypeName(c.dtype));
    return c;
}

std::string availableDevices()
{
    std::string out = "cpu";
    if (torch::cuda::is_available()) {
        for (std::size_t i = 0; i < torch::cuda::device_count(); ++i)
            out += ", cuda:" + std::to_string(i);
    }
    if (at::hasMPS())
        out += ", mps";
    return out;
}

std::string blasDescription()
{
    // The library actually mapped into the process tells more than the build flags: Debian's libtorch goes
    // through the libblas.so.3 alternative, which may be the slow reference BLAS or OpenBLAS.
    std::string found;
    std::ifstream maps("/proc/self/maps");
    std::string line;
    while (std::getline(maps, line)) {
        const auto slash = line.find('/');
        if (slash == std::string::npos)
            continue;
        const std::string path = line.substr(slash);
        const std::string l = lower(path);
        std::string name;
        if (l.find("openblas") != std::string::npos)
            name = l.find("openmp") != std::string::npos ? "OpenBLAS (openmp)"
                 : l.find("pthread") != std::string::npos ? "OpenBLAS (pthread)" : "OpenBLAS";
        else if (l.find("libmkl") != std::string::npos)
            name = "MKL";
        else if (l.find("blis") != std::string::npos)
            name = "BLIS";
        else if (l.find("atlas") != std::string::npos)
            name = "ATLAS";
        else if (l.find("accelerate") != std::string::npos)
            name = "Accelerate";
        if (!name.empty()) {
            found = name;
            break;
        }
        if (l.find("libblas.so") != std::string::npos && found.empty())
            found = "reference BLAS (slow: install libopenblas0-openmp)";
    }
    if (!found.empty())
        return found;
    const std::string config = at::show_config();
    const auto pos = config.find("BLAS_INFO=");
    if (pos != std::string::npos)
        return config.substr(pos + 10, config.find_first_of(", \n", pos + 10) - pos - 10);
    return "unknown";
}

void synchronizeDevice(const torch::Device& d)
{
    if (d.is_cuda())
        torch::cuda::synchronize(d.index());
}

} // namespace gitvqa
