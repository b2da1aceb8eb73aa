#pragma once
// One question and its answer (or a scan, or a description), tied to the segment of the video it was asked about.
// Plain data: Session orders them, session_json.cpp gives them their file form (SCHEMA.md), exporters render them.

#include <QDateTime>
#include <QJsonObject>
#include <QLatin1String>
#include <QString>
#include <QVector>

#include <optional>

namespace gitvqa {

// Seconds from the start of the video. A paused playhead is a segment with start == end.
struct Segment {
    double start = 0.0;
    double end = 0.0;

    bool operator==(const Segment& o) const { return start == o.start && end == o.end; }
    bool operator!=(const Segment& o) const { return !(*this == o); }
};

// One step of a scan: the model's answer for one window inside the exchange's segment.
struct ScanWindow {
    double start = 0.0;
    double end = 0.0;
    QString answer;
    std::optional<double> yesProbability;   // only yes/no scans have one

    bool operator==(const ScanWindow& o) const;
    bool operator!=(const ScanWindow& o) const { return !(*this == o); }
};

// Values of Exchange::kind and Exchange::status. Readers keep values they do not know (a newer minor writer may add
// some), so these are strings rather than an enum.
namespace exchange_kind {
inline constexpr QLatin1String Question("question");
inline constexpr QLatin1String Scan("scan");
inline constexpr QLatin1String Describe("describe");
} // namespace exchange_kind

namespace exchange_status {
inline constexpr QLatin1String Done("done");
inline constexpr QLatin1String Stopped("stopped");   // the user stopped it; `answer` holds what had streamed
inline constexpr QLatin1String Failed("failed");     // `error` says why
inline constexpr QLatin1String Pending("pending");   // being generated; found on reopen only after a crash
} // namespace exchange_status

// One answer to an exchange's question: what a run of the model owns. Regenerate keeps the answer it replaces as
// an earlier version, so a rerun that fails or is stopped never costs the good answer (issue 13).
struct AnswerVersion {
    QString answer;
    QString status = exchange_status::Done;
    QString error;
    Segment segment;                     // the window actually sampled for this answer
    QVector<double> frameTimes;
    QVector<double> clampedFrom;         // as Exchange::clampedFrom
    QString model, device, dtype;
    QJsonObject decoding;
    QJsonObject timings;
    QDateTime created;                   // when this answer was asked for

    bool operator==(const AnswerVersion& o) const;
    bool operator!=(const AnswerVersion& o) const { return !(*this == o); }
};

struct Exchange {
    QString id;                          // QUuid without braces; Session::add() assigns one when empty
    QString kind = exchange_kind::Question;
    QString question;
    QString answer;
    Segment segment;
    QVector<double> frameTimes;          // the instants the model saw, seconds, ascending
    // Parallel to frameTimes, empty when no frame was clamped: the time asked for when it lay before the first
    // decodable frame of a cut starting before its first keyframe (that frame was used instead), else -1.
    QVector<double> clampedFrom;
    QString model;                       // e.g. "microsoft/git-base-msrvtt-qa"
    QString device;                      // "cuda", "mps", "cpu"
    QString dtype;                       // "float32", "float16", "bfloat16"
    QJsonObject decoding;                // e.g. {"strategy": "beam", "num_beams": 3, "max_new_tokens": 20}
    QJsonObject timings;                 // sampling_ms, encoding_ms, first_token_ms, per_token_ms, tokens, ...
    QDateTime created;                   // Session::add() sets it to now when invalid
    QString status = exchange_status::Done;
    QString error;                       // why it failed (or was interrupted); empty otherwise
    QVector<ScanWindow> windows;         // kind == "scan": one entry per window, in the order they were scanned
    // The answer in the fields above is the latest; these are the ones it replaced, oldest first. `answered` is when
    // the latest was asked for (invalid: at `created`, as for every exchange of a version-1 file).
    QVector<AnswerVersion> earlierVersions;
    QDateTime answered;

    // Every answer, oldest first; the last is the one in the fields above.
    QVector<AnswerVersion> versions() const;
    int versionCount() const { return int(earlierVersions.size()) + 1; }
    AnswerVersion latestVersion() const;
    // Keeps the latest answer as an earlier version and makes `next` the latest (Regenerate).
    void pushVersion(const AnswerVersion& next);
    // This exchange as if `version` were its latest answer (exports render earlier answers with it).
    Exchange withAnswer(const AnswerVersion& version) const;

    bool operator==(const Exchange& o) const;
    bool operator!=(const Exchange& o) const { return !(*this == o); }
};

} // namespace gitvqa
