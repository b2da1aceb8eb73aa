#include "service/scan_runner.h"

#include <QCoreApplication>

#include <chrono>

namespace gitvqa {

namespace {

using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }

void fillYes(const ModelBundle& model, const torch::Tensor& logits, ScanWindowResult* out)
{
    const std::int64_t yes = model.tokenizer->tokenToId(QStringLiteral("yes"));
    const std::int64_t no = model.tokenizer->tokenToId(QStringLiteral("no"));
    if (!logits.defined() || yes < 0 || no < 0 || yes >= logits.size(0) || no >= logits.size(0))
        return;
    const torch::Tensor p = torch::softmax(logits.to(torch::kDouble), 0);
    const double py = p[yes].item<double>(), pn = p[no].item<double>();
    out->yesProbability = py;
    out->yesShare = py + pn > 0 ? py / (py + pn) : 0.5;
}

} // namespace

ScanOutcome runScan(AnswerPipeline& pipeline, const ModelBundle& model, const ScanRequest& request, const ScanCallbacks& cb)
{
    const auto t0 = Clock::now();
    if (!request.describe && request.question.trimmed().isEmpty())
        throw UserError(QCoreApplication::translate("gitvqa::Service", "The question is empty. Type what to look for in every window."));
    if (!(request.window > 0) || request.stride < 0)
        throw UserError(QCoreApplication::translate("gitvqa::Service", "The scan window must be longer than zero seconds."));
    const VideoInfo info = pipeline.videoInfo(request.videoPath, cb.cancelled); // a stalled open stops with the scan
    double to = request.to;
    if (to < 0) {
        if (info.duration <= 0)
            throw UserError(QCoreApplication::translate("gitvqa::Service", "The length of this video is unknown, so it cannot be scanned whole. Mark a "
                                                                           "segment and scan that."),
                            UserError::Kind::Media);
        to = info.duration;
    }
    ScanOutcome out;
    out.plan = planScanWindows(std::max(0.0, request.from), to, request.window, request.stride > 0 ? request.stride : request.window);
    if (cb.planned)
        cb.planned(out.plan.size());

    GenerationOptions generation = request.generation;
    generation.keepFirstStepLogits = true;
    int finished = request.done.size();
    double spentMs = 0;
    int measured = 0;
    for (int i = 0; i < out.plan.size(); ++i) {
        if (request.done.contains(i))
            continue;
        if (cb.cancelled && cb.cancelled()) {
            out.cancelled = true;
            break;
        }
        const auto w0 = Clock::now();
        AskRequest ask;
        ask.videoPath = request.videoPath;
        ask.question = request.question;
        ask.describe = request.describe;
        ask.segment = SegmentSpec::range(out.plan[i].start, out.plan[i].end);
        ask.generation = generation;
        PipelineCallbacks pc;
        pc.cancelled = cb.cancelled;
        AnswerResult a;
        try {
            a = pipeline.answer(model, ask, pc);
        } catch (const UserError& e) {
            if (e.kind() == UserError::Kind::Cancelled) {
                out.cancelled = true;
                break;
            }
            throw;
        }
        if (cb.cancelled && cb.cancelled() && a.stopReason == QLatin1String("stopped")) {
            out.cancelled = true; // a half-generated answer is not a result
            break;
        }
        ScanWindowResult r;
        r.index = i;
        r.start = out.plan[i].start;
        r.end = out.plan[i].end;
        r.answer = a.answer;
        r.frameTimes = a.segment.frameTimes;
        r.contextReused = a.contextReused;
        r.framesReused = a.contextReused ? static_cast<int>(r.frameTimes.size()) : a.segment.framesReused;
        fillYes(model, a.firstStepLogits, &r);
        r.ms = msSince(w0);
        out.windows.push_back(r);
        if (cb.windowDone)
            cb.windowDone(r);
        ++finished;
        spentMs += r.ms;
        ++measured;
        const int remaining = out.plan.size() - finished;
        if (cb.progress)
            cb.progress(finished, out.plan.size(), remaining * (spentMs / measured) / 1000.0);
    }
    out.ms = msSince(t0);
    return out;
}

} // namespace gitvqa
