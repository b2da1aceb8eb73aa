#include "cpu_kernels.h"

#include "engine_error.h"

#include <ATen/Parallel.h>

#include <cstdlib>
#include <cstring>

#if defined(__x86_64__)
#include <immintrin.h>
#define GITVQA_X86_KERNELS 1
#endif

namespace gitvqa {

namespace {

// Rows of keys dotted with their head's query: out[i] = keys[i, :] · q[i / rowsPerHead, :] * factor.
void scoresPlain(const float* keys, const float* q, std::int64_t begin, std::int64_t end, std::int64_t rowsPerHead,
                 std::int64_t hd, float factor, float* out)
{
    for (std::int64_t i = begin; i < end; ++i) {
        const float* k = keys + i * hd;
        const float* qh = q + (i / rowsPerHead) * hd;
        float s = 0;
        for (std::int64_t d = 0; d < hd; ++d)
            s += k[d] * qh[d];
        out[i] = s * factor;
    }
}

// out[d] = Σ_j p[j] · values[j, d] for one head.
void valuesPlain(const float* values, const float* p, std::int64_t rows, std::int64_t hd, float* out)
{
    for (std::int64_t d = 0; d < hd; ++d)
        out[d] = 0;
    for (std::int64_t j = 0; j < rows; ++j) {
        const float w = p[j];
        const float* v = values + j * hd;
        for (std::int64_t d = 0; d < hd; ++d)
            out[d] += w * v[d];
    }
}

inline float widen(float v) { return v; }
inline float widen(std::int8_t v) { return float(v); }
inline float widen(c10::BFloat16 v) { return float(v); }

template <class W>
void gemvPlain(const W* w, const float* scales, const float* x, const float* bias, std::int64_t begin,
               std::int64_t end, std::int64_t k, float* y)
{
    for (std::int64_t r = begin; r < end; ++r) {
        const W* row = w + r * k;
        float s = 0;
        for (std::int64_t d = 0; d < k; ++d)
            s += widen(row[d]) * x[d];
        if (scales)
            s *= scales[r];
        y[r] = s + (bias ? bias[r] : 0.0f);
    }
}

#if defined(GITVQA_X86_KERNELS)
__attribute__((target("avx2,fma"), always_inline)) inline __m256 load8(const float* p) { return _mm256_loadu_ps(p); }
__attribute__((target("avx2,fma"), always_inline)) inline __m256 load8(const std::int8_t* p)
{
    return _mm256_cvtepi32_ps(_mm256_cvtepi8_epi32(_mm_loadl_epi64(reinterpret_cast<const __m128i*>(p))));
}
__attribute__((target("avx2,fma"), always_inline)) inline __m256 load8(const c10::BFloat16* p)
{
    // bfloat16 is the top half of a float32: widen by shifting into place.
    const __m256i wide = _mm256_cvtepu16_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p)));
    return _mm256_castsi256_ps(_mm256_slli_epi32(wide, 16));
}

__attribute__((target("avx2,fma"), always_inline)) inline float horizontalSum(__m256 v)
{
    __m128 lo = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    lo = _mm_hadd_ps(lo, lo);
    lo = _mm_hadd_ps(lo, lo);
    return _mm_cvtss_f32(lo);
}

__attribute__((target("avx2,fma"))) void scoresAvx2(const float* keys, const float* q, std::int64_t begin,
                                                    std::int64_t end, std::int64_t rowsPerHead, std::int64_t hd,
                                                    float factor, float* out)
{
    for (std::int64_t i = begin; i < end; ++i) {
        const float* k = keys + i * hd;
        const float* qh = q + (i / rowsPerHead) * hd;
        __m256 a0 = _mm256_setzero_ps(), a1 = _mm256_setzero_ps();
        std::int64_t d = 0;
        for (; d + 16 <= hd; d += 16) {
            a0 = _mm256_fmadd_ps(_mm256_loadu_ps(k + d), _mm256_loadu_ps(qh + d), a0);
            a1 = _mm256_fmadd_ps(_mm256_loadu_ps(k + d + 8), _mm256_loadu_ps(qh + d + 8), a1);
        }
        for (; d + 8 <= hd; d += 8)
            a0 = _mm256_fmadd_ps(_mm256_loadu_ps(k + d), _mm256_loadu_ps(qh + d), a0);
        float s = horizontalSum(_mm256_add_ps(a0, a1));
        for (; d < hd; ++d)
            s += k[d] * qh[d];
        out[i] = s * factor;
    }
}

