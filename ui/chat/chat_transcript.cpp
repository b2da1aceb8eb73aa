#include "ui/chat/chat_transcript.h"

#include "session/autosaved_session.h"
#include "session/session_file.h"
#include "session/session_store.h"
#include "session/session_writer.h"
#include "session/video_fingerprint.h"

#include <QCoreApplication>
#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

namespace gitvqa {

// What the worker hands back: a session found (or started) by a SessionStore of its own, so nothing is shared.
struct OpenedTranscript {
    OpenedSession opened;
    Session writerCopy;         // the background writer's own copy, made here rather than on the GUI thread
    QString fingerprintError;   // the video could not be read: memory only
};

namespace {

OpenedTranscript openOnWorker(const QString& folder, const QString& videoPath)
{
    OpenedTranscript out;
    const VideoFingerprint fingerprint = VideoFingerprint::of(videoPath, &out.fingerprintError);
    if (fingerprint.isValid()) {
        out.fingerprintError.clear();
        SessionStore store(folder);
        out.opened = store.open(fingerprint);
        out.writerCopy = unsharedCopy(out.opened.session);
    }
    return out;
}

} // namespace

ChatTranscript::ChatTranscript(const QString& folder, QObject* parent)
    : QObject(parent), m_folder(folder.isEmpty() ? SessionStore::defaultFolder() : folder),
      m_store(std::make_unique<SessionStore>(m_folder))
{
}

ChatTranscript::~ChatTranscript() { close(); }

void ChatTranscript::open(const QString& videoPath)
{
    close();
    m_error.clear();
    m_opening = new QFutureWatcher<OpenedTranscript>(this);
    QFutureWatcher<OpenedTranscript>* watcher = m_opening;
    connect(watcher, &QFutureWatcher<OpenedTranscript>::finished, this, [this, watcher] {
        if (watcher != m_opening)
            return;   // a later open() or close() replaced it
        deliver(watcher->future().takeResult());
    });
    watcher->setFuture(QtConcurrent::run(openOnWorker, m_folder, videoPath));
}

void ChatTranscript::waitUntilOpened()
{
    if (!m_opening)
        return;
    m_opening->waitForFinished();
    deliver(m_opening->future().takeResult());
}

void ChatTranscript::deliver(OpenedTranscript result)
{
    if (m_opening) {
        m_opening->deleteLater();
        m_opening = nullptr;
    }
    if (!result.fingerprintError.isEmpty()) {
        m_error = QCoreApplication::translate("gitvqa::ChatTranscript",
                                              "Answers about this video will not be saved: %1")
                      .arg(result.fingerprintError);
        Q_EMIT opened(m_error);
        return;
    }
    m_store->setFilePath(result.opened.session.id(), result.opened.filePath);
    m_live = std::make_unique<AutosavedSession>(*m_store, std::move(result.opened.session),
                                                std::move(result.writerCopy));
    connect(m_live.get(), &AutosavedSession::saveStateChanged, this, [this] {
        noteResult();
        Q_EMIT saveStateChanged();
    });
    connect(m_live.get(), &AutosavedSession::exchangesMergedFromDisk, this, &ChatTranscript::exchangesMergedFromDisk);
    // Questions asked while the transcript was opening join it now, after the restored ones.
    for (const Exchange& e : m_memory.exchanges())
        m_live->add(e);
    m_memory = Session();
    Q_EMIT opened(result.opened.warning);
}

void ChatTranscript::close()
{
    // Questions asked while opening must not be lost to a quick switch: wait for the session they belong to.
    if (m_opening && !m_memory.isEmpty())
        waitUntilOpened();
    if (m_opening) {
        m_opening->deleteLater();   // its result is dropped; the worker finishes on its own
        m_opening = nullptr;
    }
    m_live.reset(); // saves what is pending and waits for the writer
    m_memory = Session();
}

QString ChatTranscript::filePath() const { return m_live ? m_live->filePath() : QString(); }

const Session& ChatTranscript::current() const { return m_live ? m_live->session() : m_memory; }

QVector<Exchange> ChatTranscript::exchanges() const { return current().exchanges(); }

const Exchange* ChatTranscript::find(const QString& id) const { return current().find(id); }

bool ChatTranscript::hasUnsavedChanges() const
{
    return m_live ? m_live->hasUnsavedChanges() : !m_memory.isEmpty() && !m_opening;
}

bool ChatTranscript::saveNow()
{
    waitUntilOpened();
    if (!m_live)
        return m_memory.isEmpty();
    const bool ok = m_live->saveNow();
    noteResult();
    return ok;
}

bool ChatTranscript::saveCopyAs(const QString& path, QString* error) const
{
    Session copy = current();
    if (copy.id().isEmpty())
        copy.setId(newUuid());
    return writeSessionFile(path, copy, error);
}

void ChatTranscript::noteResult()
{
    const QString error = m_live ? m_live->lastError() : QString();
    m_error = error.isEmpty() ? QString()
                              : QCoreApplication::translate("gitvqa::ChatTranscript",
                                                            "The transcript could not be saved: %1 gitvqa keeps it "
                                                            "and tries again.")
                                    .arg(error);
}

QString ChatTranscript::add(const Exchange& exchange)
{
    if (!m_live)
        return m_memory.add(exchange);
    QString id;
    m_live->add(exchange, nullptr, &id);
    return id;
}

void ChatTranscript::updateStreaming(const Exchange& exchange)
{
    if (!m_live)
        m_memory.update(exchange);
    else
        m_live->updateStreaming(exchange);
}

void ChatTranscript::update(const Exchange& exchange)
{
    if (!m_live)
        m_memory.update(exchange);
    else
        m_live->update(exchange);
}

void ChatTranscript::remove(const QString& id)
{
    if (!m_live)
        m_memory.remove(id);
    else
        m_live->remove(id);
}

} // namespace gitvqa
