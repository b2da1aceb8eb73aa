#include "one_row_step.h"

#include "cpu_vector_math.h"
#include "stage_clock.h"
#include "team_barrier.h"

#include <ATen/Parallel.h>

#include <algorithm>
#include <atomic>
#include <memory>
#include <cmath>

#if defined(_OPENMP)
#include <omp.h>
#endif

namespace gitvqa {

namespace {

// Buffers every thread reads: the attention context, a residual sum before its LayerNorm, the MLP's activations;
// and one ticket counter per phase of the step.
struct Shared {
    float* context;
    float* preNorm;
    float* inter;
    std::atomic<std::int64_t>* tickets;
    TeamBarrier barrier;
};

// Each phase's work is dealt out in chunks from a ticket counter rather than split in fixed halves: on a shared or
// busy machine one thread is often late (descheduled, or its core slower for a while), and with fixed halves the
// other then waits at the barrier; with tickets it takes the late one's chunks.
class Chunks {
public:
    Chunks(std::atomic<std::int64_t>& ticket, std::int64_t n, std::int64_t chunk)
        : m_ticket(ticket), m_n(n), m_chunk(chunk), m_count((n + chunk - 1) / chunk)
    {
    }
    bool next(std::int64_t& begin, std::int64_t& end)
    {
        const std::int64_t c = m_ticket.fetch_add(1, std::memory_order_relaxed);
        if (c >= m_count)
            return false;
        begin = c * m_chunk;
        end = std::min(m_n, begin + m_chunk);
        return true;
    }

private:
    std::atomic<std::int64_t>& m_ticket;
    const std::int64_t m_n, m_chunk, m_count;
};

// About eight chunks a thread, in whole blocks of 16 rows (a cache line of outputs).
std::int64_t chunkRows(std::int64_t n, int team)
{
    return std::max<std::int64_t>(16, (n / (8 * team) + 15) / 16 * 16);
}

#if defined(GITVQA_VECTOR_MATH)

__attribute__((target("avx2,fma"))) void addInto(float* y, const float* x, std::int64_t n)
{
    std::int64_t i = 0;
    for (; i + 8 <= n; i += 8)
        _mm256_storeu_ps(y + i, _mm256_add_ps(_mm256_loadu_ps(y + i), _mm256_loadu_ps(x + i)));
    for (; i < n; ++i)
        y[i] += x[i];
}

// The attention of the new row for heads [h0, h1): its q, k and v, the k and v appended to the text cache, then
// softmax over [image keys, text keys 0..position] and the weighted sum of the matching values into `context`.
__attribute__((target("avx2,fma"))) void attendHeads(const OneRowStep& s, const OneRowLayer& l, const float* x,
                                                     std::int64_t h0, std::int64_t h1, float* q, float* scratch,
                                                     float* scores, float* context)
{
    const std::int64_t d = s.hidden, hd = s.headDim, m = s.imageTokens, cap = s.textCapacity;
    const std::int64_t textRows = s.position + 1;
    const float factor = float(1.0 / std::sqrt(double(hd)));
    for (std::int64_t h = h0; h < h1; ++h) {
        float* keys = l.textKeys + h * cap * hd;
        float* values = l.textValues + h * cap * hd;
        const RowMatrix& w = l.queryKeyValue.weight;
        const float* b = l.queryKeyValue.bias;
        rowsTimesVectorRange(w, x, b, h * hd, (h + 1) * hd, q);
        rowsTimesVectorRange(w, x, b, d + h * hd, d + (h + 1) * hd, keys + s.position * hd);
        rowsTimesVectorRange(w, x, b, 2 * d + h * hd, 2 * d + (h + 1) * hd, values + s.position * hd);
        oneHeadScores(l.imageKeys + h * m * hd, q, m, hd, factor, scores);
        oneHeadScores(keys, q, textRows, hd, factor, scores + m);
        vecmath::softmaxInPlace(scores, m + textRows);
        oneHeadValues(l.imageValues + h * m * hd, scores, m, hd, context + h * hd);
        oneHeadValues(values, scores + m, textRows, hd, scratch);
        addInto(context + h * hd, scratch, hd);
    }
}

// y[begin, end) = W · x + b (+ residual[begin, end)), for every chunk this thread takes; then the activation.
__attribute__((target("avx2,fma"))) void rowsOf(const OneRowLinear& lin, const float* x, Chunks chunks, float* y,
                                                const float* residual, const Activation* act = nullptr)
{
    std::int64_t begin = 0, end = 0;
    while (chunks.next(begin, end)) {
        rowsTimesVectorRange(lin.weight, x, lin.bias, begin, end, y + begin);
        if (residual)
            addInto(y + begin, residual + begin, end - begin);
        if (act)
            vecmath::activateInPlace(y + begin, end - begin, *act);
    }
}

__attribute__((target("avx2,fma"))) void stepThread(const OneRowStep& s, Shared& sh, float* local, int team)
{
    const std::int64_t d = s.hidden, hd = s.headDim;
    float* x = local;         // this layer's input; every thread holds the same copy
    float* a = x + d;         // the attention block's output
    float* q = a + d;         // one head's query
    float* scratch = q + hd;  // one head's text-value sum
    float* scores = scratch + hd;
    for (std::int64_t i = 0; i < d; ++i)
        a[i] = s.wordEmbedding[i] + s.positionEmbedding[i];
    vecmath::layerNorm(a, s.embeddingNorm.weight, s.embeddingNorm.bias, d, s.embeddingNorm.eps, x);
    std::atomic<std::int64_t>* ticket = sh.tickets;
    for (const OneRowLayer& l : s.layers) {
        {
            // Stage clocks are thread-local: only the calling thread records, the phases' wall time.
            StageScope stage("decoder.attention");
            Chunks heads(*ticket++, s.heads, 1);
            std::int64_t h0 = 0, h1 = 0;
            while (heads.next(h0, h1))
                attendHeads(s, l, x, h0, h1, q, scratch, scores, sh.context);
            sh.barrier.arriveAndWait(team);
            rowsOf(l.attentionOutput, sh.context, Chunks(*ticket++, d, chunkRows(d, team)), sh.preNorm, x);
            sh.barrier.arriveAndWait(team);
            vecmath::layerNorm(sh.preNorm, l.attentionNorm.weight, l.attentionNorm.bias, d, l.attentionNorm.eps, a);
        }
        StageScope stage("decoder.mlp");
        const std::int64_t i = s.intermediate;
        rowsOf(l.intermediate, a, Chunks(*ticket++, i, chunkRows(i, team)), sh.inter, nullptr, &s.activation);
        sh.barrier.arriveAndWait(team);
        rowsOf(l.output, sh.inter, Chunks(*ticket++, d, chunkRows(d, team)), sh.preNorm, a);
        sh.barrier.arriveAndWait(team);
        vecmath::layerNorm(sh.preNorm, l.outputNorm.weight, l.outputNorm.bias, d, l.outputNorm.eps, x);
    }
    StageScope stage("lm_head");
    const std::int64_t v = s.lmHead.weight.rows;
    rowsOf(s.lmHead, x, Chunks(*ticket, v, chunkRows(v, team)), s.logits, nullptr);
}

#endif

} // namespace

bool oneRowStepAvailable()
{
#if defined(GITVQA_VECTOR_MATH)
    return vectorKernelsAvailable();
#else
    return false;
#endif
}

void runOneRowStep(const OneRowStep& s)
{
#if defined(GITVQA_VECTOR_MATH)
    const int threads = std::max(1, at::get_num_threads());
    std::vector<float> shared(std::size_t(2 * s.hidden + s.intermediate));
    const std::size_t phases = 4 * s.layers.size() + 1;
    std::unique_ptr<std::atomic<std::int64_t>[]> tickets(new std::atomic<std::int64_t>[phases]);
    for (std::size_t i = 0; i < phases; ++i)
        tickets[i].store(0, std::memory_order_relaxed);
    Shared sh{shared.data(), shared.data() + s.hidden, shared.data() + 2 * s.hidden, tickets.get(), {}};
    const std::int64_t perThread = 2 * s.hidden + 2 * s.headDim + s.imageTokens + s.textCapacity;
    std::vector<float> local(std::size_t(perThread * threads));
#if defined(_OPENMP)
#pragma omp parallel num_threads(threads)
    stepThread(s, sh, local.data() + perThread * omp_get_thread_num(), omp_get_num_threads());
#else
    stepThread(s, sh, local.data(), 1);
#endif
#else
    (void)s;
#endif
}

} // namespace gitvqa
