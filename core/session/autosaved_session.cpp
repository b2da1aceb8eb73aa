#include "session/autosaved_session.h"

#include "session/session_writer.h"

#include <QSet>

namespace gitvqa {

namespace {

QSet<QString> idsOf(const Session& s)
{
    QSet<QString> ids;
    ids.reserve(s.exchanges().size());
    for (const Exchange& e : s.exchanges())
        ids.insert(e.id);
    return ids;
}

} // namespace

AutosavedSession::AutosavedSession(SessionStore& store, Session session, QObject* parent)
    : AutosavedSession(store, session, unsharedCopy(session), parent)
{
}

AutosavedSession::AutosavedSession(SessionStore& store, Session session, Session writerCopy, QObject* parent)
    : QObject(parent), m_path(store.filePathFor(session)), m_session(std::move(session))
{
    m_streamTimer.setSingleShot(true);
    connect(&m_streamTimer, &QTimer::timeout, this, [this] { submit(); });
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, [this] { submit(); });
    // The writer only posts back; results are applied on this object's thread.
    m_writer = std::make_unique<SessionWriter>(m_path, std::move(writerCopy), [this] {
        QMetaObject::invokeMethod(this, [this] { applyResults(); }, Qt::QueuedConnection);
    });
}

AutosavedSession::~AutosavedSession()
{
    if (!m_unsent.isEmpty())
        m_writer->submit(deltaOf(m_session, m_unsent), m_unsent);
    m_writer.reset();   // waits for the queued save
}

bool AutosavedSession::hasUnsavedChanges() const
{
    return !m_unsent.isEmpty() || m_lastFinished != m_lastSubmitted || !m_error.isEmpty();
}

bool AutosavedSession::reportError(QString* error) const
{
    if (error)
        *error = m_error;
    return m_error.isEmpty();
}

bool AutosavedSession::submit()
{
    m_streamTimer.stop();
    if (m_unsent.isEmpty())
        return reportError(nullptr);
    m_lastSubmitted = m_writer->submit(deltaOf(m_session, m_unsent), m_unsent);
    m_unsent = SessionChanges();
    m_sinceSubmit.start();
    return m_error.isEmpty();
}

void AutosavedSession::applyResults()
{
    QVector<SessionWriter::Result> results = m_writer->takeResults();
    if (results.isEmpty())
        return;
    bool merged = false;
    for (SessionWriter::Result& r : results) {
        m_lastFinished = r.seq;
        if (!r.outcome.warning.isEmpty())
            m_warning = r.outcome.warning;
        if (!r.outcome.ok) {
            // Its changes go back in front of anything newer, to be written by the retry.
            SessionChanges again = r.changes;
            again.absorb(m_unsent);
            m_unsent = again;
            m_error = r.outcome.error;
            continue;
        }
        m_error.clear();
        m_retryMs = kFirstRetryMs;
        if (r.seq != m_lastSubmitted || !r.outcome.othersChanged)
            continue;   // a newer save brings the file's state, or nobody else wrote: memory is the file plus m_unsent
        // The file now holds everybody's exchanges; keep on top what changed here since this save was submitted.
        Session fromDisk = std::move(r.outcome.written);   // moved: changing it below must not copy it
        m_unsent.applyTo(&fromDisk, m_session);
        merged = idsOf(fromDisk) != idsOf(m_session);
        m_session = fromDisk;
    }
    if (!m_error.isEmpty() && !m_retryTimer.isActive()) {
        m_retryTimer.start(m_retryMs);
        m_retryMs = qMin(m_retryMs * 2, kMaxRetryMs);
    }
    Q_EMIT saveStateChanged();
    if (merged)
        Q_EMIT exchangesMergedFromDisk();
}

bool AutosavedSession::saveNow(QString* error)
{
    submit();
    m_writer->waitIdle();
    applyResults();
    if (!m_unsent.isEmpty() && m_error.isEmpty()) {   // only the case when results arrived in an odd order
        submit();
        m_writer->waitIdle();
        applyResults();
    }
    return reportError(error) && m_unsent.isEmpty();
}

bool AutosavedSession::add(const Exchange& exchange, QString* error, QString* id)
{
    const QString assigned = m_session.add(exchange);
    if (id)
        *id = assigned;
    m_unsent.noteUpsert(assigned);
    submit();
    return reportError(error);
}

bool AutosavedSession::update(const Exchange& exchange, QString* error)
{
    if (!m_session.update(exchange)) {
        if (error)
            *error = QStringLiteral("no exchange with id %1").arg(exchange.id);
        return false;
    }
    m_unsent.noteUpsert(exchange.id);
    submit();
    return reportError(error);
}

bool AutosavedSession::remove(const QString& exchangeId, QString* error)
{
    if (!m_session.remove(exchangeId)) {
        if (error)
            *error = QStringLiteral("no exchange with id %1").arg(exchangeId);
        return false;
    }
    m_unsent.noteRemove(exchangeId);
    submit();
    return reportError(error);
}

bool AutosavedSession::updateStreaming(const Exchange& exchange, QString* error)
{
    if (!m_session.update(exchange)) {
        if (error)
            *error = QStringLiteral("no exchange with id %1").arg(exchange.id);
        return false;
    }
    m_unsent.noteUpsert(exchange.id);
    const qint64 since = m_sinceSubmit.isValid() ? m_sinceSubmit.elapsed() : kStreamingSaveIntervalMs;
    if (since >= kStreamingSaveIntervalMs)
        submit();
    else if (!m_streamTimer.isActive())
        m_streamTimer.start(int(kStreamingSaveIntervalMs - since));
    return reportError(error);
}

} // namespace gitvqa
