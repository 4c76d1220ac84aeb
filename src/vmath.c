/*
 * vmath.c - the engine's own exp, log1p, tanh, sigmoid and softplus, for
 * whole arrays and single values alike.
 *
 * Why not libm: glibc's exp/tanh/log1p work one value at a time (the
 * activations and the loss are then a quarter of a small network's
 * iteration), and glibc picks its code by the CPU (__exp_fma on FMA
 * machines), so its last bits are not even the same on every machine.
 * Here every value goes through one fixed sequence of IEEE double
 * operations: no FMA (fp-contract is off, see internal.h; tanh's one,
 * below, rounds what the sequence it stands for rounds), no
 * reassociation, rounding to an integer by adding 1.5 * 2^52, the exponent
 * built with integer shifts, branches as bit-mask selects.  The cores are
 * written once in GCC's vector extensions and compiled twice (this file
 * includes itself, see VMATH_CORES): eight lanes for arrays (IL_HOT
 * clones: AVX-512, AVX2 or SSE2 instructions) and two for a single value
 * (a 64-byte vector for one value takes three times as long).  Each lane
 * does the same operations whatever the width and the instruction set, so
 * an array and a value give the same bits, on every machine.
 *
 * exp(x) = 2^k * 2^(j/128) * exp(r), k*128 + j the nearest integer to
 * x*128/ln2 and |r| <= ln2/256; 2^(j/128) is a table of double pairs
 * (hi, lo), hi + lo exact to ~2^-106, and exp(r) - 1 is its Taylor
 * polynomial of degree 5 (truncation < 2^-60).  The result hi + (lo +
 * hi*p) is rounded once, then scaled by 2^k in two exact halves so that a
 * subnormal result is rounded once more and no finite result overflows.
 *
 * The sigmoid reduces the same way with 16 entries (every 8th of the
 * table, j/16) and exp(r) - 1 to degree 7 (|r| <= ln2/32, truncation
 * < 2^-59): a table of 16 fits in registers, where 128 entries were
 * loaded lane by lane, a third of the sigmoid's time.
 *
 * log1p(u), for 0 <= u <= 1 (what softplus needs): w = 1 + u rounded and
 * its rounding error c kept; w = 2^k (1 + f) with 1 + f in [sqrt2/2,
 * sqrt2); log(1 + f) = 2 atanh(s), s = f/(2 + f), written as f - f^2/2 +
 * s (f^2/2 + R) with R = sum 2 s^(2n)/(2n+1) (11 terms, |s| <= 0.172)
 * so that the large terms f and f^2/2 are exact or nearly.
 *
 * tanh(x) is odd by construction (computed on |x|, the sign put back).
 * Below 1/16 it is its Taylor polynomial (x^15 the last term); above,
 * 1 - 2/(1 + e^(2|x|)) with e^(2|x|) kept as hi + lo and the division's
 * remainder computed exactly (Dekker's product), since 1 - q cancels.
 * From 20 on it is 1 (2 e^-40 is below half an ulp of 1).  Its array form
 * is compiled once per instruction set (pass.c's paths): where there is an
 * FMA the remainder is one fused multiply-add, rounded once as Dekker's
 * sum is, so every path gives the same bits.
 *
 * tests/c/test_vmath.c measures the errors against long double.
 */
/* The helpers return 64-byte vectors, which would change the ABI of a
 * call; they are always inlined (INLINE below), so there is no call. */
#if defined(__clang__)
#pragma clang diagnostic ignored "-Wpsabi"
#elif defined(__GNUC__)
#pragma GCC diagnostic ignored "-Wpsabi"
#endif
#ifndef VMATH_CORES /* the file itself; the cores are at its end */

#include <math.h>
#include <stdint.h>
#include <string.h>

#if defined(__GNUC__) && defined(__x86_64__) && !defined(__clang__)
#include <immintrin.h>
#endif

#include "internal.h"

#define EXP_BITS 7
#define EXP_N (1 << EXP_BITS)

/* 2^(j/128) as hi (rounded) and lo (2^(j/128) - hi, rounded), from a
 * 60-digit decimal evaluation. */
