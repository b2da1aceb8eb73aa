#include "models/hub_client.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>

namespace gitvqa {

namespace {

constexpr int kMaxApiRedirects = 5;
// The Hub paginates tree listings; a GIT repo has a dozen files, so a runaway cursor means a broken server.
constexpr int kMaxTreePages = 50;

QString envString(const char* name)
{
    return QString::fromLocal8Bit(qgetenv(name)).trimmed();
}

QByteArray encodeSegment(const QString& s, const QByteArray& keep = QByteArray())
{
    return QUrl::toPercentEncoding(s, keep);
}

int httpStatus(QNetworkReply* reply)
{
    return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
}

bool isRedirect(int status)
{
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

QUrl nextPageUrl(QNetworkReply* reply)
{
    // Link: <https://huggingface.co/api/models/x/tree/main?recursive=true&cursor=...>; rel="next"
    static const QRegularExpression next(QStringLiteral("<([^>]+)>\\s*;\\s*rel=\"?next\"?"));
    const QRegularExpressionMatch m = next.match(QString::fromLatin1(reply->rawHeader("Link")));
    return m.hasMatch() ? reply->url().resolved(QUrl(m.captured(1))) : QUrl();
}

bool isShardOf(const QString& name, const QString& stem, const QString& extension)
{
    const QRegularExpression shard(QStringLiteral("^%1-\\d+-of-\\d+\\.%2$")
                                       .arg(QRegularExpression::escape(stem), QRegularExpression::escape(extension)));
    return shard.match(name).hasMatch();
}

} // namespace

bool isValidRepoId(const QString& repoId)
{
    static const QRegularExpression valid(
        QStringLiteral("^(?:[A-Za-z0-9][A-Za-z0-9._-]{0,95}/)?[A-Za-z0-9][A-Za-z0-9._-]{0,95}$"));
    return valid.match(repoId).hasMatch() && !repoId.contains(QLatin1String("--"))
           && !repoId.contains(QLatin1String("..")) && !repoId.endsWith(QLatin1Char('.'));
}

QUrl hubEndpointFromEnvironment()
{
    const QString env = envString("HF_ENDPOINT");
    return QUrl(env.isEmpty() ? QStringLiteral("https://huggingface.co") : env);
}

QString hubTokenFromEnvironment()
{
    for (const char* name : {"HF_TOKEN", "HUGGING_FACE_HUB_TOKEN"}) {
        const QString token = envString(name);
        if (!token.isEmpty())
            return token;
    }
    QString path = envString("HF_TOKEN_PATH");
    if (path.isEmpty()) {
        const QString home = envString("HF_HOME");
        path = home.isEmpty() ? QDir::homePath() + QStringLiteral("/.cache/huggingface/token")
                              : home + QStringLiteral("/token");
    }
    QFile file(path);
    if (file.open(QIODevice::ReadOnly))
        return QString::fromUtf8(file.read(4096)).trimmed();
    return {};
}

QList<HubFile> selectCheckpointFiles(const QList<HubFile>& all, QString* error)
{
    auto find = [&all](const QString& name) -> const HubFile* {
        for (const HubFile& f : all) {
            if (f.path == name)
                return &f;
        }
        return nullptr;
    };
    auto shards = [&all](const QString& stem, const QString& extension) {
        QList<HubFile> list;
        for (const HubFile& f : all) {
            if (isShardOf(f.path, stem, extension))
                list.append(f);
        }
        return list;
    };

    QList<HubFile> selected;
    QStringList absent;
    const HubFile* config = find(QStringLiteral("config.json"));
    if (!config)
        absent.append(QStringLiteral("config.json"));
    const HubFile* preprocessor = find(QStringLiteral("preprocessor_config.json"));
    if (!preprocessor)
        absent.append(QStringLiteral("preprocessor_config.json"));
    if (!find(QStringLiteral("vocab.txt")) && !find(QStringLiteral("tokenizer.json")))
        absent.append(QStringLiteral("a tokenizer (vocab.txt or tokenizer.json)"));

    // Weights in the engine's order of preference; never two formats (pytorch_model.bin would double the download).
    QList<HubFile> weights;
    if (const HubFile* f = find(QStringLiteral("model.safetensors"))) {
        weights = {*f};
    } else if (const HubFile* index = find(QStringLiteral("model.safetensors.index.json"));
               index && !shards(QStringLiteral("model"), QStringLiteral("safetensors")).isEmpty()) {
        weights = QList<HubFile>{*index} + shards(QStringLiteral("model"), QStringLiteral("safetensors"));
    } else if (const HubFile* bin = find(QStringLiteral("pytorch_model.bin"))) {
        weights = {*bin};
    } else if (const HubFile* binIndex = find(QStringLiteral("pytorch_model.bin.index.json"));
               binIndex && !shards(QStringLiteral("pytorch_model"), QStringLiteral("bin")).isEmpty()) {
        weights = QList<HubFile>{*binIndex} + shards(QStringLiteral("pytorch_model"), QStringLiteral("bin"));
    } else {
        absent.append(QStringLiteral("model weights (model.safetensors or pytorch_model.bin)"));
    }

    if (!absent.isEmpty()) {
        *error = QStringLiteral("This repository is not a complete GIT checkpoint: it has no %1.")
                     .arg(absent.join(QStringLiteral(", no ")));
        return {};
    }
    error->clear();
    selected.append(*config);
    QList<HubFile> small;
    for (const char* name : {"generation_config.json", "preprocessor_config.json", "tokenizer_config.json",
                             "special_tokens_map.json", "vocab.txt", "tokenizer.json"}) {
        if (const HubFile* f = find(QString::fromLatin1(name)))
            small.append(*f);
    }
    std::stable_sort(small.begin(), small.end(), [](const HubFile& a, const HubFile& b) { return a.size < b.size; });
    return selected + small + weights;
}

HubClient::HubClient(QNetworkAccessManager* nam, QObject* parent)
    : QObject(parent)
    , m_nam(nam)
    , m_endpoint(hubEndpointFromEnvironment())
    , m_token(hubTokenFromEnvironment())
{
}

HubClient::~HubClient()
{
    abort();
}

QUrl HubClient::revisionInfoUrl(const QString& repoId, const QString& revision) const
{
    QString base = m_endpoint.toString(QUrl::FullyEncoded | QUrl::StripTrailingSlash);
    return QUrl::fromEncoded(base.toUtf8() + "/api/models/" + repoId.toUtf8() + "/revision/" + encodeSegment(revision));
}

QUrl HubClient::treeUrl(const QString& repoId, const QString& revision) const
{
    QString base = m_endpoint.toString(QUrl::FullyEncoded | QUrl::StripTrailingSlash);
    return QUrl::fromEncoded(base.toUtf8() + "/api/models/" + repoId.toUtf8() + "/tree/" + encodeSegment(revision)
                             + "?recursive=true");
}

QUrl HubClient::fileUrl(const QString& repoId, const QString& revision, const QString& path) const
{
    QString base = m_endpoint.toString(QUrl::FullyEncoded | QUrl::StripTrailingSlash);
    return QUrl::fromEncoded(base.toUtf8() + "/" + repoId.toUtf8() + "/resolve/" + encodeSegment(revision) + "/"
                             + encodeSegment(path, "/"));
}

bool HubClient::isEndpointHost(const QUrl& url) const
{
    return url.scheme() == m_endpoint.scheme() && url.host().compare(m_endpoint.host(), Qt::CaseInsensitive) == 0
           && url.port(url.scheme() == QLatin1String("https") ? 443 : 80)
                  == m_endpoint.port(m_endpoint.scheme() == QLatin1String("https") ? 443 : 80);
}

QNetworkRequest HubClient::makeRequest(const QUrl& url) const
{
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArrayLiteral("gitvqa/0.1 (Qt QNetworkAccessManager)"));
    if (m_stallTimeoutMs > 0)
        request.setTransferTimeout(m_stallTimeoutMs);
    if (!m_token.isEmpty() && isEndpointHost(url))
        request.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
    return request;
}

void HubClient::fetchListing(const QString& repoId, const QString& revision)
{
    abort();
    m_listing = HubListing{};
    m_listing.repoId = repoId;
    m_listing.revision = revision;
    m_siblings.clear();
    if (!isValidRepoId(repoId)) {
        // Queued, so a caller that connects after calling still hears about it.
        QMetaObject::invokeMethod(
            this, [this, repoId] { fail(QStringLiteral("\"%1\" is not a model name: expected ORGANISATION/NAME, for "
                                                       "example microsoft/git-base-msrvtt-qa.").arg(repoId)); },
            Qt::QueuedConnection);
        return;
    }
    m_reply = m_nam->get(makeRequest(revisionInfoUrl(repoId, revision)));
    m_reply->setProperty("redirects", 0);
    connect(m_reply, &QNetworkReply::finished, this, &HubClient::onRevisionReply);
}

void HubClient::abort()
{
    if (m_reply) {
        QNetworkReply* reply = m_reply;
        m_reply = nullptr;
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
}

void HubClient::fail(const QString& message)
{
    Q_EMIT listingFailed(message);
}

void HubClient::onRevisionReply()
{
    QNetworkReply* reply = m_reply;
    m_reply = nullptr;
    reply->deleteLater();
    const int status = httpStatus(reply);
    if (isRedirect(status) && reply->property("redirects").toInt() < kMaxApiRedirects) {
        // Renamed repos answer 307 with a relative Location.
        const QUrl target = reply->url().resolved(reply->header(QNetworkRequest::LocationHeader).toUrl());
        m_reply = m_nam->get(makeRequest(target));
        m_reply->setProperty("redirects", reply->property("redirects").toInt() + 1);
        connect(m_reply, &QNetworkReply::finished, this, &HubClient::onRevisionReply);
        return;
    }
    if (reply->error() != QNetworkReply::NoError || status != 200)
        return fail(describeFailure(reply, m_listing.repoId, m_listing.revision));

    const QJsonDocument doc = QJsonDocument::fromJson(reply->readAll());
    const QJsonObject info = doc.object();
    m_listing.commit = info.value(QLatin1String("sha")).toString();
    for (const QJsonValue& s : info.value(QLatin1String("siblings")).toArray())
        m_siblings.append(s.toObject().value(QLatin1String("rfilename")).toString());
    if (!doc.isObject() || m_listing.commit.isEmpty()) {
        return fail(QStringLiteral("The answer from %1 about %2 could not be read (no commit in it). A proxy or "
                                   "captive portal may be in the way, or HF_ENDPOINT does not point at a Hugging "
                                   "Face Hub.")
                        .arg(m_endpoint.host(), m_listing.repoId));
    }
    // Sizes and SHA-256s come from the tree of that exact commit, so listing and downloads agree.
    requestTreePage(treeUrl(m_listing.repoId, m_listing.commit));
}

void HubClient::requestTreePage(const QUrl& url)
{
    m_reply = m_nam->get(makeRequest(url));
    connect(m_reply, &QNetworkReply::finished, this, &HubClient::onTreeReply);
}

void HubClient::onTreeReply()
{
    QNetworkReply* reply = m_reply;
    m_reply = nullptr;
    reply->deleteLater();
    if (reply->error() != QNetworkReply::NoError || httpStatus(reply) != 200)
        return fail(describeFailure(reply, m_listing.repoId, m_listing.revision));

    const QJsonDocument doc = QJsonDocument::fromJson(reply->readAll());
    if (!doc.isArray()) {
        return fail(QStringLiteral("The file list of %1 from %2 could not be read (not a JSON list). A proxy or "
                                   "captive portal may be in the way.")
                        .arg(m_listing.repoId, m_endpoint.host()));
    }
    for (const QJsonValue& v : doc.array()) {
        const QJsonObject entry = v.toObject();
        if (entry.value(QLatin1String("type")).toString() != QLatin1String("file"))
            continue;
        HubFile file;
        file.path = entry.value(QLatin1String("path")).toString();
        file.size = entry.value(QLatin1String("size")).toInteger(-1);
        file.gitOid = entry.value(QLatin1String("oid")).toString();
        const QJsonObject lfs = entry.value(QLatin1String("lfs")).toObject();
        if (!lfs.isEmpty()) {
            file.sha256 = lfs.value(QLatin1String("oid")).toString().toLower();
            file.size = lfs.value(QLatin1String("size")).toInteger(file.size);
        }
        if (!file.path.isEmpty())
            m_listing.files.append(file);
    }
    const QUrl next = nextPageUrl(reply);
    if (next.isValid() && reply->property("page").toInt() < kMaxTreePages) {
        requestTreePage(next);
        m_reply->setProperty("page", reply->property("page").toInt() + 1);
        return;
    }
    // Files the revision lists but the tree omitted still count (with unknown size), so selection sees them.
    for (const QString& name : std::as_const(m_siblings)) {
        const bool known = std::any_of(m_listing.files.cbegin(), m_listing.files.cend(),
                                       [&name](const HubFile& f) { return f.path == name; });
        if (!known)
            m_listing.files.append(HubFile{name, -1, QString(), QString()});
    }
    Q_EMIT listingReady(m_listing);
}

QString HubClient::describeFailure(QNetworkReply* reply, const QString& repoId, const QString& revision,
                                   const QString& filePath) const
{
    const int status = httpStatus(reply);
    const QByteArray code = reply->rawHeader("X-Error-Code");
    const QString host = reply->url().host();
    const QString page = m_endpoint.toString(QUrl::StripTrailingSlash) + QLatin1Char('/') + repoId;
    const bool tokenSent = reply->request().hasRawHeader("Authorization");
    const QString tokenPage = QStringLiteral("https://huggingface.co/settings/tokens");

    if (status == 404 || code == "RepoNotFound" || code == "RevisionNotFound" || code == "EntryNotFound") {
        if (code == "RevisionNotFound")
            return QStringLiteral("%1 has no revision \"%2\" (HTTP %3). Use \"main\" or a branch, tag or commit that "
                                  "exists.").arg(repoId, revision).arg(status);
        if (code == "EntryNotFound" || !filePath.isEmpty())
            return QStringLiteral("%1 is listed in %2 but the Hub cannot deliver it (HTTP %3). Try again later.")
                .arg(filePath, repoId).arg(status);
        const QString atRevision =
            revision == QLatin1String("main") ? QString() : QStringLiteral(" at revision \"%1\"").arg(revision);
        QString message = QStringLiteral("There is no model %1%2 on %3 (HTTP %4). Check the spelling, for example "
                                         "microsoft/git-base-msrvtt-qa.")
                              .arg(repoId, atRevision, m_endpoint.host())
                              .arg(status);
        if (status == 401 && !tokenSent)
            message += QStringLiteral(" If it is a private model, set HF_TOKEN to an access token from %1.")
                           .arg(tokenPage);
        return message;
    }
    if (status == 401) {
        if (tokenSent)
            return QStringLiteral("The Hub did not accept your access token for %1 (HTTP 401). Check HF_TOKEN (or the "
                                  "token in the settings): create a new one at %2.").arg(repoId, tokenPage);
        return QStringLiteral("%1 needs a Hugging Face account: it is gated or private (HTTP 401). Accept its terms on "
                              "%2, create an access token at %3 and set HF_TOKEN (or enter it in the settings), then "
                              "try again.").arg(repoId, page, tokenPage);
    }
    if (status == 403) {
        if (!tokenSent)
            return QStringLiteral("%1 refuses anonymous downloads (HTTP 403). Accept its terms on %2, set HF_TOKEN to "
                                  "an access token from %3, then try again.").arg(repoId, page, tokenPage);
        return QStringLiteral("Your access token may not download %1 (HTTP 403): access to this gated model was not "
                              "granted yet, or the token lacks read permission. Request access on %2 and use a token "
                              "with read access.").arg(repoId, page);
    }
    if (status == 429)
        return QStringLiteral("The Hub is limiting requests from this address (HTTP 429). Wait a few minutes and try "
                              "again; signing in with HF_TOKEN raises the limit.");
    if (status >= 500)
        return QStringLiteral("The Hub server %1 had an error (HTTP %2 %3). Try again later.")
            .arg(host).arg(status)
            .arg(reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString());
    if (status >= 400)
        return QStringLiteral("The Hub answered HTTP %1 %2 for %3.")
            .arg(status)
            .arg(reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString(),
                 reply->url().toString(QUrl::RemoveQuery));

    const QString mirrorHint = QStringLiteral("To use a mirror, set HF_ENDPOINT.");
    switch (reply->error()) {
    case QNetworkReply::HostNotFoundError:
        return QStringLiteral("Cannot find the server %1: this computer seems to be offline, or the name is wrong. "
                              "Check the internet connection and proxy settings. %2").arg(host, mirrorHint);
    case QNetworkReply::ConnectionRefusedError:
        return QStringLiteral("The server %1 refused the connection (%2): it is down, or the address is wrong. "
                              "Check HF_ENDPOINT and the proxy settings.").arg(host, reply->url().authority());
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError:
        return QStringLiteral("No answer from %1 for %2 seconds. Check the internet connection and try again; the "
                              "download resumes where it stopped.").arg(host).arg(m_stallTimeoutMs / 1000.0);
    case QNetworkReply::SslHandshakeFailedError:
        return QStringLiteral("The secure connection to %1 failed (%2). A wrong system clock or a proxy that "
                              "intercepts HTTPS can cause this.").arg(host, reply->errorString());
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::ProxyNotFoundError:
    case QNetworkReply::ProxyTimeoutError:
    case QNetworkReply::ProxyAuthenticationRequiredError:
        return QStringLiteral("The proxy did not let the connection to %1 through (%2). Check the system proxy "
                              "settings.").arg(host, reply->errorString());
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::UnknownNetworkError:
        return QStringLiteral("Cannot reach %1 (%2): check that this computer is online and the proxy settings are "
                              "right, then try again. %3").arg(host, reply->errorString(), mirrorHint);
    case QNetworkReply::RemoteHostClosedError:
    case QNetworkReply::TemporaryNetworkFailureError:
        return QStringLiteral("The connection to %1 was lost (%2). Check the internet connection and try again; the "
                              "download resumes where it stopped.").arg(host, reply->errorString());
    default:
        break;
    }
    return QStringLiteral("Network error while talking to %1: %2.").arg(host, reply->errorString());
}

} // namespace gitvqa
