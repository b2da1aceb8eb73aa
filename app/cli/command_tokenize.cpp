// Placeholder until core/text lands (issue 3); replaced by the tokenizer work.
#include "commands.h"
#include "exit_codes.h"
#include <cstdio>
namespace gitvqa::cli {
int runTokenize(const QStringList&) { std::fprintf(stderr, "gitvqa tokenize: not built yet\n"); return ExitFailure; }
int runDetokenize(const QStringList&) { std::fprintf(stderr, "gitvqa detokenize: not built yet\n"); return ExitFailure; }
}
