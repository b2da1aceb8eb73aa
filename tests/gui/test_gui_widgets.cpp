// The widgets on their own, no model needed: settings round trip, the question box's keys, shortcuts that stay quiet
// while typing, the no-model panel, the timeline's mouse handling, the shortcuts dialog, the status bar's delay.

#include "gui_test_main.h"

#include "ui/actions.h"
#include "ui/settings/app_settings.h"
#include "ui/chat/chat_no_model_panel.h"
#include "ui/chat/chat_pane.h"
#include "ui/chat/chat_question_edit.h"
#include "ui/main_window.h"
#include "ui/player/player_pane.h"
#include "ui/recent_files.h"
#include "ui/settings/settings_dialog.h"
#include "ui/shortcuts_dialog.h"
#include "ui/player/thumbnail_loader.h"
#include "ui/player/timeline_widget.h"
#include "ui/worker_status.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStatusBar>
#include <QTimer>
#include <QTreeWidget>

#include <set>

using namespace gitvqa;
using gitvqa::testing::referencePath;

namespace {

QSettings store() { return QSettings(QStringLiteral("gitvqa"), QStringLiteral("gitvqa")); }

void resetSettings()
{
    QSettings s = store();
    s.clear();
    s.sync();
}

} // namespace

class TestGuiWidgets : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init() { resetSettings(); }

    void settingsRoundTripThroughQSettings()
    {
        AppSettings a;
        a.modelDir = QStringLiteral("/models/git");
        a.device = QStringLiteral("cpu");
        a.dtype = QStringLiteral("bfloat16");
        a.threads = 3;
        a.windowSeconds = 7.5;
        a.maxAnswerTokens = 64;
        a.decoding.strategy = DecodingStrategy::Sampling;
        a.decoding.temperature = 0.7;
        a.decoding.topP = 0.8;
        a.decoding.seed = 42;
        a.preEncode = false;
        a.save();
        QCOMPARE(AppSettings::load(), a);
        // The command-line tool reads this key.
        QCOMPARE(store().value(QStringLiteral("model/dir")).toString(), QStringLiteral("/models/git"));
    }

    void settingsDialogEditsAndRoundTrips()
    {
        AppSettings start;
        start.modelDir = referencePath(QStringLiteral("tiny-git-video"));
        const QList<DeviceChoice> devices{{QStringLiteral("auto"), QStringLiteral("Automatic")},
                                          {QStringLiteral("cpu"), QStringLiteral("CPU")}};
        SettingsDialog dialog(start, devices, 6);
        QCOMPARE(dialog.settings(), start);
        QCOMPARE(dialog.framesLabel()->text(), QStringLiteral("6"));

        dialog.deviceBox()->setCurrentIndex(dialog.deviceBox()->findData(QStringLiteral("cpu")));
        dialog.dtypeBox()->setCurrentIndex(dialog.dtypeBox()->findData(QStringLiteral("float16")));
        dialog.threadsBox()->setValue(1);
        dialog.weightsBox()->setCurrentIndex(dialog.weightsBox()->findData(QStringLiteral("int8")));
        dialog.windowBox()->setValue(6.5);
        dialog.maxTokensBox()->setValue(77);
        dialog.strategyBox()->setCurrentIndex(dialog.strategyBox()->findData(QStringLiteral("beam")));
        QVERIFY(dialog.beamsBox()->isEnabled());
        QVERIFY(!dialog.temperatureBox()->isEnabled());
        dialog.beamsBox()->setValue(4);
        dialog.preEncodeBox()->setChecked(false);
        dialog.settings().save();

        const AppSettings back = AppSettings::load();
        QCOMPARE(back.device, QStringLiteral("cpu"));
        QCOMPARE(back.dtype, QStringLiteral("float16"));
        QCOMPARE(back.threads, 1);
        QCOMPARE(back.weights, QStringLiteral("int8"));
        QVERIFY(back.modelChoiceDiffers(start));   // a new weight storage reloads the model
        QCOMPARE(back.windowSeconds, 6.5);
        QCOMPARE(back.maxAnswerTokens, 77);
        QCOMPARE(back.decoding.strategy, DecodingStrategy::Beam);
        QCOMPARE(back.decoding.beams, 4);
        QVERIFY(!back.preEncode);
        QCOMPARE(back.modelDir, start.modelDir);

        // Shown again, the dialog starts from what was saved.
        SettingsDialog again(back, devices, 0);
        QCOMPARE(again.settings(), back);
        // A device saved on another machine is kept, marked as unavailable, not silently replaced.
        AppSettings cuda = back;
        cuda.device = QStringLiteral("cuda:1");
        SettingsDialog elsewhere(cuda, devices, 0);
        QCOMPARE(elsewhere.settings().device, QStringLiteral("cuda:1"));
        QVERIFY(elsewhere.deviceBox()->currentText().contains(QStringLiteral("not available")));
    }

    void questionBoxKeys()
    {
        ChatPane pane;
        pane.setCanAsk(true);
        pane.show();
        QSignalSpy asked(&pane, &ChatPane::askRequested);
        QSignalSpy left(&pane, &ChatPane::leaveQuestionRequested);
        ChatQuestionEdit* edit = pane.questionEdit();
        edit->setFocus();
        QTest::keyClicks(edit, QStringLiteral("what is"));
        QTest::keyClick(edit, Qt::Key_Return, Qt::ShiftModifier);
        QTest::keyClicks(edit, QStringLiteral("he holding?"));
        QCOMPARE(edit->toPlainText(), QStringLiteral("what is\nhe holding?"));
        QTest::keyClick(edit, Qt::Key_Return);
        QCOMPARE(asked.count(), 1);
        QCOMPARE(asked.first().first().toString(), QStringLiteral("what is\nhe holding?"));
        QVERIFY(edit->toPlainText().isEmpty());

        QTest::keyClick(edit, Qt::Key_Up); // recall
        QCOMPARE(edit->toPlainText(), QStringLiteral("what is\nhe holding?"));
        QTest::keyClick(edit, Qt::Key_Down);
        QVERIFY(edit->toPlainText().isEmpty());
        QTest::keyClick(edit, Qt::Key_Return); // empty: nothing asked
        QCOMPARE(asked.count(), 1);
        QTest::keyClick(edit, Qt::Key_Escape);
        QCOMPARE(left.count(), 1);

        // When asking is not possible the text stays and the reason is shown.
        pane.setCanAsk(false, QStringLiteral("Open a video first."));
        QTest::keyClicks(edit, QStringLiteral("where is this?"));
        QTest::keyClick(edit, Qt::Key_Return);
        QCOMPARE(asked.count(), 1);
        QCOMPARE(edit->toPlainText(), QStringLiteral("where is this?"));
        QVERIFY(pane.isNoticeShown());
        QCOMPARE(pane.noticeText(), QStringLiteral("Open a video first."));
    }

    void starterQuestionsAskWithOneClick()
    {
        ChatPane pane;
        pane.setCanAsk(true);
        pane.show();
        QSignalSpy asked(&pane, &ChatPane::askRequested);
        QCOMPARE(pane.starterButtons().size(), 3);
        QVERIFY(pane.startersWidget()->isVisibleTo(&pane));
        QTest::mouseClick(pane.starterButtons().at(1), Qt::LeftButton);
        QCOMPARE(asked.count(), 1);
        QCOMPARE(asked.first().first().toString(), QStringLiteral("what is the person holding?"));
    }

    void shortcutsDoNotFireWhileTyping()
    {
        MainWindow::Options options;
        options.loadModel = false;
        MainWindow window(options);
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QSignalSpy play(window.actions().get(ActionId::PlayPause), &QAction::triggered);
        QSignalSpy markIn(window.actions().get(ActionId::MarkIn), &QAction::triggered);
        QSignalSpy seek(window.actions().get(ActionId::SeekBack), &QAction::triggered);
        QSignalSpy help(window.actions().get(ActionId::KeyboardShortcuts), &QAction::triggered);

        ChatQuestionEdit* edit = window.chatPane()->questionEdit();
        edit->setFocus();
        QTRY_VERIFY(edit->hasFocus());
        QTest::keyClicks(edit, QStringLiteral("is it jkl, or i. o?"));
        QTest::keyClick(edit, Qt::Key_Left);
        QTest::keyClick(edit, Qt::Key_Space);
        QCOMPARE(edit->toPlainText(), QStringLiteral("is it jkl, or i. o ?"));
        QCOMPARE(play.count(), 0);
        QCOMPARE(markIn.count(), 0);
        QCOMPARE(seek.count(), 0);
        QCOMPARE(help.count(), 0);

        // Elsewhere in the window the same keys are shortcuts.
        QWidget* timeline = window.playerPane()->timeline();
        timeline->setFocus();
        QTRY_VERIFY(timeline->hasFocus());
        QTest::keyClick(timeline, Qt::Key_I);
        QTest::keyClick(timeline, Qt::Key_Space);
        QTest::keyClick(timeline, Qt::Key_Left);
        QCOMPARE(markIn.count(), 1);
        QCOMPARE(play.count(), 1);
        QCOMPARE(seek.count(), 1);
        // Ctrl shortcuts still work from the question box.
        QSignalSpy focusQuestion(window.actions().get(ActionId::FocusQuestion), &QAction::triggered);
        QTest::keyClick(timeline, Qt::Key_L, Qt::ControlModifier);
        QCOMPARE(focusQuestion.count(), 1);
        QTRY_VERIFY(edit->hasFocus());
    }

    void questionMarkOpensTheShortcutsList()
    {
        MainWindow::Options options;
        options.loadModel = false;
        MainWindow window(options);
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QWidget* timeline = window.playerPane()->timeline();
        timeline->setFocus();
        QTRY_VERIFY(timeline->hasFocus());
        QString title;
        QTimer::singleShot(200, [&title] {
            if (QWidget* dialog = QApplication::activeModalWidget()) {
                title = dialog->windowTitle();
                dialog->close();
            }
        });
        // What a keyboard's Shift+/ becomes after the platform's key mapper consumed the Shift (the offscreen
        // platform has no key mapper, so the event is sent as mapped).
        QTest::keyClick(timeline, Qt::Key_Question);
        QCOMPARE(title, QStringLiteral("Keyboard Shortcuts"));
    }

    void noModelPanelWhenThereIsNoModel()
    {
        MainWindow window; // no model/dir, empty Hugging Face cache
        window.show();
        QTRY_VERIFY(window.chatPane()->isNoModelPanelShown());
        QVERIFY(window.chatPane()->noModelPanel()->reason().contains(QStringLiteral("No model folder is set")));
        QVERIFY(window.chatPane()->noModelPanel()->chooseButton()->isVisible());
        QVERIFY(!window.chatPane()->sendButton()->isEnabled());
    }

    void noModelPanelExplainsAWrongFolder()
    {
        QTemporaryDir notAModel;
        AppSettings s;
        s.modelDir = notAModel.path();
        s.save();
        MainWindow window;
        window.show();
        QTRY_VERIFY(window.chatPane()->isNoModelPanelShown());
        QVERIFY2(window.chatPane()->noModelPanel()->reason().contains(QStringLiteral("config.json")),
                 qPrintable(window.chatPane()->noModelPanel()->reason()));
    }

    void timelineSeeksAndDragsTheSegment()
    {
        TimelineWidget t;
        t.resize(1016, 84);
        t.setDuration(100.0);
        t.show();
        QVERIFY(QTest::qWaitForWindowExposed(&t));
        QSignalSpy seeks(&t, &TimelineWidget::seekRequested);
        QSignalSpy edits(&t, &TimelineWidget::segmentEditFinished);
        const int y = t.stripRect().center().y();
        auto x = [&](double s) { return int(std::lround(t.xForTime(s))); };

        QTest::mouseClick(&t, Qt::LeftButton, {}, QPoint(x(30), y));
        QCOMPARE(seeks.count(), 1);
        QVERIFY(std::abs(seeks.last().first().toDouble() - 30.0) < 0.2);

        t.setSegment(20.0, 40.0);
        // Drag the start edge to 10 s.
        QTest::mousePress(&t, Qt::LeftButton, {}, QPoint(x(20), y));
        QTest::mouseMove(&t, QPoint(x(15), y));
        QTest::mouseMove(&t, QPoint(x(10), y));
        QTest::mouseRelease(&t, Qt::LeftButton, {}, QPoint(x(10), y));
        QVERIFY(std::abs(t.segmentStart() - 10.0) < 0.2);
        QCOMPARE(t.segmentEnd(), 40.0);
        // Drag the middle: the band moves, its length stays.
        QTest::mousePress(&t, Qt::LeftButton, {}, QPoint(x(25), y));
        QTest::mouseMove(&t, QPoint(x(30), y));
        QTest::mouseMove(&t, QPoint(x(45), y));
        QTest::mouseRelease(&t, Qt::LeftButton, {}, QPoint(x(45), y));
        QVERIFY(std::abs(t.segmentStart() - 30.0) < 0.3);
        QVERIFY(std::abs(t.segmentEnd() - t.segmentStart() - 30.0) < 1e-6);
        QCOMPARE(edits.count(), 2);
        // A click inside the band seeks.
        const int before = seeks.count();
        QTest::mouseClick(&t, Qt::LeftButton, {}, QPoint(x(50), y));
        QCOMPARE(seeks.count(), before + 1);

        // Markers: a click jumps to the question's segment.
        QSignalSpy marker(&t, &TimelineWidget::markerActivated);
        t.setMarkers({{QStringLiteral("a"), 70.0, 80.0, QStringLiteral("what is happening?")}});
        QTest::mouseClick(&t, Qt::LeftButton, {}, QPoint(x(75), t.markerRect().center().y()));
        QCOMPARE(marker.count(), 1);
        QCOMPARE(marker.first().first().toString(), QStringLiteral("a"));
        QCOMPARE(seeks.last().first().toDouble(), 70.0);

        // Without a segment the faint window follows the playhead, shifted inside the video.
        t.clearSegment();
        t.setWindowWidth(10.0);
        t.setPosition(2.0);
        QCOMPARE(t.playheadWindow(), qMakePair(0.0, 10.0));
        t.setPosition(50.0);
        QCOMPARE(t.playheadWindow(), qMakePair(45.0, 55.0));
    }

    void thumbnailTimesFillCoarseToFine()
    {
        const QVector<double> times = ThumbnailLoader::thumbnailTimes(48.0, 48);
        QCOMPARE(times.size(), 48);
        QCOMPARE(std::set<double>(times.begin(), times.end()).size(), std::size_t(48));
        QCOMPARE(times[0], 0.5);
        QCOMPARE(times[1], 32.5); // the middle of the far half comes second
    }

    void shortcutsDialogListsEveryShortcut()
    {
        QWidget host;
        Actions actions(&host);
        ShortcutsDialog dialog(actions);
        QStringList listed;
        QTreeWidget* tree = dialog.tree();
        for (int g = 0; g < tree->topLevelItemCount(); ++g)
            for (int i = 0; i < tree->topLevelItem(g)->childCount(); ++i)
                listed << tree->topLevelItem(g)->child(i)->data(0, Qt::UserRole).toString();
        for (QAction* a : actions.all())
            if (!a->shortcuts().isEmpty())
                QVERIFY2(listed.contains(a->objectName()), qPrintable(a->objectName()));
        QCOMPARE(actions.get(ActionId::MarkIn)->shortcut(), QKeySequence(Qt::Key_I));
        QCOMPARE(actions.get(ActionId::FrameForward)->shortcuts().size(), 2);
    }

    void progressBarOnlyAfterHalfASecond()
    {
        QStatusBar bar;
        WorkerStatus status(&bar);
        bar.show();
        status.setActivity(QStringLiteral("Loading model 40 %"), 0.4);
        QCOMPARE(status.activityText(), QStringLiteral("Loading model 40 %"));
        QVERIFY(!status.isProgressVisible());
        QTest::qWait(200);
        QVERIFY(!status.isProgressVisible());
        QTRY_VERIFY_WITH_TIMEOUT(status.isProgressVisible(), 2000);
        QCOMPARE(status.progressBar()->maximum(), 1000);
        status.setActivity(QStringLiteral("Answering"), -1.0);
        QCOMPARE(status.progressBar()->maximum(), 0); // busy
        status.clearActivity();
        QVERIFY(!status.isProgressVisible());
    }

    void recentFilesKeepTenNewestFirst()
    {
        for (int i = 0; i < 12; ++i)
            RecentFiles::add(QStringLiteral("/videos/%1.mp4").arg(i));
        const QStringList files = RecentFiles::load();
        QCOMPARE(files.size(), RecentFiles::kMax);
        QCOMPARE(files.first(), QStringLiteral("/videos/11.mp4"));
        RecentFiles::add(QStringLiteral("/videos/5.mp4"));
        QCOMPARE(RecentFiles::load().first(), QStringLiteral("/videos/5.mp4"));
        QCOMPARE(RecentFiles::load().size(), RecentFiles::kMax);
    }
};

GITVQA_GUI_TEST_MAIN(TestGuiWidgets, false)

#include "test_gui_widgets.moc"
