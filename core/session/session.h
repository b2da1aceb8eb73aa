#pragma once
// The transcript of one video: its fingerprint and its exchanges in the order they were asked. A plain value;
// SessionStore puts it on disk and AutosavedSession saves it after every change.

#include "session/exchange.h"
#include "session/video_fingerprint.h"

#include <QDateTime>
#include <QString>
#include <QVector>

namespace gitvqa {

class Session {
public:
    Session() = default;
    // A new, empty session for `video`: fresh id, created now.
    explicit Session(const VideoFingerprint& video);

    const QString& id() const { return m_id; }
    void setId(const QString& id) { m_id = id; }
    const VideoFingerprint& video() const { return m_video; }
    void setVideo(const VideoFingerprint& video) { m_video = video; }
    const QDateTime& created() const { return m_created; }
    void setCreated(const QDateTime& created) { m_created = created; }

    const QVector<Exchange>& exchanges() const { return m_exchanges; }
    bool isEmpty() const { return m_exchanges.isEmpty(); }
    const Exchange* find(const QString& exchangeId) const;
    // As read from a file: no ids or times are filled in.
    void setExchanges(const QVector<Exchange>& exchanges) { m_exchanges = exchanges; }

    // Adds the exchange, giving it a new id when it has none and `created` = now when that is invalid; returns its
    // id. It goes after every exchange asked before it (so a new one is appended and an undone delete returns to its
    // place). An exchange whose id is already here replaces that one instead (in place), so adding is idempotent.
    QString add(Exchange exchange);
    // Replaces the exchange with the same id; false when there is none.
    bool update(const Exchange& exchange);
    // False when there is no exchange with that id.
    bool remove(const QString& exchangeId);

    bool operator==(const Session& o) const;
    bool operator!=(const Session& o) const { return !(*this == o); }

private:
    int indexOf(const QString& exchangeId) const;

    QString m_id;
    VideoFingerprint m_video;
    QDateTime m_created;
    QVector<Exchange> m_exchanges;
};

// A new session or exchange id: a random QUuid without braces.
QString newUuid();

} // namespace gitvqa
