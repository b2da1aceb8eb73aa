#pragma once
// How times read in the window: "01:02.48" where frame steps must be visible (time label, frame tooltips) and
// "00:41–00:51" for a segment (time chips, the scope line, the status bar).

#include <QString>

namespace gitvqa {

QString preciseTimestamp(double seconds);
QString timeSpan(double start, double end);

} // namespace gitvqa
