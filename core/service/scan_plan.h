#pragma once
// Scan: one question over consecutive windows of a video. This file holds the pure parts: which windows cover a
// range, how a window's answer strength for "yes" is read off the first token's logits, and how equal answers on
// neighbouring windows merge into time ranges ("dog 0:00–0:40, 2:10–2:30").

#include "media/sample_window.h"

#include <QString>
#include <QVector>

#include <optional>

namespace gitvqa {

// Windows of `width` seconds every `stride` seconds from `from` until `to`; the last one ends at `to` and may be
// shorter. With stride == width they tile the range exactly once.
QVector<TimeWindow> planScanWindows(double from, double to, double width, double stride);
// The index planScanWindows gives the window starting at `start`: how a scan read back from a transcript (which keeps
// the windows' times, not their indices) tells a resumed run which windows are already done.
int scanWindowIndex(double from, double stride, double start);

struct ScanWindowResult {
    int index = 0;
    double start = 0.0;
    double end = 0.0;
    QString answer;
    std::optional<double> yesProbability; // softmax probability of "yes" as the first answer token
    std::optional<double> yesShare;       // p(yes) / (p(yes) + p(no)): the heat strip's value
    QVector<double> frameTimes;
    bool contextReused = false;
    int framesReused = 0; // frames whose vision tokens an earlier (overlapping) window had computed
    double ms = 0.0;
};

struct AnswerRange {
    QString answer;
    QVector<TimeWindow> ranges; // merged, in time order
};

// Distinct answers (in order of first appearance) with their merged ranges; touching or overlapping windows with the
// same answer merge.
QVector<AnswerRange> mergeScanAnswers(const QVector<ScanWindowResult>& windows);
QString describeAnswerRanges(const QVector<AnswerRange>& ranges); // "dog 0:00–0:40, 2:10–2:30; cat 1:10–1:30"

// Questions that start like "is/are/does/can ..." expect yes or no.
bool isYesNoQuestion(const QString& question);

} // namespace gitvqa
