// The chat of the whole window (issue 13), with the tiny reference model and a generated clip: answer versions that
// survive a stopped or failed Regenerate (read back from the file), Undo of Delete and Clear, the decoding the
// request used, the keys for Stop/Regenerate/Copy/Edit, one screen-reader announcement per finished answer, and a
// 10 000-exchange transcript restored without freezing the event loop (EventLoopWatchdog).

#include "clip_maker.h"
#include "event_loop_watchdog.h"
#include "gui_test_main.h"
#include "window_suite.h"

#include "session/session_json.h"
#include "session/session_store.h"
#include "session/video_fingerprint.h"
#include "ui/actions.h"
#include "ui/chat/chat_controller.h"
#include "ui/chat/chat_exchange_widget.h"
#include "ui/chat/chat_pane.h"
#include "ui/chat/chat_question_edit.h"
#include "ui/chat/chat_transcript.h"
#include "ui/main_window.h"
#include "ui/models/model_controller.h"
#include "ui/player/player_pane.h"
#include "ui/player/timeline_widget.h"
#include "ui/settings/app_settings.h"
#include "ui/worker_status.h"

#include <QAccessible>
#include <QAction>
#include <QClipboard>
#include <QFile>
#include <QLabel>
#include <QPointer>
#include <QVBoxLayout>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalSpy>
#include <QToolButton>

#include <memory>

using namespace gitvqa;
using gitvqa::testing::EventLoopWatchdog;
using gitvqa::testing::referencePath;

namespace {

constexpr int kAnswerTimeoutMs = 60000;
constexpr int kLongChat = 10000;

// The session file as it is on disk (not the window's memory), once the background writer has written what the
// window handed it.
Session readBack(ChatTranscript& transcript)
{
    transcript.saveNow();
    QFile f(transcript.filePath());
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return sessionFromJson(f.readAll()).session;
}

} // namespace

