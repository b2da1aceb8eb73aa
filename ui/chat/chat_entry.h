#pragma once
// What the chat shows about one question: the saved exchange's fields plus what only lives while the app runs
// (the frames as pictures, the state of the request, speeds). Plain data; the controller fills it in from the
// service's signals, the exchange widget shows it.

#include "session/exchange.h"

#include <QDateTime>
#include <QImage>
#include <QString>
#include <QVector>

namespace gitvqa {

struct ChatEntry {
    enum class State { Queued, Running, Done, Stopped, Failed };

    QString id;                 // the exchange id in the transcript
    QString question;
    QString answer;             // so far, while running
    double start = 0.0;         // the segment: pinned when asked, then the window actually sampled
    double end = 0.0;
    QVector<double> frameTimes; // the instants the model saw
    QVector<double> clampedFrom; // as Exchange::clampedFrom (frames clamped to a cut's first decodable frame)
    QVector<QImage> thumbnails; // the same frames, small
    State state = State::Queued;
    QString stage;              // while running: "sampling", "encoding", "generating", ...
    QString error;              // Failed: why, in plain words
    double timeToFirstTokenMs = -1.0;
    double tokensPerSecond = -1.0;
    int tokens = 0;
    bool contextReused = false;
    QString model, device, dtype;
    QDateTime created;                   // when it was asked: Undo puts a deleted exchange back by it
    QVector<AnswerVersion> earlier;      // answers Regenerate replaced, oldest first (the chat browses them)

    bool isActive() const { return state == State::Queued || state == State::Running; }
};

} // namespace gitvqa
