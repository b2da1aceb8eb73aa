#include "ui/settings/settings_dialog.h"

#include "models/saved_token.h"

#include "ui/translation_loader.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QThread>
#include <QVBoxLayout>

#include <climits>

namespace gitvqa {

namespace {

template <typename W>
W* described(W* w, const QString& name, const QString& description)
{
    w->setAccessibleName(name);
    w->setAccessibleDescription(description);
    w->setToolTip(description);
    return w;
}

} // namespace

SettingsDialog::SettingsDialog(const AppSettings& settings, const QList<DeviceChoice>& devices, int framesPerQuestion,
                               QWidget* parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Settings"));
    setAccessibleName(tr("Settings"));
    setAccessibleDescription(tr("The model, where it runs, and how questions are asked"));

    // The model and where it runs.
    m_modelDir = described(new QLineEdit(this), tr("Model folder"),
                           tr("The folder holding config.json and the weights of a GIT model"));
    m_modelDir->setPlaceholderText(tr("Hugging Face cache (microsoft/git-base-msrvtt-qa)"));
    auto* browse = described(new QPushButton(tr("Browse…"), this), tr("Browse for the model folder"),
                             tr("Choose the model folder in a file dialog"));
    connect(browse, &QPushButton::clicked, this, &SettingsDialog::browse);
    connect(m_modelDir, &QLineEdit::textChanged, this, &SettingsDialog::updateModelProblem);
    auto* folderRow = new QHBoxLayout;
    folderRow->addWidget(m_modelDir, 1);
    folderRow->addWidget(browse);
    m_modelProblem = new QLabel(this);
    m_modelProblem->setWordWrap(true);
    m_modelProblem->setForegroundRole(QPalette::PlaceholderText);

    m_device = described(new QComboBox(this), tr("Device"), tr("Where the model computes"));
    for (const DeviceChoice& d : devices)
        m_device->addItem(d.label, d.value);
    m_dtype = described(new QComboBox(this), tr("Precision"),
                        tr("Number format of the computation: float16 and bfloat16 are faster on GPUs; the CPU uses "
                           "float32"));
    m_dtype->addItem(tr("Automatic (float32 on the CPU, float16 on GPUs)"), QStringLiteral("auto"));
    m_dtype->addItem(tr("float32"), QStringLiteral("float32"));
    m_dtype->addItem(tr("float16"), QStringLiteral("float16"));
    m_dtype->addItem(tr("bfloat16"), QStringLiteral("bfloat16"));
    m_threads = described(new QSpinBox(this), tr("CPU threads"), tr("Threads for computing on the CPU; 0 uses every core"));
    m_threads->setRange(0, std::max(64, QThread::idealThreadCount()));
    m_threads->setSpecialValueText(tr("All cores (%1)").arg(QThread::idealThreadCount()));
    m_weights = described(new QComboBox(this), tr("Weights on the CPU"),
                          tr("How the CPU stores the answer decoder's weights. Smaller weights answer faster and "
                             "differ slightly from float32; they need the CPU with float32 precision"));
    m_weights->addItem(tr("float32 (exact)"), QStringLiteral("float32"));
    m_weights->addItem(tr("bfloat16 (faster, nearly exact)"), QStringLiteral("bf16"));
    m_weights->addItem(tr("int8 (fastest, small drift)"), QStringLiteral("int8"));
    m_frames = described(new QLabel(this), tr("Frames per question"),
                         tr("How many frames of the segment the model looks at; fixed by the model"));
    m_frames->setText(framesPerQuestion > 0 ? QString::number(framesPerQuestion) : tr("known once a model is loaded"));

    auto* modelBox = new QGroupBox(tr("Model"), this);
    auto* modelForm = new QFormLayout(modelBox);
    modelForm->addRow(tr("&Folder:"), folderRow);
    modelForm->addRow(QString(), m_modelProblem);
    modelForm->addRow(tr("&Device:"), m_device);
    modelForm->addRow(tr("&Precision:"), m_dtype);
    modelForm->addRow(tr("CPU &threads:"), m_threads);
    modelForm->addRow(tr("&Weights on the CPU:"), m_weights);
    modelForm->addRow(tr("Frames per question:"), m_frames);

    // Asking.
    m_window = described(new QDoubleSpinBox(this), tr("Window around the playhead"),
                         tr("Without a marked segment, questions are about this many seconds around the playhead"));
    m_window->setRange(AppSettings::kMinWindow, AppSettings::kMaxWindow);
    m_window->setDecimals(1);
    m_window->setSuffix(tr(" s"));
    m_maxTokens = described(new QSpinBox(this), tr("Maximum answer length"), tr("The most word pieces an answer may have"));
    m_maxTokens->setRange(1, AppSettings::kMaxAnswerTokens);
    m_maxTokens->setSuffix(tr(" tokens"));
    m_preEncode = described(new QCheckBox(tr("Prepare the segment while paused"), this), tr("Pre-encoding"),
                            tr("Encode the frames of the segment in the background when playback pauses, the playhead "
                               "is moved or a segment is marked, so the answer starts sooner"));
    auto* askBox = new QGroupBox(tr("Questions"), this);
    auto* askForm = new QFormLayout(askBox);
    askForm->addRow(tr("&Window around the playhead:"), m_window);
    askForm->addRow(tr("Maximum answer &length:"), m_maxTokens);
    askForm->addRow(QString(), m_preEncode);

    // Decoding.
    m_strategy = described(new QComboBox(this), tr("Decoding"), tr("How the answer's words are chosen"));
    m_strategy->addItem(tr("Greedy (most likely word each time)"), decodingStrategyKey(DecodingStrategy::Greedy));
    m_strategy->addItem(tr("Beam search"), decodingStrategyKey(DecodingStrategy::Beam));
    m_strategy->addItem(tr("Sampling"), decodingStrategyKey(DecodingStrategy::Sampling));
    connect(m_strategy, &QComboBox::currentIndexChanged, this, &SettingsDialog::updateDecodingFields);
    m_beams = described(new QSpinBox(this), tr("Beam width"), tr("How many candidate answers beam search keeps"));
    m_beams->setRange(1, 32);
    m_temperature = described(new QDoubleSpinBox(this), tr("Temperature"),
                              tr("Sampling: below 1 is more predictable, above 1 more varied"));
    m_temperature->setRange(0.05, 5.0);
    m_temperature->setSingleStep(0.05);
    m_topP = described(new QDoubleSpinBox(this), tr("Top-p"), tr("Sampling: only the most likely words whose "
                                                                   "probabilities add up to this are considered"));
    m_topP->setRange(0.05, 1.0);
    m_topP->setSingleStep(0.05);
    m_seed = described(new QSpinBox(this), tr("Seed"), tr("Sampling: the same seed gives the same answer again"));
    m_seed->setRange(0, INT_MAX);
    auto* decodingBox = new QGroupBox(tr("Decoding"), this);
    auto* decodingForm = new QFormLayout(decodingBox);
    decodingForm->addRow(tr("&Strategy:"), m_strategy);
    decodingForm->addRow(tr("&Beam width:"), m_beams);
    decodingForm->addRow(tr("T&emperature:"), m_temperature);
    decodingForm->addRow(tr("Top-&p:"), m_topP);
    decodingForm->addRow(tr("S&eed:"), m_seed);

    // The interface language: saved on OK, used from the next start (texts are set once, when the widgets are made).
    auto* language = described(new QComboBox(this), tr("Language"), tr("The language of menus and messages"));
    language->setObjectName(QStringLiteral("languageBox"));
    language->addItem(tr("System language"), QString());
    for (const LanguageChoice& l : availableLanguages())
        language->addItem(l.nativeName, l.code);
    const QString savedLanguage = languageSetting();
    language->setCurrentIndex(std::max(0, language->findData(savedLanguage)));
    auto* restartNote = new QLabel(tr("The new language takes effect after gitvqa is restarted."), this);
    restartNote->setObjectName(QStringLiteral("languageRestartNote"));
    restartNote->setWordWrap(true);
    restartNote->setForegroundRole(QPalette::PlaceholderText);
    restartNote->setVisible(false);
    connect(language, &QComboBox::currentIndexChanged, restartNote, [language, restartNote, savedLanguage] {
        restartNote->setVisible(language->currentData().toString() != savedLanguage);
    });
    connect(this, &QDialog::accepted, language, [language, savedLanguage] {
        if (language->currentData().toString() != savedLanguage)
            setLanguageSetting(language->currentData().toString());
    });
    auto* interfaceBox = new QGroupBox(tr("Interface"), this);
    auto* interfaceForm = new QFormLayout(interfaceBox);
    interfaceForm->addRow(tr("Lan&guage:"), language);
    interfaceForm->addRow(QString(), restartNote);

    // The Hub token: kept in its own owner-only file (models/saved_token.h), not in AppSettings, and saved on OK.
    m_hubToken = described(new QLineEdit(this), tr("Hugging Face access token"),
                           tr("Needed only for gated or private models. Stored in a file only you can read."));
    m_hubToken->setObjectName(QStringLiteral("hubToken"));
    m_hubToken->setEchoMode(QLineEdit::Password);
    m_hubToken->setPlaceholderText(tr("hf_… (only for gated or private models)"));
    m_hubToken->setClearButtonEnabled(true);
    const QString savedToken = savedHubToken().value;
    m_hubToken->setText(savedToken);
    auto* tokenNote = new QLabel(this);
    tokenNote->setWordWrap(true);
    const HubToken environmentToken = hubTokenFromEnvironment();
    tokenNote->setText(savedToken.isEmpty() && !environmentToken.isEmpty()
                           ? tr("Empty: %1 is used.").arg(environmentToken.source)
                           : tr("Create one at huggingface.co/settings/tokens, after accepting the model's terms."));
    connect(this, &QDialog::accepted, m_hubToken, [this, savedToken] {
        if (m_hubToken->text().trimmed() == savedToken)
            return;
        const QString error = saveHubToken(m_hubToken->text());
        if (!error.isEmpty())
            QMessageBox::warning(this, tr("Token not saved"), error);
    });
    auto* hubBox = new QGroupBox(tr("Hugging Face"), this);
    auto* hubForm = new QFormLayout(hubBox);
    hubForm->addRow(tr("Access &token:"), m_hubToken);
    hubForm->addRow(QString(), tokenNote);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel | QDialogButtonBox::RestoreDefaults, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(buttons->button(QDialogButtonBox::RestoreDefaults), &QPushButton::clicked, this, [this] {
        AppSettings defaults;
        defaults.modelDir = m_modelDir->text(); // the folder is not a preference with a default
        setSettings(defaults);
    });

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(modelBox);
    layout->addWidget(askBox);
    layout->addWidget(decodingBox);
    layout->addWidget(interfaceBox);
    layout->addWidget(hubBox);
    layout->addWidget(buttons);

    setSettings(settings);
}

void SettingsDialog::selectData(QComboBox* box, const QString& value, const QString& missingLabel)
{
    int i = box->findData(value);
    if (i < 0) {
        // A value saved on another machine (cuda here without a GPU): kept visible rather than silently replaced.
        box->addItem(missingLabel.arg(value), value);
        i = box->count() - 1;
    }
    box->setCurrentIndex(i);
}

void SettingsDialog::setSettings(const AppSettings& s)
{
    m_modelDir->setText(QDir::toNativeSeparators(s.modelDir));
    selectData(m_device, s.device, tr("%1 (not available on this computer)"));
    selectData(m_dtype, s.dtype, tr("%1"));
    m_threads->setValue(s.threads);
    selectData(m_weights, s.weights, tr("%1"));
    m_window->setValue(s.windowSeconds);
    m_maxTokens->setValue(s.maxAnswerTokens);
    m_preEncode->setChecked(s.preEncode);
    selectData(m_strategy, decodingStrategyKey(s.decoding.strategy), tr("%1"));
    m_beams->setValue(s.decoding.beams);
    m_temperature->setValue(s.decoding.temperature);
    m_topP->setValue(s.decoding.topP);
    m_seed->setValue(int(std::min<quint64>(s.decoding.seed, INT_MAX)));
    updateDecodingFields();
    updateModelProblem();
}

AppSettings SettingsDialog::settings() const
{
    AppSettings s;
    s.modelDir = QDir::fromNativeSeparators(m_modelDir->text().trimmed());
    s.device = m_device->currentData().toString();
    s.dtype = m_dtype->currentData().toString();
    s.threads = m_threads->value();
    s.weights = m_weights->currentData().toString();
    s.windowSeconds = m_window->value();
    s.maxAnswerTokens = m_maxTokens->value();
    s.preEncode = m_preEncode->isChecked();
    s.decoding.strategy = decodingStrategyFromKey(m_strategy->currentData().toString());
    s.decoding.beams = m_beams->value();
    s.decoding.temperature = m_temperature->value();
    s.decoding.topP = m_topP->value();
    s.decoding.seed = quint64(m_seed->value());
    return s;
}

void SettingsDialog::browse()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Choose the model folder"), m_modelDir->text());
    if (!dir.isEmpty())
        m_modelDir->setText(QDir::toNativeSeparators(dir));
}

void SettingsDialog::updateModelProblem()
{
    const QString dir = QDir::fromNativeSeparators(m_modelDir->text().trimmed());
    const QString problem = dir.isEmpty() ? QString() : ModelController::problemWith(dir);
    m_modelProblem->setText(problem);
    m_modelProblem->setVisible(!problem.isEmpty());
}

void SettingsDialog::updateDecodingFields()
{
    const DecodingStrategy s = decodingStrategyFromKey(m_strategy->currentData().toString());
    m_beams->setEnabled(s == DecodingStrategy::Beam);
    for (QWidget* w : {static_cast<QWidget*>(m_temperature), static_cast<QWidget*>(m_topP), static_cast<QWidget*>(m_seed)})
        w->setEnabled(s == DecodingStrategy::Sampling);
}

} // namespace gitvqa
