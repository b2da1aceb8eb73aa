#pragma once
// Exit codes scripts can rely on. Do not renumber: they are documented in the README.

namespace gitvqa::cli {

enum ExitCode : int {
    ExitOk = 0,
    ExitFailure = 1,       // the operation ran and failed (e.g. a parity check out of tolerance)
    ExitUsage = 2,         // wrong arguments
    ExitModelError = 3,    // model folder missing, unreadable or malformed
    ExitMediaError = 4,    // video missing, unreadable or without a video stream
    ExitInputError = 5,    // other bad input (empty question, unreadable file)
};

} // namespace gitvqa::cli
