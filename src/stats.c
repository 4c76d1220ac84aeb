/*
 * stats.c - the statistics recorded per layer: moments, percentiles,
 * histograms and the count of distinct units.
 */
#include <math.h>
#include <stddef.h>
#include <string.h>

#include "internal.h"

void il_moments(const double *x, size_t n, double *mean, double *std,
                double *min, double *max)
{
    /* Eight lanes each: a single running sum is one long dependency chain,
     * and these sums run at every recorded iteration. */
    double s[8] = {0}, ss[8] = {0}, lo[8], hi[8], mu, total, spread;
    size_t i, r, n8 = n - n % 8;
    for (r = 0; r < 8; r++) {
        lo[r] = INFINITY;
        hi[r] = -INFINITY;
    }
    for (i = 0; i < n8; i += 8)
        for (r = 0; r < 8; r++) {
            double v = x[i + r];
            s[r] += v;
            lo[r] = v < lo[r] ? v : lo[r];
            hi[r] = v > hi[r] ? v : hi[r];
        }
    for (i = n8; i < n; i++) {
        s[0] += x[i];
        lo[0] = x[i] < lo[0] ? x[i] : lo[0];
        hi[0] = x[i] > hi[0] ? x[i] : hi[0];
    }
    total = ((s[0] + s[1]) + (s[2] + s[3])) + ((s[4] + s[5]) + (s[6] + s[7]));
    mu = total / (double)n;
    /* Two passes: the one-pass formula loses everything when the spread is
     * tiny next to the mean, which is exactly the saturated case. */
    for (i = 0; i < n8; i += 8)
        for (r = 0; r < 8; r++)
            ss[r] += (x[i + r] - mu) * (x[i + r] - mu);
    for (i = n8; i < n; i++)
        ss[0] += (x[i] - mu) * (x[i] - mu);
    spread = ((ss[0] + ss[1]) + (ss[2] + ss[3])) +
             ((ss[4] + ss[5]) + (ss[6] + ss[7]));
    for (r = 1; r < 8; r++) {
        lo[0] = lo[r] < lo[0] ? lo[r] : lo[0];
        hi[0] = hi[r] > hi[0] ? hi[r] : hi[0];
    }
    *mean = mu;
    *std = sqrt(spread / (double)n);
    *min = lo[0];
    *max = hi[0];
}

static void swap(double *a, double *b)
{
    double t = *a;
    *a = *b;
    *b = t;
}

/* Puts the order statistics at every position in want[0..n_want-1]
 * (ascending) of x[lo..hi] in place.  Hoare's partition moves values equal
 * to the pivot to both sides, so the exact zeros that fill relu layers split
 * evenly instead of piling up on one side.  One partition serves the targets
 * on both sides; the side with fewer values recurses and the other loops, so
 * the stack stays O(log n) deep. */
static void select_many(double *x, ptrdiff_t lo, ptrdiff_t hi,
                        const size_t *want, size_t n_want)
{
    while (n_want > 0 && lo < hi) {
        ptrdiff_t mid = lo + (hi - lo) / 2, i = lo, j = hi;
        size_t left, right;
        double pivot;
        if (x[mid] < x[lo])
            swap(&x[mid], &x[lo]);
        if (x[hi] < x[lo])
            swap(&x[hi], &x[lo]);
        if (x[hi] < x[mid])
            swap(&x[hi], &x[mid]);
        pivot = x[mid];
        while (i <= j) {
            while (x[i] < pivot)
                i++;
            while (x[j] > pivot)
                j--;
            if (i <= j)
                swap(&x[i++], &x[j--]);
        }
        /* now x[lo..j] <= pivot, x[i..hi] >= pivot, and between them (if
         * anything) equals pivot: targets there are in place */
        for (left = 0; left < n_want && (ptrdiff_t)want[left] <= j; left++)
            ;
        for (right = left; right < n_want && (ptrdiff_t)want[right] < i; right++)
            ;
        if (j - lo < hi - i) {
            select_many(x, lo, j, want, left);
            want += right;
            n_want -= right;
            lo = i;
        } else {
            select_many(x, i, hi, want + right, n_want - right);
            n_want = left;
            hi = j;
        }
    }
}

void il_percentiles(const double *x, size_t n, const double *levels,
                    size_t n_levels, double *out, double *work)
{
    size_t want[2 * 64], n_want = 0, i, q, done = 0;
    for (i = 0; i < n; i++)
        work[i] = x[i];
    /* In batches of 64 levels: each needs the order statistics at floor(p)
     * and the one after it. */
    while (done < n_levels) {
        size_t batch = n_levels - done < 64 ? n_levels - done : 64;
        n_want = 0;
        for (q = done; q < done + batch; q++) {
            size_t k = (size_t)floor(levels[q] / 100.0 * (double)(n - 1));
            size_t pos[2], t;
            pos[0] = k;
            pos[1] = k + 1 < n ? k + 1 : k;
            for (t = 0; t < 2; t++)
                if (!n_want || want[n_want - 1] < pos[t])
                    want[n_want++] = pos[t];
        }
        select_many(work, 0, (ptrdiff_t)n - 1, want, n_want);
        for (q = done; q < done + batch; q++) {
            double pos = levels[q] / 100.0 * (double)(n - 1), frac;
            size_t k = (size_t)floor(pos);
            frac = pos - (double)k;
            out[q] = (k + 1 >= n || frac == 0.0)
                         ? work[k]
                         : work[k] + frac * (work[k + 1] - work[k]);
        }
        done += batch;
    }
}

void il_histogram(const double *x, size_t n, size_t bins, double lo,
                  double hi, double *counts)
{
    /* Four interleaved tallies: when most values fall in one bin (the zeros
     * of a relu layer) a single tally makes every increment wait for the
     * previous one. */
    enum { LANES = 4, MAX_BINS = 256 };
    unsigned tally[LANES][MAX_BINS];
    double scale = (double)bins / (hi - lo), top = (double)bins;
    size_t i, r;
    int lanes = bins <= MAX_BINS;

    if (lanes)
        memset(tally, 0, sizeof tally);
    for (i = 0; i < bins; i++)
        counts[i] = 0.0;
    for (i = 0; i < n; i++) {
        double pos = (x[i] - lo) * scale;
        size_t bin;
        if (pos != pos)
            continue; /* NaN */
        bin = pos <= 0.0 ? 0 : pos >= top ? bins - 1 : (size_t)pos;
        if (lanes)
            tally[i % LANES][bin]++;
        else
            counts[bin] += 1.0;
    }
    if (lanes)
        for (i = 0; i < bins; i++)
            for (r = 0; r < LANES; r++)
                counts[i] += (double)tally[r][i];
}

size_t il_distinct_units(const double *W, const double *b, size_t n, size_t k,
                         double tol)
{
    double largest = 0.0, limit;
    size_t i, j, p, count = 0;

    for (i = 0; i < n * k; i++)
        if (fabs(W[i]) > largest)
            largest = fabs(W[i]);
    for (i = 0; i < n; i++)
        if (fabs(b[i]) > largest)
            largest = fabs(b[i]);
    limit = tol * largest;
    /* A row counts when it differs from every row before it.  Rows of
     * trained, randomly started units differ in their first entries, so the
     * inner loops stop early and the cost stays near n^2/2 comparisons. */
    for (i = 0; i < n; i++) {
        int copy = 0;
        for (j = 0; j < i && !copy; j++) {
            copy = fabs(b[i] - b[j]) <= limit;
            for (p = 0; p < k && copy; p++)
                copy = fabs(W[i + p * n] - W[j + p * n]) <= limit;
        }
        count += !copy;
    }
    return count;
}
