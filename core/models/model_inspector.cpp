#include "models/model_inspector.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QSet>

#include <optional>

namespace gitvqa {

namespace {

// A config.json or index larger than this is not one (a mis-named weights file, say); refuse to read it into memory.
constexpr qint64 kMaxJsonFileBytes = 64 * 1024 * 1024;
// safetensors refuses headers over 100 MB; a larger length field means a truncated or foreign file.
constexpr quint64 kMaxSafetensorsHeaderBytes = 100 * 1024 * 1024;
constexpr int kMaxFilesCounted = 10000;

QString describeMissingLink(const QFileInfo& info, const QString& what)
{
    // A snapshot whose link into blobs/ dangles: the cache was pruned or the download never finished.
    if (info.isSymLink())
        return QStringLiteral("%1 (%2 links to a cache blob that does not exist)").arg(what, info.fileName());
    return what;
}

std::optional<QJsonObject> readJsonObject(const QString& path, QString* problem)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *problem = QStringLiteral("%1 cannot be read (%2)").arg(QFileInfo(path).fileName(), file.errorString());
        return std::nullopt;
    }
    if (file.size() > kMaxJsonFileBytes) {
        *problem = QStringLiteral("%1 is %2, far too large for a settings file")
                       .arg(QFileInfo(path).fileName(), formatByteSize(file.size()));
        return std::nullopt;
    }
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &err);
    if (err.error != QJsonParseError::NoError) {
        *problem = QStringLiteral("%1 is not valid JSON (%2 at byte %3)")
                       .arg(QFileInfo(path).fileName(), err.errorString())
                       .arg(err.offset);
        return std::nullopt;
    }
    if (!doc.isObject()) {
        *problem = QStringLiteral("%1 is not a JSON object").arg(QFileInfo(path).fileName());
        return std::nullopt;
    }
    return doc.object();
}

QString torchDtypeName(const QString& safetensorsDtype)
{
    static const QHash<QString, QString> names = {
        {QStringLiteral("F64"), QStringLiteral("float64")},   {QStringLiteral("F32"), QStringLiteral("float32")},
        {QStringLiteral("F16"), QStringLiteral("float16")},   {QStringLiteral("BF16"), QStringLiteral("bfloat16")},
        {QStringLiteral("I64"), QStringLiteral("int64")},     {QStringLiteral("I32"), QStringLiteral("int32")},
        {QStringLiteral("I16"), QStringLiteral("int16")},     {QStringLiteral("I8"), QStringLiteral("int8")},
        {QStringLiteral("U8"), QStringLiteral("uint8")},      {QStringLiteral("BOOL"), QStringLiteral("bool")},
        {QStringLiteral("F8_E4M3"), QStringLiteral("float8_e4m3fn")},
        {QStringLiteral("F8_E5M2"), QStringLiteral("float8_e5m2")},
    };
    return names.value(safetensorsDtype, safetensorsDtype.toLower());
}

// Integer tensors (old checkpoints carry int64 position_ids) say nothing about the model's precision.
QString precisionFromDtypes(const QStringList& dtypes)
{
    QStringList floats;
    for (const QString& d : dtypes) {
        if (d.startsWith(QLatin1String("float")) || d == QLatin1String("bfloat16"))
            floats.append(d);
    }
    return (floats.isEmpty() ? dtypes : floats).join(QStringLiteral(" + "));
}

// Shard file names of an index, refusing any that would point outside the folder.
QStringList shardNames(const QJsonObject& index, const QString& indexName, QString* problem)
{
    const QJsonValue map = index.value(QLatin1String("weight_map"));
    if (!map.isObject()) {
        *problem = QStringLiteral("%1 has no \"weight_map\"").arg(indexName);
        return {};
    }
    QSet<QString> seen;
    QStringList names;
    const QJsonObject obj = map.toObject();
    for (auto it = obj.begin(); it != obj.end(); ++it) {
        const QString name = it.value().toString();
        if (name.isEmpty() || name.contains(QLatin1Char('/')) || name.contains(QLatin1Char('\\'))
            || name == QLatin1String("..")) {
            *problem = QStringLiteral("%1 names a weight file outside the model folder (\"%2\")").arg(indexName, name);
            return {};
        }
        if (!seen.contains(name)) {
            seen.insert(name);
            names.append(name);
        }
    }
    if (names.isEmpty())
        *problem = QStringLiteral("%1 lists no weight files").arg(indexName);
    names.sort();
    return names;
}

