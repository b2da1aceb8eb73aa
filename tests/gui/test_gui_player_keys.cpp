// The keys players have (issue 13), pressed in a real offscreen window on a generated clip: Ctrl+G goes to a typed
// time, 9/0, Ctrl+↓/↑ and (with the video focused) ↓/↑ change the volume and show it over the video, and the
// timeline's question markers are reached with the keyboard (Page Up/Down, Ctrl+←/→; Enter shows the exchange),
// each with an accessible name. No model: none of these needs one.

#include "clip_maker.h"
#include "event_loop_watchdog.h"
#include "gui_test_main.h"

#include "service/clock_time.h"
#include "ui/actions.h"
#include "ui/chat/chat_pane.h"
#include "ui/chat/chat_question_edit.h"
#include "ui/main_window.h"
#include "ui/player/player_pane.h"
#include "ui/player/timeline_widget.h"
#include "ui/player/video_player.h"

#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QVideoWidget>

#include <cmath>
#include <memory>

using namespace gitvqa;

namespace {

// As a person types: to whatever has the focus, so the window's shortcuts see the key first.
void press(int key, Qt::KeyboardModifiers mods = Qt::NoModifier)
{
    QWidget* focus = QApplication::focusWidget();
    QVERIFY(focus);
    QTest::keyClick(focus, Qt::Key(key), mods);
}

} // namespace

