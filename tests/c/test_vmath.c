/*
 * test_vmath.c - the engine's own exp, log1p, tanh, sigmoid and softplus
 * (src/vmath.c) against long double libm on millions of generated inputs:
 * uniform in each binade, near 0, near the limits of exp (overflow,
 * subnormal results).  Prints the largest error found, in units in the
 * last place of the double nearest the reference, and fails above 1 ulp
 * (sigmoid, a quotient of two rounded values, above 2).  Also the special
 * values the engine promises (tests/numpy reads softplus(0) as ln 2 to
 * the bit), oddness of tanh, that one value gives the array's bits, and
 * that tanh's array form gives the same bits on every instruction-set path
 * this CPU runs.
 */
#include <float.h>
#include <stdint.h>
#include <stdlib.h>

#include "check.h"
#include "internal.h"

#define BATCH 4096
#define PINNED_DIGEST 0x4c10e0b6bcc60b03ULL

typedef struct {
    const char *name;
    double worst, worst_at;
    long count;
    int mismatched; /* an array value differing from its one-value call */
} tally;

static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

/* Uniform in [lo, hi). */
static double uniform(double lo, double hi)
{
    return lo + (hi - lo) * ((double)(check_bits(&rng_state) >> 11) * 0x1p-53);
}

/* |got - want| in ulps of the double nearest want (2^-1074 below the
 * normal range); exact infinities and NaNs are 0. */
static double ulp_error(double got, long double want)
{
    int e;
    long double u;
    if (isnan(got) && isnan(want))
        return 0.0;
    if (isinf(want) || isinf(got))
        return got == (double)want ? 0.0 : INFINITY;
    frexpl(want, &e);
    u = ldexpl(1.0L, e - 53 < -1074 ? -1074 : e - 53);
    return (double)(fabsl((long double)got - want) / u);
}

typedef void (*array_fn)(const double *, double *, size_t);
typedef double (*value_fn)(double);
typedef long double (*ref_fn)(long double);

static long double ref_exp(long double x) { return expl(x); }
static long double ref_tanh(long double x) { return tanhl(x); }
static long double ref_log1p(long double x) { return log1pl(x); }
static long double ref_softplus(long double z)
{
    return z > 0 ? z + log1pl(expl(-z)) : log1pl(expl(z));
}
static long double ref_sigmoid(long double z) { return 1.0L / (1.0L + expl(-z)); }

static void log1p_array(const double *x, double *y, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        y[i] = il_log1p(x[i]);
}

/* Runs one batch of inputs x through f (array and one value) and adds to t. */
static void measure(tally *t, array_fn f, value_fn one, ref_fn ref,
                    const double *x, size_t n)
{
    static double y[BATCH];
    size_t i;
    f(x, y, n);
    for (i = 0; i < n; i++) {
        double e = ulp_error(y[i], ref((long double)x[i]));
        double y1 = one(x[i]);
        if (memcmp(&y1, &y[i], sizeof y1) != 0)
            t->mismatched = 1;
        if (e > t->worst || isnan(e)) {
            t->worst = e;
            t->worst_at = x[i];
        }
    }
    t->count += (long)n;
}

/* count inputs uniform in [lo, hi), in batches. */
static void sweep(tally *t, array_fn f, value_fn one, ref_fn ref, double lo,
                  double hi, long count)
{
    static double x[BATCH];
    while (count > 0) {
        size_t n = count < BATCH ? (size_t)count : BATCH, i;
        for (i = 0; i < n; i++)
            x[i] = uniform(lo, hi);
        measure(t, f, one, ref, x, n);
        count -= (long)n;
    }
}

/* per inputs in each binade [2^e, 2^(e+1)) for e in [e_lo, e_hi), and
 * their negatives when both_signs. */
static void binades(tally *t, array_fn f, value_fn one, ref_fn ref, int e_lo,
                    int e_hi, long per, int both_signs)
{
    int e;
    for (e = e_lo; e < e_hi; e++) {
        double lo = ldexp(1.0, e), hi = ldexp(1.0, e + 1);
        sweep(t, f, one, ref, lo, hi, per);
        if (both_signs)
            sweep(t, f, one, ref, -hi, -lo, per);
    }
}

