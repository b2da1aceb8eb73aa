// The window never freezes on its transcript (issue 13): a video whose session already holds 10 000 exchanges is
// opened and answers are streamed into it through ChatTranscript, the object the chat saves through, on a real
// QApplication event loop. Opening (hashing the video, reading every session file) and every save (serialising and
// fsyncing the whole file) run on worker threads; EventLoopWatchdog asserts that the GUI thread never stalls 100 ms.
// The old code saved synchronously: AutosavedSession::update() held the GUI thread for the whole save.

#include "event_loop_watchdog.h"
#include "gui_test_main.h"

#include "session/session_file.h"
#include "session/session_json.h"
#include "ui/chat/chat_transcript.h"
#include "ui/chat/unsaved_transcript_prompt.h"

#include <QAbstractButton>
#include <QMessageBox>
#include <QTimer>

#include <QFile>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QSignalSpy>

using namespace gitvqa;
using gitvqa::testing::EventLoopWatchdog;

namespace {

constexpr int kRestored = 10000;

Exchange answered(int i)
{
    Exchange e;
    e.question = QStringLiteral("What happens in part %1 of the video?").arg(i);
    e.answer = QStringLiteral("a man is playing a guitar on a stage");
    e.segment = {double(i), double(i + 10)};
    e.frameTimes = {double(i) + 0.8, double(i) + 2.5, double(i) + 4.2, double(i) + 5.8, double(i) + 7.5,
                    double(i) + 9.2};
    e.model = QStringLiteral("microsoft/git-base-msrvtt-qa");
    e.device = QStringLiteral("cpu");
    e.dtype = QStringLiteral("float32");
    e.decoding = QJsonObject{{"strategy", "greedy"}, {"max_new_tokens", 20}};
    e.timings = QJsonObject{{"sampling_ms", 120}, {"encoding_ms", 340}, {"first_token_ms", 81},
                            {"per_token_ms", 25.2}, {"tokens", 9}};
    return e;
}

} // namespace

class TestGuiTranscriptSave : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_tmp;

