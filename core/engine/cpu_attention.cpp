#include "cpu_attention.h"

#include "cpu_kernels.h"
#include "cpu_vector_math.h"
#include "engine_error.h"

#include <ATen/Parallel.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>

namespace gitvqa {

namespace {

// Rows per block: the block's scores (rows × N floats) within ~512 KB, half a typical L2, beside the head's keys
// and values; at least 32 rows so each product stays a GEMM and the per-block call overhead stays small.
std::int64_t blockRows(std::int64_t n)
{
    if (const char* v = std::getenv("GITVQA_ATTENTION_BLOCK_ROWS"))
        return std::max<std::int64_t>(1, std::atoll(v));
    return std::clamp<std::int64_t>((512 * 1024 / 4) / std::max<std::int64_t>(1, n), std::min<std::int64_t>(32, n), std::max<std::int64_t>(1, n));
}

#if defined(GITVQA_VECTOR_MATH)
__attribute__((target("avx2,fma"))) void softmaxRows(float* s, std::int64_t rows, std::int64_t n)
{
    for (std::int64_t r = 0; r < rows; ++r)
        vecmath::softmaxInPlace(s + r * n, n);
}
#endif

void softmaxRowsOf(torch::Tensor& scores)
{
#if defined(GITVQA_VECTOR_MATH)
    if (vectorKernelsAvailable())
        return softmaxRows(scores.data_ptr<float>(), scores.size(0), scores.size(1));
#endif
    scores.copy_(torch::softmax(scores, -1));
}

} // namespace

bool attentionByRowBlocksApplies(const torch::Tensor& q)
{
    return q.device().is_cpu() && q.scalar_type() == torch::kFloat;
}

torch::Tensor attentionByRowBlocks(const torch::Tensor& q, const torch::Tensor& k, const torch::Tensor& v, double factor)
{
    if (q.dim() != 4 || k.sizes() != q.sizes() || v.sizes() != q.sizes() || !attentionByRowBlocksApplies(q)
        || q.stride(3) != 1 || k.stride(3) != 1 || v.stride(3) != 1)
        throw EngineError("internal: attentionByRowBlocks takes float32 CPU [B, H, N, hd] q, k, v, last dim contiguous");
    const std::int64_t batch = q.size(0), heads = q.size(1), n = q.size(2), hd = q.size(3);
    torch::Tensor out = torch::empty({batch, n, heads, hd}, q.options());
    const torch::Tensor outHeads = out.transpose(1, 2); // [B, H, N, hd] view: each block writes its rows in place
    const std::int64_t rows = blockRows(n);
    const std::int64_t blocks = (n + rows - 1) / rows;
    const torch::Tensor qScaled = q * factor; // as CLIP scales q before the product; one pass over q
    // Inference and grad mode are thread-local: the pool's threads take the caller's, or libtorch refuses to
    // write into the caller's inference tensors from them.
    const bool inference = c10::InferenceMode::is_enabled();
    const bool grad = at::GradMode::is_enabled();
    // Items are dealt from a ticket counter, not split in fixed halves: a thread that falls behind (a busy desktop)
    // leaves its share to the others instead of making them wait for it.
    const std::int64_t items = batch * heads * blocks;
    std::atomic<std::int64_t> ticket{0};
    at::parallel_for(0, std::min<std::int64_t>(items, at::get_num_threads()), 1, [&](std::int64_t, std::int64_t) {
        c10::InferenceMode inferenceMode(inference);
        at::AutoGradMode gradMode(grad && !inference);
        // Inside the parallel region libtorch and OpenBLAS run each call on this thread alone.
        torch::Tensor scores = torch::empty({rows, n}, q.options());
        for (std::int64_t item; (item = ticket.fetch_add(1, std::memory_order_relaxed)) < items;) {
            const std::int64_t bh = item / blocks, r0 = (item % blocks) * rows, b = bh / heads, h = bh % heads;
            const std::int64_t count = std::min(rows, n - r0);
            torch::Tensor s = scores.narrow(0, 0, count);
            at::mm_out(s, qScaled[b][h].narrow(0, r0, count), k[b][h].t());
            softmaxRowsOf(s);
            torch::Tensor o = outHeads[b][h].narrow(0, r0, count);
            at::mm_out(o, s, v[b][h]);
        }
    });
    return out.view({batch, n, heads * hd});
}

} // namespace gitvqa
