// What each URL of the fake Hub answers. The sources of every behaviour are listed in fake_hub_server.h.
#include "fake_hub_server.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QTcpServer>
#include <QUrlQuery>

namespace gitvqa::testing {

namespace {

QString decode(const QString& s)
{
    return QUrl::fromPercentEncoding(s.toLatin1());
}

QByteArray quoted(const QString& s)
{
    return '"' + s.toLatin1() + '"';
}

QByteArray encodePath(const QString& s)
{
    return QUrl::toPercentEncoding(s, "/");
}

} // namespace

FakeHubServer::Response FakeHubServer::route(Request& request)
{
    if (request.listener == Listener::Proxy) {
        // Absolute form: "GET http://127.0.0.1:P/api/... HTTP/1.1" is what a client sends to an HTTP proxy.
        const QUrl url(QString::fromLatin1(request.target));
        request.viaProxy = true;
        if (request.method == "CONNECT" || !url.isValid() || url.scheme() != QLatin1String("http"))
            return error(405, QByteArray(), QStringLiteral("this proxy only forwards plain http"));
        if (url.host() == QLatin1String("127.0.0.2") && url.port() == m_cdn->serverPort())
            request.listener = Listener::Cdn;
        else if (url.host() == QLatin1String("127.0.0.1") && url.port() == m_hub->serverPort())
            request.listener = Listener::Hub;
        else
            return error(502, QByteArray(), QStringLiteral("the proxy cannot reach %1").arg(url.authority()));
        request.target = url.toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority);
    }
    const QString target = QString::fromLatin1(request.target);
    for (qsizetype i = 0; i < m_faults.size(); ++i) {
        if (target.contains(m_faults[i].part)) {
            const Fault fault = m_faults.takeAt(i);
            Response r = error(fault.status, QByteArray(),
                               fault.status == 429 ? QStringLiteral("You have exceeded our rate limit.")
                                                   : QStringLiteral("The server is temporarily unavailable."));
            r.headers += fault.headers;
            return r;
        }
    }
    if (request.method != "GET" && request.method != "HEAD")
        return error(405, QByteArray(), QStringLiteral("only GET and HEAD"));
    const QString path = target.section(QLatin1Char('?'), 0, 0);
    const QString query = target.section(QLatin1Char('?'), 1);
    Response r = request.listener == Listener::Cdn ? cdnFile(request, path, query) : routeHub(request, path, query);
    r.headOnly = request.method == "HEAD";
    return r;
}