qint64 folderSize(const QString& dir)
{
    qint64 total = 0;
    QSet<QString> counted;
    QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    // A checkpoint has a few dozen files; a folder named by mistake (a home folder) must not be walked for minutes.
    int budget = kMaxFilesCounted;
    while (it.hasNext() && budget-- > 0) {
        it.next();
        const QFileInfo info = it.fileInfo();
        if (!info.exists()) // dangling link
            continue;
        const QString target = info.canonicalFilePath();
        if (counted.contains(target))
            continue;
        counted.insert(target);
        total += info.size();
    }
    return total;
}

void inspectConfig(const QDir& dir, ModelInfo& info)
{
    const QFileInfo configFile(dir.filePath(QStringLiteral("config.json")));
    if (!configFile.exists()) {
        info.missing.append(describeMissingLink(configFile, QStringLiteral("model configuration (config.json)")));
        return;
    }
    QString problem;
    const auto config = readJsonObject(configFile.filePath(), &problem);
    if (!config) {
        info.problems.append(problem);
        return;
    }
    info.modelType = config->value(QLatin1String("model_type")).toString();
    if (info.modelType.isEmpty())
        info.problems.append(QStringLiteral("config.json has no \"model_type\": this is not a Hugging Face GIT "
                                            "checkpoint"));
    else if (!info.isGitModel())
        info.problems.append(QStringLiteral("config.json says model_type \"%1\": gitvqa only runs GIT models "
                                            "(model_type \"git\")")
                                 .arg(info.modelType));

    const QJsonValue frames = config->value(QLatin1String("num_image_with_embedding"));
    if (frames.isUndefined() || frames.isNull()) {
        info.kind = ModelKind::Image;
        info.frames = 1;
    } else if (frames.isDouble() && frames.toDouble() >= 1 && frames.toDouble() <= 1024
               && frames.toDouble() == double(frames.toInt())) {
        info.kind = ModelKind::Video;
        info.frames = frames.toInt();
    } else {
        info.problems.append(QStringLiteral("config.json: num_image_with_embedding must be a positive whole number "
                                            "of frames or null"));
    }

    info.imageSize = 224;
    const QJsonValue vision = config->value(QLatin1String("vision_config"));
    if (vision.isObject()) {
        const QJsonValue size = vision.toObject().value(QLatin1String("image_size"));
        if (size.isDouble() && size.toInt() > 0)
            info.imageSize = size.toInt();
        else if (!size.isUndefined())
            info.problems.append(QStringLiteral("config.json: vision_config.image_size is not a positive number"));
    }

    // transformers 5 writes "dtype", older versions "torch_dtype".
    for (const char* key : {"dtype", "torch_dtype"}) {
        const QString dtype = config->value(QLatin1String(key)).toString();
        if (!dtype.isEmpty()) {
            info.precision = dtype;
            break;
        }
    }
}

