#pragma once
// From a video file, a segment and a typed question to a streamed answer, on the calling thread:
// sample frames → preprocess → encode (or reuse a cached visual context) → tokenize → generate → detokenize.
// The service runs it on its worker thread; the command-line tool runs it directly.

#include "engine/generation.h"
#include "media/video_info.h"
#include "service/encoded_segment.h"
#include "service/model_bundle.h"
#include "service/segment_spec.h"
#include "service/visual_context_cache.h"

#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>
#include <list>
#include <memory>
#include <mutex>

namespace gitvqa {

class FrameSampler;

struct AskRequest {
    QString videoPath;
    SegmentSpec segment;
    QString question;            // empty with describe = true (captioning checkpoints)
    bool describe = false;
    GenerationOptions generation;
};

enum class PipelineStage { Opening, Sampling, Encoding, Prefill, Generating };

struct AnswerResult {
    QString answer;
    QString question;
    std::vector<std::int64_t> promptIds;
    std::vector<std::int64_t> answerIds;
    bool questionTruncated = false;
    int droppedPieces = 0;
    EncodedSegment segment;      // window, frame times, thumbnails, sampling/encoding times
    bool contextReused = false;  // the segment was already encoded (pre-encoding or an earlier question)
    double firstTokenMs = 0.0;   // prompt prefill + first token, after the context was ready
    double perTokenMs = 0.0;     // mean of the further tokens
    double totalMs = 0.0;        // request start → last token
    double timeToFirstTokenMs = 0.0; // request start → first token, as the user waits for it
    int tokens = 0;
    QString stopReason;          // "end", "max_tokens", "stopped", "position_limit"
    QString model, device, dtype;
    torch::Tensor firstStepLogits; // when GenerationOptions::keepFirstStepLogits
};

struct PipelineCallbacks {
    std::function<void(PipelineStage, double fraction)> progress;
    // Each new token and the answer so far; return false to stop.
    std::function<bool(std::int64_t token, const QString& answerSoFar)> onToken;
    std::function<bool()> cancelled; // polled between stages
};

class AnswerPipeline {
public:
    explicit AnswerPipeline(std::shared_ptr<VisualContextCache> cache = std::make_shared<VisualContextCache>());
    ~AnswerPipeline();

    // Throws UserError (bad video, empty question, cancelled before generation, engine failure).
    AnswerResult answer(const ModelBundle& model, const AskRequest& request, const PipelineCallbacks& callbacks = {});

    // Samples and encodes a segment into the cache (pre-encoding). Returns the cached entry.
    std::shared_ptr<const EncodedSegment> encodeSegment(const ModelBundle& model, const QString& videoPath,
                                                        const SegmentSpec& segment, const PipelineCallbacks& callbacks,
                                                        bool* reused = nullptr);

    // What the sampler knows about the video (duration, size, codec); throws UserError when it cannot be read.
    VideoInfo videoInfo(const QString& videoPath);

    // Thread-safe: makes sampling in progress stop soon.
    void cancelSampling();
    VisualContextCache& cache() { return *m_cache; }

private:
    FrameSampler& samplerFor(const QString& videoPath);

    std::shared_ptr<VisualContextCache> m_cache;
    std::mutex m_samplersMutex;
    std::list<std::pair<QString, std::unique_ptr<FrameSampler>>> m_samplers; // a few recent videos, newest first
    std::atomic<FrameSampler*> m_activeSampler{nullptr};
};

QString stageName(PipelineStage stage);

} // namespace gitvqa