class TestGuiPlayerKeys : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        GITVQA_REQUIRE_FFMPEG();
        QVERIFY(m_dir.isValid());
        m_clip = gitvqa::testing::makeTestClip(m_dir.path(), QStringLiteral("clip.mp4"), QStringLiteral("testsrc2"), 12);
        QVERIFY(!m_clip.isEmpty());
        MainWindow::Options options;
        options.transcriptFolder = m_dir.filePath(QStringLiteral("sessions"));
        options.loadModel = false;
        m_window = std::make_unique<MainWindow>(options);
        m_window->resize(1200, 720);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        QVERIFY(m_window->openVideo(m_clip));
        QTRY_VERIFY_WITH_TIMEOUT(m_window->playerPane()->player()->isLoaded(), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(m_window->playerPane()->player()->duration() > 11.0, 20000);
    }

    void clockTimesAsPlayersTakeThem()
    {
        double t = -1;
        QVERIFY(parseClockTime(QStringLiteral("83"), &t));
        QCOMPARE(t, 83.0);
        QVERIFY(parseClockTime(QStringLiteral("1:23"), &t));
        QCOMPARE(t, 83.0);
        QVERIFY(parseClockTime(QStringLiteral(" 1:02:03.5 "), &t));
        QCOMPARE(t, 3723.5);
        QVERIFY(parseClockTime(QStringLiteral("0:07.25"), &t));
        QCOMPARE(t, 7.25);
        t = -1;
        for (const char* bad : {"", "abc", "1:2:3:4", "-5", "1:-2", "inf", "1::2"})
            QVERIFY2(!parseClockTime(QString::fromLatin1(bad), &t), bad);
        QCOMPARE(t, -1.0); // untouched
    }

    void ctrlGGoesToATypedTime()
    {
        PlayerPane* pane = m_window->playerPane();
        VideoPlayer* player = pane->player();
        TimelineWidget* timeline = pane->timeline();
        timeline->setSegment(1.0, 2.0); // Esc in the box must not clear it
        timeline->setFocus(Qt::TabFocusReason);
        QTRY_VERIFY(timeline->hasFocus());
        auto* edit = m_window->findChild<QLineEdit*>(QStringLiteral("go_to_time_edit"));
        QVERIFY(edit);
        QVERIFY(!edit->isVisible());

        const struct {
            const char* typed;
            double expected;
        } cases[] = {{"0:03.5", 3.5}, {"7", 7.0}, {"1:02:03.5", player->duration()}}; // past the end: the end
        for (const auto& c : cases) {
            press(Qt::Key_G, Qt::ControlModifier);
            QTRY_VERIFY(edit->isVisible());
            QTRY_VERIFY(edit->hasFocus());
            QVERIFY(edit->hasSelectedText()); // the current time, selected: typing replaces it
            QTest::keyClicks(edit, QString::fromLatin1(c.typed));
            press(Qt::Key_Return);
            QVERIFY2(std::abs(player->position() - c.expected) < 0.05,
                     qPrintable(QStringLiteral("%1 -> %2").arg(QLatin1String(c.typed)).arg(player->position())));
            QVERIFY(!edit->isVisible());
            QTRY_VERIFY(timeline->hasFocus()); // the keys go back to the player
        }

        // Something that is no time stays in the box with a hint; Esc closes the box and only the box.
        const double before = player->position();
        press(Qt::Key_G, Qt::ControlModifier);
        QTRY_VERIFY(edit->hasFocus());
        QTest::keyClicks(edit, QStringLiteral("abc"));
        press(Qt::Key_Return);
        QVERIFY(edit->isVisible());
        QCOMPARE(edit->text(), QStringLiteral("abc"));
        auto* hint = m_window->findChild<QLabel*>(QStringLiteral("go_to_time_hint"));
        QVERIFY(hint);
        QVERIFY2(hint->text().contains(QStringLiteral("abc")), qPrintable(hint->text()));
        QCOMPARE(player->position(), before);
        press(Qt::Key_Escape);
        QVERIFY(!edit->isVisible());
        QVERIFY(timeline->hasSegment());
        timeline->clearSegment();
    }

    void volumeKeysChangeAndShowTheVolume()
    {
        PlayerPane* pane = m_window->playerPane();
        VideoPlayer* player = pane->player();
        player->setVolume(50);
        QTRY_COMPARE(player->volume(), 50);
        pane->timeline()->setFocus(Qt::TabFocusReason);
        QTRY_VERIFY(pane->timeline()->hasFocus());
        auto* osd = m_window->findChild<QLabel*>(QStringLiteral("player_osd"));
        QVERIFY(osd);

        const struct {
            int key;
            Qt::KeyboardModifiers mods;
            int expected;
        } steps[] = {{Qt::Key_Up, Qt::ControlModifier, 55}, {Qt::Key_0, Qt::NoModifier, 60},
                     {Qt::Key_9, Qt::NoModifier, 55}, {Qt::Key_Down, Qt::ControlModifier, 50}};
        for (const auto& s : steps) {
            press(s.key, s.mods);
            QCOMPARE(player->volume(), s.expected);
            QVERIFY(osd->isVisible());
            QVERIFY2(osd->text().contains(QString::number(s.expected)), qPrintable(osd->text()));
        }
        // Shown briefly: it goes by itself.
        QTRY_VERIFY_WITH_TIMEOUT(!osd->isVisible(), 5000);

        // Plain ↑/↓ while the video has the focus.
        pane->videoWidget()->setFocus(Qt::MouseFocusReason);
        QTRY_VERIFY(pane->videoWidget()->hasFocus());
        press(Qt::Key_Up);
        QCOMPARE(player->volume(), 55);
        press(Qt::Key_Down);
        QCOMPARE(player->volume(), 50);
        // ...but not in the question box, where ↑ recalls the last question, nor on the timeline.
        m_window->chatPane()->focusQuestion();
        QTRY_VERIFY(m_window->chatPane()->questionEdit()->hasFocus());
        press(Qt::Key_Up);
        press(Qt::Key_Down);
        QCOMPARE(player->volume(), 50);
        pane->timeline()->setFocus(Qt::TabFocusReason);
        press(Qt::Key_Up);
        QCOMPARE(player->volume(), 50);

        // The keys are listed where the shortcuts dialog and menus read them.
        QCOMPARE(m_window->actions().get(ActionId::VolumeUp)->objectName(), QStringLiteral("volume_up"));
        QVERIFY(m_window->actions().get(ActionId::GoToTime)->shortcuts().contains(QKeySequence(Qt::CTRL | Qt::Key_G)));
    }

    void markersAreReachedByKeyboard()
    {
        gitvqa::testing::EventLoopWatchdog dog;
        PlayerPane* pane = m_window->playerPane();
        VideoPlayer* player = pane->player();
        TimelineWidget* timeline = pane->timeline();
        // Out of time order on purpose: the keys walk them by time.
        timeline->setMarkers({{QStringLiteral("a"), 1.0, 2.0, QStringLiteral("what comes first?")},
                              {QStringLiteral("c"), 6.0, 7.0, QStringLiteral("what comes third?")},
                              {QStringLiteral("b"), 3.0, 4.0, QStringLiteral("what comes second?")}});
        player->seek(0.0);
        QSignalSpy activated(timeline, &TimelineWidget::markerActivated);

        // Tab reaches the timeline (it is in the tab chain, before the controls).
        QVERIFY(timeline->focusPolicy() & Qt::TabFocus);
        m_window->chatPane()->focusQuestion();
        QTRY_VERIFY(m_window->chatPane()->questionEdit()->hasFocus());
        // In the question box Ctrl+→ moves by words and does not touch the markers.
        QTest::keyClicks(m_window->chatPane()->questionEdit(), QStringLiteral("two words"));
        press(Qt::Key_Home);
        press(Qt::Key_Right, Qt::ControlModifier);
        QCOMPARE(player->position(), 0.0);
        m_window->chatPane()->questionEdit()->clear();
        timeline->setFocus(Qt::TabFocusReason);
        QTRY_VERIFY(timeline->hasFocus());

        const struct {
            int key;
            Qt::KeyboardModifiers mods;
            double at;
            const char* name;
        } steps[] = {{Qt::Key_PageDown, Qt::NoModifier, 1.0, "Question 1 of 3"},
                     {Qt::Key_Right, Qt::ControlModifier, 3.0, "Question 2 of 3"},
                     {Qt::Key_PageDown, Qt::NoModifier, 6.0, "Question 3 of 3"},
                     {Qt::Key_PageDown, Qt::NoModifier, 6.0, "Question 3 of 3"}, // the last: stays
                     {Qt::Key_Left, Qt::ControlModifier, 3.0, "Question 2 of 3"},
                     {Qt::Key_PageUp, Qt::NoModifier, 1.0, "Question 1 of 3"},
                     {Qt::Key_PageDown, Qt::NoModifier, 3.0, "Question 2 of 3"}};
        for (const auto& s : steps) {
            press(s.key, s.mods);
            QVERIFY2(std::abs(player->position() - s.at) < 1e-6, qPrintable(QString::number(player->position())));
            QVERIFY2(timeline->accessibleName().contains(QLatin1String(s.name)), qPrintable(timeline->accessibleName()));
        }
        QVERIFY(timeline->accessibleName().contains(QStringLiteral("what comes second?")));
        QCOMPARE(activated.count(), 0);
        press(Qt::Key_Return);
        QCOMPARE(activated.count(), 1);
        QCOMPARE(activated.at(0).at(0).toString(), QStringLiteral("b"));
        qInfo("watchdog: %s", dog.report().constData());
        QVERIFY2(dog.maxStallMs() < gitvqa::testing::EventLoopWatchdog::kBudgetMs, dog.report().constData());
        timeline->setMarkers({});
    }

    void cleanupTestCase() { m_window.reset(); }

private:
    QTemporaryDir m_dir;
    QString m_clip;
    std::unique_ptr<MainWindow> m_window;
};

GITVQA_GUI_TEST_MAIN(TestGuiPlayerKeys, false)
#include "test_gui_player_keys.moc"
