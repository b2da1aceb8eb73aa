#pragma once
// The user's choices, read from and written to QSettings ("gitvqa"/"gitvqa"). Plain data so widgets and tests can
// copy, compare and edit it without touching the registry; the command-line tool reads the same `model/dir` key.

#include <QString>
#include <QtGlobal>

class QSettings;

namespace gitvqa {

// Saved as strings, never as numbers: reordering the enum must not change what old settings files mean.
enum class DecodingStrategy { Greedy, Beam, Sampling };

struct DecodingSettings {
    DecodingStrategy strategy = DecodingStrategy::Greedy;
    int beams = 3;
    double temperature = 1.0;
    double topP = 0.9;
    quint64 seed = 0;

    bool operator==(const DecodingSettings& o) const;
    bool operator!=(const DecodingSettings& o) const { return !(*this == o); }
};

struct AppSettings {
    // The model and where it runs; changing any of these reloads the model.
    QString modelDir;
    QString device = QStringLiteral("auto");  // auto, cpu, cuda, cuda:N, mps
    QString dtype = QStringLiteral("auto");   // auto, float32, float16, bfloat16
    int threads = 0;                          // 0 = all cores
    QString weights = QStringLiteral("float32"); // CPU only: float32, int8 or bf16 storage of the decoder's weights

    // Asking.
    double windowSeconds = 10.0; // sampled around the playhead when no segment is marked
    int maxAnswerTokens = 20;
    DecodingSettings decoding;
    bool preEncode = true;

    static constexpr double kMinWindow = 1.0;
    static constexpr double kMaxWindow = 120.0;
    static constexpr int kMaxAnswerTokens = 1000;

    static AppSettings load(QSettings& settings);
    static AppSettings load(); // from the application's QSettings
    void save(QSettings& settings) const;
    void save() const;

    bool modelChoiceDiffers(const AppSettings& o) const;
    bool operator==(const AppSettings& o) const;
    bool operator!=(const AppSettings& o) const { return !(*this == o); }
};

QString decodingStrategyKey(DecodingStrategy s);
DecodingStrategy decodingStrategyFromKey(const QString& key);

} // namespace gitvqa
