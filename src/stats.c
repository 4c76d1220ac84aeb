/*
 * stats.c - the statistics recorded per layer: moments, percentiles,
 * histograms and the count of distinct units.
 */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <stdio.h>
#include <stdlib.h>

#include "internal.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if defined(__GNUC__) && defined(__x86_64__) && !defined(__clang__)
#include <immintrin.h>
#endif

/* The helpers of the hot loops, inlined into each clone (IL_HOT) so that
 * they are compiled for its instruction set. */
#if defined(__GNUC__)
#define INLINE static inline __attribute__((always_inline))
#else
#define INLINE static inline
#endif


double il_sum_squares(const double *x, size_t n)
{
    double ss = 0.0;
    size_t i;
    for (i = 0; i < n; i++)
        ss += x[i] * x[i];
    return ss;
}

/* Four doubles: lanes 0-3 and 4-7 of the eight are two of these, each lane
 * added in exactly the order a scalar sum of its own would be.  (Eight in
 * one vector, as src/pass.c's vec8, is lowered to scalar code with branches
 * for the AVX2 and plain clones once it is compared.) */
typedef double vec4 __attribute__((vector_size(32)));
typedef long long mask4 __attribute__((vector_size(32)));

/* a < b ? a : b and a > b ? a : b lane by lane: what minpd/maxpd compute,
 * and what the scalar tail below computes (NaN and equal values alike).
 * Macros: a vector passed by value is an ABI the compiler warns about. */
#define MIN4(a, b) ((vec4)(((mask4)((a) < (b)) & (mask4)(a)) |                \
                           (~(mask4)((a) < (b)) & (mask4)(b))))
#define MAX4(a, b) ((vec4)(((mask4)((a) > (b)) & (mask4)(a)) |                \
                           (~(mask4)((a) > (b)) & (mask4)(b))))

/* m ? a : b lane by lane, m a comparison's all-ones or zero lanes */
#define SELECT4(m, a, b) ((vec4)(((m) & (mask4)(a)) | (~(m) & (mask4)(b))))

typedef int int4 __attribute__((vector_size(16)));
typedef unsigned char bytes16 __attribute__((vector_size(16)));

/* Eight whole numbers in [0, 255], held as doubles in two halves, as the
 * eight bytes at out: converted as (int) converts, and the low byte of each
 * gathered by one shuffle. */
INLINE void store_bytes8(const vec4 *lo_half, const vec4 *hi_half,
                                unsigned char *out)
{
    int4 a = __builtin_convertvector(*lo_half, int4);
    int4 b = __builtin_convertvector(*hi_half, int4);
#ifdef __clang__ /* the fuzzers' compiler: the same shuffle, spelled its way */
    bytes16 packed = __builtin_shufflevector((bytes16)a, (bytes16)b, 0, 4, 8,
                                             12, 16, 20, 24, 28, 0, 0, 0, 0,
                                             0, 0, 0, 0);
#else
    static const bytes16 low_bytes = {0, 4, 8, 12, 16, 20, 24, 28,
                                      0, 0, 0, 0, 0, 0, 0, 0};
    bytes16 packed = __builtin_shuffle((bytes16)a, (bytes16)b, low_bytes);
#endif
    memcpy(out, &packed, 8);
}

/* ---- a layer's values, read in place from its padded columns ------------ */

/* A layer's n = m cols values are cols columns of m values, ld apart (the
 * batch's padding past m never read).  The statistics take them as if laid
 * end to end, value i of column j at position p = j m + i, without copying
 * them so.  A single running sum is one long dependency chain, and these
 * run at every recorded iteration, so each has eight lanes: lane r adds
 * the values at the positions p = r (mod 8) below n8 = n - n % 8, in order,
 * then lane 0 the values from n8 on, and the lanes are added pairwise at
 * the end; the least and greatest values run in the same lanes.  Vectors
 * add four lanes side by side in exactly the order a scalar sum of each
 * would, and min/max as written (a < b ? a : b) are what minpd/maxpd
 * compute, so every instruction-set clone (IL_HOT) gives the same bits -
 * the bits an array of the values end to end gave when it was copied. */
typedef struct {
    double s[8], lo[8], hi[8]; /* the values' sums, least and greatest */
    double t[8];               /* a second array's sums (y below)       */
} lanes;

static void lanes_start(lanes *a)
{
    size_t r;
    for (r = 0; r < 8; r++) {
        a->s[r] = a->t[r] = 0.0;
        a->lo[r] = INFINITY;
        a->hi[r] = -INFINITY;
    }
}

/* The lane that position p adds into. */
INLINE size_t lane_of(size_t p, size_t n8)
{
    return p < n8 ? p % 8 : 0;
}

static inline double lanes_total(const double s[8])
{
    return ((s[0] + s[1]) + (s[2] + s[3])) + ((s[4] + s[5]) + (s[6] + s[7]));
}

/* Lanes 1..7 of the least and greatest into lane 0's, in order. */
static void lanes_range(const lanes *a, double *min, double *max)
{
    double lo = a->lo[0], hi = a->hi[0];
    size_t r;
    for (r = 1; r < 8; r++) {
        lo = a->lo[r] < lo ? a->lo[r] : lo;
        hi = a->hi[r] > hi ? a->hi[r] : hi;
    }
    *min = lo;
    *max = hi;
}

/* The columns' blocks of eight are whole blocks of positions: a column's
 * first values finish the block the column before began (lane_of them one
 * by one), its whole blocks follow, and its last values begin the next.
 * How many whole blocks the column from value i on holds, i at a block's
 * start (p + i a multiple of 8). */
INLINE size_t blocks_from(size_t p, size_t i, size_t m, size_t n8)
{
    size_t in_column = (m - i) / 8, before_tail = (n8 - (p + i)) / 8;
    if (i >= m || p + i >= n8)
        return 0;
    return in_column < before_tail ? in_column : before_tail;
}

#define SPLAT4(v) ((vec4){(v), (v), (v), (v)})

INLINE void load8(const double *x, vec4 *lo_half, vec4 *hi_half)
{
    memcpy(lo_half, x, sizeof *lo_half);
    memcpy(hi_half, x + 4, sizeof *hi_half);
}

INLINE void store8(double *x, const vec4 *lo_half, const vec4 *hi_half)
{
    memcpy(x, lo_half, sizeof *lo_half);
    memcpy(x + 4, hi_half, sizeof *hi_half);
}

/* Two lanes: the running least and greatest are kept in these, compared
 * by minpd/maxpd themselves (the blends GCC makes of a vector a < b ? a : b
 * issue one a cycle, and a record's blocks waited on them). */
typedef double vec2 __attribute__((vector_size(16)));

INLINE vec2 min2(vec2 a, vec2 b) /* a < b ? a : b */
{
#if defined(__SSE2__)
    return (vec2)_mm_min_pd((__m128d)a, (__m128d)b);
#else
    vec2 m;
    m[0] = a[0] < b[0] ? a[0] : b[0];
    m[1] = a[1] < b[1] ? a[1] : b[1];
    return m;
#endif
}

INLINE vec2 max2(vec2 a, vec2 b) /* a > b ? a : b */
{
#if defined(__SSE2__)
    return (vec2)_mm_max_pd((__m128d)a, (__m128d)b);
#else
    vec2 m;
    m[0] = a[0] > b[0] ? a[0] : b[0];
    m[1] = a[1] > b[1] ? a[1] : b[1];
    return m;
#endif
}

/* One value of the first pass into lane r: x's sum (and least and greatest
 * when range), y's sum when y. */
INLINE void first_one(lanes *a, size_t r, double v, const double *y,
                      int range)
{
    a->s[r] += v;
    if (range) {
        a->lo[r] = v < a->lo[r] ? v : a->lo[r];
        a->hi[r] = v > a->hi[r] ? v : a->hi[r];
    }
    if (y)
        a->t[r] += *y;
}

