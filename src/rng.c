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

void il_rng_seed(il_rng *rng, uint64_t seed)
{
    int i;
    rng->kind = IL_RNG_XOSHIRO;
    for (i = 0; i < 4; i++)
        rng->s[i] = splitmix64(&seed);
    rng->has_spare = 0;
    rng->spare = 0.0;
}

uint64_t il_rng_next(il_rng *rng)
{
    uint64_t *s = rng->s;
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
    rng->spare = v * f;
    rng->has_spare = 1;
    return u * f;
}

uint64_t il_rng_below(il_rng *rng, uint64_t n)
{
    /* 2^64 mod n: the low values a plain modulo would let favour the
     * small residues */
    uint64_t threshold, x;
    if (n == 0)
        return 0;
    threshold = (0 - n) % n;
    do
        x = il_rng_next(rng);
    while (x < threshold);
    return x % n;
}