FakeHubServer::Response FakeHubServer::routeHub(const Request& request, const QString& path, const QString& query)
{
    // Renamed repos: the same URL under the new name, as a relative 307 (huggingface_hub PR #1999).
    for (auto it = m_renamed.cbegin(); it != m_renamed.cend(); ++it) {
        for (const QString& prefix : {QStringLiteral("/api/models/"), QStringLiteral("/"),
                                      QStringLiteral("/api/resolve-cache/models/")}) {
            const QString old = prefix + it.key() + QLatin1Char('/');
            if (path.startsWith(old)) {
                Response r;
                r.status = 307;
                const QByteArray location = (prefix + it.value() + QLatin1Char('/') + path.mid(old.size())).toUtf8()
                                            + (query.isEmpty() ? QByteArray() : "?" + query.toLatin1());
                r.headers = {{"Location", location}, {"Content-Type", "text/plain; charset=utf-8"}};
                r.body = "Temporary Redirect. Redirecting to " + location;
                return r;
            }
        }
    }

    QString repoId;
    QString rest;
    QString kind;
    auto matchRepo = [this](const QString& tail, QString* id, QString* remainder) {
        for (auto it = m_repos.cbegin(); it != m_repos.cend(); ++it) {
            if (tail.startsWith(it.key() + QLatin1Char('/'))) {
                *id = it.key();
                *remainder = tail.mid(it.key().size() + 1);
                return true;
            }
        }
        return false;
    };
    if (path.startsWith(QLatin1String("/api/resolve-cache/models/"))) {
        if (matchRepo(path.mid(26), &repoId, &rest))
            kind = QStringLiteral("cache");
    } else if (path.startsWith(QLatin1String("/api/models/"))) {
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
    if (kind.isEmpty() && !path.startsWith(QLatin1String("/api/resolve-cache/")))
        return error(404, QByteArray(), QStringLiteral("Sorry, we can't find the page you are looking for."));
    const auto repo = m_repos.constFind(repoId);
    const Response denied = checkAccess(request, repoId, repo == m_repos.constEnd() ? nullptr : &*repo);
    if (denied.status != 200)
        return denied;
    if (kind == QLatin1String("/revision/"))
        return apiRevision(repoId, *repo, decode(rest));
    if (kind == QLatin1String("/tree/"))
        return apiTree(repoId, *repo, decode(rest), query);
    if (kind == QLatin1String("cache"))
        return resolveCache(request, repoId, *repo, rest);
    const qsizetype slash = rest.indexOf(QLatin1Char('/'));
    return resolveFile(repoId, *repo, decode(rest.left(slash)), decode(rest.mid(slash + 1)));
}

FakeHubServer::Response FakeHubServer::checkAccess(const Request& request, const QString& repoId,
                                                   const Repo* repo) const
{
    const QByteArray auth = request.headers.value("authorization");
    const bool validToken = auth.startsWith("Bearer hf_");
    if (!auth.isEmpty() && !validToken)
        return error(401, QByteArray(), QStringLiteral("Invalid credentials in Authorization header"));
    if (!repo) {
        // Anonymous callers cannot tell a private repo from a missing one: both are 401.
        return auth.isEmpty() ? error(401, "RepoNotFound", QStringLiteral("Repository not found"))
                              : error(404, "RepoNotFound", QStringLiteral("Repository not found"));
    }
    if (!repo->token.isEmpty()) {
        if (auth.isEmpty())
            return error(401, "GatedRepo",
                         QStringLiteral("Access to model %1 is restricted. You must have access to it and be "
                                        "authenticated to access it. Please log in.").arg(repoId));
        if (auth != "Bearer " + repo->token.toUtf8())
            return error(403, "GatedRepo",
                         QStringLiteral("Access to model %1 is restricted and you are not in the authorized list. "
                                        "Visit https://huggingface.co/%1 to ask for access.").arg(repoId));
    }
    return Response{};
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
    r.headers.append(Header{"Content-Type", "application/json; charset=utf-8"});
    r.body = QJsonDocument(QJsonObject{{QStringLiteral("_id"), QStringLiteral("6400c0ffee")},
                                       {QStringLiteral("id"), repoId},
                                       {QStringLiteral("modelId"), repoId},
                                       {QStringLiteral("sha"), repo.commit},
                                       {QStringLiteral("private"), false},
                                       {QStringLiteral("disabled"), false},
                                       {QStringLiteral("gated"), gated},
                                       {QStringLiteral("library_name"), QStringLiteral("transformers")},
                                       {QStringLiteral("pipeline_tag"), QStringLiteral("visual-question-answering")},
                                       {QStringLiteral("siblings"), siblings}})
                 .toJson(QJsonDocument::Compact);
    return r;
}

FakeHubServer::Response FakeHubServer::apiTree(const QString& repoId, const Repo& repo, const QString& revision,
                                               const QString& query)
{
    if (revision != QLatin1String("main") && revision != repo.commit)
        return error(404, "RevisionNotFound", QStringLiteral("Invalid rev id: %1").arg(revision));
    // list_repo_tree's entries: folders as {"type":"directory"}, files with oid/size and, for LFS, lfs{} (+ xetHash).
    QJsonArray all;
    QSet<QString> folders;
    for (auto it = repo.files.cbegin(); it != repo.files.cend(); ++it) {
        const QString folder = it.key().section(QLatin1Char('/'), 0, -2);
        if (!folder.isEmpty() && !folders.contains(folder)) {
            folders.insert(folder);
            all.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("directory")},
                                   {QStringLiteral("oid"), QStringLiteral("0000000000000000000000000000000000000000")},
                                   {QStringLiteral("size"), 0},
                                   {QStringLiteral("path"), folder}});
        }
        QJsonObject entry{{QStringLiteral("type"), QStringLiteral("file")},
                          {QStringLiteral("oid"), it->gitOid},
                          {QStringLiteral("size"), qint64(it->content.size())},
                          {QStringLiteral("path"), it.key()}};
        if (!it->sha256.isEmpty()) {
            entry.insert(QStringLiteral("lfs"), QJsonObject{{QStringLiteral("oid"), it->sha256},
                                                            {QStringLiteral("size"), qint64(it->content.size())},
                                                            {QStringLiteral("pointerSize"), 134}});
            entry.insert(QStringLiteral("xetHash"), QString(it->sha256).replace(0, 8, QStringLiteral("0a1b2c3d")));
        }
        all.append(entry);
    }
    const int offset = QByteArray::fromBase64(QUrlQuery(query).queryItemValue(QStringLiteral("cursor")).toLatin1())
                           .toInt();
    Response r;
    r.headers.append(Header{"Content-Type", "application/json; charset=utf-8"});
    QJsonArray page;
    for (int i = offset; i < all.size() && i < offset + m_pageSize; ++i)
        page.append(all.at(i));
    if (offset + m_pageSize < all.size()) {
        // An absolute URL, as the Hub sends it; the cursor is opaque to the client.
        const QByteArray next = endpoint().toEncoded() + "/api/models/" + repoId.toUtf8() + "/tree/"
                                + QUrl::toPercentEncoding(revision) + "?recursive=true&expand=false&cursor="
                                + QByteArray::number(offset + m_pageSize).toBase64();
        r.headers.append(Header{"Link", "<" + next + ">; rel=\"next\""});
    }
    r.body = QJsonDocument(page).toJson(QJsonDocument::Compact);
    return r;
}

