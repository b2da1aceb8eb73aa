#pragma once
// Text pieces several export formats share: times in their various spellings, links into the video, and one-line
// summaries of the decoding options and timings.

#include "session/session.h"

#include <QJsonObject>
#include <QString>

namespace gitvqa::exporttext {

// "01:02:03.450" (WebVTT, CSV) or, with ',' as the separator, "01:02:03,450" (SRT). Rounded to the millisecond;
// negative and non-finite times read as 0.
QString clockTime(double seconds, QChar millisecondSeparator = QLatin1Char('.'));
// For people: "00:41", "1:02:03", "00:41.25" (decimals only when there are any).
QString shortTime(double seconds);
// "00:41–00:51", or just "00:41" for a single instant.
QString shortSpan(const Segment& segment);
// Seconds with up to three decimals and no trailing zeros: "41", "41.5".
QString seconds(double seconds);

// file:///path/video.mp4#t=41,51 (a W3C media-fragment URI, which browsers and VLC honour); empty without a path.
QString videoTimeUrl(const QString& videoPath, const Segment& segment);

// The video's file name, or "video" when the session has none.
QString videoName(const Session& session);
// "sampling 120 ms · encoding 340 ms · first token 80 ms · 25 ms/token · 12 tokens", then any other keys as
// "key value"; empty when there are no timings.
QString timingsSummary(const QJsonObject& timings);
// "strategy beam, num_beams 3"; empty when there are none.
QString decodingSummary(const QJsonObject& decoding);
// "microsoft/git-base-msrvtt-qa on cuda (float16)", leaving out what is unknown.
QString modelSummary(const Exchange& exchange);
// "" for a done exchange, else "stopped", "failed: out of memory", ...
QString statusNote(const Exchange& exchange);
// One line per earlier answer (Regenerate keeps them), oldest first: "a guitar (stopped) · tiny on cpu (float32)".
// Exports show the latest answer as the answer and list these under it.
QStringList earlierAnswers(const Exchange& exchange);

} // namespace gitvqa::exporttext
