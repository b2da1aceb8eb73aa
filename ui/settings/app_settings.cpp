#include "ui/settings/app_settings.h"

#include <QSettings>

#include <algorithm>

namespace gitvqa {

namespace {

// Keys are part of the settings file format; `model/dir` is shared with the command-line tool.
const QString kModelDir = QStringLiteral("model/dir");
const QString kDevice = QStringLiteral("model/device");
const QString kDtype = QStringLiteral("model/dtype");
const QString kThreads = QStringLiteral("model/threads");
const QString kWeights = QStringLiteral("model/weights");
const QString kWindow = QStringLiteral("ask/window_seconds");
const QString kMaxTokens = QStringLiteral("ask/max_answer_tokens");
const QString kPreEncode = QStringLiteral("ask/pre_encode");
const QString kStrategy = QStringLiteral("decoding/strategy");
const QString kBeams = QStringLiteral("decoding/beams");
const QString kTemperature = QStringLiteral("decoding/temperature");
const QString kTopP = QStringLiteral("decoding/top_p");
const QString kSeed = QStringLiteral("decoding/seed");

} // namespace

bool DecodingSettings::operator==(const DecodingSettings& o) const
{
    return strategy == o.strategy && beams == o.beams && qFuzzyCompare(temperature, o.temperature)
        && qFuzzyCompare(topP, o.topP) && seed == o.seed;
}

QString decodingStrategyKey(DecodingStrategy s)
{
    switch (s) {
    case DecodingStrategy::Beam: return QStringLiteral("beam");
    case DecodingStrategy::Sampling: return QStringLiteral("sample");
    case DecodingStrategy::Greedy: break;
    }
    return QStringLiteral("greedy");
}

DecodingStrategy decodingStrategyFromKey(const QString& key)
{
    if (key == QLatin1String("beam"))
        return DecodingStrategy::Beam;
    if (key == QLatin1String("sample"))
        return DecodingStrategy::Sampling;
    return DecodingStrategy::Greedy;
}

AppSettings AppSettings::load(QSettings& s)
{
    AppSettings a;
    a.modelDir = s.value(kModelDir).toString();
    a.device = s.value(kDevice, a.device).toString();
    a.dtype = s.value(kDtype, a.dtype).toString();
    a.threads = std::max(0, s.value(kThreads, a.threads).toInt());
    a.weights = s.value(kWeights, a.weights).toString();
    if (a.weights != QLatin1String("int8") && a.weights != QLatin1String("bf16"))
        a.weights = QStringLiteral("float32");   // an unknown value from another version: the exact default
    // A hand-edited file must not give a window the sampler refuses or an answer length the engine refuses.
    a.windowSeconds = std::clamp(s.value(kWindow, a.windowSeconds).toDouble(), kMinWindow, kMaxWindow);
    a.maxAnswerTokens = std::clamp(s.value(kMaxTokens, a.maxAnswerTokens).toInt(), 1, kMaxAnswerTokens);
    a.preEncode = s.value(kPreEncode, a.preEncode).toBool();
    a.decoding.strategy = decodingStrategyFromKey(s.value(kStrategy).toString());
    a.decoding.beams = std::clamp(s.value(kBeams, a.decoding.beams).toInt(), 1, 32);
    a.decoding.temperature = std::clamp(s.value(kTemperature, a.decoding.temperature).toDouble(), 0.01, 10.0);
    a.decoding.topP = std::clamp(s.value(kTopP, a.decoding.topP).toDouble(), 0.01, 1.0);
    a.decoding.seed = s.value(kSeed, a.decoding.seed).toULongLong();
    return a;
}

AppSettings AppSettings::load()
{
    QSettings s(QStringLiteral("gitvqa"), QStringLiteral("gitvqa"));
    return load(s);
}

void AppSettings::save(QSettings& s) const
{
    s.setValue(kModelDir, modelDir);
    s.setValue(kDevice, device);
    s.setValue(kDtype, dtype);
    s.setValue(kThreads, threads);
    s.setValue(kWeights, weights);
    s.setValue(kWindow, windowSeconds);
    s.setValue(kMaxTokens, maxAnswerTokens);
    s.setValue(kPreEncode, preEncode);
    s.setValue(kStrategy, decodingStrategyKey(decoding.strategy));
    s.setValue(kBeams, decoding.beams);
    s.setValue(kTemperature, decoding.temperature);
    s.setValue(kTopP, decoding.topP);
    s.setValue(kSeed, decoding.seed);
}

void AppSettings::save() const
{
    QSettings s(QStringLiteral("gitvqa"), QStringLiteral("gitvqa"));
    save(s);
}

bool AppSettings::modelChoiceDiffers(const AppSettings& o) const
{
    return modelDir != o.modelDir || device != o.device || dtype != o.dtype || threads != o.threads || weights != o.weights;
}

bool AppSettings::operator==(const AppSettings& o) const
{
    return !modelChoiceDiffers(o) && qFuzzyCompare(windowSeconds, o.windowSeconds)
        && maxAnswerTokens == o.maxAnswerTokens && decoding == o.decoding && preEncode == o.preEncode;
}

} // namespace gitvqa
