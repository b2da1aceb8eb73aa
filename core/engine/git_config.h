#pragma once
// GIT's config.json (GitConfig + GitVisionConfig) and generation_config.json, read with every size the model uses.
// Values the engine does not implement are refused with a message naming the field, never silently ignored.

#include <cstdint>
#include <optional>
#include <string>

namespace gitvqa {

enum class Activation { GeluErf, GeluTanh, QuickGelu, Relu, Silu };

struct GitVisionConfig {
    int hiddenSize = 768;
    int intermediateSize = 3072;
    int numHiddenLayers = 12;
    int numAttentionHeads = 12;
    int numChannels = 3;
    int imageSize = 224;
    int patchSize = 16;
    Activation hiddenAct = Activation::QuickGelu;
    double layerNormEps = 1e-5;

    int patchesPerSide() const { return imageSize / patchSize; }
    int tokensPerImage() const { return patchesPerSide() * patchesPerSide() + 1; } // + class token
    int headDim() const { return hiddenSize / numAttentionHeads; }
};

struct GitConfig {
    int vocabSize = 30522;
    int hiddenSize = 768;
    int numHiddenLayers = 6;
    int numAttentionHeads = 12;
    int intermediateSize = 3072;
    Activation hiddenAct = Activation::GeluErf;
    int maxPositionEmbeddings = 1024;
    double layerNormEps = 1e-12;
    bool tieWordEmbeddings = false;
    std::int64_t bosTokenId = 101;
    std::int64_t eosTokenId = 102;
    std::int64_t padTokenId = 0;
    std::optional<int> numImageWithEmbedding; // frames of a video checkpoint; empty for single-image checkpoints
    GitVisionConfig vision;

    int headDim() const { return hiddenSize / numAttentionHeads; }
    int framesPerInput() const { return numImageWithEmbedding.value_or(1); }
    bool isVideo() const { return numImageWithEmbedding.has_value(); }
    int imageTokens() const { return framesPerInput() * vision.tokensPerImage(); }

    // Throws EngineError naming the file and field. generation_config.json, when present, overrides the token ids.
    static GitConfig fromFile(const std::string& configJson);
    static GitConfig fromJsonText(const std::string& text, const std::string& origin);
    void applyGenerationConfig(const std::string& generationConfigJson);

    // microsoft/git-base-msrvtt-qa's shape (the benchmark's random-init model).
    static GitConfig gitBaseVideo();
};

const char* activationName(Activation a);

} // namespace gitvqa
