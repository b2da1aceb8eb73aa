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
        && frameTimes == o.frameTimes && clampedFrom == o.clampedFrom && model == o.model && device == o.device
        && dtype == o.dtype && decoding == o.decoding && timings == o.timings && created == o.created && status == o.status
        && error == o.error && windows == o.windows && earlierVersions == o.earlierVersions && answered == o.answered;
}

bool AnswerVersion::operator==(const AnswerVersion& o) const
{
    return answer == o.answer && status == o.status && error == o.error && segment == o.segment
        && frameTimes == o.frameTimes && clampedFrom == o.clampedFrom && model == o.model && device == o.device
        && dtype == o.dtype && decoding == o.decoding && timings == o.timings && created == o.created;
}

AnswerVersion Exchange::latestVersion() const
{
    AnswerVersion v;
    v.answer = answer;
    v.status = status;
    v.error = error;
    v.segment = segment;
    v.frameTimes = frameTimes;
    v.clampedFrom = clampedFrom;
    v.model = model;
    v.device = device;
    v.dtype = dtype;
    v.decoding = decoding;
    v.timings = timings;
    v.created = answered.isValid() ? answered : created;
    return v;
}

QVector<AnswerVersion> Exchange::versions() const
{
    QVector<AnswerVersion> all = earlierVersions;
    all.append(latestVersion());
    return all;
}

Exchange Exchange::withAnswer(const AnswerVersion& v) const
{
    Exchange x = *this;
    x.answer = v.answer;
    x.status = v.status;
    x.error = v.error;
    x.segment = v.segment;
    x.frameTimes = v.frameTimes;
    x.clampedFrom = v.clampedFrom;
    x.model = v.model;
    x.device = v.device;
    x.dtype = v.dtype;
    x.decoding = v.decoding;
    x.timings = v.timings;
    x.answered = v.created;
    return x;
}

void Exchange::pushVersion(const AnswerVersion& next)
{
    earlierVersions.append(latestVersion());
    const QVector<AnswerVersion> earlier = earlierVersions;
    *this = withAnswer(next);
    earlierVersions = earlier;
}

} // namespace gitvqa
