#pragma once
// A stand-in for the Hugging Face Hub, built from how the real Hub answers (each behaviour cites where it was seen),
// for the downloader suites and `gitvqa download` tests. Three listeners:
//   the Hub   http://127.0.0.1:P   API, resolve and resolve-cache URLs
//   the CDN   http://127.0.0.2:Q   another host, as LFS downloads go to cdn-lfs / cas-bridge.xethub.hf.co
//   a proxy   http://127.0.0.1:R   takes absolute-form requests (RFC 9112 §3.2.2) and answers for the other two
//
// What the Hub answers (sources: huggingface_hub snapshot of Aug 2026 — file_download.py, utils/_http.py,
// utils/_pagination.py, hf_api.py, errors.py, tests/test_file_download.py; swift-transformers PR #209; the
// project's ../shared/docs/hub-protocol.md):
//   GET /api/models/REPO/revision/REV     {"id","sha","siblings":[{"rfilename"}],"gated",...}   (hf_api.model_info)
//   GET /api/models/REPO/tree/REV?recursive=true&expand=false   a page of entries, `Link: <URL>; rel="next"` while
//        more remain (utils/_pagination.py follows response.links["next"]); entries as list_repo_tree parses them
//   GET /REPO/resolve/REV/PATH
//        small files: 307 + RELATIVE Location /api/resolve-cache/models/REPO/COMMIT/PATH?%2FREPO%2Fresolve%2FREV%2F
//        PATH=&etag=%22OID%22 (swift-transformers PR #209; huggingface_hub follows relative redirects itself:
//        _httpx_follow_relative_redirects_with_backoff), with ETag and X-Repo-Commit
//        LFS files: 302 + absolute presigned URL on the CDN host, with X-Linked-Etag, X-Linked-Size, X-Repo-Commit
//        (file_download.py reads HUGGINGFACE_HEADER_X_LINKED_ETAG / _SIZE from this answer)
//   GET /api/resolve-cache/models/REPO/COMMIT/PATH   200 with the bytes, Range -> 206 / 416
//   CDN: the bytes for a presigned URL; 400 when the request also carries Authorization (S3: "Only one auth
//        mechanism allowed"), 403 when the signature is missing or wrong
//   renamed repos: every API and resolve URL of the old name answers 307 with a relative Location under the new name
//        (huggingface_hub PR #1999, test_download_regular_file_from_private_renamed_repo)
//   gated repos: 401 + X-Error-Code GatedRepo without a token; 403 + GatedRepo with a token not on the list
//        ("... is restricted and you are not in the authorized list", errors.py GatedRepoError); an invalid token:
//        401 "Invalid credentials in Authorization header" (utils/_http.py hf_raise_for_status); unknown repos:
//        401 + RepoNotFound to anonymous callers, 404 + RepoNotFound to signed-in ones (the gist cited there)
//   429 carries Retry-After and RateLimit: "api";r=0;t=N (utils/_http.py parse_ratelimit_headers)
// Faults, each once unless reset: answer a status (503, 429 + Retry-After ...) to the next request whose target
// contains a string; cut a body after N bytes; stall after N bytes; corrupt a file's bytes; ignore Range; throttle.

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QMap>
#include <QObject>
#include <QString>
#include <QUrl>

class QTcpServer;
class QTcpSocket;

namespace gitvqa::testing {

class FakeHubServer : public QObject {
    Q_OBJECT
public:
    enum class Listener { Hub, Cdn, Proxy };
    struct Request {
        Listener listener = Listener::Hub; // where it arrived
        bool viaProxy = false;
        QByteArray method;
        QByteArray target;                 // path + query (absolute-form reduced to it)
        QHash<QByteArray, QByteArray> headers; // lower-case names
        int status = 0;                    // what was answered
        qint64 atMs = 0;                   // since the server started
        bool toCdn() const;
    };

    explicit FakeHubServer(QObject* parent = nullptr);
    ~FakeHubServer() override;

    bool listen();
    QUrl endpoint() const;      // http://127.0.0.1:P
    QUrl proxyUrl() const;      // http://127.0.0.1:R
    quint16 cdnPort() const;

