/*
 * rng.c - the engine's random numbers.  The stream is a reproducibility
 * contract: tests/c/test_rng.c pins its first values, and C, Octave and Lua
 * draw the same numbers from the same seed.  Exactly:
 *
 *   seeding   x = seed; four times: x += 0x9e3779b97f4a7c15, z = x,
 *             z = (z ^ z>>30) * 0xbf58476d1ce4e5b9,
 *             z = (z ^ z>>27) * 0x94d049bb133111eb, s[i] = z ^ z>>31
 *             (splitmix64, i = 0..3); no normal is kept.
 *   next      xoshiro256** (Blackman & Vigna 2018): result =
 *             rotl(s[1] * 5, 7) * 9; then t = s[1] << 17, s[2] ^= s[0],
 *             s[3] ^= s[1], s[1] ^= s[2], s[0] ^= s[3], s[2] ^= t,
 *             s[3] = rotl(s[3], 45).  All arithmetic mod 2^64.
 *   uniform   (next >> 11) * 2^-53: a multiple of 2^-53 in [0, 1).
 *   normal    if a value is kept, return it and forget it.  Else draw
 *             u = 2 uniform - 1, then v = 2 uniform - 1, until
 *             0 < s = u*u + v*v < 1; f = sqrt((-2 * log(s)) / s), in
 *             that order; keep v * f, return u * f (Marsaglia's polar
 *             method).
 *   below(n)  t = (2^64 - n) mod n (= 2^64 mod n); draw x = next until
 *             x >= t, return x mod n.  The accepted range [t, 2^64) has a
 *             multiple of n values, so every residue is equally likely.
 *             below(0), outside the contract, returns 0 and draws nothing.
 *
 * The numpy stream (IL_RNG_NUMPY) is NumPy's legacy RandomState, so that
 * a script built on np.random.seed can be redone number for number:
 *
 *   seeding   MT19937's init_genrand: mt[0] = seed, mt[i] = 1812433253 *
 *             (mt[i-1] ^ mt[i-1] >> 30) + i (mod 2^32), i = 1..623; the
 *             next draw regenerates the state; no Gaussian is kept (as
 *             np.random.seed(seed) for an integer seed).
 *   next32    MT19937 (Matsumoto & Nishimura 1998) with its tempering.
 *   next      next32 << 32 | next32, the high word drawn first.
 *   uniform   a = next32 >> 5, b = next32 >> 6, (a 2^26 + b) 2^-53
 *             (random_sample).
 *   normal    as above, but with x1 = 2 uniform - 1 then x2, it keeps
 *             f * x1 and returns f * x2 (legacy gauss).
 *   below(n)  max = n - 1, mask = the smallest 2^k - 1 >= max; draw
 *             (next32 & mask), or (next & mask) when max >= 2^32, until
 *             <= max (random_interval, which shuffle uses).
 *
 * normal's last bits depend on the C library's log (sqrt is correctly
 * rounded everywhere, log is not required to be): the pinned values catch a
 * platform whose log differs.
 */
#include <math.h>

#include "internal.h"

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

static const il_name rng_names[] = {
    {"xoshiro", IL_RNG_XOSHIRO}, {"numpy", IL_RNG_NUMPY}};

il_status il_rng_from_name(const char *name, int *kind)
{
    return il_lookup("rng", name, rng_names, 2, kind);
}

const char *il_rng_name(int kind)
{
    return il_name_of(rng_names, 2, kind);
}

void il_rng_seed(il_rng *rng, uint64_t seed)
{
    int i;
    rng->kind = IL_RNG_XOSHIRO;
    for (i = 0; i < 4; i++)
        rng->s[i] = splitmix64(&seed);
    rng->has_spare = 0;
    rng->spare = 0.0;
}

#define MT_N 624
#define MT_M 397

