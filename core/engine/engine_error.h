#pragma once
// Every failure the engine reports is an EngineError with a message a person can act on
// (which file, which field or tensor, what was expected, what was found).

#include <stdexcept>
#include <string>

namespace gitvqa {

class EngineError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

} // namespace gitvqa
