/*
 * stats.c - the statistics recorded per layer: moments, percentiles,
 * histograms and the count of distinct units.
 */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "internal.h"


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
static inline void store_bytes8(const vec4 *lo_half, const vec4 *hi_half,
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

/* Eight lanes as two halves. */
typedef struct {
    vec4 lo, hi;
} lanes8;

/* The lanes as eight scalars, for loops that run lane by lane, and back. */
static inline void unpack8(const lanes8 *v, double out[8])
{
    memcpy(out, &v->lo, sizeof v->lo);
    memcpy(out + 4, &v->hi, sizeof v->hi);
}

static inline void pack8(const double in[8], lanes8 *v)
{
    memcpy(&v->lo, in, sizeof v->lo);
    memcpy(&v->hi, in + 4, sizeof v->hi);
}

/* The running sums, minima and maxima of lanes 0..7 over the 8-value
 * blocks of x[from..to) (from, to multiples of 8).  Lane by lane in scalar
 * code: GCC compiles the scalar a < b ? a : b to minsd, but the same on
 * vectors to a compare and a blend, whose chain made this loop three times
 * slower. */
static inline void sum_min_max8(const double *x, size_t from, size_t to,
                                lanes8 *s, lanes8 *lo, lanes8 *hi)
{
    double s_[8], lo_[8], hi_[8];
    size_t i, r;
    unpack8(s, s_);
    unpack8(lo, lo_);
    unpack8(hi, hi_);
    for (i = from; i < to; i += 8)
        for (r = 0; r < 8; r++) {
            double v = x[i + r];
            s_[r] += v;
            lo_[r] = v < lo_[r] ? v : lo_[r];
            hi_[r] = v > hi_[r] ? v : hi_[r];
        }
    pack8(s_, s);
    pack8(lo_, lo);
    pack8(hi_, hi);
}

/* The running sums alone (il_std_cols). */
static inline void sum8(const double *x, size_t from, size_t to, lanes8 *s)
{
    vec4 v0, v1, s0 = s->lo, s1 = s->hi;
    size_t i;
    for (i = from; i < to; i += 8) {
        memcpy(&v0, x + i, sizeof v0);
        memcpy(&v1, x + i + 4, sizeof v1);
        s0 += v0;
        s1 += v1;
    }
    s->lo = s0;
    s->hi = s1;
}

static inline double lane_sum(const lanes8 *p)
{
    vec4 a = p->lo, b = p->hi;
    return ((a[0] + a[1]) + (a[2] + a[3])) + ((b[0] + b[1]) + (b[2] + b[3]));
}

/* The sums and squared deviations of two arrays at once (il_moments_pair):
 * each sum waits on the one before it, and two independent chains in one
 * loop take the time of one. */
static inline void sum_min_max8_sum8(const double *x, const double *y,
                                     size_t from, size_t to, lanes8 *s,
                                     lanes8 *lo, lanes8 *hi, lanes8 *t)
{
    double s_[8], lo_[8], hi_[8];
    vec4 w0, w1, t0 = t->lo, t1 = t->hi;
    size_t i, r;
    unpack8(s, s_);
    unpack8(lo, lo_);
    unpack8(hi, hi_);
    for (i = from; i < to; i += 8) {
        memcpy(&w0, y + i, sizeof w0);
        memcpy(&w1, y + i + 4, sizeof w1);
        t0 += w0;
        t1 += w1;
        for (r = 0; r < 8; r++) {
            double v = x[i + r];
            s_[r] += v;
            lo_[r] = v < lo_[r] ? v : lo_[r];
            hi_[r] = v > hi_[r] ? v : hi_[r];
        }
    }
    pack8(s_, s);
    pack8(lo_, lo);
    pack8(hi_, hi);
    t->lo = t0;
    t->hi = t1;
}

#define SPLAT4(v) ((vec4){(v), (v), (v), (v)})

/* The squared deviations from mu of the 8-value blocks of x[0..n8), lane
 * by lane; y and nu the same for a second array (NULL: none). */
static inline void squares8(const double *x, double mu, const double *y,
                            double nu, size_t n8, lanes8 *ss, lanes8 *tt)
{
    vec4 mu4 = SPLAT4(mu), nu4 = SPLAT4(nu), d0, d1, e0, e1;
    vec4 ss0 = {0}, ss1 = {0}, tt0 = {0}, tt1 = {0};
    size_t i;
    if (y)
        for (i = 0; i < n8; i += 8) {
            memcpy(&d0, x + i, sizeof d0);
            memcpy(&d1, x + i + 4, sizeof d1);
            memcpy(&e0, y + i, sizeof e0);
            memcpy(&e1, y + i + 4, sizeof e1);
            d0 -= mu4;
            d1 -= mu4;
            e0 -= nu4;
            e1 -= nu4;
            ss0 += d0 * d0;
            ss1 += d1 * d1;
            tt0 += e0 * e0;
            tt1 += e1 * e1;
        }
    else
        for (i = 0; i < n8; i += 8) {
            memcpy(&d0, x + i, sizeof d0);
            memcpy(&d1, x + i + 4, sizeof d1);
            d0 -= mu4;
            d1 -= mu4;
            ss0 += d0 * d0;
            ss1 += d1 * d1;
        }
    ss->lo = ss0;
    ss->hi = ss1;
    tt->lo = tt0;
    tt->hi = tt1;
}

/* The values past the last block into lane 0, then the mean. */
static inline double mean_of(const double *flat, size_t n8, size_t n,
                             lanes8 *s, double *lo0, double *hi0)
{
    double s0 = s->lo[0];
    size_t i;
    for (i = n8; i < n; i++) {
        s0 += flat[i];
        *lo0 = flat[i] < *lo0 ? flat[i] : *lo0;
        *hi0 = flat[i] > *hi0 ? flat[i] : *hi0;
    }
    s->lo[0] = s0;
    return lane_sum(s) / (double)n;
}

/* The population std from the blocks' squared deviations and the values
 * past them. */
static inline double std_of(const double *flat, size_t n8, size_t n,
                            double mu, lanes8 *ss)
{
    double s0 = ss->lo[0];
    size_t i;
    for (i = n8; i < n; i++)
        s0 += (flat[i] - mu) * (flat[i] - mu);
    ss->lo[0] = s0;
    return sqrt(lane_sum(ss) / (double)n);
}

/* Lanes 1..7 of the minima and maxima into lane 0's, in order. */
static inline void range_of(const lanes8 *lo, const lanes8 *hi, double lo0,
                            double hi0, double *min, double *max)
{
    size_t r;
    for (r = 1; r < 8; r++) {
        double l_ = r < 4 ? lo->lo[r] : lo->hi[r - 4];
        double h_ = r < 4 ? hi->lo[r] : hi->hi[r - 4];
        lo0 = l_ < lo0 ? l_ : lo0;
        hi0 = h_ > hi0 ? h_ : hi0;
    }
    *min = lo0;
    *max = hi0;
}

static inline void range_start(lanes8 *lo, lanes8 *hi)
{
    size_t r;
    for (r = 0; r < 4; r++) {
        lo->lo[r] = lo->hi[r] = INFINITY;
        hi->lo[r] = hi->hi[r] = -INFINITY;
    }
}

/* Compiled for each instruction set (IL_HOT): the eight lanes are eight
 * independent sums, so a vector unit adds them side by side in exactly the
 * order the scalar code does, and min/max as written are what minpd/maxpd
 * compute - the same bits whichever clone runs.
 *
 * The n = m * cols values are the cols columns of m values, ld apart; lane
 * r sums the values at r, r + 8, ... of the columns laid end to end.  When
 * ld > m they are copied end to end into dense as the first pass reads
 * them (that pass waits on its sums, and the copy fills the wait), and the
 * values end to end are returned: x itself when already so, else dense. */
IL_HOT const double *il_moments_cols(const double *x, size_t m, size_t ld,
                                     size_t cols, double *dense, double *mean,
                                     double *std, double *min, double *max)
{
    int range = min != NULL; /* else the std alone (il_std_cols) */
    /* Eight lanes each: a single running sum is one long dependency chain,
     * and these sums run at every recorded iteration. */
    lanes8 s = {{0}, {0}}, ss, unused, lo, hi;
    double mu, lo0, hi0;
    size_t n = m * cols, j, n8 = n - n % 8, done = 0;
    const double *flat = x;
    range_start(&lo, &hi);
    if (ld != m && cols > 1) {
        flat = dense;
        for (j = 0; j < cols; j++) {
            size_t end = (j + 1) * m;
            memcpy(dense + j * m, x + j * ld, m * sizeof *x);
            end = end - end % 8;
            if (range)
                sum_min_max8(dense, done, end, &s, &lo, &hi);
            else
                sum8(dense, done, end, &s);
            done = end;
        }
    } else if (range)
        sum_min_max8(flat, 0, n8, &s, &lo, &hi);
    else
        sum8(flat, 0, n8, &s);
    lo0 = lo.lo[0];
    hi0 = hi.lo[0];
    mu = mean_of(flat, n8, n, &s, &lo0, &hi0);
    /* Two passes: the one-pass formula loses everything when the spread is
     * tiny next to the mean, which is exactly the saturated case. */
    squares8(flat, mu, NULL, 0.0, n8, &ss, &unused);
    *mean = mu;
    *std = std_of(flat, n8, n, mu, &ss);
    if (range)
        range_of(&lo, &hi, lo0, hi0, min, max);
    return flat;
}

IL_HOT const double *il_moments_pair(const double *x, const double *y,
                                     size_t m, size_t ld, size_t cols,
                                     double *dense_x, double *dense_y,
                                     double *mean, double *std, double *min,
                                     double *max, double *std_y)
{
    lanes8 s = {{0}, {0}}, t = {{0}, {0}}, ss, tt, lo, hi;
    double mu, nu, lo0, hi0, ignored;
    size_t n = m * cols, j, n8 = n - n % 8, done = 0;
    const double *fx = x, *fy = y;
    range_start(&lo, &hi);
    if (ld != m && cols > 1) {
        fx = dense_x;
        fy = dense_y;
        for (j = 0; j < cols; j++) {
            size_t end = (j + 1) * m;
            memcpy(dense_x + j * m, x + j * ld, m * sizeof *x);
            memcpy(dense_y + j * m, y + j * ld, m * sizeof *y);
            end = end - end % 8;
            sum_min_max8_sum8(dense_x, dense_y, done, end, &s, &lo, &hi, &t);
            done = end;
        }
    } else
        sum_min_max8_sum8(fx, fy, 0, n8, &s, &lo, &hi, &t);
    lo0 = lo.lo[0];
    hi0 = hi.lo[0];
    mu = mean_of(fx, n8, n, &s, &lo0, &hi0);
    ignored = 0.0;
    nu = mean_of(fy, n8, n, &t, &ignored, &ignored);
    squares8(fx, mu, fy, nu, n8, &ss, &tt);
    *mean = mu;
    *std = std_of(fx, n8, n, mu, &ss);
    *std_y = std_of(fy, n8, n, nu, &tt);
    range_of(&lo, &hi, lo0, hi0, min, max);
    return fx;
}

/* The std alone: the same passes without the minima and maxima. */
double il_std_cols(const double *x, size_t m, size_t ld, size_t cols,
                   double *dense)
{
    double mean, std;
    il_moments_cols(x, m, ld, cols, dense, &mean, &std, NULL, NULL);
    return std;
}

void il_moments(const double *x, size_t n, double *mean, double *std,
                double *min, double *max)
{
    il_moments_cols(x, n, n, 1, NULL, mean, std, min, max);
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

void il_percentiles(const double *x, size_t n, double lo, double hi,
                    const double *levels, size_t n_levels, double *out,
                    double *work)
{
    size_t want[2 * 64], n_want, q, done = 0, i;
    double value[2 * 64];
    if (isnan(lo) || isnan(hi)) {
        lo = hi = x[0];
        for (i = 1; i < n; i++) {
            lo = x[i] < lo ? x[i] : lo;
            hi = x[i] > hi ? x[i] : hi;
        }
    }
    /* In batches of 64 levels: each needs the order statistics at floor(pos)
     * and the one after it, pos = p/100 (n-1). */
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
        order_stats(x, n, lo, hi, want, n_want, value, work);
        for (q = done, t = 0; q < done + batch; q++) {
            double pos = levels[q] / 100.0 * (double)(n - 1), frac, a, b;
            size_t k = (size_t)floor(pos);
            while (want[t] < k)
                t++;
            a = value[t];
            b = k + 1 < n ? value[t + 1] : a;
            frac = pos - (double)k;
            out[q] = frac == 0.0 ? a : a + frac * (b - a);
        }
        done += batch;
    }
}

/* Bin numbers of n values, one byte each: floor((v - lo) * scale) clamped
 * to [0, bins-1] (top is the largest position that still truncates into the
 * last bin), and NaN to bins, a slot that is never reported. */
IL_HOT static void bin_numbers(const double *x, size_t n, double lo,
                                  double scale, double top, size_t bins,
                                  unsigned char *bin)
{
    /* eight at a time as the loop below, NaN's slot chosen as a double */
    vec4 lo4, scale4, top4, zero4 = {0}, nan4;
    size_t i, r;
    for (r = 0; r < 4; r++) {
        lo4[r] = lo;
        scale4[r] = scale;
        top4[r] = top;
        nan4[r] = (double)bins;
    }
    for (i = 0; i + 8 <= n; i += 8) {
        vec4 v[2], pos[2];
        for (r = 0; r < 2; r++) {
            mask4 nan;
            memcpy(&v[r], x + i + 4 * r, sizeof v[r]);
            pos[r] = (v[r] - lo4) * scale4;
            nan = pos[r] != pos[r];
            pos[r] = MAX4(pos[r], zero4);
            pos[r] = MIN4(pos[r], top4);
            pos[r] = SELECT4(nan, nan4, pos[r]);
        }
        store_bytes8(&pos[0], &pos[1], bin + i);
    }
    for (; i < n; i++) {
        double pos = (x[i] - lo) * scale;
        int nan = pos != pos;
        pos = pos > 0.0 ? pos : 0.0;
        pos = pos < top ? pos : top;
        bin[i] = (unsigned char)(nan ? (int)bins : (int)pos);
    }
}

void il_histogram(const double *x, size_t n, size_t bins, double lo,
                  double hi, double *counts)
{
    /* Bin numbers in a vectorized pass, then four tallies, one per value of
     * a group of four: when most values fall in one bin (the zeros of a relu
     * layer) a single tally makes every increment wait for the previous. */
    enum { MAX_BINS = 254, CHUNK = 1024 };
    unsigned tally[4][MAX_BINS + 1];
    unsigned char bin[CHUNK];
    double scale = (double)bins / (hi - lo);
    double top = nextafter((double)bins, 0.0);
    size_t i, start;

    for (i = 0; i < bins; i++)
        counts[i] = 0.0;
    if (bins > MAX_BINS) {
        for (i = 0; i < n; i++) {
            double pos = (x[i] - lo) * scale;
            if (pos != pos)
                continue;
            pos = pos > 0.0 ? pos : 0.0;
            counts[(size_t)(pos < top ? pos : top)] += 1.0;
        }
        return;
    }
    /* only the bins in use (and the NaN slot): most of the table is not */
    for (i = 0; i < 4; i++)
        memset(tally[i], 0, (bins + 1) * sizeof tally[i][0]);
    for (start = 0; start < n; start += CHUNK) {
        size_t len = n - start < CHUNK ? n - start : CHUNK, len4 = len - len % 4;
        bin_numbers(x + start, len, lo, scale, top, bins, bin);
        for (i = 0; i < len4; i += 4) {
            tally[0][bin[i]]++;
            tally[1][bin[i + 1]]++;
            tally[2][bin[i + 2]]++;
            tally[3][bin[i + 3]]++;
        }
        for (; i < len; i++)
            tally[0][bin[i]]++;
    }
    for (i = 0; i < bins; i++)
        counts[i] = (double)tally[0][i] + (double)tally[1][i] +
                    (double)tally[2][i] + (double)tally[3][i];
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
