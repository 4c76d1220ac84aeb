/*
 * test_rng.c - the random stream is a contract: its first values are pinned
 * here as exact bits (computed once by an independent implementation of
 * splitmix64, xoshiro256** and the polar method, in Python's integers and
 * doubles), so that it can never change silently.
 */
#include <stdint.h>

#include "check.h"
#include "initlab.h"

static uint64_t bits_of(double x)
{
    uint64_t b;
    memcpy(&b, &x, sizeof b);
    return b;
}

static void test_pinned_stream(void)
{
    static const uint64_t next[] = {0x15780b2e0c2ec716ULL, 0x6104d9866d113a7eULL,
                                    0xae17533239e499a1ULL, 0xecb8ad4703b360a1ULL};
    static const uint64_t uniform[] = {0x3fb5780b2e0c2ec0ULL, 0x3fd84136619b444eULL,
                                       0x3fe5c2ea66473c93ULL};
    /* the second of each pair is the kept value of the polar method */
    static const uint64_t normal[] = {0xbfe73d2feb0fb377ULL, 0xbfcb088028693f9cULL,
                                      0x3fcc5e21f7812a4cULL, 0x3fe0ba8bb0c5fa51ULL,
                                      0x3fddb514bfac5b4eULL, 0x3fe7b6195d5a3e23ULL};
    il_rng rng;
    int i;
    il_rng_seed(&rng, 42);
    for (i = 0; i < 4; i++)
        CHECK(il_rng_next(&rng) == next[i]);
    il_rng_seed(&rng, 42);
    for (i = 0; i < 3; i++)
        CHECK(bits_of(il_rng_uniform(&rng)) == uniform[i]);
    il_rng_seed(&rng, 42);
    for (i = 0; i < 6; i++)
        CHECK(bits_of(il_rng_normal(&rng)) == normal[i]);
}

static void test_pinned_edge_seeds(void)
{
    il_rng rng;
    il_rng_seed(&rng, 0);
    CHECK(il_rng_next(&rng) == 0x99ec5f36cb75f2b4ULL);
    CHECK(il_rng_next(&rng) == 0xbf6e1f784956452aULL);
    il_rng_seed(&rng, UINT64_MAX);
    CHECK(il_rng_next(&rng) == 0x8f5520d52a7ead08ULL);
    CHECK(il_rng_next(&rng) == 0xc476a018caa1802dULL);
    CHECK(rng.kind == IL_RNG_XOSHIRO);
}

static void test_pinned_below(void)
{
    static const uint64_t ten[] = {2, 2, 9, 3, 6, 4, 4, 7};
    /* n = 2^63 + 1 rejects every draw below 2^63 - 1: here the first two */
    static const uint64_t big[] = {0x2e17533239e499a0ULL, 0x6cb8ad4703b360a0ULL,
                                   0x7de6dc7fe2ec5e63ULL, 0x450da53101795237ULL};
    il_rng rng;
    int i;
    il_rng_seed(&rng, 42);
    for (i = 0; i < 8; i++)
        CHECK(il_rng_below(&rng, 10) == ten[i]);
    il_rng_seed(&rng, 42);
    for (i = 0; i < 4; i++)
        CHECK(il_rng_below(&rng, 0x8000000000000001ULL) == big[i]);
}

static void test_seeds_are_independent_and_repeatable(void)
{
    il_rng a, b, c;
    int i, same = 1, differ = 0;
    il_rng_seed(&a, 7);
    il_rng_seed(&b, 7);
    il_rng_seed(&c, 8);
    for (i = 0; i < 100; i++) {
        uint64_t x = il_rng_next(&a);
        same &= x == il_rng_next(&b);
        differ += x != il_rng_next(&c);
    }
    CHECK(same);
    CHECK(differ == 100);
    /* seeding clears the normal kept for the next call */
    il_rng_seed(&a, 3);
    il_rng_normal(&a);
    il_rng_seed(&a, 3);
    il_rng_seed(&b, 3);
    CHECK(!a.has_spare);
    CHECK(il_rng_normal(&a) == il_rng_normal(&b));
}

static void test_uniform_and_normal_moments(void)
{
    il_rng rng;
    const int n = 1000000;
    double s = 0, ss = 0, lo = 1, hi = 0, ns = 0, nss = 0, n4 = 0;
    int i, on_grid = 1;
    il_rng_seed(&rng, 1);
    for (i = 0; i < n; i++) {
        double u = il_rng_uniform(&rng), z = il_rng_normal(&rng);
        on_grid &= u * 0x1.0p53 == floor(u * 0x1.0p53);
        s += u;
        ss += u * u;
        lo = u < lo ? u : lo;
        hi = u > hi ? u : hi;
        ns += z;
        nss += z * z;
        n4 += z * z * z * z;
    }
    CHECK(on_grid); /* multiples of 2^-53 */
    /* five standard errors: uniform mean sqrt(1/12/n) = 0.00029, its
     * variance sqrt(1/180/n) = 0.000075; normal mean 0.001, second moment
     * sqrt(2/n) = 0.0014, fourth moment sqrt(96/n) = 0.0098 */
    CHECK(lo >= 0 && hi < 1);
    CHECK_NEAR(s / n, 0.5, 5 * 0.00029);
    CHECK_NEAR(ss / n - (s / n) * (s / n), 1.0 / 12, 5 * 0.000075);
    CHECK_NEAR(ns / n, 0.0, 5 * 0.001);
    CHECK_NEAR(nss / n, 1.0, 5 * 0.0014);
    CHECK_NEAR(n4 / n, 3.0, 5 * 0.0098);
}

