#include "device_failure.h"

#include "engine_error.h"

#include <c10/util/Exception.h>

namespace gitvqa {

namespace {

bool contains(const std::string& s, const char* part) { return s.find(part) != std::string::npos; }

// libtorch's messages run to many lines (hints, backtrace); the first says what happened.
std::string firstLine(const std::string& s)
{
    std::string line = s.substr(0, s.find('\n'));
    const std::size_t limit = 300;
    if (line.size() > limit)
        line = line.substr(0, limit) + "...";
    return line;
}

std::string messageOf(const std::exception& e)
{
    if (const auto* c10 = dynamic_cast<const c10::Error*>(&e))
        return c10->what_without_backtrace();
    return e.what();
}

} // namespace

bool isOutOfDeviceMemoryMessage(const std::string& m)
{
    // "CUDA out of memory. Tried to allocate ...", "CUDA error: out of memory", "MPS backend out of memory";
    // cuBLAS and cuDNN report the same condition when they cannot allocate their workspace or handle.
    return contains(m, "out of memory") || contains(m, "CUBLAS_STATUS_ALLOC_FAILED")
        || contains(m, "CUDNN_STATUS_ALLOC_FAILED");
}

bool isOutOfDeviceMemory(const std::exception& e)
{
    return isOutOfDeviceMemoryMessage(messageOf(e));
}

std::string describeFailureMessage(const std::string& m)
{
    const std::string detail = firstLine(m);
    if (contains(m, "DefaultCPUAllocator") || contains(m, "can't allocate memory"))
        return "Not enough RAM for this model (" + detail + "). Close other programs or choose a smaller model.";
    if (isOutOfDeviceMemoryMessage(m))
        return "The GPU ran out of memory (" + detail + "). Close other programs that use the GPU, choose float16, "
               "or choose device cpu.";
    if (contains(m, "no kernel image is available"))
        return "This libtorch build has no CUDA kernels for this GPU's architecture (" + detail + "). Install a "
               "libtorch/PyTorch build made for this GPU, or choose device cpu.";
    if (contains(m, "driver version is insufficient"))
        return "The NVIDIA driver is too old for this libtorch's CUDA runtime (" + detail + "). Update the driver, "
               "or choose device cpu.";
    if (contains(m, "CUDA error") || contains(m, "CUBLAS_STATUS") || contains(m, "CUDNN_STATUS"))
        return "The GPU failed (" + detail + "). Try again, or choose device cpu.";
    return detail;
}

std::string describeFailure(const std::exception& e)
{
    if (dynamic_cast<const EngineError*>(&e))
        return e.what(); // already written for a person
    const std::string m = messageOf(e);
    const std::string d = describeFailureMessage(m);
    return dynamic_cast<const c10::Error*>(&e) && d == firstLine(m) ? "libtorch failed: " + d : d;
}

} // namespace gitvqa
