// The fake Hub's sockets, repos, faults and wire format; what each URL answers is in fake_hub_routes.cpp.
#include "fake_hub_server.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QHostAddress>
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

// Which files a transformers repo keeps in LFS (its .gitattributes: *.safetensors, *.bin, ... and big files).
bool isLfsPath(const QString& path, qsizetype size)
{
    return path.endsWith(QLatin1String(".safetensors")) || path.endsWith(QLatin1String(".bin"))
           || size >= 10 * 1024 * 1024;
}

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200: return "OK";
    case 206: return "Partial Content";
    case 302: return "Found";
    case 307: return "Temporary Redirect";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 416: return "Range Not Satisfiable";
    case 429: return "Too Many Requests";
    case 503: return "Service Unavailable";
    default: return status < 400 ? "OK" : "Error";
    }
}

} // namespace

bool FakeHubServer::Request::toCdn() const
{
    return listener == Listener::Cdn;
}

FakeHubServer::FakeHubServer(QObject* parent)
    : QObject(parent)
    , m_hub(new QTcpServer(this))
    , m_cdn(new QTcpServer(this))
    , m_proxy(new QTcpServer(this))
    , m_startMs(QDateTime::currentMSecsSinceEpoch())
{
    connect(m_hub, &QTcpServer::newConnection, this, [this] { onNewConnection(m_hub, Listener::Hub); });
    connect(m_cdn, &QTcpServer::newConnection, this, [this] { onNewConnection(m_cdn, Listener::Cdn); });
    connect(m_proxy, &QTcpServer::newConnection, this, [this] { onNewConnection(m_proxy, Listener::Proxy); });
}

FakeHubServer::~FakeHubServer() = default;

bool FakeHubServer::listen()
{
    // 127.0.0.2 is another host for the client (token rules compare hosts), and still this machine's loopback.
    return m_hub->listen(QHostAddress::LocalHost, 0) && m_cdn->listen(QHostAddress(QStringLiteral("127.0.0.2")), 0)
           && m_proxy->listen(QHostAddress::LocalHost, 0);
}

QUrl FakeHubServer::endpoint() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_hub->serverPort()));
}

QUrl FakeHubServer::proxyUrl() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_proxy->serverPort()));
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

void FakeHubServer::setGated(const QString& repoId, const QString& allowedToken)
{
    m_repos[repoId].token = allowedToken;
}

void FakeHubServer::renameRepo(const QString& oldId, const QString& newId)
{
    m_renamed.insert(oldId, newId);
}

QString FakeHubServer::commitOf(const QString& repoId) const
{
    return m_repos.value(repoId).commit;
}

QByteArray FakeHubServer::contentOf(const QString& repoId, const QString& path) const
{
    return m_repos.value(repoId).files.value(path).content;
}

QString FakeHubServer::etagOf(const QString& repoId, const QString& path) const
{
    const File f = m_repos.value(repoId).files.value(path);
    return f.sha256.isEmpty() ? f.gitOid : f.sha256;
}

void FakeHubServer::failOnce(const QString& part, int status, const QList<QPair<QByteArray, QByteArray>>& headers)
{
    m_faults.append({part, status, headers});
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
    m_faults.clear();
    m_dropOnce.clear();
    m_stallOnce.clear();
    m_corrupt.clear();
    m_ignoreRange = false;
    m_bytesPerSecond = 0;
    m_pageSize = 1000;
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

QList<FakeHubServer::Request> FakeHubServer::contentRequestsFor(const QString& repoId, const QString& path) const
{
    const File f = m_repos.value(repoId).files.value(path);
    QList<Request> found;
    for (const Request& r : m_requests) {
        const QString target = QString::fromLatin1(r.target).section(QLatin1Char('?'), 0, 0);
        const bool cache = target.startsWith(QLatin1String("/api/resolve-cache/models/") + repoId + QLatin1Char('/'))
                           && target.endsWith(QLatin1Char('/') + path);
        const bool cdn = r.toCdn() && !f.sha256.isEmpty() && target.endsWith(QLatin1Char('/') + f.sha256);
        if (cache || cdn)
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

QByteArray FakeHubServer::cdnSignature(const QString& sha256) const
{
    return QCryptographicHash::hash("fake-cdn-key:" + sha256.toLatin1(), QCryptographicHash::Sha256).toHex();
}

void FakeHubServer::onNewConnection(QTcpServer* server, Listener listener)
{
    while (QTcpSocket* socket = server->nextPendingConnection()) {
        socket->setProperty("listener", int(listener));
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
    request.listener = Listener(socket->property("listener").toInt());
    request.atMs = QDateTime::currentMSecsSinceEpoch() - m_startMs;
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
    // The Hub puts the sentence both in X-Error-Message and in a JSON body {"error": ...}.
    Response r;
    r.status = status;
    if (!code.isEmpty())
        r.headers.append(Header{"X-Error-Code", code});
    r.headers.append(Header{"X-Error-Message", message.toUtf8()});
    r.headers.append(Header{"Content-Type", "application/json; charset=utf-8"});
    r.body = "{\"error\":\"" + message.toUtf8().replace('"', "\\\"") + "\"}";
    return r;
}

void FakeHubServer::send(QTcpSocket* socket, const Response& response)
{
    QByteArray head = "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + reasonPhrase(response.status) + "\r\n";
    for (const auto& [name, value] : response.headers)
        head += name + ": " + value + "\r\n";
    head += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\nConnection: close\r\n\r\n";

    QByteArray body = response.headOnly ? QByteArray() : response.body;
    const bool drop = response.dropAfter >= 0 && response.dropAfter < body.size();
    if (drop)
        body.truncate(response.dropAfter);
    if (m_bytesPerSecond <= 0 || body.isEmpty()) {
        socket->write(head + body);
        if (!(drop && response.stall))
            socket->disconnectFromHost(); // after the buffered bytes are out; a drop is the same, just short
        return;
    }
    socket->write(head);
    auto pending = std::make_shared<QByteArray>(body);
    auto offset = std::make_shared<qint64>(0);
    const bool keepOpen = drop && response.stall;
    const qint64 perTick = qMax<qint64>(1, m_bytesPerSecond * kThrottleTickMs / 1000);
    auto* timer = new QTimer(socket);
    connect(timer, &QTimer::timeout, socket, [socket, timer, pending, offset, perTick, keepOpen] {
        if (socket->state() != QAbstractSocket::ConnectedState) {
            timer->stop();
            return;
        }
        const qint64 n = qMin(perTick, qint64(pending->size()) - *offset);
        socket->write(pending->constData() + *offset, n);
        *offset += n;
        if (*offset >= pending->size()) {
            timer->stop();
            if (!keepOpen)
                socket->disconnectFromHost();
        }
    });
    timer->start(kThrottleTickMs);
}

} // namespace gitvqa::testing
