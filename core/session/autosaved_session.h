#pragma once
// The session the window works on: every change is written to disk (atomically) before the call returns, so once
// the UI shows an answer as done, a crash cannot lose it.

#include "session/session.h"
#include "session/session_store.h"

#include <QElapsedTimer>
#include <QString>

namespace gitvqa {

class AutosavedSession {
public:
    // A streamed answer is saved at most this often; the final update() always saves.
    static constexpr int kStreamingSaveIntervalMs = 1000;

    // `store` must outlive this object. `session` is usually SessionStore::open(video).session.
    AutosavedSession(SessionStore& store, Session session);
    // Saves what updateStreaming() held back, when there is anything.
    ~AutosavedSession();

    AutosavedSession(const AutosavedSession&) = delete;
    AutosavedSession& operator=(const AutosavedSession&) = delete;

    const Session& session() const { return m_session; }
    QString filePath() const { return m_store.filePathFor(m_session); }

    // Each change is made in memory and then saved. false means the save failed (*error says why): the change is
    // kept in memory and the next change or saveNow() tries again, so the UI can say "not saved" and carry on.
    // add() assigns an id when the exchange has none (returned in *id) and replaces an exchange with the same id.
    bool add(const Exchange& exchange, QString* error = nullptr, QString* id = nullptr);
    bool update(const Exchange& exchange, QString* error = nullptr);   // false also when the id is unknown
    bool remove(const QString& exchangeId, QString* error = nullptr);  // false also when the id is unknown

    // For an answer still streaming (status "pending"): updates memory, and saves only when the last save is at
    // least kStreamingSaveIntervalMs old, so a long answer costs a few writes rather than one per token.
    bool updateStreaming(const Exchange& exchange, QString* error = nullptr);

    bool hasUnsavedChanges() const { return m_dirty; }
    bool saveNow(QString* error = nullptr);

private:
    SessionStore& m_store;
    Session m_session;
    bool m_dirty = false;
    QElapsedTimer m_sinceSave;
};

} // namespace gitvqa
