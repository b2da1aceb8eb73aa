#include "session/session_writer.h"

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace gitvqa {

Session unsharedCopy(const Session& session)
{
    Session copy = session;
    copy.setExchanges(QVector<Exchange>(session.exchanges().cbegin(), session.exchanges().cend()));
    return copy;
}

Session deltaOf(const Session& session, const SessionChanges& changes)
{
    Session delta;
    delta.setId(session.id());
    delta.setVideo(session.video());
    delta.setCreated(session.created());
    QVector<Exchange> changed;
    changed.reserve(changes.upserted.size());
    for (const Exchange& e : session.exchanges()) {
        if (changes.upserted.contains(e.id))
            changed.append(e);
    }
    delta.setExchanges(changed);
    return delta;
}

SessionWriter::SessionWriter(QString path, Session mirror, std::function<void()> resultReady)
    : m_path(std::move(path)), m_resultReady(std::move(resultReady)), m_mirror(std::move(mirror)),
      m_thread([this] { run(); })
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

quint64 SessionWriter::submit(Session delta, const SessionChanges& changes)
{
    quint64 seq;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        seq = ++m_seq;
        m_queued.append(Job{seq, std::move(delta), changes});
    }
    m_wake.notify_one();
    return seq;
}

void SessionWriter::waitIdle()
{
    std::unique_lock<std::mutex> lock(m_mutex);
    m_idle.wait(lock, [this] { return !m_busy && m_queued.isEmpty(); });
}

bool SessionWriter::isIdle() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return !m_busy && m_queued.isEmpty();
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
        QVector<Job> jobs;
        {
            std::unique_lock<std::mutex> lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stop || !m_queued.isEmpty(); });
            if (m_queued.isEmpty())
                return;   // stopping, and nothing left to write
            jobs.swap(m_queued);
            m_busy = true;
        }
        Result r = write(jobs);
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

SessionWriter::Result SessionWriter::write(const QVector<Job>& jobs)
{
    Result r;
    for (const Job& job : jobs) {
        job.changes.applyTo(&m_mirror, job.delta);
        m_mirror.setId(job.delta.id());
        m_mirror.setVideo(job.delta.video());
        m_mirror.setCreated(job.delta.created());
        r.changes.absorb(job.changes);
        r.seq = job.seq;
    }
    r.outcome = mergeAndWrite(m_path, m_mirror, r.changes, &m_written);
    if (r.outcome.ok && r.outcome.othersChanged) {
        // The owner will take the file's state (plus its newer changes, which reach this thread as deltas): so does
        // the mirror. The owner gets a list of its own, copied here rather than on its thread at its next change.
        m_mirror = r.outcome.written;
        r.outcome.written = unsharedCopy(r.outcome.written);
    }
    return r;
}

} // namespace gitvqa
