// `gitvqa download [REPO] [--revision R] [--token-file F]`: the app's downloader, headless, into the Hugging Face
// cache (HF_HUB_CACHE / HF_HOME), so `gitvqa ask` and the app then find the model with no --model, and Python's
// from_pretrained uses the same copy. A progress bar on stderr when it is a terminal, one line a file otherwise;
// the snapshot folder on stdout; exit 0 only when every file is verified.

#include "commands.h"
#include "exit_codes.h"

#include "models/hf_cache.h"
#include "models/model_catalog.h"
#include "models/model_downloader.h"
#include "models/model_inspector.h"
#include "models/saved_token.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>

#include <cstdio>
#include <unistd.h>

namespace gitvqa::cli {

namespace {

const char kDownloadHelp[] =
    "usage: gitvqa download [REPO] [--revision R] [--token-file F] [--cache-dir D]\n"
    "\n"
    "Downloads a GIT checkpoint from the Hugging Face Hub (default: microsoft/git-base-msrvtt-qa) into the Hugging\n"
    "Face cache, verifying every file; an interrupted download resumes when run again. Prints the snapshot folder.\n"
    "\n"
    "options:\n"
    "  --revision R     branch, tag or commit (default main)\n"
    "  --token-file F   read the access token from file F (gated or private models); otherwise HF_TOKEN, the\n"
    "                   token saved in the app's Settings, then HF_TOKEN_PATH or $HF_HOME/token (`hf auth login`)\n"
    "  --cache-dir D    the cache folder (default HF_HUB_CACHE, else $HF_HOME/hub, else ~/.cache/huggingface/hub)\n"
    "  -h, --help       show this help\n"
    "\n"
    "environment: HF_ENDPOINT (a mirror), HF_HUB_OFFLINE=1 (no network: only checks the cache), https_proxy,\n"
    "             HTTPS_PROXY, no_proxy\n"
    "exit codes: 0 every file verified, 1 the download failed (run again to resume), 2 wrong arguments,\n"
    "            3 the repo is not a usable GIT model, 5 the token file cannot be read\n";

int usageError(const QString& message)
{
    std::fprintf(stderr, "gitvqa download: %s\n(see 'gitvqa download --help')\n", qPrintable(message));
    return ExitUsage;
}

QString clock(double seconds)
{
    if (seconds < 0)
        return QStringLiteral("--:--");
    const qint64 s = qint64(seconds + 0.5);
    return s >= 3600 ? QStringLiteral("%1:%2:%3").arg(s / 3600).arg(s / 60 % 60, 2, 10, QLatin1Char('0'))
                           .arg(s % 60, 2, 10, QLatin1Char('0'))
                     : QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

// Everything the run prints on stderr: a redrawn bar on a terminal, plain lines elsewhere.
class Reporter {
public:
    explicit Reporter(bool terminal) : m_terminal(terminal) {}

    void line(const QString& text)
    {
        clearBar();
        std::fprintf(stderr, "%s\n", qPrintable(text));
        std::fflush(stderr);
    }

    void bar(qint64 done, qint64 total, double speed, double left, const QString& file)
    {
        if (!m_terminal)
            return;
        const int width = 24;
        const double fraction = total > 0 ? qBound(0.0, double(done) / double(total), 1.0) : 0.0;
        const int filled = int(fraction * width);
        const QString bar = QString(filled, QLatin1Char('#')) + QString(width - filled, QLatin1Char('.'));
        const QString text = QStringLiteral("[%1] %2%  %3 / %4  %5/s  %6 left  %7")
                                 .arg(bar)
                                 .arg(int(fraction * 100), 3)
                                 .arg(formatByteSize(done), total >= 0 ? formatByteSize(total) : QStringLiteral("?"),
                                      formatByteSize(qint64(speed)), clock(left), file);
        std::fprintf(stderr, "\r\033[K%s", qPrintable(text.left(160)));
        std::fflush(stderr);
        m_barShown = true;
    }

    void clearBar()
    {
        if (m_barShown)
            std::fprintf(stderr, "\r\033[K");
        m_barShown = false;
    }

private:
    bool m_terminal;
    bool m_barShown = false;
};

} // namespace

int runDownload(const QStringList& args)
{
    QCommandLineParser parser;
    const QCommandLineOption helpOption(QStringList{QStringLiteral("h"), QStringLiteral("help")});
    const QCommandLineOption revisionOption(QStringLiteral("revision"), QString(), QStringLiteral("R"),
                                            QStringLiteral("main"));
    const QCommandLineOption tokenFileOption(QStringLiteral("token-file"), QString(), QStringLiteral("F"));
    const QCommandLineOption cacheOption(QStringLiteral("cache-dir"), QString(), QStringLiteral("D"));
    parser.addOptions({helpOption, revisionOption, tokenFileOption, cacheOption});
    parser.addPositionalArgument(QStringLiteral("repo"), QString());
    if (!parser.parse(QStringList{QStringLiteral("gitvqa download")} + args))
        return usageError(parser.errorText());
    if (parser.isSet(helpOption)) {
        std::fputs(kDownloadHelp, stdout);
        return ExitOk;
    }
    if (parser.positionalArguments().size() > 1)
        return usageError(QStringLiteral("one repo at a time"));
    const QString repo = parser.positionalArguments().value(0, ModelCatalog::defaultRepoId());

    ModelDownloader downloader;
    if (parser.isSet(tokenFileOption)) {
        const QString path = parser.value(tokenFileOption);
        const HubToken token = readHubTokenFile(path, QStringLiteral("--token-file %1").arg(path));
        if (token.isEmpty()) {
            std::fprintf(stderr, "gitvqa download: cannot read a token from %s: the file is missing, unreadable or "
                                 "empty. Put the access token from https://huggingface.co/settings/tokens in it.\n",
                         qPrintable(path));
            return ExitInputError;
        }
        downloader.setPreferredToken(token);
    } else {
        downloader.setPreferredToken(savedHubToken());
    }

    Reporter report(::isatty(STDERR_FILENO) == 1);
    int exitCode = ExitFailure;
    QString snapshot;
    QEventLoop loop;
    QObject::connect(&downloader, &ModelDownloader::statusChanged, &loop, [&](const QString& status) {
        // File-by-file lines come from fileDone; the rest (retries, waits, offline) is worth a line each.
        if (!status.startsWith(QLatin1String("Downloading ")))
            report.line(status);
    });
    QObject::connect(&downloader, &ModelDownloader::progress, &loop,
                     [&](qint64 done, qint64 total, double speed, double left, const QString& file) {
                         report.bar(done, total, speed, left, file);
                     });
    QObject::connect(&downloader, &ModelDownloader::fileDone, &loop,
                     [&](const QString& path, qint64 size, bool downloaded) {
                         report.line(QStringLiteral("%1  %2  %3").arg(path, formatByteSize(size),
                                                                      downloaded ? QStringLiteral("downloaded, verified")
                                                                                 : QStringLiteral("already in the cache")));
                     });
    QObject::connect(&downloader, &ModelDownloader::finished, &loop, [&](const QString& dir) {
        snapshot = dir;
        exitCode = ExitOk;
        loop.quit();
    });
    QObject::connect(&downloader, &ModelDownloader::failed, &loop, [&](const QString& message) {
        report.line(QStringLiteral("gitvqa download: ") + message);
        exitCode = message.contains(QLatin1String("not a GIT model")) || message.contains(QLatin1String("cannot be used"))
                       ? ExitModelError
                       : ExitFailure;
        loop.quit();
    });
    downloader.start(repo, parser.value(revisionOption), parser.value(cacheOption));
    loop.exec();
    report.clearBar();
    if (exitCode == ExitOk)
        std::printf("%s\n", qPrintable(QDir::toNativeSeparators(snapshot)));
    return exitCode;
}

} // namespace gitvqa::cli
