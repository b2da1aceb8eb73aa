// File → Export Transcript: every format renders the open video's exchanges; the HTML report embeds a picture of
// each segment taken from the video (so restored answers, whose frames are not stored, get one too).

#include "clip_maker.h"
#include "event_loop_watchdog.h"
#include "gui_test_main.h"

#include "ui/chat/transcript_export.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProgressDialog>
#include <QTemporaryDir>
#include <QTimer>
#include <QWidget>
#include <QXmlStreamReader>

using namespace gitvqa;

class TestTranscriptExport : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        GITVQA_REQUIRE_FFMPEG();
        m_clip = gitvqa::testing::makeTestClip(m_dir.path(), QStringLiteral("clip.mp4"), QStringLiteral("testsrc"), 6);
        QVERIFY(!m_clip.isEmpty());
        Exchange a;
        a.question = QStringLiteral("what is \"it\", really?");
        a.answer = QStringLiteral("a test pattern");
        a.segment = {1.0, 3.0};
        a.frameTimes = {1.2, 1.6, 2.0, 2.4, 2.8, 2.9};
        Exchange b = a;
        b.question = QStringLiteral("这是什么？ 🎬");
        b.answer = QStringLiteral("colours");
        b.segment = {3.0, 5.0};
        m_exchanges = {a, b};
    }

    void everyFormatRenders_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<QString>("needle");
        QTest::newRow("markdown") << "markdown" << "a test pattern";
        QTest::newRow("json") << "json" << "\"schema\"";
        QTest::newRow("csv") << "csv" << "\"what is \"\"it\"\", really?\"";
        QTest::newRow("srt") << "srt" << "00:00:01,000 --> 00:00:03,000";
        QTest::newRow("vtt") << "vtt" << "WEBVTT";
        QTest::newRow("html") << "html" << "data:image/png;base64,";
    }
    void everyFormatRenders()
    {
        QFETCH(QString, format);
        QFETCH(QString, needle);
        QString error;
        const QByteArray out = renderTranscript(m_clip, m_exchanges, format, &error);
        QVERIFY2(!out.isEmpty(), qPrintable(error));
        QVERIFY2(QString::fromUtf8(out).contains(needle), out.left(400).constData());
        QVERIFY(QString::fromUtf8(out).contains(QStringLiteral("这是什么")));
    }

    void htmlEmbedsOnePicturePerExchangeAndParses()
    {
        QString error;
        const QByteArray html = renderTranscript(m_clip, m_exchanges, QStringLiteral("html"), &error);
        QCOMPARE(html.count("data:image/png;base64,"), 2);
        QXmlStreamReader xml(html);
        while (!xml.atEnd())
            xml.readNext();
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    }

    void unknownFormatSaysSo()
    {
        QString error;
        QVERIFY(renderTranscript(m_clip, m_exchanges, QStringLiteral("docx"), &error).isEmpty());
        QVERIFY(error.contains(QStringLiteral("docx")));
    }

    // Issue 13: the HTML report decoded and PNG-encoded a frame per exchange on the GUI thread. A long transcript is
    // now written on a pool thread: the window keeps answering, and Cancel leaves no file.
    void aLongHtmlExportKeepsTheWindowAnswering()
    {
        const QString clip = gitvqa::testing::makeTestClip(m_dir.path(), QStringLiteral("long.mp4"),
                                                           QStringLiteral("testsrc"), 40);
        QVERIFY(!clip.isEmpty());
        constexpr int kExchanges = 400; // about a second of pictures: past the progress dialog's half second
        QVector<Exchange> many;
        for (int i = 0; i < kExchanges; ++i) {
            Exchange x = m_exchanges.first();
            x.question = QStringLiteral("question %1").arg(i);
            x.segment = {0.09 * i, 0.09 * i + 2.0};
            many.append(x);
        }
        QElapsedTimer direct;
        direct.start();
        QString error;
        QCOMPARE(renderTranscript(clip, many, QStringLiteral("html"), &error).count("data:image/png;base64,"), kExchanges);
        qInfo("watchdog: rendering %d pictures takes %lld ms on the calling thread", kExchanges, direct.elapsed());

        QWidget window;
        window.show();
        const QString out = m_dir.filePath(QStringLiteral("long.html"));
        testing::EventLoopWatchdog dog;
        QVERIFY2(writeTranscript(&window, out, QStringLiteral("html"), clip, many, &error), qPrintable(error));
        dog.stop();
        qInfo("watchdog: HTML export of %d exchanges: %s", kExchanges, dog.report().constData());
        QVERIFY2(dog.maxStallMs() < testing::EventLoopWatchdog::kBudgetMs, dog.report().constData());
        QFile f(out);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll().count("data:image/png;base64,"), kExchanges);

        // Cancel from the progress dialog while it works: no file, no error.
        const QString cancelled = m_dir.filePath(QStringLiteral("cancelled.html"));
        bool pressed = false;
        QTimer poll;
        connect(&poll, &QTimer::timeout, &poll, [&] {
            auto* progress = window.findChild<QProgressDialog*>(QStringLiteral("exportProgress"));
            if (progress && !pressed) {
                pressed = true;
                progress->cancel();
            }
        });
        poll.start(20);
        QVERIFY(!writeTranscript(&window, cancelled, QStringLiteral("html"), clip, many, &error));
        QVERIFY(pressed);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(!QFileInfo::exists(cancelled));
    }

private:
    QTemporaryDir m_dir;
    QString m_clip;
    QVector<Exchange> m_exchanges;
};

GITVQA_GUI_TEST_MAIN(TestTranscriptExport, false)
#include "test_transcript_export.moc"
