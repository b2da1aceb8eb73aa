// `gitvqa`: the command-line face of the app. Each subcommand lives in its own file under app/cli/.

#include "commands.h"
#include "exit_codes.h"

#include <QGuiApplication>
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
    {"frames", "sample frames of a video to PNG + frames.json", gitvqa::cli::runFrames},
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
    // QGuiApplication (offscreen when there is no display) so PNG writing and fonts work headless.
    if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")
        && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
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
