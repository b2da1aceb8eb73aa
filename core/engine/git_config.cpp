#include "git_config.h"

#include "engine_error.h"

#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

namespace gitvqa {

namespace {

using nlohmann::json;

std::string readFile(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw EngineError("Cannot read " + path + ": the file is missing or unreadable");
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

class FieldReader {
public:
    FieldReader(const json& object, std::string origin, std::string prefix)
        : m_object(object), m_origin(std::move(origin)), m_prefix(std::move(prefix))
    {
    }

    [[noreturn]] void fail(const std::string& key, const std::string& what) const
    {
        throw EngineError(m_origin + ": field '" + m_prefix + key + "' " + what);
    }

    // A field the engine cannot run without: Hugging Face always writes these for GIT.
    int requiredInt(const std::string& key, int minimum = 1) const
    {
        if (!m_object.contains(key) || m_object[key].is_null())
            fail(key, "is missing");
        return checkedInt(key, minimum);
    }

    int optionalInt(const std::string& key, int fallback, int minimum = 1) const
    {
        if (!m_object.contains(key) || m_object[key].is_null())
            return fallback;
        return checkedInt(key, minimum);
    }

    double optionalEpsilon(const std::string& key, double fallback) const
    {
        if (!m_object.contains(key) || m_object[key].is_null())
            return fallback;
        if (!m_object[key].is_number())
            fail(key, "must be a number, found " + m_object[key].dump());
        const double v = m_object[key].get<double>();
        if (!(v > 0.0 && v < 1.0))
            fail(key, "must lie between 0 and 1, found " + m_object[key].dump());
        return v;
    }

    std::optional<std::string> optionalString(const std::string& key) const
    {
        if (!m_object.contains(key) || m_object[key].is_null())
            return std::nullopt;
        if (!m_object[key].is_string())
            fail(key, "must be a string, found " + m_object[key].dump());
        return m_object[key].get<std::string>();
    }

    bool optionalBool(const std::string& key, bool fallback) const
    {
        if (!m_object.contains(key) || m_object[key].is_null())
            return fallback;
        if (!m_object[key].is_boolean())
            fail(key, "must be true or false, found " + m_object[key].dump());
        return m_object[key].get<bool>();
    }

    Activation activation(const std::string& key, Activation fallback) const
    {
        const auto name = optionalString(key);
        if (!name)
            return fallback;
        if (*name == "gelu")
            return Activation::GeluErf;
        if (*name == "gelu_new" || *name == "gelu_pytorch_tanh" || *name == "gelu_fast")
            return Activation::GeluTanh;
        if (*name == "quick_gelu")
            return Activation::QuickGelu;
        if (*name == "relu")
            return Activation::Relu;
        if (*name == "silu" || *name == "swish")
            return Activation::Silu;
        fail(key, "has the unsupported activation \"" + *name
                      + "\" (supported: gelu, gelu_new, gelu_pytorch_tanh, gelu_fast, quick_gelu, relu, silu)");
    }

private:
    int checkedInt(const std::string& key, int minimum) const
    {
        const json& v = m_object[key];
        if (!v.is_number_integer())
            fail(key, "must be an integer, found " + v.dump());
        const auto value = v.get<std::int64_t>();
        if (value < minimum || value > (1 << 24))
            fail(key, "is out of range: " + v.dump());
        return static_cast<int>(value);
    }

    const json& m_object;
    std::string m_origin;
    std::string m_prefix;
};

void checkDivisible(const std::string& origin, const char* what, int a, const char* by, int b)
{
    if (b <= 0 || a % b != 0)
        throw EngineError(origin + ": " + what + " (" + std::to_string(a) + ") is not a multiple of " + by + " ("
                          + std::to_string(b) + ")");
}

} // namespace

const char* activationName(Activation a)
{
    switch (a) {
    case Activation::GeluErf: return "gelu";
    case Activation::GeluTanh: return "gelu_tanh";
    case Activation::QuickGelu: return "quick_gelu";
    case Activation::Relu: return "relu";
    case Activation::Silu: return "silu";
    }
    return "?";
}

GitConfig GitConfig::fromFile(const std::string& configJson)
{
    return fromJsonText(readFile(configJson), configJson);
}

GitConfig GitConfig::fromJsonText(const std::string& text, const std::string& origin)
{
    json root;
    try {
        root = json::parse(text);
    } catch (const json::exception& e) {
        throw EngineError(origin + " is not valid JSON (" + e.what() + ")");
    }
    if (!root.is_object())
        throw EngineError(origin + " is not a JSON object");
    const FieldReader top(root, origin, "");
    const auto modelType = top.optionalString("model_type");
    if (!modelType)
        top.fail("model_type", "is missing (expected \"git\")");
    if (*modelType != "git")
        top.fail("model_type", "is \"" + *modelType + "\"; this app runs GIT checkpoints (model_type \"git\")");
    if (const auto pos = top.optionalString("position_embedding_type"); pos && *pos != "absolute")
        top.fail("position_embedding_type", "is \"" + *pos + "\"; only \"absolute\" is supported");

    GitConfig c;
    // The text sizes are always written by transformers; a file without them is not a GIT config we can trust.
    c.vocabSize = top.requiredInt("vocab_size");
    c.hiddenSize = top.requiredInt("hidden_size");
    c.numHiddenLayers = top.requiredInt("num_hidden_layers");
    c.numAttentionHeads = top.requiredInt("num_attention_heads");
    c.intermediateSize = top.requiredInt("intermediate_size");
    c.maxPositionEmbeddings = top.requiredInt("max_position_embeddings");
    c.hiddenAct = top.activation("hidden_act", Activation::GeluErf);
    c.layerNormEps = top.optionalEpsilon("layer_norm_eps", 1e-12);
    c.tieWordEmbeddings = top.optionalBool("tie_word_embeddings", false);
    c.bosTokenId = top.optionalInt("bos_token_id", 101, 0);
    c.eosTokenId = top.optionalInt("eos_token_id", 102, 0);
    c.padTokenId = top.optionalInt("pad_token_id", 0, 0);
    if (root.contains("num_image_with_embedding") && !root["num_image_with_embedding"].is_null())
        c.numImageWithEmbedding = top.requiredInt("num_image_with_embedding");

    if (!root.contains("vision_config") || !root["vision_config"].is_object())
        top.fail("vision_config", "is missing");
    // Hub configs list only the vision fields that differ from GitVisionConfig's defaults.
    const FieldReader vis(root["vision_config"], origin, "vision_config.");
    GitVisionConfig& v = c.vision;
    v.hiddenSize = vis.optionalInt("hidden_size", v.hiddenSize);
    v.intermediateSize = vis.optionalInt("intermediate_size", v.intermediateSize);
    v.numHiddenLayers = vis.optionalInt("num_hidden_layers", v.numHiddenLayers);
    v.numAttentionHeads = vis.optionalInt("num_attention_heads", v.numAttentionHeads);
    v.numChannels = vis.optionalInt("num_channels", v.numChannels);
    v.imageSize = vis.optionalInt("image_size", v.imageSize);
    v.patchSize = vis.optionalInt("patch_size", v.patchSize);
    v.hiddenAct = vis.activation("hidden_act", Activation::QuickGelu);
    v.layerNormEps = vis.optionalEpsilon("layer_norm_eps", v.layerNormEps);

    checkDivisible(origin, "hidden_size", c.hiddenSize, "num_attention_heads", c.numAttentionHeads);
    checkDivisible(origin, "vision_config.hidden_size", v.hiddenSize, "vision_config.num_attention_heads",
                   v.numAttentionHeads);
    checkDivisible(origin, "vision_config.image_size", v.imageSize, "vision_config.patch_size", v.patchSize);
    for (const auto id : {c.bosTokenId, c.eosTokenId, c.padTokenId}) {
        if (id >= c.vocabSize)
            throw EngineError(origin + ": a special token id (" + std::to_string(id) + ") is outside the vocabulary of "
                              + std::to_string(c.vocabSize));
    }
    return c;
}

void GitConfig::applyGenerationConfig(const std::string& generationConfigJson)
{
    json root;
    try {
        root = json::parse(readFile(generationConfigJson));
    } catch (const json::exception& e) {
        throw EngineError(generationConfigJson + " is not valid JSON (" + e.what() + ")");
    }
    if (!root.is_object())
        throw EngineError(generationConfigJson + " is not a JSON object");
    const FieldReader r(root, generationConfigJson, "");
    bosTokenId = r.optionalInt("bos_token_id", static_cast<int>(bosTokenId), 0);
    padTokenId = r.optionalInt("pad_token_id", static_cast<int>(padTokenId), 0);
    // eos_token_id may be a list in newer files; GIT uses one end token, the first.
    if (root.contains("eos_token_id") && root["eos_token_id"].is_array() && !root["eos_token_id"].empty()
        && root["eos_token_id"][0].is_number_integer())
        eosTokenId = root["eos_token_id"][0].get<std::int64_t>();
    else
        eosTokenId = r.optionalInt("eos_token_id", static_cast<int>(eosTokenId), 0);
    for (const auto id : {bosTokenId, eosTokenId, padTokenId}) {
        if (id >= vocabSize)
            throw EngineError(generationConfigJson + ": token id " + std::to_string(id) + " is outside the vocabulary");
    }
}

GitConfig GitConfig::gitBaseVideo()
{
    GitConfig c;
    c.numImageWithEmbedding = 6;
    return c;
}

} // namespace gitvqa
