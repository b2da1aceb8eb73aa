// Each export format checked by structure, not by golden bytes: SRT/WebVTT cue numbering and times, CSV parsed back
// with an RFC 4180 reader, the JSON round trip, and HTML read by an XML parser.

#include "sample_session.h"

#include "session/formats/csv_exporter.h"
#include "session/formats/html_exporter.h"
#include "session/session_exporter.h"
#include "session/session_json.h"

#include <QRegularExpression>
#include <QXmlStreamReader>
#include <QtTest>

using namespace gitvqa;
using gitvqa::testing::sampleSession;

namespace {

QString render(const QString& format, const Session& session)
{
    const SessionExporter* e = exporterFor(format);
    return e ? QString::fromUtf8(e->render(session)) : QString();
}

// RFC 4180: records end with CRLF; a quoted field may hold commas, CR/LF and doubled quotes. Returns false on a
// malformed file (a quote inside an unquoted field, an unterminated quote, a bare LF between records).
bool parseCsv(const QString& text, QVector<QStringList>* rows)
{
    QStringList row;
    QString fieldText;
    int i = 0;
    const int n = text.size();
    while (i < n) {
        if (text[i] == QLatin1Char('"')) {
            ++i;
            for (;;) {
                if (i >= n)
                    return false;
                if (text[i] == QLatin1Char('"')) {
                    if (i + 1 < n && text[i + 1] == QLatin1Char('"')) {
                        fieldText += QLatin1Char('"');
                        i += 2;
                        continue;
                    }
                    ++i;
                    break;
                }
                fieldText += text[i++];
            }
        } else {
            while (i < n && text[i] != QLatin1Char(',') && text[i] != QLatin1Char('\r')) {
                if (text[i] == QLatin1Char('"') || text[i] == QLatin1Char('\n'))
                    return false;
                fieldText += text[i++];
            }
        }
        row.append(fieldText);
        fieldText.clear();
        if (i < n && text[i] == QLatin1Char(',')) {
            ++i;
            continue;
        }
        if (i + 1 < n && text[i] == QLatin1Char('\r') && text[i + 1] == QLatin1Char('\n')) {
            i += 2;
            rows->append(row);
            row.clear();
            continue;
        }
        if (i >= n) {
            rows->append(row);
            return true;
        }
        return false;
    }
    return row.isEmpty();
}

struct Cue {
    int number = 0;
    QString start;
    QString end;
    QStringList lines;
};

// Blocks separated by one blank line: [number line,] timing line, text lines.
bool parseCues(const QString& body, bool numbered, const QRegularExpression& timing, QVector<Cue>* cues)
{
    if (!body.endsWith(QStringLiteral("\n\n")))
        return false;
    const QStringList blocks = body.left(body.size() - 2).split(QStringLiteral("\n\n"));
    for (const QString& block : blocks) {
        QStringList lines = block.split(QLatin1Char('\n'));
        Cue cue;
        if (numbered) {
            bool ok = false;
            cue.number = lines.takeFirst().toInt(&ok);
            if (!ok)
                return false;
        }
        if (lines.isEmpty())
            return false;
        const QRegularExpressionMatch m = timing.match(lines.takeFirst());
        if (!m.hasMatch() || lines.isEmpty())
            return false;
        cue.start = m.captured(1);
        cue.end = m.captured(2);
        cue.lines = lines;
        cues->append(cue);
    }
    return true;
}

} // namespace

