#pragma once
// The thread behind InferenceService: a queue of jobs (load a model, answer a question, pre-encode a segment)
// processed one at a time, each with its own cancel flag that the running generation polls once per token.

#include "service/answer_pipeline.h"
#include "service/inference_service.h"

#include <QThread>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>

namespace gitvqa {

class InferenceWorker : public QThread {
public:
    explicit InferenceWorker(InferenceService* service);
    ~InferenceWorker() override;

    struct Job {
        enum class Kind { Load, Ask, PreEncode, Scan } kind = Kind::Ask;
        quint64 id = 0;
        AskRequest request;          // Ask; PreEncode uses videoPath + segment
        ScanRequest scan;            // Scan
        QString modelDir;            // Load
        EngineOptions options;       // Load
        std::shared_ptr<std::atomic_bool> cancelled = std::make_shared<std::atomic_bool>(false);
    };

    quint64 enqueue(Job job);
    void cancel(quint64 id);
    void cancelAll();
    void cancelPreEncodes();
    void stop();

    bool hasModel() const;
    ModelSummary summary() const;
    std::shared_ptr<VisualContextCache> cache() const { return m_cache; }

protected:
    void run() override;

private:
    void runLoad(const Job& job);
    void runAsk(const Job& job);
    void runPreEncode(const Job& job);
    void runScanJob(const Job& job);
    void setModel(std::unique_ptr<ModelBundle> bundle);
    void announceDropped(quint64 id);

    InferenceService* m_service; // signals are emitted through it; it outlives the thread
    std::shared_ptr<VisualContextCache> m_cache;
    AnswerPipeline m_pipeline;
    std::unique_ptr<ModelBundle> m_model; // touched only on this thread
    EngineOptions m_modelOptions;

    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<Job> m_queue;
    std::shared_ptr<Job> m_running;
    bool m_stop = false;
    quint64 m_nextId = 1;
    ModelSummary m_summary;
    bool m_hasModel = false;
};

} // namespace gitvqa
