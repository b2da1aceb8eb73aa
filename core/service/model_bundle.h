#pragma once
// Everything one checkpoint folder provides, loaded together: the engine, the tokenizer and the image
// preprocessing. Loading throws UserError with a message that names the folder and the next step.

#include "engine/git_engine.h"
#include "media/image_preprocessor.h"
#include "text/wordpiece_tokenizer.h"

#include <QString>

#include <memory>
#include <stdexcept>

namespace gitvqa {

// A failure whose message is meant for the person using the app (what went wrong and what to do next).
class UserError : public std::runtime_error {
public:
    enum class Kind { Input, Media, Model, Engine, Cancelled };
    explicit UserError(const QString& message, Kind kind = Kind::Input)
        : std::runtime_error(message.toStdString()), m_kind(kind)
    {
    }
    QString message() const { return QString::fromStdString(what()); }
    Kind kind() const { return m_kind; }

private:
    Kind m_kind;
};

struct ModelBundle {
    QString dir;
    QString id; // the folder, made absolute: identifies the model in caches and transcripts
    std::unique_ptr<GitEngine> engine;
    std::unique_ptr<WordPieceTokenizer> tokenizer;
    PreprocessorConfig preprocessor;

    int framesPerQuestion() const { return engine->config().framesPerInput(); }
    QString displayName() const; // e.g. "git-base-msrvtt-qa"

    // `cancelled` is polled between tensors: throws UserError of kind Cancelled soon after it says yes.
    static std::unique_ptr<ModelBundle> load(const QString& dir, const EngineOptions& options,
                                             const LoadProgress& progress = {},
                                             const std::function<bool()>& cancelled = {});
};

} // namespace gitvqa
