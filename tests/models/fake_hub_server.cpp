#include "fake_hub_server.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <memory>

namespace gitvqa::testing {

namespace {

constexpr int kThrottleTickMs = 20;

QString hexDigest(QCryptographicHash::Algorithm algorithm, const QByteArray& data)
{
    return QString::fromLatin1(QCryptographicHash::hash(data, algorithm).toHex());
}

QString gitBlobOid(const QByteArray& content)
{
    return hexDigest(QCryptographicHash::Sha1,
                     "blob " + QByteArray::number(content.size()) + QByteArray(1, '\0') + content);
}

// Which files the Hub would keep in LFS (the .gitattributes rules of a transformers repo).
bool isLfsPath(const QString& path, qsizetype size)
{
    return path.endsWith(QLatin1String(".safetensors")) || path.endsWith(QLatin1String(".bin"))
           || size >= 10 * 1024 * 1024;
}

QString decode(const QString& s)
{
    return QUrl::fromPercentEncoding(s.toLatin1());
}

QByteArray quoted(const QString& s)
{
    return '"' + s.toLatin1() + '"';
}

} // namespace

FakeHubServer::FakeHubServer(QObject* parent)
    : QObject(parent)
    , m_hub(new QTcpServer(this))
    , m_cdn(new QTcpServer(this))
{
    connect(m_hub, &QTcpServer::newConnection, this, [this] { onNewConnection(m_hub); });
    connect(m_cdn, &QTcpServer::newConnection, this, [this] { onNewConnection(m_cdn); });
}

FakeHubServer::~FakeHubServer() = default;

bool FakeHubServer::listen()
{
    return m_hub->listen(QHostAddress::LocalHost, 0) && m_cdn->listen(QHostAddress::LocalHost, 0);
}

QUrl FakeHubServer::endpoint() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_hub->serverPort()));
}

quint16 FakeHubServer::cdnPort() const
{
    return m_cdn->serverPort();
}

void FakeHubServer::addRepoFromFolder(const QString& repoId, const QString& folder)
{
    const QDir dir(folder);
    for (const QString& name : dir.entryList(QDir::Files, QDir::Name)) {
        QFile f(dir.filePath(name));
        if (f.open(QIODevice::ReadOnly))
            addFile(repoId, name, f.readAll());
    }
}

void FakeHubServer::addFile(const QString& repoId, const QString& path, const QByteArray& content)
{
    Repo& repo = m_repos[repoId];
    File file;
    file.content = content;
    if (isLfsPath(path, content.size())) {
        file.sha256 = hexDigest(QCryptographicHash::Sha256, content);
        // For LFS files the tree's "oid" is the git id of the pointer file, as on the Hub.
        const QByteArray pointer = "version https://git-lfs.github.com/spec/v1\noid sha256:" + file.sha256.toLatin1()
                                   + "\nsize " + QByteArray::number(content.size()) + "\n";
        file.gitOid = gitBlobOid(pointer);
    } else {
        file.gitOid = gitBlobOid(content);
    }
    repo.files.insert(path, file);
    recomputeCommit(repo);
}

void FakeHubServer::removeFile(const QString& repoId, const QString& path)
{
    m_repos[repoId].files.remove(path);
    recomputeCommit(m_repos[repoId]);
}

void FakeHubServer::setGated(const QString& repoId, const QString& token)
{
    m_repos[repoId].token = token;
}

QString FakeHubServer::commitOf(const QString& repoId) const
{
    return m_repos.value(repoId).commit;
}

QByteArray FakeHubServer::contentOf(const QString& repoId, const QString& path) const
{
    return m_repos.value(repoId).files.value(path).content;
}

void FakeHubServer::dropConnectionOnce(const QString& fileName, qint64 afterBytes)
{
    m_dropOnce.insert(fileName, afterBytes);
}

void FakeHubServer::stallOnce(const QString& fileName, qint64 afterBytes)
{
    m_stallOnce.insert(fileName, afterBytes);
}

void FakeHubServer::corruptFile(const QString& fileName)
{
    m_corrupt.append(fileName);
}

