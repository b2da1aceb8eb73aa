#include "service/core_messages.h"

#include <QCoreApplication>
#include <QRegularExpression>

#include <vector>

namespace gitvqa {

namespace {

struct Template {
    const char* context;
    const char* text;
};

// lupdate reads these (QT_TRANSLATE_NOOP); the matching below uses the same English text.
const Template kTemplates[] = {
    // core/media/video_decoder.cpp, video_decoder_info.cpp: opening and reading a video.
    {"gitvqa::Media", QT_TRANSLATE_NOOP("gitvqa::Media", "No video file given.")},
    {"gitvqa::Media", QT_TRANSLATE_NOOP("gitvqa::Media", "File not found: %1")},
    {"gitvqa::Media", QT_TRANSLATE_NOOP("gitvqa::Media", "This is a folder, not a video file: %1")},
    {"gitvqa::Media", QT_TRANSLATE_NOOP("gitvqa::Media", "The file is empty: %1")},
    {"gitvqa::Media", QT_TRANSLATE_NOOP("gitvqa::Media", "Out of memory opening %1")},
    {"gitvqa::Media", QT_TRANSLATE_NOOP("gitvqa::Media", "Cannot read the file (permission denied): %1")},
    {"gitvqa::Media", QT_TRANSLATE_NOOP("gitvqa::Media", "Timed out or cancelled while opening %1")},
    {"gitvqa::Media", QT_TRANSLATE_NOOP("gitvqa::Media", "Not a video file FFmpeg can read (unknown format, or the file is truncated or corrupt): %1")},
    {"gitvqa::Media", QT_TRANSLATE_NOOP("gitvqa::Media", "Not a video file FFmpeg can read: this looks like a text file.")},
    {"gitvqa::Media", QT_TRANSLATE_NOOP("gitvqa::Media", "The video data is corrupt (%1).")},
    {"gitvqa::Media", QT_TRANSLATE_NOOP("gitvqa::Media", "Timed out or cancelled while reading the video.")},
    {"gitvqa::Media", QT_TRANSLATE_NOOP("gitvqa::Media", "The file contains no video data: it is truncated or corrupt.")},
    {"gitvqa::Media", QT_TRANSLATE_NOOP("gitvqa::Media", "The video stream has no picture size: the file is truncated or corrupt.")},
    // core/media/image_preprocessor.cpp: the model folder's preprocessor_config.json.
    {"gitvqa::Media", QT_TRANSLATE_NOOP("gitvqa::Media", "cannot open %1")},
    {"gitvqa::Media", QT_TRANSLATE_NOOP("gitvqa::Media", "preprocessor_config.json: malformed JSON: %1")},
    {"gitvqa::Media", QT_TRANSLATE_NOOP("gitvqa::Media", "preprocessor_config.json: the top level must be a JSON object")},
    // core/engine/compute_device.cpp: the device and precision chosen in Settings.
    {"gitvqa::Engine", QT_TRANSLATE_NOOP("gitvqa::Engine", "CUDA was requested but no CUDA device is available (this libtorch build or machine has none); choose device cpu or auto")},
    {"gitvqa::Engine", QT_TRANSLATE_NOOP("gitvqa::Engine", "Unknown device '%1' (use auto, cpu, cuda, cuda:N or mps)")},
    {"gitvqa::Engine", QT_TRANSLATE_NOOP("gitvqa::Engine", "Unknown device '%1'")},
    {"gitvqa::Engine", QT_TRANSLATE_NOOP("gitvqa::Engine", "CUDA device %1 does not exist (%2 available)")},
    {"gitvqa::Engine", QT_TRANSLATE_NOOP("gitvqa::Engine", "MPS (Apple GPU) was requested but is not available on this machine; choose cpu or auto")},
    {"gitvqa::Engine", QT_TRANSLATE_NOOP("gitvqa::Engine", "Unknown precision '%1' (use auto, float32, float16 or bfloat16)")},
    {"gitvqa::Engine", QT_TRANSLATE_NOOP("gitvqa::Engine", "float16 is not supported on the CPU; choose float32 or bfloat16")},
    // core/engine/checkpoint_files.cpp, git_config.cpp: what the model folder holds.
    {"gitvqa::Engine", QT_TRANSLATE_NOOP("gitvqa::Engine", "No weights in %1: expected model.safetensors, model.safetensors.index.json or pytorch_model.bin")},
    {"gitvqa::Engine", QT_TRANSLATE_NOOP("gitvqa::Engine", "Cannot read %1: the file is missing or unreadable")},
};

// "File not found: %1" -> ^File not found: (.*)$, the placeholders' numbers in the order they appear.
QRegularExpression patternOf(const QString& text, std::vector<int>* order)
{
    static const QRegularExpression placeholder(QStringLiteral("%([1-9])"));
    QString pattern = QStringLiteral("^");
    int last = 0;
    for (auto it = placeholder.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        pattern += QRegularExpression::escape(text.mid(last, m.capturedStart() - last)) + QStringLiteral("(.*)");
        order->push_back(m.captured(1).toInt());
        last = m.capturedEnd();
    }
    pattern += QRegularExpression::escape(text.mid(last)) + QStringLiteral("$");
    return QRegularExpression(pattern, QRegularExpression::DotMatchesEverythingOption);
}

} // namespace

QString translateCoreMessage(const QString& english)
{
    for (const Template& t : kTemplates) {
        const QString text = QString::fromUtf8(t.text);
        std::vector<int> order;
        const QRegularExpressionMatch m = patternOf(text, &order).match(english);
        if (!m.hasMatch())
            continue;
        QString out = QCoreApplication::translate(t.context, t.text);
        // Placeholders filled by number, so a translation may put them in another order.
        std::vector<QString> args(10);
        for (size_t i = 0; i < order.size(); ++i)
            args[size_t(order[i])] = m.captured(int(i) + 1);
        for (int n = 9; n >= 1; --n)
            out.replace(QStringLiteral("%") + QString::number(n), args[size_t(n)]);
        return out;
    }
    return english;
}

QString translateCoreMessage(const std::string& english) { return translateCoreMessage(QString::fromStdString(english)); }

} // namespace gitvqa
