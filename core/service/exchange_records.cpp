#include "service/exchange_records.h"

namespace gitvqa {

QJsonObject decodingJson(const GenerationOptions& o)
{
    QJsonObject d{{QStringLiteral("max_new_tokens"), o.maxNewTokens}};
    if (o.doSample) {
        d.insert(QStringLiteral("strategy"), QStringLiteral("sample"));
        d.insert(QStringLiteral("temperature"), o.temperature);
        d.insert(QStringLiteral("top_k"), o.topK);
        d.insert(QStringLiteral("top_p"), o.topP);
        d.insert(QStringLiteral("seed"), static_cast<double>(o.seed));
    } else if (o.numBeams > 1) {
        d.insert(QStringLiteral("strategy"), QStringLiteral("beam"));
        d.insert(QStringLiteral("num_beams"), o.numBeams);
        d.insert(QStringLiteral("length_penalty"), o.lengthPenalty);
    } else {
        d.insert(QStringLiteral("strategy"), QStringLiteral("greedy"));
    }
    return d;
}

QJsonObject timingsJson(const AnswerResult& r)
{
    return QJsonObject{
        {QStringLiteral("sampling_ms"), r.contextReused ? 0.0 : r.segment.samplingMs},
        {QStringLiteral("preprocess_ms"), r.contextReused ? 0.0 : r.segment.preprocessMs},
        {QStringLiteral("encoding_ms"), r.contextReused ? 0.0 : r.segment.encodingMs},
        {QStringLiteral("first_token_ms"), r.firstTokenMs},
        {QStringLiteral("time_to_first_token_ms"), r.timeToFirstTokenMs},
        {QStringLiteral("per_token_ms"), r.perTokenMs},
        {QStringLiteral("total_ms"), r.totalMs},
        {QStringLiteral("tokens"), r.tokens},
        {QStringLiteral("context_reused"), r.contextReused},
    };
}

QVector<double> clampedFrom(const EncodedSegment& segment)
{
    if (!segment.clamped.contains(true))
        return {};
    QVector<double> from;
    for (int i = 0; i < segment.frameTimes.size(); ++i)
        from.append(segment.clamped.value(i) ? segment.requestedTimes.value(i) : -1.0);
    return from;
}

Exchange exchangeFromAnswer(const AskRequest& request, const AnswerResult& r)
{
    Exchange x;
    x.kind = request.describe ? QString(exchange_kind::Describe) : QString(exchange_kind::Question);
    x.question = r.question;
    x.answer = r.answer;
    x.segment = Segment{r.segment.start, r.segment.end};
    x.frameTimes = r.segment.frameTimes;
    x.clampedFrom = clampedFrom(r.segment);
    x.model = r.model;
    x.device = r.device;
    x.dtype = r.dtype;
    x.decoding = decodingJson(request.generation);
    x.timings = timingsJson(r);
    x.status = r.stopReason == QLatin1String("stopped") ? QString(exchange_status::Stopped) : QString(exchange_status::Done);
    return x;
}

Exchange exchangeFromScan(const ScanRequest& request, const QVector<ScanWindowResult>& windows, const QString& model,
                          const QString& device, const QString& dtype, bool cancelled)
{
    Exchange x;
    x.kind = request.describe ? QString(exchange_kind::Describe) : QString(exchange_kind::Scan);
    x.question = request.question;
    x.answer = describeAnswerRanges(mergeScanAnswers(windows));
    double start = request.from, end = request.from;
    for (const ScanWindowResult& w : windows) {
        ScanWindow s;
        s.start = w.start;
        s.end = w.end;
        s.answer = w.answer;
        s.yesProbability = w.yesProbability;
        x.windows.push_back(s);
        end = std::max(end, w.end);
        start = std::min(start, w.start);
    }
    x.segment = Segment{start, end};
    x.model = model;
    x.device = device;
    x.dtype = dtype;
    QJsonObject decoding = decodingJson(request.generation);
    decoding.insert(QStringLiteral("window"), request.window);
    decoding.insert(QStringLiteral("stride"), request.stride > 0 ? request.stride : request.window);
    // The requested range (to < 0: the whole video), so a stopped scan read back from disk can be resumed.
    decoding.insert(QStringLiteral("from"), request.from);
    decoding.insert(QStringLiteral("to"), request.to);
    x.decoding = decoding;
    x.status = cancelled ? QString(exchange_status::Stopped) : QString(exchange_status::Done);
    return x;
}

} // namespace gitvqa
