// `gitvqa ask VIDEO (--at T [--window W] | --from A --to B) [--model DIR] [--device D] [--dtype T] [--json] QUESTION`
// Streams the answer to stdout as it is generated, or prints one JSON object with --json.

#include "cli_options.h"
#include "commands.h"
#include "exit_codes.h"

#include "service/exchange_records.h"
#include "session/session_store.h"

#include <QFileInfo>
#include <QJsonDocument>

#include <cstdio>

namespace gitvqa::cli {

int runAsk(const QStringList& args)
{
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("Ask a question about a segment of a video; the answer streams to stdout."));
    p.addHelpOption();
    p.addPositionalArgument(QStringLiteral("video"), QStringLiteral("The video file."));
    p.addPositionalArgument(QStringLiteral("question"), QStringLiteral("The question (quote it)."));
    addSegmentOptions(p);
    addModelOptions(p);
    addGenerationOptions(p);
    p.addOption({QStringLiteral("json"), QStringLiteral("Print one JSON object (answer, ids, segment, frame times, timings).")});
    p.addOption({QStringLiteral("session"), QStringLiteral("Append the exchange to this session file (created if absent)."), QStringLiteral("FILE")});
    p.addOption({QStringLiteral("describe"), QStringLiteral("No question: describe the segment (captioning checkpoints).")});
    if (!p.parse(QStringList{QStringLiteral("gitvqa ask")} + args)) {
        printError("ask", p.errorText());
        return ExitUsage;
    }
    if (p.isSet(QStringLiteral("help"))) {
        std::printf("%s", qPrintable(p.helpText()));
        return ExitOk;
    }
    const QStringList pos = p.positionalArguments();
    const bool describe = p.isSet(QStringLiteral("describe"));
    if (pos.isEmpty() || pos.size() > 2 || (!describe && pos.size() != 2)) {
        printError("ask", QStringLiteral("usage: gitvqa ask VIDEO (--at T [--window W] | --from A --to B) [options] \"QUESTION\""));
        return ExitUsage;
    }
    AskRequest request;
    request.videoPath = QFileInfo(pos[0]).absoluteFilePath();
    request.question = pos.size() > 1 ? pos[1] : QString();
    request.describe = describe;
    QString error;
    if (!segmentFrom(p, &request.segment, &error) || !generationOptionsFrom(p, &request.generation, &error)) {
        printError("ask", error);
        return ExitUsage;
    }
    if (!describe && request.question.trimmed().isEmpty()) {
        printError("ask", QStringLiteral("the question is empty. Type a question about the video."));
        return ExitInputError;
    }
    if (!QFileInfo(request.videoPath).isFile()) {
        printError("ask", QStringLiteral("the video %1 does not exist.").arg(pos[0]));
        return ExitMediaError;
    }
    auto model = loadModelOrExplain(p, "ask");
    if (!model)
        return ExitModelError;
    if (!model->engine->info().warning.empty()) // e.g. bfloat16 on a CPU that only emulates it
        printError("ask", QStringLiteral("warning: ") + QString::fromStdString(model->engine->info().warning));

    const bool json = p.isSet(QStringLiteral("json"));
    AnswerPipeline pipeline;
    PipelineCallbacks cb;
    QString printed;
    if (!json) {
        cb.onToken = [&](std::int64_t, const QString& soFar) {
            if (soFar.startsWith(printed)) {
                std::fputs(qPrintable(soFar.mid(printed.size())), stdout);
                std::fflush(stdout);
                printed = soFar;
            }
            return true;
        };
    }
    try {
        const AnswerResult r = pipeline.answer(*model, request, cb);
        if (r.questionTruncated)
            std::fprintf(stderr, "gitvqa ask: the question was too long; its last %d word pieces were left out.\n", r.droppedPieces);
        if (json) {
            std::printf("%s\n", QJsonDocument(answerJson(r, request.videoPath)).toJson(QJsonDocument::Compact).constData());
        } else {
            if (r.answer != printed)
                std::printf("%s%s", printed.isEmpty() ? "" : "\n", qPrintable(r.answer));
            std::printf("\n");
        }
        if (p.isSet(QStringLiteral("session"))) {
            QString sessionError, warning;
            if (!SessionStore::appendToFile(p.value(QStringLiteral("session")), request.videoPath,
                                            exchangeFromAnswer(request, r), &sessionError, &warning)) {
                printError("ask", QStringLiteral("the answer could not be saved to the session: %1").arg(sessionError));
                return ExitInputError;
            }
            if (!warning.isEmpty())
                printError("ask", warning);
        }
        return ExitOk;
    } catch (const UserError& e) {
        printError("ask", e.message());
        return exitCodeFor(e);
    } catch (const std::exception& e) {
        printError("ask", QString::fromUtf8(e.what()));
        return ExitFailure;
    }
}

} // namespace gitvqa::cli
