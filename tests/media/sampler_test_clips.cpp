// Helpers of the frame sampler suites; see sampler_test_clips.h.

#include "sampler_test_clips.h"

extern "C" {
#include <libavutil/log.h>
}

#include <QFile>
#include <QProcess>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>

namespace gitvqa::testing {

namespace {

const char* const kCodeFilter
    = "nullsrc=s=4x3:r=%1:d=%2,format=yuv444p,"
      "geq=lum='if(eq(X+4*Y,0),235,if(eq(X+4*Y,11),16,if(bitand(N,pow(2,X+4*Y-1)),235,16)))':cb=128:cr=128,"
      "scale=%3:%4:flags=neighbor";

} // namespace

QString codeSource(double fps, double seconds, int w, int h)
{
    return QString::fromLatin1(kCodeFilter).arg(fps).arg(seconds).arg(w).arg(h);
}

int readCode(const RgbImage& img, int rotation)
{
    if (img.isNull())
        return -2;
    auto lumaAt = [&](double u, double v) { // u, v in [0, 1] of the coded picture
        double x = u, y = v;
        if (rotation == 90) { x = 1.0 - v; y = u; }
        else if (rotation == 180) { x = 1.0 - u; y = 1.0 - v; }
        else if (rotation == 270) { x = v; y = 1.0 - u; }
        const int px = std::clamp(static_cast<int>(x * img.width), 0, img.width - 1);
        const int py = std::clamp(static_cast<int>(y * img.height), 0, img.height - 1);
        const std::uint8_t* p = img.row(py) + 3 * px;
        return (p[0] + p[1] + p[2]) / 3;
    };
    auto cell = [&](int c) {
        const double cu = (c % 4 + 0.5) / 4.0, cv = (c / 4 + 0.5) / 3.0;
        int sum = 0;
        for (int dy = -1; dy <= 1; ++dy)
            for (int dx = -1; dx <= 1; ++dx)
                sum += lumaAt(cu + dx * 0.04, cv + dy * 0.05);
        return sum / 9 > 128;
    };
    if (!cell(0) || cell(11))
        return -1;
    int n = 0;
    for (int bit = 0; bit < 10; ++bit)
        n |= cell(bit + 1) ? (1 << bit) : 0;
    return n;
}

std::array<int, 3> centrePixel(const RgbImage& img)
{
    const std::uint8_t* p = img.row(img.height / 2) + 3 * (img.width / 2);
    return {p[0], p[1], p[2]};
}

std::vector<double> cfrPts(double fps, int count)
{
    std::vector<double> pts;
    for (int n = 0; n < count; ++n)
        pts.push_back(n / fps);
    return pts;
}

void checkFrames(const std::vector<SampledFrame>& frames, const std::vector<double>& framePts, int rotation)
{
    QVERIFY(!frames.empty());
    for (const SampledFrame& f : frames) {
        int expected = 0;
        for (int n = 0; n < static_cast<int>(framePts.size()); ++n)
            if (framePts[n] <= f.requestedTime + 1e-6)
                expected = n;
        const int code = readCode(f.image, rotation);
        if (code != expected)
            qWarning("t=%.4f pts=%.4f index=%lld code=%d expected=%d", f.requestedTime, f.pts,
                     static_cast<long long>(f.frameIndex), code, expected);
        QCOMPARE(code, expected);
        QVERIFY2(std::abs(f.pts - framePts[expected]) < 2e-3, qPrintable(QString::number(f.pts)));
        const double next = expected + 1 < static_cast<int>(framePts.size()) ? framePts[expected + 1] : 1e9;
        QVERIFY(f.pts <= f.requestedTime + 1e-6 || expected == 0);
        QVERIFY(f.requestedTime < next + 1e-6);
    }
}

void checkClip(const QString& file, double fps, int frameCount, int rotation)
{
    QVERIFY(!file.isEmpty());
    std::string error;
    auto sampler = FrameSampler::open(file.toStdString(), &error);
    QVERIFY2(sampler, error.c_str());
    const VideoInfo& info = sampler->info();
    QVERIFY2(std::abs(info.duration - frameCount / fps) < 1.5 / fps, qPrintable(QString::number(info.duration)));
    QVERIFY(std::abs(info.frameRate - fps) < 0.01 * fps || info.frameRate > 0);
    const std::vector<double> pts = cfrPts(fps, frameCount);
    const double d = frameCount / fps;
    for (double t : {0.2, d / 2, d - 0.1, d * 0.37}) {
        const auto frames = sampler->sampleAround(t, std::min(2.0, d), 6, &error);
        QVERIFY2(!frames.empty(), error.c_str());
        QCOMPARE(static_cast<int>(frames.size()), 6);
        checkFrames(frames, pts, rotation);
        if (QTest::currentTestFailed())
            return;
        for (const SampledFrame& f : frames) {
            QCOMPARE(f.image.width, info.width);
            QCOMPARE(f.image.height, info.height);
            int expected = 0;
            for (int n = 0; n < frameCount; ++n)
                if (pts[n] <= f.requestedTime + 1e-6)
                    expected = n;
            QCOMPARE(f.frameIndex, static_cast<std::int64_t>(expected));
        }
    }
}

void SamplerClips::initClips(const char* suite)
{
    QVERIFY(dir_.isValid());
    if (qEnvironmentVariableIsEmpty("GITVQA_FFMPEG_LOG"))
        av_log_set_level(AV_LOG_QUIET);
    haveFfmpeg_ = haveFfmpeg();
    if (!haveFfmpeg_)
        std::fprintf(stderr, "\n*** %s: ffmpeg CLI not on PATH; every clip-based test is SKIPPED (only the pure "
                             "logic tests run). ***\n\n",
                     suite);
}

bool SamplerClips::ffmpeg(const QStringList& args, const QString& stdoutFile, QByteArray* out)
{
    QProcess p;
    p.setProgram(QStringLiteral("ffmpeg"));
    p.setArguments(QStringList{"-hide_banner", "-loglevel", "error", "-nostdin", "-y"} + args);
    if (!stdoutFile.isEmpty())
        p.setStandardOutputFile(stdoutFile);
    p.start();
    if (!p.waitForFinished(180000)) {
        p.kill();
        p.waitForFinished();
        qWarning("ffmpeg timed out: %s", qPrintable(args.join(' ')));
        return false;
    }
    if (out)
        *out = p.readAllStandardOutput();
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        qWarning("ffmpeg failed (%s): %s", qPrintable(args.join(' ')), p.readAllStandardError().constData());
        return false;
    }
    return true;
}

QString SamplerClips::codedClip(const QString& name, double fps, double seconds, const QStringList& codecArgs,
                                const QString& extraFilter, int w, int h)
{
    const QString file = path(name);
    if (QFile::exists(file))
        return file;
    QString graph = codeSource(fps, seconds, w, h);
    if (!extraFilter.isEmpty())
        graph += "," + extraFilter;
    if (!ffmpeg(QStringList{"-f", "lavfi", "-i", graph} + codecArgs + QStringList{file}))
        return {};
    return file;
}

} // namespace gitvqa::testing
