#pragma once
// The background thread that puts a session on disk, so the GUI thread never waits on serialising, fsync or a slow
// share (issue 13: 10 000 exchanges took hundreds of ms per save). It takes immutable snapshots (Session is
// implicitly shared, so a snapshot costs a reference count) and coalesces: while one save runs, newer submissions
// replace the queued one and their change sets are combined, so a fast stream costs at most one save in flight plus
// one queued. Qt Core and the standard library only.

#include "session/session.h"
#include "session/session_changes.h"
#include "session/session_merge_write.h"

#include <QString>
#include <QVector>

#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>

namespace gitvqa {

class SessionWriter {
public:
    struct Result {
        quint64 seq = 0;            // the newest submission this save covered
        SessionChanges changes;     // what it tried to write (to resubmit when it failed)
        MergeWriteResult outcome;
    };

    // `resultReady` runs on the writer thread after each save; it should only post to the owner's thread.
    SessionWriter(QString path, std::function<void()> resultReady);
    // Finishes the queued save, then stops: the final save on close or quit is waited for.
    ~SessionWriter();
    SessionWriter(const SessionWriter&) = delete;
    SessionWriter& operator=(const SessionWriter&) = delete;

    const QString& path() const { return m_path; }
    // Queues a save of `snapshot` applying `changes`; returns its sequence number.
    quint64 submit(const Session& snapshot, const SessionChanges& changes);
    // Blocks until every submission so far is written or has failed.
    void waitIdle();
    bool isIdle() const;
    QVector<Result> takeResults();

private:
    struct Job {
        quint64 seq = 0;
        Session snapshot;
        SessionChanges changes;
    };
    void run();

    const QString m_path;
    std::function<void()> m_resultReady;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::condition_variable m_idle;
    std::optional<Job> m_queued;
    bool m_busy = false;
    bool m_stop = false;
    quint64 m_seq = 0;
    QVector<Result> m_results;
    WrittenFile m_written;   // writer thread only
    std::thread m_thread;    // last: started once everything above exists
};

} // namespace gitvqa
