#include "models/hub_http.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QTimeZone>

namespace gitvqa {

int httpStatus(QNetworkReply* reply)
{
    return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
}

bool isRedirectStatus(int status)
{
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

QUrl redirectTarget(QNetworkReply* reply)
{
    // rawHeader, not header(LocationHeader): Qt 6.4 returns an invalid QVariant for "/api/resolve-cache/...".
    const QByteArray location = reply->rawHeader("Location").trimmed();
    if (location.isEmpty())
        return {};
    const QUrl target = QUrl::fromEncoded(location, QUrl::TolerantMode);
    return target.isValid() ? reply->url().resolved(target) : QUrl();
}

bool isRetryableStatus(int status)
{
    return status == 408 || status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
}

bool isRetryableNetworkError(QNetworkReply::NetworkError e)
{
    switch (e) {
    case QNetworkReply::RemoteHostClosedError:
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError: // Qt's own transfer timeout aborts the reply with this code
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::UnknownNetworkError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::ProxyTimeoutError:
    case QNetworkReply::UnknownProxyError:
        return true;
    default:
        return false;
    }
}

qint64 serverRetryDelayMs(QNetworkReply* reply)
{
    // RateLimit (IETF draft, as huggingface_hub's parse_ratelimit_headers reads it): '"api";r=0;t=55' means no
    // request left in this window, which resets in 55 s. Only r=0 makes it the reason for the 429.
    static const QRegularExpression rateLimit(QStringLiteral("r\\s*=\\s*(\\d+)\\s*;\\s*t\\s*=\\s*(\\d+)"));
    const QRegularExpressionMatch rl = rateLimit.match(QString::fromLatin1(reply->rawHeader("RateLimit")));
    if (httpStatus(reply) == 429 && rl.hasMatch() && rl.captured(1).toLongLong() == 0)
        return rl.captured(2).toLongLong() * 1000;

    const QString retryAfter = QString::fromLatin1(reply->rawHeader("Retry-After")).trimmed();
    if (retryAfter.isEmpty())
        return -1;
    bool ok = false;
    const qint64 seconds = retryAfter.toLongLong(&ok);
    if (ok)
        return seconds < 0 ? -1 : seconds * 1000;
    // RFC 9110 also allows an HTTP date ("Wed, 21 Oct 2015 07:28:00 GMT").
    QDateTime when = QLocale::c().toDateTime(retryAfter.left(25), QStringLiteral("ddd, dd MMM yyyy HH:mm:ss"));
    if (!when.isValid())
        return -1;
    when.setTimeZone(QTimeZone::utc());
    return qMax<qint64>(0, QDateTime::currentDateTimeUtc().msecsTo(when));
}

qint64 retryDelayMs(QNetworkReply* reply, int attempt, qint64 baseMs, qint64 maxMs)
{
    const qint64 asked = reply ? serverRetryDelayMs(reply) : -1;
    if (asked >= 0)
        return asked;
    qint64 delay = baseMs;
    for (int i = 1; i < attempt && delay < maxMs; ++i)
        delay *= 2;
    return qMin(delay, maxMs);
}

QString serverErrorText(QNetworkReply* reply, const QByteArray& body)
{
    const QString header = QString::fromUtf8(reply->rawHeader("X-Error-Message")).trimmed();
    if (!header.isEmpty())
        return header.left(300);
    const QJsonObject json = QJsonDocument::fromJson(body.left(64 * 1024)).object();
    const QString error = json.value(QLatin1String("error")).toString().trimmed();
    if (!error.isEmpty())
        return error.left(300);
    return reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString().trimmed();
}

} // namespace gitvqa