FakeHubServer::Response FakeHubServer::resolveFile(const QString& repoId, const Repo& repo, const QString& revision,
                                                   const QString& path)
{
    if (revision != QLatin1String("main") && revision != repo.commit)
        return error(404, "RevisionNotFound", QStringLiteral("Invalid rev id: %1").arg(revision));
    const auto file = repo.files.constFind(path);
    if (file == repo.files.constEnd())
        return error(404, "EntryNotFound", QStringLiteral("Entry not found"));
    Response r;
    r.headers = {{"X-Repo-Commit", repo.commit.toLatin1()}, {"Accept-Ranges", "bytes"}};
    QByteArray location;
    if (file->sha256.isEmpty()) {
        // Small files: a relative 307 to the resolve cache (swift-transformers PR #209 quotes this Location).
        r.status = 307;
        r.headers.append(Header{"ETag", quoted(file->gitOid)});
        location = "/api/resolve-cache/models/" + repoId.toUtf8() + "/" + repo.commit.toLatin1() + "/"
                   + encodePath(path) + "?" + QUrl::toPercentEncoding("/" + repoId + "/resolve/" + revision + "/"
                                                                       + path)
                   + "=&etag=%22" + file->gitOid.toLatin1() + "%22";
    } else {
        // LFS files: 302 to a presigned URL on the CDN's host, with the content's sha256 as X-Linked-Etag.
        r.status = 302;
        r.headers += {{"ETag", quoted(file->gitOid)},
                      {"X-Linked-Etag", quoted(file->sha256)},
                      {"X-Linked-Size", QByteArray::number(file->content.size())}};
        location = "http://127.0.0.2:" + QByteArray::number(m_cdn->serverPort()) + "/repos/"
                   + file->sha256.left(2).toLatin1() + "/" + file->sha256.mid(2, 2).toLatin1() + "/"
                   + file->sha256.toLatin1() + "?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Expires=3600"
                   + "&X-Amz-Signature=" + cdnSignature(file->sha256);
    }
    r.headers.append(Header{"Location", location});
    r.body = (r.status == 307 ? "Temporary Redirect. Redirecting to " : "Found. Redirecting to ") + location;
    return r;
}