void FakeHubServer::resetFaults()
{
    m_dropOnce.clear();
    m_stallOnce.clear();
    m_corrupt.clear();
    m_ignoreRange = false;
    m_bytesPerSecond = 0;
}

QList<FakeHubServer::Request> FakeHubServer::requestsFor(const QString& part) const
{
    QList<Request> found;
    for (const Request& r : m_requests) {
        if (QString::fromLatin1(r.target).contains(part))
            found.append(r);
    }
    return found;
}

void FakeHubServer::recomputeCommit(Repo& repo)
{
    QByteArray tree;
    for (auto it = repo.files.cbegin(); it != repo.files.cend(); ++it)
        tree += it.key().toUtf8() + '\0' + it->gitOid.toLatin1() + '\n';
    repo.commit = hexDigest(QCryptographicHash::Sha1, "commit " + tree);
}

void FakeHubServer::onNewConnection(QTcpServer* server)
{
    while (QTcpSocket* socket = server->nextPendingConnection()) {
        socket->setProperty("port", server->serverPort());
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadable(socket); });
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    }
}

void FakeHubServer::onReadable(QTcpSocket* socket)
{
    // One request per connection (every answer says Connection: close), so no pipelining to untangle.
    if (socket->property("answered").toBool())
        return;
    QByteArray buffer = socket->property("buffer").toByteArray() + socket->readAll();
    socket->setProperty("buffer", buffer);
    const qsizetype end = buffer.indexOf("\r\n\r\n");
    if (end < 0)
        return;
    socket->setProperty("answered", true);

    Request request;
    request.port = socket->property("port").toInt();
    const QList<QByteArray> lines = buffer.left(end).split('\n');
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    request.method = requestLine.value(0);
    request.target = requestLine.value(1);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines[i].indexOf(':');
        if (colon > 0)
            request.headers.insert(lines[i].left(colon).trimmed().toLower(), lines[i].mid(colon + 1).trimmed());
    }
    const Response response = route(request);
    request.status = response.status;
    m_requests.append(request);
    send(socket, response);
}

FakeHubServer::Response FakeHubServer::error(int status, const QByteArray& code, const QString& message)
{
    Response r;
    r.status = status;
    if (!code.isEmpty())
        r.headers.append(Header{"X-Error-Code", code});
    r.headers.append(Header{"Content-Type", "application/json"});
    r.body = QJsonDocument(QJsonObject{{QStringLiteral("error"), message}}).toJson(QJsonDocument::Compact);
    return r;
}

FakeHubServer::Response FakeHubServer::route(const Request& request)
{
    const QString target = QString::fromLatin1(request.target);
    const QString path = target.section(QLatin1Char('?'), 0, 0);
    if (request.method != "GET")
        return error(405, QByteArray(), QStringLiteral("only GET"));
    if (request.port == m_cdn->serverPort()) {
        if (!path.startsWith(QLatin1String("/cdn/")))
            return error(404, QByteArray(), QStringLiteral("no such CDN object"));
        return cdnFile(request, path.mid(5));
    }

    QString repoId;
    QString rest;
    QString kind;
    if (path.startsWith(QLatin1String("/api/models/"))) {
        const QString tail = path.mid(12);
        for (const char* k : {"/revision/", "/tree/"}) {
            const qsizetype at = tail.indexOf(QLatin1String(k));
            if (at > 0) {
                repoId = tail.left(at);
                rest = tail.mid(at + qsizetype(qstrlen(k)));
                kind = QString::fromLatin1(k);
                break;
            }
        }
    } else {
        const qsizetype at = path.indexOf(QLatin1String("/resolve/"));
        if (at > 1) {
            repoId = path.mid(1, at - 1);
            rest = path.mid(at + 9);
            kind = QStringLiteral("/resolve/");
        }
    }
    if (kind.isEmpty())
        return error(404, QByteArray(), QStringLiteral("unknown route"));
    const auto repo = m_repos.constFind(repoId);
    if (repo == m_repos.constEnd())
        return error(404, "RepoNotFound", QStringLiteral("Repository not found"));
    if (!repo->token.isEmpty()) {
        const QByteArray auth = request.headers.value("authorization");
        if (auth.isEmpty())
            return error(401, "GatedRepo",
                         QStringLiteral("Access to model %1 is restricted. You must be authenticated.").arg(repoId));
        if (auth != "Bearer " + repo->token.toUtf8())
            return error(401, QByteArray(), QStringLiteral("Invalid credentials in Authorization header"));
    }
    if (kind == QLatin1String("/revision/"))
        return apiRevision(repoId, *repo, decode(rest));
    if (kind == QLatin1String("/tree/"))
        return apiTree(repoId, *repo, decode(rest));
    const qsizetype slash = rest.indexOf(QLatin1Char('/'));
    return resolveFile(request, repoId, *repo, decode(rest.left(slash)), decode(rest.mid(slash + 1)));
}

