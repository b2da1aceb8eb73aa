#pragma once
// The one place the chat meets session storage (core/session): the exchanges of the open video, restored when the
// video is opened again and saved after every change by a background writer (AutosavedSession), so the GUI thread
// never waits on the disk. Opening runs on a worker too (hashing the video's head and reading every session file can
// take seconds on a sleeping share): changes made before opened() arrives are kept in memory and merged into the
// restored session then. When a video cannot be fingerprinted (unreadable), the exchanges live in memory only and
// lastError() says why.

#include "session/exchange.h"
#include "session/session.h"

#include <QObject>
#include <QString>
#include <QVector>

#include <memory>

template <typename T>
class QFutureWatcher;

namespace gitvqa {

class AutosavedSession;
class SessionStore;
struct OpenedTranscript;

class ChatTranscript : public QObject {
    Q_OBJECT
public:
    explicit ChatTranscript(const QString& folder = QString(), QObject* parent = nullptr); // "": the default folder
    ~ChatTranscript() override;   // waits for the last save
    ChatTranscript(const ChatTranscript&) = delete;
    ChatTranscript& operator=(const ChatTranscript&) = delete;

    // Starts opening the transcript of `videoPath` on a worker thread; opened() follows. Until then exchanges() holds
    // only what was added meanwhile.
    void open(const QString& videoPath);
    bool isOpening() const { return m_opening != nullptr; }
    // Blocks until the open in progress has been delivered (tests; a close with unsaved questions).
    void waitUntilOpened();
    void close();
    bool isPersistent() const { return m_live != nullptr; }
    QString filePath() const;

    QVector<Exchange> exchanges() const;
    const Exchange* find(const QString& id) const;
    QString add(const Exchange& exchange); // returns the new id
    void updateStreaming(const Exchange& exchange);
    void update(const Exchange& exchange);
    void remove(const QString& id);

    // The last save failure, with the file and the reason ("" when saving works): shown as a notice that stays while
    // the writer keeps retrying, so nobody trusts an unsaved answer.
    QString lastError() const { return m_error; }
    // Changes that are not on disk (the last save failed, or the video could not be fingerprinted).
    bool hasUnsavedChanges() const;
    // Waits for the writer; true when everything is on disk.
    bool saveNow();
    // Writes the whole transcript to `path` (a new file chosen by the user when the session folder cannot be written).
    bool saveCopyAs(const QString& path, QString* error) const;

Q_SIGNALS:
    // The transcript of the video given to open() is here: exchanges() now holds the restored ones too. `warning`
    // is for the user ("" when there is nothing to say).
    void opened(const QString& warning);
    // lastError() may have changed.
    void saveStateChanged();
    // Another window or `gitvqa ask --session` added exchanges to this video's file; exchanges() has them now.
    void exchangesMergedFromDisk();

private:
    void deliver(OpenedTranscript result);
    const Session& current() const;
    void noteResult();

    QString m_folder;
    std::unique_ptr<SessionStore> m_store;
    std::unique_ptr<AutosavedSession> m_live;
    Session m_memory;   // before opened(), and when nothing can be saved
    QString m_error;
    QFutureWatcher<OpenedTranscript>* m_opening = nullptr;
};

} // namespace gitvqa
