#include "session/session.h"

#include <QUuid>

namespace gitvqa {

QString newUuid()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

Session::Session(const VideoFingerprint& video)
    : m_id(newUuid()), m_video(video), m_created(QDateTime::currentDateTimeUtc())
{
}

int Session::indexOf(const QString& exchangeId) const
{
    if (exchangeId.isEmpty())
        return -1;
    for (int i = 0; i < m_exchanges.size(); ++i) {
        if (m_exchanges[i].id == exchangeId)
            return i;
    }
    return -1;
}

const Exchange* Session::find(const QString& exchangeId) const
{
    const int i = indexOf(exchangeId);
    return i < 0 ? nullptr : &m_exchanges[i];
}

QString Session::add(Exchange exchange)
{
    if (exchange.id.isEmpty())
        exchange.id = newUuid();
    if (!exchange.created.isValid())
        exchange.created = QDateTime::currentDateTimeUtc();
    const int i = indexOf(exchange.id);
    if (i >= 0) {
        m_exchanges[i] = exchange;
        return exchange.id;
    }
    // In the order they were asked: a new exchange goes last, one asked earlier (a deleted exchange brought back by
    // Undo) goes back to its place, before the first one asked after it.
    int at = m_exchanges.size();
    while (at > 0 && m_exchanges[at - 1].created.isValid() && m_exchanges[at - 1].created > exchange.created)
        --at;
    m_exchanges.insert(at, exchange);
    return exchange.id;
}

bool Session::update(const Exchange& exchange)
{
    const int i = indexOf(exchange.id);
    if (i < 0)
        return false;
    m_exchanges[i] = exchange;
    return true;
}

bool Session::remove(const QString& exchangeId)
{
    const int i = indexOf(exchangeId);
    if (i < 0)
        return false;
    m_exchanges.removeAt(i);
    return true;
}

bool Session::operator==(const Session& o) const
{
    return m_id == o.m_id && m_video == o.m_video && m_created == o.m_created && m_exchanges == o.m_exchanges;
}

} // namespace gitvqa