FakeHubServer::Response FakeHubServer::apiRevision(const QString& repoId, const Repo& repo, const QString& revision)
{
    if (revision != QLatin1String("main") && revision != repo.commit)
        return error(404, "RevisionNotFound", QStringLiteral("Invalid rev id: %1").arg(revision));
    QJsonArray siblings;
    for (auto it = repo.files.cbegin(); it != repo.files.cend(); ++it)
        siblings.append(QJsonObject{{QStringLiteral("rfilename"), it.key()}});
    const QJsonValue gated = repo.token.isEmpty() ? QJsonValue(false) : QJsonValue(QStringLiteral("manual"));
    Response r;
    r.headers.append(Header{"Content-Type", "application/json"});
    r.body = QJsonDocument(QJsonObject{{QStringLiteral("id"), repoId},
                                       {QStringLiteral("modelId"), repoId},
                                       {QStringLiteral("sha"), repo.commit},
                                       {QStringLiteral("private"), false},
                                       {QStringLiteral("gated"), gated},
                                       {QStringLiteral("siblings"), siblings}})
                 .toJson(QJsonDocument::Compact);
    return r;
}

FakeHubServer::Response FakeHubServer::apiTree(const QString&, const Repo& repo, const QString& revision)
{
    if (revision != QLatin1String("main") && revision != repo.commit)
        return error(404, "RevisionNotFound", QStringLiteral("Invalid rev id: %1").arg(revision));
    QJsonArray entries;
    for (auto it = repo.files.cbegin(); it != repo.files.cend(); ++it) {
        QJsonObject entry{{QStringLiteral("type"), QStringLiteral("file")},
                          {QStringLiteral("path"), it.key()},
                          {QStringLiteral("size"), qint64(it->content.size())},
                          {QStringLiteral("oid"), it->gitOid}};
        if (!it->sha256.isEmpty())
            entry.insert(QStringLiteral("lfs"), QJsonObject{{QStringLiteral("oid"), it->sha256},
                                                            {QStringLiteral("size"), qint64(it->content.size())},
                                                            {QStringLiteral("pointerSize"), 134}});
        entries.append(entry);
    }
    Response r;
    r.headers.append(Header{"Content-Type", "application/json"});
    r.body = QJsonDocument(entries).toJson(QJsonDocument::Compact);
    return r;
}

FakeHubServer::Response FakeHubServer::resolveFile(const Request& request, const QString& repoId, const Repo& repo,
                                                   const QString& revision, const QString& path)
{
    if (revision != QLatin1String("main") && revision != repo.commit)
        return error(404, "RevisionNotFound", QStringLiteral("Invalid rev id: %1").arg(revision));
    const auto file = repo.files.constFind(path);
    if (file == repo.files.constEnd())
        return error(404, "EntryNotFound", QStringLiteral("%1 does not exist in %2").arg(path, repoId));
    if (file->sha256.isEmpty()) {
        // Small files come straight from the Hub, as on huggingface.co.
        Response r = serveBytes(request, path, file->content, quoted(file->gitOid));
        r.headers.append(Header{"X-Repo-Commit", repo.commit.toLatin1()});
        return r;
    }
    Response r;
    r.status = 302;
    const QByteArray location =
        "http://127.0.0.1:" + QByteArray::number(m_cdn->serverPort()) + "/cdn/" + file->sha256.toLatin1();
    r.headers = {{"Location", location},
                 {"ETag", quoted(file->gitOid)},
                 {"X-Linked-Etag", quoted(file->sha256)},
                 {"X-Linked-Size", QByteArray::number(file->content.size())},
                 {"X-Repo-Commit", repo.commit.toLatin1()}};
    r.body = "Found. Redirecting to " + location;
    return r;
}