static const double exp_table[EXP_N][2] = {
    {0x1.0000000000000p+0, 0x0.0p+0},
    {0x1.0163da9fb3335p+0, 0x1.b61299ab8cdb7p-54},
    {0x1.02c9a3e778061p+0, -0x1.19083535b085dp-56},
    {0x1.04315e86e7f85p+0, -0x1.0a31c1977c96ep-54},
    {0x1.059b0d3158574p+0, 0x1.d73e2a475b465p-55},
    {0x1.0706b29ddf6dep+0, -0x1.c91dfe2b13c27p-55},
    {0x1.0874518759bc8p+0, 0x1.186be4bb284ffp-57},
    {0x1.09e3ecac6f383p+0, 0x1.1487818316136p-54},
    {0x1.0b5586cf9890fp+0, 0x1.8a62e4adc610bp-54},
    {0x1.0cc922b7247f7p+0, 0x1.01edc16e24f71p-54},
    {0x1.0e3ec32d3d1a2p+0, 0x1.03a1727c57b53p-59},
    {0x1.0fb66affed31bp+0, -0x1.b9bedc44ebd7bp-57},
    {0x1.11301d0125b51p+0, -0x1.6c51039449b3ap-54},
    {0x1.12abdc06c31ccp+0, -0x1.1b514b36ca5c7p-58},
    {0x1.1429aaea92de0p+0, -0x1.32fbf9af1369ep-54},
    {0x1.15a98c8a58e51p+0, 0x1.2406ab9eeab0ap-55},
    {0x1.172b83c7d517bp+0, -0x1.19041b9d78a76p-55},
    {0x1.18af9388c8deap+0, -0x1.11023d1970f6cp-54},
    {0x1.1a35beb6fcb75p+0, 0x1.e5b4c7b4968e4p-55},
    {0x1.1bbe084045cd4p+0, -0x1.95386352ef607p-54},
    {0x1.1d4873168b9aap+0, 0x1.e016e00a2643cp-54},
    {0x1.1ed5022fcd91dp+0, -0x1.1df98027bb78cp-54},
    {0x1.2063b88628cd6p+0, 0x1.dc775814a8495p-55},
    {0x1.21f49917ddc96p+0, 0x1.2a97e9494a5eep-55},
    {0x1.2387a6e756238p+0, 0x1.9b07eb6c70573p-54},
    {0x1.251ce4fb2a63fp+0, 0x1.ac155bef4f4a4p-55},
    {0x1.26b4565e27cddp+0, 0x1.2bd339940e9d9p-55},
    {0x1.284dfe1f56381p+0, -0x1.a4c3a8c3f0d7ep-54},
    {0x1.29e9df51fdee1p+0, 0x1.612e8afad1255p-55},
    {0x1.2b87fd0dad990p+0, -0x1.10adcd6381aa4p-59},
    {0x1.2d285a6e4030bp+0, 0x1.0024754db41d5p-54},
    {0x1.2ecafa93e2f56p+0, 0x1.1ca0f45d52383p-56},
    {0x1.306fe0a31b715p+0, 0x1.6f46ad23182e4p-55},
    {0x1.32170fc4cd831p+0, 0x1.a9ce78e18047cp-55},
    {0x1.33c08b26416ffp+0, 0x1.32721843659a6p-54},
    {0x1.356c55f929ff1p+0, -0x1.b5cee5c4e4628p-55},
    {0x1.371a7373aa9cbp+0, -0x1.63aeabf42eae2p-54},
    {0x1.38cae6d05d866p+0, -0x1.e958d3c9904bdp-54},
    {0x1.3a7db34e59ff7p+0, -0x1.5e436d661f5e3p-56},
    {0x1.3c32dc313a8e5p+0, -0x1.efff8375d29c3p-54},
    {0x1.3dea64c123422p+0, 0x1.ada0911f09ebcp-55},
    {0x1.3fa4504ac801cp+0, -0x1.7d023f956f9f3p-54},
    {0x1.4160a21f72e2ap+0, -0x1.ef3691c309278p-58},
    {0x1.431f5d950a897p+0, -0x1.1c7dde35f7999p-55},
    {0x1.44e086061892dp+0, 0x1.89b7a04ef80d0p-59},
    {0x1.46a41ed1d0057p+0, 0x1.c944bd1648a76p-54},
    {0x1.486a2b5c13cd0p+0, 0x1.3c1a3b69062f0p-56},
    {0x1.4a32af0d7d3dep+0, 0x1.9cb62f3d1be56p-54},
    {0x1.4bfdad5362a27p+0, 0x1.d4397afec42e2p-56},
    {0x1.4dcb299fddd0dp+0, 0x1.8ecdbbc6a7833p-54},
    {0x1.4f9b2769d2ca7p+0, -0x1.4b309d25957e3p-54},
    {0x1.516daa2cf6642p+0, -0x1.f768569bd93efp-55},
    {0x1.5342b569d4f82p+0, -0x1.07abe1db13cadp-55},
    {0x1.551a4ca5d920fp+0, -0x1.d689cefede59bp-55},
    {0x1.56f4736b527dap+0, 0x1.9bb2c011d93adp-54},
    {0x1.58d12d497c7fdp+0, 0x1.295e15b9a1de8p-55},
    {0x1.5ab07dd485429p+0, 0x1.6324c054647adp-54},
    {0x1.5c9268a5946b7p+0, 0x1.c4b1b816986a2p-60},
    {0x1.5e76f15ad2148p+0, 0x1.ba6f93080e65ep-54},
    {0x1.605e1b976dc09p+0, -0x1.3e2429b56de47p-54},
    {0x1.6247eb03a5585p+0, -0x1.383c17e40b497p-54},
    {0x1.6434634ccc320p+0, -0x1.c483c759d8933p-55},
    {0x1.6623882552225p+0, -0x1.bb60987591c34p-54},
    {0x1.68155d44ca973p+0, 0x1.038ae44f73e65p-57},
    {0x1.6a09e667f3bcdp+0, -0x1.bdd3413b26456p-54},
    {0x1.6c012750bdabfp+0, -0x1.2895667ff0b0dp-56},
    {0x1.6dfb23c651a2fp+0, -0x1.bbe3a683c88abp-57},
    {0x1.6ff7df9519484p+0, -0x1.83c0f25860ef6p-55},
    {0x1.71f75e8ec5f74p+0, -0x1.16e4786887a99p-55},
    {0x1.73f9a48a58174p+0, -0x1.0a8d96c65d53cp-54},
    {0x1.75feb564267c9p+0, -0x1.0245957316dd3p-54},
    {0x1.780694fde5d3fp+0, 0x1.866b80a02162dp-54},
    {0x1.7a11473eb0187p+0, -0x1.41577ee04992fp-55},
    {0x1.7c1ed0130c132p+0, 0x1.f124cd1164dd6p-54},
    {0x1.7e2f336cf4e62p+0, 0x1.05d02ba15797ep-56},
    {0x1.80427543e1a12p+0, -0x1.27c86626d972bp-54},
    {0x1.82589994cce13p+0, -0x1.d4c1dd41532d8p-54},
    {0x1.8471a4623c7adp+0, -0x1.8d684a341cdfbp-55},
    {0x1.868d99b4492edp+0, -0x1.fc6f89bd4f6bap-54},
    {0x1.88ac7d98a6699p+0, 0x1.994c2f37cb53ap-54},
    {0x1.8ace5422aa0dbp+0, 0x1.6e9f156864b27p-54},
    {0x1.8cf3216b5448cp+0, -0x1.0d55e32e9e3aap-56},
    {0x1.8f1ae99157736p+0, 0x1.5cc13a2e3976cp-55},
    {0x1.9145b0b91ffc6p+0, -0x1.dd6792e582524p-54},
    {0x1.93737b0cdc5e5p+0, -0x1.75fc781b57ebcp-57},
    {0x1.95a44cbc8520fp+0, -0x1.64b7c96a5f039p-56},
    {0x1.97d829fde4e50p+0, -0x1.d185b7c1b85d1p-54},
    {0x1.9a0f170ca07bap+0, -0x1.173bd91cee632p-54},
    {0x1.9c49182a3f090p+0, 0x1.c7c46b071f2bep-56},
    {0x1.9e86319e32323p+0, 0x1.824ca78e64c6ep-56},
    {0x1.a0c667b5de565p+0, -0x1.359495d1cd533p-54},
    {0x1.a309bec4a2d33p+0, 0x1.6305c7ddc36abp-54},
    {0x1.a5503b23e255dp+0, -0x1.d2f6edb8d41e1p-54},
    {0x1.a799e1330b358p+0, 0x1.bcb7ecac563c7p-54},
    {0x1.a9e6b5579fdbfp+0, 0x1.0fac90ef7fd31p-54},
    {0x1.ac36bbfd3f37ap+0, -0x1.f9234cae76cd0p-55},
    {0x1.ae89f995ad3adp+0, 0x1.7a1cd345dcc81p-54},
    {0x1.b0e07298db666p+0, -0x1.bdef54c80e425p-54},
    {0x1.b33a2b84f15fbp+0, -0x1.2805e3084d708p-57},
    {0x1.b59728de5593ap+0, -0x1.c71dfbbba6de3p-54},
    {0x1.b7f76f2fb5e47p+0, -0x1.5584f7e54ac3bp-56},
    {0x1.ba5b030a1064ap+0, -0x1.efcd30e54292ep-54},
    {0x1.bcc1e904bc1d2p+0, 0x1.23dd07a2d9e84p-55},
    {0x1.bf2c25bd71e09p+0, -0x1.efdca3f6b9c73p-54},
    {0x1.c199bdd85529cp+0, 0x1.11065895048ddp-55},
    {0x1.c40ab5fffd07ap+0, 0x1.b4537e083c60ap-54},
    {0x1.c67f12e57d14bp+0, 0x1.2884dff483cadp-54},
    {0x1.c8f6d9406e7b5p+0, 0x1.1acbc48805c44p-56},
    {0x1.cb720dcef9069p+0, 0x1.503cbd1e949dbp-56},
    {0x1.cdf0b555dc3fap+0, -0x1.dd83b53829d72p-55},
    {0x1.d072d4a07897cp+0, -0x1.cbc3743797a9cp-54},
    {0x1.d2f87080d89f2p+0, -0x1.d487b719d8578p-54},
    {0x1.d5818dcfba487p+0, 0x1.2ed02d75b3707p-55},
    {0x1.d80e316c98398p+0, -0x1.11ec18beddfe8p-54},
    {0x1.da9e603db3285p+0, 0x1.c2300696db532p-54},
    {0x1.dd321f301b460p+0, 0x1.2da5778f018c3p-54},
    {0x1.dfc97337b9b5fp+0, -0x1.1a5cd4f184b5cp-54},
    {0x1.e264614f5a129p+0, -0x1.7b627817a1496p-54},
    {0x1.e502ee78b3ff6p+0, 0x1.39e8980a9cc8fp-55},
    {0x1.e7a51fbc74c83p+0, 0x1.2d522ca0c8de2p-54},
    {0x1.ea4afa2a490dap+0, -0x1.e9c23179c2893p-54},
    {0x1.ecf482d8e67f1p+0, -0x1.c93f3b411ad8cp-54},
    {0x1.efa1bee615a27p+0, 0x1.dc7f486a4b6b0p-54},
    {0x1.f252b376bba97p+0, 0x1.3a1a5bf0d8e43p-54},
    {0x1.f50765b6e4540p+0, 0x1.9d3e12dd8a18bp-54},
    {0x1.f7bfdad9cbe14p+0, -0x1.dbb12d006350ap-54},
    {0x1.fa7c1819e90d8p+0, 0x1.74853f3a5931ep-55},
    {0x1.fd3c22b8f71f1p+0, 0x1.2eb74966579e7p-57},
};

