#pragma once
// What the service computed, in the session's terms: a finished answer or scan becomes a session Exchange with its
// segment, frame times, model, decoding options and timings (the transcript and every export read these).

#include "service/answer_pipeline.h"
#include "service/scan_runner.h"
#include "session/exchange.h"

namespace gitvqa {

QJsonObject decodingJson(const GenerationOptions& options);
QJsonObject timingsJson(const AnswerResult& result);

Exchange exchangeFromAnswer(const AskRequest& request, const AnswerResult& result);

// Exchange::clampedFrom of a sampled segment: the requested times of the clamped frames, -1 for the others; empty when
// none was clamped.
QVector<double> clampedFrom(const EncodedSegment& segment);

// A scan (or describe) run as one exchange: its windows, and the merged answer ranges as the answer text.
Exchange exchangeFromScan(const ScanRequest& request, const QVector<ScanWindowResult>& windows, const QString& model,
                          const QString& device, const QString& dtype, bool cancelled);

} // namespace gitvqa
