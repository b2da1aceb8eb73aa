#include "session/formats/markdown_exporter.h"

#include "session/formats/export_text.h"

#include <QRegularExpression>
#include <QStringList>

#include <cmath>

namespace gitvqa {

namespace {

// Backslash-escapes what Markdown would read as markup, so a question like "what's *that*? # 1" stays literal.
// Inline markers are escaped anywhere; list, heading and quote markers only where they would start a block.
QString escapeLine(const QString& line)
{
    static const QString inlineSpecial = QStringLiteral("\\`*_[]<>#|~&");
    QString out;
    out.reserve(line.size() + 8);
    for (const QChar c : line) {
        if (inlineSpecial.contains(c))
            out += QLatin1Char('\\');
        out += c;
    }
    static const QRegularExpression blockStart(QStringLiteral("^(\\s*)([-+=]|\\d+[.)])"));
    const QRegularExpressionMatch m = blockStart.match(out);
    if (m.hasMatch())
        out.insert(m.capturedEnd(2) - 1, QLatin1Char('\\'));
    return out;
}

// Lines of one paragraph: hard breaks (two trailing spaces) between them, blank lines dropped so that a question
// with empty lines does not split into separate paragraphs.
QString escapeText(const QString& text)
{
    static const QRegularExpression newline(QStringLiteral("\r\n|\r|\n|\u2028|\u2029"));
    QStringList lines;
    for (const QString& line : text.split(newline)) {
        if (!line.trimmed().isEmpty())
            lines.append(escapeLine(line));
    }
    return lines.join(QStringLiteral("  \n"));
}

// Markdown link targets end at an unbalanced ')'; QUrl leaves parentheses unencoded.
QString linkTarget(const QString& url)
{
    QString out = url;
    out.replace(QLatin1Char('('), QStringLiteral("%28")).replace(QLatin1Char(')'), QStringLiteral("%29"));
    return out;
}

QString timeLink(const QString& videoPath, const Segment& segment)
{
    const QString text = exporttext::shortSpan(segment);
    const QString url = exporttext::videoTimeUrl(videoPath, segment);
    return url.isEmpty() ? text : QLatin1Char('[') + text + QStringLiteral("](") + linkTarget(url) + QLatin1Char(')');
}

QString utcText(const QDateTime& t)
{
    return t.isValid() ? t.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'")) : QString();
}

void appendExchange(QString* out, const Session& session, const Exchange& e, int number)
{
    const QString path = session.video().path;
    *out += QStringLiteral("## %1. ").arg(number) + timeLink(path, e.segment);
    if (e.kind != exchange_kind::Question)
        *out += QStringLiteral(" (") + escapeLine(e.kind) + QLatin1Char(')');
    *out += QStringLiteral("\n\n");

    if (!e.question.isEmpty())
        *out += QStringLiteral("**Q:** ") + escapeText(e.question) + QStringLiteral("  \n");
    const QString note = exporttext::statusNote(e);
    // A scan's answers are its windows; it has an answer line only when it also carries a summary.
    if (!e.answer.isEmpty() || !note.isEmpty() || e.windows.isEmpty()) {
        *out += QStringLiteral("**A:** ") + escapeText(e.answer);
        if (!note.isEmpty())
            *out += (e.answer.isEmpty() ? QStringLiteral("*(") : QStringLiteral(" *(")) + escapeLine(note)
                + QStringLiteral(")*");
    } else if (out->endsWith(QStringLiteral("  \n"))) {
        out->chop(3);
    }
    *out += QStringLiteral("\n\n");

    const QStringList earlier = exporttext::earlierAnswers(e);
    if (!earlier.isEmpty()) {
        *out += QStringLiteral("Earlier answers:\n\n");
        for (const QString& line : earlier)
            *out += QStringLiteral("- ") + escapeText(line) + QLatin1Char('\n');
        *out += QLatin1Char('\n');
    }

    for (const ScanWindow& w : e.windows) {
        *out += QStringLiteral("- ") + timeLink(path, {w.start, w.end}) + QStringLiteral(": ") + escapeText(w.answer);
        if (w.yesProbability)
            *out += QStringLiteral(" (%1% yes)").arg(std::lround(*w.yesProbability * 100.0));
        *out += QLatin1Char('\n');
    }
    if (!e.windows.isEmpty())
        *out += QLatin1Char('\n');

    QStringList details;
    for (const QString& part : {exporttext::modelSummary(e), exporttext::decodingSummary(e.decoding),
                                exporttext::timingsSummary(e.timings), utcText(e.created)}) {
        if (!part.isEmpty())
            details.append(escapeLine(part));
    }
    if (!details.isEmpty())
        *out += QLatin1Char('_') + details.join(QStringLiteral(" · ")) + QStringLiteral("_\n\n");
}

} // namespace

QByteArray MarkdownExporter::render(const Session& session) const
{
    const VideoFingerprint& video = session.video();
    QString out = QStringLiteral("# ") + escapeLine(exporttext::videoName(session)) + QStringLiteral("\n\n");
    if (!video.path.isEmpty())
        out += QStringLiteral("- Video: ") + escapeLine(video.path) + QLatin1Char('\n');
    if (video.size >= 0)
        out += QStringLiteral("- Size: %1 bytes\n").arg(video.size);
    if (!video.headSha256.isEmpty())
        out += QStringLiteral("- Fingerprint: SHA-256 of the first MiB `") + video.headSha256Hex()
            + QStringLiteral("`\n");
    out += QStringLiteral("- Session: `") + session.id() + QLatin1Char('`');
    if (session.created().isValid())
        out += QStringLiteral(", started ") + utcText(session.created());
    out += QStringLiteral("\n\n");

    if (session.isEmpty())
        out += QStringLiteral("_No questions yet._\n");
    int number = 0;
    for (const Exchange& e : session.exchanges())
        appendExchange(&out, session, e, ++number);
    while (out.endsWith(QStringLiteral("\n\n")))
        out.chop(1);
    return out.toUtf8();
}

} // namespace gitvqa
