#pragma once
// Looks at one checkpoint folder and says what it is and whether gitvqa can run it, without loading any weights:
// config.json, the presence of weights/tokenizer/preprocessor files, and the safetensors header (only its JSON
// header, never the tensors). Every failure becomes a human-readable entry in ModelInfo::missing or ::problems;
// nothing here throws or crashes on a broken file, because the folders come from users and half-finished copies.

#include <QString>
#include <QStringList>

namespace gitvqa {

enum class ModelKind {
    Unknown, // config.json missing or unreadable
    Video,   // num_image_with_embedding set: N frames per request, each with its own temporal embedding
    Image,   // a single frame per request
};

// Where a model was found; the locator's resolution order follows this order.
enum class ModelSource {
    ExplicitFolder,   // a folder named by the user (--model DIR, "Open folder...")
    ConfiguredFolder, // the folder(s) from the settings
    HuggingFaceCache, // a snapshot in the Hugging Face hub cache
    AppModelsFolder,  // gitvqa's own download folder
};

// Written by ModelDownloader into every model folder it completes: the repo, revision and commit it came from.
inline constexpr char kModelMarkerFileName[] = ".gitvqa-model.json";

struct ModelInfo {
    QString path;          // absolute folder holding config.json (for the HF cache: the snapshot folder)
    QString repoId;        // "microsoft/git-base-msrvtt-qa"; empty when neither cache path nor marker says
    QString revision;      // commit hash of the snapshot or download; empty when unknown
    ModelSource source = ModelSource::ExplicitFolder;
    QString modelType;     // config.json's model_type; empty when config.json is missing or unreadable
    ModelKind kind = ModelKind::Unknown;
    int frames = 0;        // frames per request: N for video, 1 for image, 0 when unknown
    int imageSize = 0;     // vision_config.image_size (224 when the config omits it), 0 when unknown
    qint64 sizeOnDisk = 0; // bytes of every file in the folder, links followed (cache blobs counted once)
    QString precision;     // "float32", "float16", "bfloat16", "float16 + float32"; empty when unknown
    QString weightsFormat; // "safetensors", "safetensors (3 shards)", "pytorch_model.bin", ...
    QStringList missing;   // absent items, e.g. "tokenizer (vocab.txt or tokenizer.json)"
    QStringList problems;  // present but unusable, e.g. "config.json is not valid JSON (...)"

    bool isGitModel() const { return modelType == QLatin1String("git"); }
    bool isUsable() const { return isGitModel() && missing.isEmpty() && problems.isEmpty(); }
    QString displayName() const;  // repo id, else the folder name
    QString kindText() const;     // "video, 6 frames" / "single image" / "unknown"
    QString statusText() const;   // "ready", or what is missing and wrong, in one sentence
    QString summary() const;      // one line for lists and the CLI
};

ModelInfo inspectModelFolder(const QString& dir, ModelSource source = ModelSource::ExplicitFolder);

// The distinct tensor dtypes of a safetensors file as torch names ("float32", "int64", ...), sorted. Reads only
// the 8-byte little-endian header length and the JSON header. Empty list with *error set on a broken file.
QStringList readSafetensorsDtypes(const QString& path, QString* error);

// "microsoft/git-base" and the revision from ".../models--microsoft--git-base/snapshots/REV"; empty otherwise.
QString repoIdFromCachePath(const QString& snapshotDir, QString* revision = nullptr);

// "707 MB", "1.58 GB", "12.3 kB" (decimal units, as the Hub shows them).
QString formatByteSize(qint64 bytes);

} // namespace gitvqa
