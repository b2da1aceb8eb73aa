#pragma once
// Test clips made on the spot with the ffmpeg CLI (never checked in): real files through real decoders.

#include <QDir>
#include <QProcess>
#include <QStandardPaths>
#include <QString>
#include <QStringList>
#include <QTest>

namespace gitvqa::testing {

inline bool haveFfmpeg() { return !QStandardPaths::findExecutable(QStringLiteral("ffmpeg")).isEmpty(); }

// Runs `ffmpeg -y -loglevel error <args> <dir>/<name>` and returns the path ("" on failure).
inline QString makeClip(const QString& dir, const QString& name, const QStringList& args)
{
    const QString out = QDir(dir).filePath(name);
    QProcess p;
    p.start(QStringLiteral("ffmpeg"), QStringList{QStringLiteral("-y"), QStringLiteral("-loglevel"), QStringLiteral("error")}
                                          + args + QStringList{out});
    if (!p.waitForFinished(120000) || p.exitCode() != 0) {
        qWarning("ffmpeg failed: %s", p.readAllStandardError().constData());
        return {};
    }
    return out;
}

// A small H.264 clip of a lavfi source ("testsrc", "testsrc2", "smptebars", "mandelbrot", ...).
inline QString makeTestClip(const QString& dir, const QString& name, const QString& source = QStringLiteral("testsrc"),
                            double seconds = 12, const QString& size = QStringLiteral("320x240"))
{
    return makeClip(dir, name,
                    {QStringLiteral("-f"), QStringLiteral("lavfi"), QStringLiteral("-i"),
                     QStringLiteral("%1=size=%2:rate=25:duration=%3").arg(source, size).arg(seconds),
                     QStringLiteral("-c:v"), QStringLiteral("libx264"), QStringLiteral("-preset"), QStringLiteral("ultrafast"),
                     QStringLiteral("-pix_fmt"), QStringLiteral("yuv420p")});
}

} // namespace gitvqa::testing

#define GITVQA_REQUIRE_FFMPEG()                                                                                      \
    do {                                                                                                             \
        if (!gitvqa::testing::haveFfmpeg())                                                                          \
            QSKIP("the ffmpeg CLI is not installed: cannot make test clips");                                        \
    } while (0)
