#include "cli_options.h"

#include "exit_codes.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QSettings>

#include "models/model_locator.h"
#include "service/clock_time.h"
#include "service/exchange_records.h"

#include <cstdio>

namespace gitvqa::cli {

void printError(const char* command, const QString& message)
{
    std::fprintf(stderr, "gitvqa %s: %s\n", command, qPrintable(message));
}

int exitCodeFor(const UserError& e)
{
    switch (e.kind()) {
    case UserError::Kind::Media: return ExitMediaError;
    case UserError::Kind::Model: return ExitModelError;
    case UserError::Kind::Engine: return ExitFailure;
    case UserError::Kind::Cancelled: return ExitFailure;
    case UserError::Kind::Input: break;
    }
    return ExitInputError;
}

void addModelOptions(QCommandLineParser& p)
{
    p.addOption({QStringLiteral("model"), QStringLiteral("Model folder (Hugging Face layout)."), QStringLiteral("DIR")});
    p.addOption({QStringLiteral("device"), QStringLiteral("auto, cpu, cuda, cuda:N or mps (default auto)."), QStringLiteral("D"), QStringLiteral("auto")});
    p.addOption({QStringLiteral("dtype"), QStringLiteral("auto, float32, float16 or bfloat16 (default auto)."), QStringLiteral("T"), QStringLiteral("auto")});
    p.addOption({QStringLiteral("threads"), QStringLiteral("CPU threads (default: all cores)."), QStringLiteral("N"), QStringLiteral("0")});
    p.addOption({QStringLiteral("weights"),
                 QStringLiteral("How the CPU keeps the decoder's weights: float32, int8 or bf16 (default float32). "
                                "int8 and bf16 answer faster and drift slightly from float32."),
                 QStringLiteral("W"), QStringLiteral("float32")});
}

void addGenerationOptions(QCommandLineParser& p)
{
    p.addOption({QStringLiteral("max-new-tokens"), QStringLiteral("Longest answer in tokens (default 20)."), QStringLiteral("N"), QStringLiteral("20")});
    p.addOption({QStringLiteral("beams"), QStringLiteral("Beam search with N beams (default 1: greedy)."), QStringLiteral("N"), QStringLiteral("1")});
    p.addOption({QStringLiteral("sample"), QStringLiteral("Sample instead of taking the most likely token.")});
    p.addOption({QStringLiteral("temperature"), QStringLiteral("Sampling temperature (default 1)."), QStringLiteral("X"), QStringLiteral("1")});
    p.addOption({QStringLiteral("top-k"), QStringLiteral("Sample among the k most likely tokens (default 50, 0 = all)."), QStringLiteral("K"), QStringLiteral("50")});
    p.addOption({QStringLiteral("top-p"), QStringLiteral("Sample within probability mass p (default 1)."), QStringLiteral("P"), QStringLiteral("1")});
    p.addOption({QStringLiteral("seed"), QStringLiteral("Sampling seed (default 0)."), QStringLiteral("S"), QStringLiteral("0")});
}

EngineOptions engineOptionsFrom(const QCommandLineParser& p)
{
    EngineOptions o;
    o.device = p.value(QStringLiteral("device")).toStdString();
    o.dtype = p.value(QStringLiteral("dtype")).toStdString();
    o.threads = p.value(QStringLiteral("threads")).toInt();
    o.weights = p.value(QStringLiteral("weights")).toStdString();
    return o;
}

bool generationOptionsFrom(const QCommandLineParser& p, GenerationOptions* out, QString* error)
{
    bool ok1 = false, ok2 = false, ok3 = false, ok4 = false, ok5 = false, ok6 = false;
    out->maxNewTokens = p.value(QStringLiteral("max-new-tokens")).toInt(&ok1);
    out->numBeams = p.value(QStringLiteral("beams")).toInt(&ok2);
    out->doSample = p.isSet(QStringLiteral("sample"));
    out->temperature = p.value(QStringLiteral("temperature")).toDouble(&ok3);
    out->topK = p.value(QStringLiteral("top-k")).toInt(&ok4);
    out->topP = p.value(QStringLiteral("top-p")).toDouble(&ok5);
    out->seed = p.value(QStringLiteral("seed")).toULongLong(&ok6);
    if (!(ok1 && ok2 && ok3 && ok4 && ok5 && ok6) || out->maxNewTokens < 1 || out->maxNewTokens > 1000
        || out->numBeams < 1 || out->numBeams > 32 || out->temperature <= 0 || out->topK < 0 || out->topP <= 0
        || out->topP > 1) {
        *error = QStringLiteral("bad decoding option: --max-new-tokens 1..1000, --beams 1..32, --temperature > 0, "
                                "--top-k >= 0, 0 < --top-p <= 1");
        return false;
    }
    return true;
}

QString resolveModelDir(const QCommandLineParser& p, QString* whyNot)
{
    if (p.isSet(QStringLiteral("model")))
        return p.value(QStringLiteral("model")); // loading says precisely what is wrong with an explicit folder
    ModelLocator locator;
    const QString configured = QSettings(QStringLiteral("gitvqa"), QStringLiteral("gitvqa")).value(QStringLiteral("model/dir")).toString();
    if (!configured.isEmpty())
        locator.setConfiguredFolders({configured});
    const ModelResolution r = locator.resolve();
    if (r.found)
        return r.model.path;
    if (whyNot)
        *whyNot = r.message;
    return {};
}

std::unique_ptr<ModelBundle> loadModelOrExplain(const QCommandLineParser& p, const char* command)
{
    QString whyNot;
    const QString dir = resolveModelDir(p, &whyNot);
    if (dir.isEmpty()) {
        printError(command, QStringLiteral("no model found. Pass --model DIR. ") + whyNot);
        return nullptr;
    }
    try {
        return ModelBundle::load(dir, engineOptionsFrom(p));
    } catch (const UserError& e) {
        printError(command, e.message());
        return nullptr;
    }
}

bool parseTime(const QString& text, double* seconds) { return parseClockTime(text, seconds); }

QJsonObject answerJson(const AnswerResult& r, const QString& videoPath)
{
    auto ids = [](const std::vector<std::int64_t>& v) {
        QJsonArray a;
        for (auto id : v)
            a.append(static_cast<double>(id));
        return a;
    };
    auto times = [](const QVector<double>& v) {
        QJsonArray a;
        for (double t : v)
            a.append(t);
        return a;
    };
    QJsonObject o;
    o[QStringLiteral("video")] = videoPath;
    o[QStringLiteral("question")] = r.question;
    o[QStringLiteral("answer")] = r.answer;
    o[QStringLiteral("prompt_ids")] = ids(r.promptIds);
    o[QStringLiteral("answer_ids")] = ids(r.answerIds);
    o[QStringLiteral("question_truncated")] = r.questionTruncated;
    o[QStringLiteral("segment")] = QJsonObject{{QStringLiteral("start"), r.segment.start}, {QStringLiteral("end"), r.segment.end}};
    o[QStringLiteral("frame_times")] = times(r.segment.frameTimes);
    o[QStringLiteral("requested_times")] = times(r.segment.requestedTimes);
    o[QStringLiteral("context_reused")] = r.contextReused;
    o[QStringLiteral("stop_reason")] = r.stopReason;
    o[QStringLiteral("model")] = r.model;
    o[QStringLiteral("device")] = r.device;
    o[QStringLiteral("dtype")] = r.dtype;
    o[QStringLiteral("timings")] = timingsJson(r);
    return o;
}

bool segmentFrom(const QCommandLineParser& p, SegmentSpec* out, QString* error)
{
    const bool at = p.isSet(QStringLiteral("at"));
    const bool range = p.isSet(QStringLiteral("from")) || p.isSet(QStringLiteral("to"));
    if (at == range) {
        *error = QStringLiteral("give either --at T [--window W] or --from A --to B");
        return false;
    }
    if (at) {
        double t = 0, w = 0;
        if (!parseTime(p.value(QStringLiteral("at")), &t) || !parseTime(p.value(QStringLiteral("window")), &w) || w <= 0) {
            *error = QStringLiteral("--at and --window take seconds or clock times (e.g. 41.5, 1:02:03)");
            return false;
        }
        *out = SegmentSpec::around(t, w);
        return true;
    }
    double a = 0, b = 0;
    if (!p.isSet(QStringLiteral("from")) || !p.isSet(QStringLiteral("to")) || !parseTime(p.value(QStringLiteral("from")), &a)
        || !parseTime(p.value(QStringLiteral("to")), &b) || b <= a) {
        *error = QStringLiteral("--from A --to B needs two times with A < B");
        return false;
    }
    *out = SegmentSpec::range(a, b);
    return true;
}

void addSegmentOptions(QCommandLineParser& p)
{
    p.addOption({QStringLiteral("at"), QStringLiteral("Ask about the window around time T."), QStringLiteral("T")});
    p.addOption({QStringLiteral("window"), QStringLiteral("Width of that window in seconds (default 10)."), QStringLiteral("W"), QStringLiteral("10")});
    p.addOption({QStringLiteral("from"), QStringLiteral("Start of an explicit segment."), QStringLiteral("A")});
    p.addOption({QStringLiteral("to"), QStringLiteral("End of an explicit segment."), QStringLiteral("B")});
}

} // namespace gitvqa::cli
