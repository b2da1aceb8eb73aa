#include "service/answer_pipeline.h"

#include "service/core_messages.h"

#include "engine/device_failure.h"
#include "engine/engine_error.h"
#include "media/file_identity.h"
#include "media/frame_sampler.h"
#include "text/prompt_builder.h"

#include <QCoreApplication>
#include <QFileInfo>

#include <chrono>

namespace gitvqa {

namespace {

using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point t0)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

constexpr int kOpenSamplers = 4;
constexpr int kThumbnailHeight = 96;

QImage toQImage(const RgbImage& frame)
{
    QImage image(frame.pixels.data(), frame.width, frame.height, frame.width * 3, QImage::Format_RGB888);
    return image.scaledToHeight(kThumbnailHeight, Qt::SmoothTransformation); // a deep copy, safe after `frame` dies
}

void report(const PipelineCallbacks& cb, PipelineStage stage, double fraction)
{
    if (cb.progress)
        cb.progress(stage, fraction);
}

void throwIfCancelled(const PipelineCallbacks& cb)
{
    if (cb.cancelled && cb.cancelled())
        throw UserError(QStringLiteral("Cancelled."), UserError::Kind::Cancelled);
}

} // namespace

QString stageName(PipelineStage stage)
{
    switch (stage) {
    case PipelineStage::Opening: return QStringLiteral("opening");
    case PipelineStage::Sampling: return QStringLiteral("sampling");
    case PipelineStage::Encoding: return QStringLiteral("encoding");
    case PipelineStage::Prefill: return QStringLiteral("prefill");
    case PipelineStage::Generating: return QStringLiteral("generating");
    }
    return {};
}

AnswerPipeline::AnswerPipeline(std::shared_ptr<VisualContextCache> cache)
    : m_cache(std::move(cache)), m_frameFeatures(std::make_shared<FrameFeatureCache>())
{
}

AnswerPipeline::~AnswerPipeline() = default;

std::shared_ptr<FrameSampler> AnswerPipeline::samplerFor(const QString& videoPath,
                                                         const std::function<bool()>& cancelled, QString* identityOut)
{
    if (!QFileInfo::exists(videoPath))
        throw UserError(QCoreApplication::translate("gitvqa::Service", "The video %1 does not exist. It may have been moved or deleted.").arg(videoPath),
                        UserError::Kind::Media);
    const std::string path = videoPath.toStdString();
    const QString canonical = QFileInfo(videoPath).absoluteFilePath();
    QString identity = QString::fromStdString(fileIdentity(path));
    if (identity.isEmpty())
        identity = canonical; // could not be examined: the open below says why
    if (identityOut)
        *identityOut = identity;
    {
        std::lock_guard<std::mutex> lock(m_samplersMutex);
        for (auto it = m_samplers.begin(); it != m_samplers.end(); ++it) {
            if (it->identity == identity) {
                m_samplers.splice(m_samplers.begin(), m_samplers, it);
                return m_samplers.front().sampler;
            }
        }
    }
    // Opened without the lock: a slow open must not hold up another thread's lookup.
    std::string error;
    std::shared_ptr<FrameSampler> sampler = FrameSampler::open(path, &error, nullptr, cancelled);
    if (!sampler) {
        if (cancelled && cancelled())
            throw UserError(QStringLiteral("Cancelled."), UserError::Kind::Cancelled);
        throw UserError(QCoreApplication::translate("gitvqa::Service", "This video cannot be read: %1").arg(translateCoreMessage(error)), UserError::Kind::Media);
    }
    std::lock_guard<std::mutex> lock(m_samplersMutex);
    // The same path under an older identity is the file before it was re-exported: never to be used again.
    m_samplers.remove_if([&](const OpenSampler& o) {
        return o.identity == identity || QFileInfo(QString::fromStdString(o.sampler->info().path)).absoluteFilePath() == canonical;
    });
    m_samplers.push_front({identity, sampler});
    // Dropping one here only drops the list's reference: a request still using it keeps it alive.
    while (static_cast<int>(m_samplers.size()) > kOpenSamplers)
        m_samplers.pop_back();
    return sampler;
}

VideoInfo AnswerPipeline::videoInfo(const QString& videoPath, const std::function<bool()>& cancelled)
{
    return samplerFor(videoPath, cancelled)->info();
}