/* 1.5 * 2^52: x + SHIFT rounds x to an integer (|x| < 2^51) and leaves it,
 * in two's complement, in the low bits of the sum's representation. */
#define SHIFT 0x1.8p52
#define SHIFT_BITS 0x4338000000000000ULL
#define INV_LN2_N 0x1.71547652b82fep+7      /* 128/ln2 */
/* ln2/128 split so that k*LN2_N_HI is exact for |k| < 2^18 (35 bits). */
#define LN2_N_HI 0x1.62e42fefc0000p-8
#define LN2_N_LO -0x1.c610ca86c3899p-44
/* Past these exp is 0 or inf; clamping there keeps k's exponent in range. */
#define EXP_LO -746.0
#define EXP_HI 710.0

#define LN2_HI 0x1.62e42fefa39efp-1          /* ln 2 rounded: log(2.0) */
#define LN2_LO 0x1.abc9e3b39803fp-56         /* ln 2 - LN2_HI */
#define SQRT2 0x1.6a09e667f3bcdp+0

/* The sigmoid's reduction: 16 entries, every 8th of exp_table, and ln2/16
 * split as LN2_N_HI and LN2_N_LO are (8 times them: exact). */
#define SIGMOID_BITS 4
#define SIGMOID_N (1 << SIGMOID_BITS)
#define SIGMOID_STRIDE (EXP_N / SIGMOID_N)
#define INV_LN2_16 0x1.71547652b82fep+4     /* 16/ln2 */
#define LN2_16_HI (LN2_N_HI * SIGMOID_STRIDE)
#define LN2_16_LO (LN2_N_LO * SIGMOID_STRIDE)
#define SIGMOID_K(ki) (((ki) >> SIGMOID_BITS) - (SHIFT_BITS >> SIGMOID_BITS))
#define SIGMOID_HALF_K(ki)                                                    \
    (((ki) >> (SIGMOID_BITS + 1)) - (SHIFT_BITS >> (SIGMOID_BITS + 1)))