FakeHubServer::Response FakeHubServer::resolveCache(const Request& request, const QString& repoId, const Repo& repo,
                                                    const QString& rest)
{
    Q_UNUSED(repoId);
    const QString commit = rest.section(QLatin1Char('/'), 0, 0);
    const QString path = decode(rest.section(QLatin1Char('/'), 1));
    if (commit != repo.commit)
        return error(404, "RevisionNotFound", QStringLiteral("Invalid rev id: %1").arg(commit));
    const auto file = repo.files.constFind(path);
    if (file == repo.files.constEnd() || !file->sha256.isEmpty())
        return error(404, "EntryNotFound", QStringLiteral("Entry not found"));
    Response r = serveBytes(request, path, file->content, quoted(file->gitOid));
    r.headers.append(Header{"X-Repo-Commit", repo.commit.toLatin1()});
    return r;
}

FakeHubServer::Response FakeHubServer::cdnFile(const Request& request, const QString& path, const QString& query)
{
    auto s3Error = [](int status, const QByteArray& code, const QByteArray& message) {
        Response r;
        r.status = status;
        r.headers = {{"Content-Type", "application/xml"}};
        r.body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>" + message
                 + "</Message></Error>";
        return r;
    };
    // A presigned URL carries its own authentication; S3 refuses a second one (what broke clients that forwarded
    // their Hub token to the CDN).
    if (request.headers.contains("authorization"))
        return s3Error(400, "InvalidArgument",
                       "Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query "
                       "string parameter or the Authorization header should be specified");
    const QString sha256 = path.section(QLatin1Char('/'), -1);
    if (QUrlQuery(query).queryItemValue(QStringLiteral("X-Amz-Signature")).toLatin1() != cdnSignature(sha256))
        return s3Error(403, "AccessDenied", "Request has expired or the signature does not match");
    for (const Repo& repo : std::as_const(m_repos)) {
        for (auto it = repo.files.cbegin(); it != repo.files.cend(); ++it) {
            if (it->sha256 == sha256)
                return serveBytes(request, it.key(), it->content, quoted(sha256));
        }
    }
    return s3Error(404, "NoSuchKey", "The specified key does not exist.");
}

FakeHubServer::Response FakeHubServer::serveBytes(const Request& request, const QString& path, QByteArray content,
                                                  const QByteArray& etag)
{
    if (m_corrupt.contains(path) && !content.isEmpty())
        content[content.size() / 2] = char(content[content.size() / 2] ^ 0x5a);
    Response r;
    r.headers = {{"Content-Type", "application/octet-stream"}, {"Accept-Ranges", "bytes"}, {"ETag", etag}};
    const qint64 size = content.size();
    static const QRegularExpression rangeRe(QStringLiteral("^bytes=(\\d+)-(\\d*)$"));
    const QRegularExpressionMatch m = rangeRe.match(QString::fromLatin1(request.headers.value("range")));
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
    if (const auto drop = m_dropOnce.constFind(path); drop != m_dropOnce.constEnd()) {
        r.dropAfter = *drop;
        m_dropOnce.erase(drop);
    }
    if (const auto stall = m_stallOnce.constFind(path); stall != m_stallOnce.constEnd()) {
        r.dropAfter = *stall;
        r.stall = true;
        m_stallOnce.erase(stall);
    }
    return r;
}

} // namespace gitvqa::testing
