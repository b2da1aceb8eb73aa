#pragma once
// A self-contained HTML report (inline CSS, images as data: URIs, nothing fetched from anywhere) that also parses
// as XML, so it can be checked and post-processed with any XML tool.

#include "session/session_exporter.h"

#include <functional>

namespace gitvqa {

class HtmlExporter final : public SessionExporter {
public:
    // PNG (or JPEG) bytes of a frame that stands for the exchange's segment, or empty for none. Thumbnails are not
    // part of the session file (they would make every autosave heavy); the window, which has the frames, supplies
    // them at export time.
    using ThumbnailProvider = std::function<QByteArray(const Exchange&)>;

    explicit HtmlExporter(ThumbnailProvider thumbnails = {}) : m_thumbnails(std::move(thumbnails)) {}

    QString formatId() const override { return QStringLiteral("html"); }
    QString displayName() const override { return QStringLiteral("HTML report"); }
    QString fileExtension() const override { return QStringLiteral("html"); }
    QByteArray render(const Session& session) const override;

private:
    ThumbnailProvider m_thumbnails;
};

} // namespace gitvqa