private Q_SLOTS:
    void tenThousandExchangesStreamWithoutFreezing()
    {
        const QString video = m_tmp.filePath(QStringLiteral("long-talk.mp4"));
        {
            QRandomGenerator rng(5);
            QByteArray bytes(2 * 1024 * 1024, Qt::Uninitialized);
            for (char& c : bytes)
                c = char(rng.bounded(256));
            QFile f(video);
            QVERIFY(f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size());
        }
        const QString folder = m_tmp.filePath(QStringLiteral("sessions"));
        Session s(VideoFingerprint::of(video));
        for (int i = 0; i < kRestored; ++i)
            s.add(answered(i));
        QString error;
        const QString file = folder + QStringLiteral("/long-talk-") + s.id().left(8) + QStringLiteral(".json");
        QVERIFY2(writeSessionFile(file, s, &error), qPrintable(error));
        qInfo("session file: %lld bytes, %d exchanges", QFileInfo(file).size(), kRestored);

        ChatTranscript transcript(folder);
        QSignalSpy opened(&transcript, &ChatTranscript::opened);
        EventLoopWatchdog openDog;
        transcript.open(video);
        QVERIFY(transcript.isOpening());
        QTRY_COMPARE_WITH_TIMEOUT(opened.count(), 1, 60000);
        openDog.stop();
        qInfo("watchdog (open): %s", openDog.report().constData());
        QCOMPARE(transcript.exchanges().size(), kRestored);
        QCOMPARE(transcript.filePath(), file);

        // Three answers streamed token by token (25 ms a token, the reference CPU speed) and finished: the writer
        // saves each streamed state at most once a second and each finished answer at once.
        EventLoopWatchdog dog;
        QStringList ids;
        qint64 slowestCallNs = 0;   // the transcript's own share of a stall, as opposed to a busy machine
        auto timed = [&slowestCallNs](const auto& call) {
            QElapsedTimer t;
            t.start();
            call();
            slowestCallNs = qMax(slowestCallNs, t.nsecsElapsed());
        };
        for (int a = 0; a < 3; ++a) {
            Exchange x = answered(kRestored + a);
            x.answer.clear();
            x.status = exchange_status::Pending;
            const QString id = transcript.add(x);
            ids.append(id);
            x = *transcript.find(id);
            for (int token = 0; token < 60; ++token) {
                x.answer += QStringLiteral(" word%1").arg(token);
                timed([&] { transcript.updateStreaming(x); });
                QTest::qWait(25);
            }
            x.status = exchange_status::Done;
            timed([&] { transcript.update(x); });
            QTest::qWait(50);
        }
        dog.stop();
        qInfo("watchdog: %s", dog.report().constData());
        qInfo("slowest updateStreaming()/update() call on the GUI thread: %.1f ms", slowestCallNs / 1e6);
        QVERIFY2(dog.maxStallMs() < EventLoopWatchdog::kBudgetMs, dog.report().constData());
        QVERIFY2(openDog.maxStallMs() < EventLoopWatchdog::kBudgetMs, openDog.report().constData());

        QVERIFY(transcript.saveNow());
        const SessionRead read = readSessionFile(file);
        QCOMPARE(read.status, SessionReadStatus::Ok);
        QCOMPARE(read.session.exchanges().size(), kRestored + 3);
        for (const QString& id : ids) {
            QVERIFY(read.session.find(id));
            QCOMPARE(read.session.find(id)->status, QString(exchange_status::Done));
            QVERIFY(read.session.find(id)->answer.endsWith(QStringLiteral("word59")));
        }
    }

    void questionsAskedWhileOpeningAreKept()
    {
        const QString video = m_tmp.filePath(QStringLiteral("short.mp4"));
        {
            QFile f(video);
            QVERIFY(f.open(QIODevice::WriteOnly) && f.write(QByteArray(4096, 's')) == 4096);
        }
        const QString folder = m_tmp.filePath(QStringLiteral("sessions-2"));
        QString restoredId;
        {
            ChatTranscript first(folder);
            first.open(video);
            first.waitUntilOpened();
            restoredId = first.add(answered(1));
            QVERIFY(first.saveNow());
        }
        ChatTranscript transcript(folder);
        QSignalSpy opened(&transcript, &ChatTranscript::opened);
        transcript.open(video);
        // Asked at once, before the worker delivered the transcript.
        const QString early = transcript.add(answered(2));
        QTRY_COMPARE(opened.count(), 1);
        QVERIFY(transcript.find(restoredId));
        QVERIFY(transcript.find(early));
        QVERIFY(transcript.saveNow());
        const SessionRead read = readSessionFile(transcript.filePath());
        QCOMPARE(read.session.exchanges().size(), 2);
        QVERIFY(read.session.find(early));
    }

    void quitWithAFailedSaveOffersSaveAs()
    {
        const QString video = m_tmp.filePath(QStringLiteral("stick.mp4"));
        {
            QFile f(video);
            QVERIFY(f.open(QIODevice::WriteOnly) && f.write(QByteArray(8192, 'u')) == 8192);
        }
        ChatTranscript transcript(m_tmp.filePath(QStringLiteral("sessions-3")));
        QSignalSpy state(&transcript, &ChatTranscript::saveStateChanged);
        transcript.open(video);
        transcript.waitUntilOpened();
        transcript.add(answered(1));
        QVERIFY(transcript.saveNow());
        QVERIFY(confirmCloseWithUnsavedTranscript(nullptr, transcript));   // saved: nothing to ask
        // The stick is gone: a folder where the file was fails every save, for root too.
        const QString file = transcript.filePath();
        QVERIFY(QFile::remove(file));
        QVERIFY(QDir().mkpath(file));
        transcript.add(answered(2));
        QTRY_VERIFY(!transcript.lastError().isEmpty());   // reported without anyone asking: the chat shows it
        QVERIFY2(transcript.lastError().contains(QFileInfo(file).fileName()), qPrintable(transcript.lastError()));
        QCOMPARE(transcript.exchanges().size(), 2);   // never dropped from memory

        // Quit: the message names the problem; Cancel keeps the window open.
        QString shownText;
        auto answer = [&shownText](const QString& button) {
            QTimer::singleShot(0, [&shownText, button] {
                auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
                if (!box)
                    return;
                shownText = box->text() + QLatin1Char('\n') + box->informativeText();
                for (QAbstractButton* b : box->buttons()) {
                    if (b->text() == button || box->buttonRole(b) == QMessageBox::RejectRole && button.isEmpty())
                        b->click();
                }
            });
        };
        answer(QString());
        QVERIFY(!confirmCloseWithUnsavedTranscript(nullptr, transcript, [] { return QString(); }));
        QVERIFY2(shownText.contains(QFileInfo(file).fileName()), qPrintable(shownText));
        // "Save Transcript As…" writes everything to the file the user picks.
        const QString copy = m_tmp.filePath(QStringLiteral("rescued.json"));
        answer(QStringLiteral("Save Transcript As…"));
        QVERIFY(confirmCloseWithUnsavedTranscript(nullptr, transcript, [copy] { return copy; }));
        const SessionRead rescued = readSessionFile(copy);
        QCOMPARE(rescued.status, SessionReadStatus::Ok);
        QCOMPARE(rescued.session.exchanges().size(), 2);
        QVERIFY(QDir(file).removeRecursively());   // the retry timer then saves it where it belongs
        QTRY_VERIFY_WITH_TIMEOUT(transcript.lastError().isEmpty(), 10000);
        QVERIFY(state.count() >= 2);
    }
};

GITVQA_GUI_TEST_MAIN(TestGuiTranscriptSave, false)
#include "test_gui_transcript_save.moc"
