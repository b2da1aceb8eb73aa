#pragma once
// The small HTTP rules every request to the Hub follows, in one place so the listing and the file downloads
// cannot drift apart. They mirror huggingface_hub's utils/_http.py (snapshot of Aug 2026):
// - redirects are followed by hand, relative ones included: Qt's LocationHeader drops a Location without a scheme,
//   and the Hub answers small files and renamed repos with exactly that (307 to /api/resolve-cache/...);
// - 408, 429 and 5xx are retried with exponential backoff (1 s doubling to 8 s, 5 retries: _http_backoff_base),
//   waiting what `Retry-After` (seconds, or an HTTP date) or a `RateLimit: "...";r=0;t=N` header asks;
// - dropped connections are retried too (timeouts, resets, closed connections: _DEFAULT_RETRY_ON_EXCEPTIONS).

#include <QNetworkReply>
#include <QString>
#include <QUrl>

namespace gitvqa {

int httpStatus(QNetworkReply* reply);
bool isRedirectStatus(int status); // 301, 302, 303, 307, 308
// The reply's Location resolved against the URL that answered (relative or absolute); invalid when there is none.
QUrl redirectTarget(QNetworkReply* reply);

bool isRetryableStatus(int status);                         // 408, 429, 500, 502, 503, 504
bool isRetryableNetworkError(QNetworkReply::NetworkError e); // the connection failed or dropped, not a refusal

// Milliseconds the server asked to wait before the next attempt (Retry-After or RateLimit), -1 when it said nothing.
qint64 serverRetryDelayMs(QNetworkReply* reply);
// The wait before retry number `attempt` (1-based): the server's wish when it said one, else baseMs doubling per
// attempt up to maxMs.
qint64 retryDelayMs(QNetworkReply* reply, int attempt, qint64 baseMs, qint64 maxMs);

// What the server said about an error, for messages: X-Error-Message, else a short JSON {"error": ...} body, else
// the reason phrase. Empty when it said nothing useful.
QString serverErrorText(QNetworkReply* reply, const QByteArray& body = QByteArray());

// How many times one request is retried after a retryable status or a dropped connection (huggingface_hub: 5).
inline constexpr int kHubMaxRetries = 5;
// A server that asks to wait longer than this is reported instead of silently waited for.
inline constexpr qint64 kHubMaxServerWaitMs = 5 * 60 * 1000;

} // namespace gitvqa
