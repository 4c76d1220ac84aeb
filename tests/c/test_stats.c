/*
 * test_stats.c - a layer's recorded statistics (il_layer_stats, read in
 * place from the batch's padded columns) against plain references over
 * generated inputs: the moments as eight lanes of the values end to end
 * (the bits il_moments gives), histogram counts by one value at a time,
 * percentiles from a full sort.  Sizes with and without a tail of m mod 8,
 * padding past m (filled with NaN and huge values, never to be read), one
 * column, relu-like exact zeros, all-equal values, NaN and Inf, values
 * outside the histogram's range, and ranges too narrow or too wide for a
 * finite scale.  Each case runs on the loops every instruction set shares
 * and on AVX-512's when this CPU has it, which must agree bit for bit.
 */
#include <stdint.h>
#include <stdlib.h>

#include "check.h"
#include "internal.h"

static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

static double uniform(void)
{
    return (double)(check_bits(&rng_state) >> 11) / 9007199254740992.0;
}

static size_t below(size_t n)
{
    return (size_t)(check_bits(&rng_state) % n);
}

enum {
    KIND_NORMAL, KIND_RELU, KIND_EQUAL, KIND_TIES, KIND_NAN, KIND_INF,
    KIND_HUGE, KIND_NARROW, KIND_SIGNED_ZEROS, KIND_WIDE, KIND_SATURATED,
    KIND_COUNT
};

static double one_value(int kind, double c)
{
    double u = uniform(), v = 4.0 * uniform() - 2.0;
    switch (kind) {
    case KIND_RELU: return u < 0.6 ? 0.0 : 3.0 * uniform();
    case KIND_EQUAL: return c;
    case KIND_TIES: return floor(3.0 * v);
    case KIND_NAN: return u < 0.03 ? NAN : v;
    case KIND_INF: return u < 0.03 ? INFINITY : u < 0.06 ? -INFINITY : v;
    case KIND_HUGE: return v * 1e300;
    case KIND_NARROW: return 1.0 + floor(8.0 * u) * 1e-300 * 1e-8;
    case KIND_SIGNED_ZEROS: return u < 0.5 ? 0.0 : v;
    case KIND_WIDE: return u < 0.5 ? -1.5e308 : 1.5e308 * u;
    case KIND_SATURATED: return u < 0.9 ? 1.0 - 1e-12 * uniform() : v;
    default: return v;
    }
}

/* ---- the references ------------------------------------------------------ */

/* The moments il_moments documents: lane r of eight sums the values at
 * r, r + 8, ... below n - n % 8, lane 0 then the rest; lanes added
 * pairwise; the least and greatest in the same lanes, folded in order. */
static void ref_moments(const double *x, size_t n, double *mean, double *std,
                        double *min, double *max)
{
    double s[8] = {0}, lo[8], hi[8], mu, l, h;
    size_t n8 = n - n % 8, i, r;
    for (r = 0; r < 8; r++) {
        lo[r] = INFINITY;
        hi[r] = -INFINITY;
    }
    for (i = 0; i < n; i++) {
        r = i < n8 ? i % 8 : 0;
        s[r] += x[i];
        lo[r] = x[i] < lo[r] ? x[i] : lo[r];
        hi[r] = x[i] > hi[r] ? x[i] : hi[r];
    }
    mu = (((s[0] + s[1]) + (s[2] + s[3])) + ((s[4] + s[5]) + (s[6] + s[7]))) /
         (double)n;
    l = lo[0];
    h = hi[0];
    for (r = 1; r < 8; r++) {
        l = lo[r] < l ? lo[r] : l;
        h = hi[r] > h ? hi[r] : h;
    }
    for (r = 0; r < 8; r++)
        s[r] = 0.0;
    for (i = 0; i < n; i++)
        s[i < n8 ? i % 8 : 0] += (x[i] - mu) * (x[i] - mu);
    *mean = mu;
    *std = sqrt((((s[0] + s[1]) + (s[2] + s[3])) +
                 ((s[4] + s[5]) + (s[6] + s[7]))) / (double)n);
    *min = l;
    *max = h;
}

