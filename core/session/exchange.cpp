#include "session/exchange.h"

namespace gitvqa {

bool ScanWindow::operator==(const ScanWindow& o) const
{
    return start == o.start && end == o.end && answer == o.answer && yesProbability == o.yesProbability;
}

bool Exchange::operator==(const Exchange& o) const
{
    // QDateTime compares instants, so a time read back as UTC equals the local time it was written from.
    return id == o.id && kind == o.kind && question == o.question && answer == o.answer && segment == o.segment
        && frameTimes == o.frameTimes && model == o.model && device == o.device && dtype == o.dtype
        && decoding == o.decoding && timings == o.timings && created == o.created && status == o.status
        && error == o.error && windows == o.windows;
}

} // namespace gitvqa
