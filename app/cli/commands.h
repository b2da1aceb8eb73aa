#pragma once
// The `gitvqa` subcommands. Each takes the arguments after its own name, writes results to stdout and errors to
// stderr, and returns the process exit code (see exit_codes.h).

#include <QStringList>

namespace gitvqa::cli {

int runTokenize(const QStringList& args);
int runDetokenize(const QStringList& args);
int runFrames(const QStringList& args);
int runAsk(const QStringList& args);
int runBatch(const QStringList& args);
int runEval(const QStringList& args);
int runBench(const QStringList& args);
int runScan(const QStringList& args);
int runDescribe(const QStringList& args);
int runExport(const QStringList& args);
int runDownload(const QStringList& args);

} // namespace gitvqa::cli
