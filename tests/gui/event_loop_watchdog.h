#pragma once
// Measures how long the GUI thread's event loop goes without answering (issue 13: "the event loop must answer
// within 100 ms"). A thread of its own posts a ping to an object living in the GUI thread every few milliseconds
// and records how long each ping waited before the GUI thread ran it; the longest wait is the worst freeze a user
// would have felt. Measuring from another thread (not a QTimer in the GUI thread) also counts a freeze during which
// no timer could fire, and a freeze that is still going on when the measurement stops.
//
//     EventLoopWatchdog dog;            // starts measuring
//     ... drive the window, QTRY_VERIFY(...) ...
//     QVERIFY2(dog.maxStallMs() < EventLoopWatchdog::kBudgetMs, dog.report());
//
// A suite asserts against kBudgetMs and prints the number (QTest "watchdog:" lines), so the closing note can quote it.

#include <QByteArray>
#include <QCoreApplication>
#include <QMetaObject>
#include <QObject>
#include <QThread>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace gitvqa::testing {

class EventLoopWatchdog {
public:
    static constexpr int kBudgetMs = 100;

    explicit EventLoopWatchdog(int pingIntervalMs = 5) : m_interval(pingIntervalMs)
    {
        Q_ASSERT(QThread::currentThread() == QCoreApplication::instance()->thread());
        m_receiver = new QObject; // lives in the GUI thread; pings run there
        m_thread = std::thread([this] { run(); });
    }
    ~EventLoopWatchdog()
    {
        stop();
        delete m_receiver;
    }
    EventLoopWatchdog(const EventLoopWatchdog&) = delete;
    EventLoopWatchdog& operator=(const EventLoopWatchdog&) = delete;

    // Stops measuring (idempotent). A ping still unanswered counts as a stall up to now.
    void stop()
    {
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            if (m_stopped)
                return;
            m_stopped = true;
        }
        m_wake.notify_all();
        if (m_thread.joinable())
            m_thread.join();
        // Let the last ping land so its wait is counted.
        QCoreApplication::processEvents();
    }

    // Forget what was measured so far (after a set-up phase that is not under test).
    void reset()
    {
        m_maxStallNs = 0;
        m_pings = 0;
    }

    double maxStallMs() const
    {
        std::int64_t outstanding = 0;
        const std::int64_t sent = m_pendingSince.load();
        if (sent != 0)
            outstanding = nowNs() - sent;
        return static_cast<double>(std::max<std::int64_t>(m_maxStallNs.load(), outstanding)) / 1e6;
    }
    int pings() const { return m_pings.load(); }

    QByteArray report() const
    {
        return QByteArray("event loop answered within ") + QByteArray::number(maxStallMs(), 'f', 1)
            + " ms at worst over " + QByteArray::number(pings()) + " pings (budget "
            + QByteArray::number(kBudgetMs) + " ms)";
    }

private:
    static std::int64_t nowNs()
    {
        return std::chrono::duration_cast<std::chrono::nanoseconds>(
                   std::chrono::steady_clock::now().time_since_epoch())
            .count();
    }

    void run()
    {
        std::unique_lock<std::mutex> lock(m_mutex);
        while (!m_stopped) {
            if (m_pendingSince.load() == 0) {
                const std::int64_t sent = nowNs();
                m_pendingSince = sent;
                QMetaObject::invokeMethod(
                    m_receiver,
                    [this, sent] {
                        const std::int64_t waited = nowNs() - sent;
                        std::int64_t seen = m_maxStallNs.load();
                        while (waited > seen && !m_maxStallNs.compare_exchange_weak(seen, waited)) {
                        }
                        ++m_pings;
                        m_pendingSince = 0;
                    },
                    Qt::QueuedConnection);
            }
            m_wake.wait_for(lock, std::chrono::milliseconds(m_interval));
        }
    }

    const int m_interval;
    QObject* m_receiver = nullptr;
    std::thread m_thread;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stopped = false;
    std::atomic<std::int64_t> m_pendingSince{0};
    std::atomic<std::int64_t> m_maxStallNs{0};
    std::atomic<int> m_pings{0};
};

} // namespace gitvqa::testing