namespace {

TimeWindow windowOf(const FrameSampler& sampler, const SegmentSpec& segment)
{
    return segment.mode == SegmentSpec::Mode::Range ? sampler.windowForRange(segment.start, segment.end)
                                                    : sampler.windowAround(segment.at, segment.width);
}

// Keyed by the file's identity, not its path: a video re-exported at the same path must not meet its old frames.
QString cacheKeyFor(const ModelBundle& model, const QString& videoIdentity, const TimeWindow& w)
{
    return VisualContextCache::key(videoIdentity, w.start, w.end, model.framesPerQuestion(), model.id,
                                   QString::fromStdString(model.engine->info().dtype));
}

} // namespace

std::shared_ptr<const EncodedSegment> AnswerPipeline::encodeSegment(const ModelBundle& model, const QString& videoPath,
                                                                    const SegmentSpec& segment,
                                                                    const PipelineCallbacks& cb, bool* reused)
{
    report(cb, PipelineStage::Opening, 0.0);
    QString identity;
    const std::shared_ptr<FrameSampler> sampler = samplerFor(videoPath, cb.cancelled, &identity);
    const TimeWindow w = windowOf(*sampler, segment);
    const QString key = cacheKeyFor(model, identity, w);
    if (auto hit = m_cache->find(key)) {
        if (reused)
            *reused = true;
        return hit;
    }
    if (reused)
        *reused = false;
    const int count = model.framesPerQuestion();

    report(cb, PipelineStage::Sampling, 0.0);
    auto t0 = Clock::now();
    std::string error;
    const std::vector<SampledFrame> frames = segment.mode == SegmentSpec::Mode::Range
        ? sampler->sampleRange(segment.start, segment.end, count, &error, cb.cancelled)
        : sampler->sampleAround(segment.at, segment.width, count, &error, cb.cancelled);
    throwIfCancelled(cb);
    if (frames.size() != static_cast<std::size_t>(count))
        throw UserError(QCoreApplication::translate("gitvqa::Service", "Frames could not be read from this video: %1").arg(translateCoreMessage(error)),
                        UserError::Kind::Media);

    auto encoded = std::make_shared<EncodedSegment>();
    encoded->start = w.start;
    encoded->end = w.end;
    std::vector<RgbImage> images;
    for (const SampledFrame& f : frames) {
        encoded->requestedTimes.push_back(f.requestedTime);
        encoded->frameTimes.push_back(f.pts);
        encoded->clamped.push_back(f.clamped);
        encoded->thumbnails.push_back(toQImage(f.image));
        images.push_back(f.image);
    }
    encoded->samplingMs = msSince(t0);

    report(cb, PipelineStage::Encoding, 0.0);
    // Frames another segment already encoded (an overlapping scan window, a playhead moved by less than a window)
    // skip the preprocessing and the ViT; a frame sampled twice in one short segment is encoded once.
    const QString device = QString::fromStdString(model.engine->info().device);
    const QString dtype = QString::fromStdString(model.engine->info().dtype);
    std::vector<torch::Tensor> tokens(frames.size());
    std::vector<QString> keys;
    std::vector<RgbImage> fresh;
    std::vector<int> freshOf(frames.size(), -1); // index into `fresh` of the frames computed now
    for (std::size_t i = 0; i < frames.size(); ++i) {
        keys.push_back(FrameFeatureCache::key(identity, frames[i].pts, model.id, device, dtype));
        if (const auto hit = m_frameFeatures->find(keys[i])) {
            tokens[i] = hit->tokens;
            ++encoded->framesReused;
            continue;
        }
        for (std::size_t j = 0; j < i && freshOf[i] < 0; ++j)
            if (freshOf[j] >= 0 && keys[j] == keys[i])
                freshOf[i] = freshOf[j];
        if (freshOf[i] < 0) {
            freshOf[i] = static_cast<int>(fresh.size());
            fresh.push_back(images[i]);
        }
    }
    t0 = Clock::now();
    const PixelBatch pixels = preprocessFrames(fresh, model.preprocessor);
    encoded->preprocessMs = msSince(t0);
    throwIfCancelled(cb);
    t0 = Clock::now();
    try {
        if (!fresh.empty()) {
            const torch::Tensor computed = model.engine->encodeFrameTokens(pixels.data.data(), pixels.count, pixels.channels,
                                                                           pixels.height, pixels.width);
            std::vector<bool> stored(fresh.size(), false);
            for (std::size_t i = 0; i < frames.size(); ++i) {
                if (freshOf[i] < 0)
                    continue;
                // Cloned so a cached frame does not keep its whole batch alive (and the budget counts what it holds).
                tokens[i] = computed[freshOf[i]].clone();
                if (!stored[freshOf[i]]) {
                    stored[freshOf[i]] = true;
                    m_frameFeatures->insert(keys[i], std::make_shared<const FrameFeatures>(FrameFeatures{tokens[i]}));
                }
            }
        }
        encoded->context = model.engine->encodeFromFrameTokens(tokens);
    } catch (const std::exception& e) { // EngineError, or c10::Error from the device (out of memory)
        throw UserError(QCoreApplication::translate("gitvqa::Service", "The frames could not be encoded: %1").arg(QString::fromStdString(describeFailure(e))),
                        UserError::Kind::Engine);
    }
    encoded->encodingMs = msSince(t0);
    m_cache->insert(key, encoded);
    return encoded;
}

