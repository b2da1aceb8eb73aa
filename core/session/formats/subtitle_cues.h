#pragma once
// The cues SRT and WebVTT share: one per exchange over its segment and one per scan window, sorted by time.

#include "session/session.h"

#include <QStringList>
#include <QVector>

namespace gitvqa::subtitles {

struct Cue {
    double start = 0.0;
    double end = 0.0;
    QStringList lines;   // never empty, and no line is empty (a blank line would end the cue)
};

// A player shows nothing for a zero-length cue, so a question about a single instant lasts this long.
inline constexpr double kInstantCueSeconds = 1.0;

// "Q: …" / "A: …" for a question; "Scan: …" / "A: … (87% yes)" for a scan window. A scan exchange gets a cue of its
// own only when it has no windows or carries a summary answer. Sorted by start, then end, then transcript order;
// overlapping cues stay as they are (both formats allow them).
QVector<Cue> buildCues(const Session& session);

} // namespace gitvqa::subtitles
