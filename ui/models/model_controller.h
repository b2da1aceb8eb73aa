#pragma once
// The model side of the window: owns the InferenceService (the worker thread), finds the model the settings name,
// loads it there, and reports loading, failures and the CUDA→CPU fallback in terms the window shows. The only
// header of the UI that knows the service exists; libtorch stays out of every other translation unit.

#include "service/segment_spec.h"

#include <QList>
#include <QMetaType>
#include <QObject>
#include <QString>

namespace gitvqa {

class InferenceService;
struct AppSettings;

struct LoadedModel {
    QString name;
    QString dir;
    QString device;
    QString dtype;
    QString blas;
    int threads = 0;
    int frames = 0; // frames per question
};

struct DeviceChoice {
    QString value; // as saved: "auto", "cpu", "cuda", "cuda:1", "mps"
    QString label;
};

class ModelController : public QObject {
    Q_OBJECT
public:
    explicit ModelController(QObject* parent = nullptr);
    ~ModelController() override;

    InferenceService* service() const { return m_service; }

    // Starts loading the model `settings` name (or `overrideDir`), else the one in the Hugging Face cache.
    // Returns false, after emitting missing(), when there is no folder to load.
    bool load(const AppSettings& settings, const QString& overrideDir = QString());
    bool hasModel() const;
    bool isLoading() const { return m_loading; }
    const LoadedModel& model() const { return m_model; }
    QString requestedDir() const { return m_requestedDir; }

    void setPreEncoding(bool enabled);
    void preEncode(const QString& videoPath, const SegmentSpec& segment);

    // The configured folder when set, else microsoft/git-base-msrvtt-qa in the Hugging Face cache (the rule the
    // command-line tool follows), else "".
    static QString findModelDir(const QString& configured);
    // Why `dir` cannot be a model folder, in plain words; "" when it looks like one.
    static QString problemWith(const QString& dir);

    // Devices this machine offers, found once on a pool thread (CUDA initialisation can take a while).
    QList<DeviceChoice> deviceChoices() const { return m_devices; }

Q_SIGNALS:
    void loading(double fraction, const QString& stage);
    void loaded(const gitvqa::LoadedModel& model);
    void loadFailed(const QString& message, bool previousModelKept);
    void missing(const QString& reason);
    void deviceFallback(const QString& message);
    void devicesKnown();
    void segmentPreEncoded(const QString& videoPath, double start, double end, bool alreadyEncoded);

private:
    InferenceService* m_service = nullptr;
    LoadedModel m_model;
    QString m_requestedDir;
    bool m_loading = false;
    QList<DeviceChoice> m_devices;
};

} // namespace gitvqa

Q_DECLARE_METATYPE(gitvqa::LoadedModel)
