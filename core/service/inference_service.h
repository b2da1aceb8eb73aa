#pragma once
// The core the GUI drives: owns the model on its own worker thread (the GUI thread never waits on inference or
// decoding), queues requests, pre-encodes segments in the background and reports everything through queued signals.
// Shaped like Qt's Mandelbrot example: one restartable worker, a mutex and a wait condition, cancel flags.

#include "service/answer_pipeline.h"
#include "service/scan_runner.h"

#include <QObject>
#include <QString>
#include <QTimer>

#include <memory>

namespace gitvqa {

struct ModelSummary {
    QString name;   // e.g. "git-base-msrvtt-qa"
    QString dir;
    QString device; // "cpu", "cuda:0"
    QString dtype;
    QString blas;
    int threads = 0;
    int frames = 1; // frames per question
    bool video = false;
    int maxPositions = 0;
    double loadMs = 0;
};

class InferenceWorker;

class InferenceService : public QObject {
    Q_OBJECT
public:
    explicit InferenceService(QObject* parent = nullptr);
    ~InferenceService() override; // cancels everything and joins the worker

    // Loads on the worker with progress; a failure leaves the previous model in use.
    void loadModel(const QString& dir, const EngineOptions& options);
    bool hasModel() const;
    ModelSummary model() const;

    // Queues a question; returns its id (> 0). Requests run in order.
    quint64 ask(const AskRequest& request);
    // One question over consecutive windows (Scan); results stream in window by window. cancel(id) stops it.
    quint64 scan(const ScanRequest& request);
    // A running answer stops within one token; a queued one is dropped (requestFailed with "Cancelled.").
    void cancel(quint64 id);
    void cancelAll();

    // Debounced: after the delay, samples and encodes the segment in the background so a question about it starts
    // from a ready context. A newer call replaces the pending one and stops a running pre-encode.
    void preEncode(const QString& videoPath, const SegmentSpec& segment);
    void setPreEncodingEnabled(bool enabled);
    void setPreEncodeDelay(int ms);
    void setContextBudget(qint64 bytes);
    VisualContextCache::Stats cacheStats() const;

Q_SIGNALS:
    void modelLoading(double fraction, const QString& stage);
    void modelLoaded(const gitvqa::ModelSummary& summary);
    void modelLoadFailed(const QString& message);
    void deviceFallback(const QString& message); // CUDA ran out of memory; the model now runs on the CPU
    void requestAccepted(quint64 id);
    void requestProgress(quint64 id, const QString& stage, double fraction);
    void tokenGenerated(quint64 id, qint64 token, const QString& answerSoFar);
    void requestFinished(quint64 id, const gitvqa::AnswerResult& result);
    void requestFailed(quint64 id, const QString& message);
    void preEncodeFinished(const QString& videoPath, double start, double end, bool reused);
    void scanPlanned(quint64 id, int windows);
    void scanWindowDone(quint64 id, const gitvqa::ScanWindowResult& window);
    void scanProgress(quint64 id, int done, int total, double secondsLeft);
    void scanFinished(quint64 id, bool cancelled);

private:
    friend class InferenceWorker;
    void startPendingPreEncode();

    std::unique_ptr<InferenceWorker> m_worker;
    QTimer m_preEncodeTimer;
    QString m_pendingVideo;
    SegmentSpec m_pendingSegment;
    bool m_preEncodingEnabled = true;
};

} // namespace gitvqa

Q_DECLARE_METATYPE(gitvqa::ModelSummary)
Q_DECLARE_METATYPE(gitvqa::AnswerResult)
Q_DECLARE_METATYPE(gitvqa::ScanWindowResult)
