#include "service/model_bundle.h"

#include "service/core_messages.h"

#include "engine/engine_error.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace gitvqa {

QString ModelBundle::displayName() const
{
    // Hugging Face cache folders are .../models--ORG--NAME/snapshots/REV: show NAME, not the revision hash.
    const QStringList parts = QDir::cleanPath(id).split(QLatin1Char('/'));
    for (const QString& p : parts) {
        if (p.startsWith(QLatin1String("models--")))
            return p.section(QStringLiteral("--"), -1);
    }
    return QFileInfo(id).fileName();
}

std::unique_ptr<ModelBundle> ModelBundle::load(const QString& dir, const EngineOptions& options,
                                               const LoadProgress& progress, const std::function<bool()>& cancelled)
{
    if (dir.isEmpty())
        throw UserError(QCoreApplication::translate("gitvqa::Service", "No model folder is set. Choose the folder of microsoft/git-base-msrvtt-qa "
                                                                       "(it holds config.json and model.safetensors)."), UserError::Kind::Model);
    if (!QFileInfo(dir).isDir())
        throw UserError(QCoreApplication::translate("gitvqa::Service", "The model folder %1 does not exist. Choose another folder or download the "
                                                                       "model again.").arg(dir), UserError::Kind::Model);
    auto bundle = std::make_unique<ModelBundle>();
    bundle->dir = dir;
    bundle->id = QFileInfo(dir).canonicalFilePath();

    QString tokenizerError;
    auto tokenizer = WordPieceTokenizer::fromModelDir(dir, &tokenizerError);
    if (!tokenizer)
        throw UserError(QCoreApplication::translate("gitvqa::Service", "The model's vocabulary cannot be read: %1").arg(tokenizerError), UserError::Kind::Model);
    bundle->tokenizer = std::make_unique<WordPieceTokenizer>(std::move(*tokenizer));

    const QString preprocessorPath = QDir(dir).filePath(QStringLiteral("preprocessor_config.json"));
    if (!QFileInfo::exists(preprocessorPath))
        throw UserError(QCoreApplication::translate("gitvqa::Service", "%1 is missing: the model folder is incomplete. Download the model again.")
                            .arg(preprocessorPath), UserError::Kind::Model);
    std::string preprocessorError;
    auto preprocessor = PreprocessorConfig::fromFile(preprocessorPath.toStdString(), &preprocessorError);
    if (!preprocessor)
        throw UserError(translateCoreMessage(preprocessorError), UserError::Kind::Model);
    bundle->preprocessor = *preprocessor;

    try {
        bundle->engine = GitEngine::load(dir.toStdString(), options, progress, cancelled);
    } catch (const EngineCancelled&) {
        throw UserError(QStringLiteral("Cancelled."), UserError::Kind::Cancelled);
    } catch (const EngineError& e) {
        throw UserError(QCoreApplication::translate("gitvqa::Service", "The model cannot be loaded: %1").arg(translateCoreMessage(std::string(e.what()))), UserError::Kind::Model);
    }
    const GitConfig& c = bundle->engine->config();
    if (bundle->tokenizer->vocabSize() > c.vocabSize)
        throw UserError(QCoreApplication::translate("gitvqa::Service", "The vocabulary (%1 tokens) is larger than the model's (%2): the folder mixes "
                                                                       "files of different models.").arg(bundle->tokenizer->vocabSize()).arg(c.vocabSize), UserError::Kind::Model);
    int width = 0, height = 0;
    bundle->preprocessor.outputSize(640, 480, &width, &height);
    if (width != c.vision.imageSize || height != c.vision.imageSize)
        throw UserError(QCoreApplication::translate("gitvqa::Service", "preprocessor_config.json makes %1x%2 images but the model expects %3x%3: the "
                                                                       "folder mixes files of different models.").arg(width).arg(height).arg(c.vision.imageSize), UserError::Kind::Model);
    return bundle;
}

} // namespace gitvqa
