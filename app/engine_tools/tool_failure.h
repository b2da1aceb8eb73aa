#pragma once
// How gitvqa-check and gitvqa-bench end on a failure: one sentence on stderr and one JSON object on stdout, so a
// script reading the last line gets a verdict whatever went wrong, including a c10::Error from the device
// (CUDA out of memory, no kernel image for this GPU).

#include "engine/device_failure.h"
#include "engine/engine_error.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <exception>

namespace gitvqa::tools {

// `verdict` holds what the tool knows (e.g. {"pass": false, "device": "cuda"}); "error" is added. Returns the exit
// code: 3 for a model problem the engine diagnosed, 1 for a failure while computing.
inline int reportFailure(const char* tool, const std::exception& e, nlohmann::json verdict)
{
    const std::string message = describeFailure(e);
    std::fprintf(stderr, "%s: %s\n", tool, message.c_str());
    verdict["error"] = message;
    std::printf("%s\n", verdict.dump().c_str());
    return dynamic_cast<const EngineError*>(&e) ? 3 : 1;
}

inline void printWarning(const char* tool, const std::string& warning)
{
    if (!warning.empty())
        std::fprintf(stderr, "%s: warning: %s\n", tool, warning.c_str());
}

} // namespace gitvqa::tools