/* Whether the sigmoid may pick table entries with GCC's variable
 * shuffles: where the hot loops have an AVX-512 clone (IL_HOT), which runs
 * them as vpermt2pd; clang's shuffles take constant indices only. */
#if defined(__GNUC__) && defined(__x86_64__) && !defined(__clang__) && \
    !defined(__SANITIZE_ADDRESS__)
#define SHUFFLE_TABLE 1
#else
#define SHUFFLE_TABLE 0
#endif

#define TANH_SMALL 0x1p-4
#define TANH_ONE 20.0

/* Every core is inlined into its entry point, so it is compiled for each
 * IL_HOT clone's instruction set.  The cores take their vectors by
 * pointer, as pass.c's helpers do: GCC notes an ABI change for any 64-byte
 * vector passed by value, even to a function that is always inlined. */
#define INLINE static inline __attribute__((always_inline))

typedef double vd8 __attribute__((vector_size(64)));
typedef uint64_t vu8 __attribute__((vector_size(64)));
typedef int64_t vi8 __attribute__((vector_size(64))); /* comparisons: -1/0 */
typedef double vd2 __attribute__((vector_size(16)));
typedef uint64_t vu2 __attribute__((vector_size(16)));
typedef int64_t vi2 __attribute__((vector_size(16)));
#define LANES (sizeof(vd) / sizeof(double)) /* in the cores */
#define ARRAY_LANES (sizeof(vd8) / sizeof(double))

/* m ? a : b lane by lane, m from a comparison. */
#define SELECT(m, a, b) ((vd)(((vu)(m) & (vu)(a)) | (~(vu)(m) & (vu)(b))))
#define ABS_BITS 0x7fffffffffffffffULL
#define VABS(x) ((vd)((vu)(x) & ABS_BITS))
/* |t| with x's sign. */
#define WITH_SIGN_OF(t, x) ((vd)(((vu)(t) & ABS_BITS) | ((vu)(x) & ~ABS_BITS)))
/* 2^e for exponents e (modular uint64) with -1022 <= e <= 1023. */
#define POW2(e) ((vd)(((e) + 1023) << 52))
/* k and floor(k/2) from exp_reduce's bits, in modular uint64.  SHIFT_BITS
 * is a multiple of 2^(EXP_BITS+1), so the logical shifts floor: no signed
 * shift, which AVX2 does not have for 64-bit lanes. */
#define EXP_K(ki) (((ki) >> EXP_BITS) - (SHIFT_BITS >> EXP_BITS))
#define EXP_HALF_K(ki) (((ki) >> (EXP_BITS + 1)) - (SHIFT_BITS >> (EXP_BITS + 1)))

/* 2 - q dh rounded once (tanh_big's remainder), by a fused multiply-add;
 * NULL where the path has none. */
typedef vd8 fnma8_fn(const vd8 *q, const vd8 *dh);
typedef vd2 fnma2_fn(const vd2 *q, const vd2 *dh);

/* The cores for arrays: vd, vu, vi are eight lanes. */
#define VMATH_CORES
#define VMATH_WIDE
#define vd vd8
#define vu vu8
#define vi vi8
#define fnma_fn fnma8_fn
#include "vmath.c"
#undef vd
#undef vu
#undef vi
#undef VMATH_WIDE
#undef fnma_fn

