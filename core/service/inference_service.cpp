#include "service/inference_service.h"

#include "service/inference_worker.h"

namespace gitvqa {

InferenceService::InferenceService(QObject* parent) : QObject(parent)
{
    qRegisterMetaType<gitvqa::ModelSummary>();
    qRegisterMetaType<gitvqa::AnswerResult>();
    qRegisterMetaType<gitvqa::ScanWindowResult>();
    m_worker = std::make_unique<InferenceWorker>(this);
    m_worker->start();
    m_preEncodeTimer.setSingleShot(true);
    m_preEncodeTimer.setInterval(400);
    connect(&m_preEncodeTimer, &QTimer::timeout, this, &InferenceService::startPendingPreEncode);
}

InferenceService::~InferenceService()
{
    m_worker->stop();
    m_worker->wait();
}

void InferenceService::loadModel(const QString& dir, const EngineOptions& options)
{
    InferenceWorker::Job job;
    job.kind = InferenceWorker::Job::Kind::Load;
    job.modelDir = dir;
    job.options = options;
    m_worker->enqueue(std::move(job));
}

bool InferenceService::hasModel() const { return m_worker->hasModel(); }

ModelSummary InferenceService::model() const { return m_worker->summary(); }

quint64 InferenceService::ask(const AskRequest& request)
{
    InferenceWorker::Job job;
    job.kind = InferenceWorker::Job::Kind::Ask;
    job.request = request;
    return m_worker->enqueue(std::move(job));
}

quint64 InferenceService::scan(const ScanRequest& request)
{
    InferenceWorker::Job job;
    job.kind = InferenceWorker::Job::Kind::Scan;
    job.scan = request;
    return m_worker->enqueue(std::move(job));
}

void InferenceService::cancel(quint64 id) { m_worker->cancel(id); }

void InferenceService::cancelAll()
{
    m_preEncodeTimer.stop();
    m_worker->cancelAll();
}

void InferenceService::preEncode(const QString& videoPath, const SegmentSpec& segment)
{
    if (!m_preEncodingEnabled)
        return;
    m_pendingVideo = videoPath;
    m_pendingSegment = segment;
    m_worker->cancelPreEncodes(); // the position moved on: the old segment is no longer interesting
    m_preEncodeTimer.start();
}

void InferenceService::startPendingPreEncode()
{
    if (m_pendingVideo.isEmpty())
        return;
    InferenceWorker::Job job;
    job.kind = InferenceWorker::Job::Kind::PreEncode;
    job.request.videoPath = m_pendingVideo;
    job.request.segment = m_pendingSegment;
    m_pendingVideo.clear();
    m_worker->enqueue(std::move(job));
}

void InferenceService::setPreEncodingEnabled(bool enabled)
{
    m_preEncodingEnabled = enabled;
    if (!enabled) {
        m_preEncodeTimer.stop();
        m_pendingVideo.clear();
        m_worker->cancelPreEncodes();
    }
}

void InferenceService::setPreEncodeDelay(int ms) { m_preEncodeTimer.setInterval(ms); }

void InferenceService::setContextBudget(qint64 bytes) { m_worker->cache()->setBudget(bytes); }

VisualContextCache::Stats InferenceService::cacheStats() const { return m_worker->cache()->stats(); }

} // namespace gitvqa
