#include "text_decoder.h"

#include "cpu_attention.h"
#include "cpu_kernels.h"
#include "engine_error.h"
#include "one_row_step.h"
#include "stage_clock.h"
#include "vision_encoder.h"

#include <cmath>
#include <cstdlib>
#include <limits>

namespace gitvqa {

TextCache::TextCache(const GitConfig& c, std::int64_t batch, std::int64_t capacity, const torch::TensorOptions& options)
    : m_batch(batch), m_capacity(capacity)
{
    for (int i = 0; i < c.numHiddenLayers; ++i) {
        m_keys.push_back(torch::empty({batch, c.numAttentionHeads, capacity, c.headDim()}, options));
        m_values.push_back(torch::empty({batch, c.numAttentionHeads, capacity, c.headDim()}, options));
    }
}

void TextCache::reorder(const torch::Tensor& order)
{
    // One host-to-device copy of the index per step, shared by every layer's keys and values.
    const torch::Tensor index = m_keys.empty() ? order : order.to(m_keys.front().device());
    for (auto* list : {&m_keys, &m_values})
        for (auto& t : *list)
            t = t.index_select(0, index);
    m_batch = order.size(0);
}

void TextDecoder::buildImageKeyValues(VisualContext& ctx) const
{
    StageScope stage("image_key_values");
    const int heads = m_config.numAttentionHeads;
    const int headDim = m_config.headDim();
    const double scale = std::sqrt(static_cast<double>(headDim));
    torch::Tensor x = ctx.projectedFeatures; // [M, D]; image tokens get no position embedding and no embedding LN
    const auto m = x.size(0);
    auto split = [&](const torch::Tensor& t) { return t.view({m, heads, headDim}).transpose(0, 1).contiguous(); };
    ctx.keys.clear();
    ctx.values.clear();
    const std::int64_t d = m_config.hiddenSize;
    const bool blocked = attentionByRowBlocksApplies(x);
    for (std::size_t i = 0; i < m_w.layers.size(); ++i) {
        const TextLayer& l = m_w.layers[i];
        if (i + 1 == m_w.layers.size()) {
            // The image rows' output of the last layer feeds nothing: only its keys and values are needed.
            ctx.keys.push_back(split(l.attentionSelfKey(x)));
            ctx.values.push_back(split(l.attentionSelfValue(x)));
            break;
        }
        torch::Tensor attn;
        if (blocked) {
            // One product for q, k and v (the stacked weight), then attention by row blocks on views of it.
            const torch::Tensor qkv = l.attentionSelfQueryKeyValue(x); // [M, 3D]
            auto heads4 = [&](std::int64_t part) { return qkv.narrow(1, part * d, d).view({1, m, heads, headDim}).transpose(1, 2); };
            ctx.keys.push_back(heads4(1)[0].contiguous());
            ctx.values.push_back(heads4(2)[0].contiguous());
            attn = attentionByRowBlocks(heads4(0), heads4(1), heads4(2), 1.0 / scale).view({m, -1});
        } else {
            torch::Tensor k = split(l.attentionSelfKey(x));
            torch::Tensor v = split(l.attentionSelfValue(x));
            ctx.keys.push_back(k);
            ctx.values.push_back(v);
            torch::Tensor q = split(l.attentionSelfQuery(x));
            // In place: the [heads, M, M] scores are the largest temporary of a cold question (67 MB for git-base).
            torch::Tensor probs = torch::softmax(torch::matmul(q, k.transpose(-1, -2)).div_(scale), -1);
            attn = torch::matmul(probs, v).transpose(0, 1).reshape({m, -1});
        }
        torch::Tensor a = l.attentionOutputLayerNorm(l.attentionOutputDense(attn) + x);
        x = l.outputLayerNorm(l.outputDense(applyActivation(l.intermediateDense(a), m_config.hiddenAct)) + a);
    }
}

torch::Tensor TextDecoder::attention(const TextLayer& l, int layer, const VisualContext& ctx, TextCache& cache,
                                     const torch::Tensor& x) const
{
    const auto batch = x.size(0), t = x.size(1);
    const int heads = m_config.numAttentionHeads;
    const int headDim = m_config.headDim();
    const auto past = cache.m_length;
    const auto total = past + t;
    const auto m = ctx.imageTokens();

    auto split = [&](const torch::Tensor& y) { return y.view({batch, t, heads, headDim}).transpose(1, 2); };
    const std::vector<torch::Tensor> qkv = l.attentionSelfQueryKeyValue(x).chunk(3, -1);
    const torch::Tensor q = split(qkv[0]); // [B, H, T, hd]
    cache.m_keys[layer].narrow(2, past, t).copy_(split(qkv[1]));
    cache.m_values[layer].narrow(2, past, t).copy_(split(qkv[2]));
    const torch::Tensor kText = cache.m_keys[layer].narrow(2, 0, total);
    const torch::Tensor vText = cache.m_values[layer].narrow(2, 0, total);

    const double scale = std::sqrt(static_cast<double>(headDim));
    // Image part as one [H, B*T, hd] x [H, hd, M] product so the shared image K/V is never copied per beam.
    const torch::Tensor qHeads = q.permute({1, 0, 2, 3}).reshape({heads, batch * t, headDim});
    // A few new rows of one sequence on the CPU (a prompt; a decode step off the fused path): a [H, T, hd] x
    // [H, hd, M] product goes down the GEMM path at a fraction of memory speed, and the image keys and values are
    // the largest read after the weights (44 MB for git-base). Hand-written kernels stream them at memory speed
    // (cpu_kernels.h; issue 14: 4.6 → 1.5 ms a step).
    const bool oneRow = batch == 1 && t <= 16 && x.device().is_cpu() && x.scalar_type() == torch::kFloat;
    torch::Tensor scoresImage = oneRow ? oneRowScores(ctx.keys[layer], qHeads, scale)
                                       : torch::matmul(qHeads, ctx.keys[layer].transpose(-1, -2)) / scale; // [H, B*T, M]
    scoresImage = scoresImage.view({heads, batch, t, m}).permute({1, 0, 2, 3});
    torch::Tensor scoresText = torch::matmul(q, kText.transpose(-1, -2)) / scale; // [B, H, T, total]
    if (t > 1) {
        // Causal among the new tokens: new token i sees cached text and new tokens 0..i.
        const auto future = torch::ones({t, total}, torch::TensorOptions().dtype(torch::kBool).device(x.device()))
                                .triu(past + 1);
        scoresText = scoresText.masked_fill(future, -std::numeric_limits<float>::infinity());
    }
    // The text decoder's softmax runs in the compute dtype (transformers does not upcast here).
    const torch::Tensor probs = torch::softmax(torch::cat({scoresImage, scoresText}, -1), -1);
    const torch::Tensor probsImage = probs.narrow(-1, 0, m).permute({1, 0, 2, 3}).reshape({heads, batch * t, m});
    const torch::Tensor imageOut = oneRow ? oneRowValues(ctx.values[layer], probsImage)
                                          : torch::matmul(probsImage, ctx.values[layer]); // [H, B*T, hd]
    torch::Tensor ctxOut = imageOut.view({heads, batch, t, headDim}).permute({1, 0, 2, 3});
    ctxOut = ctxOut + torch::matmul(probs.narrow(-1, m, total), vText);
    return ctxOut.transpose(1, 2).reshape({batch, t, heads * headDim});
}

torch::Tensor TextDecoder::forward(const VisualContext& ctx, TextCache& cache, const torch::Tensor& ids) const
{
    const auto t = ids.size(1);
    if (ids.size(0) != cache.m_batch)
        throw EngineError("Text batch does not match the cache");
    if (cache.m_length + t > cache.m_capacity || cache.m_length + t > m_config.maxPositionEmbeddings)
        throw EngineError("The text is longer than the model's " + std::to_string(m_config.maxPositionEmbeddings)
                          + " positions");
    if (ctx.keys.size() != m_w.layers.size())
        throw EngineError("The visual context was built for another model");
    // Text positions count from 0 after the image block, whatever its length (notes §6, §9.4).
    const torch::Tensor positions = torch::arange(cache.m_length, cache.m_length + t,
                                                  torch::TensorOptions().dtype(torch::kLong).device(ids.device()));
    torch::Tensor x = torch::embedding(m_w.wordEmbeddings, ids) + torch::embedding(m_w.positionEmbeddings, positions).unsqueeze(0);
    x = m_w.embeddingsLayerNorm(x);
    for (std::size_t i = 0; i < m_w.layers.size(); ++i) {
        const TextLayer& l = m_w.layers[i];
        torch::Tensor a;
        {
            StageScope stage("decoder.attention");
            a = l.attentionOutputLayerNorm(l.attentionOutputDense(attention(l, static_cast<int>(i), ctx, cache, x)) + x);
        }
        StageScope stage("decoder.mlp");
        x = l.outputLayerNorm(l.outputDense(applyActivation(l.intermediateDense(a), m_config.hiddenAct)) + a);
    }
    cache.m_length += t;
    return x;
}

namespace {

OneRowLinear rowsOf(const Linear& l)
{
    return {l.stored.defined() ? rowMatrix(l.stored, l.rowScales) : rowMatrix(l.weight, {}), l.bias.data_ptr<float>()};
}

OneRowNorm normOf(const LayerNorm& n) { return {n.weight.data_ptr<float>(), n.bias.data_ptr<float>(), n.eps}; }

// GITVQA_FUSED_STEP=0: every step through libtorch, to compare the two paths (tests, the benchmark).
bool fusedStepTurnedOff()
{
    const char* v = std::getenv("GITVQA_FUSED_STEP");
    return v && std::string(v) == "0";
}

bool floatCpuContiguous(const torch::Tensor& t)
{
    return t.defined() && t.device().is_cpu() && t.scalar_type() == torch::kFloat && t.is_contiguous();
}

} // namespace

bool TextDecoder::fusedStepApplies(const VisualContext& ctx, const TextCache& cache, const torch::Tensor& ids) const
{
    if (ids.numel() != 1 || cache.m_batch != 1 || !ids.device().is_cpu() || !oneRowStepAvailable() || fusedStepTurnedOff())
        return false;
    if (!floatCpuContiguous(ctx.projectedFeatures) || !floatCpuContiguous(m_w.wordEmbeddings)
        || !floatCpuContiguous(m_w.positionEmbeddings) || ctx.keys.size() != m_w.layers.size())
        return false;
    for (std::size_t i = 0; i < m_w.layers.size(); ++i) {
        for (const torch::Tensor* t : {&ctx.keys[i], &ctx.values[i], &cache.m_keys[i], &cache.m_values[i]})
            if (!floatCpuContiguous(*t))
                return false;
        const TextLayer& l = m_w.layers[i];
        for (const Linear* lin : {&l.attentionSelfQueryKeyValue, &l.attentionOutputDense, &l.intermediateDense, &l.outputDense})
            if (!lin->bias.defined() || !(lin->stored.defined() ? lin->stored : lin->weight).is_contiguous())
                return false;
    }
    return m_w.output.bias.defined() && (m_w.output.stored.defined() ? m_w.output.stored : m_w.output.weight).is_contiguous();
}

torch::Tensor TextDecoder::fusedStep(const VisualContext& ctx, TextCache& cache, std::int64_t id) const
{
    const std::int64_t position = cache.m_length;
    if (position + 1 > cache.m_capacity || position + 1 > m_config.maxPositionEmbeddings)
        throw EngineError("The text is longer than the model's " + std::to_string(m_config.maxPositionEmbeddings)
                          + " positions");
    OneRowStep s;
    s.hidden = m_config.hiddenSize;
    s.heads = m_config.numAttentionHeads;
    s.headDim = m_config.headDim();
    s.intermediate = m_config.intermediateSize;
    s.imageTokens = ctx.imageTokens();
    s.textCapacity = cache.m_capacity;
    s.position = position;
    s.activation = m_config.hiddenAct;
    s.wordEmbedding = m_w.wordEmbeddings.data_ptr<float>() + id * s.hidden;
    s.positionEmbedding = m_w.positionEmbeddings.data_ptr<float>() + position * s.hidden;
    s.embeddingNorm = normOf(m_w.embeddingsLayerNorm);
    for (std::size_t i = 0; i < m_w.layers.size(); ++i) {
        const TextLayer& l = m_w.layers[i];
        OneRowLayer r;
        r.queryKeyValue = rowsOf(l.attentionSelfQueryKeyValue);
        r.attentionOutput = rowsOf(l.attentionOutputDense);
        r.attentionNorm = normOf(l.attentionOutputLayerNorm);
        r.intermediate = rowsOf(l.intermediateDense);
        r.output = rowsOf(l.outputDense);
        r.outputNorm = normOf(l.outputLayerNorm);
        r.imageKeys = ctx.keys[i].data_ptr<float>();
        r.imageValues = ctx.values[i].data_ptr<float>();
        r.textKeys = cache.m_keys[i].data_ptr<float>();
        r.textValues = cache.m_values[i].data_ptr<float>();
        s.layers.push_back(r);
    }
    s.lmHead = rowsOf(m_w.output);
    torch::Tensor logits = torch::empty({1, s.lmHead.weight.rows}, torch::kFloat);
    s.logits = logits.data_ptr<float>();
    runOneRowStep(s);
    cache.m_length += 1;
    return logits;
}

torch::Tensor TextDecoder::nextLogits(const VisualContext& ctx, TextCache& cache, const torch::Tensor& ids) const
{
    if (fusedStepApplies(ctx, cache, ids)) {
        const std::int64_t id = ids.reshape({-1})[0].item<std::int64_t>();
        if (id < 0 || id >= m_w.wordEmbeddings.size(0))
            throw EngineError("Token id " + std::to_string(id) + " is outside the vocabulary");
        return fusedStep(ctx, cache, id);
    }
    const torch::Tensor hidden = forward(ctx, cache, ids);
    // Logits as float32 (transformers takes argmax/log_softmax in float32 as well; widening is exact).
    return logits(hidden.select(1, hidden.size(1) - 1)).to(torch::kFloat);
}

} // namespace gitvqa
