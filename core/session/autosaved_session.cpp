#include "session/autosaved_session.h"

namespace gitvqa {

AutosavedSession::AutosavedSession(SessionStore& store, Session session) : m_store(store), m_session(std::move(session))
{
}

AutosavedSession::~AutosavedSession()
{
    if (m_dirty)
        saveNow();
}

bool AutosavedSession::saveNow(QString* error)
{
    if (!m_store.save(m_session, error)) {
        m_dirty = true;
        return false;
    }
    m_dirty = false;
    m_sinceSave.start();
    return true;
}

bool AutosavedSession::add(const Exchange& exchange, QString* error, QString* id)
{
    const QString assigned = m_session.add(exchange);
    if (id)
        *id = assigned;
    return saveNow(error);
}

bool AutosavedSession::update(const Exchange& exchange, QString* error)
{
    if (!m_session.update(exchange)) {
        if (error)
            *error = QStringLiteral("no exchange with id %1").arg(exchange.id);
        return false;
    }
    return saveNow(error);
}

bool AutosavedSession::remove(const QString& exchangeId, QString* error)
{
    if (!m_session.remove(exchangeId)) {
        if (error)
            *error = QStringLiteral("no exchange with id %1").arg(exchangeId);
        return false;
    }
    return saveNow(error);
}

bool AutosavedSession::updateStreaming(const Exchange& exchange, QString* error)
{
    if (!m_session.update(exchange)) {
        if (error)
            *error = QStringLiteral("no exchange with id %1").arg(exchange.id);
        return false;
    }
    m_dirty = true;
    if (m_sinceSave.isValid() && m_sinceSave.elapsed() < kStreamingSaveIntervalMs)
        return true;
    return saveNow(error);
}

} // namespace gitvqa
