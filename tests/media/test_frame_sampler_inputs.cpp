// FFmpeg frame sampler on what it must refuse (missing, empty, text, audio-only, truncated, garbled files: a clear
// message each, no crash, no hang), and `gitvqa frames` end to end (frames.json, PNG count, exit codes; skipped when
// the binary is not built with this suite). Clips are made here with the ffmpeg CLI (sampler_test_clips.h).

#include "sampler_test_clips.h"

#include "media/frame_sampler.h"

#ifdef GITVQA_CLI_BINARY
#include "cli_runner.h"
#endif

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace gitvqa;
using namespace gitvqa::testing;

class TestFrameSamplerInputs : public QObject, private SamplerClips {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { initClips("test_frame_sampler_inputs"); }

    // ---- broken inputs: a clear message each, no crash, no hang ----

    void brokenInputs()
    {
        std::string error;
        QVERIFY(!FrameSampler::open(path("missing.mp4").toStdString(), &error));
        qInfo("%s -> %s", qPrintable(QFileInfo(path("missing.mp4")).fileName()), error.c_str());
        QVERIFY2(error.find("not found") != std::string::npos, error.c_str());

        QVERIFY(!FrameSampler::open(dir_.path().toStdString(), &error));
        qInfo("%s -> %s", qPrintable(QFileInfo(dir_.path()).fileName()), error.c_str());
        QVERIFY2(error.find("folder") != std::string::npos, error.c_str());

        QFile empty(path("empty.mp4"));
        QVERIFY(empty.open(QIODevice::WriteOnly));
        empty.close();
        QVERIFY(!FrameSampler::open(empty.fileName().toStdString(), &error));
        qInfo("%s -> %s", qPrintable(QFileInfo(empty.fileName()).fileName()), error.c_str());
        QVERIFY2(error.find("empty") != std::string::npos, error.c_str());

        for (const QString& name : {QString("notes.txt"), QString("notes.mp4"), QString("notes")}) {
            QFile text(path(name));
            QVERIFY(text.open(QIODevice::WriteOnly));
            for (int i = 0; i < 200; ++i)
                text.write("This is not a video. Just some lines of plain text, nothing else.\n");
            text.close();
            QVERIFY2(!FrameSampler::open(text.fileName().toStdString(), &error), qPrintable(name));
            qInfo("%s -> %s", qPrintable(name), error.c_str());
            QVERIFY2(error.find("Not a video file") != std::string::npos, error.c_str());
            QVERIFY2(error.find("text file") != std::string::npos, error.c_str());
        }

        if (!haveFfmpeg_)
            QSKIP("ffmpeg CLI not on PATH: truncated and audio-only files not tested");

        const QString audio = path("sine.m4a");
        QVERIFY(ffmpeg({"-f", "lavfi", "-i", "sine=d=1", audio}));
        QVERIFY(!FrameSampler::open(audio.toStdString(), &error));
        qInfo("%s -> %s", qPrintable(QFileInfo(audio).fileName()), error.c_str());
        QCOMPARE(QString::fromStdString(error), QString("This file has no video stream (audio only)."));
        const QString wav = path("sine.wav");
        QVERIFY(ffmpeg({"-f", "lavfi", "-i", "sine=d=1", wav}));
        QVERIFY(!FrameSampler::open(wav.toStdString(), &error));
        qInfo("%s -> %s", qPrintable(QFileInfo(wav).fileName()), error.c_str());
        QCOMPARE(QString::fromStdString(error), QString("This file has no video stream (audio only)."));

        auto cut = [&](const QString& from, const QString& to, qint64 bytes) {
            QFile in(from);
            QVERIFY(in.open(QIODevice::ReadOnly));
            QFile out(to);
            QVERIFY(out.open(QIODevice::WriteOnly));
            out.write(in.read(bytes));
        };
        // moov at the end (ffmpeg's default): the first half has no index at all.
        const QString full = codedClip("h264.mp4", 25, 4, {"-c:v", "libx264", "-g", "12", "-pix_fmt", "yuv420p"});
        cut(full, path("half.mp4"), QFileInfo(full).size() / 2);
        QVERIFY(!FrameSampler::open(path("half.mp4").toStdString(), &error));
        qInfo("%s -> %s", qPrintable(QFileInfo(path("half.mp4")).fileName()), error.c_str());
        QVERIFY2(error.find("truncated") != std::string::npos, error.c_str());
        // moov in front (faststart): the index is intact but points past the end.
        const QString fast = codedClip("fast.mp4", 25, 4, {"-c:v", "libx264", "-g", "12", "-movflags", "+faststart"});
        cut(fast, path("fast_half.mp4"), QFileInfo(fast).size() / 2);
        QVERIFY(!FrameSampler::open(path("fast_half.mp4").toStdString(), &error));
        qInfo("%s -> %s", qPrintable(QFileInfo(path("fast_half.mp4")).fileName()), error.c_str());
        QVERIFY2(error.find("truncated") != std::string::npos, error.c_str());
        // Just the header: ftyp + moov, no picture data at all. Find the end of moov from the atom sizes.
        {
            QFile in(fast);
            QVERIFY(in.open(QIODevice::ReadOnly));
            const QByteArray bytes = in.readAll();
            qint64 pos = 0, headerEnd = 0;
            while (pos + 8 <= bytes.size()) {
                const quint32 size = (quint8(bytes[pos]) << 24) | (quint8(bytes[pos + 1]) << 16)
                                     | (quint8(bytes[pos + 2]) << 8) | quint8(bytes[pos + 3]);
                const QByteArray type = bytes.mid(pos + 4, 4);
                if (type == "mdat" || size < 8)
                    break;
                pos += size;
                headerEnd = pos;
            }
            QVERIFY(headerEnd > 0);
            cut(fast, path("header_only.mp4"), headerEnd);
            QVERIFY(!FrameSampler::open(path("header_only.mp4").toStdString(), &error));
            qInfo("%s -> %s", qPrintable(QFileInfo(path("header_only.mp4")).fileName()), error.c_str());
            QVERIFY2(error.find("truncated") != std::string::npos, error.c_str());
            cut(full, path("tiny.mp4"), 40);
            QVERIFY(!FrameSampler::open(path("tiny.mp4").toStdString(), &error));
            qInfo("%s -> %s", qPrintable(QFileInfo(path("tiny.mp4")).fileName()), error.c_str());
            QVERIFY2(!error.empty(), error.c_str());
        }
        // A cut mkv (no cues, duration in the header): opens, then refuses windows past the cut.
        const QString mkv = codedClip("cut_src.mkv", 25, 4, {"-c:v", "libx264", "-g", "12"});
        cut(mkv, path("cut.mkv"), QFileInfo(mkv).size() / 2);
        auto s = FrameSampler::open(path("cut.mkv").toStdString(), &error);
        qInfo("cut.mkv -> %s", s ? "opened" : error.c_str());
        if (s) {
            QVERIFY(s->sampleAround(3.8, 0.2, 2, &error).empty());
            qInfo("cut.mkv, window at 3.8 s -> %s", error.c_str());
            QVERIFY2(error.find("truncated") != std::string::npos, error.c_str());
            QVERIFY(!s->sampleAround(0.5, 0.5, 2, &error).empty());
        } else {
            QVERIFY2(error.find("truncated") != std::string::npos, error.c_str());
        }
        // Garbage in the middle of a file: must not crash or hang; frames may be damaged.
        {
            QFile in(full);
            QVERIFY(in.open(QIODevice::ReadOnly));
            QByteArray bytes = in.readAll();
            for (qint64 i = bytes.size() / 4; i < bytes.size() / 2; i += 7)
                bytes[i] = static_cast<char>(i * 131);
            QFile out(path("garbled.mp4"));
            QVERIFY(out.open(QIODevice::WriteOnly));
            out.write(bytes);
            out.close();
            auto g = FrameSampler::open(out.fileName().toStdString(), &error);
            if (g) {
                const auto frames = g->sampleRange(0.0, 4.0, 8, &error); // either frames or an error; both are fine
                qInfo("garbled.mp4 -> %zu frames %s", frames.size(), frames.empty() ? error.c_str() : "");
            } else {
                qInfo("garbled.mp4 -> %s", error.c_str());
            }
        }
    }

