#include "ui/models/model_controller.h"

#include "models/model_locator.h"

#include "engine/compute_device.h"
#include "service/inference_service.h"
#include "ui/settings/app_settings.h"

#include <QDir>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QtConcurrent>

namespace gitvqa {

namespace {

QList<DeviceChoice> parseDevices(const QString& reported)
{
    QList<DeviceChoice> list{{QStringLiteral("auto"), ModelController::tr("Automatic (CUDA, then MPS, then CPU)")},
                             {QStringLiteral("cpu"), ModelController::tr("CPU")}};
    QStringList cuda;
    bool mps = false;
    for (QString d : reported.split(QStringLiteral(", "), Qt::SkipEmptyParts)) {
        d = d.section(QLatin1Char(' '), 0, 0).trimmed();
        if (d.startsWith(QLatin1String("cuda")))
            cuda << d;
        else if (d == QLatin1String("mps"))
            mps = true;
    }
    if (!cuda.isEmpty()) {
        list.append({QStringLiteral("cuda"), ModelController::tr("CUDA (first GPU)")});
        if (cuda.size() > 1)
            for (const QString& c : cuda)
                list.append({c, ModelController::tr("CUDA, GPU %1").arg(c.section(QLatin1Char(':'), 1))});
    }
    if (mps)
        list.append({QStringLiteral("mps"), ModelController::tr("Apple MPS")});
    return list;
}

} // namespace

ModelController::ModelController(QObject* parent) : QObject(parent)
{
    qRegisterMetaType<gitvqa::LoadedModel>();
    m_service = new InferenceService(this);
    m_devices = parseDevices(QStringLiteral("cpu"));

    connect(m_service, &InferenceService::modelLoading, this, &ModelController::loading);
    connect(m_service, &InferenceService::modelLoaded, this, [this](const ModelSummary& s) {
        m_loading = false;
        m_model = LoadedModel{s.name, s.dir, s.device, s.dtype, s.blas, s.threads, s.frames};
        Q_EMIT loaded(m_model);
    });
    connect(m_service, &InferenceService::modelLoadFailed, this, [this](const QString& message) {
        m_loading = false;
        Q_EMIT loadFailed(message, m_service->hasModel());
    });
    connect(m_service, &InferenceService::deviceFallback, this, [this](const QString& message) {
        const ModelSummary s = m_service->model();
        m_model = LoadedModel{s.name, s.dir, s.device, s.dtype, s.blas, s.threads, s.frames};
        Q_EMIT deviceFallback(message);
        Q_EMIT loaded(m_model);
    });

    connect(m_service, &InferenceService::preEncodeFinished, this, &ModelController::segmentPreEncoded);

    auto* watcher = new QFutureWatcher<QString>(this);
    connect(watcher, &QFutureWatcher<QString>::finished, this, [this, watcher] {
        m_devices = parseDevices(watcher->result());
        watcher->deleteLater();
        Q_EMIT devicesKnown();
    });
    watcher->setFuture(QtConcurrent::run([] { return QString::fromStdString(availableDevices()); }));
}

ModelController::~ModelController() = default; // the service (a child) joins its worker

bool ModelController::hasModel() const { return m_service->hasModel(); }

QString ModelController::findModelDir(const QString& configured)
{
    // A configured folder is used as given, so a broken one is reported rather than silently replaced.
    if (!configured.isEmpty())
        return configured;
    // The same rule as the command-line tool: Hugging Face cache, then the app's own downloads.
    const ModelResolution r = ModelLocator().resolve();
    return r.found ? r.model.path : QString();
}

QString ModelController::problemWith(const QString& dir)
{
    if (dir.isEmpty())
        return tr("No model folder is set, and microsoft/git-base-msrvtt-qa is not in the Hugging Face cache.");
    const QFileInfo info(dir);
    if (!info.isDir())
        return tr("The model folder “%1” does not exist (any more). Choose the folder again.").arg(QDir::toNativeSeparators(dir));
    if (!QFileInfo::exists(QDir(dir).filePath(QStringLiteral("config.json"))))
        return tr("“%1” has no config.json, so it is not a Hugging Face model folder. Choose the folder that holds "
                  "config.json and the weights.").arg(QDir::toNativeSeparators(dir));
    return {};
}

bool ModelController::load(const AppSettings& settings, const QString& overrideDir)
{
    const QString dir = findModelDir(overrideDir.isEmpty() ? settings.modelDir : overrideDir);
    const QString problem = problemWith(dir);
    if (!problem.isEmpty()) {
        if (!m_service->hasModel())
            Q_EMIT missing(problem);
        else
            Q_EMIT loadFailed(problem, true);
        return false;
    }
    m_requestedDir = dir;
    m_loading = true;
    EngineOptions options;
    options.device = settings.device.toStdString();
    options.dtype = settings.dtype.toStdString();
    options.threads = settings.threads;
    options.weights = settings.weights.toStdString();
    Q_EMIT loading(0.0, tr("starting"));
    m_service->loadModel(dir, options);
    return true;
}

void ModelController::setPreEncoding(bool enabled) { m_service->setPreEncodingEnabled(enabled); }

void ModelController::preEncode(const QString& videoPath, const SegmentSpec& segment)
{
    if (m_service->hasModel() && !videoPath.isEmpty())
        m_service->preEncode(videoPath, segment);
}

} // namespace gitvqa