/* blocks whole blocks of the first pass from x (and y) */
INLINE void first_blocks(const double *x, const double *y, size_t blocks,
                         int range, lanes *a)
{
    vec4 s0, s1, t0, t1, v0, v1, w0, w1;
    vec2 lo[4], hi[4], u;
    size_t k, h;
    load8(a->s, &s0, &s1);
    load8(a->t, &t0, &t1);
    memcpy(lo, a->lo, sizeof lo);
    memcpy(hi, a->hi, sizeof hi);
    for (k = 0; k < blocks; k++) {
        load8(x + 8 * k, &v0, &v1);
        s0 += v0;
        s1 += v1;
        if (range)
            for (h = 0; h < 4; h++) {
                memcpy(&u, x + 8 * k + 2 * h, sizeof u);
                lo[h] = min2(u, lo[h]);
                hi[h] = max2(u, hi[h]);
            }
        if (y) {
            load8(y + 8 * k, &w0, &w1);
            t0 += w0;
            t1 += w1;
        }
    }
    store8(a->s, &s0, &s1);
    store8(a->t, &t0, &t1);
    memcpy(a->lo, lo, sizeof lo);
    memcpy(a->hi, hi, sizeof hi);
}

INLINE void first_walk(const double *x, const double *y, size_t m, size_t ld,
                       size_t cols, int range, lanes *a)
{
    size_t n = m * cols, n8 = n - n % 8, j, i, p, blocks;
    for (j = 0, p = 0; j < cols; j++, p += m) {
        const double *xc = x + j * ld, *yc = y ? y + j * ld : NULL;
        for (i = 0; i < m && (p + i) % 8; i++)
            first_one(a, lane_of(p + i, n8), xc[i], yc ? yc + i : NULL,
                      range);
        if ((blocks = blocks_from(p, i, m, n8)) > 0) {
            first_blocks(xc + i, yc ? yc + i : NULL, blocks, range, a);
            i += 8 * blocks;
        }
        for (; i < m; i++)
            first_one(a, lane_of(p + i, n8), xc[i], yc ? yc + i : NULL,
                      range);
    }
}

/* The sums (and least and greatest when range) of x's values, and y's
 * sums when y is not NULL.  Each combination a loop of its own. */
IL_HOT static void first_pass(const double *x, const double *y, size_t m,
                              size_t ld, size_t cols, int range, lanes *a)
{
    if (range && y)
        first_walk(x, y, m, ld, cols, 1, a);
    else if (range)
        first_walk(x, NULL, m, ld, cols, 1, a);
    else if (y)
        first_walk(x, y, m, ld, cols, 0, a);
    else
        first_walk(x, NULL, m, ld, cols, 0, a);
}

/* One value of the second pass into lane r: x's squared deviation from mu,
 * y's from nu when y, and whether it equals eq when equal. */
INLINE void second_one(lanes *a, size_t r, double v, double mu,
                       const double *y, double nu, double eq,
                       size_t *equal)
{
    a->s[r] += (v - mu) * (v - mu);
    if (y)
        a->t[r] += (*y - nu) * (*y - nu);
    if (equal)
        *equal += v == eq;
}

INLINE void second_blocks(const double *x, double mu, const double *y,
                          double nu, double eq, size_t *equal, size_t blocks,
                          lanes *a)
{
    vec4 s0, s1, t0, t1, v0, v1, d0, d1, e0, e1;
    mask4 c0 = {0}, c1 = {0};
    size_t k;
    load8(a->s, &s0, &s1);
    load8(a->t, &t0, &t1);
    for (k = 0; k < blocks; k++) {
        load8(x + 8 * k, &v0, &v1);
        d0 = v0 - SPLAT4(mu);
        d1 = v1 - SPLAT4(mu);
        s0 += d0 * d0;
        s1 += d1 * d1;
        if (y) {
            load8(y + 8 * k, &e0, &e1);
            e0 -= SPLAT4(nu);
            e1 -= SPLAT4(nu);
            t0 += e0 * e0;
            t1 += e1 * e1;
        }
        if (equal) { /* a true comparison is -1 */
            c0 -= (mask4)(v0 == SPLAT4(eq));
            c1 -= (mask4)(v1 == SPLAT4(eq));
        }
    }
    store8(a->s, &s0, &s1);
    store8(a->t, &t0, &t1);
    if (equal) {
        c0 += c1;
        *equal += (size_t)(c0[0] + c0[1] + c0[2] + c0[3]);
    }
}

INLINE void second_walk(const double *x, double mu, const double *y,
                        double nu, double eq, size_t *equal, size_t m,
                        size_t ld, size_t cols, lanes *a)
{
    size_t n = m * cols, n8 = n - n % 8, j, i, p, blocks;
    for (j = 0, p = 0; j < cols; j++, p += m) {
        const double *xc = x + j * ld, *yc = y ? y + j * ld : NULL;
        for (i = 0; i < m && (p + i) % 8; i++)
            second_one(a, lane_of(p + i, n8), xc[i], mu, yc ? yc + i : NULL,
                       nu, eq, equal);
        if ((blocks = blocks_from(p, i, m, n8)) > 0) {
            second_blocks(xc + i, mu, yc ? yc + i : NULL, nu, eq, equal,
                          blocks, a);
            i += 8 * blocks;
        }
        for (; i < m; i++)
            second_one(a, lane_of(p + i, n8), xc[i], mu, yc ? yc + i : NULL,
                       nu, eq, equal);
    }
}

/* The squared deviations of x's values from mu (two passes: the one-pass
 * formula loses everything when the spread is tiny next to the mean,
 * which is exactly the saturated case), y's from nu when y is not NULL,
 * and how many of x's values equal eq into *equal when it is not NULL. */
IL_HOT static void second_pass(const double *x, double mu, const double *y,
                               double nu, double eq, size_t *equal, size_t m,
                               size_t ld, size_t cols, lanes *a)
{
    if (y && equal)
        second_walk(x, mu, y, nu, eq, equal, m, ld, cols, a);
    else if (y)
        second_walk(x, mu, y, nu, 0.0, NULL, m, ld, cols, a);
    else if (equal)
        second_walk(x, mu, NULL, 0.0, eq, equal, m, ld, cols, a);
    else
        second_walk(x, mu, NULL, 0.0, 0.0, NULL, m, ld, cols, a);
}

void il_moments(const double *x, size_t n, double *mean, double *std,
                double *min, double *max)
{
    lanes a;
    lanes_start(&a);
    first_pass(x, NULL, n, n, 1, 1, &a);
    *mean = lanes_total(a.s) / (double)n;
    lanes_range(&a, min, max);
    lanes_start(&a);
    second_pass(x, *mean, NULL, 0.0, 0.0, NULL, n, n, 1, &a);
    *std = sqrt(lanes_total(a.s) / (double)n);
}

/* ---- codes: a byte per value, ordered as the values ----------------------- */

/* Codes are kept in the columns' layout (ld apart), CODE_NONE in the
 * padding and past it to a whole number of count_codes' steps. */
enum { CODE_NONE = 255 };

/* The histogram's: a value's bin, floor((v - lo) scale) clamped to
 * [0, bins - 1] (top is the largest position that still truncates into
 * the last bin), and NaN the slot bins, never reported. */
typedef struct {
    double lo, scale, top, nan_code;
} bin_rule;

INLINE unsigned char bin_code(double v, const bin_rule *b)
{
    double pos = (v - b->lo) * b->scale;
    int nan = pos != pos;
    pos = pos > 0.0 ? pos : 0.0;
    pos = pos < b->top ? pos : b->top;
    return (unsigned char)(nan ? (int)b->nan_code : (int)pos);
}

