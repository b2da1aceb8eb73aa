// Issue 15, as a person does it: a real window with the shapes model (../shared/reference/shapes-git-video), the
// two-scene clip opened, the playhead moved into the second scene, the question typed and Enter pressed. The answer
// that streams in is the second scene's colour (segments.json), its time chip is the segment sampled there, the
// exported Markdown holds it, and a scan with one window per scene colours the timeline lane scene by scene.
// With GITVQA_SCREENSHOT=FILE.png the window is saved there after the answer (the README's picture).

#include "gui_test_main.h"
#include "shapes_reference.h"
#include "window_suite.h"

#include "service/segment_spec.h"
#include "ui/chat/chat_exchange_widget.h"
#include "ui/chat/chat_pane.h"
#include "ui/chat/chat_question_edit.h"
#include "ui/chat/chat_transcript.h"
#include "ui/chat/transcript_export.h"
#include "ui/main_window.h"
#include "ui/models/model_controller.h"
#include "ui/player/player_pane.h"
#include "ui/player/video_player.h"
#include "ui/scan/scan_controller.h"
#include "ui/scan/scan_dialog.h"
#include "ui/scan/scan_lane.h"
#include "ui/settings/app_settings.h"
#include "ui/worker_status.h"

#include <QSignalSpy>
#include <QToolButton>

#include <memory>

using namespace gitvqa;
using namespace gitvqa::testing;

class TestGuiAcceptance : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        m_scenes = twoScenes();
        QVERIFY2(m_scenes.boundary > 0, "shapes-clips/segments.json is missing");
        AppSettings s; // the defaults a new user has, with the shapes model on the CPU
        s.modelDir = shapesModelDir();
        s.device = QStringLiteral("cpu");
        s.save();
        m_defaultWindow = s.windowSeconds;

        MainWindow::Options options;
        options.transcriptFolder = m_dir.filePath(QStringLiteral("sessions"));
        m_window = std::make_unique<MainWindow>(options);
        m_window->resize(1280, 760);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QTRY_VERIFY_WITH_TIMEOUT(m_window->workerStatus()->modelText().contains(QStringLiteral("shapes-git-video")), 60000);
        QVERIFY(m_window->openVideo(twoScenesClip()));
        QTRY_VERIFY_WITH_TIMEOUT(m_window->playerPane()->facts().duration > m_scenes.boundary, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(m_window->playerPane()->player()->isLoaded(), 20000);
        m_length = m_window->playerPane()->facts().duration;
    }

    void askingInTheSecondSceneAnswersAboutIt()
    {
        const double inSecond = (m_scenes.boundary + m_length) / 2;
        m_window->playerPane()->player()->seek(inSecond);
        ChatQuestionEdit* edit = m_window->chatPane()->questionEdit();
        edit->setFocus();
        QTest::keyClicks(edit, QStringLiteral("what color is it?"));
        const int before = m_window->chatPane()->exchangeWidgets().size();
        QTest::keyClick(edit, Qt::Key_Return);
        QCOMPARE(m_window->chatPane()->exchangeWidgets().size(), before + 1);
        ChatExchangeWidget* w = m_window->chatPane()->exchangeWidgets().last();
        QVERIFY(waitAnswerFinished(*m_window->chat(), w->entry().id, 60000));
        const ChatEntry e = w->entry();
        QCOMPARE(e.state, ChatEntry::State::Done);
        QCOMPARE(e.answer.trimmed().toLower(), m_scenes.second.color);
        QCOMPARE(w->answerText().trimmed().toLower(), m_scenes.second.color);
        // The default window around the playhead, inside the second scene, is the segment the chip names.
        QVERIFY2(e.start >= m_scenes.boundary - 1e-3 && e.end <= m_length + 1e-3,
                 qPrintable(QStringLiteral("%1–%2").arg(e.start).arg(e.end)));
        QVERIFY(std::abs((e.end - e.start) - std::min(m_defaultWindow, m_length - m_scenes.boundary)) < 0.05);
        QCOMPARE(w->timeChip()->text(), formatTimestamp(e.start) + QStringLiteral("–") + formatTimestamp(e.end));
        m_exchangeId = e.id;

        const QString shot = qEnvironmentVariable("GITVQA_SCREENSHOT");
        if (!shot.isEmpty()) {
            QTest::qWait(500); // the player shows the frame at the playhead
            QVERIFY(m_window->grab().save(shot));
        }
    }

    void theExportedMarkdownHoldsIt()
    {
        QVERIFY(!m_exchangeId.isEmpty());
        const QString path = m_dir.filePath(QStringLiteral("transcript.md"));
        QString error;
        QVERIFY2(writeTranscript(m_window.get(), path, QStringLiteral("markdown"), twoScenesClip(),
                                 m_window->chat()->transcript().exchanges(), &error),
                 qPrintable(error));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString md = QString::fromUtf8(f.readAll());
        const ChatEntry e = m_window->chat()->entry(m_exchangeId);
        QVERIFY2(md.contains(QStringLiteral("what color is it?")), qPrintable(md));
        QVERIFY2(md.contains(m_scenes.second.color), qPrintable(md));
        QVERIFY2(md.contains(formatTimestamp(e.start)) && md.contains(formatTimestamp(e.end)), qPrintable(md));
    }

    void aScanColoursTheLaneSceneByScene()
    {
        ScanController* scan = m_window->scan();
        QSignalSpy finished(scan, &ScanController::finished);
        ScanOptions o;
        o.question = QStringLiteral("what color is it?");
        o.window = m_scenes.boundary;
        QVERIFY(!scan->start(o).isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, 120000);
        QCOMPARE(finished.at(0).at(1).toBool(), false);
        ScanLane* lane = scan->lane();
        QTRY_VERIFY(lane->isVisible());
        QVERIFY(lane->windows().size() >= 2);
        for (const ScanLaneWindow& w : lane->windows()) {
            const QString expected = w.end <= m_scenes.boundary + 1e-3 ? m_scenes.first.color
                : w.start >= m_scenes.boundary - 1e-3                   ? m_scenes.second.color
                                                                        : QString();
            QVERIFY2(!expected.isEmpty(), "a window straddles the cut");
            QCOMPARE(w.answer.trimmed().toLower(), expected);
        }
        // Two answers, two colours on the lane.
        const auto legend = lane->legend();
        QCOMPARE(legend.size(), 2);
        QVERIFY(legend[0].second != legend[1].second);
        QVERIFY(lane->colorFor(m_scenes.first.color) != lane->colorFor(m_scenes.second.color));
    }

    void cleanupTestCase() { m_window.reset(); }

private:
    QTemporaryDir m_dir;
    TwoScenes m_scenes;
    double m_length = 0;
    double m_defaultWindow = 0;
    QString m_exchangeId;
    std::unique_ptr<MainWindow> m_window;
};

GITVQA_GUI_TEST_MAIN(TestGuiAcceptance, true)
#include "test_gui_acceptance.moc"
