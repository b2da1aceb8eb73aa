// `gitvqa export SESSION --format F [-o FILE]`: a saved session as Markdown, JSON, CSV, SRT, WebVTT or HTML.
// Read-only on the session: an unreadable or newer file is reported, never renamed (that is the app's job when it
// opens the video).

#include "commands.h"
#include "exit_codes.h"

#include "session/session_exporter.h"
#include "session/session_file.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QSaveFile>

#include <cstdio>

namespace gitvqa::cli {

namespace {

const char kExportHelp[] =
    "usage: gitvqa export SESSION (--format F | -o FILE.EXT) [-o FILE]\n"
    "       gitvqa export --list-formats\n"
    "\n"
    "Renders a saved session (a .json file from the app's sessions folder, or from `gitvqa ask --session`).\n"
    "\n"
    "options:\n"
    "  --format F       markdown (md), json, csv, srt, vtt (webvtt) or html; without it, taken from -o's ending\n"
    "  -o, --output F   write to file F (replaced atomically) instead of stdout; '-' is stdout\n"
    "  --list-formats   print the formats: id, file ending, name\n"
    "  -h, --help       show this help\n"
    "\n"
    "exit codes: 0 ok, 1 the output could not be written, 2 wrong arguments, 5 session missing or unreadable\n";

int usageError(const QString& message)
{
    std::fprintf(stderr, "gitvqa export: %s\n(see 'gitvqa export --help')\n", qPrintable(message));
    return ExitUsage;
}

QString formatIds()
{
    QStringList ids;
    for (const SessionExporter* e : allExporters())
        ids.append(e->formatId());
    return ids.join(QStringLiteral(", "));
}

bool writeAll(FILE* to, const QByteArray& bytes)
{
    return std::fwrite(bytes.constData(), 1, size_t(bytes.size()), to) == size_t(bytes.size()) && std::fflush(to) == 0;
}

} // namespace

int runExport(const QStringList& args)
{
    QCommandLineParser parser;
    const QCommandLineOption helpOption(QStringList{QStringLiteral("h"), QStringLiteral("help")});
    const QCommandLineOption formatOption(QStringLiteral("format"), QString(), QStringLiteral("F"));
    const QCommandLineOption outputOption(QStringList{QStringLiteral("o"), QStringLiteral("output")}, QString(),
                                          QStringLiteral("FILE"));
    const QCommandLineOption listOption(QStringLiteral("list-formats"));
    parser.addOptions({helpOption, formatOption, outputOption, listOption});
    // QCommandLineParser treats the first entry as the program name.
    if (!parser.parse(QStringList{QStringLiteral("gitvqa")} + args))
        return usageError(parser.errorText());
    if (parser.isSet(helpOption)) {
        std::fputs(kExportHelp, stdout);
        return ExitOk;
    }
    if (parser.isSet(listOption)) {
        QString list;
        for (const SessionExporter* e : allExporters())
            list += QStringLiteral("%1\t.%2\t%3\n").arg(e->formatId(), e->fileExtension(), e->displayName());
        return writeAll(stdout, list.toUtf8()) ? ExitOk : ExitFailure;
    }

    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1)
        return usageError(positional.isEmpty() ? QStringLiteral("no SESSION file given")
                                               : QStringLiteral("give exactly one SESSION file"));
    const QString output = parser.value(outputOption);
    const bool toStdout = output.isEmpty() || output == QLatin1String("-");

    const SessionExporter* exporter = nullptr;
    if (parser.isSet(formatOption)) {
        exporter = exporterFor(parser.value(formatOption));
        if (!exporter)
            return usageError(QStringLiteral("unknown format '%1' (formats: %2)")
                                  .arg(parser.value(formatOption), formatIds()));
    } else if (!toStdout) {
        exporter = exporterFor(QFileInfo(output).suffix());
        if (!exporter)
            return usageError(QStringLiteral("cannot tell the format from '%1'; give --format (%2)")
                                  .arg(output, formatIds()));
    } else {
        return usageError(QStringLiteral("give --format (%1)").arg(formatIds()));
    }

    const QString sessionPath = positional.first();
    const SessionRead read = readSessionFile(sessionPath);
    if (read.status != SessionReadStatus::Ok) {
        std::fprintf(stderr, "gitvqa export: %s: %s\n", qPrintable(QDir::toNativeSeparators(sessionPath)),
                     qPrintable(read.error));
        return ExitInputError;
    }
    const QByteArray bytes = exporter->render(read.session);

    if (toStdout)
        return writeAll(stdout, bytes) ? ExitOk : ExitFailure;
    QSaveFile file(output);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        std::fprintf(stderr, "gitvqa export: cannot write %s: %s\n", qPrintable(QDir::toNativeSeparators(output)),
                     qPrintable(file.errorString()));
        return ExitFailure;
    }
    return ExitOk;
}

} // namespace gitvqa::cli
