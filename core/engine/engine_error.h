#pragma once
// Every failure the engine reports is an EngineError with a message a person can act on
// (which file, which field or tensor, what was expected, what was found).

#include <functional>
#include <stdexcept>
#include <string>

namespace gitvqa {

class EngineError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// "Stop now?" for long operations (a model load): polled between tensors, so Quit never waits for a whole
// checkpoint to be read from a slow disk or share. Empty = never.
using CancelCheckFn = std::function<bool()>;

// Thrown when a CancelCheckFn said yes: not a failure to report, the caller asked for it.
class EngineCancelled : public EngineError {
public:
    EngineCancelled() : EngineError("Cancelled.") {}
};

inline void throwIfCancelled(const CancelCheckFn& cancelled)
{
    if (cancelled && cancelled())
        throw EngineCancelled();
}

} // namespace gitvqa