static void test_below_is_uniform(void)
{
    il_rng rng;
    long count[7] = {0}, halves[2] = {0};
    const int n = 700000;
    double chi2 = 0;
    int i;
    il_rng_seed(&rng, 5);
    for (i = 0; i < n; i++) {
        uint64_t k = il_rng_below(&rng, 7);
        CHECK(k < 7);
        count[k < 7 ? k : 0]++;
    }
    for (i = 0; i < 7; i++)
        chi2 += (count[i] - n / 7.0) * (count[i] - n / 7.0) / (n / 7.0);
    CHECK(chi2 < 22.46); /* chi-square, 6 degrees of freedom, p = 0.001 */
    /* A bound just past 2^63, where a plain modulo would make the residues
     * below 2^63 - 1 twice as likely as the others: both halves of [0, n)
     * must come up equally often (binomial, sd 0.5/sqrt(20000) = 0.0035). */
    for (i = 0; i < 20000; i++) {
        uint64_t k = il_rng_below(&rng, 0x8000000000000001ULL);
        CHECK(k < 0x8000000000000001ULL);
        halves[k >= 0x4000000000000000ULL]++;
    }
    CHECK_NEAR(halves[0] / 20000.0, 0.5, 5 * 0.0035);
    for (i = 0; i < 1000; i++)
        CHECK(il_rng_below(&rng, 0xc000000000000000ULL) < 0xc000000000000000ULL);
    for (i = 0; i < 100; i++)
        CHECK(il_rng_below(&rng, 1) == 0);
    CHECK(il_rng_below(&rng, UINT64_MAX) < UINT64_MAX);
}

/* The numpy stream against published values: the C++ standard's check of
 * MT19937 (seeded 5489, the 10000th output is 4123659995) and NumPy's
 * well-known first draws (np.random.seed(0); random_sample() and
 * np.random.seed(1); randn(), shuffle of arange(10) after seed 0). */
static void test_numpy_stream(void)
{
    static const double sample[] = {0.5488135039273248, 0.7151893663724195};
    static const double gauss[] = {1.6243453636632417, -0.6117564136500754,
                                   -0.5281717522634557};
    static const int shuffled[] = {2, 8, 4, 9, 1, 6, 7, 3, 0, 5};
    il_rng rng;
    uint64_t x = 0;
    int order[10], i;
    il_rng_seed_numpy(&rng, 5489);
    CHECK(rng.kind == IL_RNG_NUMPY);
    for (i = 0; i < 5000; i++)
        x = il_rng_next(&rng); /* two 32-bit outputs each */
    CHECK((x & 0xffffffffU) == 4123659995U);
    il_rng_seed_numpy(&rng, 0);
    for (i = 0; i < 2; i++)
        CHECK(il_rng_uniform(&rng) == sample[i]);
    il_rng_seed_numpy(&rng, 1);
    for (i = 0; i < 3; i++)
        CHECK(il_rng_normal(&rng) == gauss[i]);
    /* RandomState.shuffle: for i = n-1 down to 1, swap i with below(i+1) */
    il_rng_seed_numpy(&rng, 0);
    for (i = 0; i < 10; i++)
        order[i] = i;
    for (i = 9; i > 0; i--) {
        int j = (int)il_rng_below(&rng, (uint64_t)i + 1), t = order[i];
        order[i] = order[j];
        order[j] = t;
    }
    for (i = 0; i < 10; i++)
        CHECK(order[i] == shuffled[i]);
    /* reseeding forgets the kept Gaussian, as np.random.seed does */
    il_rng_normal(&rng);
    CHECK(rng.has_spare);
    il_rng_seed_numpy(&rng, 1);
    CHECK(il_rng_normal(&rng) == gauss[0]);
}

static void test_rng_start(void)
{
    il_rng rng;
    int kind = -1;
    CHECK(il_rng_start(&rng, IL_RNG_NUMPY, 4294967295ULL) == IL_OK);
    CHECK(il_rng_start(&rng, IL_RNG_NUMPY, 4294967296ULL) == IL_EBADVALUE);
    CHECK(strstr(il_last_error(), "0..4294967295") != NULL);
    CHECK(il_rng_start(&rng, IL_RNG_XOSHIRO, UINT64_MAX) == IL_OK);
    CHECK(il_rng_start(&rng, 7, 1) == IL_EBADARG);
    CHECK(il_rng_from_name("numpy", &kind) == IL_OK && kind == IL_RNG_NUMPY);
    CHECK(il_rng_from_name("mt", &kind) == IL_EBADNAME);
    CHECK(strcmp(il_rng_name(IL_RNG_XOSHIRO), "xoshiro") == 0);
}

int main(void)
{
    RUN(test_pinned_stream);
    RUN(test_pinned_edge_seeds);
    RUN(test_pinned_below);
    RUN(test_seeds_are_independent_and_repeatable);
    RUN(test_uniform_and_normal_moments);
    RUN(test_below_is_uniform);
    RUN(test_numpy_stream);
    RUN(test_rng_start);
    return check_finish(__FILE__);
}