void il_rng_seed_numpy(il_rng *rng, uint32_t seed)
{
    int i;
    rng->kind = IL_RNG_NUMPY;
    rng->mt[0] = seed;
    for (i = 1; i < MT_N; i++)
        rng->mt[i] = 1812433253U * (rng->mt[i - 1] ^ (rng->mt[i - 1] >> 30)) +
                     (uint32_t)i;
    rng->mt_pos = MT_N;
    rng->has_spare = 0;
    rng->spare = 0.0;
}

il_status il_rng_start(il_rng *rng, int kind, uint64_t seed)
{
    if (kind == IL_RNG_NUMPY) {
        if (seed > UINT32_MAX)
            return il_fail(IL_EBADVALUE, "seed must be in 0..4294967295 for "
                           "the numpy stream (as np.random.seed), got %llu",
                           (unsigned long long)seed);
        il_rng_seed_numpy(rng, (uint32_t)seed);
        return IL_OK;
    }
    if (kind != IL_RNG_XOSHIRO)
        return il_fail(IL_EBADARG, "rng must be xoshiro or numpy, got kind %d",
                       kind);
    il_rng_seed(rng, seed);
    return IL_OK;
}

/* All 624 words at once, as the reference generator does. */
static void mt_regenerate(uint32_t *mt)
{
    int k;
    for (k = 0; k < MT_N; k++) {
        uint32_t y = (mt[k] & 0x80000000U) | (mt[(k + 1) % MT_N] & 0x7fffffffU);
        mt[k] = mt[(k + MT_M) % MT_N] ^ (y >> 1) ^ ((y & 1U) ? 0x9908b0dfU : 0U);
    }
}

static uint32_t mt_next32(il_rng *rng)
{
    uint32_t y;
    if (rng->mt_pos >= MT_N) {
        mt_regenerate(rng->mt);
        rng->mt_pos = 0;
    }
    y = rng->mt[rng->mt_pos++];
    y ^= y >> 11;
    y ^= (y << 7) & 0x9d2c5680U;
    y ^= (y << 15) & 0xefc60000U;
    return y ^ (y >> 18);
}

uint64_t il_rng_next(il_rng *rng)
{
    uint64_t *s = rng->s;
    if (rng->kind == IL_RNG_NUMPY) {
        uint64_t high = mt_next32(rng);
        return high << 32 | mt_next32(rng);
    }
    uint64_t result = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

double il_rng_uniform(il_rng *rng)
{
    if (rng->kind == IL_RNG_NUMPY) {
        uint32_t a = mt_next32(rng) >> 5, b = mt_next32(rng) >> 6;
        return ((double)a * 67108864.0 + (double)b) * 0x1.0p-53;
    }
    return (double)(il_rng_next(rng) >> 11) * 0x1.0p-53;
}

double il_rng_normal(il_rng *rng)
{
    double u, v, s, f;
    if (rng->has_spare) {
        rng->has_spare = 0;
        return rng->spare;
    }
    do {
        u = 2.0 * il_rng_uniform(rng) - 1.0;
        v = 2.0 * il_rng_uniform(rng) - 1.0;
        s = u * u + v * v;
    } while (s >= 1.0 || s == 0.0);
    f = sqrt(-2.0 * log(s) / s);
    rng->has_spare = 1;
    if (rng->kind == IL_RNG_NUMPY) {
        rng->spare = u * f;
        return v * f;
    }
    rng->spare = v * f;
    return u * f;
}

uint64_t il_rng_below(il_rng *rng, uint64_t n)
{
    /* 2^64 mod n: the low values a plain modulo would let favour the
     * small residues */
    uint64_t threshold, x;
    if (n == 0)
        return 0;
    if (rng->kind == IL_RNG_NUMPY) {
        uint64_t max = n - 1, mask = max;
        int shift;
        for (shift = 1; shift < 64; shift *= 2)
            mask |= mask >> shift;
        if (max <= UINT32_MAX) {
            do
                x = mt_next32(rng) & mask;
            while (x > max);
        } else {
            do
                x = il_rng_next(rng) & mask;
            while (x > max);
        }
        return x;
    }
    threshold = (0 - n) % n;
    do
        x = il_rng_next(rng);
    while (x < threshold);
    return x % n;
}
