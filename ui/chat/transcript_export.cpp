#include "ui/chat/transcript_export.h"

#include "media/frame_sampler.h"
#include "session/formats/html_exporter.h"
#include "session/session.h"
#include "session/session_exporter.h"
#include "session/video_fingerprint.h"

#include <QBuffer>
#include <QFileDialog>
#include <QFileInfo>
#include <QImage>
#include <QMessageBox>
#include <QSaveFile>
#include <QStringList>

#include <memory>

namespace gitvqa {

namespace {

constexpr int kThumbnailWidth = 240;

// A keyframe near the middle of the segment, as PNG: good enough to recognise the scene in a report.
HtmlExporter::ThumbnailProvider thumbnailsFrom(const QString& videoPath)
{
    std::string error;
    std::shared_ptr<FrameSampler> sampler = FrameSampler::open(videoPath.toStdString(), &error);
    if (!sampler)
        return {};
    return [sampler](const Exchange& x) -> QByteArray {
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
                            QString* error)
{
    QString fingerprintError;
    Session session(VideoFingerprint::of(videoPath, &fingerprintError));
    for (const Exchange& x : exchanges)
        session.add(x);
    if (formatId == QLatin1String("html"))
        return HtmlExporter(thumbnailsFrom(videoPath)).render(session);
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
    const QByteArray bytes = renderTranscript(videoPath, exchanges, exporter->formatId(), &error);
    QSaveFile file(path);
    if (bytes.isEmpty() || !file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        QMessageBox::warning(parent, QObject::tr("Export Transcript"),
                             QObject::tr("The transcript could not be written to %1: %2\nChoose another folder and try again.")
                                 .arg(path, error.isEmpty() ? file.errorString() : error));
        return false;
    }
    return true;
}

} // namespace gitvqa
