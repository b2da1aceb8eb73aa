#include "ui/chat/transcript_export.h"

#include "media/frame_sampler.h"
#include "session/formats/html_exporter.h"
#include "session/session.h"
#include "session/session_exporter.h"
#include "session/video_fingerprint.h"

#include <QBuffer>
#include <QDir>
#include <QEventLoop>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QImage>
#include <QMessageBox>
#include <QProgressDialog>
#include <QSaveFile>
#include <QStringList>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

#include <atomic>
#include <utility>
#include <memory>

namespace gitvqa {

namespace {

constexpr int kThumbnailWidth = 240;

// A keyframe near the middle of the segment, as PNG: good enough to recognise the scene in a report. Once `progress`
// says stop, no more frames are decoded (the caller drops the result).
HtmlExporter::ThumbnailProvider thumbnailsFrom(const QString& videoPath, int total, const RenderProgress& progress,
                                               std::shared_ptr<bool> stopped)
{
    std::string error;
    std::shared_ptr<FrameSampler> sampler = FrameSampler::open(videoPath.toStdString(), &error);
    if (!sampler)
        return {};
    auto done = std::make_shared<int>(0);
    return [sampler, total, progress, stopped, done](const Exchange& x) -> QByteArray {
        if (*stopped || (progress && !progress((*done)++, total))) {
            *stopped = true;
            return {};
        }
        const auto image = sampler->thumbnailAt(0.5 * (x.segment.start + x.segment.end), kThumbnailWidth);
        if (!image)
            return {};
        const QImage view(image->pixels.data(), image->width, image->height, image->width * 3, QImage::Format_RGB888);
        QByteArray png;
        QBuffer buffer(&png);
        buffer.open(QIODevice::WriteOnly);
        view.save(&buffer, "PNG");
        return png;
    };
}

} // namespace

QByteArray renderTranscript(const QString& videoPath, const QVector<Exchange>& exchanges, const QString& formatId,
                            QString* error, const RenderProgress& progress)
{
    QString fingerprintError;
    Session session(VideoFingerprint::of(videoPath, &fingerprintError));
    for (const Exchange& x : exchanges)
        session.add(x);
    if (formatId == QLatin1String("html")) {
        auto stopped = std::make_shared<bool>(false);
        QByteArray html = HtmlExporter(thumbnailsFrom(videoPath, static_cast<int>(exchanges.size()), progress, stopped))
                              .render(session);
        if (*stopped)
            return {};
        return html;
    }
    const SessionExporter* exporter = exporterFor(formatId);
    if (!exporter) {
        *error = QObject::tr("Unknown export format %1.").arg(formatId);
        return {};
    }
    return exporter->render(session);
}

bool exportTranscript(QWidget* parent, const QString& videoPath, const QVector<Exchange>& exchanges)
{
    if (exchanges.isEmpty()) {
        QMessageBox::information(parent, QObject::tr("Export Transcript"),
                                 QObject::tr("There is nothing to export yet: ask a question about the video first."));
        return false;
    }
    QStringList filters;
    QList<const SessionExporter*> exporters = allExporters();
    for (const SessionExporter* e : exporters)
        filters << QStringLiteral("%1 (*.%2)").arg(e->displayName(), e->fileExtension());
    QString chosenFilter = filters.first();
    const QString suggested = QFileInfo(videoPath).completeBaseName() + QStringLiteral(".") + exporters.first()->fileExtension();
    const QString path = QFileDialog::getSaveFileName(parent, QObject::tr("Export Transcript"),
                                                      QFileInfo(videoPath).dir().filePath(suggested),
                                                      filters.join(QStringLiteral(";;")), &chosenFilter);
    if (path.isEmpty())
        return false;
    const SessionExporter* exporter = exporters.value(filters.indexOf(chosenFilter), exporters.first());
    // A typed extension wins over the filter: "notes.srt" with the Markdown filter selected means SRT.
    if (const SessionExporter* byName = exporterFor(QFileInfo(path).suffix()))
        exporter = byName;
    QString error;
    if (writeTranscript(parent, path, exporter->formatId(), videoPath, exchanges, &error))
        return true;
    if (!error.isEmpty())
        QMessageBox::warning(parent, QObject::tr("Export Transcript"),
                             QObject::tr("The transcript could not be written to %1: %2\nChoose another folder and try again.")
                                 .arg(QDir::toNativeSeparators(path), error));
    return false;
}

bool writeTranscript(QWidget* parent, const QString& path, const QString& formatId, const QString& videoPath,
                     const QVector<Exchange>& exchanges, QString* error)
{
    struct Shared {
        std::atomic<bool> cancel{false};
        std::atomic<int> done{0};
    };
    auto shared = std::make_shared<Shared>();
    const int total = static_cast<int>(exchanges.size());
    // Runs on a pool thread with copies of everything it reads: (written, error); neither when cancelled.
    using Outcome = std::pair<bool, QString>;
    QFuture<Outcome> future = QtConcurrent::run([shared, path, formatId, videoPath, exchanges, total]() -> Outcome {
        QString renderError;
        const QByteArray bytes = renderTranscript(videoPath, exchanges, formatId, &renderError, [shared](int done, int) {
            shared->done = done;
            return !shared->cancel.load();
        });
        if (shared->cancel)
            return {false, QString()};
        if (bytes.isEmpty())
            return {false, renderError.isEmpty() ? QObject::tr("nothing could be rendered") : renderError};
        shared->done = total;
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
            return {false, file.errorString()};
        return {true, QString()};
    });

    QProgressDialog progress(QObject::tr("Exporting the transcript (a picture for each of %n questions)…", nullptr, total),
                             QObject::tr("Cancel"), 0, std::max(1, total), parent);
    progress.setObjectName(QStringLiteral("exportProgress"));
    progress.setWindowTitle(QObject::tr("Export Transcript"));
    progress.setWindowModality(Qt::WindowModal);
    progress.setMinimumDuration(500);
    progress.setAutoClose(false);
    progress.setAutoReset(false);
    progress.setValue(0);
    QEventLoop loop;
    QFutureWatcher<Outcome> watcher;
    QObject::connect(&watcher, &QFutureWatcherBase::finished, &loop, &QEventLoop::quit);
    QObject::connect(&progress, &QProgressDialog::canceled, &loop, [shared] { shared->cancel = true; });
    QTimer tick;
    // cancel() (Esc, or a caller) marks the dialog without emitting canceled(): poll it too.
    QObject::connect(&tick, &QTimer::timeout, &progress, [&progress, shared] {
        if (progress.wasCanceled())
            shared->cancel = true;
        else
            progress.setValue(shared->done.load());
    });
    tick.start(100);
    watcher.setFuture(future);
    if (!future.isFinished())
        loop.exec();
    future.waitForFinished();
    tick.stop();
    const Outcome outcome = future.result();
    if (error)
        *error = outcome.second;
    return outcome.first;
}

} // namespace gitvqa
