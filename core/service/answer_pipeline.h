#pragma once
// From a video file, a segment and a typed question to a streamed answer, on the calling thread:
// sample frames → preprocess → encode (or reuse a cached visual context) → tokenize → generate → detokenize.
// The service runs it on its worker thread; the command-line tool runs it directly.

#include "engine/generation.h"
#include "media/video_info.h"
#include "service/encoded_segment.h"
#include "service/frame_feature_cache.h"
#include "service/model_bundle.h"
#include "service/segment_spec.h"
#include "service/visual_context_cache.h"

#include <QString>
#include <QStringList>

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
    std::function<bool()> cancelled; // polled between stages, and by the sampler while it opens and decodes
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
    // `cancelled` is polled while the video opens (a pipe or stalled share that never delivers data).
    VideoInfo videoInfo(const QString& videoPath, const std::function<bool()>& cancelled = {});

    // Cancelling is the request's own business: its PipelineCallbacks::cancelled is polled inside the sampler, so no
    // other thread ever needs a pointer to a sampler that this one may close (issue 13: Stop meeting a fifth video).
    VisualContextCache& cache() { return *m_cache; }
    FrameFeatureCache& frameFeatures() { return *m_frameFeatures; }

private:
    struct OpenSampler {
        QString identity; // path + inode + size + modification time (media/file_identity.h)
        std::shared_ptr<FrameSampler> sampler;
    };
    // The open sampler of the file as it is now: a file changed since it was opened is opened again.
    std::shared_ptr<FrameSampler> samplerFor(const QString& videoPath, const std::function<bool()>& cancelled,
                                             QString* identity = nullptr);

    std::shared_ptr<VisualContextCache> m_cache;
    std::shared_ptr<FrameFeatureCache> m_frameFeatures;
    std::mutex m_samplersMutex;
    std::list<OpenSampler> m_samplers; // a few recent videos, newest first
};

QString stageName(PipelineStage stage);

} // namespace gitvqa
