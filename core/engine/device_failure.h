#pragma once
// What libtorch throws from a device (c10::Error: CUDA out of memory, no kernel image for this GPU, a driver older
// than the CUDA runtime) carries a C++ backtrace and CUDA jargon. These turn any exception into one sentence a
// person can act on, for the tools, the CLI and the worker; EngineError messages pass through unchanged.
// Torch-free header: the Qt side includes it.

#include <exception>
#include <string>

namespace gitvqa {

std::string describeFailure(const std::exception& e);
// Same, from a message (what_without_backtrace of a c10::Error, or any what()).
std::string describeFailureMessage(const std::string& message);

// The GPU (CUDA or MPS) had no memory left for this work: a case for falling back to the CPU. Also true for the
// sentence describeFailure made of such an error, so wrapped errors (UserError) are recognised too.
bool isOutOfDeviceMemory(const std::exception& e);
bool isOutOfDeviceMemoryMessage(const std::string& message);

} // namespace gitvqa
