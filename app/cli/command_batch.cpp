// `gitvqa batch --questions FILE.jsonl [-o OUT.jsonl] [model/decoding options]`
// One {video, at [, window] | from, to, question} per line in, one JSON answer per line out (the `ask --json`
// object, or {"line": N, "error": "..."}); progress on stderr. Questions about the same segment share one encoding.

#include "cli_options.h"
#include "commands.h"
#include "exit_codes.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

namespace gitvqa::cli {

namespace {

bool requestFromLine(const QJsonObject& o, const QString& baseDir, const GenerationOptions& generation, AskRequest* r,
                     QString* error)
{
    const QString video = o.value(QStringLiteral("video")).toString();
    if (video.isEmpty()) {
        *error = QStringLiteral("no \"video\"");
        return false;
    }
    r->videoPath = QFileInfo(video).isAbsolute() ? video : baseDir + QLatin1Char('/') + video;
    r->question = o.value(QStringLiteral("question")).toString();
    r->generation = generation;
    if (o.contains(QStringLiteral("at"))) {
        r->segment = SegmentSpec::around(o.value(QStringLiteral("at")).toDouble(), o.value(QStringLiteral("window")).toDouble(10.0));
    } else if (o.contains(QStringLiteral("from")) && o.contains(QStringLiteral("to"))) {
        r->segment = SegmentSpec::range(o.value(QStringLiteral("from")).toDouble(), o.value(QStringLiteral("to")).toDouble());
        if (r->segment.end <= r->segment.start) {
            *error = QStringLiteral("\"from\" must be before \"to\"");
            return false;
        }
    } else {
        *error = QStringLiteral("needs \"at\" (and optionally \"window\") or \"from\" and \"to\"");
        return false;
    }
    return true;
}

} // namespace

int runBatch(const QStringList& args)
{
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("Answer many questions from a JSONL file; answers as JSONL."));
    p.addHelpOption();
    p.addOption({QStringLiteral("questions"), QStringLiteral("JSONL file: {\"video\", \"at\"|\"from\"+\"to\", \"question\"} per line."), QStringLiteral("FILE")});
    p.addOption({{QStringLiteral("o"), QStringLiteral("output")}, QStringLiteral("Write answers here instead of stdout."), QStringLiteral("FILE")});
    addModelOptions(p);
    addGenerationOptions(p);
    if (!p.parse(QStringList{QStringLiteral("gitvqa batch")} + args)) {
        printError("batch", p.errorText());
        return ExitUsage;
    }
    if (p.isSet(QStringLiteral("help"))) {
        std::printf("%s", qPrintable(p.helpText()));
        return ExitOk;
    }
    if (!p.isSet(QStringLiteral("questions"))) {
        printError("batch", QStringLiteral("--questions FILE.jsonl is required"));
        return ExitUsage;
    }
    GenerationOptions generation;
    QString error;
    if (!generationOptionsFrom(p, &generation, &error)) {
        printError("batch", error);
        return ExitUsage;
    }
    QFile in(p.value(QStringLiteral("questions")));
    if (!in.open(QIODevice::ReadOnly)) {
        printError("batch", QStringLiteral("cannot read %1: %2").arg(in.fileName(), in.errorString()));
        return ExitInputError;
    }
    QList<QByteArray> lines;
    for (const QByteArray& line : in.readAll().split('\n'))
        if (!line.trimmed().isEmpty())
            lines.push_back(line);
    const QString baseDir = QFileInfo(in.fileName()).absolutePath();

    QFile out;
    if (p.isSet(QStringLiteral("output"))) {
        out.setFileName(p.value(QStringLiteral("output")));
        if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
            printError("batch", QStringLiteral("cannot write %1: %2").arg(out.fileName(), out.errorString()));
            return ExitInputError;
        }
    } else if (!out.open(stdout, QIODevice::WriteOnly)) {
        return ExitFailure;
    }
    auto model = loadModelOrExplain(p, "batch");
    if (!model)
        return ExitModelError;

    AnswerPipeline pipeline;
    int failures = 0;
    for (int i = 0; i < lines.size(); ++i) {
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(lines[i], &parseError);
        QJsonObject answer;
        AskRequest request;
        if (!doc.isObject()) {
            answer = {{QStringLiteral("line"), i + 1}, {QStringLiteral("error"), QStringLiteral("not a JSON object: ") + parseError.errorString()}};
        } else if (!requestFromLine(doc.object(), baseDir, generation, &request, &error)) {
            answer = {{QStringLiteral("line"), i + 1}, {QStringLiteral("error"), error}};
        } else {
            try {
                answer = answerJson(pipeline.answer(*model, request), request.videoPath);
                answer.insert(QStringLiteral("line"), i + 1);
            } catch (const std::exception& e) {
                answer = {{QStringLiteral("line"), i + 1}, {QStringLiteral("error"), QString::fromUtf8(e.what())}};
            }
        }
        if (answer.contains(QStringLiteral("error")))
            ++failures;
        out.write(QJsonDocument(answer).toJson(QJsonDocument::Compact) + '\n');
        out.flush();
        std::fprintf(stderr, "\r[%d/%d] %s", i + 1, static_cast<int>(lines.size()),
                     answer.contains(QStringLiteral("error")) ? "error" : "ok   ");
    }
    std::fprintf(stderr, "\n%d answered, %d failed\n", static_cast<int>(lines.size()) - failures, failures);
    return failures == 0 ? ExitOk : ExitFailure;
}

} // namespace gitvqa::cli