static void report(const tally *t, double bound)
{
    printf("# %s: max error %.3f ulp at %a over %ld inputs\n", t->name, t->worst,
           t->worst_at, t->count);
    CHECK(t->worst < bound);
    CHECK(!t->mismatched);
}

static void test_exp_accuracy(void)
{
    tally t = {"exp, normal results", 0, 0, 0, 0};
    tally sub = {"exp, subnormal results (rounded twice)", 0, 0, 0, 0};
    binades(&t, il_exp_array, il_exp, ref_exp, -60, 9, 30000, 1);
    sweep(&t, il_exp_array, il_exp, ref_exp, 512.0, 709.78, 200000);   /* to overflow */
    sweep(&t, il_exp_array, il_exp, ref_exp, -708.39, -512.0, 200000);
    sweep(&t, il_exp_array, il_exp, ref_exp, -1e-6, 1e-6, 100000);     /* near 0 */
    sweep(&t, il_exp_array, il_exp, ref_exp, -40.0, 40.0, 1000000);
    sweep(&sub, il_exp_array, il_exp, ref_exp, -745.2, -708.4, 400000);
    report(&t, 1.0);
    report(&sub, 1.0);
}

static void test_log1p_accuracy(void)
{
    tally t = {"log1p on [0, 1]", 0, 0, 0, 0};
    binades(&t, log1p_array, il_log1p, ref_log1p, -1074, 0, 1500, 0);
    sweep(&t, log1p_array, il_log1p, ref_log1p, 0.0, 1.0, 1000000);
    report(&t, 1.0);
}

static void test_tanh_accuracy(void)
{
    tally t = {"tanh", 0, 0, 0, 0};
    binades(&t, il_tanh_array, il_tanh, ref_tanh, -40, 5, 40000, 1);
    sweep(&t, il_tanh_array, il_tanh, ref_tanh, -25.0, 25.0, 1000000);
    sweep(&t, il_tanh_array, il_tanh, ref_tanh, 0x1.fp-5, 0x1.1p-4, 200000); /* the seam */
    binades(&t, il_tanh_array, il_tanh, ref_tanh, -1074, -40, 100, 1);
    report(&t, 1.0);
}

static void test_softplus_accuracy(void)
{
    tally t = {"softplus", 0, 0, 0, 0};
    binades(&t, il_softplus_array, il_softplus, ref_softplus, -60, 6, 30000, 1);
    sweep(&t, il_softplus_array, il_softplus, ref_softplus, -750.0, 50.0, 1000000);
    report(&t, 1.0);
}

static void test_sigmoid_accuracy(void)
{
    tally t = {"sigmoid", 0, 0, 0, 0};
    binades(&t, il_sigmoid_array, il_sigmoid, ref_sigmoid, -60, 6, 20000, 1);
    sweep(&t, il_sigmoid_array, il_sigmoid, ref_sigmoid, -750.0, 50.0, 500000);
    report(&t, 2.5);
}

static int same_bits(double a, double b)
{
    return memcmp(&a, &b, sizeof a) == 0;
}

static void test_exp_special(void)
{
    CHECK(il_exp(0.0) == 1.0);
    CHECK(il_exp(-0.0) == 1.0);
    CHECK(il_exp(INFINITY) == INFINITY);
    CHECK(same_bits(il_exp(-INFINITY), 0.0));
    CHECK(isnan(il_exp(NAN)));
    CHECK(il_exp(1.0) == 0x1.5bf0a8b145769p+1); /* e, correctly rounded */
    CHECK(il_exp(709.78) < INFINITY);           /* no spurious overflow */
    CHECK(il_exp(0x1.62e42fefa39efp+9) == 0x1.fffffffffff2ap+1023);
    CHECK(il_exp(709.79) == INFINITY);
    CHECK(il_exp(-745.1) == 0x1p-1074);          /* the least subnormal */
    CHECK(same_bits(il_exp(-745.2), 0.0));
    CHECK(same_bits(il_exp(-1e300), 0.0));
    CHECK(il_exp(1e300) == INFINITY);
}

