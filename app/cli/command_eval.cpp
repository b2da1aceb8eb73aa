// `gitvqa eval --annotations QA.json --videos DIR [--predictions OUT.jsonl [--resume]] [--shard I/N] [--limit N]`
// and `gitvqa eval --merge P1.jsonl P2.jsonl ...`.
// MSRVTT-QA style evaluation: six frames spread uniformly over each whole clip (as the model was trained), greedy
// answers, exact match after lower-casing, overall and per question type. Questions are taken clip by clip, so each
// clip is sampled and encoded once; each prediction is written (and flushed) as soon as it is made, so a job that is
// killed resumes where it stopped, and shards run on separate machines merge into one score.

#include "cli_options.h"
#include "commands.h"
#include "eval_records.h"
#include "exit_codes.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

#include <chrono>
#include <cstdio>

namespace gitvqa::cli {

namespace {

int runMerge(const QStringList& files)
{
    QVector<Prediction> all;
    for (const QString& f : files) {
        if (!QFile::exists(f)) {
            printError("eval", QStringLiteral("the predictions file %1 does not exist").arg(f));
            return ExitInputError;
        }
        QString error;
        const QVector<Prediction> p = readPredictions(f, &error);
        if (!error.isEmpty()) {
            printError("eval", error);
            return ExitInputError;
        }
        all += p;
    }
    const EvalScore score = scorePredictions(latestPerQuestion(all));
    QJsonObject summary = scoreJson(score);
    summary.insert(QStringLiteral("files"), QJsonArray::fromStringList(files));
    std::printf("%s\n", QJsonDocument(summary).toJson(QJsonDocument::Indented).constData());
    return score.all.asked > 0 ? ExitOk : ExitInputError;
}

QJsonObject recordFor(const EvalQuestion& q)
{
    QJsonObject r{{QStringLiteral("index"), q.index},       {QStringLiteral("video"), q.video},
                  {QStringLiteral("question"), q.question}, {QStringLiteral("answer"), q.answer},
                  {QStringLiteral("type"), q.type}};
    if (!q.id.isUndefined() && !q.id.isNull())
        r.insert(QStringLiteral("id"), q.id);
    return r;
}

} // namespace

int runEval(const QStringList& args)
{
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("Exact-match accuracy on MSRVTT-QA style annotations."));
    p.addHelpOption();
    p.addPositionalArgument(QStringLiteral("files"), QStringLiteral("With --merge: the predictions files of the shards."), QStringLiteral("[P.jsonl ...]"));
    p.addOption({QStringLiteral("annotations"), QStringLiteral("JSON list of {question, answer, video_id|video, id, category_id}."), QStringLiteral("FILE")});
    p.addOption({QStringLiteral("videos"), QStringLiteral("Folder with the clips (video<ID>.mp4 ...)."), QStringLiteral("DIR")});
    p.addOption({QStringLiteral("limit"), QStringLiteral("Evaluate only the first N questions."), QStringLiteral("N"), QStringLiteral("0")});
    p.addOption({QStringLiteral("predictions"), QStringLiteral("Write each prediction as JSONL here, as it is made."), QStringLiteral("FILE")});
    p.addOption({QStringLiteral("resume"), QStringLiteral("Keep the predictions already in --predictions and ask only the other questions.")});
    p.addOption({QStringLiteral("shard"), QStringLiteral("Take clips I, I+N, I+2N, ... (0 <= I < N): one of N machines."), QStringLiteral("I/N")});
    p.addOption({QStringLiteral("merge"), QStringLiteral("Score the predictions files given as arguments together (no model needed).")});
    addModelOptions(p);
    addGenerationOptions(p);
    if (!p.parse(QStringList{QStringLiteral("gitvqa eval")} + args)) {
        printError("eval", p.errorText());
        return ExitUsage;
    }
    if (p.isSet(QStringLiteral("help"))) {
        std::printf("%s", qPrintable(p.helpText()));
        return ExitOk;
    }
    if (p.isSet(QStringLiteral("merge"))) {
        if (p.positionalArguments().isEmpty()) {
            printError("eval", QStringLiteral("--merge takes the predictions files to combine: gitvqa eval --merge P1.jsonl P2.jsonl ..."));
            return ExitUsage;
        }
        return runMerge(p.positionalArguments());
    }
    if (!p.isSet(QStringLiteral("annotations")) || !p.isSet(QStringLiteral("videos")) || !p.positionalArguments().isEmpty()) {
        printError("eval", QStringLiteral("--annotations FILE and --videos DIR are required (files as arguments only with --merge)"));
        return ExitUsage;
    }
    if (p.isSet(QStringLiteral("resume")) && !p.isSet(QStringLiteral("predictions"))) {
        printError("eval", QStringLiteral("--resume needs --predictions FILE: the file it resumes"));
        return ExitUsage;
    }
    int shard = 0, shards = 1;
    if (p.isSet(QStringLiteral("shard")) && !parseShard(p.value(QStringLiteral("shard")), &shard, &shards)) {
        printError("eval", QStringLiteral("--shard takes I/N with 0 <= I < N, e.g. --shard 0/4"));
        return ExitUsage;
    }
    GenerationOptions generation;
    QString error;
    if (!generationOptionsFrom(p, &generation, &error)) {
        printError("eval", error);
        return ExitUsage;
    }
    QVector<EvalQuestion> questions = readAnnotations(p.value(QStringLiteral("annotations")), &error);
    if (questions.isEmpty()) {
        printError("eval", error);
        return ExitInputError;
    }
    const int limit = p.value(QStringLiteral("limit")).toInt();
    if (limit > 0 && limit < questions.size())
        questions.resize(limit);
    const QDir videos(p.value(QStringLiteral("videos")));
    if (!videos.exists()) {
        printError("eval", QStringLiteral("the folder %1 does not exist").arg(videos.path()));
        return ExitInputError;
    }