__attribute__((target("avx2,fma"))) void valuesAvx2(const float* values, const float* p, std::int64_t rows,
                                                    std::int64_t hd, float* out)
{
    std::int64_t d = 0;
    for (; d + 32 <= hd; d += 32) {
        __m256 a0 = _mm256_setzero_ps(), a1 = _mm256_setzero_ps(), a2 = _mm256_setzero_ps(), a3 = _mm256_setzero_ps();
        for (std::int64_t j = 0; j < rows; ++j) {
            const __m256 w = _mm256_broadcast_ss(p + j);
            const float* v = values + j * hd + d;
            a0 = _mm256_fmadd_ps(w, _mm256_loadu_ps(v), a0);
            a1 = _mm256_fmadd_ps(w, _mm256_loadu_ps(v + 8), a1);
            a2 = _mm256_fmadd_ps(w, _mm256_loadu_ps(v + 16), a2);
            a3 = _mm256_fmadd_ps(w, _mm256_loadu_ps(v + 24), a3);
        }
        _mm256_storeu_ps(out + d, a0);
        _mm256_storeu_ps(out + d + 8, a1);
        _mm256_storeu_ps(out + d + 16, a2);
        _mm256_storeu_ps(out + d + 24, a3);
    }
    for (; d + 8 <= hd; d += 8) {
        __m256 a = _mm256_setzero_ps();
        for (std::int64_t j = 0; j < rows; ++j)
            a = _mm256_fmadd_ps(_mm256_broadcast_ss(p + j), _mm256_loadu_ps(values + j * hd + d), a);
        _mm256_storeu_ps(out + d, a);
    }
    for (; d < hd; ++d) {
        float s = 0;
        for (std::int64_t j = 0; j < rows; ++j)
            s += p[j] * values[j * hd + d];
        out[d] = s;
    }
}

// Four rows at a time, so each 8-float slice of x is loaded once for four rows of W.
template <class W>
__attribute__((target("avx2,fma"))) void gemvAvx2(const W* w, const float* scales, const float* x, const float* bias,
                                                  std::int64_t begin, std::int64_t end, std::int64_t k, float* y)
{
    std::int64_t r = begin;
    const std::int64_t vecEnd = k / 8 * 8;
    for (; r + 4 <= end; r += 4) {
        const W* r0 = w + r * k;
        const W* r1 = r0 + k;
        const W* r2 = r1 + k;
        const W* r3 = r2 + k;
        __m256 a0 = _mm256_setzero_ps(), a1 = _mm256_setzero_ps(), a2 = _mm256_setzero_ps(), a3 = _mm256_setzero_ps();
        for (std::int64_t d = 0; d < vecEnd; d += 8) {
            const __m256 xv = _mm256_loadu_ps(x + d);
            a0 = _mm256_fmadd_ps(load8(r0 + d), xv, a0);
            a1 = _mm256_fmadd_ps(load8(r1 + d), xv, a1);
            a2 = _mm256_fmadd_ps(load8(r2 + d), xv, a2);
            a3 = _mm256_fmadd_ps(load8(r3 + d), xv, a3);
        }
        float s[4] = {horizontalSum(a0), horizontalSum(a1), horizontalSum(a2), horizontalSum(a3)};
        const W* rows[4] = {r0, r1, r2, r3};
        for (int i = 0; i < 4; ++i) {
            for (std::int64_t d = vecEnd; d < k; ++d)
                s[i] += widen(rows[i][d]) * x[d];
            if (scales)
                s[i] *= scales[r + i];
            y[r + i] = s[i] + (bias ? bias[r + i] : 0.0f);
        }
    }
    gemvPlain(w, scales, x, bias, r, end, k, y);
}
#endif

template <class W>
void gemv(const W* w, const float* scales, const float* x, const float* bias, std::int64_t n, std::int64_t k, float* y)
{
    const bool vector = vectorKernelsAvailable();
    // Blocks of 64 rows: enough work per thread to hide the fork, small enough to balance two threads.
    at::parallel_for(0, n, 64, [&](std::int64_t begin, std::int64_t end) {
#if defined(GITVQA_X86_KERNELS)
        if (vector)
            return gemvAvx2(w, scales, x, bias, begin, end, k, y);
#endif
        gemvPlain(w, scales, x, bias, begin, end, k, y);
    });
    (void)vector;
}

bool detectVectorKernels()
{
    const char* forced = std::getenv("GITVQA_CPU_KERNELS");
    if (forced && std::strcmp(forced, "plain") == 0)
        return false;
#if defined(GITVQA_X86_KERNELS)
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
#else
    return false;
#endif
}

