#pragma once
// A stand-in for the Hugging Face Hub on 127.0.0.1, for the downloader tests. Two listeners: the "Hub" (API and
// resolve URLs) and a "CDN" on another port that LFS downloads are redirected to, like huggingface.co sending
// model.safetensors to its CDN; the token must reach the first and never the second.
//
// Routes (the Hub's layout):
//   GET /api/models/REPO/revision/REV          {"id","sha","siblings":[{"rfilename"}]}          (REV: main or sha)
//   GET /api/models/REPO/tree/REV?recursive=true  [{"type":"file","path","size","oid","lfs":{"oid","size"}}]
//   GET /REPO/resolve/REV/PATH                 small files: 200 with the bytes; LFS files: 302 to the CDN;
//                                              both with ETag, X-Repo-Commit, and X-Linked-Etag/-Size for LFS
//   GET /cdn/SHA256                            (CDN port) the LFS content; Range "bytes=N-" / "bytes=N-M" -> 206
// Errors as the Hub sends them: 404 + X-Error-Code RepoNotFound / RevisionNotFound / EntryNotFound, 401 +
// GatedRepo for a gated repo without the right token. Faults: drop the connection after N body bytes (once),
// stall after N bytes (once), corrupt a file's bytes, ignore Range (answer 200), throttle to B bytes/s. Every
// request is logged.

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
    struct Request {
        int port = 0;              // which listener
        QByteArray method;
        QByteArray target;         // path + query, as sent
        QHash<QByteArray, QByteArray> headers; // lower-case names
        int status = 0;            // what was answered
    };

    explicit FakeHubServer(QObject* parent = nullptr);
    ~FakeHubServer() override;

    bool listen();
    QUrl endpoint() const;         // http://127.0.0.1:PORT
    quint16 cdnPort() const;

    void addRepoFromFolder(const QString& repoId, const QString& folder);
    void addFile(const QString& repoId, const QString& path, const QByteArray& content);
    void removeFile(const QString& repoId, const QString& path);
    void setGated(const QString& repoId, const QString& token);
    QString commitOf(const QString& repoId) const;
    QByteArray contentOf(const QString& repoId, const QString& path) const;

    // Faults; `fileName` matches the file's path in any repo.
    void dropConnectionOnce(const QString& fileName, qint64 afterBytes);
    // Sends N body bytes, then nothing more while keeping the connection open (the client's stall timeout fires).
    void stallOnce(const QString& fileName, qint64 afterBytes);
    void corruptFile(const QString& fileName);
    void setIgnoreRange(bool ignore) { m_ignoreRange = ignore; }
    void setBytesPerSecond(qint64 bytesPerSecond) { m_bytesPerSecond = bytesPerSecond; }
    void resetFaults();

    const QList<Request>& requests() const { return m_requests; }
    void clearRequests() { m_requests.clear(); }
    // Logged requests whose target contains `part`.
    QList<Request> requestsFor(const QString& part) const;

private:
    struct File {
        QByteArray content;
        QString gitOid;
        QString sha256; // LFS files only
    };
    struct Repo {
        QMap<QString, File> files;
        QString commit;
        QString token;  // non-empty: gated
    };
    using Header = QPair<QByteArray, QByteArray>;
    struct Response {
        int status = 200;
        QList<Header> headers;
        QByteArray body;
        qint64 dropAfter = -1;
        bool stall = false; // after dropAfter bytes: keep the connection open instead of closing it
    };

    void onNewConnection(QTcpServer* server);
    void onReadable(QTcpSocket* socket);
    Response route(const Request& request);
    Response apiRevision(const QString& repoId, const Repo& repo, const QString& revision);
    Response apiTree(const QString& repoId, const Repo& repo, const QString& revision);
    Response resolveFile(const Request& request, const QString& repoId, const Repo& repo, const QString& revision,
                         const QString& path);
    Response cdnFile(const Request& request, const QString& sha256);
    Response serveBytes(const Request& request, const QString& path, QByteArray content, const QByteArray& etag);
    void send(QTcpSocket* socket, const Response& response);
    void recomputeCommit(Repo& repo);
    static Response error(int status, const QByteArray& code, const QString& message);

    QTcpServer* m_hub;
    QTcpServer* m_cdn;
    QMap<QString, Repo> m_repos;
    QList<Request> m_requests;
    QHash<QString, qint64> m_dropOnce;
    QHash<QString, qint64> m_stallOnce;
    QList<QString> m_corrupt;
    bool m_ignoreRange = false;
    qint64 m_bytesPerSecond = 0;
};

} // namespace gitvqa::testing