// Checks the weights in the order the engine loads them (checkpoint_files.cpp) and reads safetensors dtypes.
void inspectWeights(const QDir& dir, ModelInfo& info)
{
    QStringList headerFiles;
    auto checkShards = [&](const QString& indexName, const QString& format) {
        QString problem;
        const auto index = readJsonObject(dir.filePath(indexName), &problem);
        if (!index) {
            info.problems.append(problem);
            return;
        }
        const QStringList shards = shardNames(*index, indexName, &problem);
        if (!problem.isEmpty()) {
            info.problems.append(problem);
            return;
        }
        info.weightsFormat = QStringLiteral("%1 (%2 shards)").arg(format).arg(shards.size());
        for (const QString& shard : shards) {
            const QFileInfo f(dir.filePath(shard));
            if (!f.exists())
                info.missing.append(describeMissingLink(
                    f, QStringLiteral("weight shard %1 (listed in %2)").arg(shard, indexName)));
            else if (format == QLatin1String("safetensors"))
                headerFiles.append(f.filePath());
        }
    };

    const QFileInfo safetensors(dir.filePath(QStringLiteral("model.safetensors")));
    const QFileInfo bin(dir.filePath(QStringLiteral("pytorch_model.bin")));
    if (safetensors.exists()) {
        info.weightsFormat = QStringLiteral("safetensors");
        headerFiles.append(safetensors.filePath());
    } else if (QFileInfo::exists(dir.filePath(QStringLiteral("model.safetensors.index.json")))) {
        checkShards(QStringLiteral("model.safetensors.index.json"), QStringLiteral("safetensors"));
    } else if (bin.exists()) {
        info.weightsFormat = QStringLiteral("pytorch_model.bin");
        if (bin.size() == 0)
            info.problems.append(QStringLiteral("pytorch_model.bin is empty"));
    } else if (QFileInfo::exists(dir.filePath(QStringLiteral("pytorch_model.bin.index.json")))) {
        checkShards(QStringLiteral("pytorch_model.bin.index.json"), QStringLiteral("pytorch_model.bin"));
    } else {
        const QFileInfo& shown = safetensors.isSymLink() ? safetensors : bin;
        info.missing.append(describeMissingLink(
            shown, QStringLiteral("model weights (model.safetensors, model.safetensors.index.json with its shards, "
                                  "or pytorch_model.bin)")));
    }

    QStringList dtypes;
    for (const QString& file : headerFiles) {
        QString error;
        const QStringList found = readSafetensorsDtypes(file, &error);
        if (!error.isEmpty()) {
            info.problems.append(error);
            continue;
        }
        for (const QString& d : found) {
            if (!dtypes.contains(d))
                dtypes.append(d);
        }
    }
    dtypes.sort();
    if (info.precision.isEmpty())
        info.precision = precisionFromDtypes(dtypes);
}

void inspectSupportFiles(const QDir& dir, ModelInfo& info)
{
    const QFileInfo vocab(dir.filePath(QStringLiteral("vocab.txt")));
    const QFileInfo tokenizer(dir.filePath(QStringLiteral("tokenizer.json")));
    if (!vocab.exists() && !tokenizer.exists())
        info.missing.append(describeMissingLink(vocab.isSymLink() ? vocab : tokenizer,
                                                QStringLiteral("tokenizer (vocab.txt or tokenizer.json)")));
    else if ((vocab.exists() ? vocab : tokenizer).size() == 0)
        info.problems.append(QStringLiteral("%1 is empty").arg((vocab.exists() ? vocab : tokenizer).fileName()));

    const QFileInfo preprocessor(dir.filePath(QStringLiteral("preprocessor_config.json")));
    if (!preprocessor.exists()) {
        info.missing.append(describeMissingLink(
            preprocessor, QStringLiteral("image preprocessing settings (preprocessor_config.json)")));
    } else {
        QString problem;
        if (!readJsonObject(preprocessor.filePath(), &problem))
            info.problems.append(problem);
    }
}

// The marker is advisory (it only names the repo); a broken one is ignored rather than reported.
void readMarker(const QDir& dir, ModelInfo& info)
{
    const QString path = dir.filePath(QString::fromLatin1(kModelMarkerFileName));
    if (!QFileInfo::exists(path))
        return;
    QString problem;
    const auto marker = readJsonObject(path, &problem);
    if (!marker)
        return;
    if (info.repoId.isEmpty())
        info.repoId = marker->value(QLatin1String("repo_id")).toString();
    if (info.revision.isEmpty())
        info.revision = marker->value(QLatin1String("commit")).toString();
}

} // namespace

QStringList readSafetensorsDtypes(const QString& path, QString* error)
{
    const QString name = QFileInfo(path).fileName();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1 cannot be read (%2)").arg(name, file.errorString());
        return {};
    }
    const QByteArray lengthBytes = file.read(8);
    if (lengthBytes.size() != 8) {
        *error = QStringLiteral("%1 is truncated: it is too short to be a safetensors file").arg(name);
        return {};
    }
    quint64 length = 0;
    for (int i = 7; i >= 0; --i)
        length = (length << 8) | quint8(lengthBytes[i]);
    if (length < 2 || length > kMaxSafetensorsHeaderBytes || length > quint64(file.size() - 8)) {
        *error = QStringLiteral("%1 is truncated or not a safetensors file (header length %2, file size %3)")
                     .arg(name)
                     .arg(length)
                     .arg(file.size());
        return {};
    }
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(file.read(qint64(length)), &err);
    if (err.error != QJsonParseError::NoError || !doc.isObject()) {
        *error = QStringLiteral("%1 has a broken header (%2)")
                     .arg(name, err.error != QJsonParseError::NoError ? err.errorString()
                                                                      : QStringLiteral("not a JSON object"));
        return {};
    }
    QStringList dtypes;
    const QJsonObject header = doc.object();
    for (auto it = header.begin(); it != header.end(); ++it) {
        if (it.key() == QLatin1String("__metadata__"))
            continue;
        const QString dtype = it.value().toObject().value(QLatin1String("dtype")).toString();
        if (dtype.isEmpty()) {
            *error = QStringLiteral("%1 has a broken header (tensor \"%2\" has no dtype)").arg(name, it.key());
            return {};
        }
        const QString torchName = torchDtypeName(dtype);
        if (!dtypes.contains(torchName))
            dtypes.append(torchName);
    }
    dtypes.sort();
    return dtypes;
}