void requireFloatCpu(const torch::Tensor& t, const char* what)
{
    if (!t.device().is_cpu() || t.scalar_type() != torch::kFloat || t.stride(-1) != 1)
        throw EngineError(std::string("internal: ") + what + " must be float32 on the CPU, last dim contiguous");
}

} // namespace

bool vectorKernelsAvailable()
{
    static const bool available = detectVectorKernels();
    return available;
}

torch::Tensor oneRowScores(const torch::Tensor& keysIn, const torch::Tensor& qIn, double scale)
{
    const torch::Tensor keys = keysIn.contiguous();
    const torch::Tensor q = qIn.contiguous();
    requireFloatCpu(keys, "keys");
    requireFloatCpu(q, "q");
    const std::int64_t heads = keys.size(0), rows = keys.size(1), hd = keys.size(2);
    if (q.numel() != heads * hd)
        throw EngineError("internal: one-row attention takes one query row per head");
    torch::Tensor out = torch::empty({heads, 1, rows}, keys.options());
    const float* k = keys.data_ptr<float>();
    const float* qp = q.data_ptr<float>();
    float* o = out.data_ptr<float>();
    const float factor = float(1.0 / scale);
    const bool vector = vectorKernelsAvailable();
    at::parallel_for(0, heads * rows, 256, [&](std::int64_t begin, std::int64_t end) {
#if defined(GITVQA_X86_KERNELS)
        if (vector)
            return scoresAvx2(k, qp, begin, end, rows, hd, factor, o);
#endif
        scoresPlain(k, qp, begin, end, rows, hd, factor, o);
    });
    (void)vector;
    return out;
}

torch::Tensor oneRowValues(const torch::Tensor& valuesIn, const torch::Tensor& probs)
{
    const torch::Tensor values = valuesIn.contiguous();
    requireFloatCpu(values, "values");
    requireFloatCpu(probs, "probs");
    const std::int64_t heads = values.size(0), rows = values.size(1), hd = values.size(2);
    if (probs.dim() != 3 || probs.size(0) != heads || probs.size(1) != 1 || probs.size(2) != rows)
        throw EngineError("internal: one-row attention takes [heads, 1, rows] probabilities");
    torch::Tensor out = torch::empty({heads, 1, hd}, values.options());
    const float* v = values.data_ptr<float>();
    const float* p = probs.data_ptr<float>();
    const std::int64_t headStride = probs.stride(0);
    float* o = out.data_ptr<float>();
    const bool vector = vectorKernelsAvailable();
    at::parallel_for(0, heads, 1, [&](std::int64_t begin, std::int64_t end) {
        for (std::int64_t h = begin; h < end; ++h) {
#if defined(GITVQA_X86_KERNELS)
            if (vector) {
                valuesAvx2(v + h * rows * hd, p + h * headStride, rows, hd, o + h * hd);
                continue;
            }
#endif
            valuesPlain(v + h * rows * hd, p + h * headStride, rows, hd, o + h * hd);
        }
    });
    (void)vector;
    return out;
}

torch::Tensor rowsTimesVector(const torch::Tensor& weight, const torch::Tensor& rowScales, const torch::Tensor& xIn,
                              const torch::Tensor& bias)
{
    const torch::Tensor x = xIn.reshape({-1}).contiguous();
    requireFloatCpu(x, "x");
    if (!weight.is_contiguous() || weight.dim() != 2 || weight.size(1) != x.numel() || !weight.device().is_cpu())
        throw EngineError("internal: rowsTimesVector takes a contiguous [N, K] CPU weight and K inputs");
    const std::int64_t n = weight.size(0), k = weight.size(1);
    torch::Tensor y = torch::empty({n}, x.options());
    const float* b = bias.defined() ? bias.data_ptr<float>() : nullptr;
    const float* xp = x.data_ptr<float>();
    float* yp = y.data_ptr<float>();
    switch (weight.scalar_type()) {
    case torch::kFloat:
        gemv(weight.data_ptr<float>(), nullptr, xp, b, n, k, yp);
        break;
    case torch::kBFloat16:
        gemv(weight.data_ptr<c10::BFloat16>(), nullptr, xp, b, n, k, yp);
        break;
    case torch::kChar:
        if (!rowScales.defined() || rowScales.numel() != n)
            throw EngineError("internal: int8 weights need one scale per row");
        gemv(weight.data_ptr<std::int8_t>(), rowScales.data_ptr<float>(), xp, b, n, k, yp);
        break;
    default:
        throw EngineError("internal: rowsTimesVector takes float32, bfloat16 or int8 weights");
    }
    return y;
}

} // namespace gitvqa
