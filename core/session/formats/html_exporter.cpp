#include "session/formats/html_exporter.h"

#include "session/formats/export_text.h"

#include <QStringList>

#include <cmath>

namespace gitvqa {

namespace {

const char kStyle[] = R"css(
:root { color-scheme: light dark; --muted: #666; --line: #ddd; --accent: #2a6fdb; }
@media (prefers-color-scheme: dark) { :root { --muted: #aaa; --line: #444; --accent: #7aa7ff; } }
body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.45; }
header dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; color: var(--muted); }
header dd { margin: 0; overflow-wrap: anywhere; }
article { display: flex; gap: 1rem; border-top: 1px solid var(--line); padding: 1rem 0; }
article img { width: 12rem; height: auto; flex: none; align-self: flex-start; border-radius: 4px; }
.time a { color: var(--accent); font-variant-numeric: tabular-nums; text-decoration: none; }
.q, .a { white-space: pre-wrap; margin: 0.3rem 0; }
.label { font-weight: bold; margin-right: 0.4rem; }
.note { color: #b3261e; }
.meta { color: var(--muted); font-size: 0.85rem; }
table { border-collapse: collapse; margin: 0.5rem 0; }
td, th { border: 1px solid var(--line); padding: 0.2rem 0.5rem; text-align: left; vertical-align: top; }
td.a { white-space: pre-wrap; }
)css";

// Escapes for text and attribute values alike. Control characters other than tab and newline are not allowed in
// XML at all, so they become U+FFFD rather than making the report unparsable.
QString esc(const QString& text)
{
    QString out;
    out.reserve(text.size() + 16);
    for (const QChar c : text) {
        switch (c.unicode()) {
        case '&': out += QStringLiteral("&amp;"); break;
        case '<': out += QStringLiteral("&lt;"); break;
        case '>': out += QStringLiteral("&gt;"); break;
        case '"': out += QStringLiteral("&quot;"); break;
        case '\'': out += QStringLiteral("&#39;"); break;
        case '\r': break;
        default:
            if ((c.unicode() < 0x20 && c != QLatin1Char('\t') && c != QLatin1Char('\n')) || c.unicode() == 0xFFFE
                || c.unicode() == 0xFFFF)
                out += QChar(0xFFFD);
            else
                out += c;
        }
    }
    return out;
}

QString imageMime(const QByteArray& bytes)
{
    return bytes.startsWith("\xFF\xD8\xFF") ? QStringLiteral("image/jpeg") : QStringLiteral("image/png");
}

QString timeLink(const QString& videoPath, const Segment& segment)
{
    const QString text = esc(exporttext::shortSpan(segment));
    const QString url = exporttext::videoTimeUrl(videoPath, segment);
    if (url.isEmpty())
        return text;
    return QStringLiteral("<a href=\"") + esc(url) + QStringLiteral("\">") + text + QStringLiteral("</a>");
}

QString utcText(const QDateTime& t)
{
    return t.isValid() ? t.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'")) : QString();
}

QString windowsTable(const QString& videoPath, const Exchange& e)
{
    QString out = QStringLiteral("<table class=\"windows\"><thead><tr><th>Window</th><th>Answer</th><th>Yes</th>"
                                 "</tr></thead><tbody>\n");
    for (const ScanWindow& w : e.windows) {
        const QString yes = w.yesProbability ? QStringLiteral("%1%").arg(std::lround(*w.yesProbability * 100.0))
                                             : QString();
        out += QStringLiteral("<tr><td class=\"time\">") + timeLink(videoPath, {w.start, w.end})
            + QStringLiteral("</td><td class=\"a\">") + esc(w.answer) + QStringLiteral("</td><td>") + yes
            + QStringLiteral("</td></tr>\n");
    }
    return out + QStringLiteral("</tbody></table>\n");
}

} // namespace

QByteArray HtmlExporter::render(const Session& session) const
{
    const VideoFingerprint& video = session.video();
    const QString name = esc(exporttext::videoName(session));
    QString out = QStringLiteral("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
                                 "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
                                 "<meta name=\"generator\" content=\"gitvqa\"/>\n<title>")
        + name + QStringLiteral(" — gitvqa</title>\n<style>") + QString::fromUtf8(kStyle)
        + QStringLiteral("</style>\n</head>\n<body>\n<header>\n<h1>") + name + QStringLiteral("</h1>\n<dl>\n");
    if (!video.path.isEmpty())
        out += QStringLiteral("<dt>Video</dt><dd>") + esc(video.path) + QStringLiteral("</dd>\n");
    if (video.size >= 0)
        out += QStringLiteral("<dt>Size</dt><dd>%1 bytes</dd>\n").arg(video.size);
    if (!video.headSha256.isEmpty())
        out += QStringLiteral("<dt>Fingerprint</dt><dd><code>") + video.headSha256Hex()
            + QStringLiteral("</code> (SHA-256 of the first MiB)</dd>\n");
    out += QStringLiteral("<dt>Session</dt><dd><code>") + esc(session.id()) + QStringLiteral("</code>");
    if (session.created().isValid())
        out += QStringLiteral(", started ") + utcText(session.created());
    out += QStringLiteral("</dd>\n</dl>\n</header>\n<main>\n");
    if (session.isEmpty())
        out += QStringLiteral("<p>No questions yet.</p>\n");

    for (const Exchange& e : session.exchanges()) {
        out += QStringLiteral("<article class=\"exchange ") + esc(e.kind) + QLatin1Char(' ') + esc(e.status)
            + QStringLiteral("\" id=\"x-") + esc(e.id) + QStringLiteral("\">\n");
        const QByteArray thumbnail = m_thumbnails ? m_thumbnails(e) : QByteArray();
        if (!thumbnail.isEmpty())
            out += QStringLiteral("<img alt=\"Frame of ") + esc(exporttext::shortSpan(e.segment))
                + QStringLiteral("\" src=\"data:") + imageMime(thumbnail) + QStringLiteral(";base64,")
                + QString::fromLatin1(thumbnail.toBase64()) + QStringLiteral("\"/>\n");
        out += QStringLiteral("<div>\n<p class=\"time\">") + timeLink(video.path, e.segment);
        if (e.kind != exchange_kind::Question)
            out += QStringLiteral(" · ") + esc(e.kind);
        out += QStringLiteral("</p>\n");
        if (!e.question.isEmpty())
            out += QStringLiteral("<p class=\"q\"><span class=\"label\">Q</span>") + esc(e.question)
                + QStringLiteral("</p>\n");
        const QString note = exporttext::statusNote(e);
        if (!e.answer.isEmpty() || !note.isEmpty() || e.windows.isEmpty())
            out += QStringLiteral("<p class=\"a\"><span class=\"label\">A</span>") + esc(e.answer)
                + QStringLiteral("</p>\n");
        if (!note.isEmpty())
            out += QStringLiteral("<p class=\"note\">") + esc(note) + QStringLiteral("</p>\n");
        const QStringList earlier = exporttext::earlierAnswers(e);
        if (!earlier.isEmpty()) {
            out += QStringLiteral("<p class=\"note\">Earlier answers:</p>\n<ol class=\"earlier\">\n");
            for (const QString& line : earlier)
                out += QStringLiteral("<li>") + esc(line) + QStringLiteral("</li>\n");
            out += QStringLiteral("</ol>\n");
        }
        if (!e.windows.isEmpty())
            out += windowsTable(video.path, e);
        QStringList details;
        for (const QString& part : {exporttext::modelSummary(e), exporttext::decodingSummary(e.decoding),
                                    exporttext::timingsSummary(e.timings), utcText(e.created)}) {
            if (!part.isEmpty())
                details.append(esc(part));
        }
        if (!details.isEmpty())
            out += QStringLiteral("<p class=\"meta\">") + details.join(QStringLiteral(" · "))
                + QStringLiteral("</p>\n");
        out += QStringLiteral("</div>\n</article>\n");
    }
    out += QStringLiteral("</main>\n</body>\n</html>\n");
    return out.toUtf8();
}

} // namespace gitvqa
