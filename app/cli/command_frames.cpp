// Placeholder until core/media lands (issue 3); replaced by the sampler work.
#include "commands.h"
#include "exit_codes.h"
#include <cstdio>
namespace gitvqa::cli {
int runFrames(const QStringList&) { std::fprintf(stderr, "gitvqa frames: not built yet\n"); return ExitFailure; }
}
