#pragma once
// Runs one question (or, for captioning checkpoints, a description) over consecutive windows of a video, reusing
// any window already encoded, window by window so results stream in and a cancelled scan resumes where it stopped.

#include "service/answer_pipeline.h"
#include "service/scan_plan.h"

#include <QSet>

#include <functional>

namespace gitvqa {

struct ScanRequest {
    QString videoPath;
    QString question;        // empty with describe
    bool describe = false;
    double window = 10.0;    // seconds per window: GIT's MSRVTT fine-tuning used 10-30 s clips
    double stride = 0.0;     // 0 = window (no overlap)
    double from = 0.0;
    double to = -1.0;        // < 0: the end of the video
    QSet<int> done;          // indices finished by an earlier, cancelled run (resume)
    GenerationOptions generation;
};

struct ScanCallbacks {
    std::function<void(int total)> planned;
    std::function<void(const ScanWindowResult&)> windowDone;
    std::function<void(int done, int total, double secondsLeft)> progress;
    std::function<bool()> cancelled;
};

struct ScanOutcome {
    QVector<TimeWindow> plan;
    QVector<ScanWindowResult> windows; // this run's results, in window order
    bool cancelled = false;
    double ms = 0.0;

    // Frames whose vision tokens an earlier overlapping window had computed, and those this run had to encode.
    int framesReused() const
    {
        int n = 0;
        for (const ScanWindowResult& w : windows)
            n += w.framesReused;
        return n;
    }
    int framesEncoded() const
    {
        int n = 0;
        for (const ScanWindowResult& w : windows)
            n += int(w.frameTimes.size());
        return n - framesReused();
    }
};

// Throws UserError (unreadable video, unknown length, empty question).
ScanOutcome runScan(AnswerPipeline& pipeline, const ModelBundle& model, const ScanRequest& request,
                    const ScanCallbacks& callbacks = {});

} // namespace gitvqa
