#pragma once
// The lock that keeps two processes from writing the same blob of the Hugging Face cache:
// CACHE/.locks/models--ORG--NAME/ETAG.lock, held with flock(2) exactly like the `filelock` package that
// huggingface_hub uses (UnixFileLock: flock(fd, LOCK_EX | LOCK_NB) on that file, created with mode 0664 so users
// sharing a cache can wait on each other). So this app, a second copy of it, `gitvqa download` and Python all
// exclude each other, and a holder that dies releases the lock with its last file descriptor: no stale locks.
// The holder writes "pid PROGRAM on HOST" into the file so a waiting process can say who it waits for (filelock
// truncates the file when it opens it, so a Python holder leaves it empty: "another program").

#include <QString>

namespace gitvqa {

class BlobLock {
public:
    explicit BlobLock(const QString& path);
    ~BlobLock();
    BlobLock(const BlobLock&) = delete;
    BlobLock& operator=(const BlobLock&) = delete;

    enum class Result { Acquired, Busy, Failed };
    // Never blocks. Failed comes with *error (the lock file cannot be created).
    Result tryLock(QString* error);
    void unlock();
    bool isLocked() const { return m_fd >= 0; }
    QString path() const { return m_path; }

    // Who holds the lock, in words ("process 4242 (gitvqa) on host"), from the file; "another program" when it
    // does not say.
    QString holder() const;

private:
    QString m_path;
    int m_fd = -1;
};

} // namespace gitvqa
