#pragma once
// File → Settings: the model folder and where it runs, how questions are asked (window around the playhead,
// answer length, decoding, pre-encoding). Edits a copy of AppSettings; the window saves it and reloads the model
// when the model, device, precision or threads changed.

#include "ui/settings/app_settings.h"
#include "ui/models/model_controller.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace gitvqa {

class SettingsDialog : public QDialog {
    Q_OBJECT
public:
    // `framesPerQuestion` comes from the loaded model (0: no model yet).
    SettingsDialog(const AppSettings& settings, const QList<DeviceChoice>& devices, int framesPerQuestion,
                   QWidget* parent = nullptr);

    void setSettings(const AppSettings& settings);
    AppSettings settings() const;

    QLineEdit* modelDirEdit() const { return m_modelDir; }
    QComboBox* deviceBox() const { return m_device; }
    QComboBox* dtypeBox() const { return m_dtype; }
    QSpinBox* threadsBox() const { return m_threads; }
    QComboBox* weightsBox() const { return m_weights; }
    QLabel* framesLabel() const { return m_frames; }
    QDoubleSpinBox* windowBox() const { return m_window; }
    QSpinBox* maxTokensBox() const { return m_maxTokens; }
    QComboBox* strategyBox() const { return m_strategy; }
    QSpinBox* beamsBox() const { return m_beams; }
    QDoubleSpinBox* temperatureBox() const { return m_temperature; }
    QDoubleSpinBox* topPBox() const { return m_topP; }
    QSpinBox* seedBox() const { return m_seed; }
    QCheckBox* preEncodeBox() const { return m_preEncode; }
    QLineEdit* hubTokenEdit() const { return m_hubToken; }

private:
    void browse();
    void updateModelProblem();
    void updateDecodingFields();
    static void selectData(QComboBox* box, const QString& value, const QString& missingLabel);

    QLineEdit* m_modelDir = nullptr;
    QLineEdit* m_hubToken = nullptr;
    QLabel* m_modelProblem = nullptr;
    QComboBox* m_device = nullptr;
    QComboBox* m_dtype = nullptr;
    QSpinBox* m_threads = nullptr;
    QComboBox* m_weights = nullptr;
    QLabel* m_frames = nullptr;
    QDoubleSpinBox* m_window = nullptr;
    QSpinBox* m_maxTokens = nullptr;
    QComboBox* m_strategy = nullptr;
    QSpinBox* m_beams = nullptr;
    QDoubleSpinBox* m_temperature = nullptr;
    QDoubleSpinBox* m_topP = nullptr;
    QSpinBox* m_seed = nullptr;
    QCheckBox* m_preEncode = nullptr;
};

} // namespace gitvqa
