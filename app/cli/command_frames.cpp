// `gitvqa frames`: sample N frames of a video window to PNG files plus frames.json, exactly as the question pipeline
// would see them (same sampler, display orientation, 8-bit RGB). For checking what the model is shown.

#include "commands.h"
#include "exit_codes.h"

#include "media/frame_sampler.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSaveFile>

extern "C" {
#include <libavutil/log.h>
}

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>
#include <string>

namespace gitvqa::cli {

namespace {

const char* durationSourceName(DurationSource s)
{
    switch (s) {
    case DurationSource::Stream: return "stream";
    case DurationSource::Container: return "container";
    case DurationSource::Scanned: return "scanned";
    case DurationSource::Unknown: break;
    }
    return "unknown";
}

QJsonObject videoJson(const VideoInfo& in)
{
    QJsonObject v;
    v["path"] = QString::fromStdString(in.path);
    v["container"] = QString::fromStdString(in.containerName);
    v["codec"] = QString::fromStdString(in.codecName);
    v["pixelFormat"] = QString::fromStdString(in.pixelFormat);
    v["bitDepth"] = in.bitDepth;
    v["duration"] = in.duration;
    v["durationSource"] = durationSourceName(in.durationSource);
    v["startTime"] = in.startTime;
    v["frameRate"] = in.frameRate;
    v["frameCount"] = static_cast<double>(in.frameCount);
    v["frameCountExact"] = in.frameCountExact;
    v["codedWidth"] = in.codedWidth;
    v["codedHeight"] = in.codedHeight;
    v["sampleAspectRatio"] = QString("%1:%2").arg(in.sarNum).arg(in.sarDen);
    v["rotation"] = in.rotation;
    v["width"] = in.width;
    v["height"] = in.height;
    v["colorSpace"] = QString::fromStdString(in.colorSpace);
    v["fullRange"] = in.fullRange;
    v["hasAudio"] = in.hasAudio;
    return v;
}

// Seconds ("41.5") or clock time ("1:02:03.5", "00:41"), like the other commands' time options.
bool parseSeconds(const QCommandLineParser& p, const QCommandLineOption& o, double* out)
{
    const QStringList parts = p.value(o).trimmed().split(QLatin1Char(':'));
    bool ok = parts.size() <= 3;
    double seconds = 0.0;
    for (int i = 0; ok && i < parts.size(); ++i) {
        const double v = parts[i].toDouble(&ok);
        ok = ok && std::isfinite(v) && (i == 0 || (v >= 0.0 && v < 60.0));
        seconds = seconds * 60.0 + v;
    }
    if (!ok) {
        std::fprintf(stderr, "gitvqa frames: --%s needs seconds (41.5) or a clock time (1:02:03.5), not '%s'\n",
                     qPrintable(o.names().first()), qPrintable(p.value(o)));
        return false;
    }
    *out = seconds;
    return true;
}

int usageError(const char* message)
{
    std::fprintf(stderr, "gitvqa frames: %s\nTry 'gitvqa frames --help'.\n", message);
    return ExitUsage;
}

} // namespace

int runFrames(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Samples COUNT frames of a video window (the frames shown at the centres of COUNT equal parts of it) and "
        "writes them as frame_00.png ... plus frames.json (video info; per frame the requested time, the frame's "
        "pts in seconds, its index and file name). A window that crosses the start or end of the video is shifted "
        "inside it.");
    const QCommandLineOption help({"h", "help"}, "Show this help.");
    const QCommandLineOption at("at", "Centre of the window, in seconds or as a clock time (1:02.5).", "T");
    const QCommandLineOption window("window", "Width of the window around --at, in seconds (default 10).", "W", "10");
    const QCommandLineOption from("from", "Start of an explicit window, in seconds.", "A");
    const QCommandLineOption to("to", "End of an explicit window, in seconds.", "B");
    const QCommandLineOption count("count", "Number of frames (default 6).", "N", "6");
    const QCommandLineOption out("out", "Folder for the PNG files and frames.json (created if needed).", "DIR");
    parser.addOptions({help, at, window, from, to, count, out});
    parser.addPositionalArgument("VIDEO", "Any video file FFmpeg can read.");

