// `gitvqa scan VIDEO "QUESTION" [--window W] [--stride S] [--from A --to B] [--json]` and
// `gitvqa describe VIDEO [...]`: one question (or a description, with captioning checkpoints) over consecutive
// windows; one line per window as it finishes, then the answers merged into time ranges.

#include "cli_options.h"
#include "commands.h"
#include "exit_codes.h"

#include "service/exchange_records.h"
#include "service/scan_runner.h"
#include "session/session_store.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

namespace gitvqa::cli {

namespace {

QJsonObject windowJson(const ScanWindowResult& w)
{
    QJsonObject o{{QStringLiteral("index"), w.index},   {QStringLiteral("start"), w.start},
                  {QStringLiteral("end"), w.end},       {QStringLiteral("answer"), w.answer},
                  {QStringLiteral("context_reused"), w.contextReused}, {QStringLiteral("ms"), w.ms}};
    if (w.yesProbability)
        o.insert(QStringLiteral("yes_probability"), *w.yesProbability);
    if (w.yesShare)
        o.insert(QStringLiteral("yes_share"), *w.yesShare);
    QJsonArray times;
    for (double t : w.frameTimes)
        times.append(t);
    o.insert(QStringLiteral("frame_times"), times);
    o.insert(QStringLiteral("frames_reused"), w.framesReused);
    return o;
}

int scanCommand(const QStringList& args, bool describe)
{
    const char* name = describe ? "describe" : "scan";
    QCommandLineParser p;
    p.setApplicationDescription(describe ? QStringLiteral("Describe every window of a video (captioning checkpoints).")
                                         : QStringLiteral("Ask one question of every window of a video."));
    p.addHelpOption();
    p.addPositionalArgument(QStringLiteral("video"), QStringLiteral("The video file."));
    if (!describe)
        p.addPositionalArgument(QStringLiteral("question"), QStringLiteral("The question (quote it)."));
    p.addOption({QStringLiteral("window"), QStringLiteral("Seconds per window (default 10)."), QStringLiteral("W"), QStringLiteral("10")});
    p.addOption({QStringLiteral("stride"), QStringLiteral("Seconds between window starts (default: the window, no overlap)."), QStringLiteral("S")});
    p.addOption({QStringLiteral("from"), QStringLiteral("Scan from this time (default 0)."), QStringLiteral("A")});
    p.addOption({QStringLiteral("to"), QStringLiteral("Scan until this time (default: the end)."), QStringLiteral("B")});
    p.addOption({QStringLiteral("json"), QStringLiteral("Print one JSON object with every window and the merged ranges.")});
    p.addOption({QStringLiteral("session"), QStringLiteral("Append the scan to this session file (created if absent)."), QStringLiteral("FILE")});
    addModelOptions(p);
    addGenerationOptions(p);
    if (!p.parse(QStringList{QStringLiteral("gitvqa ") + QLatin1String(name)} + args)) {
        printError(name, p.errorText());
        return ExitUsage;
    }
    if (p.isSet(QStringLiteral("help"))) {
        std::printf("%s", qPrintable(p.helpText()));
        return ExitOk;
    }
    const QStringList pos = p.positionalArguments();
    if (pos.size() != (describe ? 1 : 2)) {
        printError(name, describe ? QStringLiteral("usage: gitvqa describe VIDEO [options]")
                                  : QStringLiteral("usage: gitvqa scan VIDEO \"QUESTION\" [options]"));
        return ExitUsage;
    }
    ScanRequest r;
    r.videoPath = QFileInfo(pos[0]).absoluteFilePath();
    r.describe = describe;
    r.question = describe ? QString() : pos[1];
    QString error;
    double window = 0, stride = 0, from = 0, to = -1;
    if (!parseTime(p.value(QStringLiteral("window")), &window) || window <= 0
        || (p.isSet(QStringLiteral("stride")) && (!parseTime(p.value(QStringLiteral("stride")), &stride) || stride <= 0))
        || (p.isSet(QStringLiteral("from")) && !parseTime(p.value(QStringLiteral("from")), &from))
        || (p.isSet(QStringLiteral("to")) && (!parseTime(p.value(QStringLiteral("to")), &to) || to <= from))) {
        printError(name, QStringLiteral("--window and --stride take positive seconds; --from must be before --to"));
        return ExitUsage;
    }
    r.window = window;
    r.stride = stride;
    r.from = from;
    r.to = to;
    if (!generationOptionsFrom(p, &r.generation, &error)) {
        printError(name, error);
        return ExitUsage;
    }
    if (!describe && r.question.trimmed().isEmpty()) {
        printError(name, QStringLiteral("the question is empty. Type what to look for in every window."));
        return ExitInputError;
    }
    if (!QFileInfo(r.videoPath).isFile()) {
        printError(name, QStringLiteral("the video %1 does not exist.").arg(pos[0]));
        return ExitMediaError;
    }
    auto model = loadModelOrExplain(p, name);
    if (!model)
        return ExitModelError;

    const bool json = p.isSet(QStringLiteral("json"));
    AnswerPipeline pipeline;
    ScanCallbacks cb;
    cb.windowDone = [&](const ScanWindowResult& w) {
        if (!json)
            std::printf("%s–%s  %s\n", qPrintable(formatTimestamp(w.start)), qPrintable(formatTimestamp(w.end)), qPrintable(w.answer));
        std::fflush(stdout);
    };
    cb.progress = [](int done, int total, double left) {
        std::fprintf(stderr, "\r[%d/%d] about %.0f s left   ", done, total, left);
    };
    try {
        const ScanOutcome out = runScan(pipeline, *model, r, cb);
        std::fprintf(stderr, "\n");
        const auto merged = mergeScanAnswers(out.windows);
        if (json) {
            QJsonArray windows;
            for (const auto& w : out.windows)
                windows.append(windowJson(w));
            QJsonArray answers;
            for (const auto& a : merged) {
                QJsonArray ranges;
                for (const auto& s : a.ranges)
                    ranges.append(QJsonArray{s.start, s.end});
                answers.append(QJsonObject{{QStringLiteral("answer"), a.answer}, {QStringLiteral("ranges"), ranges}});
            }
            const QJsonObject o{{QStringLiteral("video"), r.videoPath},  {QStringLiteral("question"), r.question},
                                {QStringLiteral("window"), r.window},    {QStringLiteral("stride"), r.stride > 0 ? r.stride : r.window},
                                {QStringLiteral("windows"), windows},    {QStringLiteral("answers"), answers},
                                {QStringLiteral("summary"), describeAnswerRanges(merged)},
                                {QStringLiteral("model"), model->displayName()}, {QStringLiteral("ms"), out.ms},
                                {QStringLiteral("seconds"), out.ms / 1000.0},
                                {QStringLiteral("seconds_per_window"), out.windows.isEmpty() ? 0.0 : out.ms / 1000.0 / out.windows.size()},
                                {QStringLiteral("frames_encoded"), out.framesEncoded()},
                                {QStringLiteral("frames_reused"), out.framesReused()}};
            std::printf("%s\n", QJsonDocument(o).toJson(QJsonDocument::Compact).constData());
        } else {
            std::printf("\n%s\n", qPrintable(describeAnswerRanges(merged)));
        }
        if (p.isSet(QStringLiteral("session"))) {
            const EngineInfo& info = model->engine->info();
            QString sessionError;
            if (!SessionStore::appendToFile(p.value(QStringLiteral("session")), r.videoPath,
                                            exchangeFromScan(r, out.windows, model->displayName(),
                                                             QString::fromStdString(info.device),
                                                             QString::fromStdString(info.dtype), out.cancelled),
                                            &sessionError)) {
                printError(name, QStringLiteral("the scan could not be saved to the session: %1").arg(sessionError));
                return ExitInputError;
            }
        }
        return ExitOk;
    } catch (const UserError& e) {
        printError(name, e.message());
        return exitCodeFor(e);
    } catch (const std::exception& e) {
        printError(name, QString::fromUtf8(e.what()));
        return ExitFailure;
    }
}

} // namespace

int runScan(const QStringList& args) { return scanCommand(args, false); }
int runDescribe(const QStringList& args) { return scanCommand(args, true); }

} // namespace gitvqa::cli