QString repoIdFromCachePath(const QString& snapshotDir, QString* revision)
{
    const QStringList parts = QDir::cleanPath(QDir::fromNativeSeparators(snapshotDir)).split(QLatin1Char('/'));
    if (parts.size() < 3 || parts.at(parts.size() - 2) != QLatin1String("snapshots"))
        return {};
    const QString repoFolder = parts.at(parts.size() - 3);
    if (!repoFolder.startsWith(QLatin1String("models--")) || repoFolder.size() <= 8)
        return {};
    if (revision)
        *revision = parts.last();
    // The cache writes "/" as "--"; the Hub forbids "--" inside names, so the mapping is reversible.
    return repoFolder.mid(8).replace(QLatin1String("--"), QLatin1String("/"));
}

ModelInfo inspectModelFolder(const QString& dirPath, ModelSource source)
{
    ModelInfo info;
    info.source = source;
    const QFileInfo dirInfo(dirPath);
    info.path = dirInfo.absoluteFilePath();
    if (!dirInfo.isDir()) {
        info.problems.append(dirInfo.exists() ? QStringLiteral("%1 is a file, not a model folder").arg(info.path)
                                              : QStringLiteral("the folder %1 does not exist").arg(info.path));
        return info;
    }
    const QDir dir(info.path);
    info.repoId = repoIdFromCachePath(info.path, &info.revision);
    readMarker(dir, info);
    inspectConfig(dir, info);
    inspectWeights(dir, info);
    inspectSupportFiles(dir, info);
    info.sizeOnDisk = folderSize(info.path);
    return info;
}

QString ModelInfo::displayName() const
{
    return repoId.isEmpty() ? QFileInfo(path).fileName() : repoId;
}

QString ModelInfo::kindText() const
{
    switch (kind) {
    case ModelKind::Video:
        return QStringLiteral("video, %1 frames").arg(frames);
    case ModelKind::Image:
        return QStringLiteral("single image");
    case ModelKind::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

QString ModelInfo::statusText() const
{
    if (isUsable())
        return QStringLiteral("ready");
    QStringList parts;
    if (!missing.isEmpty())
        parts.append(QStringLiteral("missing: ") + missing.join(QStringLiteral("; ")));
    if (!problems.isEmpty())
        parts.append(problems.join(QStringLiteral("; ")));
    return parts.join(QStringLiteral(". "));
}

QString ModelInfo::summary() const
{
    QStringList facts{kindText()};
    if (imageSize > 0)
        facts.append(QStringLiteral("%1 px").arg(imageSize));
    if (!precision.isEmpty())
        facts.append(precision);
    facts.append(formatByteSize(sizeOnDisk));
    return QStringLiteral("%1 (%2) at %3: %4").arg(displayName(), facts.join(QStringLiteral(", ")), path, statusText());
}

QString formatByteSize(qint64 bytes)
{
    if (bytes < 1000)
        return QStringLiteral("%1 B").arg(bytes);
    const char* units[] = {"kB", "MB", "GB", "TB"};
    double value = double(bytes);
    int unit = -1;
    while (value >= 1000.0 && unit < 3) {
        value /= 1000.0;
        ++unit;
    }
    // Three significant digits: "707 MB", "1.58 GB", "12.3 kB".
    const int decimals = value >= 100.0 ? 0 : value >= 10.0 ? 1 : 2;
    return QStringLiteral("%1 %2").arg(value, 0, 'f', decimals).arg(QLatin1String(units[unit]));
}

} // namespace gitvqa
