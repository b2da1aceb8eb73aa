#pragma once
// Model folders built on the spot for the discovery suites (test_model_inspect.cpp, test_model_discovery.cpp): tiny
// but real safetensors files, GIT configs, complete checkpoints, and Hugging Face cache entries with snapshots linked
// into blobs/.

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <QMap>
#include <QString>
#include <QStringList>
#include <QTest>
#include <QtGlobal>

namespace gitvqa::testing {

// Call from initTestCase(): nothing the developer's own environment points at may leak into the results.
inline void clearModelEnvironment()
{
    for (const char* name : {"HF_HOME", "HF_HUB_CACHE", "XDG_CACHE_HOME", "GITVQA_MODELS_DIR"})
        qunsetenv(name);
}

inline void writeFile(const QString& path, const QByteArray& content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY2(f.open(QIODevice::WriteOnly | QIODevice::Truncate), qPrintable(path));
    f.write(content);
}

// A real safetensors layout (length, JSON header, data), tiny: one tensor of each dtype given.
inline QByteArray makeSafetensors(const QStringList& dtypes)
{
    QJsonObject header;
    qint64 offset = 0;
    for (int i = 0; i < dtypes.size(); ++i) {
        const int bytes = dtypes[i] == QLatin1String("F32") || dtypes[i] == QLatin1String("I32") ? 4
                          : dtypes[i] == QLatin1String("I64")                                    ? 8
                                                                                                  : 2;
        header.insert(QStringLiteral("t%1").arg(i),
                      QJsonObject{{QStringLiteral("dtype"), dtypes[i]},
                                  {QStringLiteral("shape"), QJsonArray{1}},
                                  {QStringLiteral("data_offsets"), QJsonArray{offset, offset + bytes}}});
        offset += bytes;
    }
    header.insert(QStringLiteral("__metadata__"), QJsonObject{{QStringLiteral("format"), QStringLiteral("pt")}});
    const QByteArray json = QJsonDocument(header).toJson(QJsonDocument::Compact);
    QByteArray out;
    quint64 n = quint64(json.size());
    for (int i = 0; i < 8; ++i)
        out.append(char((n >> (8 * i)) & 0xff));
    return out + json + QByteArray(int(offset), '\0');
}

inline QByteArray configJson(QJsonValue frames, int imageSize = 224,
                             const QString& dtype = QStringLiteral("float32"),
                             const QString& modelType = QStringLiteral("git"))
{
    QJsonObject config{{QStringLiteral("model_type"), modelType},
                       {QStringLiteral("num_image_with_embedding"), frames},
                       {QStringLiteral("vision_config"), QJsonObject{{QStringLiteral("image_size"), imageSize}}}};
    if (!dtype.isEmpty())
        config.insert(QStringLiteral("torch_dtype"), dtype);
    return QJsonDocument(config).toJson();
}

// A complete small GIT video checkpoint in `dir`.
inline void makeModel(const QString& dir, QJsonValue frames = 6, int imageSize = 224)
{
    writeFile(dir + "/config.json", configJson(frames, imageSize));
    writeFile(dir + "/model.safetensors", makeSafetensors({QStringLiteral("F32")}));
    writeFile(dir + "/vocab.txt", "[PAD]\n[UNK]\nhello\n");
    writeFile(dir + "/preprocessor_config.json", R"({"do_resize": true, "size": {"shortest_edge": 224}})");
}

// A Hugging Face cache entry: blobs named by hash, snapshot files as relative links into them, refs/main.
inline QString makeCachedModel(const QString& hubCache, const QString& repoId, const QString& revision,
                               const QMap<QString, QByteArray>& files, bool writeRef = true)
{
    const QString repoDir = hubCache + "/models--" + QString(repoId).replace('/', "--");
    const QString snapshot = repoDir + "/snapshots/" + revision;
    QDir().mkpath(snapshot);
    QDir().mkpath(repoDir + "/blobs");
    for (auto it = files.cbegin(); it != files.cend(); ++it) {
        const QString blob =
            QString::fromLatin1(QCryptographicHash::hash(it.value(), QCryptographicHash::Sha256).toHex());
        writeFile(repoDir + "/blobs/" + blob, it.value());
        QFile::link("../../blobs/" + blob, snapshot + "/" + it.key());
    }
    if (writeRef)
        writeFile(repoDir + "/refs/main", revision.toLatin1());
    return snapshot;
}

inline QMap<QString, QByteArray> modelFiles(QJsonValue frames = 6)
{
    return {{QStringLiteral("config.json"), configJson(frames)},
            {QStringLiteral("model.safetensors"), makeSafetensors({QStringLiteral("F32")})},
            {QStringLiteral("tokenizer.json"), R"({"model": {"vocab": {"[PAD]": 0}}})"},
            {QStringLiteral("preprocessor_config.json"), "{}"}};
}

inline bool containsText(const QStringList& list, const QString& part)
{
    for (const QString& s : list) {
        if (s.contains(part))
            return true;
    }
    return false;
}

} // namespace gitvqa::testing
