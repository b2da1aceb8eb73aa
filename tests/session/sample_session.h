#pragma once
// A session that exercises every escaping rule: quotes, commas, newlines, markup, "-->", CJK and emoji; a scan with
// windows; a stopped and a failed exchange; overlapping and out-of-order segments.

#include "session/session.h"

#include <QJsonArray>
#include <QTimeZone>

namespace gitvqa::testing {

// Qt 6.8 deprecates the Qt::TimeSpec constructor; Qt 6.4's QTimeZone::utc() is an IANA zone (Qt::TimeZone spec, so
// ISO dates end in +00:00, not Z), and QTimeZone::UTC (a real UTC spec) exists only from 6.5.
inline QDateTime utcDateTime(QDate date, QTime time)
{
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
    return QDateTime(date, time, QTimeZone::UTC);
#else
    return QDateTime(date, time, Qt::UTC);
#endif
}

inline QString nastyQuestion()
{
    return QStringLiteral("What is \"the man\", on the left,\nholding?");
}

inline QString cjkQuestion()
{
    return QStringLiteral("这个人在做什么？🎸 何をしていますか");
}

inline Session sampleSession()
{
    VideoFingerprint video;
    video.path = QStringLiteral("/videos/holiday (2024), take #1.mp4");
    video.size = 123456789;
    video.headSha256 = QByteArray::fromHex("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");
    Session s(video);
    s.setId(QStringLiteral("6f1c2f5e-0b7a-4c3e-9f0e-1d2c3b4a5f60"));
    s.setCreated(utcDateTime(QDate(2024, 5, 1), QTime(12, 0, 0, 250)));

    Exchange a;
    a.id = QStringLiteral("a0000000-0000-4000-8000-000000000001");
    a.question = nastyQuestion();
    a.answer = QStringLiteral("a guitar, \"probably\"");
    a.segment = {41.0, 51.0};
    a.frameTimes = {41.8333, 43.5, 45.1666, 46.8333, 48.5, 50.1666};
    a.model = QStringLiteral("microsoft/git-base-msrvtt-qa");
    a.device = QStringLiteral("cuda");
    a.dtype = QStringLiteral("float16");
    a.decoding = QJsonObject{{"strategy", "beam"}, {"num_beams", 3}, {"max_new_tokens", 20}};
    a.timings = QJsonObject{{"sampling_ms", 120.5}, {"encoding_ms", 340}, {"first_token_ms", 81},
                            {"per_token_ms", 25.25}, {"tokens", 4}};
    a.created = utcDateTime(QDate(2024, 5, 1), QTime(12, 1, 2, 345));
    s.add(a);

    Exchange b;
    b.id = QStringLiteral("b0000000-0000-4000-8000-000000000002");
    b.question = cjkQuestion();
    b.answer = QStringLiteral("弹吉他 🎶");
    b.segment = {5.25, 7.5};
    b.model = a.model;
    b.device = QStringLiteral("cpu");
    b.dtype = QStringLiteral("float32");
    b.created = utcDateTime(QDate(2024, 5, 1), QTime(12, 2, 0));
    s.add(b);

    Exchange c;
    c.id = QStringLiteral("c0000000-0000-4000-8000-000000000003");
    c.question = QStringLiteral("<b>tags</b> & \"entities\" &amp; --> arrows, and 'quotes'\n\nafter a blank line");
    c.answer = QStringLiteral("x --> y & <z>");
    c.segment = {45.0, 60.0};   // overlaps the first
    c.status = QStringLiteral("stopped");
    c.created = utcDateTime(QDate(2024, 5, 1), QTime(12, 3, 0));
    s.add(c);

    Exchange scan;
    scan.id = QStringLiteral("d0000000-0000-4000-8000-000000000004");
    scan.kind = QStringLiteral("scan");
    scan.question = QStringLiteral("is there a dog?");
    scan.segment = {0.0, 30.0};
    scan.windows = {{0.0, 10.0, QStringLiteral("yes"), 0.91},
                    {10.0, 20.0, QStringLiteral("no, a cat"), 0.125},
                    {20.0, 30.0, QStringLiteral("yes"), std::nullopt}};
    scan.created = utcDateTime(QDate(2024, 5, 1), QTime(12, 4, 0));
    s.add(scan);

    Exchange failed;
    failed.id = QStringLiteral("e0000000-0000-4000-8000-000000000005");
    failed.question = QStringLiteral("and now?");
    failed.segment = {3725.5, 3725.5};   // a paused frame past the first hour
    failed.status = QStringLiteral("failed");
    failed.error = QStringLiteral("out of memory");
    failed.created = utcDateTime(QDate(2024, 5, 1), QTime(12, 5, 0));
    s.add(failed);
    return s;
}

// Cues the subtitle formats must hold: one per exchange (the scan has no summary answer) plus one per window.
inline int sampleCueCount()
{
    return 4 + 3;
}

} // namespace gitvqa::testing
