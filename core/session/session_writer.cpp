#include "session/session_writer.h"

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace gitvqa {

SessionWriter::SessionWriter(QString path, std::function<void()> resultReady)
    : m_path(std::move(path)), m_resultReady(std::move(resultReady)), m_thread([this] { run(); })
{
}

SessionWriter::~SessionWriter()
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    m_thread.join();
}

quint64 SessionWriter::submit(const Session& snapshot, const SessionChanges& changes)
{
    quint64 seq;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        seq = ++m_seq;
        if (m_queued) {
            m_queued->snapshot = snapshot;
            m_queued->changes.absorb(changes);
            m_queued->seq = seq;
        } else {
            m_queued = Job{seq, snapshot, changes};
        }
    }
    m_wake.notify_one();
    return seq;
}

void SessionWriter::waitIdle()
{
    std::unique_lock<std::mutex> lock(m_mutex);
    m_idle.wait(lock, [this] { return !m_busy && !m_queued; });
}

bool SessionWriter::isIdle() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return !m_busy && !m_queued;
}

QVector<SessionWriter::Result> SessionWriter::takeResults()
{
    std::lock_guard<std::mutex> lock(m_mutex);
    QVector<Result> out;
    out.swap(m_results);
    return out;
}

void SessionWriter::run()
{
    // A save may wait: the window may not. On Linux nice applies per thread, so only this thread yields the CPU to
    // the GUI thread when the machine is busy (the serialising of 10 000 exchanges is the heaviest work here).
    setpriority(PRIO_PROCESS, id_t(syscall(SYS_gettid)), 5);
    for (;;) {
        Job job;
        {
            std::unique_lock<std::mutex> lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stop || m_queued; });
            if (!m_queued)
                return;   // stopping, and nothing left to write
            job = std::move(*m_queued);
            m_queued.reset();
            m_busy = true;
        }
        Result r;
        r.seq = job.seq;
        r.changes = job.changes;
        r.outcome = mergeAndWrite(m_path, job.snapshot, job.changes, &m_written);
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_results.append(std::move(r));
            m_busy = false;
        }
        m_idle.notify_all();
        if (m_resultReady)
            m_resultReady();
    }
}

} // namespace gitvqa