/* The cores for one value: two lanes, each core's name with _2. */
#define vd vd2
#define vu vu2
#define vi vi2
#define fnma_fn fnma2_fn
#define splat splat_2
#define exp_reduce exp_reduce_2
#define clamp_exp_arg clamp_exp_arg_2
#define scale scale_2
#define exp_v exp_v_2
#define split split_2
#define product_error product_error_2
#define log1p_pair log1p_pair_2
#define log1p_v log1p_v_2
#define softplus_tail softplus_tail_2
#define softplus_from softplus_from_2
#define softplus_v softplus_v_2
#define sigmoid_v sigmoid_v_2
#define exp16_lookup exp16_lookup_2
#define exp16_reduce exp16_reduce_2
#define tanh_big tanh_big_2
#define tanh_small tanh_small_2
#define tanh_v tanh_v_2
#define bce_v bce_v_2
#define load load_2
#define store store_2
#include "vmath.c"
#undef vd
#undef vu
#undef vi
#undef fnma_fn
#undef splat
#undef exp_reduce
#undef clamp_exp_arg
#undef scale
#undef exp_v
#undef split
#undef product_error
#undef log1p_pair
#undef log1p_v
#undef softplus_tail
#undef softplus_from
#undef softplus_v
#undef sigmoid_v
#undef exp16_lookup
#undef exp16_reduce
#undef tanh_big
#undef tanh_small
#undef tanh_v
#undef bce_v
#undef load
#undef store

/* The body of an array form: y = call (of the vector v) over x's n
 * values, whole vectors, then the last n % ARRAY_LANES values in a
 * zero-padded vector. */
#define ARRAY_LOOP(call)                                                    \
    size_t i, r;                                                            \
    vd8 v;                                                                  \
    for (i = 0; i + ARRAY_LANES <= n; i += ARRAY_LANES) {                   \
        v = load(x + i, ARRAY_LANES);                                       \
        v = call;                                                           \
        store(y + i, &v, ARRAY_LANES);                                      \
    }                                                                       \
    r = n - i;                                                              \
    if (r) {                                                                \
        v = load(x + i, r);                                                 \
        v = call;                                                           \
        store(y + i, &v, r);                                                \
    }

/* The array and the one-value forms of each core. */
#define ELEMENTWISE(core, array_name, value_name)                           \
    IL_HOT void array_name(const double *x, double *y, size_t n)            \
    {                                                                       \
        ARRAY_LOOP(core(&v))                                                \
    }                                                                       \
    double value_name(double x)                                             \
    {                                                                       \
        vd2 v = splat_2(x);                                                 \
        return core##_2(&v)[0];                                             \
    }

ELEMENTWISE(exp_v, il_exp_array, il_exp)
ELEMENTWISE(softplus_v, il_softplus_array, il_softplus)

/* The sigmoid of the whole vectors of n values, the table entries by
 * shuffles from tab or (NULL) lane by lane: a constant where this is
 * inlined.  Returns how many values it did. */
INLINE size_t sigmoid_vectors(const double *x, double *y, size_t n,
                              const vd8 *tab)
{
    size_t i;
    vd8 v;
    for (i = 0; i + ARRAY_LANES <= n; i += ARRAY_LANES) {
        v = load(x + i, ARRAY_LANES);
        v = sigmoid_v(&v, tab);
        store(y + i, &v, ARRAY_LANES);
    }
    return i;
}

/* sigmoid_vectors, then the last n % ARRAY_LANES values in a zero-padded
 * vector. */
INLINE void sigmoid_values(const double *x, double *y, size_t n,
                           const vd8 *tab)
{
    size_t i = sigmoid_vectors(x, y, n, tab), r = n - i;
    vd8 v;
    if (r) {
        v = load(x + i, r);
        v = sigmoid_v(&v, tab);
        store(y + i, &v, r);
    }
}

#if SHUFFLE_TABLE
/* The sigmoid's 16 table entries (2^(j/16), every SIGMOID_STRIDE-th of
 * exp_table) as vectors of 8: hi for j < 8, hi for j >= 8, then lo the
 * same (see exp16_lookup). */
static inline void sigmoid_table(vd8 tab[4])
{
    size_t j;
    for (j = 0; j < 8; j++) {
        tab[0][j] = exp_table[SIGMOID_STRIDE * j][0];
        tab[1][j] = exp_table[SIGMOID_STRIDE * (j + 8)][0];
        tab[2][j] = exp_table[SIGMOID_STRIDE * j][1];
        tab[3][j] = exp_table[SIGMOID_STRIDE * (j + 8)][1];
    }
}

/* AVX-512 picks the entries by shuffles; the other clones lane by lane. */
__attribute__((target("avx512f"))) static void
sigmoid_avx512(const double *x, double *y, size_t n)
{
    vd8 tab[4], v;
    size_t i;
    __mmask8 tail;
    __m512d t;
    sigmoid_table(tab);
    i = sigmoid_vectors(x, y, n, tab);
    if (i == n)
        return;
    /* the rest by masked moves (zeros beyond), where memcpy of n % 8
     * values was two library calls */
    tail = (__mmask8)((1u << (n - i)) - 1);
    t = _mm512_maskz_loadu_pd(tail, x + i);
    memcpy(&v, &t, sizeof v);
    v = sigmoid_v(&v, tab);
    memcpy(&t, &v, sizeof t);
    _mm512_mask_storeu_pd(y + i, tail, t);
}

__attribute__((target_clones("avx2", "default"))) static void
sigmoid_lanes(const double *x, double *y, size_t n)
{
    sigmoid_values(x, y, n, NULL);
}

void il_sigmoid_array(const double *x, double *y, size_t n)
{
    if (__builtin_cpu_supports("avx512f"))
        sigmoid_avx512(x, y, n);
    else
        sigmoid_lanes(x, y, n);
}
#else
IL_HOT void il_sigmoid_array(const double *x, double *y, size_t n)
{
    sigmoid_values(x, y, n, NULL);
}
#endif

