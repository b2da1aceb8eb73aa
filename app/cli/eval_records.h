#pragma once
// MSRVTT-QA evaluation's bookkeeping, apart from running the model: reading the annotations, grouping questions by
// clip, taking a shard, the predictions file (written as it goes, read back to resume and to merge) and the score.
// Scoring is the MSRVTT-QA authors' (Xu et al., 2017): exact match after lower-casing, overall and per question type
// (what, who, how, when, where).

#include <QDir>
#include <QJsonObject>
#include <QMap>
#include <QString>
#include <QVector>

namespace gitvqa::cli {

struct EvalQuestion {
    int index = 0;     // position in the annotation file: what predictions and resume refer to
    QJsonValue id;     // the annotation's own "id", when it has one
    QString video;     // "video_id" (7010 → "video7010") or "video"
    QString question;
    QString answer;
    QString type;      // from "category_id" (0 what, 1 who, 2 how, 3 when, 4 where), else the first word
};

struct EvalClip {
    QString video;
    QVector<int> questions; // indices into the annotation list, in file order
};

// A JSON list of {question, answer, video_id | video, id?, category_id?}. Empty with *error set when unusable.
QVector<EvalQuestion> readAnnotations(const QString& path, QString* error);
QString questionTypeOf(const QString& question, const QJsonValue& categoryId);
// Clips in order of first appearance, so each is sampled and encoded once for all its questions.
QVector<EvalClip> groupByClip(const QVector<EvalQuestion>& questions);
// "I/N" (0 <= I < N): shard I takes clips I, I+N, I+2N, ... so N machines split the work without talking.
bool parseShard(const QString& text, int* index, int* count);
QVector<EvalClip> shardOf(const QVector<EvalClip>& clips, int index, int count);
// The clip file for a video name: NAME, or NAME with a usual extension, in `dir`; empty when absent.
QString findClip(const QDir& dir, const QString& video);
QString normaliseAnswer(const QString& s); // lower-cased, trimmed, inner whitespace collapsed

struct Prediction {
    int index = -1;
    QJsonObject record; // the JSONL line as written
    bool answered() const { return record.contains(QStringLiteral("prediction")); }
};

// Reads predictions JSONL. A last line cut short (a job killed while writing) is ignored and *validBytes tells how
// much of the file is whole, so a resumed run appends after it. Lines that are not predictions are an error.
QVector<Prediction> readPredictions(const QString& path, QString* error, qint64* validBytes = nullptr);
// One record per question: a later answer replaces an earlier record, an error never replaces an answer.
QMap<int, Prediction> latestPerQuestion(const QVector<Prediction>& predictions);

struct EvalScore {
    struct Count {
        int asked = 0;
        int correct = 0;
    };
    int questions = 0; // records, answered or not
    int failed = 0;    // records with an error (video missing, unreadable, ...)
    Count all;
    QMap<QString, Count> byType;
};
EvalScore scorePredictions(const QMap<int, Prediction>& predictions);
QJsonObject scoreJson(const EvalScore& score); // questions, evaluated, correct, accuracy, failed, by_type

} // namespace gitvqa::cli