AnswerResult AnswerPipeline::answer(const ModelBundle& model, const AskRequest& request, const PipelineCallbacks& cb)
{
    const auto t0 = Clock::now();
    const QString question = request.question.trimmed();
    if (question.isEmpty() && !request.describe)
        throw UserError(QCoreApplication::translate("gitvqa::Service", "The question is empty. Type a question about the video first."));

    AnswerResult result;
    result.question = question;
    result.model = model.displayName();
    result.device = QString::fromStdString(model.engine->info().device);
    result.dtype = QString::fromStdString(model.engine->info().dtype);

    const GitConfig& config = model.engine->config();
    const int reserve = std::max(1, request.generation.maxNewTokens);
    const Prompt prompt = request.describe ? Prompt{{config.bosTokenId}, false, 0}
                                           : buildQuestionPrompt(*model.tokenizer, question, config.maxPositionEmbeddings, reserve);
    result.promptIds = prompt.ids;
    result.questionTruncated = prompt.truncated;
    result.droppedPieces = prompt.droppedPieces;

    const auto encoded = encodeSegment(model, request.videoPath, request.segment, cb, &result.contextReused);
    result.segment = *encoded;
    throwIfCancelled(cb);

    report(cb, PipelineStage::Prefill, 0.0);
    std::vector<std::int64_t> answerIds;
    bool firstReported = false;
    const TokenCallback onToken = [&](const TokenEvent& e) {
        if (!firstReported) {
            result.timeToFirstTokenMs = msSince(t0);
            firstReported = true;
            report(cb, PipelineStage::Generating, 0.0);
        }
        if (cb.cancelled && cb.cancelled())
            return false;
        if (e.id < 0)
            return true; // beam search: nothing final to show yet
        answerIds.push_back(e.id);
        if (cb.onToken)
            return cb.onToken(e.id, model.tokenizer->decode(answerIds));
        return true;
    };
    GenerationResult g;
    try {
        g = model.engine->generate(*encoded->context, prompt.ids, request.generation, onToken);
    } catch (const std::exception& e) {
        throw UserError(QCoreApplication::translate("gitvqa::Service", "The answer could not be generated: %1").arg(QString::fromStdString(e.what())),
                        UserError::Kind::Engine);
    }
    result.answerIds = g.newTokens;
    result.answer = model.tokenizer->decode(g.newTokens);
    result.tokens = static_cast<int>(g.newTokens.size());
    result.firstTokenMs = g.firstTokenMs;
    double sum = 0;
    for (double ms : g.tokenMs)
        sum += ms;
    result.perTokenMs = g.tokenMs.empty() ? 0.0 : sum / static_cast<double>(g.tokenMs.size());
    result.stopReason = QString::fromLatin1(stopReasonName(g.stopReason));
    if (!firstReported)
        result.timeToFirstTokenMs = msSince(t0);
    result.totalMs = msSince(t0);
    result.firstStepLogits = g.firstStepLogits;
    return result;
}

} // namespace gitvqa
