#include "models/hub_client.h"

#include "models/hub_http.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QTimer>

namespace gitvqa {

namespace {

// Redirects one API request may take: a renamed repo answers with one, a mirror or proxy may add a few.
constexpr int kMaxApiRedirects = 10;
// The Hub paginates tree listings; a GIT repo has a dozen files, so a runaway cursor means a broken server.
constexpr int kMaxTreePages = 50;

QByteArray encodeSegment(const QString& s, const QByteArray& keep = QByteArray())
{
    return QUrl::toPercentEncoding(s, keep);
}

QUrl nextPageUrl(QNetworkReply* reply)
{
    // Link: <https://huggingface.co/api/models/x/tree/main?recursive=true&cursor=...>; rel="next"
    // (huggingface_hub's utils/_pagination.py reads response.links["next"]; several links may share the header).
    static const QRegularExpression next(QStringLiteral("<([^>]+)>\\s*;[^,]*rel=\"?next\"?"));
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

void HubClient::setRetryPolicy(int maxRetries, qint64 baseMs, qint64 maxMs)
{
    m_maxRetries = qMax(0, maxRetries);
    m_retryBaseMs = qMax<qint64>(0, baseMs);
    m_retryMaxMs = qMax(m_retryBaseMs, maxMs);
}

qint64 HubClient::retryWaitMs(QNetworkReply* reply, int attempt) const
{
    if (attempt > m_maxRetries)
        return -1;
    const qint64 delay = retryDelayMs(reply, attempt, m_retryBaseMs, m_retryMaxMs);
    return delay <= kHubMaxServerWaitMs ? delay : -1;
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
                             + "?recursive=true&expand=false");
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
    // Only the Hub's own host sees the token: a presigned CDN URL that also gets an Authorization header answers
    // 400 (S3: "Only one auth mechanism allowed"), and the CDN has no business with it anyway.
    if (!m_token.isEmpty() && isEndpointHost(url))
        request.setRawHeader("Authorization", "Bearer " + m_token.value.toUtf8());
    return request;
}

void HubClient::fetchListing(const QString& repoId, const QString& revision)
{
    abort();
    m_listing = HubListing{};
    m_listing.repoId = repoId;
    m_listing.revision = revision;
    m_siblings.clear();
    m_treePages = 0;
    QString refusal;
    if (!isValidRepoId(repoId))
        refusal = QStringLiteral("\"%1\" is not a model name: expected ORGANISATION/NAME, for example "
                                 "microsoft/git-base-msrvtt-qa.").arg(repoId);
    else if (isHubOffline())
        refusal = QStringLiteral("HF_HUB_OFFLINE is set, so nothing is downloaded and %1 is not in the Hugging Face "
                                 "cache yet. Unset HF_HUB_OFFLINE (or set it to 0) and try again while online.")
                      .arg(repoId);
    if (!refusal.isEmpty()) {
        // Queued, so a caller that connects after calling still hears about it.
        const quint64 generation = m_generation;
        QMetaObject::invokeMethod(
            this, [this, refusal, generation] {
                if (generation == m_generation)
                    fail(refusal);
            },
            Qt::QueuedConnection);
        return;
    }
    sendApi(revisionInfoUrl(repoId, revision), Stage::Revision, 0, 0);
}

void HubClient::abort()
{
    ++m_generation;
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

void HubClient::sendApi(const QUrl& url, Stage stage, int attempt, int redirects)
{
    m_reply = m_nam->get(makeRequest(url));
    m_reply->setProperty("stage", int(stage));
    m_reply->setProperty("attempt", attempt);
    m_reply->setProperty("redirects", redirects);
    connect(m_reply, &QNetworkReply::finished, this, &HubClient::onApiReply);
}

void HubClient::onApiReply()
{
    QNetworkReply* reply = m_reply;
    if (!reply || reply != sender())
        return;
    m_reply = nullptr;
    reply->deleteLater();
    const Stage stage = Stage(reply->property("stage").toInt());
    const int attempt = reply->property("attempt").toInt();
    const int redirects = reply->property("redirects").toInt();
    const int status = httpStatus(reply);

    if (isRedirectStatus(status)) {
        // Renamed repos answer 307 with a relative Location, for the API as for files.
        const QUrl target = redirectTarget(reply);
        if (!target.isValid())
            return fail(QStringLiteral("%1 answered HTTP %2 without saying where to (no Location).")
                            .arg(reply->url().host()).arg(status));
        if (redirects >= kMaxApiRedirects)
            return fail(QStringLiteral("Asking %1 about %2 went through more than %3 redirects; the server or a proxy "
                                       "is misconfigured.").arg(m_endpoint.host(), m_listing.repoId)
                            .arg(kMaxApiRedirects));
        return sendApi(target, stage, attempt, redirects + 1);
    }
    const bool retryable = status > 0 ? isRetryableStatus(status) : isRetryableNetworkError(reply->error());
    const qint64 delay = retryable ? retryWaitMs(reply, attempt + 1) : -1;
    if (delay >= 0) {
        Q_EMIT statusChanged(QStringLiteral("%1 answered %2; trying again in %3 s (attempt %4 of %5)")
                                 .arg(reply->url().host(),
                                      status > 0 ? QStringLiteral("HTTP %1").arg(status) : reply->errorString())
                                 .arg(double(delay) / 1000.0, 0, 'f', 1)
                                 .arg(attempt + 1)
                                 .arg(m_maxRetries));
        const QUrl url = reply->url();
        const quint64 generation = m_generation;
        QTimer::singleShot(delay, Qt::PreciseTimer, this, [this, url, stage, attempt, redirects, generation] {
            if (generation == m_generation)
                sendApi(url, stage, attempt + 1, redirects);
        });
        return;
    }
    const QByteArray body = reply->readAll();
    if (reply->error() != QNetworkReply::NoError || status != 200)
        return fail(describeFailure(reply, m_listing.repoId, m_listing.revision, QString(), body));
    if (stage == Stage::Revision)
        onRevision(body);
    else
        onTreePage(reply, body);
}

void HubClient::onRevision(const QByteArray& body)
{
    const QJsonDocument doc = QJsonDocument::fromJson(body);
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
    // Sizes and hashes come from the tree of that exact commit, so listing and downloads agree
    // (snapshot_download: GET /api/models/REPO/tree/COMMIT?recursive=true&expand=false).
    sendApi(treeUrl(m_listing.repoId, m_listing.commit), Stage::Tree, 0, 0);
}

void HubClient::onTreePage(QNetworkReply* reply, const QByteArray& body)
{
    const QJsonDocument doc = QJsonDocument::fromJson(body);
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
        file.gitOid = entry.value(QLatin1String("oid")).toString().toLower();
        const QJsonObject lfs = entry.value(QLatin1String("lfs")).toObject();
        if (!lfs.isEmpty()) {
            file.sha256 = lfs.value(QLatin1String("oid")).toString().toLower();
            file.size = lfs.value(QLatin1String("size")).toInteger(file.size);
        }
        const bool known = std::any_of(m_listing.files.cbegin(), m_listing.files.cend(),
                                       [&file](const HubFile& f) { return f.path == file.path; });
        if (!file.path.isEmpty() && !known)
            m_listing.files.append(file);
    }
    const QUrl next = nextPageUrl(reply);
    if (next.isValid()) {
        if (++m_treePages >= kMaxTreePages)
            return fail(QStringLiteral("The file list of %1 from %2 runs past %3 pages; the server is misbehaving.")
                            .arg(m_listing.repoId, m_endpoint.host()).arg(kMaxTreePages));
        return sendApi(next, Stage::Tree, 0, 0);
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
                                   const QString& filePath, const QByteArray& body) const
{
    const int status = httpStatus(reply);
    const QByteArray code = reply->rawHeader("X-Error-Code");
    const QString host = reply->url().host();
    const QString page = m_endpoint.toString(QUrl::StripTrailingSlash) + QLatin1Char('/') + repoId;
    const bool tokenSent = reply->request().hasRawHeader("Authorization");
    const QString tokenPage = QStringLiteral("https://huggingface.co/settings/tokens");
    const QString said = serverErrorText(reply, body);
    // What the server said, quoted, so a message the Hub adds tomorrow still reaches the user.
    const QString quote = said.isEmpty() ? QString() : QStringLiteral(" The server said: “%1”.").arg(said);
    const QString what = filePath.isEmpty() ? repoId : QStringLiteral("%1 of %2").arg(filePath, repoId);
    const QString tokenSource = m_token.source.isEmpty() ? QStringLiteral("the token") : m_token.source;

    if (code == "GatedRepo") {
        if (!tokenSent)
            return QStringLiteral("%1 is a gated model: it needs a Hugging Face account that accepted its terms (HTTP "
                                  "%2). Accept them on %3, create an access token at %4, then enter it in Settings "
                                  "(or set HF_TOKEN, or run `hf auth login`) and try again.%5")
                .arg(repoId).arg(status).arg(page, tokenPage, quote);
        return QStringLiteral("Your account has no access to the gated model %1 yet (HTTP %2, token from %3). Accept "
                              "its terms or request access on %4 and wait until it is granted, then try again.%5")
            .arg(repoId).arg(status).arg(tokenSource, page, quote);
    }
    if (status == 404 || code == "RepoNotFound" || code == "RevisionNotFound" || code == "EntryNotFound") {
        if (code == "RevisionNotFound")
            return QStringLiteral("%1 has no revision \"%2\" (HTTP %3). Use \"main\" or a branch, tag or commit that "
                                  "exists.").arg(repoId, revision).arg(status);
        if (code == "EntryNotFound" || !filePath.isEmpty())
            return QStringLiteral("%1 is listed in %2 but the Hub cannot deliver it (HTTP %3). Try again later.%4")
                .arg(filePath, repoId).arg(status).arg(quote);
        const QString atRevision =
            revision == QLatin1String("main") ? QString() : QStringLiteral(" at revision \"%1\"").arg(revision);
        QString message = QStringLiteral("There is no model %1%2 on %3 (HTTP %4). Check the spelling, for example "
                                         "microsoft/git-base-msrvtt-qa.")
                              .arg(repoId, atRevision, m_endpoint.host())
                              .arg(status);
        // The Hub answers 401 for private and gated repos to anonymous users, to hide that they exist.
        if (status == 401 && !tokenSent)
            message += QStringLiteral(" If it is a private or gated model, accept its terms on %1 and enter an access "
                                      "token from %2 in Settings (or set HF_TOKEN).").arg(page, tokenPage);
        return message;
    }
    if (status == 401) {
        if (tokenSent)
            return QStringLiteral("The Hub did not accept the access token (from %1) for %2 (HTTP 401). Create a new "
                                  "one at %3 and enter it in Settings or set HF_TOKEN.%4")
                .arg(tokenSource, repoId, tokenPage, quote);
        return QStringLiteral("%1 needs a Hugging Face account: it is gated or private (HTTP 401). Accept its terms on "
                              "%2, create an access token at %3 and enter it in Settings (or set HF_TOKEN), then try "
                              "again.%4").arg(repoId, page, tokenPage, quote);
    }
    if (status == 403) {
        if (!tokenSent)
            return QStringLiteral("%1 refuses anonymous downloads (HTTP 403). Accept its terms on %2, enter an access "
                                  "token from %3 in Settings (or set HF_TOKEN), then try again.%4")
                .arg(repoId, page, tokenPage, quote);
        return QStringLiteral("The access token (from %1) may not download %2 (HTTP 403): access to this gated model "
                              "was not granted yet, or the token lacks read permission. Request access on %3 and use "
                              "a token with read access.%4").arg(tokenSource, repoId, page, quote);
    }
    if (status == 429)
        return QStringLiteral("The Hub kept limiting requests from this address while downloading %1 (HTTP 429). Wait "
                              "a few minutes and run the download again: it resumes where it stopped. Signing in "
                              "with a token raises the limit.%2").arg(what, quote);
    if (status >= 500 || status == 408)
        return QStringLiteral("The server %1 kept failing while downloading %2 (HTTP %3). Try again later: the "
                              "download resumes where it stopped.%4")
            .arg(host, what).arg(status).arg(quote);
    if (status >= 400)
        return QStringLiteral("The server answered HTTP %1 for %2 (%3).%4")
            .arg(status)
            .arg(what, reply->url().toString(QUrl::RemoveQuery | QUrl::RemoveUserInfo), quote);

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