double il_sigmoid(double z)
{
    vd2 v = splat_2(z);
    return sigmoid_v_2(&v, NULL)[0];
}

/* tanh_big's remainder as fused multiply-adds, lane by lane: inlined into
 * a path compiled for FMA, one vector instruction (two on AVX2). */
INLINE vd8 fnma_lanes(const vd8 *q, const vd8 *dh)
{
    vd8 out;
    size_t l;
    for (l = 0; l < ARRAY_LANES; l++)
        out[l] = __builtin_fma(-(*q)[l], (*dh)[l], 2.0);
    return out;
}

/* tanh's array form once per path (not target_clones: the AVX2 clone would
 * have no FMA, and a test must be able to run each path, as for pass.c's
 * kernels). */
#define TANH_PATH(name, target, fnma)                                       \
    target static void name(const double *x, double *y, size_t n)           \
    {                                                                       \
        ARRAY_LOOP(tanh_v(&v, fnma))                                        \
    }

TANH_PATH(tanh_array_base, , NULL)
#if IL_FMA_PATHS
TANH_PATH(tanh_array_avx2, __attribute__((target("avx2,fma"))), fnma_lanes)
TANH_PATH(tanh_array_avx512, __attribute__((target("avx512f,fma"))),
          fnma_lanes)
#endif
#undef TANH_PATH

void il_tanh_array_path(int path, const double *x, double *y, size_t n)
{
    if (path == IL_PATH_AUTO)
        path = il_kernel_best_path();
    switch (path) {
#if IL_FMA_PATHS
    case IL_PATH_AVX512:
        tanh_array_avx512(x, y, n);
        return;
    case IL_PATH_AVX2:
        tanh_array_avx2(x, y, n);
        return;
#endif
    default:
        tanh_array_base(x, y, n);
    }
}

void il_tanh_array(const double *x, double *y, size_t n)
{
    il_tanh_array_path(IL_PATH_AUTO, x, y, n);
}

double il_tanh(double x)
{
    vd2 v = splat_2(x);
    return tanh_v_2(&v, NULL)[0];
}

double il_log1p(double u)
{
    vd2 v = splat_2(u);
    return log1p_v_2(&v)[0];
}

/* One vector of il_bce_add: n <= ARRAY_LANES values from i on. */
INLINE void bce_block(const double *z, const double *y, double *term, size_t n)
{
    vd8 zv = load(z, n), yv = load(y, n), tv = load(term, n);
    tv = bce_v(&zv, &yv, &tv);
    store(term, &tv, n);
}

IL_HOT void il_bce_add(const double *z, const double *y, double *term, size_t n)
{
    size_t i;
    for (i = 0; i + ARRAY_LANES <= n; i += ARRAY_LANES)
        bce_block(z + i, y + i, term + i, ARRAY_LANES);
    if (i < n)
        bce_block(z + i, y + i, term + i, n - i);
}

#else /* VMATH_CORES: the cores, for the vector type vd (and vu, vi) */

INLINE vd splat(double c)
{
    vd v;
    size_t l;
    for (l = 0; l < LANES; l++)
        v[l] = c;
    return v;
}

/* The reduction of x (EXP_LO <= x <= EXP_HI): returns the table's hi for
 * j, *tail = 2^(j/128) exp(r) - hi, and *ki the bits of k*128 + j + SHIFT
 * (see EXP_K and EXP_HALF_K). */
INLINE vd exp_reduce(const vd *xp, vd *tail, vu *ki_out)
{
    vd x = *xp, kd = x * INV_LN2_N + SHIFT;
    vu ki = (vu)kd;
    vd r, r2, p, hi, lo;
    size_t l;
    kd = kd - SHIFT;
    /* x - kd*LN2_N_HI is exact (Sterbenz): only the small term rounds. */
    r = (x - kd * LN2_N_HI) - kd * LN2_N_LO;
    r2 = r * r;
    p = r + r2 * ((0.5 + r * 0x1.5555555555555p-3) +
                  r2 * (0x1.5555555555555p-5 + r * 0x1.1111111111111p-7));
    for (l = 0; l < LANES; l++) {
        size_t j = (size_t)(ki[l] & (EXP_N - 1));
        hi[l] = exp_table[j][0];
        lo[l] = exp_table[j][1];
    }
    *tail = lo + hi * p;
    *ki_out = ki;
    return hi;
}

INLINE vd clamp_exp_arg(const vd *xp)
{
    vd x = SELECT(*xp < EXP_LO, splat(EXP_LO), *xp); /* NaN stays */
    return SELECT(x > EXP_HI, splat(EXP_HI), x);
}

/* v * 2^k in two exact halves, floor(k/2) and the rest: each a normal
 * power of two for |k| <= 1077, so only the last product rounds (once
 * more for a subnormal result, and none overflows spuriously). */
INLINE vd scale(const vd *v, const vu *ki)
{
    vu k1 = EXP_HALF_K(*ki);
    return (*v * POW2(k1)) * POW2(EXP_K(*ki) - k1);
}

INLINE vd exp_v(const vd *x)
{
    vu ki;
    vd arg = clamp_exp_arg(x), tail, hi = exp_reduce(&arg, &tail, &ki);
    vd v = hi + tail;
    return scale(&v, &ki);
}

