// The whole window with the tiny reference model and generated clips, driven as a person would: open a clip, seek,
// mark In/Out with keys, type a question and press Enter, watch the answer stream in, stop a long one, regenerate,
// click the time chip, copy, delete; plus drag and drop, pre-encoding on pause, and an unreadable file.
//
// Playback: under QT_QPA_PLATFORM=offscreen the FFmpeg backend loads and plays the clips (video frames are converted
// on the CPU), so QMediaPlayer::position() is checked too; the window's own position model (VideoPlayer::position)
// is what the UI uses and is checked first.

#include "clip_maker.h"
#include "gui_test_main.h"
#include "window_suite.h"

#include "ui/actions.h"
#include "ui/chat/chat_controller.h"
#include "ui/chat/chat_exchange_widget.h"
#include "ui/chat/chat_frame_strip.h"
#include "ui/chat/chat_pane.h"
#include "ui/chat/chat_question_edit.h"
#include "ui/chat/chat_transcript.h"
#include "ui/main_window.h"
#include "ui/models/model_controller.h"
#include "ui/player/player_pane.h"
#include "ui/recent_files.h"
#include "ui/player/timeline_widget.h"
#include "ui/player/video_player.h"
#include "ui/settings/app_settings.h"
#include "ui/worker_status.h"

#include <QAbstractButton>
#include <QClipboard>
#include <QMediaPlayer>
#include <QMimeData>
#include <QProcess>
#include <QSettings>
#include <QSignalSpy>
#include <QSplitter>
#include <QToolButton>
#include <QVideoWidget>

#include <memory>

using namespace gitvqa;
using gitvqa::testing::referencePath;

namespace {

constexpr int kAnswerTimeoutMs = 60000;

} // namespace