    void addRepoFromFolder(const QString& repoId, const QString& folder);
    void addFile(const QString& repoId, const QString& path, const QByteArray& content);
    void removeFile(const QString& repoId, const QString& path);
    // Only these tokens may read it; others get 403 GatedRepo, anonymous callers 401 GatedRepo.
    void setGated(const QString& repoId, const QString& allowedToken);
    // Requests for `oldId` answer 307 to the same URL under `newId`.
    void renameRepo(const QString& oldId, const QString& newId);
    void setTreePageSize(int entries) { m_pageSize = qMax(1, entries); }
    QString commitOf(const QString& repoId) const;
    QByteArray contentOf(const QString& repoId, const QString& path) const;
    QString etagOf(const QString& repoId, const QString& path) const; // sha256 for LFS files, git blob oid else

    // The next request whose target contains `part` gets `status` with these extra headers (once per call).
    void failOnce(const QString& part, int status, const QList<QPair<QByteArray, QByteArray>>& headers = {});
    void dropConnectionOnce(const QString& fileName, qint64 afterBytes);
    void stallOnce(const QString& fileName, qint64 afterBytes);
    void corruptFile(const QString& fileName);
    void setIgnoreRange(bool ignore) { m_ignoreRange = ignore; }
    void setBytesPerSecond(qint64 bytesPerSecond) { m_bytesPerSecond = bytesPerSecond; }
    void resetFaults();

    const QList<Request>& requests() const { return m_requests; }
    void clearRequests() { m_requests.clear(); }
    QList<Request> requestsFor(const QString& part) const;
    // The requests that delivered bytes of `path` (resolve-cache or CDN), whatever the status.
    QList<Request> contentRequestsFor(const QString& repoId, const QString& path) const;

private:
    struct File {
        QByteArray content;
        QString gitOid;
        QString sha256; // LFS files only
    };
    struct Repo {
        QMap<QString, File> files;
        QString commit;
        QString token; // non-empty: gated, readable with this token only
    };
    using Header = QPair<QByteArray, QByteArray>;
    struct Response {
        int status = 200;
        QList<Header> headers;
        QByteArray body;
        qint64 dropAfter = -1;
        bool stall = false;
        bool headOnly = false;
    };
    struct Fault {
        QString part;
        int status;
        QList<Header> headers;
    };

    void onNewConnection(QTcpServer* server, Listener listener);
    void onReadable(QTcpSocket* socket);
    Response route(Request& request);
    Response routeHub(const Request& request, const QString& path, const QString& query);
    Response apiRevision(const QString& repoId, const Repo& repo, const QString& revision);
    Response apiTree(const QString& repoId, const Repo& repo, const QString& revision, const QString& query);
    Response resolveFile(const QString& repoId, const Repo& repo, const QString& revision, const QString& path);
    Response resolveCache(const Request& request, const QString& repoId, const Repo& repo, const QString& path);
    Response cdnFile(const Request& request, const QString& path, const QString& query);
    Response serveBytes(const Request& request, const QString& path, QByteArray content, const QByteArray& etag);
    Response checkAccess(const Request& request, const QString& repoId, const Repo* repo) const;
    void send(QTcpSocket* socket, const Response& response);
    static void recomputeCommit(Repo& repo);
    static Response error(int status, const QByteArray& code, const QString& message);
    QByteArray cdnSignature(const QString& sha256) const;

    QTcpServer* m_hub;
    QTcpServer* m_cdn;
    QTcpServer* m_proxy;
    QMap<QString, Repo> m_repos;
    QMap<QString, QString> m_renamed;
    QList<Request> m_requests;
    QList<Fault> m_faults;
    QHash<QString, qint64> m_dropOnce;
    QHash<QString, qint64> m_stallOnce;
    QList<QString> m_corrupt;
    bool m_ignoreRange = false;
    qint64 m_bytesPerSecond = 0;
    int m_pageSize = 1000;
    qint64 m_startMs = 0;
};

} // namespace gitvqa::testing