/* a = ah + al exactly, ah with 26 significant bits (Veltkamp). */
INLINE void split(const vd *a, vd *ah, vd *al)
{
    vd c = 0x1.0000002p27 * *a; /* 2^27 + 1 */
    *ah = c - (c - *a);
    *al = *a - *ah;
}

/* The rounding error of the product a*b (Dekker): a*b = p + it exactly. */
INLINE vd product_error(const vd *a, const vd *b, const vd *p)
{
    vd ah, al, bh, bl;
    split(a, &ah, &al);
    split(b, &bh, &bl);
    return ((ah * bh - *p) + ah * bl + al * bh) + al * bl;
}

/* log(1 + u + ul) for 0 <= u <= 1 and |ul| <= ulp(u) (u's error), as
 * *hi + the return value, the pair good to ~2^-60 relative, so that a sum
 * with it (softplus) rounds once. */
INLINE vd log1p_pair(const vd *up, const vd *ul, vd *hi)
{
    vd u = *up, w = 1.0 + u;
    vi two = w >= SQRT2;
    vd kf = SELECT(two, splat(1.0), splat(0.0));
    /* Below sqrt2 - 1, 1 + f is 1 + u itself (f = u exact, and w's rounding
     * would be most of a tiny u); above, w/2 exactly, and log(1 + u + ul)
     * = log(w) + log(1 + c), c = (u - (w-1) + ul)/w below 2^-51, where
     * log(1 + c) is c to the last bit. */
    vd f = SELECT(two, 0.5 * w - 1.0, u);
    vd c = (SELECT(two, u - (w - 1.0), splat(0.0)) + *ul) / w;
    vd s = f / (2.0 + f), z = s * s;
    vd ff = f * f, hfsq = 0.5 * ff, hfsq_lo = 0.5 * product_error(&f, &f, &ff);
    vd R = z * (0x1.5555555555555p-1 + z * (0x1.999999999999ap-2 +
           z * (0x1.2492492492492p-2 + z * (0x1.c71c71c71c71cp-3 +
           z * (0x1.745d1745d1746p-3 + z * (0x1.3b13b13b13b14p-3 +
           z * (0x1.1111111111111p-3 + z * (0x1.e1e1e1e1e1e1ep-4 +
           z * (0x1.af286bca1af28p-4 + z * (0x1.8618618618618p-4 +
           z * 0x1.642c8590b2164p-4))))))))));
    /* k ln2 + f - f^2/2 exactly as ch + cl (two Fast2Sums: |k LN2_HI| >= |f|
     * where k = 1, and ah >= f^2/2), the small rest after. */
    vd k_ln2 = kf * LN2_HI;
    vd ah = k_ln2 + f, al = (k_ln2 - ah) + f;
    vd ch = ah - hfsq, cl = (ah - ch) - hfsq;
    vd rest = s * (hfsq + R) + ((kf * LN2_LO + c) - hfsq_lo);
    *hi = ch;
    return cl + (al + rest);
}

INLINE vd log1p_v(const vd *u)
{
    vd zero = splat(0.0), hi, lo = log1p_pair(u, &zero, &hi);
    return hi + lo;
}

/* log(1 + exp(-|z|)) (or NaN) as *hi + the return value, exp's rounding
 * error carried in. */
INLINE vd softplus_tail(const vd *z, vd *hi)
{
    vu ki;
    vd arg = -VABS(*z), tail, eh;
    arg = clamp_exp_arg(&arg);
    eh = exp_reduce(&arg, &tail, &ki);
    {
        vd v = eh + tail, vl = (eh - v) + tail; /* |eh| >= |tail|: exact */
        vd u = scale(&v, &ki), ul = scale(&vl, &ki);
        return log1p_pair(&u, &ul, hi);
    }
}

/* softplus(z) = max(z, 0) + log(1 + exp(-|z|)), the sum rounded once
 * (TwoSum of max(z, 0) and the tail's hi; where z <= 0 it is hi + lo). */
INLINE vd softplus_from(const vd *zp, const vd *hi, const vd *lo)
{
    vd z = *zp, p = SELECT(z > 0.0, z, splat(0.0));
    vd s = p + *hi, b = s - p, err = (p - (s - b)) + (*hi - b);
    /* past EXP_HI the tail is below an ulp of z (and z may be inf) */
    return SELECT(z > EXP_HI, z, s + (err + *lo));
}

INLINE vd softplus_v(const vd *z)
{
    vd hi, lo = softplus_tail(z, &hi);
    return softplus_from(z, &hi, &lo);
}

/* 2^(j/16) as hi and lo for j the low 4 bits of each lane of ki: picked
 * from tab (when not NULL) by two-vector shuffles, one vpermt2pd each with
 * AVX-512, where a table entry loaded lane by lane was 16 loads and
 * inserts a vector; else read from exp_table lane by lane (without
 * AVX-512 the shuffle is emulated, slower than that).  The same entries
 * either way. */
INLINE void exp16_lookup(const vu *ki, const vd8 *tab, vd *hi, vd *lo)
{
    size_t l;
    (void)tab;
#if defined(VMATH_WIDE) && SHUFFLE_TABLE
    if (tab) {
        *hi = __builtin_shuffle(tab[0], tab[1], *ki);
        *lo = __builtin_shuffle(tab[2], tab[3], *ki);
        return;
    }
#endif
    for (l = 0; l < LANES; l++) {
        size_t j = (size_t)((*ki)[l] & (SIGMOID_N - 1)) * SIGMOID_STRIDE;
        (*hi)[l] = exp_table[j][0];
        (*lo)[l] = exp_table[j][1];
    }
}

