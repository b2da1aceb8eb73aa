#include "models/environment_proxy.h"

#include <QHostAddress>
#include <QUrl>

namespace gitvqa {

namespace {

QString env(const char* lower, const char* upper)
{
    const QString l = QString::fromLocal8Bit(qgetenv(lower)).trimmed();
    return l.isEmpty() ? QString::fromLocal8Bit(qgetenv(upper)).trimmed() : l;
}

QNetworkProxy proxyFromUrlText(QString text)
{
    // urllib accepts "host:port" without a scheme and means http.
    if (!text.contains(QLatin1String("://")))
        text.prepend(QLatin1String("http://"));
    const QUrl url(text);
    if (!url.isValid() || url.host().isEmpty())
        return QNetworkProxy(QNetworkProxy::DefaultProxy);
    const QString scheme = url.scheme().toLower();
    const bool socks = scheme.startsWith(QLatin1String("socks"));
    QNetworkProxy proxy(socks ? QNetworkProxy::Socks5Proxy : QNetworkProxy::HttpProxy, url.host(),
                        quint16(url.port(socks ? 1080 : scheme == QLatin1String("https") ? 443 : 80)));
    proxy.setUser(url.userName(QUrl::FullyDecoded));
    proxy.setPassword(url.password(QUrl::FullyDecoded));
    return proxy;
}

} // namespace

bool EnvironmentProxyFactory::bypassedByNoProxy(const QUrl& url, const QString& noProxy)
{
    const QString host = url.host().toLower();
    const int port = url.port(url.scheme() == QLatin1String("https") ? 443 : 80);
    const QHostAddress address(host);
    for (QString entry : noProxy.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        entry = entry.trimmed().toLower();
        if (entry.isEmpty())
            continue;
        if (entry == QLatin1String("*"))
            return true;
        if (!address.isNull() && entry.contains(QLatin1Char('/'))) {
            if (address.isInSubnet(QHostAddress::parseSubnet(entry)))
                return true;
            continue;
        }
        QString entryHost = entry;
        const qsizetype colon = entry.lastIndexOf(QLatin1Char(':'));
        if (colon > 0 && !entry.contains(QLatin1Char(']')) && entry.count(QLatin1Char(':')) == 1) {
            if (entry.mid(colon + 1).toInt() != port)
                continue;
            entryHost = entry.left(colon);
        }
        if (entryHost.startsWith(QLatin1Char('.')))
            entryHost.remove(0, 1);
        if (host == entryHost || host.endsWith(QLatin1Char('.') + entryHost))
            return true;
    }
    return false;
}

QNetworkProxy EnvironmentProxyFactory::proxyFromEnvironment(const QUrl& url)
{
    const QString scheme = url.scheme().toLower();
    QString named = scheme == QLatin1String("https") ? env("https_proxy", "HTTPS_PROXY")
                    : scheme == QLatin1String("http") ? env("http_proxy", "HTTP_PROXY")
                                                      : QString();
    if (named.isEmpty())
        named = env("all_proxy", "ALL_PROXY");
    if (named.isEmpty())
        return QNetworkProxy(QNetworkProxy::DefaultProxy);
    if (bypassedByNoProxy(url, env("no_proxy", "NO_PROXY")))
        return QNetworkProxy(QNetworkProxy::NoProxy);
    return proxyFromUrlText(named);
}

QList<QNetworkProxy> EnvironmentProxyFactory::queryProxy(const QNetworkProxyQuery& query)
{
    const QNetworkProxy proxy = proxyFromEnvironment(query.url());
    if (proxy.type() != QNetworkProxy::DefaultProxy)
        return {proxy};
    return systemProxyForQuery(query);
}

} // namespace gitvqa