FakeHubServer::Response FakeHubServer::cdnFile(const Request& request, const QString& sha256)
{
    for (const Repo& repo : std::as_const(m_repos)) {
        for (auto it = repo.files.cbegin(); it != repo.files.cend(); ++it) {
            if (it->sha256 == sha256)
                return serveBytes(request, it.key(), it->content, quoted(sha256));
        }
    }
    return error(404, QByteArray(), QStringLiteral("no such object"));
}

FakeHubServer::Response FakeHubServer::serveBytes(const Request& request, const QString& path, QByteArray content,
                                                  const QByteArray& etag)
{
    if (m_corrupt.contains(path) && !content.isEmpty())
        content[content.size() / 2] = char(content[content.size() / 2] ^ 0x5a);
    Response r;
    r.headers = {{"Content-Type", "application/octet-stream"}, {"Accept-Ranges", "bytes"}, {"ETag", etag}};
    const qint64 size = content.size();
    const QByteArray range = request.headers.value("range");
    static const QRegularExpression rangeRe(QStringLiteral("^bytes=(\\d+)-(\\d*)$"));
    const QRegularExpressionMatch m = rangeRe.match(QString::fromLatin1(range));
    if (m.hasMatch() && !m_ignoreRange) {
        const qint64 first = m.captured(1).toLongLong();
        const qint64 last = m.captured(2).isEmpty() ? size - 1 : qMin(size - 1, m.captured(2).toLongLong());
        if (first >= size) {
            r.status = 416;
            r.headers.append(Header{"Content-Range", "bytes */" + QByteArray::number(size)});
            return r;
        }
        r.status = 206;
        r.headers.append(Header{"Content-Range", "bytes " + QByteArray::number(first) + '-'
                                                     + QByteArray::number(last) + '/' + QByteArray::number(size)});
        r.body = content.mid(first, last - first + 1);
    } else {
        r.body = content;
    }
    const auto drop = m_dropOnce.constFind(path);
    if (drop != m_dropOnce.constEnd()) {
        r.dropAfter = *drop;
        m_dropOnce.erase(drop);
    }
    const auto stall = m_stallOnce.constFind(path);
    if (stall != m_stallOnce.constEnd()) {
        r.dropAfter = *stall;
        r.stall = true;
        m_stallOnce.erase(stall);
    }
    return r;
}

void FakeHubServer::send(QTcpSocket* socket, const Response& response)
{
    QByteArray head = "HTTP/1.1 " + QByteArray::number(response.status) + ' '
                      + (response.status < 300 ? "OK" : response.status < 400 ? "Found" : "Error") + "\r\n";
    for (const auto& [name, value] : response.headers)
        head += name + ": " + value + "\r\n";
    head += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\nConnection: close\r\n\r\n";

    QByteArray body = response.body;
    const bool drop = response.dropAfter >= 0 && response.dropAfter < body.size();
    if (drop)
        body.truncate(response.dropAfter);
    if (m_bytesPerSecond <= 0) {
        socket->write(head + body);
        if (!(drop && response.stall))
            socket->disconnectFromHost(); // after the buffered bytes are out; a drop is the same, just short
        return;
    }
    socket->write(head);
    auto pending = std::make_shared<QByteArray>(body);
    auto offset = std::make_shared<qint64>(0);
    const qint64 perTick = qMax<qint64>(1, m_bytesPerSecond * kThrottleTickMs / 1000);
    auto* timer = new QTimer(socket);
    connect(timer, &QTimer::timeout, socket, [socket, timer, pending, offset, perTick] {
        if (socket->state() != QAbstractSocket::ConnectedState) {
            timer->stop();
            return;
        }
        const qint64 n = qMin(perTick, qint64(pending->size()) - *offset);
        socket->write(pending->constData() + *offset, n);
        *offset += n;
        if (*offset >= pending->size()) {
            timer->stop();
            socket->disconnectFromHost();
        }
    });
    timer->start(kThrottleTickMs);
}

} // namespace gitvqa::testing