/* exp_reduce with 16 table entries (x = (k*16 + j) ln2/16 + r, |r| <=
 * ln2/32) and exp(r) - 1 to degree 7 (truncation < 2^-59): two more terms
 * of the polynomial for a table that fits in four registers. */
INLINE vd exp16_reduce(const vd *xp, const vd8 *tab, vd *tail, vu *ki_out)
{
    vd x = *xp, kd = x * INV_LN2_16 + SHIFT;
    vu ki = (vu)kd;
    vd r, r2, r4, p, hi, lo;
    kd = kd - SHIFT;
    /* as in exp_reduce: x - kd*LN2_16_HI is exact */
    r = (x - kd * LN2_16_HI) - kd * LN2_16_LO;
    r2 = r * r;
    r4 = r2 * r2;
    p = r + r2 * (((0.5 + r * 0x1.5555555555555p-3) +
                   r2 * (0x1.5555555555555p-5 + r * 0x1.1111111111111p-7)) +
                  r4 * (0x1.6c16c16c16c17p-10 + r * 0x1.a01a01a01a01ap-13));
    exp16_lookup(&ki, tab, &hi, &lo);
    *tail = lo + hi * p;
    *ki_out = ki;
    return hi;
}

/* 1/(1+exp(-z)) for z >= 0, exp(z)/(1+exp(z)) below (no overflow), with
 * exp(-|z|) from exp16_reduce, scaled by 2^k in two halves as scale
 * does (a subnormal result rounded once more, as exp_v's). */
INLINE vd sigmoid_v(const vd *z, const vd8 *tab)
{
    vu ki, k1;
    /* -|z| (the sign bit set), clamped below only: it is at most 0 */
    vd arg = (vd)((vu)*z | ~ABS_BITS), tail, hi, e;
    arg = SELECT(arg < EXP_LO, splat(EXP_LO), arg); /* NaN stays */
    hi = exp16_reduce(&arg, tab, &tail, &ki);
    k1 = SIGMOID_HALF_K(ki);
    e = hi + tail;
    e = (e * POW2(k1)) * POW2(SIGMOID_K(ki) - k1);
    return SELECT(*z >= 0.0, splat(1.0), e) / (1.0 + e);
}

/* tanh(a) for 1/16 <= a <= 20: 1 - q, q = 2/(1 + e^(2a)) as q + ql.
 * rho = 2 - q dh rounded once: 2 - ph is exact (ph, the product rounded,
 * is within an ulp of 2) and ph + pl the exact product, so (2 - ph) - pl
 * rounds the exact remainder once, as fnma (when given) does. */
INLINE vd tanh_big(const vd *a, fnma_fn *fnma)
{
    vu ki;
    vd arg = 2.0 * *a, tail, hi = exp_reduce(&arg, &tail, &ki);
    vd v = hi + tail, vl = (hi - v) + tail; /* |hi| >= |tail|: exact */
    vd s = POW2(EXP_K(ki));                /* 0 <= k <= 58 */
    vd eh = v * s, el = vl * s;            /* e^(2a), exactly scaled */
    vd dh = 1.0 + eh, dl = (1.0 - (dh - eh)) + el;
    vd q = 2.0 / dh, rho, ql, t, err;
    if (fnma) {
        rho = fnma(&q, &dh);
    } else {
        vd ph = q * dh, pl = product_error(&q, &dh, &ph);
        rho = (2.0 - ph) - pl;
    }
    ql = (rho - q * dl) / dh;              /* 2/(dh + dl) - q */
    t = 1.0 - q;
    err = (1.0 - t) - q;                   /* t + err = 1 - q exactly */
    return t + (err - ql);
}

INLINE vd tanh_small(const vd *ap)
{
    vd a = *ap, z = a * a;
    return a + a * (z * (-0x1.5555555555555p-2 + z * (0x1.1111111111111p-3 +
                    z * (-0x1.ba1ba1ba1ba1cp-5 + z * (0x1.664f4882c10fap-6 +
                    z * (-0x1.226e355e6c23dp-7 + z * (0x1.d6d3d0e157de0p-9 +
                    z * -0x1.7da36452b75e3p-10)))))));
}

INLINE vd tanh_v(const vd *x, fnma_fn *fnma)
{
    vd a = VABS(*x);
    a = SELECT(a > TANH_ONE, splat(TANH_ONE), a); /* NaN stays */
    return WITH_SIGN_OF(SELECT(a < TANH_SMALL, tanh_small(&a),
                               tanh_big(&a, fnma)), *x);
}

/* term + y softplus(-z) + (1-y) softplus(z), each softplus as softplus_v
 * gives it (they share log1p(exp(-|z|))), a lone term where y is 0 or 1. */
INLINE vd bce_v(const vd *z, const vd *yp, const vd *term)
{
    vd y = *yp, minus_z = -*z, hi, lo = softplus_tail(z, &hi);
    vd up = softplus_from(z, &hi, &lo), down = softplus_from(&minus_z, &hi, &lo);
    return *term + SELECT(y == 1.0, down,
                          SELECT(y == 0.0, up, y * down + (1.0 - y) * up));
}

INLINE vd load(const double *p, size_t n)
{
    vd v = splat(0.0);
    memcpy(&v, p, n * sizeof(double));
    return v;
}

INLINE void store(double *p, const vd *v, size_t n)
{
    memcpy(p, v, n * sizeof(double));
}

#endif
