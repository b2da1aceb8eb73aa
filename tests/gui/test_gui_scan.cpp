// Scan in the window with the tiny reference model: a generated clip whose halves differ (testsrc, then smptebars),
// scanned window by window through the ScanController the Scan action and toggle use. Checks the lane (windows cover
// the clip exactly once, colours, legend), the summary exchange in the chat (ranges, clickable ranges seek), the
// session's exchange (kind "scan" with every window), Stop in the middle, and Resume.

#include "clip_maker.h"
#include "gui_test_main.h"
#include "window_suite.h"

#include "service/inference_service.h"
#include "session/exchange.h"
#include "ui/actions.h"
#include "ui/settings/app_settings.h"
#include "ui/chat/chat_controller.h"
#include "ui/chat/chat_pane.h"
#include "ui/chat/chat_transcript.h"
#include "ui/main_window.h"
#include "ui/models/model_controller.h"
#include "ui/player/player_pane.h"
#include "ui/scan/scan_controller.h"
#include "ui/scan/scan_lane.h"
#include "ui/scan/scan_summary_widget.h"
#include "ui/player/video_player.h"
#include "ui/worker_status.h"

#include <QAction>
#include <QFileInfo>
#include <QPushButton>
#include <QSemaphore>
#include <QSignalSpy>
#include <QToolButton>

#include <atomic>
#include <cmath>
#include <memory>

using namespace gitvqa;
using gitvqa::testing::referencePath;

namespace {
constexpr int kScanTimeoutMs = 180000;
} // namespace

