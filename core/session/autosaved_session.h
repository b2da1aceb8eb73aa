#pragma once
// The session the window works on. Changes are made in memory at once and saved by a background writer
// (session_writer.h), so the GUI thread never waits on the disk; a finished answer is submitted at once and on disk
// within one save, a streamed one at most once a second, and destruction (close, quit) waits for the last save.
// Saves merge (session_merge_write.h): another window or `gitvqa ask --session` writing the same file keeps its
// exchanges, and after each save session() holds theirs too (exchangesMergedFromDisk()). A failed save keeps the
// changes in memory and is retried with a growing delay until it works; saveStateChanged() tells the UI.

#include "session/session.h"
#include "session/session_changes.h"
#include "session/session_store.h"

#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QTimer>

#include <memory>

namespace gitvqa {

class SessionWriter;

class AutosavedSession : public QObject {
    Q_OBJECT
public:
    // A streamed answer is submitted at most this often; update() always submits at once.
    static constexpr int kStreamingSaveIntervalMs = 1000;
    // After a failed save: retry after 1 s, then 2, 4... up to 30 s, for as long as it takes.
    static constexpr int kFirstRetryMs = 1000;
    static constexpr int kMaxRetryMs = 30000;

    // `store` must outlive this object. `session` is usually SessionStore::open(video).session.
    AutosavedSession(SessionStore& store, Session session, QObject* parent = nullptr);
    // The same, with the background writer's own copy of `session` made already (unsharedCopy(), session_writer.h),
    // e.g. on the thread that read the file, so this thread never copies 10 000 exchanges.
    AutosavedSession(SessionStore& store, Session session, Session writerCopy, QObject* parent = nullptr);
    // Saves what is pending and waits for the writer.
    ~AutosavedSession() override;

    AutosavedSession(const AutosavedSession&) = delete;
    AutosavedSession& operator=(const AutosavedSession&) = delete;

    const Session& session() const { return m_session; }
    QString filePath() const { return m_path; }

    // Each change is made in memory and submitted to the writer. The result is false when the id is unknown, or when
    // the last save failed (*error says why), so the UI can say "not saved" and carry on; the change is kept and
    // retried. add() assigns an id when the exchange has none (returned in *id) and replaces one with the same id.
    bool add(const Exchange& exchange, QString* error = nullptr, QString* id = nullptr);
    bool update(const Exchange& exchange, QString* error = nullptr);
    bool remove(const QString& exchangeId, QString* error = nullptr);
    // For an answer still streaming: memory now, the disk at most once per kStreamingSaveIntervalMs.
    bool updateStreaming(const Exchange& exchange, QString* error = nullptr);

    // Something changed that is not known to be on disk yet (queued, being written, or failed).
    bool hasUnsavedChanges() const;
    // Submits whatever is pending and waits for the writer; true when everything is on disk.
    bool saveNow(QString* error = nullptr);
    // The last save's failure, translated; "" once a save works again.
    QString lastError() const { return m_error; }
    // A damaged file met while saving that was kept aside (translated), until the next one.
    QString lastWarning() const { return m_warning; }

Q_SIGNALS:
    // lastError() or hasUnsavedChanges() changed after a save finished or failed.
    void saveStateChanged();
    // Another writer's exchanges were added to session(), or exchanges it deleted were dropped from it.
    void exchangesMergedFromDisk();

private:
    bool submit();
    void applyResults();
    bool reportError(QString* error) const;

    QString m_path;
    Session m_session;
    SessionChanges m_unsent;        // changed since the last submission
    quint64 m_lastSubmitted = 0;
    quint64 m_lastFinished = 0;
    QString m_error;
    QString m_warning;
    int m_retryMs = kFirstRetryMs;
    QElapsedTimer m_sinceSubmit;
    QTimer m_streamTimer;           // submits a streamed change held back by the interval
    QTimer m_retryTimer;
    std::unique_ptr<SessionWriter> m_writer;   // last: stopped first, while the rest still exists
};

} // namespace gitvqa
