// `gitvqa`: the command-line face of the app. Each subcommand lives in its own file under app/cli/.

#include "commands.h"
#include "exit_codes.h"
#include "engine/openmp_wait.h"

#include <QCoreApplication>
#include <QTextStream>

#include <cstdio>
#include <functional>

namespace {

struct Command {
    const char* name;
    const char* summary;
    std::function<int(const QStringList&)> run;
};

const Command kCommands[] = {
    {"tokenize", "print the WordPiece ids of a text", gitvqa::cli::runTokenize},
    {"detokenize", "print the text of WordPiece ids", gitvqa::cli::runDetokenize},
    {"ask", "ask a question about a segment of a video", gitvqa::cli::runAsk},
    {"batch", "answer questions from a JSONL file", gitvqa::cli::runBatch},
    {"scan", "ask one question of every window of a video", gitvqa::cli::runScan},
    {"describe", "describe every window of a video (captioning models)", gitvqa::cli::runDescribe},
    {"eval", "exact-match accuracy on MSRVTT-QA style annotations", gitvqa::cli::runEval},
    {"bench", "benchmark the engine and a whole question (JSON)", gitvqa::cli::runBench},
    {"frames", "sample frames of a video to PNG + frames.json", gitvqa::cli::runFrames},
    {"download", "download a GIT model from the Hugging Face Hub into its cache", gitvqa::cli::runDownload},
    {"export", "export a session as Markdown, JSON, CSV, SRT, WebVTT or HTML", gitvqa::cli::runExport},
};

void printUsage(FILE* to)
{
    std::fprintf(to, "usage: gitvqa COMMAND [ARGS...]\n\ncommands:\n");
    for (const Command& c : kCommands)
        std::fprintf(to, "  %-12s %s\n", c.name, c.summary);
    std::fprintf(to, "\n'gitvqa COMMAND --help' describes one command.\n");
}

} // namespace

int main(int argc, char** argv)
{
    gitvqa::preferPassiveOpenMpWaiting(argv);   // before any thread: libgomp reads it when loaded
    // A core application: PNG writing through QImage needs no display, so the tool runs on servers as is.
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("gitvqa"));

    QStringList args = QCoreApplication::arguments();
    args.removeFirst();
    if (args.isEmpty() || args.first() == QLatin1String("--help") || args.first() == QLatin1String("-h")) {
        printUsage(args.isEmpty() ? stderr : stdout);
        return args.isEmpty() ? gitvqa::cli::ExitUsage : gitvqa::cli::ExitOk;
    }
    const QString name = args.takeFirst();
    for (const Command& c : kCommands) {
        if (name == QLatin1String(c.name))
            return c.run(args);
    }
    std::fprintf(stderr, "gitvqa: unknown command '%s'\n\n", qPrintable(name));
    printUsage(stderr);
    return gitvqa::cli::ExitUsage;
}
