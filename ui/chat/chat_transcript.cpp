#include "ui/chat/chat_transcript.h"

#include "session/autosaved_session.h"
#include "session/session_store.h"
#include "session/video_fingerprint.h"

#include <QCoreApplication>

namespace gitvqa {

ChatTranscript::ChatTranscript(const QString& folder)
    : m_store(std::make_unique<SessionStore>(folder.isEmpty() ? SessionStore::defaultFolder() : folder))
{
}

ChatTranscript::~ChatTranscript() = default;

QString ChatTranscript::open(const QString& videoPath)
{
    close();
    QString error;
    const VideoFingerprint fingerprint = VideoFingerprint::of(videoPath, &error);
    if (!fingerprint.isValid()) {
        m_error = QCoreApplication::translate("gitvqa::ChatTranscript",
                                              "Answers about this video will not be saved: %1").arg(error);
        return m_error;
    }
    OpenedSession opened = m_store->open(fingerprint);
    m_live = std::make_unique<AutosavedSession>(*m_store, opened.session);
    m_error.clear();
    return opened.warning;
}

void ChatTranscript::close()
{
    m_live.reset(); // saves what streaming held back
    m_memory = Session();
}

QString ChatTranscript::filePath() const { return m_live ? m_live->filePath() : QString(); }

QVector<Exchange> ChatTranscript::exchanges() const
{
    return m_live ? m_live->session().exchanges() : m_memory.exchanges();
}

const Exchange* ChatTranscript::find(const QString& id) const
{
    return m_live ? m_live->session().find(id) : m_memory.find(id);
}

void ChatTranscript::noteResult(bool ok, const QString& error)
{
    m_error = ok ? QString()
                 : QCoreApplication::translate("gitvqa::ChatTranscript", "The transcript could not be saved: %1")
                       .arg(error);
}

QString ChatTranscript::add(const Exchange& exchange)
{
    if (!m_live)
        return m_memory.add(exchange);
    QString error, id;
    noteResult(m_live->add(exchange, &error, &id), error);
    return id;
}

void ChatTranscript::updateStreaming(const Exchange& exchange)
{
    if (!m_live) {
        m_memory.update(exchange);
        return;
    }
    QString error;
    noteResult(m_live->updateStreaming(exchange, &error), error);
}

void ChatTranscript::update(const Exchange& exchange)
{
    if (!m_live) {
        m_memory.update(exchange);
        return;
    }
    QString error;
    noteResult(m_live->update(exchange, &error), error);
}

void ChatTranscript::remove(const QString& id)
{
    if (!m_live) {
        m_memory.remove(id);
        return;
    }
    QString error;
    noteResult(m_live->remove(id, &error), error);
}

} // namespace gitvqa
