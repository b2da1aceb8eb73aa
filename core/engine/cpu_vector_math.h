#pragma once
// Eight-lane float32 exp, softmax and activations for the fused decode step (one_row_step.cpp), AVX2+FMA only
// (callers check vectorKernelsAvailable()). Each follows the formula libtorch's own AVX2 kernels use, so the fused
// step and the libtorch path differ by rounding, not by method:
// - exp: Cephes' expf (range reduction by ln 2 in two parts, degree-5 polynomial), ~1 ulp, as in ATen's
//   Vectorized<float>::exp before Sleef;
// - erf: Abramowitz & Stegun 7.1.26, which is ATen's Vectorized<float>::erf (aten/src/ATen/cpu/vec/vec256/
//   vec256_float.h), so GELU here is the formula torch.nn.functional.gelu computes on an AVX2 CPU.

#include "git_config.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

#if defined(__x86_64__)
#include <immintrin.h>
#define GITVQA_VECTOR_MATH 1
#endif

namespace gitvqa::vecmath {

// The activation of one value, in plain C++: the tails the eight-lane loops leave.
inline float activate(float x, Activation act)
{
    switch (act) {
    case Activation::GeluErf: return 0.5f * x * (1.0f + std::erf(x * float(M_SQRT1_2)));
    case Activation::GeluTanh: {
        const float inner = float(M_2_SQRTPI * M_SQRT1_2) * (x + 0.044715f * x * x * x);
        return 0.5f * x * (1.0f + std::tanh(inner));
    }
    case Activation::QuickGelu: return x / (1.0f + std::exp(-1.702f * x));
    case Activation::Relu: return x > 0 ? x : 0.0f;
    case Activation::Silu: return x / (1.0f + std::exp(-x));
    }
    return x;
}

#if defined(GITVQA_VECTOR_MATH)
#define GITVQA_AVX2 __attribute__((target("avx2,fma"), always_inline)) inline

GITVQA_AVX2 __m256 exp8(__m256 x)
{
    x = _mm256_min_ps(_mm256_max_ps(x, _mm256_set1_ps(-87.3365f)), _mm256_set1_ps(88.3762626647949f));
    __m256 fx = _mm256_floor_ps(_mm256_fmadd_ps(x, _mm256_set1_ps(1.44269504088896341f), _mm256_set1_ps(0.5f)));
    x = _mm256_fnmadd_ps(fx, _mm256_set1_ps(0.693359375f), x);
    x = _mm256_fnmadd_ps(fx, _mm256_set1_ps(-2.12194440e-4f), x);
    __m256 y = _mm256_set1_ps(1.9875691500E-4f);
    y = _mm256_fmadd_ps(y, x, _mm256_set1_ps(1.3981999507E-3f));
    y = _mm256_fmadd_ps(y, x, _mm256_set1_ps(8.3334519073E-3f));
    y = _mm256_fmadd_ps(y, x, _mm256_set1_ps(4.1665795894E-2f));
    y = _mm256_fmadd_ps(y, x, _mm256_set1_ps(1.6666665459E-1f));
    y = _mm256_fmadd_ps(y, x, _mm256_set1_ps(5.0000001201E-1f));
    y = _mm256_fmadd_ps(y, _mm256_mul_ps(x, x), _mm256_add_ps(x, _mm256_set1_ps(1.0f)));
    const __m256i pow2n = _mm256_slli_epi32(_mm256_add_epi32(_mm256_cvttps_epi32(fx), _mm256_set1_epi32(127)), 23);
    return _mm256_mul_ps(y, _mm256_castsi256_ps(pow2n));
}

GITVQA_AVX2 __m256 erf8(__m256 x)
{
    const __m256 signMask = _mm256_and_ps(_mm256_set1_ps(-0.0f), x);
    const __m256 ax = _mm256_xor_ps(signMask, x);
    const __m256 one = _mm256_set1_ps(1.0f);
    const __m256 t = _mm256_div_ps(one, _mm256_fmadd_ps(_mm256_set1_ps(0.3275911f), ax, one));
    __m256 r = _mm256_set1_ps(1.061405429f);
    r = _mm256_fmadd_ps(r, t, _mm256_set1_ps(-1.453152027f));
    r = _mm256_fmadd_ps(r, t, _mm256_set1_ps(1.421413741f));
    r = _mm256_fmadd_ps(r, t, _mm256_set1_ps(-0.284496736f));
    r = _mm256_fmadd_ps(r, t, _mm256_set1_ps(0.254829592f));
    const __m256 e = exp8(_mm256_xor_ps(_mm256_set1_ps(-0.0f), _mm256_mul_ps(x, x)));
    const __m256 y = _mm256_fnmadd_ps(_mm256_mul_ps(r, t), e, one); // 1 - r·t·exp(-x²)
    return _mm256_xor_ps(signMask, y);
}

GITVQA_AVX2 __m256 sigmoidTimes8(__m256 x, __m256 scaled)
{
    // x · sigmoid(scaled) = x / (1 + exp(-scaled))
    const __m256 e = exp8(_mm256_xor_ps(_mm256_set1_ps(-0.0f), scaled));
    return _mm256_div_ps(x, _mm256_add_ps(_mm256_set1_ps(1.0f), e));
}

GITVQA_AVX2 __m256 activate8(__m256 x, Activation act)
{
    const __m256 half = _mm256_set1_ps(0.5f), one = _mm256_set1_ps(1.0f);
    switch (act) {
    case Activation::GeluErf:
        return _mm256_mul_ps(_mm256_mul_ps(half, x), _mm256_add_ps(one, erf8(_mm256_mul_ps(x, _mm256_set1_ps(float(M_SQRT1_2))))));
    case Activation::GeluTanh: {
        const __m256 x3 = _mm256_mul_ps(_mm256_mul_ps(x, x), x);
        const __m256 inner = _mm256_mul_ps(_mm256_set1_ps(float(M_2_SQRTPI * M_SQRT1_2)),
                                           _mm256_fmadd_ps(_mm256_set1_ps(0.044715f), x3, x));
        // 1 + tanh(u) = 2 · sigmoid(2u), so the GELU is x · sigmoid(2u).
        return sigmoidTimes8(x, _mm256_add_ps(inner, inner));
    }
    case Activation::QuickGelu: return sigmoidTimes8(x, _mm256_mul_ps(_mm256_set1_ps(1.702f), x));
    case Activation::Relu: return _mm256_max_ps(x, _mm256_setzero_ps());
    case Activation::Silu: return sigmoidTimes8(x, x);
    }
    return x;
}

GITVQA_AVX2 float horizontalSum8(__m256 v)
{
    __m128 lo = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    lo = _mm_hadd_ps(lo, lo);
    lo = _mm_hadd_ps(lo, lo);
    return _mm_cvtss_f32(lo);
}

GITVQA_AVX2 float horizontalMax8(__m256 v)
{
    __m128 lo = _mm_max_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    lo = _mm_max_ps(lo, _mm_movehl_ps(lo, lo));
    lo = _mm_max_ss(lo, _mm_shuffle_ps(lo, lo, 1));
    return _mm_cvtss_f32(lo);
}

// In place over n values: the activation.
GITVQA_AVX2 void activateInPlace(float* x, std::int64_t n, Activation act)
{
    std::int64_t i = 0;
    for (; i + 8 <= n; i += 8)
        _mm256_storeu_ps(x + i, activate8(_mm256_loadu_ps(x + i), act));
    for (; i < n; ++i)
        x[i] = activate(x[i], act);
}

// In place over n scores: softmax (max subtracted first, as every softmax kernel does).
GITVQA_AVX2 void softmaxInPlace(float* s, std::int64_t n)
{
    __m256 m8 = _mm256_set1_ps(-INFINITY);
    std::int64_t i = 0;
    for (; i + 8 <= n; i += 8)
        m8 = _mm256_max_ps(m8, _mm256_loadu_ps(s + i));
    float m = horizontalMax8(m8);
    for (; i < n; ++i)
        m = std::max(m, s[i]);
    const __m256 mv = _mm256_set1_ps(m);
    __m256 sum8 = _mm256_setzero_ps();
    for (i = 0; i + 8 <= n; i += 8) {
        const __m256 e = exp8(_mm256_sub_ps(_mm256_loadu_ps(s + i), mv));
        _mm256_storeu_ps(s + i, e);
        sum8 = _mm256_add_ps(sum8, e);
    }
    float sum = horizontalSum8(sum8);
    for (; i < n; ++i) {
        s[i] = std::exp(s[i] - m);
        sum += s[i];
    }
    const __m256 inv = _mm256_set1_ps(1.0f / sum);
    for (i = 0; i + 8 <= n; i += 8)
        _mm256_storeu_ps(s + i, _mm256_mul_ps(_mm256_loadu_ps(s + i), inv));
    for (; i < n; ++i)
        s[i] *= 1.0f / sum;
}

// out = LayerNorm(x) · weight + bias over d values (two passes: mean, then the variance about it).
GITVQA_AVX2 void layerNorm(const float* x, const float* weight, const float* bias, std::int64_t d, double eps, float* out)
{
    __m256 s8 = _mm256_setzero_ps();
    std::int64_t i = 0;
    for (; i + 8 <= d; i += 8)
        s8 = _mm256_add_ps(s8, _mm256_loadu_ps(x + i));
    float s = horizontalSum8(s8);
    for (; i < d; ++i)
        s += x[i];
    const float mean = s / float(d);
    const __m256 mv = _mm256_set1_ps(mean);
    __m256 v8 = _mm256_setzero_ps();
    for (i = 0; i + 8 <= d; i += 8) {
        const __m256 c = _mm256_sub_ps(_mm256_loadu_ps(x + i), mv);
        v8 = _mm256_fmadd_ps(c, c, v8);
    }
    float var = horizontalSum8(v8);
    for (; i < d; ++i)
        var += (x[i] - mean) * (x[i] - mean);
    const float rstd = 1.0f / std::sqrt(var / float(d) + float(eps));
    const __m256 rv = _mm256_set1_ps(rstd);
    for (i = 0; i + 8 <= d; i += 8) {
        const __m256 c = _mm256_mul_ps(_mm256_sub_ps(_mm256_loadu_ps(x + i), mv), rv);
        _mm256_storeu_ps(out + i, _mm256_fmadd_ps(c, _mm256_loadu_ps(weight + i), _mm256_loadu_ps(bias + i)));
    }
    for (; i < d; ++i)
        out[i] = (x[i] - mean) * rstd * weight[i] + bias[i];
}

#undef GITVQA_AVX2
#endif

} // namespace gitvqa::vecmath