/* Arrays of every length up to 17 (whole vectors and every tail): each
 * value as il_sigmoid gives it, and nothing written past the end. */
static void test_sigmoid_tails(void)
{
    double x[20], y[20], want;
    size_t n, i, bad = 0;
    for (n = 0; n <= 17; n++) {
        for (i = 0; i < 20; i++) {
            x[i] = 1.7 * (double)i - 13.0 + 0.1 * (double)n;
            y[i] = -99.0;
        }
        il_sigmoid_array(x, y, n);
        for (i = 0; i < 20; i++) {
            want = i < n ? il_sigmoid(x[i]) : -99.0;
            bad += !same_bits(y[i], want);
        }
    }
    CHECK(bad == 0);
}

static void test_sigmoid_special(void)
{
    CHECK(il_sigmoid(0.0) == 0.5);
    CHECK(il_sigmoid(-0.0) == 0.5);
    CHECK(il_sigmoid(40.0) == 1.0);
    CHECK(il_sigmoid(INFINITY) == 1.0);
    CHECK(same_bits(il_sigmoid(-800.0), 0.0));
    CHECK(same_bits(il_sigmoid(-INFINITY), 0.0));
    CHECK(isnan(il_sigmoid(NAN)));
}

static void test_softplus_special(void)
{
    CHECK(same_bits(il_softplus(0.0), log(2.0)));
    CHECK(same_bits(il_softplus(-0.0), log(2.0)));
    CHECK(same_bits(il_log1p(1.0), log(2.0)));
    CHECK(same_bits(il_log1p(0.0), 0.0));
    CHECK(il_softplus(1000.0) == 1000.0);
    CHECK(il_softplus(40.0) == 40.0);
    CHECK(il_softplus(INFINITY) == INFINITY);
    CHECK(same_bits(il_softplus(-INFINITY), 0.0));
    CHECK(same_bits(il_softplus(-800.0), 0.0));
    CHECK(il_softplus(-700.0) == il_exp(-700.0));
    CHECK(isnan(il_softplus(NAN)));
}

static void test_tanh_special(void)
{
    CHECK(same_bits(il_tanh(0.0), 0.0));
    CHECK(same_bits(il_tanh(-0.0), -0.0));
    CHECK(il_tanh(INFINITY) == 1.0);
    CHECK(il_tanh(-INFINITY) == -1.0);
    CHECK(il_tanh(19.1) == 1.0);
    CHECK(il_tanh(-30.0) == -1.0);
    CHECK(il_tanh(0x1p-1074) == 0x1p-1074);
    CHECK(isnan(il_tanh(NAN)));
}

/* tanh(-x) == -tanh(x) to the bit, on every binade. */
static void test_tanh_odd(void)
{
    int e, i, odd = 1;
    for (e = -1074; e < 6; e++)
        for (i = 0; i < 200; i++) {
            double x = uniform(ldexp(1.0, e), ldexp(1.0, e + 1));
            odd &= same_bits(il_tanh(-x), -il_tanh(x));
        }
    CHECK(odd);
}

/* tanh's array form on each path this CPU runs (AVX-512 and AVX2 with a
 * fused remainder, plain x86-64 with Dekker's), bit for bit the same as
 * the base path: every binade of both signs, the seam at 1/16, the clamp
 * at 20, zeros and a tail of n mod 8. */
static void test_tanh_paths(void)
{
    static const int paths[] = {IL_PATH_AVX512, IL_PATH_AVX2};
    enum { N = 4099 };
    static double x[N], want[N], got[N];
    /* its own inputs: the accuracy tests draw after it what they drew
     * before it was written */
    uint64_t saved = rng_state;
    size_t p;
    int e, i, same = 1, rep;
    for (rep = 0, e = -1074; e < 6; e++, rep++) {
        for (i = 0; i < N; i++) {
            double u = i % 3 == 0 ? uniform(0x1.fp-5, 0x1.1p-4)
                     : i % 3 == 1 ? uniform(ldexp(1.0, e), ldexp(1.0, e + 1))
                                  : uniform(-25.0, 25.0);
            x[i] = i % 2 ? -u : u;
        }
        x[rep % N] = rep % 2 ? -0.0 : 0.0;
        il_tanh_array_path(IL_PATH_BASE, x, want, N);
        for (p = 0; p < sizeof paths / sizeof *paths; p++) {
            if (!il_kernel_path_available(paths[p]))
                continue;
            il_tanh_array_path(paths[p], x, got, N);
            same &= memcmp(got, want, sizeof got) == 0;
        }
    }
    rng_state = saved;
    CHECK(same);
}