class TestGuiScan : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        GITVQA_REQUIRE_FFMPEG();
        QVERIFY(m_dir.isValid());
        m_clip = gitvqa::testing::makeClip(
            m_dir.path(), QStringLiteral("halves.mp4"),
            {QStringLiteral("-f"), QStringLiteral("lavfi"), QStringLiteral("-i"),
             QStringLiteral("testsrc=size=160x120:rate=25:duration=8"), QStringLiteral("-f"), QStringLiteral("lavfi"),
             QStringLiteral("-i"), QStringLiteral("smptebars=size=160x120:rate=25:duration=8"),
             QStringLiteral("-filter_complex"), QStringLiteral("[0:v][1:v]concat=n=2:v=1[v]"), QStringLiteral("-map"),
             QStringLiteral("[v]"), QStringLiteral("-c:v"), QStringLiteral("libx264"), QStringLiteral("-preset"),
             QStringLiteral("ultrafast"), QStringLiteral("-pix_fmt"), QStringLiteral("yuv420p")});
        QVERIFY(!m_clip.isEmpty());
        m_other = gitvqa::testing::makeClip(
            m_dir.path(), QStringLiteral("other.mp4"),
            {QStringLiteral("-f"), QStringLiteral("lavfi"), QStringLiteral("-i"),
             QStringLiteral("testsrc2=size=160x120:rate=25:duration=4"), QStringLiteral("-c:v"), QStringLiteral("libx264"),
             QStringLiteral("-preset"), QStringLiteral("ultrafast"), QStringLiteral("-pix_fmt"), QStringLiteral("yuv420p")});
        QVERIFY(!m_other.isEmpty());
        gitvqa::testing::saveTinyModelSettings(4, false);

        MainWindow::Options options;
        options.transcriptFolder = m_dir.filePath(QStringLiteral("sessions"));
        m_window = std::make_unique<MainWindow>(options);
        m_window->resize(1200, 720);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QTRY_VERIFY_WITH_TIMEOUT(m_window->models()->hasModel(), 60000);
        QTRY_VERIFY_WITH_TIMEOUT(m_window->workerStatus()->modelText().contains(QStringLiteral("tiny-git-video")), 60000);
        QVERIFY(m_window->openVideo(m_clip));
        QTRY_VERIFY_WITH_TIMEOUT(m_window->playerPane()->facts().duration > 15.0, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(m_window->playerPane()->player()->isLoaded(), 20000);
    }

    void theActionAndToggleExist()
    {
        QAction* a = m_window->actions().get(ActionId::ScanVideo);
        QVERIFY(a);
        QCOMPARE(a->objectName(), QStringLiteral("scan_video"));
        QVERIFY(m_window->scan()->scanToggle());
        QVERIFY(m_window->scan()->scanToggle()->isVisibleTo(m_window.get()));
        QCOMPARE(m_window->scan()->defaultOptions().window, 4.0);
        QVERIFY(!m_window->scan()->lane()->isVisible()); // nothing scanned yet
    }

    void scanCoversTheClipOnce()
    {
        ScanController* scan = m_window->scan();
        QSignalSpy finished(scan, &ScanController::finished);
        QSignalSpy windows(scan, &ScanController::windowDone);
        ScanOptions o;
        o.question = QStringLiteral("what is shown?");
        o.window = 4.0;
        const QString id = scan->start(o);
        QVERIFY(!id.isEmpty());
        QVERIFY(scan->isRunning());
        QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, kScanTimeoutMs);
        QCOMPARE(finished.at(0).at(0).toString(), id);
        QCOMPARE(finished.at(0).at(1).toBool(), false);
        QCOMPARE(windows.count(), 4); // streamed window by window

        // The lane: 4 windows tiling [0, duration] exactly once.
        ScanLane* lane = scan->lane();
        QTRY_VERIFY(lane->isVisible());
        const auto& w = lane->windows();
        QCOMPARE(w.size(), 4);
        QCOMPARE(w.first().start, 0.0);
        for (int i = 1; i < w.size(); ++i)
            QVERIFY2(std::abs(w[i].start - w[i - 1].end) < 1e-6, "windows overlap or leave gaps");
        QVERIFY(std::abs(w.last().end - m_window->playerPane()->facts().duration) < 0.2);
        QVERIFY(!lane->legend().isEmpty());
        QVERIFY(!lane->toolTipFor(0).isEmpty());
        // Distinct answers get distinct colours.
        const auto legend = lane->legend();
        for (int i = 1; i < legend.size(); ++i)
            QVERIFY(legend[i].second != legend[i - 1].second);

        // Click on the lane jumps to the window.
        const double x = lane->xForTime((w[2].start + w[2].end) / 2);
        QSignalSpy laneSeek(lane, &ScanLane::seekRequested);
        QTest::mouseClick(lane, Qt::LeftButton, {}, QPoint(int(x), lane->bandRect().center().y()));
        QCOMPARE(laneSeek.count(), 1);
        QCOMPARE(laneSeek.at(0).at(0).toDouble(), w[2].start);

        // The summary exchange: ranges text and clickable ranges.
        ScanSummaryWidget* summary = scan->summary(id);
        QVERIFY(summary);
        QVERIFY(summary->isVisible());
        QVERIFY(!summary->rangesText().isEmpty());
        QVERIFY(!summary->rangeButtons().isEmpty());
        QVERIFY(!summary->stopButton()->isVisible());
        QToolButton* last = summary->rangeButtons().last();
        QSignalSpy seeks(m_window->chatPane(), &ChatPane::seekRequested);
        QTest::mouseClick(last, Qt::LeftButton);
        QCOMPARE(seeks.count(), 1);
        const double target = seeks.at(0).at(0).toDouble();
        QTRY_VERIFY_WITH_TIMEOUT(std::abs(m_window->playerPane()->player()->position() - target) < 0.1, 5000);

        // The session has it, with every window.
        const Exchange* saved = m_window->chat()->transcript().find(id);
        QVERIFY(saved);
        QCOMPARE(saved->kind, QString(exchange_kind::Scan));
        QCOMPARE(saved->status, QString(exchange_status::Done));
        QCOMPARE(saved->windows.size(), 4);
        QCOMPARE(saved->answer, summary->rangesText());
        QCOMPARE(saved->question, QStringLiteral("what is shown?"));
    }

    void stopMidScanThenResume()
    {
        ScanController* scan = m_window->scan();
        QSignalSpy finished(scan, &ScanController::finished);
        ScanOptions o;
        o.question = QStringLiteral("is there a dog?");
        o.window = 2.0;
        QString id;
        // Stop as soon as the first window is in.
        auto c = connect(scan, &ScanController::windowDone, scan, [scan](const QString&, int) { scan->stop(); });
        id = scan->start(o);
        QVERIFY(!id.isEmpty());
        QVERIFY(scan->lane()->isYesNo());
        QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, kScanTimeoutMs);
        disconnect(c);
        QCOMPARE(finished.at(0).at(1).toBool(), true);
        const int partial = scan->windowCount(id);
        QVERIFY2(partial >= 1 && partial < 8, qPrintable(QString::number(partial)));
        ScanSummaryWidget* summary = scan->summary(id);
        QVERIFY(summary);
        QVERIFY(summary->statusText().contains(QStringLiteral("Stopped")));
        QVERIFY(summary->resumeButton()->isVisible());
        const Exchange* x = m_window->chat()->transcript().find(id);
        QVERIFY(x);
        QCOMPARE(x->status, QString(exchange_status::Stopped));
        QCOMPARE(int(x->windows.size()), partial);

        // Resume scans only what is missing.
        QSignalSpy windows(scan, &ScanController::windowDone);
        QTest::mouseClick(summary->resumeButton(), Qt::LeftButton);
        QVERIFY(scan->isRunning());
        QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 2, kScanTimeoutMs);
        QCOMPARE(finished.at(1).at(1).toBool(), false);
        QCOMPARE(windows.count(), 8 - partial);
        QCOMPARE(scan->windowCount(id), 8);
        QCOMPARE(scan->lane()->windows().size(), 8);
        x = m_window->chat()->transcript().find(id);
        QCOMPARE(x->status, QString(exchange_status::Done));
        QCOMPARE(x->windows.size(), 8);
        QVERIFY(!summary->resumeButton()->isVisible());
    }

    // Issue 13: a second scan started while one runs used to leave the first "Scanning…" for ever. The first now
    // ends as stopped, with what it found saved and Resume offered (as a player replacing a running job would).
    void secondScanStopsTheFirst()
    {
        ScanController* scan = m_window->scan();
        QSignalSpy finished(scan, &ScanController::finished);
        ScanOptions first;
        first.question = QStringLiteral("what is shown?");
        first.window = 2.0;
        ScanOptions second = first;
        second.question = QStringLiteral("what colour is it?");
        second.window = 4.0;
        QString secondId;
        // What the controller said right after the second start. Read there, not after the wait below: on a fast
        // machine the short second scan can finish between two polls of QTRY_VERIFY (CI saw exactly that).
        bool runningAfterSecondStart = false;
        QString currentAfterSecondStart;
        // The worker is held after its first window until the second scan has started: with a fast engine the tiny
        // model can finish every window of the first before the event loop gets to the click below, and then there
        // is nothing left to stop. Direct: it runs on the worker thread; cancel and start are safe from any thread.
        InferenceService* service = m_window->models()->service();
        auto secondStarted = std::make_shared<QSemaphore>();
        auto held = std::make_shared<std::atomic<bool>>(false);
        auto hold = connect(service, &InferenceService::scanWindowDone, service,
                            [secondStarted, held](quint64, const ScanWindowResult&) {
                                if (!held->exchange(true))
                                    secondStarted->tryAcquire(1, kScanTimeoutMs);
                            }, Qt::DirectConnection);
        // Queued: the second starts from the event loop after the first window, as a user's click would. The guard
        // drops calls still queued when this function returns.
        QObject guard;
        auto c = connect(scan, &ScanController::windowDone, &guard, [&, secondStarted](const QString&, int) {
            if (!secondId.isEmpty())
                return;
            secondId = scan->start(second);
            runningAfterSecondStart = scan->isRunning();
            currentAfterSecondStart = scan->currentId();
            secondStarted->release();
        }, Qt::QueuedConnection);
        const QString firstId = scan->start(first);
        QVERIFY(!firstId.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(!secondId.isEmpty(), kScanTimeoutMs);
        disconnect(c);
        disconnect(hold);
        QVERIFY(runningAfterSecondStart);
        QCOMPARE(currentAfterSecondStart, secondId);
        // The first ended at once, as stopped.
        QVERIFY(finished.count() >= 1);
        QCOMPARE(finished.at(0).at(0).toString(), firstId);
        QCOMPARE(finished.at(0).at(1).toBool(), true);
        ScanSummaryWidget* s1 = scan->summary(firstId);
        QVERIFY(s1);
        QVERIFY2(s1->statusText().contains(QStringLiteral("Stopped")), qPrintable(s1->statusText()));
        QVERIFY(!s1->stopButton()->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 2, kScanTimeoutMs);
        QCOMPARE(finished.at(1).at(0).toString(), secondId);
        QCOMPARE(finished.at(1).at(1).toBool(), false);
        QVERIFY2(!s1->statusText().contains(QStringLiteral("Scanning")), qPrintable(s1->statusText()));
        QVERIFY(s1->resumeButton()->isVisible());
        const Exchange* x = m_window->chat()->transcript().find(firstId);
        QVERIFY(x);
        QCOMPARE(x->status, QString(exchange_status::Stopped));
        QVERIFY(x->windows.size() >= 1);
        QCOMPARE(int(x->windows.size()), scan->windowCount(firstId));
    }

    // Issue 13: switching video while a scan runs used to save it into the new video's transcript.
    void switchingVideoSavesTheScanInItsOwnTranscript()
    {
        ScanController* scan = m_window->scan();
        ScanOptions o;
        o.question = QStringLiteral("is there a cat?");
        o.window = 2.0;
        bool switched = false;
        QObject guard; // drops calls still queued when this function returns
        auto c = connect(scan, &ScanController::windowDone, &guard, [&](const QString&, int) {
            if (!switched) {
                switched = true;
                QVERIFY(m_window->openVideo(m_other));
            }
        }, Qt::QueuedConnection);
        const QString id = scan->start(o);
        QVERIFY(!id.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(switched, kScanTimeoutMs);
        disconnect(c);
        QVERIFY(!scan->isRunning());
        QCOMPARE(m_window->playerPane()->videoPath(), QFileInfo(m_other).absoluteFilePath());
        QTRY_VERIFY_WITH_TIMEOUT(!m_window->chat()->transcript().isOpening(), 20000);
        for (const Exchange& x : m_window->chat()->transcript().exchanges())
            QVERIFY2(x.kind != exchange_kind::Scan, qPrintable(x.question));
        QVERIFY(!m_window->chat()->transcript().find(id));
        QVERIFY(scan->scanIds().isEmpty());

        QVERIFY(m_window->openVideo(m_clip));
        QTRY_VERIFY_WITH_TIMEOUT(m_window->playerPane()->player()->isLoaded(), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(!m_window->chat()->transcript().isOpening(), 20000);
        const Exchange* x = m_window->chat()->transcript().find(id);
        QVERIFY(x);
        // Stopped by the switch, or (Debian 13's run showed it) already done: the worker can finish every window
        // before the queued switch runs. Either way it is in its own transcript, with what it found.
        QVERIFY2(x->status == QLatin1String(exchange_status::Stopped) || x->status == QLatin1String(exchange_status::Done),
                 qPrintable(x->status));
        QVERIFY(x->windows.size() >= 1);
        QTRY_VERIFY(scan->scanIds().contains(id));
    }

    // Issue 13: a stopped scan read back from disk could not be resumed. It now offers Resume and scans only the
    // windows it had not done, with their times and indices matching a scan that never stopped.
    void resumeAScanReadBackFromDisk()
    {
        ScanController* scan = m_window->scan();
        QSignalSpy finished(scan, &ScanController::finished);
        ScanOptions o;
        o.question = QStringLiteral("is there a bird?");
        o.window = 2.0;
        // Stopped on the worker's side, as its first window is reported: a Stop sent from the event loop can come
        // after the tiny model has done all eight windows (Debian 13's run saw exactly that), and then nothing is left
        // to resume. cancel() is safe from any thread.
        InferenceService* service = m_window->models()->service();
        auto c = connect(service, &InferenceService::scanWindowDone, service,
                         [service](quint64 request, const ScanWindowResult&) { service->cancel(request); }, Qt::DirectConnection);
        const QString id = scan->start(o);
        QVERIFY(!id.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, kScanTimeoutMs);
        disconnect(c);
        QCOMPARE(finished.at(0).at(1).toBool(), true);
        const int partial = scan->windowCount(id);
        QVERIFY2(partial >= 1 && partial < 8, qPrintable(QString::number(partial)));

        // Read back: another video, then this one again, so the scan comes from the session file.
        QVERIFY(m_window->openVideo(m_other));
        QVERIFY(m_window->openVideo(m_clip));
        QTRY_VERIFY_WITH_TIMEOUT(m_window->playerPane()->player()->isLoaded(), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(scan->scanIds().contains(id), 20000);
        ScanSummaryWidget* summary = scan->summary(id);
        QVERIFY(summary);
        QTRY_VERIFY(summary->isVisible());
        QVERIFY2(summary->statusText().contains(QStringLiteral("Stopped")), qPrintable(summary->statusText()));
        QVERIFY(summary->resumeButton()->isVisible());

        QSignalSpy windows(scan, &ScanController::windowDone);
        QTest::mouseClick(summary->resumeButton(), Qt::LeftButton);
        QVERIFY(scan->isRunning());
        QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 2, kScanTimeoutMs);
        QCOMPARE(finished.at(1).at(1).toBool(), false);
        QCOMPARE(windows.count(), 8 - partial);
        QCOMPARE(scan->windowCount(id), 8);
        const auto& lane = scan->lane()->windows();
        QCOMPARE(lane.size(), 8);
        for (int i = 0; i < lane.size(); ++i)
            QVERIFY2(std::abs(lane[i].start - 2.0 * i) < 1e-6, qPrintable(QString::number(lane[i].start)));
        const Exchange* x = m_window->chat()->transcript().find(id);
        QVERIFY(x);
        QCOMPARE(x->status, QString(exchange_status::Done));
        QCOMPARE(x->windows.size(), 8);
        QVERIFY(!summary->resumeButton()->isVisible());
    }

    void reopeningShowsTheSavedScans()
    {
        const int count = m_window->scan()->scanIds().size();
        QVERIFY(m_window->openVideo(m_clip));
        QTRY_COMPARE(m_window->scan()->scanIds().size(), count);
        QTRY_VERIFY(m_window->scan()->lane()->isVisible());
    }

    void cleanupTestCase() { m_window.reset(); }

private:
    QTemporaryDir m_dir;
    QString m_clip;
    QString m_other; // a second video to switch to
    std::unique_ptr<MainWindow> m_window;
};

GITVQA_GUI_TEST_MAIN(TestGuiScan, true)
#include "test_gui_scan.moc"