    if (!parser.parse(QStringList{QStringLiteral("gitvqa frames")} + args))
        return usageError(qPrintable(parser.errorText()));
    if (parser.isSet(help)) {
        QString text = parser.helpText();
        text.replace(QRegularExpression(QStringLiteral("^Usage: [^\n]*")),
                     QStringLiteral("Usage: gitvqa frames VIDEO (--at T [--window W] | --from A --to B) "
                                    "[--count N] --out DIR"));
        std::fputs(qPrintable(text), stdout);
        return ExitOk;
    }

    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1)
        return usageError("give exactly one VIDEO file");
    if (!parser.isSet(out))
        return usageError("--out DIR is required");
    const bool around = parser.isSet(at);
    const bool range = parser.isSet(from) || parser.isSet(to);
    if (around == range)
        return usageError("give either --at T [--window W] or --from A --to B");
    if (range && !(parser.isSet(from) && parser.isSet(to)))
        return usageError("--from and --to go together");
    if (range && parser.isSet(window))
        return usageError("--window goes with --at, not with --from/--to");

    bool ok = false;
    const int n = parser.value(count).toInt(&ok);
    if (!ok || n < 1 || n > FrameSampler::kMaxCount)
        return usageError(qPrintable(QString("--count must be a whole number from 1 to %1").arg(FrameSampler::kMaxCount)));
    double t = 0, w = 0, a = 0, b = 0;
    if (around && (!parseSeconds(parser, at, &t) || !parseSeconds(parser, window, &w)))
        return ExitUsage;
    if (range && (!parseSeconds(parser, from, &a) || !parseSeconds(parser, to, &b)))
        return ExitUsage;
    if (around && w < 0)
        return usageError("--window must not be negative");
    if (range && b < a)
        return usageError("--from must not be after --to");

    // FFmpeg's own log would bury our one-line error under decoder complaints about a damaged file.
    if (qEnvironmentVariableIsEmpty("GITVQA_FFMPEG_LOG"))
        av_log_set_level(AV_LOG_QUIET);

    const QString videoPath = positional.first();
    std::string error;
    std::unique_ptr<FrameSampler> sampler = FrameSampler::open(QFile::encodeName(videoPath).toStdString(), &error);
    if (!sampler) {
        std::fprintf(stderr, "gitvqa frames: %s: %s\n", qPrintable(videoPath), error.c_str());
        return ExitMediaError;
    }
    const TimeWindow win = around ? sampler->windowAround(t, w) : sampler->windowForRange(a, b);
    const std::vector<SampledFrame> frames
        = around ? sampler->sampleAround(t, w, n, &error) : sampler->sampleRange(a, b, n, &error);
    if (frames.empty()) {
        std::fprintf(stderr, "gitvqa frames: %s: %s\n", qPrintable(videoPath), error.c_str());
        return ExitMediaError;
    }

    const QDir dir(parser.value(out));
    if (!QDir().mkpath(dir.path())) {
        std::fprintf(stderr, "gitvqa frames: cannot create the folder %s\n", qPrintable(dir.path()));
        return ExitFailure;
    }
    const int digits = std::max(2, static_cast<int>(QString::number(n - 1).size()));
    const VideoInfo& info = sampler->info();
    std::printf("%s: %s %dx%d, %.3f fps, %.3f s, rotation %d, %s\n", qPrintable(videoPath), info.codecName.c_str(),
                info.width, info.height, info.frameRate, info.duration, info.rotation, info.pixelFormat.c_str());
    std::printf("window [%.3f, %.3f] s, %d frames\n", win.start, win.end, n);

    QJsonArray list;
    for (std::size_t i = 0; i < frames.size(); ++i) {
        const SampledFrame& f = frames[i];
        const QString name = QString("frame_%1.png").arg(static_cast<int>(i), digits, 10, QLatin1Char('0'));
        const QImage image(f.image.pixels.data(), f.image.width, f.image.height, 3 * f.image.width,
                           QImage::Format_RGB888);
        if (!image.save(dir.filePath(name), "PNG")) {
            std::fprintf(stderr, "gitvqa frames: cannot write %s\n", qPrintable(dir.filePath(name)));
            return ExitFailure;
        }
        QJsonObject o;
        o["file"] = name;
        o["requestedTime"] = f.requestedTime;
        o["pts"] = f.pts;
        o["frameIndex"] = static_cast<double>(f.frameIndex);
        o["frameIndexExact"] = f.frameIndexExact;
        o["width"] = f.image.width;
        o["height"] = f.image.height;
        list.append(o);
        std::printf("%s  t=%.3f  pts=%.3f  frame %lld%s\n", qPrintable(name), f.requestedTime, f.pts,
                    static_cast<long long>(f.frameIndex), f.frameIndexExact ? "" : " (estimated)");
    }

    QJsonObject root;
    root["video"] = videoJson(info);
    root["window"] = QJsonObject{{"start", win.start}, {"end", win.end}};
    root["count"] = n;
    root["frames"] = list;
    QSaveFile json(dir.filePath("frames.json"));
    if (!json.open(QIODevice::WriteOnly) || json.write(QJsonDocument(root).toJson()) < 0 || !json.commit()) {
        std::fprintf(stderr, "gitvqa frames: cannot write %s\n", qPrintable(dir.filePath("frames.json")));
        return ExitFailure;
    }
    return ExitOk;
}

} // namespace gitvqa::cli