class TestGuiChat : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        GITVQA_REQUIRE_FFMPEG();
        QVERIFY(m_dir.isValid());
        m_clip = gitvqa::testing::makeTestClip(m_dir.path(), QStringLiteral("clip.mp4"), QStringLiteral("testsrc2"), 10);
        QVERIFY(!m_clip.isEmpty());
        m_longClip = gitvqa::testing::makeTestClip(m_dir.path(), QStringLiteral("long-chat.mp4"),
                                                   QStringLiteral("testsrc"), 10);
        QVERIFY(!m_longClip.isEmpty());
        m_failClip = gitvqa::testing::makeTestClip(m_dir.path(), QStringLiteral("blank-question.mp4"),
                                                   QStringLiteral("smptebars"), 6);
        QVERIFY(!m_failClip.isEmpty());
        gitvqa::testing::saveTinyModelSettings(8, false);

        MainWindow::Options options;
        options.transcriptFolder = sessions();
        m_window = std::make_unique<MainWindow>(options);
        m_window->resize(1200, 720);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        QTRY_VERIFY_WITH_TIMEOUT(m_window->workerStatus()->modelText().contains(QStringLiteral("tiny-git-video")), 60000);
    }

    // Restoring a long chat: 10 000 exchanges written to the session folder, then the video is opened. The event
    // loop must keep answering within the budget, and both ends of the conversation must be reachable.
    void restoresALongChatWithoutFreezing()
    {
        QString error;
        const VideoFingerprint video = VideoFingerprint::of(m_longClip, &error);
        QVERIFY2(video.isValid(), qPrintable(error));
        Session s(video);
        QVector<Exchange> list;
        const QDateTime t0 = QDateTime::currentDateTimeUtc().addDays(-1);
        for (int i = 0; i < kLongChat; ++i) {
            Exchange x;
            x.id = newUuid();
            x.question = QStringLiteral("question number %1: what is happening here?").arg(i);
            x.answer = QStringLiteral("answer number %1, a longer answer that wraps in the chat pane").arg(i);
            x.segment = {double(i % 9), double(i % 9) + 1.0};
            x.frameTimes = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6};
            x.model = QStringLiteral("tiny");
            x.device = QStringLiteral("cpu");
            x.dtype = QStringLiteral("float32");
            x.created = t0.addMSecs(i);
            list.append(x);
        }
        s.setExchanges(list);
        SessionStore store(sessions());
        QVERIFY2(store.save(s, &error), qPrintable(error));
        m_longFirst = list.first().id;
        m_longLast = list.last().id;

        EventLoopWatchdog dog;
        QVERIFY(m_window->openVideo(m_longClip));
        QTRY_COMPARE_WITH_TIMEOUT(m_window->chat()->entryIds().size(), kLongChat, 120000);
        ChatPane* pane = m_window->chatPane();
        // The newest exchange is shown first (the chat sticks to the bottom).
        QTRY_VERIFY_WITH_TIMEOUT(pane->exchangeWidget(m_longLast) && pane->exchangeWidget(m_longLast)->isVisible(),
                                 120000);
        QTest::qWait(200);
        dog.stop();
        qInfo("watchdog: restoring %d exchanges: %s", kLongChat, dog.report().constData());
        const double openStall = dog.maxStallMs();

        EventLoopWatchdog scrolling;
        pane->revealEntry(m_longFirst);
        QTRY_VERIFY_WITH_TIMEOUT(pane->exchangeWidget(m_longFirst) && shownInViewport(pane->exchangeWidget(m_longFirst)),
                                 20000);
        // From the top, paging down reaches exchanges far below the ones first created.
        const QString sixtieth = m_window->chat()->entryIds().at(60);
        QScrollBar* bar = nullptr;
        for (QScrollArea* area : pane->findChildren<QScrollArea*>())
            if (area->accessibleName() == QStringLiteral("Conversation"))
                bar = area->verticalScrollBar();
        QVERIFY(bar);
        for (int page = 0; page < 400 && !shownInViewport(pane->exchangeWidget(sixtieth)); ++page) {
            bar->triggerAction(QAbstractSlider::SliderPageStepAdd);
            QTest::qWait(5);
        }
        QVERIFY(shownInViewport(pane->exchangeWidget(sixtieth)));
        pane->revealEntry(m_longLast);
        QTRY_VERIFY_WITH_TIMEOUT(pane->exchangeWidget(m_longLast) && shownInViewport(pane->exchangeWidget(m_longLast)),
                                 20000);
        scrolling.stop();
        qInfo("watchdog: scrolling to the top and the bottom: %s", scrolling.report().constData());
        QVERIFY2(openStall < EventLoopWatchdog::kBudgetMs, dog.report());
        QVERIFY2(scrolling.maxStallMs() < EventLoopWatchdog::kBudgetMs, scrolling.report());
        QCOMPARE(pane->exchangeWidget(m_longLast)->entry().question,
                 QStringLiteral("question number %1: what is happening here?").arg(kLongChat - 1));
    }

    // For the note: what the old pane did with the same transcript, one widget tree per exchange in one event-loop
    // turn (ChatPane::addEntry in a loop), measured on a quarter of it and scaled, since the whole would take long.
    void oldWayOfRestoringForComparison()
    {
        constexpr int kSample = kLongChat / 4;
        QScrollArea area;
        auto* content = new QWidget;
        auto* list = new QVBoxLayout(content);
        area.setWidget(content);
        area.setWidgetResizable(true);
        area.resize(480, 600);
        area.show();
        QVERIFY(QTest::qWaitForWindowExposed(&area));
        ChatEntry e;
        e.state = ChatEntry::State::Done;
        e.frameTimes = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6};
        e.model = QStringLiteral("tiny");
        e.device = QStringLiteral("cpu");
        e.dtype = QStringLiteral("float32");
        EventLoopWatchdog dog;
        QMetaObject::invokeMethod(&area, [&] {
            for (int i = 0; i < kSample; ++i) {
                e.id = QString::number(i);
                e.question = QStringLiteral("question number %1: what is happening here?").arg(i);
                e.answer = QStringLiteral("answer number %1, a longer answer that wraps in the chat pane").arg(i);
                list->addWidget(new ChatExchangeWidget(e, content));
            }
        }, Qt::QueuedConnection);
        QTRY_COMPARE_WITH_TIMEOUT(list->count(), kSample, 300000);
        QTest::qWait(100); // the layout of them all
        dog.stop();
        qInfo("watchdog: old pane, %d exchange widgets built in one turn: %s (x4 for %d exchanges)", kSample,
              dog.report().constData(), kLongChat);
        // The old layout is what the budget is about: it must exceed it, or this comparison shows nothing.
        QVERIFY2(dog.maxStallMs() > EventLoopWatchdog::kBudgetMs, dog.report().constData());
        area.hide();
        // Window shortcuts (Ctrl+R, Esc, ...) in the tests below need the window active again.
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    }

    // One announcement per finished answer, with its text, and none while it streams (issue 13, screen readers).
    void aFinishedAnswerIsAnnouncedOnce()
    {
        openClip();
        s_events.clear();
        const QAccessible::UpdateHandler previous = QAccessible::installUpdateHandler(&recordEvent);
        ChatExchangeWidget* w = askByTyping(QStringLiteral("what is happening?"));
        QVERIFY(w);
        QSignalSpy announcements(w, &ChatExchangeWidget::announced);
        QPointer<QLabel> label = w->answerLabel();
        QVERIFY(waitFinished(w->entry().id));
        QCoreApplication::processEvents();
        QAccessible::installUpdateHandler(previous);
        // Where a platform accessibility bridge is active (AT-SPI under a screen reader) the Alert reaches it; the
        // offscreen platform has none, so the events are only checked when they were delivered at all.
        int alerts = 0;
        for (const RecordedEvent& e : std::as_const(s_events))
            alerts += e.type == QAccessible::Alert && e.object == label ? 1 : 0;
        if (QAccessible::isActive())
            QCOMPARE(alerts, 1);
        QCOMPARE(announcements.count(), 1);
        const QString announced = announcements.first().first().toString();
        QCOMPARE(w->entry().state, ChatEntry::State::Done);
        QVERIFY(!w->entry().answer.isEmpty());
        QVERIFY2(announced.contains(w->entry().answer), qPrintable(announced));
        m_firstAnswer = w->entry().answer;
        m_firstId = w->entry().id;
    }

    // The decoding saved is the one the request was sent with, not the settings when it finished.
    void theSavedDecodingIsTheRequests()
    {
        setMaxTokens(1000);
        ChatExchangeWidget* w = askByTyping(QStringLiteral("what is the man doing in the kitchen?"));
        QVERIFY(w);
        const QString id = w->entry().id;
        QTRY_VERIFY_WITH_TIMEOUT(!w->entry().answer.isEmpty(), kAnswerTimeoutMs);
        setMaxTokens(8); // changed while the answer streams
        m_window->chat()->stop(id);
        QVERIFY(waitFinished(id));
        const Session onDisk = readBack(m_window->chat()->transcript());
        const Exchange* x = onDisk.find(id);
        QVERIFY(x);
        QCOMPARE(x->status, QString(exchange_status::Stopped));
        QCOMPARE(x->decoding.value(QStringLiteral("max_new_tokens")).toInt(), 1000);
        m_window->chat()->remove(id);
    }

    // Regenerate (Ctrl+R) with a long answer, stopped with Esc: the earlier answer is a version on disk and in the
    // chat; a regenerate stopped before its first word shows the earlier answer by default.
    void aStoppedRegenerateKeepsTheEarlierAnswer()
    {
        ChatExchangeWidget* w = m_window->chatPane()->exchangeWidget(m_firstId);
        QVERIFY(w);
        setMaxTokens(1000);
        timeline()->setFocus();
        timeline()->setSegment(1.0, 5.0);
        QTest::keyClick(m_window.get(), Qt::Key_R, Qt::ControlModifier);
        QVERIFY2(m_window->chat()->entry(m_firstId).isActive(),
                 qPrintable(QStringLiteral("current %1, first %2, ids %3").arg(m_window->chatPane()->currentEntryId(), m_firstId,
                                                                               m_window->chat()->entryIds().join(','))));
        QTRY_VERIFY_WITH_TIMEOUT(!m_window->chat()->entry(m_firstId).answer.isEmpty(), kAnswerTimeoutMs);
        QTest::keyClick(timeline(), Qt::Key_Escape); // stops the answer, keeps the segment
        QVERIFY(waitFinished(m_firstId));
        QVERIFY(timeline()->hasSegment());
        QCOMPARE(m_window->chat()->entry(m_firstId).state, ChatEntry::State::Stopped);

        Session onDisk = readBack(m_window->chat()->transcript());
        const Exchange* x = onDisk.find(m_firstId);
        QVERIFY(x);
        QCOMPARE(x->versionCount(), 2);
        QCOMPARE(x->earlierVersions.first().answer, m_firstAnswer);
        QCOMPARE(x->earlierVersions.first().status, QString(exchange_status::Done));
        QCOMPARE(x->status, QString(exchange_status::Stopped));
        QCOMPARE(w->versionLabel()->text(), QStringLiteral("2/2"));
        QVERIFY(w->versionLabel()->isVisible());
        QTest::mouseClick(w->previousVersionButton(), Qt::LeftButton);
        QCOMPARE(w->versionLabel()->text(), QStringLiteral("1/2"));
        QCOMPARE(w->answerText(), m_firstAnswer);
        // Copy (Ctrl+Shift+C) copies the answer being shown.
        QTest::keyClick(m_window.get(), Qt::Key_C, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(QGuiApplication::clipboard()->text(), m_firstAnswer);

        // Stopped before the first word: the good answer stays what the chat shows.
        m_window->chat()->regenerate(m_firstId);
        QVERIFY(m_window->chat()->stopStreaming());
        QVERIFY(waitFinished(m_firstId));
        QCOMPARE(w->versionCount(), 3);
        // The worker may have produced a word before the stop reached it (the tiny model is quick): then that answer
        // is shown; with none, the earlier answer is.
        const ChatEntry& after = m_window->chat()->entry(m_firstId);
        QCOMPARE(w->answerText(), after.answer.isEmpty() ? after.earlier.at(1).answer : after.answer);
        onDisk = readBack(m_window->chat()->transcript());
        QCOMPARE(onDisk.find(m_firstId)->versionCount(), 3);
        QCOMPARE(onDisk.find(m_firstId)->earlierVersions.first().answer, m_firstAnswer);
        setMaxTokens(8);
    }

    // A regenerate that fails (the question was saved blank) keeps the good answer and shows it.
    void aFailedRegenerateKeepsTheGoodAnswer()
    {
        QString error;
        const VideoFingerprint video = VideoFingerprint::of(m_failClip, &error);
        QVERIFY2(video.isValid(), qPrintable(error));
        Session s(video);
        Exchange x;
        x.question = QStringLiteral("   ");
        x.answer = QStringLiteral("a good answer");
        x.segment = {1.0, 3.0};
        x.status = exchange_status::Done;
        const QString id = s.add(x);
        SessionStore store(sessions());
        QVERIFY2(store.save(s, &error), qPrintable(error));
        QVERIFY(m_window->openVideo(m_failClip));
        QTRY_VERIFY(m_window->chatPane()->exchangeWidget(id));
        ChatExchangeWidget* w = m_window->chatPane()->exchangeWidget(id);
        QTest::mouseClick(w->regenerateButton(), Qt::LeftButton);
        QVERIFY(waitFinished(id));
        QCOMPARE(m_window->chat()->entry(id).state, ChatEntry::State::Failed);
        QCOMPARE(w->answerText(), QStringLiteral("a good answer"));
        QCOMPARE(w->versionLabel()->text(), QStringLiteral("1/2"));
        const Session onDisk = readBack(m_window->chat()->transcript());
        QCOMPARE(onDisk.find(id)->status, QString(exchange_status::Failed));
        QCOMPARE(onDisk.find(id)->earlierVersions.size(), 1);
        QCOMPARE(onDisk.find(id)->earlierVersions.first().answer, QStringLiteral("a good answer"));
    }

    // Delete and Clear come back with Undo (the notice's button, Ctrl+Z), in place, on disk too.
    void deleteAndClearCanBeUndone()
    {
        openClip();
        ChatExchangeWidget* second = askByTyping(QStringLiteral("where is this?"));
        QVERIFY(second);
        QVERIFY(waitFinished(second->entry().id));
        ChatExchangeWidget* third = askByTyping(QStringLiteral("what colour is it?"));
        QVERIFY(third);
        QVERIFY(waitFinished(third->entry().id));
        const QStringList before = m_window->chat()->entryIds();
        QVERIFY(before.size() >= 3);
        const QString middle = before.at(before.size() - 2);
        const auto idsOnDisk = [&] {
            QStringList ids;
            const Session onDisk = readBack(m_window->chat()->transcript()); // kept: exchanges() is a reference into it
            for (const Exchange& x : onDisk.exchanges())
                ids.append(x.id);
            return ids;
        };
        QCOMPARE(idsOnDisk(), before);

        QTest::mouseClick(m_window->chatPane()->exchangeWidget(middle)->deleteButton(), Qt::LeftButton);
        QVERIFY(!m_window->chat()->entryIds().contains(middle));
        QVERIFY(!idsOnDisk().contains(middle));
        QVERIFY(m_window->chatPane()->isNoticeShown());
        QVERIFY(m_window->chatPane()->undoButton()->isVisible());
        QTest::mouseClick(m_window->chatPane()->undoButton(), Qt::LeftButton);
        QCOMPARE(m_window->chat()->entryIds(), before);
        QCOMPARE(idsOnDisk(), before);
        QTRY_VERIFY(m_window->chatPane()->exchangeWidget(middle));
        QCOMPARE(m_window->chatPane()->exchangeWidgets().at(before.size() - 2)->entry().id, middle);

        // Ctrl+Z while typing undoes the typing; with nothing typed to undo it brings the exchange back.
        m_window->chat()->remove(middle);
        ChatQuestionEdit* edit = m_window->chatPane()->questionEdit();
        edit->setFocus();
        QTest::keyClicks(edit, QStringLiteral("abc"));
        QTest::keyClick(edit, Qt::Key_Z, Qt::ControlModifier);
        QVERIFY(edit->toPlainText() != QStringLiteral("abc"));
        QVERIFY(!m_window->chat()->entryIds().contains(middle));
        edit->clear();
        QVERIFY(!edit->document()->isUndoAvailable());
        QTest::keyClick(edit, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(m_window->chat()->entryIds(), before);
        QCOMPARE(idsOnDisk(), before);

        // Clear Transcript, then Ctrl+Z.
        m_window->findChild<QAction*>(QStringLiteral("clear_transcript"))->trigger();
        QVERIFY(m_window->chat()->entryIds().isEmpty());
        QVERIFY(idsOnDisk().isEmpty());
        QTRY_VERIFY(m_window->chatPane()->exchangeWidgets().isEmpty());
        timeline()->setFocus();
        QTest::keyClick(m_window.get(), Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(m_window->chat()->entryIds(), before);
        QCOMPARE(idsOnDisk(), before);
        QCOMPARE(m_window->chatPane()->exchangeWidget(before.last())->entry().answer,
                 m_window->chat()->entry(before.last()).answer);
    }

    // F2 puts the question back into the box; asking it makes a new exchange. The shortcuts dialog lists the chat's
    // actions (it walks the registered actions).
    void editQuestionAndAskAgain()
    {
        const QStringList before = m_window->chat()->entryIds();
        const QString question = m_window->chat()->entry(before.last()).question;
        timeline()->setFocus();
        QTest::keyClick(m_window.get(), Qt::Key_F2);
        ChatQuestionEdit* edit = m_window->chatPane()->questionEdit();
        QCOMPARE(edit->question(), question);
        QTRY_VERIFY(edit->hasFocus());
        QTest::keyClick(edit, Qt::Key_Return);
        QCOMPARE(m_window->chat()->entryIds().size(), before.size() + 1);
        const QString id = m_window->chat()->entryIds().last();
        QCOMPARE(m_window->chat()->entry(id).question, question);
        QVERIFY(waitFinished(id));

        // The button on an exchange does the same.
        ChatExchangeWidget* w = m_window->chatPane()->exchangeWidget(before.first());
        QVERIFY(w);
        QTest::mouseClick(w->editButton(), Qt::LeftButton);
        QCOMPARE(edit->question(), m_window->chat()->entry(before.first()).question);
        edit->clear();

        QStringList listed;
        for (QAction* a : m_window->findChildren<QAction*>())
            listed.append(a->objectName());
        for (const char* name : {"stop_answer", "regenerate_answer", "copy_answer", "edit_question", "undo",
                                 "clear_transcript"})
            QVERIFY2(listed.contains(QLatin1String(name)), name);
    }

    void cleanupTestCase() { m_window.reset(); }

private:
    struct RecordedEvent {
        QAccessible::Event type;
        QObject* object;
        QString name;
    };
    static inline QVector<RecordedEvent> s_events;
    static void recordEvent(QAccessibleEvent* event)
    {
        QString name;
        if (auto* w = qobject_cast<QWidget*>(event->object()))
            name = w->accessibleName();
        s_events.append({event->type(), event->object(), name});
    }

    TimelineWidget* timeline() const { return m_window->playerPane()->timeline(); }

    void openClip()
    {
        if (QFileInfo(m_window->playerPane()->videoPath()) == QFileInfo(m_clip))
            return;
        QVERIFY(m_window->openVideo(m_clip));
        QTRY_VERIFY_WITH_TIMEOUT(m_window->playerPane()->facts().duration > 0, 20000);
        // The transcript opens on a worker: its earlier exchanges are in the chat once it has.
        QTRY_VERIFY_WITH_TIMEOUT(!m_window->chat()->transcript().isOpening(), 20000);
        timeline()->setSegment(1.0, 5.0);
    }

    void setMaxTokens(int n)
    {
        AppSettings s = m_window->settings();
        s.maxAnswerTokens = n;
        m_window->applySettings(s);
    }

    QString sessions() const { return m_dir.filePath(QStringLiteral("sessions")); }

    static bool shownInViewport(QWidget* w)
    {
        if (!w || !w->isVisible())
            return false;
        QScrollArea* area = nullptr;
        for (QWidget* p = w->parentWidget(); p && !area; p = p->parentWidget())
            area = qobject_cast<QScrollArea*>(p);
        QWidget* viewport = area ? area->viewport() : w->window();
        const QRect r(w->mapTo(viewport, QPoint(0, 0)), w->size());
        return r.intersects(viewport->rect());
    }

    ChatExchangeWidget* askByTyping(const QString& question)
    {
        ChatQuestionEdit* edit = m_window->chatPane()->questionEdit();
        edit->setFocus();
        QTest::keyClicks(edit, question);
        const int before = m_window->chat()->entryIds().size();
        QTest::keyClick(edit, Qt::Key_Return);
        if (m_window->chat()->entryIds().size() != before + 1)
            return nullptr;
        return m_window->chatPane()->exchangeWidget(m_window->chat()->entryIds().last());
    }

    bool waitFinished(const QString& id)
    {
        return gitvqa::testing::waitAnswerFinished(*m_window->chat(), id, kAnswerTimeoutMs);
    }

    QTemporaryDir m_dir;
    QString m_clip, m_longClip;
    QString m_longFirst, m_longLast;
    QString m_failClip;
    QString m_firstAnswer, m_firstId;
    std::unique_ptr<MainWindow> m_window;
};

GITVQA_GUI_TEST_MAIN(TestGuiChat, true)
#include "test_gui_chat.moc"