class TestGuiWindow : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        GITVQA_REQUIRE_FFMPEG();
        QVERIFY(m_dir.isValid());
        m_clip = gitvqa::testing::makeTestClip(m_dir.path(), QStringLiteral("clip.mp4"), QStringLiteral("testsrc2"), 20);
        QVERIFY(!m_clip.isEmpty());
        // Pre-encoding on: the suite checks that a question after a pause reuses the encoded segment.
        gitvqa::testing::saveTinyModelSettings(12, true);

        MainWindow::Options options;
        options.transcriptFolder = m_dir.filePath(QStringLiteral("sessions"));
        m_window = std::make_unique<MainWindow>(options);
        m_window->resize(1200, 720);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        // The worker knows it has the model a moment before the window hears about it.
        QTRY_VERIFY_WITH_TIMEOUT(m_window->workerStatus()->modelText().contains(QStringLiteral("tiny-git-video")), 60000);
        QVERIFY(m_window->models()->hasModel());
        QVERIFY(!m_window->chatPane()->isNoModelPanelShown());
        QVERIFY(m_window->workerStatus()->modelText().contains(QStringLiteral("cpu")));
    }

    void opensTheClip()
    {
        QVERIFY(m_window->openVideo(m_clip));
        QTRY_VERIFY_WITH_TIMEOUT(m_window->playerPane()->facts().duration > 0, 20000);
        QVERIFY(std::abs(m_window->playerPane()->facts().duration - 20.0) < 0.1);
        QCOMPARE(m_window->playerPane()->facts().frameRate, 25.0);
        QTRY_VERIFY_WITH_TIMEOUT(player()->isLoaded(), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(timeline()->thumbnailCount() > 10, 20000);
        QVERIFY(m_window->windowTitle().contains(QStringLiteral("clip.mp4")));
        QCOMPARE(RecentFiles::load().value(0), QFileInfo(m_clip).absoluteFilePath());
        QVERIFY(m_window->chatPane()->canAsk());
    }

    void playbackKeys()
    {
        QWidget* focus = timeline();
        focus->setFocus();
        QTRY_VERIFY(focus->hasFocus());
        player()->seek(1.0);
        QTest::keyClick(focus, Qt::Key_L); // play
        QTRY_VERIFY_WITH_TIMEOUT(player()->isPlaying(), 5000);
        QCOMPARE(player()->rate(), 1.0);
        QTest::keyClick(focus, Qt::Key_L); // faster
        QCOMPARE(player()->rate(), 1.25);
        QCOMPARE(player()->mediaPlayer()->playbackRate(), 1.25);
        QTest::keyClick(focus, Qt::Key_J); // slower again
        QCOMPARE(player()->rate(), 1.0);
        QTest::keyClick(focus, Qt::Key_K); // pause
        QTRY_VERIFY_WITH_TIMEOUT(!player()->isPlaying(), 5000);
        const double at = player()->position();
        QTest::keyClick(focus, Qt::Key_J); // paused: 5 s back (clamped at 0)
        QCOMPARE(player()->position(), std::max(0.0, at - 5.0));
        QTest::keyClick(focus, Qt::Key_Space);
        QTRY_VERIFY_WITH_TIMEOUT(player()->isPlaying(), 5000);
        QTest::keyClick(focus, Qt::Key_Space);
        QTRY_VERIFY_WITH_TIMEOUT(!player()->isPlaying(), 5000);

        QTest::keyClick(focus, Qt::Key_M);
        QVERIFY(player()->isMuted());
        QTest::keyClick(focus, Qt::Key_M);
        QVERIFY(!player()->isMuted());

        // F: the video fills the screen; Esc leaves full screen first, and only then clears the segment.
        timeline()->setSegment(3.0, 6.0);
        QTest::keyClick(focus, Qt::Key_F);
        QVERIFY(m_window->isVideoFullScreen());
        QVERIFY(!m_window->chatPane()->isVisible());
        QTest::keyClick(focus, Qt::Key_Escape);
        QVERIFY(!m_window->isVideoFullScreen());
        QVERIFY(m_window->chatPane()->isVisible());
        QVERIFY(timeline()->hasSegment());
        QTest::keyClick(focus, Qt::Key_Escape);
        QVERIFY(!timeline()->hasSegment());
        // Double-clicking the video toggles full screen too.
        QTest::mouseDClick(m_window->playerPane()->videoWidget(), Qt::LeftButton);
        QVERIFY(m_window->isVideoFullScreen());
        QTest::mouseDClick(m_window->playerPane()->videoWidget(), Qt::LeftButton);
        QVERIFY(!m_window->isVideoFullScreen());
    }

    void seeksStepsAndMarksWithKeys()
    {
        QWidget* focus = timeline();
        focus->setFocus();
        QTRY_VERIFY(focus->hasFocus());
        player()->seek(2.0);
        QTest::keyClick(focus, Qt::Key_I);
        QVERIFY(timeline()->hasSegment());
        QCOMPARE(timeline()->segmentStart(), 2.0);
        QTest::keyClick(focus, Qt::Key_Right); // +5 s
        QCOMPARE(player()->position(), 7.0);
        QTest::keyClick(focus, Qt::Key_O);
        QCOMPARE(timeline()->segmentEnd(), 7.0);
        QCOMPARE(timeline()->segmentStart(), 2.0);
        QVERIFY(m_window->chatPane()->scopeText().contains(QStringLiteral("00:02–00:07")));

        // Frame steps: one frame is 1/25 s.
        QTest::keyClick(focus, Qt::Key_Period);
        QCOMPARE(player()->position(), 7.04);
        QTest::keyClick(focus, Qt::Key_Right, Qt::ShiftModifier);
        QCOMPARE(player()->position(), 7.08);
        QTest::keyClick(focus, Qt::Key_Comma);
        QTest::keyClick(focus, Qt::Key_Comma);
        QCOMPARE(player()->position(), 7.0);
        QVERIFY(!player()->isPlaying());
        QTRY_COMPARE_WITH_TIMEOUT(player()->mediaPlayer()->position(), qint64(7000), 5000);

        // Esc clears the segment; I and O mark it again.
        QTest::keyClick(focus, Qt::Key_Escape);
        QVERIFY(!timeline()->hasSegment());
        player()->seek(2.0);
        QTest::keyClick(focus, Qt::Key_I);
        player()->seek(7.0);
        QTest::keyClick(focus, Qt::Key_O);
        QCOMPARE(timeline()->segmentStart(), 2.0);
        QCOMPARE(timeline()->segmentEnd(), 7.0);
    }

    void asksAndTheAnswerStreamsIn()
    {
        ChatExchangeWidget* w = askByTyping(QStringLiteral("what is happening?"));
        QVERIFY(w);
        QSignalSpy streamed(w, &ChatExchangeWidget::answerChanged);
        QVERIFY(waitFinished(w->entry().id));
        const ChatEntry e = w->entry();
        QCOMPARE(e.state, ChatEntry::State::Done);
        QVERIFY(!e.answer.isEmpty());
        // Token by token: several updates reached the widget before the end.
        QVERIFY2(streamed.count() >= 3, qPrintable(QString::number(streamed.count())));
        QCOMPARE(w->answerText(), e.answer);
        QCOMPARE(e.start, 2.0);
        QCOMPARE(e.end, 7.0);
        QCOMPARE(w->timeChip()->text(), QStringLiteral("00:02–00:07"));
        QCOMPARE(e.thumbnails.size(), 6);
        QCOMPARE(w->frameStrip()->frameCount(), 6);
        QVERIFY(e.timeToFirstTokenMs >= 0);
        QVERIFY(e.tokensPerSecond > 0);
        QVERIFY(ChatExchangeWidget::statsText(e).contains(QStringLiteral("tokens/s")));
        // A marker on the timeline carries the question.
        QCOMPARE(timeline()->markers().size(), 1);
        QCOMPARE(timeline()->markers().first().question, QStringLiteral("what is happening?"));
        // Saved in the transcript.
        const QVector<Exchange> saved = m_window->chat()->transcript().exchanges();
        QCOMPARE(saved.size(), 1);
        QCOMPARE(saved.first().status, QString(exchange_status::Done));
        QCOMPARE(saved.first().answer, e.answer);
        m_firstAnswer = e.answer;
        m_firstId = e.id;
    }

    void askingWhilePlayingPinsTheMoment()
    {
        QTest::keyClick(timeline(), Qt::Key_Escape); // no segment: around the playhead
        player()->seek(10.0);
        player()->play();
        QTRY_VERIFY_WITH_TIMEOUT(player()->position() > 10.2, 10000);
        ChatQuestionEdit* edit = m_window->chatPane()->questionEdit();
        edit->setFocus();
        QTest::keyClicks(edit, QStringLiteral("where is this?"));
        const double pinned = player()->position();
        QTest::keyClick(edit, Qt::Key_Return);
        ChatExchangeWidget* w = m_window->chatPane()->exchangeWidgets().last();
        // Pinned when Enter was pressed: 4 s around the playhead at that moment, however long the answer takes.
        QVERIFY(std::abs(w->entry().start - (pinned - 2.0)) < 0.15);
        QVERIFY(waitFinished(w->entry().id));
        player()->pause();
        QVERIFY2(std::abs(w->entry().start - (pinned - 2.0)) < 0.15,
                 qPrintable(QStringLiteral("%1 vs %2").arg(w->entry().start).arg(pinned)));
        QVERIFY(std::abs(w->entry().end - w->entry().start - 4.0) < 1e-6);
        QTest::mouseClick(w->deleteButton(), Qt::LeftButton);
        QTRY_COMPARE(m_window->chatPane()->exchangeWidgets().size(), 1);
    }

    void stopsALongAnswerThenRegenerates()
    {
        AppSettings s = m_window->settings();
        s.maxAnswerTokens = 1000;
        m_window->applySettings(s);
        player()->seek(2.0);
        timeline()->setSegment(2.0, 7.0);
        ChatExchangeWidget* w = askByTyping(QStringLiteral("what is the man doing in the kitchen?"));
        QVERIFY(w);
        QSignalSpy streamed(w, &ChatExchangeWidget::answerChanged);
        QTRY_VERIFY_WITH_TIMEOUT(streamed.count() >= 2, kAnswerTimeoutMs);
        QVERIFY(w->stopButton()->isVisible());
        QTest::mouseClick(w->stopButton(), Qt::LeftButton);
        QVERIFY(waitFinished(w->entry().id));
        QCOMPARE(w->entry().state, ChatEntry::State::Stopped);
        QVERIFY(w->entry().tokens < 1000);
        QVERIFY(!w->entry().answer.isEmpty());
        QVERIFY(!w->stopButton()->isVisible());
        QVERIFY(w->regenerateButton()->isVisible());
        const Exchange* saved = m_window->chat()->transcript().find(w->entry().id);
        QVERIFY(saved);
        QCOMPARE(saved->status, QString(exchange_status::Stopped));

        // Regenerate: the same question about the same segment, now with short answers.
        s.maxAnswerTokens = 12;
        m_window->applySettings(s);
        const QString id = w->entry().id;
        QTest::mouseClick(w->regenerateButton(), Qt::LeftButton);
        QVERIFY(w->entry().isActive());
        QVERIFY(waitFinished(id));
        QCOMPARE(w->entry().state, ChatEntry::State::Done);
        QCOMPARE(w->entry().start, 2.0);
        QCOMPARE(w->entry().end, 7.0);
        QCOMPARE(w->entry().tokens, 12);
        QCOMPARE(m_window->chat()->transcript().find(id)->status, QString(exchange_status::Done));
    }

    void timeChipSeeksThePlayer()
    {
        ChatExchangeWidget* w = m_window->chatPane()->exchangeWidget(m_firstId);
        QVERIFY(w);
        player()->seek(15.0);
        QTest::mouseClick(w->timeChip(), Qt::LeftButton);
        QCOMPARE(player()->position(), 2.0);
        QCOMPARE(timeline()->position(), 2.0);
        QTRY_COMPARE_WITH_TIMEOUT(player()->mediaPlayer()->position(), qint64(2000), 5000);
        // A frame of the strip seeks to that frame's time.
        QTest::mouseClick(w->frameStrip(), Qt::LeftButton, {}, w->frameStrip()->frameRect(5).center());
        QCOMPARE(player()->position(), w->entry().frameTimes.at(5));
    }

    void copyPutsTheAnswerOnTheClipboard()
    {
        ChatExchangeWidget* w = m_window->chatPane()->exchangeWidget(m_firstId);
        QTest::mouseClick(w->copyButton(), Qt::LeftButton);
        QCOMPARE(QGuiApplication::clipboard()->text(), m_firstAnswer);
    }

    void pausingPreEncodesTheSegment()
    {
        QSignalSpy preEncoded(m_window->models(), &ModelController::segmentPreEncoded);
        timeline()->setSegment(12.0, 16.0); // marking a segment is a moment to prepare it
        // Pre-encodes of earlier segments may still finish first; this one must follow.
        const auto prepared = [&] {
            for (const QList<QVariant>& args : preEncoded)
                if (args.at(1).toDouble() == 12.0 && args.at(2).toDouble() == 16.0)
                    return true;
            return false;
        };
        QTRY_VERIFY_WITH_TIMEOUT(prepared(), 30000);
        ChatExchangeWidget* w = askByTyping(QStringLiteral("what is happening?"));
        QVERIFY(waitFinished(w->entry().id));
        QVERIFY(w->entry().contextReused);
    }

    void deleteRemovesTheExchangeAndItsMarker()
    {
        const int before = m_window->chatPane()->exchangeWidgets().size();
        ChatExchangeWidget* w = m_window->chatPane()->exchangeWidgets().last();
        const QString id = w->entry().id;
        QTest::mouseClick(w->deleteButton(), Qt::LeftButton);
        QTRY_COMPARE(m_window->chatPane()->exchangeWidgets().size(), before - 1);
        QCOMPARE(timeline()->markers().size(), before - 1);
        QVERIFY(!m_window->chat()->transcript().find(id));
    }

    void reopeningRestoresTheTranscript()
    {
        const int count = m_window->chatPane()->exchangeWidgets().size();
        QVERIFY(m_window->openVideo(m_clip));
        QTRY_COMPARE(m_window->chatPane()->exchangeWidgets().size(), count);
        QCOMPARE(m_window->chatPane()->exchangeWidget(m_firstId)->entry().answer, m_firstAnswer);
        QCOMPARE(timeline()->markers().size(), count);
        QTRY_VERIFY_WITH_TIMEOUT(player()->isLoaded(), 20000);
    }

    void droppingAFileOpensIt()
    {
        const QString other = gitvqa::testing::makeTestClip(m_dir.path(), QStringLiteral("dropped.mp4"), QStringLiteral("smptebars"), 6);
        QVERIFY(!other.isEmpty());
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(other)});
        const QPoint at = m_window->rect().center();
        QDragEnterEvent enter(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(m_window.get(), &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(at), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(m_window.get(), &drop);
        QCOMPARE(player()->path(), QFileInfo(other).absoluteFilePath());
        QTRY_VERIFY_WITH_TIMEOUT(std::abs(m_window->playerPane()->facts().duration - 6.0) < 0.1, 20000);
        QCOMPARE(m_window->chatPane()->exchangeWidgets().size(), 0); // its own, empty transcript
        QVERIFY(m_window->chatPane()->startersWidget()->isVisibleTo(m_window->chatPane()));
    }

    void anUnreadableFileIsExplained()
    {
        QFile text(m_dir.filePath(QStringLiteral("notes.mp4")));
        QVERIFY(text.open(QIODevice::WriteOnly));
        text.write("just some text, not a video\n");
        text.close();
        QVERIFY(m_window->openVideo(text.fileName()));
        QTRY_VERIFY_WITH_TIMEOUT(m_window->chatPane()->isNoticeShown(), 20000);
        QVERIFY2(m_window->chatPane()->noticeText().contains(QStringLiteral("notes.mp4")),
                 qPrintable(m_window->chatPane()->noticeText()));
        QVERIFY(!m_window->openVideo(m_dir.filePath(QStringLiteral("missing.mp4"))));
        QVERIFY(m_window->chatPane()->noticeText().contains(QStringLiteral("does not exist")));
    }

    void everyControlHasAnAccessibleName()
    {
        QStringList unnamed;
        for (QWidget* w : m_window->findChildren<QWidget*>()) {
            if (w->focusPolicy() == Qt::NoFocus || !w->isVisibleTo(m_window.get()))
                continue;
            const auto* button = qobject_cast<QAbstractButton*>(w);
            if (w->accessibleName().isEmpty() && !(button && !button->text().isEmpty()))
                unnamed << QStringLiteral("%1 %2").arg(QString::fromLatin1(w->metaObject()->className()), w->objectName());
        }
        QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(QStringLiteral(", "))));
    }

    void changingThreadsReloadsTheModel()
    {
        QSignalSpy loaded(m_window->models(), &ModelController::loaded);
        AppSettings s = m_window->settings();
        s.maxAnswerTokens = 5; // not a model setting: no reload
        m_window->applySettings(s);
        QTest::qWait(200);
        QCOMPARE(loaded.count(), 0);
        s.threads = 1;
        m_window->applySettings(s);
        QTRY_VERIFY_WITH_TIMEOUT(loaded.count() > 0, 60000); // spies connect directly: a fast worker can emit before wait()
        QCOMPARE(m_window->models()->model().threads, 1);
        QCOMPARE(AppSettings::load().threads, 1);
    }

    // gitvqa-app VIDEO --model DIR opens the video from the command line; the hidden --ask/--screenshot options
    // (scripts/screenshot) ask, wait for the answer, save the window and quit with 0.
    void commandLineOpensTheVideoAndAsks()
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath(QStringLiteral("cli-config")));
        env.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("cli-data")));
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        const QString shot = m_dir.filePath(QStringLiteral("shot.png"));
        QProcess app;
        app.setProcessEnvironment(env);
        app.start(QStringLiteral(GITVQA_APP),
                  {m_clip, QStringLiteral("--model"), referencePath(QStringLiteral("tiny-git-video")), QStringLiteral("--ask"),
                   QStringLiteral("what is happening?"), QStringLiteral("--at"), QStringLiteral("3"),
                   QStringLiteral("--screenshot"), shot, QStringLiteral("--size"), QStringLiteral("1000x600")});
        QVERIFY(app.waitForFinished(120000));
        const QByteArray out = app.readAllStandardOutput();
        QCOMPARE(app.exitStatus(), QProcess::NormalExit);
        QVERIFY2(app.exitCode() == 0, app.readAllStandardError().right(2000).constData());
        QVERIFY(out.startsWith("answer: "));
        const QImage image(shot);
        QCOMPARE(image.size(), QSize(1000, 600));
        // The --model folder was for that run only.
        QVERIFY(QSettings(m_dir.filePath(QStringLiteral("cli-config/gitvqa/gitvqa.conf")), QSettings::IniFormat)
                    .value(QStringLiteral("model/dir")).toString().isEmpty());
    }

    void geometryAndSplitterAreRemembered()
    {
        m_window->splitter()->setSizes({700, 500});
        const QList<int> sizes = m_window->splitter()->sizes();
        m_window->close();
        m_window.reset();
        MainWindow::Options options;
        options.loadModel = false;
        MainWindow again(options);
        again.show();
        QVERIFY(QTest::qWaitForWindowExposed(&again));
        QCOMPARE(again.size(), QSize(1200, 720));
        QCOMPARE(again.splitter()->sizes(), sizes);
    }

private:
    VideoPlayer* player() const { return m_window->playerPane()->player(); }
    TimelineWidget* timeline() const { return m_window->playerPane()->timeline(); }

    ChatExchangeWidget* askByTyping(const QString& question)
    {
        ChatQuestionEdit* edit = m_window->chatPane()->questionEdit();
        edit->setFocus();
        QTest::keyClicks(edit, question);
        const int before = m_window->chatPane()->exchangeWidgets().size();
        QTest::keyClick(edit, Qt::Key_Return);
        if (m_window->chatPane()->exchangeWidgets().size() != before + 1)
            return nullptr;
        return m_window->chatPane()->exchangeWidgets().last();
    }

    bool waitFinished(const QString& id)
    {
        return gitvqa::testing::waitAnswerFinished(*m_window->chat(), id, kAnswerTimeoutMs);
    }

    QTemporaryDir m_dir;
    QString m_clip;
    std::unique_ptr<MainWindow> m_window;
    QString m_firstAnswer;
    QString m_firstId;
};

GITVQA_GUI_TEST_MAIN(TestGuiWindow, true)

#include "test_gui_window.moc"
