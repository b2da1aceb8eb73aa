#include "scan_bench.h"

#include "service/scan_runner.h"

#include <QFileInfo>

#include <cstdio>

namespace gitvqa::cli {

QJsonObject benchScan(const ModelBundle& model, const ScanBenchOptions& o)
{
    AnswerPipeline pipeline;
    ScanRequest r;
    r.videoPath = QFileInfo(o.video).absoluteFilePath();
    r.question = QStringLiteral("what is happening?");
    r.window = o.window;
    r.stride = o.stride;
    r.to = o.to;
    const VideoInfo info = pipeline.videoInfo(r.videoPath);
    ScanCallbacks cb;
    double slowest = 0;
    cb.windowDone = [&](const ScanWindowResult& w) {
        slowest = std::max(slowest, w.ms);
        if (!o.reuse)
            pipeline.frameFeatures().clear();
    };
    cb.progress = [](int done, int total, double left) {
        std::fprintf(stderr, "\r[%d/%d windows] about %.0f s left   ", done, total, left);
    };
    const ScanOutcome out = runScan(pipeline, model, r, cb);
    std::fprintf(stderr, "\n");
    const int n = out.windows.size();
    return {{QStringLiteral("video"), QFileInfo(o.video).fileName()},
            {QStringLiteral("video_seconds"), info.duration},
            {QStringLiteral("video_size"), QStringLiteral("%1x%2").arg(info.width).arg(info.height)},
            {QStringLiteral("codec"), QString::fromStdString(info.codecName)},
            {QStringLiteral("window"), o.window},
            {QStringLiteral("stride"), o.stride},
            {QStringLiteral("reuse_frames"), o.reuse},
            {QStringLiteral("windows"), n},
            {QStringLiteral("seconds"), out.ms / 1000.0},
            {QStringLiteral("seconds_per_window"), n ? out.ms / 1000.0 / n : 0.0},
            {QStringLiteral("slowest_window_seconds"), slowest / 1000.0},
            {QStringLiteral("frames_encoded"), out.framesEncoded()},
            {QStringLiteral("frames_reused"), out.framesReused()}};
}

} // namespace gitvqa::cli
