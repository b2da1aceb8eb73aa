#pragma once
// Keeps two writers of one session file (two windows, the window and `gitvqa ask --session`) from interleaving their
// read-merge-write: flock(2) on a hidden lock file beside the session, ".NAME.lock", held only for the few
// milliseconds of one save. flock rather than a pid file because the kernel releases it when the holder dies, so a
// crash never leaves a stale lock. The lock files stay (removing one would let a waiter lock a file that no longer
// exists while a newcomer locks a new one); they are hidden and not "*.json", so the store never reads them.

#include <QString>

namespace gitvqa {

class SessionLock {
public:
    // Waits up to `timeoutMs` for the lock on `sessionFile`. A folder that cannot hold a lock file (read-only, gone)
    // leaves the lock unheld: the save that follows fails there anyway and reports why.
    explicit SessionLock(const QString& sessionFile, int timeoutMs = 10000);
    ~SessionLock();
    SessionLock(const SessionLock&) = delete;
    SessionLock& operator=(const SessionLock&) = delete;

    bool isLocked() const { return m_fd >= 0; }
    static QString lockPathFor(const QString& sessionFile);

private:
    int m_fd = -1;
};

} // namespace gitvqa
