#include "git_weights.h"

#include "cpu_kernels.h"

#include "engine_error.h"

#include <sstream>

namespace gitvqa {

namespace {

// Up to this many input rows a linear is computed as matrix-vector products (Linear::operator()).
constexpr std::int64_t kFewRows = 16;

using Shape = std::vector<std::int64_t>;

std::string shapeText(c10::IntArrayRef s)
{
    std::ostringstream o;
    o << '[';
    for (std::size_t i = 0; i < s.size(); ++i)
        o << (i ? ", " : "") << s[i];
    o << ']';
    return o.str();
}

const std::string kVision = "git.image_encoder.vision_model.";

std::string textLayerPrefix(int i) { return "git.encoder.layer." + std::to_string(i) + "."; }
std::string visionLayerPrefix(int i) { return kVision + "encoder.layers." + std::to_string(i) + "."; }

void addLinear(std::vector<std::pair<std::string, Shape>>& out, const std::string& name, std::int64_t outF, std::int64_t inF)
{
    out.push_back({name + ".weight", {outF, inF}});
    out.push_back({name + ".bias", {outF}});
}

void addNorm(std::vector<std::pair<std::string, Shape>>& out, const std::string& name, std::int64_t d)
{
    out.push_back({name + ".weight", {d}});
    out.push_back({name + ".bias", {d}});
}

class Binder {
public:
    Binder(TensorMap& tensors, torch::Device device, torch::ScalarType dtype, const GitConfig& config,
           const CancelCheckFn& cancelled)
        : m_tensors(tensors), m_device(device), m_dtype(dtype), m_cancelled(cancelled)
    {
        for (const auto& [name, shape] : expectedGitTensors(config))
            m_expected[name] = shape;
    }

    torch::Tensor take(const std::string& name)
    {
        // Converting is where a mapped checkpoint is really read (page faults), so this is where a load can stop.
        throwIfCancelled(m_cancelled);
        auto it = m_tensors.find(name);
        if (it == m_tensors.end())
            throw EngineError("The checkpoint lacks tensor '" + name + "'");
        const Shape& want = m_expected.at(name);
        if (it->second.sizes().vec() != want)
            throw EngineError("Tensor '" + name + "' has shape " + shapeText(it->second.sizes())
                              + " but config.json implies " + shapeText(want));
        if (!it->second.is_floating_point())
            throw EngineError("Tensor '" + name + "' has non-float dtype " + std::string(c10::toString(it->second.scalar_type())));
        torch::Tensor t = it->second.to(m_device, m_dtype).contiguous();
        m_tensors.erase(it); // release the source (mapped or copied) as soon as it is converted
        return t;
    }

