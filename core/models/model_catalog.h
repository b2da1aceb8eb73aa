#pragma once
// The GIT checkpoints gitvqa knows by name, with what each one is for, so the model dialog can offer them without
// asking the Hub first (it may be unreachable) and can explain a choice before a large download starts.

#include <QList>
#include <QString>

namespace gitvqa {

enum class ModelTask {
    VideoQuestionAnswering, // a question about a segment, answered from N frames
    VideoCaptioning,        // describes a segment; no question needed
    ImageCaptioning,        // describes one frame
    ImageQuestionAnswering, // a question about one frame
};

struct CatalogEntry {
    QString repoId;       // "microsoft/git-base-msrvtt-qa"
    QString title;        // short label for lists
    QString description;  // one sentence: what it is for and what it needs
    ModelTask task = ModelTask::VideoQuestionAnswering;
    bool needsQuestion = true;
    int frames = 1;       // frames per request (num_image_with_embedding, 1 for single-image models)
    int imageSize = 224;  // vision_config.image_size
    // Approximate: float32 weights plus the small tokenizer/config files. Only a hint for the dialog; the downloader
    // checks free space against the sizes the Hub reports.
    qint64 approxDownloadBytes = 0;
    bool isDefault = false;
};

class ModelCatalog {
public:
    static const QList<CatalogEntry>& entries();
    // Null when the repo is not in the catalogue (comparison ignores case, as the Hub does).
    static const CatalogEntry* find(const QString& repoId);
    static const CatalogEntry& defaultEntry();
    static QString defaultRepoId();
};

QString modelTaskName(ModelTask task);

} // namespace gitvqa