    void cliFrames()
    {
#ifndef GITVQA_CLI_BINARY
        QSKIP("gitvqa binary not built with this test");
#else
        GITVQA_REQUIRE_FFMPEG();
        if (!QFile::exists(gitvqaCliPath()))
            QSKIP("gitvqa binary not built yet (cmake --build ... --target gitvqa)");
        if (!QFile::exists(path("sine.m4a")))
            QVERIFY(ffmpeg({"-f", "lavfi", "-i", "sine=d=1", path("sine.m4a")}));
        const QString file = codedClip("h264.mp4", 25, 4, {"-c:v", "libx264", "-g", "12", "-pix_fmt", "yuv420p"});
        const QString out = path("cli_out");
        CliRun r = runGitvqaCli({"frames", file, "--at", "2", "--window", "2", "--count", "5", "--out", out});
        QVERIFY2(r.finished, r.err.constData());
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QFile json(QDir(out).filePath("frames.json"));
        QVERIFY(json.open(QIODevice::ReadOnly));
        const QJsonObject root = QJsonDocument::fromJson(json.readAll()).object();
        const QJsonArray frames = root.value("frames").toArray();
        QCOMPARE(frames.size(), 5);
        QCOMPARE(root.value("video").toObject().value("width").toInt(), 160);
        for (const auto& v : frames) {
            const QJsonObject f = v.toObject();
            QVERIFY(QFile::exists(QDir(out).filePath(f.value("file").toString())));
            QVERIFY(f.value("pts").toDouble() <= f.value("requestedTime").toDouble() + 1e-6);
        }
        QCOMPARE(QDir(out).entryList({"*.png"}).size(), 5);

        r = runGitvqaCli({"frames", path("sine.m4a"), "--at", "1", "--out", out});
        QVERIFY2(r.finished, r.err.constData());
        QCOMPARE(r.exitCode, 4);
        r = runGitvqaCli({"frames", file, "--out", out});
        QVERIFY2(r.finished, r.err.constData());
        QCOMPARE(r.exitCode, 2);
#endif
    }
};

QTEST_MAIN(TestFrameSamplerInputs)
#include "test_frame_sampler_inputs.moc"