    Linear linear(const std::string& name)
    {
        // Named members, not a brace list: the reduced-storage members start empty, and GCC 14 warns on a short list.
        Linear l;
        l.weight = take(name + ".weight");
        l.bias = take(name + ".bias");
        return l;
    }
    LayerNorm norm(const std::string& name, double eps) { return {take(name + ".weight"), take(name + ".bias"), eps}; }

private:
    TensorMap& m_tensors;
    torch::Device m_device;
    torch::ScalarType m_dtype;
    const CancelCheckFn& m_cancelled;
    std::map<std::string, Shape> m_expected;
};

void checkAllPresent(const GitConfig& config, const TensorMap& tensors)
{
    std::vector<std::string> missing;
    for (const auto& [name, shape] : expectedGitTensors(config)) {
        if (name == "output.weight" && config.tieWordEmbeddings)
            continue;
        if (!tensors.count(name))
            missing.push_back(name);
    }
    if (missing.empty())
        return;
    std::string list;
    for (std::size_t i = 0; i < missing.size() && i < 5; ++i)
        list += (i ? ", " : "") + missing[i];
    if (missing.size() > 5)
        list += " and " + std::to_string(missing.size() - 5) + " more";
    throw EngineError("The checkpoint does not match config.json: missing " + std::to_string(missing.size())
                      + " tensor(s): " + list);
}

} // namespace

std::vector<std::pair<std::string, Shape>> expectedGitTensors(const GitConfig& c)
{
    const GitVisionConfig& v = c.vision;
    std::vector<std::pair<std::string, Shape>> out;
    out.push_back({kVision + "embeddings.class_embedding", {v.hiddenSize}});
    out.push_back({kVision + "embeddings.patch_embedding.weight", {v.hiddenSize, v.numChannels, v.patchSize, v.patchSize}});
    out.push_back({kVision + "embeddings.position_embedding.weight", {v.tokensPerImage(), v.hiddenSize}});
    addNorm(out, kVision + "pre_layrnorm", v.hiddenSize);
    for (int i = 0; i < v.numHiddenLayers; ++i) {
        const std::string p = visionLayerPrefix(i);
        for (const char* proj : {"q_proj", "k_proj", "v_proj", "out_proj"})
            addLinear(out, p + "self_attn." + proj, v.hiddenSize, v.hiddenSize);
        addNorm(out, p + "layer_norm1", v.hiddenSize);
        addLinear(out, p + "mlp.fc1", v.intermediateSize, v.hiddenSize);
        addLinear(out, p + "mlp.fc2", v.hiddenSize, v.intermediateSize);
        addNorm(out, p + "layer_norm2", v.hiddenSize);
    }
    addNorm(out, kVision + "post_layernorm", v.hiddenSize);
    for (int f = 0; f < c.numImageWithEmbedding.value_or(0); ++f)
        out.push_back({"git.img_temporal_embedding." + std::to_string(f), {1, 1, v.hiddenSize}});
    addLinear(out, "git.visual_projection.visual_projection.0", c.hiddenSize, v.hiddenSize);
    addNorm(out, "git.visual_projection.visual_projection.1", c.hiddenSize);
    out.push_back({"git.embeddings.word_embeddings.weight", {c.vocabSize, c.hiddenSize}});
    out.push_back({"git.embeddings.position_embeddings.weight", {c.maxPositionEmbeddings, c.hiddenSize}});
    addNorm(out, "git.embeddings.LayerNorm", c.hiddenSize);
    for (int i = 0; i < c.numHiddenLayers; ++i) {
        const std::string p = textLayerPrefix(i);
        for (const char* proj : {"query", "key", "value"})
            addLinear(out, p + "attention.self." + proj, c.hiddenSize, c.hiddenSize);
        addLinear(out, p + "attention.output.dense", c.hiddenSize, c.hiddenSize);
        addNorm(out, p + "attention.output.LayerNorm", c.hiddenSize);
        addLinear(out, p + "intermediate.dense", c.intermediateSize, c.hiddenSize);
        addLinear(out, p + "output.dense", c.hiddenSize, c.intermediateSize);
        addNorm(out, p + "output.LayerNorm", c.hiddenSize);
    }
    addLinear(out, "output", c.vocabSize, c.hiddenSize);
    return out;
}

GitWeights GitWeights::bind(const GitConfig& c, TensorMap& tensors, torch::Device device, torch::ScalarType dtype,
                            const CancelCheckFn& cancelled)
{
    if (c.tieWordEmbeddings && !tensors.count("output.weight") && tensors.count("git.embeddings.word_embeddings.weight"))
        tensors["output.weight"] = tensors["git.embeddings.word_embeddings.weight"];
    checkAllPresent(c, tensors);

    Binder b(tensors, device, dtype, c, cancelled);
    const double vEps = c.vision.layerNormEps;
    GitWeights w;
    w.vision.classEmbedding = b.take(kVision + "embeddings.class_embedding");
    w.vision.patchEmbedding = b.take(kVision + "embeddings.patch_embedding.weight");
    w.vision.positionEmbedding = b.take(kVision + "embeddings.position_embedding.weight");
    w.vision.preLayrnorm = b.norm(kVision + "pre_layrnorm", vEps);
    for (int i = 0; i < c.vision.numHiddenLayers; ++i) {
        const std::string p = visionLayerPrefix(i);
        VisionLayer l;
        l.selfAttnQProj = b.linear(p + "self_attn.q_proj");
        l.selfAttnKProj = b.linear(p + "self_attn.k_proj");
        l.selfAttnVProj = b.linear(p + "self_attn.v_proj");
        l.selfAttnOutProj = b.linear(p + "self_attn.out_proj");
        l.layerNorm1 = b.norm(p + "layer_norm1", vEps);
        l.mlpFc1 = b.linear(p + "mlp.fc1");
        l.mlpFc2 = b.linear(p + "mlp.fc2");
        l.layerNorm2 = b.norm(p + "layer_norm2", vEps);
        w.vision.layers.push_back(std::move(l));
    }
    w.vision.postLayernorm = b.norm(kVision + "post_layernorm", vEps);
    for (int f = 0; f < c.numImageWithEmbedding.value_or(0); ++f)
        w.imgTemporalEmbedding.push_back(b.take("git.img_temporal_embedding." + std::to_string(f)));
    w.visualProjection = b.linear("git.visual_projection.visual_projection.0");
    // GitProjection's LayerNorm uses the vision config's eps (transformers: vision_config.layer_norm_eps).
    w.visualProjectionLayerNorm = b.norm("git.visual_projection.visual_projection.1", vEps);
    w.wordEmbeddings = b.take("git.embeddings.word_embeddings.weight");
    w.positionEmbeddings = b.take("git.embeddings.position_embeddings.weight");
    w.embeddingsLayerNorm = b.norm("git.embeddings.LayerNorm", c.layerNormEps);
    for (int i = 0; i < c.numHiddenLayers; ++i) {
        const std::string p = textLayerPrefix(i);
        TextLayer l;
        l.attentionSelfQuery = b.linear(p + "attention.self.query");
        l.attentionSelfKey = b.linear(p + "attention.self.key");
        l.attentionSelfValue = b.linear(p + "attention.self.value");
        stackQueryKeyValue(l);
        l.attentionOutputDense = b.linear(p + "attention.output.dense");
        l.attentionOutputLayerNorm = b.norm(p + "attention.output.LayerNorm", c.layerNormEps);
        l.intermediateDense = b.linear(p + "intermediate.dense");
        l.outputDense = b.linear(p + "output.dense");
        l.outputLayerNorm = b.norm(p + "output.LayerNorm", c.layerNormEps);
        w.layers.push_back(std::move(l));
    }
    w.output = b.linear("output");
    return w;
}

torch::Tensor Linear::fullWeight() const
{
    if (weight.defined())
        return weight;
    if (stored.scalar_type() == torch::kChar)
        return stored.to(torch::kFloat) * rowScales.unsqueeze(1);
    return stored.to(torch::kFloat);
}

torch::Tensor Linear::operator()(const torch::Tensor& x) const
{
    // One row (a decode step): as a matrix-vector product. linear() sends a 1-row input down the GEMM path, which
    // streamed the LM head at 6 GB/s where GEMV reaches memory speed (issue 14: 7.0 ms against 2.1 ms for the
    // 30522×768 head on the 2-core VM).
    // A few rows (a prompt) the same way: each block of W is read once for all of them (issue 14: 7 rows through
    // linear() took 0.75 ms for a 3072×768 weight, 7× the time of one matrix-vector product).
    const std::int64_t rows = x.numel() / std::max<std::int64_t>(1, inFeatures());
    const bool fewRows = rows <= kFewRows && x.device().is_cpu() && x.numel() == rows * inFeatures();
    if (fewRows) {
        std::vector<std::int64_t> shape(x.sizes().begin(), x.sizes().end());
        shape.back() = outFeatures();
        if (stored.defined())
            return rowsTimesVector(stored, rowScales, x, bias).view(shape);
        if (x.scalar_type() == torch::kFloat && weight.is_contiguous() && vectorKernelsAvailable())
            return rowsTimesVector(weight, {}, x, bias).view(shape);
        if (rows == 1) {
            const torch::Tensor row = x.reshape({-1});
            return (bias.defined() ? torch::addmv(bias, weight, row) : torch::mv(weight, row)).view(shape);
        }
    }
    // Many rows (image tokens, a prompt): dequantized for the one product, a temporary the block cache reuses.
    return torch::linear(x, fullWeight(), bias);
}

namespace {

void reduce(Linear& l, const std::string& storage)
{
    if (storage == "bf16") {
        l.stored = l.weight.to(torch::kBFloat16).contiguous();
    } else {
        // Symmetric per-row int8: the largest |w| of a row maps to 127, so each row keeps its own range.
        l.rowScales = (l.weight.abs().amax(1) / 127.0).clamp_min(1e-12).to(torch::kFloat).contiguous();
        l.stored = torch::round(l.weight / l.rowScales.unsqueeze(1)).clamp(-127, 127).to(torch::kChar).contiguous();
    }
    l.weight = torch::Tensor();
}

// The parts become views into the reduced stack again, as they were into the float32 one.
void pointPartsAtStack(TextLayer& l)
{
    std::int64_t row = 0;
    for (Linear* part : {&l.attentionSelfQuery, &l.attentionSelfKey, &l.attentionSelfValue}) {
        const std::int64_t rows = part->bias.size(0);
        part->weight = torch::Tensor();
        part->stored = l.attentionSelfQueryKeyValue.stored.narrow(0, row, rows);
        if (l.attentionSelfQueryKeyValue.rowScales.defined())
            part->rowScales = l.attentionSelfQueryKeyValue.rowScales.narrow(0, row, rows);
        row += rows;
    }
}

} // namespace

void reduceDecoderWeights(GitWeights& w, const std::string& storage, torch::Device device, torch::ScalarType dtype)
{
    if (storage.empty() || storage == "float32")
        return;
    if (storage != "int8" && storage != "bf16")
        throw EngineError("Unknown weight storage \"" + storage + "\": choose float32, int8 or bf16");
    if (!device.is_cpu() || dtype != torch::kFloat)
        throw EngineError("int8 and bf16 weights are for the CPU with float32 compute; this engine runs "
                          + std::string(device.is_cpu() ? "another dtype" : "on a GPU"));
    for (TextLayer& l : w.layers) {
        reduce(l.attentionSelfQueryKeyValue, storage);
        pointPartsAtStack(l);
        reduce(l.attentionOutputDense, storage);
        reduce(l.intermediateDense, storage);
        reduce(l.outputDense, storage);
    }
    reduce(w.output, storage);
}

void stackQueryKeyValue(TextLayer& l)
{
    Linear* parts[] = {&l.attentionSelfQuery, &l.attentionSelfKey, &l.attentionSelfValue};
    l.attentionSelfQueryKeyValue.weight = torch::cat({parts[0]->weight, parts[1]->weight, parts[2]->weight}, 0);
    l.attentionSelfQueryKeyValue.bias = torch::cat({parts[0]->bias, parts[1]->bias, parts[2]->bias}, 0);
    std::int64_t row = 0;
    for (Linear* part : parts) {
        const std::int64_t rows = part->weight.size(0);
        part->weight = l.attentionSelfQueryKeyValue.weight.narrow(0, row, rows);
        part->bias = l.attentionSelfQueryKeyValue.bias.narrow(0, row, rows);
        row += rows;
    }
}

TensorMap randomGitTensors(const GitConfig& config, std::uint64_t seed)
{
    torch::manual_seed(seed);
    TensorMap out;
    for (const auto& [name, shape] : expectedGitTensors(config)) {
        const bool isNorm = name.find("LayerNorm") != std::string::npos || name.find("layer_norm") != std::string::npos
            || name.find("layrnorm") != std::string::npos || name.find("post_layernorm") != std::string::npos
            || name.find("visual_projection.1") != std::string::npos;
        if (isNorm)
            out[name] = name.size() >= 6 && name.compare(name.size() - 6, 6, "weight") == 0 ? torch::ones(shape) : torch::zeros(shape);
        else
            out[name] = torch::randn(shape) * 0.02;
    }
    return out;
}

} // namespace gitvqa
