#include "service/inference_worker.h"

#include "engine/device_failure.h"

#include <QCoreApplication>
#include <QFileInfo>

namespace gitvqa {

namespace {

ModelSummary summarize(const ModelBundle& m)
{
    const EngineInfo& info = m.engine->info();
    ModelSummary s;
    s.name = m.displayName();
    s.dir = m.dir;
    s.device = QString::fromStdString(info.device);
    s.dtype = QString::fromStdString(info.dtype);
    s.blas = QString::fromStdString(info.blas);
    s.threads = info.threads;
    s.frames = m.framesPerQuestion();
    s.video = m.engine->config().isVideo();
    s.maxPositions = m.engine->config().maxPositionEmbeddings;
    s.loadMs = info.loadMs;
    return s;
}

} // namespace

InferenceWorker::InferenceWorker(InferenceService* service)
    : m_service(service), m_cache(std::make_shared<VisualContextCache>()), m_pipeline(m_cache)
{
    setObjectName(QStringLiteral("gitvqa-inference"));
}

InferenceWorker::~InferenceWorker()
{
    stop();
    wait();
}

quint64 InferenceWorker::enqueue(Job job)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    job.id = m_nextId++;
    if (job.kind != Job::Kind::PreEncode) {
        // Questions and model loads go before background pre-encoding.
        auto it = m_queue.begin();
        while (it != m_queue.end() && it->kind != Job::Kind::PreEncode)
            ++it;
        m_queue.insert(it, job);
    } else {
        m_queue.push_back(job);
    }
    m_wake.notify_one();
    return job.id;
}

void InferenceWorker::cancel(quint64 id)
{
    std::unique_lock<std::mutex> lock(m_mutex);
    if (m_running && m_running->id == id) {
        // The running job polls its own flag, also inside the sampler and the model load.
        *m_running->cancelled = true;
        return;
    }
    for (auto it = m_queue.begin(); it != m_queue.end(); ++it) {
        if (it->id == id) {
            const bool isAsk = it->kind == Job::Kind::Ask || it->kind == Job::Kind::Scan;
            m_queue.erase(it);
            lock.unlock();
            if (isAsk)
                announceDropped(id);
            return;
        }
    }
}

void InferenceWorker::announceDropped(quint64 id)
{
    // Queued even when called on the service's thread, so a dropped request is reported like every other outcome:
    // after the call that caused it returns.
    InferenceService* service = m_service;
    QMetaObject::invokeMethod(
        service, [service, id] { Q_EMIT service->requestFailed(id, QStringLiteral("Cancelled.")); }, Qt::QueuedConnection);
}

void InferenceWorker::cancelAll()
{
    std::vector<quint64> dropped;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        for (const Job& j : m_queue)
            if (j.kind == Job::Kind::Ask || j.kind == Job::Kind::Scan)
                dropped.push_back(j.id);
        m_queue.clear();
        if (m_running && m_running->kind != Job::Kind::Load)
            *m_running->cancelled = true;
    }
    for (quint64 id : dropped)
        announceDropped(id);
}

void InferenceWorker::cancelPreEncodes()
{
    std::lock_guard<std::mutex> lock(m_mutex);
    for (auto it = m_queue.begin(); it != m_queue.end();)
        it = it->kind == Job::Kind::PreEncode ? m_queue.erase(it) : std::next(it);
    if (m_running && m_running->kind == Job::Kind::PreEncode)
        *m_running->cancelled = true;
}

void InferenceWorker::stop()
{
    std::lock_guard<std::mutex> lock(m_mutex);
    m_stop = true;
    m_queue.clear();
    if (m_running)
        *m_running->cancelled = true; // a model load or a video open stops too: Quit never waits on either
    m_wake.notify_one();
}

bool InferenceWorker::hasModel() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_hasModel;
}

ModelSummary InferenceWorker::summary() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_summary;
}

void InferenceWorker::run()
{
    for (;;) {
        std::shared_ptr<Job> job;
        {
            std::unique_lock<std::mutex> lock(m_mutex);
            m_running.reset();
            m_wake.wait(lock, [&] { return m_stop || !m_queue.empty(); });
            if (m_stop)
                break;
            job = std::make_shared<Job>(std::move(m_queue.front()));
            m_queue.pop_front();
            m_running = job;
        }
        switch (job->kind) {
        case Job::Kind::Load: runLoad(*job); break;
        case Job::Kind::Ask: runAsk(*job); break;
        case Job::Kind::PreEncode: runPreEncode(*job); break;
        case Job::Kind::Scan: runScanJob(*job); break;
        }
    }
    // The model is freed on the thread that used it.
    m_model.reset();
}

void InferenceWorker::setModel(std::unique_ptr<ModelBundle> bundle)
{
    m_model = std::move(bundle);
    m_cache->clear(); // contexts of the previous model are useless now
    m_pipeline.frameFeatures().clear();
    const ModelSummary s = summarize(*m_model);
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_summary = s;
        m_hasModel = true;
    }
    Q_EMIT m_service->modelLoaded(s);
}

void InferenceWorker::runLoad(const Job& job)
{
    try {
        auto bundle = ModelBundle::load(
            job.modelDir, job.options,
            [this](double f, const std::string& stage) { Q_EMIT m_service->modelLoading(f, QString::fromStdString(stage)); },
            [flag = job.cancelled] { return flag->load(); });
        m_modelOptions = job.options;
        setModel(std::move(bundle));
    } catch (const UserError& e) {
        // Cancelled only by stop() (quit): nobody is left to tell, and the previous model stays.
        if (e.kind() != UserError::Kind::Cancelled)
            Q_EMIT m_service->modelLoadFailed(e.message());
    } catch (const std::exception& e) {
        Q_EMIT m_service->modelLoadFailed(QCoreApplication::translate("gitvqa::Service", "The model cannot be loaded: %1").arg(QString::fromUtf8(e.what())));
    }
}

