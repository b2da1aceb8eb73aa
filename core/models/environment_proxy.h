#pragma once
// Proxies from the environment, read the way Python's urllib (getproxies_environment / proxy_bypass_environment)
// reads them for requests and httpx, so `gitvqa download` and huggingface_hub go through the same proxy:
// https_proxy / HTTPS_PROXY for https URLs, http_proxy / HTTP_PROXY for http, all_proxy / ALL_PROXY for both,
// the lower-case name first; no_proxy / NO_PROXY lists hosts (suffix match, ".example.com" or "example.com",
// "host:port", an IP range such as 10.0.0.0/8, or "*") that connect directly. With none of them set, the desktop's
// own proxy settings apply (QNetworkProxyFactory::systemProxyForQuery).
// Qt's own environment reading covers only some of these names, and not the upper-case ones on every build.

#include <QNetworkProxy>
#include <QNetworkProxyFactory>
#include <QString>

namespace gitvqa {

class EnvironmentProxyFactory : public QNetworkProxyFactory {
public:
    QList<QNetworkProxy> queryProxy(const QNetworkProxyQuery& query = QNetworkProxyQuery()) override;

    // The proxy the environment names for `url`: NoProxy when no_proxy exempts it, DefaultProxy when the
    // environment says nothing (then the system settings decide).
    static QNetworkProxy proxyFromEnvironment(const QUrl& url);
    static bool bypassedByNoProxy(const QUrl& url, const QString& noProxy);
};

} // namespace gitvqa
