#include "ui/demo_runner.h"

#include "ui/chat/chat_controller.h"
#include "ui/main_window.h"
#include "ui/models/model_controller.h"
#include "ui/player/player_pane.h"
#include "ui/player/timeline_widget.h"
#include "ui/player/video_player.h"

#include <QCoreApplication>
#include <QGuiApplication>
#include <QImage>
#include <QPixmap>
#include <QScreen>
#include <QWindow>

#include <cstdio>

namespace gitvqa {

DemoRunner::DemoRunner(MainWindow& window, const Script& script, QObject* parent)
    : QObject(parent), m_window(window), m_script(script)
{
    m_poll.setInterval(100);
    connect(&m_poll, &QTimer::timeout, this, &DemoRunner::step);
    m_timeout.setSingleShot(true);
    m_timeout.setInterval(script.timeoutMs);
    connect(&m_timeout, &QTimer::timeout, this, [this] { finish(false, QStringLiteral("timed out")); });
    connect(window.chat(), &ChatController::entryFinished, this, [this](const QString& id) {
        if (id != m_entry || m_phase != Phase::Asking)
            return;
        if (m_asked < m_script.questions.size()) {
            askNext();
            return;
        }
        m_phase = Phase::Capture;
        // Let the last token, the frames and the status bar paint before the picture is taken.
        QTimer::singleShot(800, this, &DemoRunner::step);
    });
    connect(window.playerPane(), &PlayerPane::videoFailed, this, [this](const QString& why) { finish(false, why); });
    connect(window.models(), &ModelController::missing, this, [this](const QString& why) { finish(false, why); });
    connect(window.models(), &ModelController::loadFailed, this, [this](const QString& why, bool kept) {
        if (!kept)
            finish(false, why);
    });
}

void DemoRunner::start()
{
    m_poll.start();
    m_timeout.start();
}

void DemoRunner::step()
{
    VideoPlayer* player = m_window.playerPane()->player();
    switch (m_phase) {
    case Phase::WaitReady:
        if (!m_window.models()->hasModel() && !m_window.models()->isLoading()) {
            // Found missing while the window was built, before this runner listened.
            finish(false, QStringLiteral("no model to answer with"));
            return;
        }
        if (!m_window.models()->hasModel() || !player->isLoaded() || m_window.playerPane()->facts().duration <= 0)
            return;
        if (m_script.at >= 0)
            player->seek(m_script.at);
        m_phase = Phase::Settle;
        QTimer::singleShot(1200, this, &DemoRunner::step); // the seeked frame and the thumbnails arrive
        return;
    case Phase::Settle:
        m_poll.stop();
        m_phase = Phase::Asking;
        askNext();
        return;
    case Phase::Capture: {
        if (!m_script.screenshot.isEmpty()) {
            const QImage image = grabWindow(m_window);
            if (image.isNull() || !image.save(m_script.screenshot)) {
                finish(false, QStringLiteral("cannot write %1").arg(m_script.screenshot));
                return;
            }
        }
        finish(true, m_window.chat()->entry(m_entry).answer);
        return;
    }
    case Phase::Asking:
    case Phase::Done: return;
    }
}

void DemoRunner::askNext()
{
    if (m_asked >= m_script.questions.size()) {
        finish(false, QStringLiteral("no question to ask"));
        return;
    }
    TimelineWidget* timeline = m_window.playerPane()->timeline();
    if (m_asked < m_script.segments.size()) {
        const auto seg = m_script.segments[m_asked];
        if (seg.first >= 0 && seg.second > seg.first)
            timeline->setSegment(seg.first, seg.second);
        else
            timeline->clearSegment();
    }
    m_entry = m_window.chat()->ask(m_script.questions[m_asked++]);
    if (m_entry.isEmpty())
        finish(false, QStringLiteral("the question was not accepted"));
}

QImage DemoRunner::grabWindow(QWidget& window)
{
    QScreen* screen = window.screen();
    if (QGuiApplication::platformName() == QLatin1String("xcb") && screen) {
        const QRect g = window.frameGeometry();
        const QRect s = screen->geometry();
        return screen->grabWindow(0, g.x() - s.x(), g.y() - s.y(), g.width(), g.height()).toImage();
    }
    return window.grab().toImage();
}

void DemoRunner::finish(bool ok, const QString& message)
{
    if (m_phase == Phase::Done)
        return;
    m_phase = Phase::Done;
    m_poll.stop();
    m_timeout.stop();
    std::fprintf(ok ? stdout : stderr, "%s: %s\n", ok ? "answer" : "gitvqa-app", qPrintable(message));
    std::fflush(nullptr);
    Q_EMIT done(ok, message);
    if (m_script.quit)
        QCoreApplication::exit(ok ? 0 : 1);
}

} // namespace gitvqa