/* Percentiles': one of RANK_CODES equal slices of (lo, hi], the layer's
 * range, and CODE_NONE for the values equal to lo (the exact zeros of a
 * relu layer), which are the lowest ranks and need no selecting.  Codes
 * rise with the values (each step rounds monotonically), which is all that
 * finding a rank by them needs. */
enum { RANK_CODES = 32 };

typedef struct {
    double lo, scale, last;
} rank_rule;

INLINE unsigned char rank_code(double v, const rank_rule *q)
{
    double pos = (v - q->lo) * q->scale;
    pos = pos < q->last ? pos : q->last;
    return (unsigned char)(v == q->lo ? CODE_NONE : (int)pos);
}

/* Eight whole numbers in [0, 255], held as doubles in two halves, as the
 * eight bytes at out (store_bytes8 above). */

/* bin_code of eight finite values whose positions are not NaN (a finite
 * scale): the same value each, with pos > 0 ? pos : 0 as a mask. */
INLINE void bin_codes8(const double *x, const bin_rule *b, unsigned char *out)
{
    vec4 v[2], pos[2];
    size_t r;
    load8(x, &v[0], &v[1]);
    for (r = 0; r < 2; r++) {
        pos[r] = (v[r] - SPLAT4(b->lo)) * SPLAT4(b->scale);
        pos[r] = (vec4)((mask4)pos[r] & (mask4)(pos[r] > 0.0));
        pos[r] = MIN4(pos[r], SPLAT4(b->top));
    }
    store_bytes8(&pos[0], &pos[1], out);
}

/* rank_code of eight values of a finite scale: v == lo gives pos 0, and
 * CODE_NONE is added to it. */
INLINE void rank_codes8(const double *x, const rank_rule *q,
                        unsigned char *out)
{
    vec4 v[2], pos[2];
    size_t r;
    load8(x, &v[0], &v[1]);
    for (r = 0; r < 2; r++) {
        pos[r] = (v[r] - SPLAT4(q->lo)) * SPLAT4(q->scale);
        pos[r] = MIN4(pos[r], SPLAT4(q->last));
        pos[r] += (vec4)((mask4)(v[r] == SPLAT4(q->lo)) &
                         (mask4)SPLAT4((double)CODE_NONE));
    }
    store_bytes8(&pos[0], &pos[1], out);
}

/* The histogram's codes of the columns (b; fast: all values finite, and
 * the scale, so that no position is NaN) or the percentiles' (q, b NULL:
 * values and scale finite). */