class TestSessionExports : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void registry()
    {
        const QVector<const SessionExporter*> all = allExporters();
        QCOMPARE(all.size(), 6);
        QStringList ids;
        for (const SessionExporter* e : all)
            ids.append(e->formatId());
        QCOMPARE(ids, QStringList({"markdown", "json", "csv", "srt", "vtt", "html"}));
        QCOMPARE(exporterFor(QStringLiteral("md")), exporterFor(QStringLiteral("markdown")));
        QCOMPARE(exporterFor(QStringLiteral("WebVTT")), exporterFor(QStringLiteral("vtt")));
        QCOMPARE(exporterFor(QStringLiteral("HTML"))->fileExtension(), QStringLiteral("html"));
        QVERIFY(!exporterFor(QStringLiteral("docx")));
        QVERIFY(!exporterFor(QString()));
        const Session s = sampleSession();
        for (const SessionExporter* e : all) {
            const QByteArray bytes = e->render(s);
            QVERIFY(!bytes.startsWith("\xEF\xBB\xBF"));   // UTF-8 without a byte-order mark
            QCOMPARE(e->render(s), bytes);                 // deterministic
            // An empty session still exports (to an empty file, for SRT, which has no header).
            QCOMPARE(e->render(Session()).isEmpty(), e->formatId() == QLatin1String("srt"));
        }
    }

    void jsonRoundTrip()
    {
        const Session s = sampleSession();
        const QByteArray bytes = exporterFor(QStringLiteral("json"))->render(s);
        const SessionRead read = sessionFromJson(bytes);
        QCOMPARE(read.status, SessionReadStatus::Ok);
        QCOMPARE(read.session, s);
        QCOMPARE(sessionToJsonBytes(read.session), bytes);
        const QJsonObject root = QJsonDocument::fromJson(bytes).object();
        QCOMPARE(root.value("schema").toString(), QStringLiteral("gitvqa-session"));
        QCOMPARE(root.value("version").toInt(), kSessionSchemaVersion);
        const QJsonArray windows = root.value("exchanges").toArray()[3].toObject().value("windows").toArray();
        QCOMPARE(windows.size(), 3);
        QCOMPARE(windows[1].toObject().value("yes_probability").toDouble(), 0.125);
        QVERIFY(!windows[2].toObject().contains("yes_probability"));

        QCOMPARE(sessionFromJson(QStringLiteral("{\"schema\": \"gitvqa-session\", \"version\": %1}")
                                     .arg(kSessionSchemaVersion + 1).toUtf8()).status,
                 SessionReadStatus::Newer);
        QCOMPARE(sessionFromJson("{\"schema\": \"other\", \"version\": 1}").status, SessionReadStatus::Unreadable);
        QCOMPARE(sessionFromJson("{\"schema\": \"gitvqa-session\", \"version\": 1}").status,
                 SessionReadStatus::Unreadable);
        QCOMPARE(sessionFromJson("\xff\xfe").status, SessionReadStatus::Unreadable);
    }

    void csv()
    {
        const Session s = sampleSession();
        const QString text = render(QStringLiteral("csv"), s);
        QVector<QStringList> rows;
        QVERIFY2(parseCsv(text, &rows), qPrintable(text));
        const QStringList header = CsvExporter::columns();
        QCOMPARE(rows.first(), header);
        QCOMPARE(rows.size(), 1 + 5 + 3);
        for (const QStringList& r : rows)
            QCOMPARE(r.size(), header.size());
        auto col = [&](int row, const char* name) { return rows[row][header.indexOf(QLatin1String(name))]; };

        QCOMPARE(col(1, "row"), QStringLiteral("exchange"));
        QCOMPARE(col(1, "question"), gitvqa::testing::nastyQuestion());   // comma, quotes, newline back intact
        QCOMPARE(col(1, "answer"), QStringLiteral("a guitar, \"probably\""));
        QCOMPARE(col(1, "start_s"), QStringLiteral("41"));
        QCOMPARE(col(1, "end"), QStringLiteral("00:00:51.000"));
        QCOMPARE(col(1, "per_token_ms"), QStringLiteral("25.25"));
        QCOMPARE(col(1, "created"), QStringLiteral("2024-05-01T12:01:02.345Z"));
        QCOMPARE(col(2, "question"), gitvqa::testing::cjkQuestion());
        QCOMPARE(col(2, "start"), QStringLiteral("00:00:05.250"));
        QCOMPARE(col(3, "answer"), QStringLiteral("x --> y & <z>"));
        QCOMPARE(col(3, "status"), QStringLiteral("stopped"));
        QCOMPARE(col(4, "kind"), QStringLiteral("scan"));
        QCOMPARE(col(5, "row"), QStringLiteral("window"));
        QCOMPARE(col(5, "exchange_id"), col(4, "exchange_id"));
        QCOMPARE(col(6, "answer"), QStringLiteral("no, a cat"));
        QCOMPARE(col(6, "start_s"), QStringLiteral("10"));
        QCOMPARE(col(6, "yes_probability"), QStringLiteral("0.125"));
        QCOMPARE(col(7, "yes_probability"), QString());
        QCOMPARE(col(8, "error"), QStringLiteral("out of memory"));
        QCOMPARE(col(8, "start"), QStringLiteral("01:02:05.500"));
    }

    void srt()
    {
        const QString text = render(QStringLiteral("srt"), sampleSession());
        static const QRegularExpression timing(
            QStringLiteral("^(\\d\\d:\\d\\d:\\d\\d,\\d\\d\\d) --> (\\d\\d:\\d\\d:\\d\\d,\\d\\d\\d)$"));
        QVector<Cue> cues;
        QVERIFY2(parseCues(text, true, timing, &cues), qPrintable(text));
        QCOMPARE(cues.size(), gitvqa::testing::sampleCueCount());
        for (int i = 0; i < cues.size(); ++i) {
            QCOMPARE(cues[i].number, i + 1);
            if (i > 0)
                QVERIFY(cues[i - 1].start <= cues[i].start);   // zero-padded: text order is time order
            QVERIFY(cues[i].start < cues[i].end);
            for (const QString& line : cues[i].lines) {
                QVERIFY(!line.contains(QStringLiteral("-->")));
                QVERIFY(!line.trimmed().isEmpty());
            }
        }
        QCOMPARE(cues[0].start, QStringLiteral("00:00:00,000"));   // the scan's first window
        QCOMPARE(cues[0].lines, QStringList({"Scan: is there a dog?", "A: yes (91% yes)"}));
        const Cue* first = nullptr;
        for (const Cue& c : cues) {
            if (c.start == QStringLiteral("00:00:41,000"))
                first = &c;
        }
        QVERIFY(first);
        QCOMPARE(first->end, QStringLiteral("00:00:51,000"));
        QCOMPARE(first->lines, QStringList({"Q: What is \"the man\", on the left,", "holding?",
                                            "A: a guitar, \"probably\""}));
        QVERIFY(text.contains(QStringLiteral("Q: ") + gitvqa::testing::cjkQuestion()));
        QVERIFY(text.contains(QStringLiteral("A: no, a cat (13% yes)")));
        QVERIFY(text.contains(QStringLiteral("01:02:05,500 --> 01:02:06,500")));   // an instant shown for 1 s
    }

    void webvtt()
    {
        const QString text = render(QStringLiteral("webvtt"), sampleSession());
        QVERIFY(text.startsWith(QStringLiteral("WEBVTT\n\n")));
        static const QRegularExpression timing(
            QStringLiteral("^(\\d\\d:\\d\\d:\\d\\d\\.\\d\\d\\d) --> (\\d\\d:\\d\\d:\\d\\d\\.\\d\\d\\d)$"));
        QVector<Cue> cues;
        QVERIFY2(parseCues(text.mid(8), false, timing, &cues), qPrintable(text));
        QCOMPARE(cues.size(), gitvqa::testing::sampleCueCount());
        QStringList all;
        for (int i = 0; i < cues.size(); ++i) {
            if (i > 0)
                QVERIFY(cues[i - 1].start <= cues[i].start);
            for (const QString& line : cues[i].lines) {
                QVERIFY2(!line.contains(QStringLiteral("-->")), qPrintable(line));
                QVERIFY2(!line.contains(QLatin1Char('<')), qPrintable(line));
                QVERIFY(!line.trimmed().isEmpty());
                all.append(line);
            }
        }
        QVERIFY(all.contains(QStringLiteral("A: x --&gt; y &amp; &lt;z&gt; (stopped)")));
        QVERIFY(all.contains(QStringLiteral("Q: &lt;b&gt;tags&lt;/b&gt; &amp; \"entities\" &amp;amp; --&gt; arrows, "
                                            "and 'quotes'")));
        QVERIFY(all.contains(QStringLiteral("after a blank line")));   // the blank line dropped, the text kept
        QVERIFY(text.contains(QStringLiteral("00:00:41.000 --> 00:00:51.000\nQ: What is")));
        QVERIFY(text.contains(QStringLiteral("A: no, a cat (13% yes)")));
    }

    void markdown()
    {
        const Session s = sampleSession();
        const QString text = render(QStringLiteral("md"), s);
        QVERIFY(text.startsWith(QStringLiteral("# holiday (2024), take \\#1.mp4\n")));
        QVERIFY(text.contains(s.video().headSha256Hex()));
        // Spaces, parentheses and '#' in the path are encoded so the link stays one link.
        QVERIFY2(text.contains(QStringLiteral("[00:41–00:51](file:///videos/holiday%20%282024%29,%20take%20%231.mp4"
                                              "#t=41,51)")),
                 qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("[00:05.25–00:07.5](")));
        QVERIFY(text.contains(QStringLiteral("[1:02:05.5](")));
        QVERIFY(text.contains(QStringLiteral("**Q:** What is \"the man\", on the left,  \nholding?")));
        QVERIFY(text.contains(QStringLiteral("**Q:** \\<b\\>tags\\</b\\> \\& \"entities\"")));
        QVERIFY(text.contains(gitvqa::testing::cjkQuestion()));
        QVERIFY(text.contains(QStringLiteral("microsoft/git-base-msrvtt-qa on cuda (float16)")));
        QVERIFY(text.contains(QStringLiteral("first token 81 ms")));
        QVERIFY(text.contains(QStringLiteral(": no, a cat (13% yes)")));
        QVERIFY(text.contains(QStringLiteral("*(failed: out of memory)*")));
    }

    void html()
    {
        const Session s = sampleSession();
        const QByteArray png = QByteArray::fromHex("89504e470d0a1a0a") + QByteArray("fake png body");
        const HtmlExporter withThumbnails([&](const Exchange& e) {
            return e.id == s.exchanges().first().id ? png : QByteArray();
        });
        const QByteArray bytes = withThumbnails.render(s);
        const QString text = QString::fromUtf8(bytes);
        QVERIFY(text.contains(QStringLiteral("<meta charset=\"utf-8\"/>")));
        for (const char* external : {"src=\"http", "href=\"http", "src=\"//", "href=\"//", "<link", "<script",
                                     "@import", "url("}) {
            QVERIFY2(!text.contains(QLatin1String(external), Qt::CaseInsensitive), external);
        }

        QXmlStreamReader xml(bytes);
        QString allText;
        QStringList images;
        int articles = 0;
        while (!xml.atEnd()) {
            xml.readNext();
            if (xml.isCharacters())
                allText += xml.text();
            if (xml.isStartElement() && xml.name() == QLatin1String("img"))
                images.append(xml.attributes().value(QLatin1String("src")).toString());
            if (xml.isStartElement() && xml.name() == QLatin1String("article"))
                ++articles;
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString() + QStringLiteral(" at line %1").arg(xml.lineNumber())));
        QCOMPARE(articles, 5);
        QCOMPARE(images.size(), 1);
        QVERIFY(images.first().startsWith(QStringLiteral("data:image/png;base64,")));
        QCOMPARE(QByteArray::fromBase64(images.first().mid(22).toLatin1()), png);
        // Everything the user typed comes back verbatim once the markup is read.
        for (const Exchange& e : s.exchanges()) {
            QVERIFY2(allText.contains(e.question), qPrintable(e.question));
            QVERIFY2(allText.contains(e.answer), qPrintable(e.answer));
        }
        QVERIFY(allText.contains(QStringLiteral("00:41–00:51")));
        QVERIFY(allText.contains(QStringLiteral("no, a cat")));

        // The registry's exporter has no thumbnails and still parses.
        QXmlStreamReader plain(exporterFor(QStringLiteral("html"))->render(s));
        while (!plain.atEnd())
            plain.readNext();
        QVERIFY(!plain.hasError());
    }
};

QTEST_GUILESS_MAIN(TestSessionExports)
#include "test_session_exports.moc"