static void ref_hist(const double *x, size_t n, size_t bins, double lo,
                     double hi, double *counts)
{
    double scale = (double)bins / (hi - lo), top = nextafter((double)bins, 0.0);
    size_t i;
    for (i = 0; i < bins; i++)
        counts[i] = 0.0;
    for (i = 0; i < n; i++) {
        double pos = (x[i] - lo) * scale;
        if (pos != pos)
            continue;
        pos = pos > 0.0 ? pos : 0.0;
        counts[(size_t)(pos < top ? pos : top)] += 1.0;
    }
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* From a full sort (no NaN): position p/100 (n-1), interpolated. */
static void ref_percentiles(const double *x, size_t n, const double *levels,
                            size_t n_levels, double *sorted, double *out)
{
    size_t q;
    memcpy(sorted, x, n * sizeof *x);
    qsort(sorted, n, sizeof *sorted, cmp_double);
    for (q = 0; q < n_levels; q++) {
        double pos = levels[q] / 100.0 * (double)(n - 1), a, b, frac;
        size_t k = (size_t)floor(pos);
        a = sorted[k];
        b = k + 1 < n ? sorted[k + 1] : a;
        frac = pos - (double)k;
        out[q] = frac == 0.0 ? a : a + frac * (b - a);
    }
}

/* The same bits, or the same value where only a zero's sign can differ
 * (equal order statistics of either sign), or both NaN. */
static int same_stat(double got, double want)
{
    if (isnan(got) || isnan(want))
        return isnan(got) && isnan(want);
    return memcmp(&got, &want, sizeof got) == 0 || (got == 0.0 && want == 0.0);
}

static int same_bits(double got, double want)
{
    return memcmp(&got, &want, sizeof got) == 0;
}

/* ---- the cases ----------------------------------------------------------- */

#define MOST 4200

static double x[MOST], y[MOST], dense_x[MOST], dense_y[MOST], sorted[MOST];

/* Fills cols columns of m values ld apart with kind (the padding with
 * NaN and huge values, never read), and the same end to end. */
static void fill(int kind, size_t m, size_t ld, size_t cols)
{
    double c = one_value(KIND_NORMAL, 0.0);
    size_t i, j;
    if (kind == KIND_EQUAL && below(3) == 0)
        c = below(2) ? 0.0 : -0.0;
    for (j = 0; j < cols; j++)
        for (i = 0; i < ld; i++) {
            double v = one_value(kind, c), g = one_value(KIND_NORMAL, 0.0);
            if (i >= m) {
                v = i % 2 ? NAN : 1e308;
                g = i % 2 ? -1e308 : NAN;
            } else if (kind == KIND_SIGNED_ZEROS && v == 0.0 && below(2))
                v = -0.0;
            x[j * ld + i] = v;
            y[j * ld + i] = g;
            if (i < m) {
                dense_x[j * m + i] = v;
                dense_y[j * m + i] = g;
            }
        }
}

static const double levels_default[] = {5, 25, 50, 75, 95};
static const double levels_many[] = {0, 0.1, 1, 5, 10, 25, 33.3, 50, 50, 66.7,
                                     75, 90, 95, 99, 99.9, 100};

/* What a case computes on one path. */
typedef struct {
    double mean, std, min, max, std_y, hist[300 * 3], pct[16 * 3];
} outputs;

static void run_path(int path, int what, size_t m, size_t ld, size_t cols,
                     size_t bins, double hist_lo, double hist_hi,
                     const double *levels, size_t n_levels, size_t stride,
                     outputs *o, double *scratch)
{
    il_layer_want w;
    memset(o, 0, sizeof *o);
    memset(&w, 0, sizeof w);
    if (what & 1) {
        w.mean = &o->mean;
        w.std = &o->std;
        w.min = &o->min;
        w.max = &o->max;
    }
    if (what & 2)
        w.std_y = &o->std_y;
    if (what & 4) {
        w.hist = o->hist;
        w.bins = bins;
        w.hist_lo = hist_lo;
        w.hist_hi = hist_hi;
    }
    if (what & 8) {
        w.pct = o->pct;
        w.levels = levels;
        w.n_levels = n_levels;
    }
    w.stride = stride;
    w.path = path;
    il_layer_stats(x, y, m, ld, cols, &w, scratch);
}

static int one_case(int kind, size_t m, size_t ld, size_t cols, int what,
                    size_t bins, double hist_lo, double hist_hi,
                    const double *levels, size_t n_levels, double *scratch)
{
    size_t n = m * cols, i, stride = 1 + below(3);
    double mean, std, min, max, std_y, *hist, *pct;
    double r_mean, r_std, r_min, r_max, r_std_y, unused[2];
    double r_hist[300], r_pct[16];
    outputs base, wide;
    int bad = 0;

    fill(kind, m, ld, cols);
    run_path(IL_PATH_BASE, what, m, ld, cols, bins, hist_lo, hist_hi, levels,
             n_levels, stride, &base, scratch);
    if (il_kernel_path_available(IL_PATH_AVX512)) {
        run_path(IL_PATH_AVX512, what, m, ld, cols, bins, hist_lo, hist_hi,
                 levels, n_levels, stride, &wide, scratch);
        if (memcmp(&base, &wide, sizeof base) != 0)
            bad = printf("#   kind %d, m %zu ld %zu cols %zu, what %d: the "
                         "AVX-512 path differs from the base path\n", kind, m,
                         ld, cols, what);
    }
    mean = base.mean;
    std = base.std;
    min = base.min;
    max = base.max;
    std_y = base.std_y;
    hist = base.hist;
    pct = base.pct;

    ref_moments(dense_x, n, &r_mean, &r_std, &r_min, &r_max);
    ref_moments(dense_y, n, unused, &r_std_y, unused, unused + 1);
    if ((what & 1) && !(same_bits(mean, r_mean) && same_bits(std, r_std) &&
                        same_bits(min, r_min) && same_bits(max, r_max)))
        bad = printf("#   moments of kind %d, m %zu ld %zu cols %zu: %a %a %a "
                     "%a, want %a %a %a %a\n", kind, m, ld, cols, mean, std,
                     min, max, r_mean, r_std, r_min, r_max);
    if ((what & 2) && !same_bits(std_y, r_std_y))
        bad = printf("#   std of y, kind %d, m %zu ld %zu cols %zu: %a, want "
                     "%a\n", kind, m, ld, cols, std_y, r_std_y);
    if (what & 4) {
        ref_hist(dense_x, n, bins, hist_lo, hist_hi, r_hist);
        for (i = 0; i < bins; i++)
            if (hist[i * stride] != r_hist[i]) {
                bad = printf("#   histogram of kind %d, m %zu ld %zu cols %zu, "
                             "%zu bins: bin %zu %g, want %g\n", kind, m, ld,
                             cols, bins, i, hist[i * stride], r_hist[i]);
                break;
            }
    }
    /* exact order statistics wherever they are defined (no NaN) */
    if ((what & 8) && kind != KIND_NAN) {
        ref_percentiles(dense_x, n, levels, n_levels, sorted, r_pct);
        for (i = 0; i < n_levels; i++)
            if (!same_stat(pct[i * stride], r_pct[i])) {
                bad = printf("#   percentile %g of kind %d, m %zu ld %zu cols "
                             "%zu (hist %zu): %a, want %a\n", levels[i], kind,
                             m, ld, cols, (what & 4) ? bins : 0,
                             pct[i * stride], r_pct[i]);
                break;
            }
    }
    /* with NaN about, no order statistics but the same every call */
    if ((what & 8) && kind == KIND_NAN) {
        run_path(IL_PATH_BASE, what, m, ld, cols, bins, hist_lo, hist_hi,
                 levels, n_levels, stride, &wide, scratch);
        if (memcmp(base.pct, wide.pct, sizeof base.pct) != 0)
            bad = printf("#   percentiles with NaN differ between calls\n");
    }
    return bad != 0;
}

/* Every kind over many shapes and requests, checked against the
 * references. */
static void test_layer_stats_match_references(void)
{
    size_t ms[] = {1, 2, 3, 5, 7, 8, 9, 12, 15, 16, 17, 31, 33, 64, 65, 100, 300};
    size_t cases = 0, failed = 0, trial;
    double *scratch = malloc(il_layer_scratch(MOST, 1, 254) * sizeof *scratch);
    CHECK(scratch != NULL);
    if (!scratch)
        return;
    for (trial = 0; trial < 6000; trial++) {
        int kind = (int)(trial % KIND_COUNT);
        size_t m = ms[below(sizeof ms / sizeof *ms)], cols = 1 + below(12);
        size_t ld = below(3) == 0 ? m : below(2) ? il_work_ld(m) : m + 1 + below(9);
        int what = 1 + (int)below(15);
        size_t bins = below(4) == 0 ? 1 + below(300) : below(2) ? 50 : 1 + below(40);
        double lo = -1.0, hi = 1.0;
        const double *levels = below(3) ? levels_default : levels_many;
        size_t n_levels = levels == levels_default ? 5 : 16;
        if (cols * ld > MOST)
            cols = MOST / ld;
        if (below(3) == 0) {
            lo = 4.0 * uniform() - 3.0;
            hi = lo + (below(2) ? 1e-3 : 3.0 * uniform() + 1e-9);
        }
        if (kind == KIND_SATURATED && below(2)) {
            lo = 1.0 - 1e-12;
            hi = 1.0;
        }
        if (kind == KIND_NARROW && below(2)) { /* one ulp wide */
            lo = 1.0;
            hi = nextafter(1.0, 2.0);
        }
        cases++;
        failed += (size_t)one_case(kind, m, ld, cols, what, bins, lo, hi,
                                   levels, n_levels, scratch);
        if (failed > 10)
            break;
    }
    CHECK(failed == 0);
    printf("#   %zu cases, %zu differ\n", cases, failed);
    free(scratch);
}

/* il_moments (the values end to end) is the same reference. */
static void test_moments_are_the_lanes(void)
{
    size_t n, failed = 0;
    for (n = 1; n < 200; n++) {
        double mean, std, min, max, r_mean, r_std, r_min, r_max;
        int kind = (int)(n % KIND_COUNT);
        fill(kind, n, n, 1);
        il_moments(dense_x, n, &mean, &std, &min, &max);
        ref_moments(dense_x, n, &r_mean, &r_std, &r_min, &r_max);
        failed += !(same_bits(mean, r_mean) && same_bits(std, r_std) &&
                    same_bits(min, r_min) && same_bits(max, r_max));
    }
    CHECK(failed == 0);
}

/* A layer of one value, and the extreme levels: the least and the
 * greatest themselves. */
static void test_percentile_extremes(void)
{
    double v[] = {3.0, -1.0, 2.5, 7.0, 0.0, 0.0, 7.0, -1.0, 4.0};
    double levels[] = {0, 100}, pct[2], one[1], scratch[64];
    il_layer_want w;
    memset(&w, 0, sizeof w);
    w.pct = pct;
    w.levels = levels;
    w.n_levels = 2;
    w.stride = 1;
    il_layer_stats(v, NULL, 9, 9, 1, &w, scratch);
    CHECK(pct[0] == -1.0 && pct[1] == 7.0);
    w.pct = one;
    w.n_levels = 1;
    levels[0] = 50;
    il_layer_stats(v + 3, NULL, 1, 1, 1, &w, scratch);
    CHECK(one[0] == 7.0);
}

int main(void)
{
    RUN(test_layer_stats_match_references);
    RUN(test_moments_are_the_lanes);
    RUN(test_percentile_extremes);
    return check_finish(__FILE__);
}
