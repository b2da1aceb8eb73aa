#pragma once
// Times typed by a person, as players and the command line take them: "83", "83.5", "1:23", "1:02:03.5"
// (hours:minutes:seconds, each part a non-negative number). One reader for the CLI's --at/--from/--to and the
// window's Go to Time, so both accept the same spellings.

#include <QString>

namespace gitvqa {

// False (and *seconds untouched) for anything else: empty, more than three parts, a negative or non-finite part.
bool parseClockTime(const QString& text, double* seconds);

} // namespace gitvqa
