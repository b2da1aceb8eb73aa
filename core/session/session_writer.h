#pragma once
// The background thread that puts a session on disk, so the GUI thread never waits on serialising, fsync or a slow
// share (issue 13: 10 000 exchanges took hundreds of ms per save). Submissions are incremental: only the exchanges
// that changed travel (a delta), and the writer keeps its own full copy of the owner's session (the mirror) that it
// brings up to date with each delta. The owner's exchange list is therefore never shared with this thread, so the
// owner's next change never has to copy it (implicit sharing made the GUI thread copy 10 000 exchanges, 13–23 ms,
// after every save it submitted). Deltas queued while a save runs are written together by the next one, so a fast
// stream costs at most one save in flight plus one queued. Qt Core and the standard library only.

#include "session/session.h"
#include "session/session_changes.h"
#include "session/session_merge_write.h"

#include <QString>
#include <QVector>

#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace gitvqa {

class SessionWriter {
public:
    struct Result {
        quint64 seq = 0;            // the newest submission this save covered
        SessionChanges changes;     // what it tried to write (to resubmit when it failed)
        // outcome.written, when othersChanged, is in an exchange list of its own: the owner may keep it and change it.
        MergeWriteResult outcome;
    };

    // `mirror` is the owner's session as it starts, in an exchange list of its own (unsharedCopy()), so that neither
    // side ever copies the other's. `resultReady` runs on the writer thread after each save; it should only post to
    // the owner's thread.
    SessionWriter(QString path, Session mirror, std::function<void()> resultReady);
    // Finishes the queued save, then stops: the final save on close or quit is waited for.
    ~SessionWriter();
    SessionWriter(const SessionWriter&) = delete;
    SessionWriter& operator=(const SessionWriter&) = delete;

    const QString& path() const { return m_path; }
    // Queues a save of `changes`; `delta` holds the session's id and video and the exchanges in changes.upserted
    // (deltaOf() makes it). Returns its sequence number.
    quint64 submit(Session delta, const SessionChanges& changes);
    // Blocks until every submission so far is written or has failed.
    void waitIdle();
    bool isIdle() const;
    QVector<Result> takeResults();

private:
    struct Job {
        quint64 seq = 0;
        Session delta;
        SessionChanges changes;
    };
    void run();
    Result write(const QVector<Job>& jobs);

    const QString m_path;
    std::function<void()> m_resultReady;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::condition_variable m_idle;
    QVector<Job> m_queued;
    bool m_busy = false;
    bool m_stop = false;
    quint64 m_seq = 0;
    QVector<Result> m_results;
    Session m_mirror;        // writer thread only: the owner's session as of the last delta applied
    WrittenFile m_written;   // writer thread only
    std::thread m_thread;    // last: started once everything above exists
};

// The session with the same exchanges in a list of its own, so that changing one never copies the other's.
Session unsharedCopy(const Session& session);
// What submit() needs of `session` for `changes`: its id, video and creation time, and only the changed exchanges.
Session deltaOf(const Session& session, const SessionChanges& changes);

} // namespace gitvqa
