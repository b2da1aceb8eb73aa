#pragma once
// The Hugging Face Hub's HTTP API as far as gitvqa needs it: which files a repo revision holds (with sizes and the
// SHA-256 of every LFS file), where to download each one, the files a GIT checkpoint needs, and turning an HTTP or
// network failure into a sentence that tells the user what to do next. Works against any endpoint with the Hub's
// URL layout (the Hub itself, a mirror, the tests' server on 127.0.0.1).

#include "models/hub_environment.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;
class QNetworkRequest;

namespace gitvqa {

struct HubFile {
    QString path;        // relative to the repo root, "/"-separated
    qint64 size = -1;    // bytes; -1 when the listing gave none
    QString gitOid;      // git blob SHA-1 (hex); for LFS files the pointer file's, not the content's
    QString sha256;      // LFS files: SHA-256 (hex) of the content, as published by the Hub; empty otherwise
    bool isLfs() const { return !sha256.isEmpty(); }
};

struct HubListing {
    QString repoId;
    QString revision;    // as asked ("main", a tag, a commit)
    QString commit;      // the commit it resolved to; downloads are pinned to it so files cannot mix commits
    QList<HubFile> files;
};

// "org/name" (or a legacy single name) made of letters, digits, '-', '_', '.'; no "--" or "..".
bool isValidRepoId(const QString& repoId);

// The files of `all` a GIT checkpoint needs: config.json, preprocessor_config.json, the tokenizer and optional
// settings files, and one set of weights (model.safetensors, else its index + shards, else pytorch_model.bin, else
// its index + shards). Empty with *error set when a required file is absent. config.json comes first, so a wrong
// repo is noticed before the weights are downloaded; the rest is ordered small to large.
QList<HubFile> selectCheckpointFiles(const QList<HubFile>& all, QString* error);

class HubClient : public QObject {
    Q_OBJECT
public:
    // `nam` is shared, not owned; the caller keeps it alive.
    explicit HubClient(QNetworkAccessManager* nam, QObject* parent = nullptr);
    ~HubClient() override;

    void setEndpoint(const QUrl& endpoint) { m_endpoint = endpoint; }
    QUrl endpoint() const { return m_endpoint; }
    // The token and where it came from (for messages; the token itself is never shown or logged).
    void setToken(const HubToken& token) { m_token = token; }
    const HubToken& token() const { return m_token; }
    // A transfer with no data for this long fails with a timeout (0 = never).
    void setStallTimeoutMs(int ms) { m_stallTimeoutMs = ms; }
    int stallTimeoutMs() const { return m_stallTimeoutMs; }

    QUrl revisionInfoUrl(const QString& repoId, const QString& revision) const;
    QUrl treeUrl(const QString& repoId, const QString& revision) const;
    QUrl fileUrl(const QString& repoId, const QString& revision, const QString& path) const;
    // The Hub's request: user agent, stall timeout, no automatic redirects (the caller follows them, so the token
    // is sent only to the endpoint's host and never to the CDN a download redirects to).
    QNetworkRequest makeRequest(const QUrl& url) const;
    bool isEndpointHost(const QUrl& url) const;

    // Retries after 408/429/5xx and dropped connections wait baseMs, doubling up to maxMs, unless the server asks
    // for a wait of its own (Retry-After); at most maxRetries in a row per request.
    void setRetryPolicy(int maxRetries, qint64 baseMs, qint64 maxMs);
    int maxRetries() const { return m_maxRetries; }
    // The wait before retry number `attempt` (1-based) after `reply` (null: a transfer that dropped, so no wish of
    // the server's), or -1 when none is due: the attempts are used up, or the server asks for more than
    // kHubMaxServerWaitMs. The one retry rule of the listing and of every file download.
    qint64 retryWaitMs(QNetworkReply* reply, int attempt) const;

    // One listing at a time; a new call aborts the previous one. Emits listingReady or listingFailed. Redirects
    // (relative ones too: renamed repos) are followed, and failures worth retrying are retried (hub_http.h).
    void fetchListing(const QString& repoId, const QString& revision);
    void abort();

    // A sentence for a failed reply, with the next step: sign in for 401, check the name for 404, connection...
    // `body`: what the error answer carried, when the caller read it (its {"error": ...} is quoted).
    QString describeFailure(QNetworkReply* reply, const QString& repoId, const QString& revision,
                            const QString& filePath = QString(), const QByteArray& body = QByteArray()) const;

Q_SIGNALS:
    void listingReady(const gitvqa::HubListing& listing);
    void listingFailed(const QString& message);
    // "The Hub answered 503; trying again in 2 s (attempt 1 of 5)" and the like.
    void statusChanged(const QString& status);

private:
    enum class Stage { Revision, Tree };
    void sendApi(const QUrl& url, Stage stage, int attempt, int redirects);
    void onApiReply();
    void onRevision(const QByteArray& body);
    void onTreePage(QNetworkReply* reply, const QByteArray& body);
    void fail(const QString& message);

    QNetworkAccessManager* m_nam;
    QUrl m_endpoint;
    HubToken m_token;
    int m_stallTimeoutMs = 60000;
    int m_maxRetries = 5;
    qint64 m_retryBaseMs = 1000;
    qint64 m_retryMaxMs = 8000;
    int m_treePages = 0;
    quint64 m_generation = 0; // a retry timer of an aborted listing must not fire into the next one
    QPointer<QNetworkReply> m_reply;
    HubListing m_listing;
    QStringList m_siblings;
};

} // namespace gitvqa
