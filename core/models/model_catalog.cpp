#include "models/model_catalog.h"

namespace gitvqa {

namespace {

constexpr qint64 kMB = 1000 * 1000;
// float32 weights on the Hub: GIT-base ~176.6 M parameters (~707 MB), GIT-large ~394 M (~1.58 GB). The 480 px
// VQA models carry a larger position-embedding table, which adds about 2 MB.
constexpr qint64 kBaseBytes = 707 * kMB;
constexpr qint64 kBase480Bytes = 709 * kMB;
constexpr qint64 kLargeBytes = 1580 * kMB;

QList<CatalogEntry> buildCatalog()
{
    QList<CatalogEntry> list;
    auto add = [&list](const char* repo, const char* title, const char* description, ModelTask task, int frames,
                       int imageSize, qint64 bytes, bool isDefault = false) {
        CatalogEntry e;
        e.repoId = QString::fromLatin1(repo);
        e.title = QString::fromLatin1(title);
        e.description = QString::fromLatin1(description);
        e.task = task;
        e.needsQuestion = task == ModelTask::VideoQuestionAnswering || task == ModelTask::ImageQuestionAnswering;
        e.frames = frames;
        e.imageSize = imageSize;
        e.approxDownloadBytes = bytes;
        e.isDefault = isDefault;
        list.append(e);
    };
    add("microsoft/git-base-msrvtt-qa", "GIT base, video QA (MSRVTT-QA)",
        "Answers questions about a video segment from 6 frames. The default: small and fast.",
        ModelTask::VideoQuestionAnswering, 6, 224, kBaseBytes, true);
    add("microsoft/git-large-msrvtt-qa", "GIT large, video QA (MSRVTT-QA)",
        "Answers questions about a video segment from 6 frames; more accurate, about 2x slower and 2x the memory.",
        ModelTask::VideoQuestionAnswering, 6, 224, kLargeBytes);
    add("microsoft/git-base-vatex", "GIT base, video description (VATEX)",
        "Describes what happens in a segment from 6 frames; no question needed.", ModelTask::VideoCaptioning, 6,
        224, kBaseBytes);
    add("microsoft/git-large-vatex", "GIT large, video description (VATEX)",
        "Describes what happens in a segment from 6 frames; no question needed. More accurate, slower.",
        ModelTask::VideoCaptioning, 6, 224, kLargeBytes);
    add("microsoft/git-base", "GIT base (pre-trained)",
        "Describes a single frame in general terms; the base the other models were fine-tuned from.",
        ModelTask::ImageCaptioning, 1, 224, kBaseBytes);
    add("microsoft/git-base-coco", "GIT base, image captions (COCO)",
        "Describes a single frame in one sentence; no question needed.", ModelTask::ImageCaptioning, 1, 224,
        kBaseBytes);
    add("microsoft/git-base-vqav2", "GIT base, image QA (VQAv2)",
        "Answers questions about a single frame (480 px), e.g. the paused picture.",
        ModelTask::ImageQuestionAnswering, 1, 480, kBase480Bytes);
    add("microsoft/git-base-textvqa", "GIT base, text in images (TextVQA)",
        "Answers questions about text visible in a single frame (480 px): signs, captions, labels.",
        ModelTask::ImageQuestionAnswering, 1, 480, kBase480Bytes);
    return list;
}

} // namespace

const QList<CatalogEntry>& ModelCatalog::entries()
{
    static const QList<CatalogEntry> catalog = buildCatalog();
    return catalog;
}

const CatalogEntry* ModelCatalog::find(const QString& repoId)
{
    for (const CatalogEntry& e : entries()) {
        if (e.repoId.compare(repoId, Qt::CaseInsensitive) == 0)
            return &e;
    }
    return nullptr;
}

const CatalogEntry& ModelCatalog::defaultEntry()
{
    for (const CatalogEntry& e : entries()) {
        if (e.isDefault)
            return e;
    }
    return entries().front();
}

QString ModelCatalog::defaultRepoId()
{
    return defaultEntry().repoId;
}

QString modelTaskName(ModelTask task)
{
    switch (task) {
    case ModelTask::VideoQuestionAnswering:
        return QStringLiteral("video question answering");
    case ModelTask::VideoCaptioning:
        return QStringLiteral("video description");
    case ModelTask::ImageCaptioning:
        return QStringLiteral("image description");
    case ModelTask::ImageQuestionAnswering:
        return QStringLiteral("image question answering");
    }
    return {};
}

} // namespace gitvqa