IL_HOT static void codes_of(const double *x, size_t m, size_t ld, size_t cols,
                            const bin_rule *b, const rank_rule *q, int fast,
                            unsigned char *codes)
{
    /* copies the loops may keep in registers (a byte store may alias) */
    bin_rule bins = {0, 0, 0, 0};
    rank_rule ranks = {0, 0, 0};
    size_t i, j;
    if (b)
        bins = *b;
    else
        ranks = *q;
    for (j = 0; j < cols; j++) {
        const double *xc = x + j * ld;
        unsigned char *cc = codes + j * ld;
        i = 0;
        if (b && fast)
            for (; i + 8 <= m; i += 8)
                bin_codes8(xc + i, &bins, cc + i);
        else if (!b)
            for (; i + 8 <= m; i += 8)
                rank_codes8(xc + i, &ranks, cc + i);
        for (; i < m; i++)
            cc[i] = b ? bin_code(xc[i], &bins) : rank_code(xc[i], &ranks);
        memset(cc + m, CODE_NONE, ld - m);
    }
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

/* Order statistics at the sorted, unique ranks want[0..n_want-1] of x:
 * out[t] is the want[t]-th smallest.  One pass counts the values into
 * equal-width buckets between min and max, a second copies out only the
 * buckets that hold a wanted rank, and quickselect finishes inside those -
 * far less work than selecting over all n, which matters because this runs
 * at every recorded iteration. */
/* 255 equal-width buckets between min and max, and bucket 255 for the
 * values equal to the minimum (the exact zeros of a relu layer), which are
 * the lowest ranks and need no selecting. */
enum { BUCKETS = 255, LOWEST = 255 };

/* The bucket of one value: the same arithmetic wherever it is asked, so a
 * value numbered twice lands in the same bucket both times. */
static inline unsigned char bucket_of(double x, double lo, double scale)
{
    double pos = (x - lo) * scale;
    pos = pos < BUCKETS - 1 ? pos : BUCKETS - 1;
    return (unsigned char)(x == lo ? LOWEST : (int)pos);
}

/* Bucket numbers of n values in [lo, hi], one byte each.  A loop of its own
 * so that it vectorizes; the scatter that follows cannot. */
IL_HOT static void bucket_numbers(const double *x, size_t n, double lo,
                                     double scale, unsigned char *bucket)
{
    /* bucket_of eight at a time, the same operations lane by lane; the
     * minimum's bucket chosen as a double, before the one conversion */
    vec4 lo4, scale4, last4, lowest4;
    size_t i, r;
    for (r = 0; r < 4; r++) {
        lo4[r] = lo;
        scale4[r] = scale;
        last4[r] = BUCKETS - 1;
        lowest4[r] = LOWEST;
    }
    for (i = 0; i + 8 <= n; i += 8) {
        vec4 v[2], pos[2];
        for (r = 0; r < 2; r++) {
            memcpy(&v[r], x + i + 4 * r, sizeof v[r]);
            pos[r] = (v[r] - lo4) * scale4;
            pos[r] = MIN4(pos[r], last4);
            pos[r] = SELECT4(v[r] == lo4, lowest4, pos[r]);
        }
        store_bytes8(&pos[0], &pos[1], bucket + i);
    }
    for (; i < n; i++)
        bucket[i] = bucket_of(x[i], lo, scale);
}

/* Up to this many needed buckets are told apart by comparing bucket numbers
 * (a layer's 5 default levels need at most 10); more take the table. */
enum { FEW_NEEDED = 16 };

typedef unsigned char bytes32 __attribute__((vector_size(32)));

/* bucket[i] becomes 1 where it is one of the k numbers in list, else 0:
 * 32 numbers a compare against each listed one, instead of a load through
 * a table per value. */
IL_HOT static void flag_needed(unsigned char *bucket, size_t n,
                               const unsigned char *list, size_t k,
                               const unsigned char *needed)
{
    size_t i, t;
    for (i = 0; i + 32 <= n; i += 32) {
        bytes32 v, f = {0};
        memcpy(&v, bucket + i, sizeof v);
        for (t = 0; t < k; t++)
            f |= (bytes32)(v == list[t]);
        f &= 1;
        memcpy(bucket + i, &f, sizeof f);
    }
    for (; i < n; i++)
        bucket[i] = needed[bucket[i]];
}

/* The values x[i] whose flag[i] is 1, in order, into stage; returns how
 * many.  Every value of a group of eight with a flag is stored and the
 * unflagged overwritten (a branch on each would follow the data and
 * mispredict), and a group without one, most groups when few values are
 * wanted, is passed over on one test of its eight flags. */
static size_t pack_flagged(const double *x, size_t n,
                           const unsigned char *flag, double *stage)
{
    size_t i, j, k = 0;
    for (i = 0; i + 8 <= n; i += 8) {
        uint64_t eight;
        memcpy(&eight, flag + i, sizeof eight);
        if (!eight)
            continue;
        for (j = 0; j < 8; j++) {
            stage[k] = x[i + j];
            k += flag[i + j];
        }
    }
    for (; i < n; i++) {
        stage[k] = x[i];
        k += flag[i];
    }
    return k;
}

/* The bucket b that holds rank r, first[b] <= r < first[b + 1], where
 * first[0] <= r < first[BUCKETS] (the ranks before each bucket, first[0]
 * the lowest's): the last b with first[b] <= r, which is not empty, by a
 * binary search without branches (the ranks' buckets follow the data). */
static size_t bucket_holding(const size_t *first, size_t r)
{
    size_t b = 0, step;
    for (step = (BUCKETS + 1) / 2; step > 0; step /= 2)
        b += step & ((size_t)0 - (size_t)(first[b + step] <= r));
    return b;
}

static void order_stats(const double *x, size_t n, double lo, double hi,
                        const size_t *want, size_t n_want, double *out,
                        double *work)
{
    /* four tallies, as in il_histogram, so equal values do not serialize */
    unsigned tally[4][BUCKETS + 1], merged[BUCKETS];
    size_t first[BUCKETS + 1], offset[BUCKETS + 1], at[2 * 64], i, t, b;
    size_t n_lowest, used, room, n4 = n - n % 4, n_list = 0;
    unsigned char needed[BUCKETS + 1], list[BUCKETS];
    unsigned char *bucket = (unsigned char *)(work + n);
    double *stage, scale;

    if (!(isfinite(hi - lo)) || lo == hi) {
        /* constant, or Inf/NaN about: the plain way */
        for (i = 0; i < n; i++)
            work[i] = x[i];
        select_many(work, 0, (ptrdiff_t)n - 1, want, n_want);
        for (t = 0; t < n_want; t++)
            out[t] = work[want[t]];
        return;
    }
    scale = (double)BUCKETS / (hi - lo);
    bucket_numbers(x, n, lo, scale, bucket);
    memset(tally, 0, sizeof tally);
    for (i = 0; i < n4; i += 4) {
        tally[0][bucket[i]]++;
        tally[1][bucket[i + 1]]++;
        tally[2][bucket[i + 2]]++;
        tally[3][bucket[i + 3]]++;
    }
    for (; i < n; i++)
        tally[0][bucket[i]]++;
    n_lowest = (size_t)tally[0][LOWEST] + tally[1][LOWEST] + tally[2][LOWEST] +
               tally[3][LOWEST];
    /* the four tallies merged in a loop of their own, which vectorizes,
     * and then the running total */
    for (b = 0; b < BUCKETS; b++)
        merged[b] = tally[0][b] + tally[1][b] + tally[2][b] + tally[3][b];
    first[0] = n_lowest;
    for (b = 0; b < BUCKETS; b++)
        first[b + 1] = first[b] + merged[b];
    /* the needed buckets, ascending (want is), each once, and where each
     * one's values start in work: after those of the needed before it */
    memset(needed, 0, sizeof needed);
    for (t = 0, used = 0; t < n_want; t++) {
        if (want[t] < n_lowest)
            continue;
        b = at[t] = bucket_holding(first, want[t]);
        if (!needed[b]) {
            size_t count = merged[b];
            needed[b] = 1;
            list[n_list++] = (unsigned char)b;
            offset[b] = used;
            used += count;
        }
    }
    /* Copy out the needed buckets.  Whether a value is wanted follows the
     * data, so a branch on it mispredicts often (in a profile of the
     * coursework model it was most of this loop's time), and a store
     * through every value's bucket slot would make each value wait on the
     * store before it whenever a bucket repeats (the zeros of a relu layer).
     * So the values of needed buckets are first packed, in order, past the
     * bucket numbers (pack_flagged), the bucket numbers turned into flags;
     * then the few packed values (10 to 130 of a layer's 300 to 3000 in the
     * coursework model) go to their buckets, numbered again by bucket_of
     * (storing the number alongside would cost more in the packing loop
     * than this costs on the few).  Each bucket receives the same values in
     * the same order as a direct copy, so the selections below and their
     * results are the same.  The packed values need used + 1 slots (the
     * last, unwanted store) in the 2n of work after the n values and n
     * bytes; when they would not fit nearly every value is wanted and the
     * branch predicts well. */
    stage = work + n + (n + 7) / 8;
    room = n - (n + 7) / 8;
    if (used < room) {
        if (n_list <= FEW_NEEDED)
            flag_needed(bucket, n, list, n_list, needed);
        else
            for (i = 0; i < n; i++)
                bucket[i] = needed[bucket[i]];
        used = pack_flagged(x, n, bucket, stage);
        for (i = 0; i < used; i++)
            work[offset[bucket_of(stage[i], lo, scale)]++] = stage[i];
    } else {
        for (i = 0; i < n; i++)
            if (needed[bucket[i]])
                work[offset[bucket[i]]++] = x[i];
    }
    for (t = 0; t < n_want; t++) {
        size_t base, rank;
        if (want[t] < n_lowest) {
            out[t] = lo;
            continue;
        }
        b = at[t];
        /* offset[b] now ends the bucket's copy of merged[b] values */
        base = offset[b] - merged[b];
        rank = want[t] - first[b];
        select_many(work + base, 0, (ptrdiff_t)merged[b] - 1, &rank, 1);
        out[t] = work[base + rank];
    }
}

/* The order statistics at want[0..n_want-1] (sorted, unique) into value. */
typedef void order_fn(const void *ctx, const size_t *want, size_t n_want,
                      double *value);

/* Percentiles of n values by linear interpolation between the order
 * statistics order finds, into out[0], out[stride], ...; in batches of 64
 * levels: each needs the order statistics at floor(pos) and the one after
 * it, pos = p/100 (n-1). */
static void percentiles_with(size_t n, const double *levels, size_t n_levels,
                             double *out, size_t stride, order_fn *order,
                             const void *ctx)
{
    size_t want[2 * 64], n_want, q, done = 0;
    double value[2 * 64];
    while (done < n_levels) {
        size_t batch = n_levels - done < 64 ? n_levels - done : 64, t;
        n_want = 0;
        for (q = done; q < done + batch; q++) {
            size_t k = (size_t)floor(levels[q] / 100.0 * (double)(n - 1));
            size_t pos[2];
            pos[0] = k;
            pos[1] = k + 1 < n ? k + 1 : k;
            for (t = 0; t < 2; t++)
                if (!n_want || want[n_want - 1] < pos[t])
                    want[n_want++] = pos[t];
        }
        order(ctx, want, n_want, value);
        for (q = done, t = 0; q < done + batch; q++) {
            double pos = levels[q] / 100.0 * (double)(n - 1), frac, a, b;
            size_t k = (size_t)floor(pos);
            while (want[t] < k)
                t++;
            a = value[t];
            b = k + 1 < n ? value[t + 1] : a;
            frac = pos - (double)k;
            out[q * stride] = frac == 0.0 ? a : a + frac * (b - a);
        }
        done += batch;
    }
}

typedef struct {
    const double *x;
    size_t n;
    double lo, hi, *work;
} dense_layer;

static void dense_order(const void *ctx, const size_t *want, size_t n_want,
                        double *value)
{
    const dense_layer *d = ctx;
    order_stats(d->x, d->n, d->lo, d->hi, want, n_want, value, d->work);
}

/* Percentiles (levels in [0,100], ascending) of n values, by linear
 * interpolation between order statistics as Octave's quantile method 7 and
 * NumPy's default: position p/100*(n-1).  lo and hi are the values' min and
 * max when known, NaN otherwise; work holds 2n values. */
static void percentiles_of(const double *x, size_t n, double lo, double hi,
                           const double *levels, size_t n_levels, double *out,
                           size_t stride, double *work)
{
    dense_layer d;
    size_t i;
    if (isnan(lo) || isnan(hi)) {
        lo = hi = x[0];
        for (i = 1; i < n; i++) {
            lo = x[i] < lo ? x[i] : lo;
            hi = x[i] > hi ? x[i] : hi;
        }
    }
    d.x = x;
    d.n = n;
    d.lo = lo;
    d.hi = hi;
    d.work = work;
    percentiles_with(n, levels, n_levels, out, stride, dense_order, &d);
}

/* ---- the same on AVX-512, written out ----------------------------------- */

/* Eight doubles are one register here: the eight lanes themselves, kept in
 * registers across a layer's columns (a column's first and last values
 * enter their lanes under a mask), minpd/maxpd and the byte packing as
 * single instructions, and a code's values gathered by compressing eight
 * at a time.  The same operations in the same order on every value as the
 * loops above, so the same bits (tests/c/test_stats.c runs both). */
#if defined(__GNUC__) && defined(__x86_64__) && !defined(__clang__)
#define AVX512_PATH 1
#define AVX512 __attribute__((target("avx512f")))

static int use_avx512(int path)
{
    return path == IL_PATH_AVX512 ||
           (path == IL_PATH_AUTO && __builtin_cpu_supports("avx512f"));
}

/* The lanes mask of n values from lane r on (r + n <= 8). */
static inline unsigned lanes_mask(size_t r, size_t n)
{
    return ((1u << n) - 1u) << r;
}

/* How many of a column's values from i on (to end) enter lanes *r on
 * together, up to the end of the block of positions that p + i is in, and
 * those lanes' mask. */
static inline size_t segment(size_t p, size_t i, size_t end, size_t *r,
                             __mmask8 *in)
{
    size_t k;
    *r = (p + i) % 8;
    k = end - i < 8 - *r ? end - i : 8 - *r;
    *in = (__mmask8)lanes_mask(*r, k);
    return k;
}

/* The first pass (second 0) or the second over the positions below n8
 * (il_layer_stats takes the rest, lane 0's, one by one), as first_pass and
 * second_pass (range, y; mu, nu, eq, equal): a column's values from i on
 * go to lanes (p + i) % 8 on, under a mask where they do not fill a
 * register (the lanes outside it read nothing and keep their sums), whole
 * registers while they last. */
AVX512 static inline void walk_avx512(int second, const double *x,
                                      const double *y, size_t m, size_t ld,
                                      size_t cols, int range, double mu,
                                      double nu, double eq, size_t *equal,
                                      lanes *a)
{
    size_t n = m * cols, n8 = n - n % 8, j, i, p, count = 0;
    __m512d s = _mm512_loadu_pd(a->s), lo = _mm512_loadu_pd(a->lo);
    __m512d hi = _mm512_loadu_pd(a->hi), t = _mm512_loadu_pd(a->t);
    __m512d mu8 = _mm512_set1_pd(mu), nu8 = _mm512_set1_pd(nu);
    __m512d eq8 = _mm512_set1_pd(eq), v, d, w;
    for (j = 0, p = 0; j < cols && p < n8; j++, p += m) {
        const double *xc = x + j * ld, *yc = y ? y + j * ld : NULL;
        size_t end = m < n8 - p ? m : n8 - p;
        for (i = 0; i < end;) {
            __mmask8 in;
            size_t r, k = segment(p, i, end, &r, &in);
            v = _mm512_maskz_loadu_pd(in, xc + i - r);
            w = yc ? _mm512_maskz_loadu_pd(in, yc + i - r) : v;
            if (!second) {
                s = _mm512_mask_add_pd(s, in, s, v);
                if (range) {
                    lo = _mm512_mask_min_pd(lo, in, v, lo);
                    hi = _mm512_mask_max_pd(hi, in, v, hi);
                }
                if (yc)
                    t = _mm512_mask_add_pd(t, in, t, w);
                for (i += k; i + 8 <= end; i += 8) {
                    v = _mm512_loadu_pd(xc + i);
                    s = _mm512_add_pd(s, v);
                    if (range) {
                        lo = _mm512_min_pd(v, lo);
                        hi = _mm512_max_pd(v, hi);
                    }
                    if (yc)
                        t = _mm512_add_pd(t, _mm512_loadu_pd(yc + i));
                }
                continue;
            }
            d = _mm512_sub_pd(v, mu8);
            s = _mm512_mask_add_pd(s, in, s, _mm512_mul_pd(d, d));
            if (yc) {
                w = _mm512_sub_pd(w, nu8);
                t = _mm512_mask_add_pd(t, in, t, _mm512_mul_pd(w, w));
            }
            if (equal)
                count += (size_t)__builtin_popcount(
                    _mm512_mask_cmp_pd_mask(in, v, eq8, _CMP_EQ_OQ));
            for (i += k; i + 8 <= end; i += 8) {
                v = _mm512_loadu_pd(xc + i);
                d = _mm512_sub_pd(v, mu8);
                s = _mm512_add_pd(s, _mm512_mul_pd(d, d));
                if (yc) {
                    w = _mm512_sub_pd(_mm512_loadu_pd(yc + i), nu8);
                    t = _mm512_add_pd(t, _mm512_mul_pd(w, w));
                }
                if (equal)
                    count += (size_t)__builtin_popcount(
                        _mm512_cmp_pd_mask(v, eq8, _CMP_EQ_OQ));
            }
        }
    }
    _mm512_storeu_pd(a->s, s);
    _mm512_storeu_pd(a->lo, lo);
    _mm512_storeu_pd(a->hi, hi);
    _mm512_storeu_pd(a->t, t);
    if (equal)
        *equal += count;
}

AVX512 static void first_pass_avx512(const double *x, const double *y,
                                     size_t m, size_t ld, size_t cols,
                                     int range, lanes *a)
{
    if (range && y)
        walk_avx512(0, x, y, m, ld, cols, 1, 0.0, 0.0, 0.0, NULL, a);
    else if (range)
        walk_avx512(0, x, NULL, m, ld, cols, 1, 0.0, 0.0, 0.0, NULL, a);
    else
        walk_avx512(0, x, y, m, ld, cols, 0, 0.0, 0.0, 0.0, NULL, a);
}

AVX512 static void second_pass_avx512(const double *x, double mu,
                                      const double *y, double nu, double eq,
                                      size_t *equal, size_t m, size_t ld,
                                      size_t cols, lanes *a)
{
    if (y && equal)
        walk_avx512(1, x, y, m, ld, cols, 0, mu, nu, eq, equal, a);
    else if (y)
        walk_avx512(1, x, y, m, ld, cols, 0, mu, nu, eq, NULL, a);
    else if (equal)
        walk_avx512(1, x, NULL, m, ld, cols, 0, mu, nu, eq, equal, a);
    else
        walk_avx512(1, x, NULL, m, ld, cols, 0, mu, nu, eq, NULL, a);
}

/* Eight codes from eight positions, as bytes. */
AVX512 static inline void store_codes8(__m512d pos, unsigned char *out)
{
    __m128i bytes = _mm512_cvtepi32_epi8(
        _mm512_castsi256_si512(_mm512_cvttpd_epi32(pos)));
    memcpy(out, &bytes, 8);
}

/* bin_codes8's positions of the values at v (b), or rank_codes8's (no b):
 * then bound is q's last, else b's top. */
AVX512 static inline __m512d code_pos8(const double *v, int bins, __m512d lo,
                                       __m512d scale, __m512d bound)
{
    __m512d x8 = _mm512_loadu_pd(v);
    __m512d pos = _mm512_mul_pd(_mm512_sub_pd(x8, lo), scale);
    if (bins)
        return _mm512_min_pd(_mm512_max_pd(pos, _mm512_setzero_pd()), bound);
    return _mm512_mask_mov_pd(_mm512_min_pd(pos, bound),
                              _mm512_cmp_pd_mask(x8, lo, _CMP_EQ_OQ),
                              _mm512_set1_pd((double)CODE_NONE));
}

/* The histogram's codes of the columns (b: finite values and scale) or
 * the percentiles' (q, b NULL), sixteen a step. */
AVX512 static void codes_avx512(const double *x, size_t m, size_t ld,
                                size_t cols, const bin_rule *b,
                                const rank_rule *q, unsigned char *codes)
{
    int bins = b != NULL;
    __m512d lo = _mm512_set1_pd(bins ? b->lo : q->lo);
    __m512d scale = _mm512_set1_pd(bins ? b->scale : q->scale);
    __m512d bound = _mm512_set1_pd(bins ? b->top : q->last);
    size_t i, j;
    for (j = 0; j < cols; j++) {
        const double *xc = x + j * ld;
        unsigned char *cc = codes + j * ld;
        for (i = 0; i + 16 <= m; i += 16) {
            __m512i both = _mm512_inserti64x4(
                _mm512_castsi256_si512(_mm512_cvttpd_epi32(
                    code_pos8(xc + i, bins, lo, scale, bound))),
                _mm512_cvttpd_epi32(code_pos8(xc + i + 8, bins, lo, scale, bound)),
                1);
            _mm_storeu_si128((__m128i *)(cc + i), _mm512_cvtepi32_epi8(both));
        }
        for (; i + 8 <= m; i += 8)
            store_codes8(code_pos8(xc + i, bins, lo, scale, bound), cc + i);
        for (; i < m; i++)
            cc[i] = bins ? bin_code(xc[i], b) : rank_code(xc[i], q);
        memset(cc + m, CODE_NONE, ld - m);
    }
}

/* gather_code's: the values of sixteen codes a step compressed into out,
 * which takes 8 values more than are gathered (whole registers stored);
 * only the values whose code matches are read. */
AVX512 static void gather_code_avx512(const double *x,
                                      const unsigned char *codes, size_t len,
                                      unsigned char code, double *out)
{
    __m512i want = _mm512_set1_epi32(code);
    size_t i, k = 0;
    for (i = 0; i < len; i += 16) {
        __m128i c16 = _mm_loadu_si128((const __m128i *)(codes + i));
        __mmask16 hit = _mm512_cmpeq_epi32_mask(_mm512_cvtepu8_epi32(c16), want);
        __mmask8 h0 = (__mmask8)hit, h1 = (__mmask8)(hit >> 8);
        if (!hit)
            continue;
        _mm512_storeu_pd(out + k, _mm512_maskz_compress_pd(
                                      h0, _mm512_maskz_loadu_pd(h0, x + i)));
        k += (size_t)__builtin_popcount(h0);
        _mm512_storeu_pd(out + k, _mm512_maskz_compress_pd(
                                      h1, _mm512_maskz_loadu_pd(h1, x + i + 8)));
        k += (size_t)__builtin_popcount(h1);
    }
}
#else
#define AVX512_PATH 0
#endif

/* codes_of on the path asked for (AVX-512's only where fast). */
static void codes_on(const double *x, size_t m, size_t ld, size_t cols,
                     const bin_rule *b, const rank_rule *q, int fast, int path,
                     unsigned char *codes)
{
#if AVX512_PATH
    if (fast && use_avx512(path)) {
        codes_avx512(x, m, ld, cols, b, q, codes);
        return;
    }
#endif
    (void)path;
    codes_of(x, m, ld, cols, b, q, fast, codes);
}

/* ---- counting codes ------------------------------------------------------ */

/* The sum of 32 bytes. */
INLINE unsigned byte_sum(const bytes32 *v)
{
#if defined(__SSE2__)
    __m128i half[2], zero = _mm_setzero_si128(), sums;
    memcpy(half, v, sizeof half);
    sums = _mm_add_epi64(_mm_sad_epu8(half[0], zero),
                         _mm_sad_epu8(half[1], zero));
    return (unsigned)(_mm_cvtsi128_si64(sums) +
                      _mm_cvtsi128_si64(_mm_unpackhi_epi64(sums, sums)));
#else
    unsigned total = 0;
    size_t j;
    for (j = 0; j < 32; j++)
        total += (*v)[j];
    return total;
#endif
}

/* count[c0 + q] += how many of the len codes are c0 + q, for q < group
 * (at most 12, kept in registers) and c0 + q <= last: 32 codes compared
 * with each a step, a byte of seen per code and position, added up before
 * a byte could wrap. */
INLINE void count_group(const unsigned char *codes, size_t len, unsigned c0,
                        unsigned last, size_t group, unsigned *count)
{
    enum { MOST_STEPS = 255 };
    size_t start, i, q;
    for (start = 0; start < len; start += 32 * MOST_STEPS) {
        size_t end = len - start < 32 * MOST_STEPS ? len
                                                    : start + 32 * MOST_STEPS;
        bytes32 seen[12];
        memset(seen, 0, sizeof seen);
        for (i = start; i < end; i += 32) {
            bytes32 v;
            memcpy(&v, codes + i, sizeof v);
            for (q = 0; q < group; q++) /* a true comparison is 0xff */
                seen[q] -= (bytes32)(v == (unsigned char)(c0 + q));
        }
        for (q = 0; q < group && c0 + q <= last; q++)
            count[c0 + q] += byte_sum(&seen[q]);
    }
}

/* count[c] for the codes c in [first, last] (others left alone) of the len
 * codes (len a multiple of 32).  A tally through memory makes each
 * increment a load and a store, and equal codes in a row (the zeros of a
 * relu layer) wait on each other; comparing 32 codes a step with each of
 * the few a layer's values span takes a fraction of that.  Spans of more
 * than COMPARE_MOST codes are tallied. */
enum { COMPARE_MOST = 64 };

IL_HOT static void count_codes(const unsigned char *codes, size_t len,
                               unsigned first, unsigned last, unsigned *count)
{
    size_t i;
    unsigned c0;
    if (last - first < COMPARE_MOST) {
        for (c0 = first; c0 <= last;) {
            unsigned left = last - c0 + 1;
            if (left > 8) {
                count_group(codes, len, c0, last, 12, count);
                c0 += 12;
            } else if (left > 4) {
                count_group(codes, len, c0, last, 8, count);
                c0 += 8;
            } else {
                count_group(codes, len, c0, last, 4, count);
                c0 += 4;
            }
        }
        return;
    }
    {
        /* four tallies, one per code of a group of four, so that equal
         * codes in a row do not wait on each other */
        unsigned tally[4][256];
        memset(tally, 0, sizeof tally);
        for (i = 0; i < len; i += 4) {
            tally[0][codes[i]]++;
            tally[1][codes[i + 1]]++;
            tally[2][codes[i + 2]]++;
            tally[3][codes[i + 3]]++;
        }
        for (c0 = first; c0 <= last; c0++)
            count[c0] = tally[0][c0] + tally[1][c0] + tally[2][c0] + tally[3][c0];
    }
}

/* The codes' bytes, len rounded up to whole steps of count_codes (the rest
 * CODE_NONE). */
static size_t codes_len(size_t len)
{
    return (len + 31) / 32 * 32;
}

/* ---- the histogram --------------------------------------------------------- */

/* Byte codes take up to this many bins (bins is NaN's slot, 255 none). */
enum { MAX_CODED_BINS = 254 };

static bin_rule bin_rule_of(size_t bins, double lo, double hi)
{
    bin_rule b;
    b.lo = lo;
    b.scale = (double)bins / (hi - lo);
    b.top = nextafter((double)bins, 0.0);
    b.nan_code = (double)bins;
    return b;
}

/* The histogram of the columns from their codes (into codes, len in
 * their layout), counts[0], counts[stride], ...; count[c] the same for
 * each code c (zeroed before).  When the values are all finite their codes
 * lie between those of the least and the greatest. */
static void hist_of_codes(const double *x, size_t m, size_t ld, size_t cols,
                          const bin_rule *b, size_t bins, int finite,
                          double min, double max, int path,
                          unsigned char *codes, unsigned *count,
                          double *counts, size_t stride)
{
    size_t len = cols * ld, i, others = 0;
    unsigned first = finite ? bin_code(min, b) : 0;
    unsigned last = finite ? bin_code(max, b) : (unsigned)bins;
    int fast = finite && b->scale < INFINITY;
    codes_on(x, m, ld, cols, b, NULL, fast, path, codes);
    memset(codes + len, CODE_NONE, codes_len(len) - len);
    if (finite && last > first) {
        /* every value has a code in [first, last]: the last bin's count is
         * what the others leave (one code fewer to compare with) */
        count_codes(codes, codes_len(len), first, last - 1, count);
        for (i = first; i < last; i++)
            others += count[i];
        count[last] = (unsigned)(m * cols - others);
    } else
        count_codes(codes, codes_len(len), first, last, count);
    for (i = 0; i < bins; i++)
        counts[i * stride] = (double)count[i];
}

/* More bins than a byte numbers: one value at a time. */
static void hist_of_columns(const double *x, size_t m, size_t ld, size_t cols,
                            size_t bins, double lo, double hi, double *counts,
                            size_t stride)
{
    double scale = (double)bins / (hi - lo), top = nextafter((double)bins, 0.0);
    size_t i, j;
    for (i = 0; i < bins; i++)
        counts[i * stride] = 0.0;
    for (j = 0; j < cols; j++)
        for (i = 0; i < m; i++) {
            double pos = (x[j * ld + i] - lo) * scale;
            if (pos != pos)
                continue;
            pos = pos > 0.0 ? pos : 0.0;
            counts[(size_t)(pos < top ? pos : top) * stride] += 1.0;
        }
}

/* ---- percentiles from the codes ------------------------------------------- */

/* The 32 flags (0 or 0xff) of f as the bits of a word. */
INLINE unsigned bits_of(const bytes32 *f)
{
#if defined(__SSE2__)
    __m128i half[2];
    memcpy(half, f, sizeof half);
    return (unsigned)_mm_movemask_epi8(half[0]) |
           (unsigned)_mm_movemask_epi8(half[1]) << 16;
#else
    unsigned bits = 0;
    size_t j;
    for (j = 0; j < 32; j++)
        bits |= (unsigned)((*f)[j] & 1) << j;
    return bits;
#endif
}

/* The values whose code is code, in order, into out.  A compare of 32
 * codes a step, and the set bits: the count kept in a register (one pass
 * for all wanted codes, each value to its code's place, made each value
 * wait on the store of the one before whenever they shared a code). */
IL_HOT static void gather_code(const double *x, const unsigned char *codes,
                               size_t len, unsigned char code, double *out)
{
    size_t i, k = 0;
    for (i = 0; i < len; i += 32) {
        bytes32 v;
        unsigned bits;
        memcpy(&v, codes + i, sizeof v);
        v = (bytes32)(v == code);
        for (bits = bits_of(&v); bits; bits &= bits - 1)
            out[k++] = x[i + (size_t)__builtin_ctz(bits)];
    }
}

/* The least and the greatest of n values (n >= 1), four lanes at a time. */
IL_HOT static void range_of(const double *v, size_t n, double *min,
                            double *max)
{
    vec2 lo[4], hi[4], u;
    double l, h;
    size_t i, r;
    for (r = 0; r < 4; r++) {
        lo[r] = (vec2){v[0], v[0]};
        hi[r] = lo[r];
    }
    for (i = 0; i + 8 <= n; i += 8)
        for (r = 0; r < 4; r++) {
            memcpy(&u, v + i + 2 * r, sizeof u);
            lo[r] = min2(u, lo[r]);
            hi[r] = max2(u, hi[r]);
        }
    l = lo[0][0];
    h = hi[0][0];
    for (r = 0; r < 4; r++) {
        l = lo[r][0] < l ? lo[r][0] : l;
        l = lo[r][1] < l ? lo[r][1] : l;
        h = hi[r][0] > h ? hi[r][0] : h;
        h = hi[r][1] > h ? hi[r][1] : h;
    }
    for (; i < n; i++) {
        l = v[i] < l ? v[i] : l;
        h = v[i] > h ? v[i] : h;
    }
    *min = l;
    *max = h;
}

/* Up to this many values are selected among directly; more are coded and
 * counted again, or (a second time, or without the room) into buckets. */
enum { SELECT_MOST = 64 };

/* The values past a gathered region that a gather may write (AVX-512's
 * whole registers), overwritten by what follows. */
enum { GATHER_SLACK = 8 };

/* What coded_order needs: the values (a layer's, ld apart, or a few
 * gathered, end to end) and their codes (n_codes of them, rising with the
 * values), the codes' counts, the least value and how many equal it (the
 * lowest ranks), the rank of code 0's first value (lowest when those are
 * coded CODE_NONE, else 0), and scratch: region for the gathered values,
 * work for selecting among them (room values), depth the times coded so
 * far. */
typedef struct {
    const double *x;
    const unsigned char *codes;
    size_t len, n, n_codes;
    double min;
    size_t lowest, base;
    const unsigned *count;
    double *region, *work;
    size_t room;
    int depth, path;
} coded_layer;

static void coded_order(const void *ctx, const size_t *want, size_t n_want,
                        double *value);

/* The coded_layer of n values x (len in the codes' layout) in rank codes,
 * count their counts: the values equal to min, coded CODE_NONE, are the
 * lowest ranks and the others follow. */
static void rank_coded(coded_layer *c, const double *x,
                       const unsigned char *codes, size_t len, size_t n,
                       double min, const unsigned *count)
{
    size_t code;
    c->x = x;
    c->codes = codes;
    c->len = len;
    c->n = n;
    c->n_codes = RANK_CODES;
    c->min = min;
    c->lowest = n;
    for (code = 0; code < RANK_CODES; code++)
        c->lowest -= count[code];
    c->base = c->lowest;
    c->count = count;
}

/* The percentile codes of the values v (columns as il_layer_stats'), lo
 * to hi (lo < hi), and their counts; 0 when the scale is not finite (then
 * there are none). */
static int rank_codes_counted(const double *v, size_t m, size_t ld,
                              size_t cols, double lo, double hi, int path,
                              unsigned char *codes, unsigned *count)
{
    rank_rule q;
    q.lo = lo;
    q.scale = (double)RANK_CODES / (hi - lo);
    q.last = RANK_CODES - 1;
    if (!(q.scale > 0.0 && q.scale < INFINITY))
        return 0;
    codes_on(v, m, ld, cols, NULL, &q, 1, path, codes);
    memset(codes + cols * ld, CODE_NONE, codes_len(cols * ld) - cols * ld);
    count_codes(codes, codes_len(cols * ld), 0, RANK_CODES - 1, count);
    return 1;
}

/* The order statistics at the sorted ranks want[0..k-1] of the n values v
 * (rearranged), into value; work holds room values, at least 2n. */
static void select_ranks(double *v, size_t n, const size_t *want, size_t k,
                         double *value, double *work, size_t room, int depth,
                         int path)
{
    double lo, hi;
    size_t i;
    if (n <= SELECT_MOST) {
        select_many(v, 0, (ptrdiff_t)n - 1, want, k);
        for (i = 0; i < k; i++)
            value[i] = v[want[i]];
        return;
    }
    range_of(v, n, &lo, &hi);
    /* coded once more (the codes, their values gathered, and room for
     * selecting among those), when it fits and narrows */
    if (depth == 0 && hi > lo &&
        codes_len(n) / sizeof(double) + 3 * n + GATHER_SLACK <= room) {
        unsigned count[RANK_CODES] = {0};
        coded_layer c;
        if (!rank_codes_counted(v, n, n, 1, lo, hi, path, (unsigned char *)work,
                                count)) {
            order_stats(v, n, lo, hi, want, k, value, work);
            return;
        }
        rank_coded(&c, v, (unsigned char *)work, n, n, lo, count);
        c.region = work + codes_len(n) / sizeof(double);
        c.work = c.region + n + GATHER_SLACK;
        c.room = room - (size_t)(c.work - work);
        c.depth = depth + 1;
        c.path = path;
        coded_order(&c, want, k, value);
        return;
    }
    order_stats(v, n, lo, hi, want, k, value, work);
}

/* Order statistics at want[0..n_want-1] (sorted, unique) from the codes:
 * the ranks below the values equal to the least are it, each other rank's
 * code is found from the counts, and only those codes' values are gathered
 * and selected among. */
static void coded_order(const void *ctx, const size_t *want, size_t n_want,
                        double *value)
{
    const coded_layer *c = ctx;
    size_t first[256], at[256], code_of[2 * 64];
    size_t local[2 * 64], t, u, used = 0, n_list = 0, code;
    unsigned char list[2 * 64];
    double found[2 * 64];

    first[0] = c->base;
    for (code = 0; code < c->n_codes; code++)
        first[code + 1] = first[code] + c->count[code];
    /* want is ascending, and so are the codes that hold its ranks */
    for (t = 0, code = 0; t < n_want; t++) {
        if (want[t] < c->lowest)
            continue;
        while (want[t] >= first[code + 1])
            code++;
        code_of[t] = code;
        if (!n_list || list[n_list - 1] != code) {
            list[n_list++] = (unsigned char)code;
            at[code] = used;
#if AVX512_PATH
            if (use_avx512(c->path))
                gather_code_avx512(c->x, c->codes, codes_len(c->len),
                                   (unsigned char)code, c->region + used);
            else
#endif
                gather_code(c->x, c->codes, codes_len(c->len),
                            (unsigned char)code, c->region + used);
            used += c->count[code];
        }
    }
    for (t = 0; t < n_want; t = u) {
        double *v;
        if (want[t] < c->lowest) {
            value[t] = c->min;
            u = t + 1;
            continue;
        }
        code = code_of[t];
        for (u = t; u < n_want && code_of[u] == code; u++)
            local[u - t] = want[u] - first[code];
        v = c->region + at[code];
        select_ranks(v, c->count[code], local, u - t, found, c->work, c->room,
                     c->depth, c->path);
        memcpy(value + t, found, (u - t) * sizeof *found);
    }
}

/* ---- a layer's statistics ---------------------------------------------- */

size_t il_layer_scratch(size_t len, int percentiles, size_t bins)
{
    size_t codes = codes_len(len) / sizeof(double);
    if (percentiles) /* the codes, the gathered values, work */
        return codes + 3 * len + GATHER_SLACK;
    return bins > 0 && bins <= MAX_CODED_BINS ? codes : 0;
}

/* The first and second passes on the path asked for: AVX-512's leaves
 * the positions from n8 on, lane 0's, to these, one by one. */
static void first_of(const double *x, const double *y, size_t m, size_t ld,
                     size_t cols, int range, int path, lanes *a)
{
#if AVX512_PATH
    size_t n = m * cols, p;
    if (use_avx512(path)) {
        first_pass_avx512(x, y, m, ld, cols, range, a);
        for (p = n - n % 8; p < n; p++) {
            size_t at = p / m * ld + p % m;
            first_one(a, 0, x[at], y ? y + at : NULL, range);
        }
        return;
    }
#endif
    (void)path;
    first_pass(x, y, m, ld, cols, range, a);
}

static void second_of(const double *x, double mu, const double *y, double nu,
                      double eq, size_t *equal, size_t m, size_t ld,
                      size_t cols, int path, lanes *a)
{
#if AVX512_PATH
    size_t n = m * cols, p;
    if (use_avx512(path)) {
        second_pass_avx512(x, mu, y, nu, eq, equal, m, ld, cols, a);
        for (p = n - n % 8; p < n; p++) {
            size_t at = p / m * ld + p % m;
            second_one(a, 0, x[at], mu, y ? y + at : NULL, nu, eq, equal);
        }
        return;
    }
#endif
    (void)path;
    second_pass(x, mu, y, nu, eq, equal, m, ld, cols, a);
}

IL_HOT void il_layer_stats(const double *x, const double *y, size_t m,
                           size_t ld, size_t cols, const il_layer_want *w,
                           double *scratch)
{
    size_t n = m * cols, len = cols * ld, lowest = 0, i;
    unsigned char *codes = (unsigned char *)scratch;
    int range = w->min || w->pct || w->hist, coded_hist, finite, shared;
    double mean, min = NAN, max = NAN, nu = 0.0;
    unsigned count[256] = {0};
    coded_layer c;
    lanes a;

    lanes_start(&a);
    first_of(x, w->std_y ? y : NULL, m, ld, cols, range, w->path, &a);
    mean = lanes_total(a.s) / (double)n;
    if (range)
        lanes_range(&a, &min, &max);
    if (w->std_y)
        nu = lanes_total(a.t) / (double)n;
    /* a finite sum: every value finite */
    finite = isfinite(mean);
    coded_hist = w->hist && w->bins <= MAX_CODED_BINS;
    /* Percentiles of finite values with a histogram find their ranks by
     * its bins' counts (the lowest, the values equal to the least,
     * counted here), and only the bins that hold a wanted rank are looked
     * into again. */
    shared = w->pct && coded_hist && finite && max > min;
    if (w->std || w->std_y || shared) {
        lanes_start(&a);
        second_of(x, mean, w->std_y ? y : NULL, nu, min,
                  shared ? &lowest : NULL, m, ld, cols, w->path, &a);
        if (w->std)
            *w->std = sqrt(lanes_total(a.s) / (double)n);
        if (w->std_y)
            *w->std_y = sqrt(lanes_total(a.t) / (double)n);
    }
    if (w->mean)
        *w->mean = mean;
    if (w->min) {
        *w->min = min;
        *w->max = max;
    }
    if (coded_hist) {
        bin_rule b = bin_rule_of(w->bins, w->hist_lo, w->hist_hi);
        hist_of_codes(x, m, ld, cols, &b, w->bins, finite, min, max, w->path,
                      codes, count, w->hist, w->stride);
    } else if (w->hist)
        hist_of_columns(x, m, ld, cols, w->bins, w->hist_lo, w->hist_hi,
                        w->hist, w->stride);
    if (!w->pct)
        return;
    if (!shared) /* the histogram's counts, if any, serve no more */
        memset(count, 0, sizeof count);
    c.region = scratch + codes_len(len) / sizeof(double);
    c.work = c.region + len + GATHER_SLACK;
    c.room = 2 * len;
    c.depth = 0;
    c.path = w->path;
    if (shared) {
        c.x = x;
        c.codes = codes;
        c.len = len;
        c.n = n;
        c.n_codes = w->bins;
        c.min = min;
        c.lowest = lowest;
        c.base = 0;
        c.count = count;
    } else if (finite && (max == min || rank_codes_counted(x, m, ld, cols, min,
                                                          max, w->path, codes,
                                                          count)))
        /* (all the least when they are all equal: no counts) */
        rank_coded(&c, x, codes, len, n, min, count);
    else {
        /* Inf or NaN about (or a range that overflows): the values end to
         * end, and the plain way, with the layer's least and greatest as
         * before only when recorded */
        double *dense = c.region;
        for (i = 0; i < cols; i++)
            memcpy(dense + i * m, x + i * ld, m * sizeof *x);
        percentiles_of(dense, n, w->min ? min : NAN, w->min ? max : NAN,
                       w->levels, w->n_levels, w->pct, w->stride, dense + n);
        return;
    }
    percentiles_with(n, w->levels, w->n_levels, w->pct, w->stride,
                     coded_order, &c);
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