void InferenceWorker::runAsk(const Job& job)
{
    const quint64 id = job.id;
    Q_EMIT m_service->requestAccepted(id);
    if (!m_model) {
        Q_EMIT m_service->requestFailed(id, QCoreApplication::translate("gitvqa::Service", "No model is loaded. Choose a model folder in Settings."));
        return;
    }
    PipelineCallbacks cb;
    cb.cancelled = [flag = job.cancelled] { return flag->load(); };
    cb.progress = [this, id](PipelineStage stage, double f) { Q_EMIT m_service->requestProgress(id, stageName(stage), f); };
    cb.onToken = [this, id, flag = job.cancelled](std::int64_t token, const QString& soFar) {
        Q_EMIT m_service->tokenGenerated(id, token, soFar);
        return !flag->load();
    };
    for (int attempt = 0; attempt < 2; ++attempt) {
        try {
            AnswerResult r = m_pipeline.answer(*m_model, job.request, cb);
            if (job.cancelled->load())
                r.stopReason = QStringLiteral("stopped");
            Q_EMIT m_service->requestFinished(id, r);
            return;
        } catch (const std::exception& e) {
            // Also CUBLAS_STATUS_ALLOC_FAILED, and the sentence an encoding failure was wrapped in (UserError).
            if (attempt == 0 && isOutOfDeviceMemory(e) && m_model->engine->device().is_cuda()) {
                // The GPU ran out of memory: carry on on the CPU rather than failing every question.
                try {
                    EngineOptions cpu = m_modelOptions;
                    cpu.device = "cpu";
                    cpu.dtype = "float32";
                    const QString dir = m_model->dir;
                    m_model.reset();
                    setModel(ModelBundle::load(dir, cpu));
                    Q_EMIT m_service->deviceFallback(QCoreApplication::translate("gitvqa::Service", "The GPU ran out of memory, so the model now runs "
                                                                                                    "on the CPU (slower). Close other GPU programs and "
                                                                                                    "reload the model to use the GPU again."));
                    continue;
                } catch (const std::exception& again) {
                    // The GPU model is gone and no CPU one came: say so, or the UI keeps offering a model.
                    const auto* user = dynamic_cast<const UserError*>(&again);
                    const QString why = user ? user->message() : QString::fromStdString(describeFailure(again));
                    {
                        std::lock_guard<std::mutex> lock(m_mutex);
                        m_hasModel = false;
                        m_summary = ModelSummary{};
                    }
                    Q_EMIT m_service->modelLoadFailed(why);
                    Q_EMIT m_service->requestFailed(id, QCoreApplication::translate("gitvqa::Service", "The GPU ran out of memory and the CPU fallback "
                                                                                                       "failed: %1").arg(why));
                    return;
                }
            }
            if (const auto* user = dynamic_cast<const UserError*>(&e)) {
                Q_EMIT m_service->requestFailed(id, user->message());
                return;
            }
            Q_EMIT m_service->requestFailed(id, QCoreApplication::translate("gitvqa::Service", "The answer failed: %1").arg(QString::fromStdString(describeFailure(e))));
            return;
        }
    }
}

void InferenceWorker::runPreEncode(const Job& job)
{
    if (!m_model)
        return;
    PipelineCallbacks cb;
    cb.cancelled = [flag = job.cancelled] { return flag->load(); };
    try {
        bool reused = false;
        const auto seg = m_pipeline.encodeSegment(*m_model, job.request.videoPath, job.request.segment, cb, &reused);
        Q_EMIT m_service->preEncodeFinished(job.request.videoPath, seg->start, seg->end, reused);
    } catch (const std::exception&) {
        // Pre-encoding is a speed-up: a failure here shows up, with its message, when the question is asked.
    }
}

void InferenceWorker::runScanJob(const Job& job)
{
    const quint64 id = job.id;
    Q_EMIT m_service->requestAccepted(id);
    if (!m_model) {
        Q_EMIT m_service->requestFailed(id, QCoreApplication::translate("gitvqa::Service", "No model is loaded. Choose a model folder in Settings."));
        return;
    }
    ScanCallbacks cb;
    cb.cancelled = [flag = job.cancelled] { return flag->load(); };
    cb.planned = [this, id](int total) { Q_EMIT m_service->scanPlanned(id, total); };
    cb.windowDone = [this, id](const ScanWindowResult& w) { Q_EMIT m_service->scanWindowDone(id, w); };
    cb.progress = [this, id](int done, int total, double left) { Q_EMIT m_service->scanProgress(id, done, total, left); };
    try {
        const ScanOutcome out = runScan(m_pipeline, *m_model, job.scan, cb);
        Q_EMIT m_service->scanFinished(id, out.cancelled);
    } catch (const UserError& e) {
        Q_EMIT m_service->requestFailed(id, e.message());
    } catch (const std::exception& e) {
        Q_EMIT m_service->requestFailed(id, QCoreApplication::translate("gitvqa::Service", "The scan failed: %1").arg(QString::fromUtf8(e.what())));
    }
}

} // namespace gitvqa