/* The loss's shared form: each term as il_softplus gives it. */
static void test_bce_terms(void)
{
    double z[11] = {0.0, -0.0, 1.5, -2.25, 40.0, -800.0, 0.1, -0.3, 7.0, 3.0, -3.0};
    double y[11] = {1.0, 0.0, 1.0, 0.0, 0.0, 1.0, 0.25, 0.5, 1.0, 0.0, 0.75};
    double term[11] = {0}, want;
    int i;
    il_bce_add(z, y, term, 11);
    for (i = 0; i < 11; i++) {
        want = y[i] == 1.0   ? il_softplus(-z[i])
             : y[i] == 0.0 ? il_softplus(z[i])
                           : y[i] * il_softplus(-z[i]) + (1.0 - y[i]) * il_softplus(z[i]);
        CHECK(same_bits(term[i], want));
    }
    CHECK(same_bits(term[0], log(2.0)));
}

/* FNV-1a over the bits of every output of every function on 64 Ki inputs
 * spread over all binades: pinned, so that a machine whose CPU picks
 * another clone (AVX2, SSE2), or another compiler, must give the very
 * bits this one gives (the parity of C, Octave and Lua runs rests on it). */
static void test_pinned_bits(void)
{
    enum { N = 4096 };
    static double x[N], y[N], t[N];
    uint64_t h = 1469598103934665603ULL, s = 12345;
    int rep, i, k;
    for (rep = 0; rep < 16; rep++) {
        for (i = 0; i < N; i++) {
            uint64_t b;
            s = s * 6364136223846793005ULL + 1442695040888963407ULL;
            b = (s >> 12) | ((uint64_t)(1013 + (s >> 2) % 40) << 52);
            memcpy(&x[i], &b, sizeof b);
            x[i] = (s & 2 ? -x[i] : x[i]) * (i % 7 == 0 ? 0.01 : 1.0);
        }
        for (k = 0; k < 6; k++) {
            switch (k) {
            case 0: il_exp_array(x, y, N); break;
            case 1: il_tanh_array(x, y, N); break;
            case 2: il_sigmoid_array(x, y, N); break;
            case 3: il_softplus_array(x, y, N); break;
            case 4:
                for (i = 0; i < N; i++)
                    y[i] = il_log1p(fabs(x[i]) > 1 ? 1 / fabs(x[i]) : fabs(x[i]));
                break;
            case 5:
                memset(t, 0, sizeof t);
                for (i = 0; i < N; i++)
                    y[i] = i % 3 == 0 ? 0.0 : i % 3 == 1 ? 1.0 : 0.25;
                il_bce_add(x, y, t, N);
                memcpy(y, t, sizeof t);
                break;
            }
            for (i = 0; i < N; i++) {
                uint64_t b;
                memcpy(&b, &y[i], sizeof b);
                h = (h ^ b) * 1099511628211ULL;
            }
        }
    }
    printf("# digest of 393216 outputs: %016llx\n", (unsigned long long)h);
    CHECK(h == PINNED_DIGEST);
}

int main(void)
{
    RUN(test_exp_special);
    RUN(test_sigmoid_special);
    RUN(test_sigmoid_tails);
    RUN(test_softplus_special);
    RUN(test_tanh_special);
    RUN(test_tanh_odd);
    RUN(test_tanh_paths);
    RUN(test_bce_terms);
    RUN(test_pinned_bits);
    RUN(test_exp_accuracy);
    RUN(test_log1p_accuracy);
    RUN(test_tanh_accuracy);
    RUN(test_softplus_accuracy);
    RUN(test_sigmoid_accuracy);
    return check_finish("test_vmath");
}