    // Resume: keep the whole records already written; a line cut short by a kill is dropped before appending.
    QMap<int, Prediction> done;
    QFile predictions;
    if (p.isSet(QStringLiteral("predictions"))) {
        predictions.setFileName(p.value(QStringLiteral("predictions")));
        QIODevice::OpenMode mode = QIODevice::WriteOnly | QIODevice::Truncate;
        if (p.isSet(QStringLiteral("resume"))) {
            qint64 valid = 0;
            const QVector<Prediction> earlier = readPredictions(predictions.fileName(), &error, &valid);
            if (!error.isEmpty()) {
                printError("eval", error);
                return ExitInputError;
            }
            done = latestPerQuestion(earlier);
            if (predictions.exists() && !predictions.resize(valid)) {
                printError("eval", QStringLiteral("cannot write %1: %2").arg(predictions.fileName(), predictions.errorString()));
                return ExitInputError;
            }
            mode = QIODevice::WriteOnly | QIODevice::Append;
        }
        if (!predictions.open(mode)) {
            printError("eval", QStringLiteral("cannot write %1: %2").arg(predictions.fileName(), predictions.errorString()));
            return ExitInputError;
        }
    }
    const QVector<EvalClip> clips = shardOf(groupByClip(questions), shard, shards);
    QSet<int> mine;
    for (const EvalClip& c : clips)
        for (int i : c.questions)
            mine.insert(i);
    QMap<int, Prediction> results;
    int skipped = 0;
    for (auto it = done.cbegin(); it != done.cend(); ++it)
        if (mine.contains(it.key()) && it->answered()) {
            results.insert(it.key(), *it);
            ++skipped;
        }

    auto model = loadModelOrExplain(p, "eval");
    if (!model)
        return ExitModelError;

    const auto t0 = std::chrono::steady_clock::now();
    auto minutes = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() / 60.0; };
    AnswerPipeline pipeline;
    int missing = 0, clipsRun = 0, clipsDone = 0;
    // Running totals for the progress line: rescoring every record after each clip would be quadratic at MSRVTT scale.
    EvalScore::Count running = scorePredictions(results).all;
    for (const EvalClip& clip : clips) {
        ++clipsDone;
        const QString path = findClip(videos, clip.video);
        bool ran = false;
        for (int i : clip.questions) {
            if (results.contains(i))
                continue;
            const EvalQuestion& q = questions[i];
            QJsonObject record = recordFor(q);
            if (path.isEmpty()) {
                ++missing;
                record.insert(QStringLiteral("error"), QStringLiteral("video not found"));
            } else {
                ran = true;
                AskRequest r;
                r.videoPath = path;
                r.question = q.question;
                r.generation = generation;
                r.segment = SegmentSpec::range(0.0, 1e9); // the whole clip: the sampler fits the window to the video
                try {
                    const AnswerResult a = pipeline.answer(*model, r);
                    record.insert(QStringLiteral("prediction"), a.answer);
                    const bool correct = normaliseAnswer(a.answer) == normaliseAnswer(q.answer);
                    record.insert(QStringLiteral("correct"), correct);
                    ++running.asked;
                    running.correct += correct;
                } catch (const std::exception& e) {
                    record.insert(QStringLiteral("error"), QString::fromUtf8(e.what()));
                }
            }
            if (predictions.isOpen()) {
                predictions.write(QJsonDocument(record).toJson(QJsonDocument::Compact) + '\n');
                predictions.flush();
            }
            results.insert(i, {i, record});
        }
        clipsRun += ran;
        std::fprintf(stderr, "\r[%d/%d clips] accuracy %.2f%%, %.1f clips/min   ", clipsDone, int(clips.size()),
                     running.asked ? 100.0 * running.correct / running.asked : 0.0, clipsRun / std::max(minutes(), 1e-9));
    }
    std::fprintf(stderr, "\n");
    const double elapsed = minutes();
    const EvalScore score = scorePredictions(results);
    QJsonObject summary = scoreJson(score);
    summary.insert(QStringLiteral("missing_videos"), missing);
    summary.insert(QStringLiteral("skipped"), skipped);
    summary.insert(QStringLiteral("clips"), int(clips.size()));
    summary.insert(QStringLiteral("clips_encoded"), pipeline.cache().stats().misses);
    summary.insert(QStringLiteral("seconds"), elapsed * 60.0);
    summary.insert(QStringLiteral("clips_per_minute"), elapsed > 0 ? clipsRun / elapsed : 0.0);
    summary.insert(QStringLiteral("shard"), QStringLiteral("%1/%2").arg(shard).arg(shards));
    summary.insert(QStringLiteral("model"), model->displayName());
    std::printf("%s\n", QJsonDocument(summary).toJson(QJsonDocument::Indented).constData());
    return score.all.asked > 0 ? ExitOk : ExitInputError;
}

} // namespace gitvqa::cli
