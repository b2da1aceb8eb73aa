#include "models/hub_environment.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>

namespace gitvqa {

namespace {

QString envString(const char* name)
{
    return QString::fromLocal8Bit(qgetenv(name)).trimmed();
}

// huggingface_hub's constants._is_true: ENV_VARS_TRUE_VALUES = {"1", "ON", "YES", "TRUE"}.
bool isTrue(const QString& value)
{
    const QString v = value.toUpper();
    return v == QLatin1String("1") || v == QLatin1String("ON") || v == QLatin1String("YES")
           || v == QLatin1String("TRUE");
}

QString envPath(const char* name)
{
    const QString value = envString(name);
    return value.isEmpty() ? QString() : QDir::cleanPath(expandUserPath(value));
}

} // namespace

QString expandUserPath(const QString& path)
{
    static const QRegularExpression var(QStringLiteral("\\$(?:\\{([A-Za-z_][A-Za-z0-9_]*)\\}|([A-Za-z_][A-Za-z0-9_]*))"));
    QString out;
    qsizetype last = 0;
    for (auto it = var.globalMatch(path); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        const QString name = m.captured(1).isEmpty() ? m.captured(2) : m.captured(1);
        out += path.mid(last, m.capturedStart() - last);
        const QByteArray value = qgetenv(name.toLocal8Bit().constData());
        out += qEnvironmentVariableIsSet(name.toLocal8Bit().constData()) ? QString::fromLocal8Bit(value)
                                                                          : m.captured(0);
        last = m.capturedEnd();
    }
    out += path.mid(last);
    if (out == QLatin1String("~"))
        return QDir::homePath();
    if (out.startsWith(QLatin1String("~/")))
        return QDir::homePath() + out.mid(1);
    return out;
}

QString huggingFaceHome()
{
    const QString home = envPath("HF_HOME");
    if (!home.isEmpty())
        return home;
    const QString xdg = envPath("XDG_CACHE_HOME");
    return (xdg.isEmpty() ? QDir::homePath() + QStringLiteral("/.cache") : xdg) + QStringLiteral("/huggingface");
}

QString huggingFaceHubCacheDir()
{
    const QString hubCache = envPath("HF_HUB_CACHE");
    return hubCache.isEmpty() ? huggingFaceHome() + QStringLiteral("/hub") : hubCache;
}

QString huggingFaceTokenPath()
{
    const QString path = envPath("HF_TOKEN_PATH");
    return path.isEmpty() ? huggingFaceHome() + QStringLiteral("/token") : path;
}

bool isHubOffline()
{
    const QString value = envString("HF_HUB_OFFLINE");
    return isTrue(value.isEmpty() ? envString("TRANSFORMERS_OFFLINE") : value);
}

QUrl hubEndpointFromEnvironment()
{
    QString env = envString("HF_ENDPOINT");
    while (env.endsWith(QLatin1Char('/')))
        env.chop(1);
    return QUrl(env.isEmpty() ? QStringLiteral("https://huggingface.co") : env);
}

HubToken readHubTokenFile(const QString& path, const QString& source)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QString token = QString::fromUtf8(file.read(64 * 1024)).trimmed();
    if (token.isEmpty())
        return {};
    return {token, source.isEmpty() ? QStringLiteral("the token file %1").arg(QDir::toNativeSeparators(path)) : source};
}

HubToken hubTokenFromEnvironment(const HubToken& preferred)
{
    if (!preferred.isEmpty())
        return preferred;
    for (const char* name : {"HF_TOKEN", "HUGGING_FACE_HUB_TOKEN"}) {
        const QString token = envString(name);
        if (!token.isEmpty())
            return {token, QString::fromLatin1(name)};
    }
    return readHubTokenFile(huggingFaceTokenPath());
}

} // namespace gitvqa
