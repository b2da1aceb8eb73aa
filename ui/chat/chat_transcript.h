#pragma once
// The one place the chat meets session storage (core/session): the exchanges of the open video, restored when the
// video is opened again and saved after every change. When a video cannot be fingerprinted (unreadable), the
// exchanges live in memory only and lastError() says why.

#include "session/exchange.h"
#include "session/session.h"

#include <QString>
#include <QVector>

#include <memory>

namespace gitvqa {

class AutosavedSession;
class SessionStore;

class ChatTranscript {
public:
    explicit ChatTranscript(const QString& folder = QString()); // default: SessionStore::defaultFolder()
    ~ChatTranscript();
    ChatTranscript(const ChatTranscript&) = delete;
    ChatTranscript& operator=(const ChatTranscript&) = delete;

    // The transcript of `videoPath`: earlier exchanges come back. Returns a warning for the user, or "".
    QString open(const QString& videoPath);
    void close();
    bool isPersistent() const { return m_live != nullptr; }
    QString filePath() const;

    QVector<Exchange> exchanges() const;
    const Exchange* find(const QString& id) const;
    QString add(const Exchange& exchange); // returns the new id
    void updateStreaming(const Exchange& exchange);
    void update(const Exchange& exchange);
    void remove(const QString& id);

    // The last save failure ("" when the last save worked): the chat shows it so nobody trusts an unsaved answer.
    QString lastError() const { return m_error; }

private:
    void noteResult(bool ok, const QString& error);

    std::unique_ptr<SessionStore> m_store;
    std::unique_ptr<AutosavedSession> m_live;
    Session m_memory; // used when nothing can be saved
    QString m_error;
};

} // namespace gitvqa
