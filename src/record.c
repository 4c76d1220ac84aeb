/*
 * record.c - what a training run remembers: per-iteration snapshots and
 * per-layer statistics, stored in the shapes the front ends hand to users
 * (L x R for scalars, n(l) x n(l-1) x R for weights).
 */
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"


struct il_record {
    int accuracy_rule;           /* how rec->accuracy counts             */
    size_t L, R, cap;
    size_t *n;
    unsigned what;
    double sat_theta, distinct_tol;
    long *iters;
    double *loss, *accuracy;
    double *penalty, *cost;      /* with the loss                         */
    double decay;                /* lambda/m + l2: penalty = decay/2 sum W^2 */
    double *val_loss, *val_accuracy; /* with a validation set             */
    double *stat[IL_STAT_COUNT];
    double *levels, *pct;
    size_t n_levels;
    double *hist, hist_lo, hist_hi;
    size_t bins;
    double **W, **b;
    size_t bytes;
    double *scratch;            /* il_layer_stats' and saturation's, while
                                   recording */
};

static const double default_levels[] = {5, 25, 50, 75, 95};

void il_record_opts_default(il_record_opts *o)
{
    memset(o, 0, sizeof *o);
    o->what = IL_REC_ALL & ~IL_REC_WEIGHTS;
    o->percentiles = default_levels;
    o->n_percentiles = sizeof default_levels / sizeof default_levels[0];
    o->hist_bins = 50;
    o->hist_lo = -1.0;
    o->hist_hi = 1.0;
    o->sat_theta = 0.05;
    o->distinct_tol = 1e-12;
    o->max_bytes = il_default_max_bytes();
}

static int cmp_long(const void *a, const void *b)
{
    long x = *(const long *)a, y = *(const long *)b;
    return (x > y) - (x < y);
}

/* The run's length T, its recording every k-th iteration and the listed
 * iterations, as the schedule is built from them without looping over T. */
typedef struct {
    long T, every;
    size_t n_every;  /* every, 2 every, ... <= T: T / every of them      */
    int T_extra;     /* T is not among 0 and the multiples: one more    */
    long *extra;     /* the listed iterations in (0, T) that are not
                        multiples of every, sorted, each once (malloc'd) */
    size_t n_extra;
} schedule_plan;

static il_status schedule_too_big(double entries, size_t cap)
{
    char what[80];
    snprintf(what, sizeof what, "a record schedule of %.0f iterations",
             entries);
    return il_too_big(what, entries * (double)sizeof(long) / 1e6, cap,
                      "use a larger record_every or fewer record_iters");
}

static il_status plan_schedule(const il_record_opts *o, long T,
                               schedule_plan *p)
{
    size_t cap = il_cap_of(o->max_bytes), i, bytes, kept = 0;
    long every = o->every;

    memset(p, 0, sizeof *p);
    if (every < 0)
        return il_fail(IL_EBADVALUE, "record every must be >= 0, got %ld",
                       every);
    if (o->n_iters && !o->iters)
        return il_fail(IL_EBADARG, "record iters must not be NULL");
    if (T < 0)
        return il_fail(IL_EBADVALUE, "a run's length must be >= 0, got %ld",
                       T);
    p->T = T;
    p->every = every;
    /* T / every, never every * k: a huge every (or T) must not wrap */
    if (every > 0) {
#if LONG_MAX > SIZE_MAX
        if (T / every > (long)SIZE_MAX)
            return schedule_too_big((double)(T / every), cap);
#endif
        p->n_every = (size_t)(T / every);
    }
    p->T_extra = T > 0 && !(every > 0 && T % every == 0);
    if (o->n_iters == 0)
        return IL_OK;
    for (i = 0; i < o->n_iters; i++)
        if (o->iters[i] < 0)
            return il_fail(IL_EBADVALUE,
                           "record iters(%zu) must be >= 0, got %ld", i + 1,
                           o->iters[i]);
    /* the copy that sorts the listed iterations is itself capped */
    if (il_mul_overflows(o->n_iters, sizeof *p->extra, &bytes) || bytes > cap)
        return schedule_too_big((double)o->n_iters, cap);
    if (!(p->extra = malloc(bytes)))
        return il_fail(IL_ENOMEM, "out of memory for a record schedule");
    for (i = 0; i < o->n_iters; i++) {
        long t = o->iters[i];
        if (t > 0 && t < T && !(every > 0 && t % every == 0))
            p->extra[kept++] = t;
    }
    qsort(p->extra, kept, sizeof *p->extra, cmp_long);
    for (i = 0, p->n_extra = 0; i < kept; i++)
        if (p->n_extra == 0 || p->extra[i] != p->extra[p->n_extra - 1])
            p->extra[p->n_extra++] = p->extra[i];
    return IL_OK;
}

/* 0, the multiples, the extras and T: all distinct by construction. */
static il_status plan_count(const il_record_opts *o, const schedule_plan *p,
                            size_t *count)
{
    size_t cap = il_cap_of(o->max_bytes), n, bytes;
    if (il_add_overflows(1 + (size_t)p->T_extra, p->n_every, &n) ||
        il_add_overflows(n, p->n_extra, &n) ||
        il_mul_overflows(n, sizeof(long), &bytes) || bytes > cap)
        return schedule_too_big(1.0 + p->T_extra + (double)p->n_every +
                                (double)p->n_extra, cap);
    *count = n;
    return IL_OK;
}

il_status il_record_schedule_count(const il_record_opts *o, long T,
                                   size_t *count)
{
    schedule_plan p;
    il_status s = plan_schedule(o, T, &p);
    if (s == IL_OK)
        s = plan_count(o, &p, count);
    free(p.extra);
    return s;
}

il_status il_record_schedule(const il_record_opts *o, long T, long **iters,
                             size_t *count)
{
    schedule_plan p;
    size_t n = 0, j = 1, e = 0;
    long *v;
    il_status s = plan_schedule(o, T, &p);
    if (s == IL_OK)
        s = plan_count(o, &p, count);
    if (s != IL_OK) {
        free(p.extra);
        return s;
    }
    if (!(v = malloc(*count * sizeof *v))) {
        free(p.extra);
        return il_fail(IL_ENOMEM, "out of memory for a record schedule");
    }
    /* merge the multiples j * every (j <= n_every, so j * every <= T never
     * wraps) with the extras, between 0 and T */
    v[n++] = 0;
    while (j <= p.n_every || e < p.n_extra) {
        long next = j <= p.n_every ? (long)j * p.every : T;
        if (e < p.n_extra && p.extra[e] < next)
            v[n++] = p.extra[e++];
        else {
            v[n++] = next;
            j++;
        }
    }
    if (p.T_extra)
        v[n++] = T;
    free(p.extra);
    *iters = v;
    return IL_OK;
}

static il_status check_opts(const il_record_opts *o)
{
    size_t i;
    if (o->what & ~(unsigned)IL_REC_ALL)
        return il_fail(IL_EBADARG, "record what has unknown bits 0x%x",
                       o->what & ~(unsigned)IL_REC_ALL);
    if ((o->what & IL_REC_PERCENTILES) && o->n_percentiles) {
        if (!o->percentiles)
            return il_fail(IL_EBADARG, "percentiles must not be NULL");
        for (i = 0; i < o->n_percentiles; i++) {
            double p = o->percentiles[i];
            if (!(p >= 0.0 && p <= 100.0))
                return il_fail(IL_EBADVALUE,
                               "percentiles(%zu) must be in [0, 100], got %g",
                               i + 1, p);
            if (i && p < o->percentiles[i - 1])
                return il_fail(IL_EBADVALUE,
                               "percentiles must be ascending; percentiles(%zu) "
                               "= %g follows %g",
                               i + 1, p, o->percentiles[i - 1]);
        }
    }
    if (o->what & IL_REC_HIST) {
        if (o->hist_bins == 0)
            return il_fail(IL_EBADVALUE, "hist bins must be at least 1");
        if (!(isfinite(o->hist_lo) && isfinite(o->hist_hi) &&
              o->hist_lo < o->hist_hi))
            return il_fail(IL_EBADVALUE,
                           "hist range must be finite with lo < hi, got [%g, %g]",
                           o->hist_lo, o->hist_hi);
    }
    if (!(o->sat_theta >= 0.0 && o->sat_theta < 1.0))
        return il_fail(IL_EBADVALUE, "saturation theta must be in [0, 1), got %g",
                       o->sat_theta);
    if (!(o->distinct_tol >= 0.0 && isfinite(o->distinct_tol)))
        return il_fail(IL_EBADVALUE,
                       "distinct tolerance must be finite and >= 0, got %g",
                       o->distinct_tol);
    return IL_OK;
}

/* Which statistics each IL_REC_* bit brings. */
static unsigned stat_bit(il_stat s)
{
    switch (s) {
    case IL_STAT_ACT_MEAN: case IL_STAT_ACT_STD: case IL_STAT_ACT_MIN:
    case IL_STAT_ACT_MAX: return IL_REC_ACT;
    case IL_STAT_SATURATION: case IL_STAT_SAT_LOW: case IL_STAT_SAT_HIGH:
    case IL_STAT_DEAD: return IL_REC_SATURATION;
    case IL_STAT_GRAD_STD: return IL_REC_GRAD;
    case IL_STAT_WEIGHT_NORM: case IL_STAT_UPDATE_RATIO: return IL_REC_NORMS;
    case IL_STAT_DISTINCT: return IL_REC_DISTINCT;
    case IL_STAT_COUNT: break;
    }
    return 0;
}

/* What one entry keeps, in doubles, part by part: the part that takes the
 * most is the one a refusal names.  Counted in doubles (exact to 2^53, and
 * never wrapping) for the message; record_size below decides in size_t. */
typedef struct {
    double weights, hist, pct, rest;
} entry_parts;

static entry_parts entry_doubles(const il_net *net, const il_record_opts *o)
{
    entry_parts p = {0, 0, 0, 1}; /* the iteration number */
    double L = (double)net->L;
    size_t l;
    int s;
    if (o->what & IL_REC_LOSS)
        p.rest += 4;
    if (o->val_X)
        p.rest += 2;
    for (s = 0; s < IL_STAT_COUNT; s++)
        if (o->what & stat_bit((il_stat)s))
            p.rest += L;
    if (o->what & IL_REC_PERCENTILES)
        p.pct = L * (double)o->n_percentiles;
    if (o->what & IL_REC_HIST)
        p.hist = L * (double)o->hist_bins;
    if (o->what & IL_REC_WEIGHTS)
        for (l = 1; l <= net->L; l++)
            p.weights += (double)net->n[l] * ((double)net->n[l - 1] + 1.0);
    return p;
}

/* Bytes one entry takes, i.e. what the caller asked to keep per record;
 * 1 when that does not fit in a size_t. */
static int entry_bytes(const il_net *net, const il_record_opts *o,
                       size_t *bytes)
{
    size_t L = net->L, l, doubles = 1, part; /* the iteration number */
    int s;
    if (o->what & IL_REC_LOSS)
        doubles += 4; /* loss, accuracy, penalty, cost */
    if (o->val_X)
        doubles += 2;
    for (s = 0; s < IL_STAT_COUNT; s++)
        if (o->what & stat_bit((il_stat)s))
            doubles += L; /* L layers already fit in memory */
    if ((o->what & IL_REC_PERCENTILES) &&
        (il_mul_overflows(L, o->n_percentiles, &part) ||
         il_add_overflows(doubles, part, &doubles)))
        return 1;
    if ((o->what & IL_REC_HIST) &&
        (il_mul_overflows(L, o->hist_bins, &part) ||
         il_add_overflows(doubles, part, &doubles)))
        return 1;
    if (o->what & IL_REC_WEIGHTS)
        for (l = 1; l <= L; l++) /* the net's parameters: they fit */
            doubles += net->n[l] * (net->n[l - 1] + 1);
    return il_mul_overflows(doubles, sizeof(double), bytes);
}

/* The refusal of a record of R entries past cap, naming what to lower. */
static il_status record_too_big(const il_net *net, const il_record_opts *o,
                                size_t R, double scratch, size_t cap)
{
    entry_parts p = entry_doubles(net, o);
    double mb = ((p.weights + p.hist + p.pct + p.rest) * (double)R + scratch) *
                (double)sizeof(double) / 1e6;
    char what[80], advice[200];
    if (R == 1)
        snprintf(what, sizeof what, "the statistics record of %zu layers",
                 net->L);
    else
        snprintf(what, sizeof what, "recording %zu iterations", R);
    if (p.hist >= p.weights && p.hist >= p.pct && p.hist >= p.rest)
        snprintf(advice, sizeof advice, "use fewer hist_bins (%zu per layer)%s",
                 o->hist_bins, R > 1 ? " or record fewer iterations "
                 "(record_every, record_iters)" : "");
    else if (p.pct >= p.weights && p.pct >= p.rest)
        snprintf(advice, sizeof advice, "ask for fewer percentiles (%zu per "
                 "layer)%s", o->n_percentiles, R > 1 ? " or record fewer "
                 "iterations (record_every, record_iters)" : "");
    else if (R > 1)
        snprintf(advice, sizeof advice, "record fewer iterations (record_every, "
                 "record_iters) or fewer quantities%s",
                 p.weights >= p.rest ? " (weights take the most)" : "");
    else
        snprintf(advice, sizeof advice, "record fewer quantities%s",
                 p.weights >= p.rest ? " (weights take the most)" : "");
    return il_too_big(what, mb, cap, advice);
}

void il_record_free(il_record *rec)
{
    size_t l;
    int s;
    if (!rec)
        return;
    free(rec->n);
    free(rec->iters);
    free(rec->loss);
    free(rec->accuracy);
    free(rec->penalty);
    free(rec->cost);
    free(rec->val_loss);
    free(rec->val_accuracy);
    for (s = 0; s < IL_STAT_COUNT; s++)
        free(rec->stat[s]);
    free(rec->levels);
    free(rec->pct);
    free(rec->hist);
    if (rec->W)
        for (l = 1; l <= rec->L; l++) {
            free(rec->W[l]);
            free(rec->b[l]);
        }
    free(rec->W);
    free(rec->b);
    free(rec->scratch);
    free(rec);
}

static double *alloc_doubles(size_t n, int *failed)
{
    double *p = malloc((n ? n : 1) * sizeof *p);
    if (!p)
        *failed = 1;
    return p;
}

/* The scratch of recording, in doubles, for batches of up to max_m
 * samples: il_layer_stats' for the widest layer (in the batch's padded
 * columns), or saturation's slopes of a unit over the batch; 1 when it does
 * not fit in a size_t.  *approx is the same as a double, for a refusal. */
static int scratch_doubles(const il_record_opts *o, size_t widest,
                           size_t max_m, size_t *doubles, double *approx)
{
    int pct = (o->what & IL_REC_PERCENTILES) && o->n_percentiles;
    size_t bins = (o->what & IL_REC_HIST) ? o->hist_bins : 0, len, slopes;
    double ld = (double)max_m + 16.0;
    slopes = (o->what & IL_REC_SATURATION) ? max_m : 0;
    *approx = (double)widest * ld * (pct ? 3.2 : bins ? 0.2 : 0.0);
    if (*approx < (double)slopes)
        *approx = (double)slopes;
    /* il_layer_scratch takes a few times len: far below this, it fits */
    if (max_m > SIZE_MAX / 64 ||
        il_mul_overflows(widest, il_work_ld(max_m), &len) || len > SIZE_MAX / 64)
        return 1;
    *doubles = il_layer_scratch(len, pct, bins);
    if (*doubles < slopes)
        *doubles = slopes;
    return 0;
}

il_status il_record_new(const il_net *net, const il_record_opts *o, size_t cap,
                        size_t max_m, il_record **out)
{
    il_record *rec;
    il_status st;
    size_t L = net->L, l, widest = 0, per_entry, limit = il_cap_of(o->max_bytes);
    size_t total, scratch, bytes;
    double scratch_approx;
    int s, failed = 0;

    *out = NULL;
    if ((st = check_opts(o)) != IL_OK)
        return st;
    for (l = 1; l <= L; l++)
        if (net->n[l] > widest)
            widest = net->n[l];
    /* the entries, and the scratch of recording them */
    if (scratch_doubles(o, widest, max_m, &scratch, &scratch_approx) ||
        entry_bytes(net, o, &per_entry) ||
        il_mul_overflows(per_entry, cap, &total) ||
        il_doubles_overflow(scratch, 1, &bytes) ||
        il_add_overflows(total, bytes, &total) || total > limit)
        return record_too_big(net, o, cap, scratch_approx, limit);
    rec = calloc(1, sizeof *rec);
    if (!rec)
        return il_fail(IL_ENOMEM, "out of memory for a record");
    rec->L = L;
    rec->cap = cap;
    rec->what = o->what;
    rec->sat_theta = o->sat_theta;
    rec->accuracy_rule = o->accuracy;
    rec->distinct_tol = o->distinct_tol;
    rec->bytes = per_entry * cap;
    rec->n = malloc((L + 1) * sizeof *rec->n);
    if (rec->n)
        memcpy(rec->n, net->n, (L + 1) * sizeof *rec->n);
    else
        failed = 1;
    rec->iters = malloc(cap * sizeof *rec->iters);
    failed |= !rec->iters;
    if (o->what & IL_REC_LOSS) {
        rec->loss = alloc_doubles(cap, &failed);
        rec->accuracy = alloc_doubles(cap, &failed);
        rec->penalty = alloc_doubles(cap, &failed);
        rec->cost = alloc_doubles(cap, &failed);
    }
    if (o->val_X) {
        rec->val_loss = alloc_doubles(cap, &failed);
        rec->val_accuracy = alloc_doubles(cap, &failed);
    }
    for (s = 0; s < IL_STAT_COUNT; s++)
        if (o->what & stat_bit((il_stat)s))
            rec->stat[s] = alloc_doubles(L * cap, &failed);
    if ((o->what & IL_REC_PERCENTILES) && o->n_percentiles) {
        rec->n_levels = o->n_percentiles;
        rec->levels = alloc_doubles(o->n_percentiles, &failed);
        if (rec->levels)
            memcpy(rec->levels, o->percentiles,
                   o->n_percentiles * sizeof *rec->levels);
        rec->pct = alloc_doubles(L * o->n_percentiles * cap, &failed);
    }
    if (scratch)
        rec->scratch = alloc_doubles(scratch, &failed);
    if (o->what & IL_REC_HIST) {
        rec->bins = o->hist_bins;
        rec->hist_lo = o->hist_lo;
        rec->hist_hi = o->hist_hi;
        rec->hist = alloc_doubles(L * o->hist_bins * cap, &failed);
    }
    if (o->what & IL_REC_WEIGHTS) {
        rec->W = calloc(L + 1, sizeof *rec->W);
        rec->b = calloc(L + 1, sizeof *rec->b);
        failed |= !rec->W || !rec->b;
        for (l = 1; !failed && l <= L; l++) {
            rec->W[l] = alloc_doubles(net->n[l] * net->n[l - 1] * cap, &failed);
            rec->b[l] = alloc_doubles(net->n[l] * cap, &failed);
        }
    }
    if (failed) {
        il_record_free(rec);
        return il_fail(IL_ENOMEM, "out of memory for a record of %.1f MB",
                       (double)per_entry * (double)cap / 1e6);
    }
    *out = rec;
    return IL_OK;
}

void il_record_done(il_record *rec)
{
    free(rec->scratch);
    rec->scratch = NULL;
}

int il_record_wants(const il_record *rec, unsigned what)
{
    return rec && (rec->what & what) != 0;
}

/* Saturated fractions (all, low side, high side) and the dead fraction of
 * one layer over a batch, in one branch-free pass per unit: the slope of
 * each activation written inline (the common ones) or taken from what
 * back-propagation multiplies by (the rest, through slope, m values of
 * scratch). */
IL_HOT static void saturation(il_act act, const double *Z, const double *A,
                           size_t m, size_t ld, size_t n, double theta,
                           double *slope,
                           double *all, double *low, double *high,
                           double *dead)
{
    double limit = theta * il_act_max_slope(act);
    size_t i, j;
    long n_low = 0, n_high = 0, n_dead = 0;
    /* counters and conditions of one integer type, so that it vectorizes */
#define COUNT_UNIT(SLOPE, LOW_SIDE)                                           \
    for (j = 0; j < m; j++) {                                                 \
        double s_ = (SLOPE);                                                  \
        long sat_ = fabs(s_) <= limit, low_ = (LOW_SIDE);                     \
        n_low += sat_ & low_;                                                 \
        n_high += sat_ & (1 - low_);                                          \
        active += z[j] > 0;                                                   \
    }
    for (i = 0; i < n; i++) {
        const double *z = Z + i * ld, *a = A + i * ld;
        long active = 0;
        switch (act.kind) {
        case IL_SIGMOID:
            COUNT_UNIT(a[j] * (1.0 - a[j]), z[j] < 0)
            break;
        case IL_SOFTMAX: /* no sign of its own: its low side is a < 1/2 */
            COUNT_UNIT(a[j] * (1.0 - a[j]), a[j] < 0.5)
            break;
        case IL_TANH:
            COUNT_UNIT(1.0 - a[j] * a[j], z[j] < 0)
            break;
        case IL_RELU:
            if (limit < 1.0) {
                /* the slope is 1 where z > 0 and 0 elsewhere, so a value
                 * is saturated exactly when not z > 0: low when z < 0,
                 * high otherwise (zero, and NaN as the test above counts
                 * it) - counted as the two comparisons, high by what is
                 * left */
                long below = 0;
                for (j = 0; j < m; j++) {
                    below += z[j] < 0;
                    active += z[j] > 0;
                }
                n_low += below;
                n_high += (long)m - below - active;
            } else
                COUNT_UNIT(z[j] > 0 ? 1.0 : 0.0, z[j] < 0)
            break;
        case IL_LINEAR:
            COUNT_UNIT(1.0, z[j] < 0)
            break;
        default:
            for (j = 0; j < m; j++)
                slope[j] = 1.0;
            il_act_backward(act, z, a, slope, m);
            COUNT_UNIT(slope[j], z[j] < 0)
            break;
        }
        n_dead += active == 0;
    }
#undef COUNT_UNIT
    *low = (double)n_low / (double)(m * n);
    *high = (double)n_high / (double)(m * n);
    *all = *low + *high;
    *dead = il_act_can_die(act) ? (double)n_dead / (double)n : NAN;
}

il_status il_record_take(il_record *rec, long iter, const il_net *net,
                         const il_work *w, const il_work *act,
                         int have_targets, int have_grad, il_poller *poll,
                         size_t *slot)
{
    size_t L = rec->L, r = rec->R, l;
    double **stat = rec->stat;

    if (r >= rec->cap)
        return il_fail(IL_EBADARG, "the record is full (%zu entries)", r);
    rec->iters[r] = iter;
    if (rec->loss) {
        if (have_targets) {
            rec->loss[r] = il_pass_loss(net, w, &rec->accuracy[r],
                                        rec->accuracy_rule);
        } else {
            rec->loss[r] = NAN;
            rec->accuracy[r] = NAN;
        }
        rec->penalty[r] = rec->decay > 0.0
                              ? 0.5 * rec->decay * il_weight_squares(net)
                              : 0.0;
        rec->cost[r] = rec->loss[r] + rec->penalty[r];
    }
    if (rec->val_loss)
        rec->val_loss[r] = rec->val_accuracy[r] = NAN;
    for (l = 1; l <= L; l++) {
        size_t n = net->n[l], k = net->n[l - 1], cell = (l - 1) + L * r;
        size_t count = act->m * n;
        const double *W = net->params + net->w_off[l];
        const double *b = net->params + net->b_off[l];
        il_layer_want want;
        int paired;

        /* a layer of a wide net over a large batch is seconds of sorting
         * and counting: look for Ctrl-C layer by layer (the entry, not yet
         * counted in R, is then dropped) */
        if (il_poll(poll, count + n * k))
            return il_interrupted();
        memset(&want, 0, sizeof want);
        if (stat[IL_STAT_ACT_MEAN]) {
            want.mean = &stat[IL_STAT_ACT_MEAN][cell];
            want.std = &stat[IL_STAT_ACT_STD][cell];
            want.min = &stat[IL_STAT_ACT_MIN][cell];
            want.max = &stat[IL_STAT_ACT_MAX][cell];
        }
        /* percentiles and histogram straight into their places in
         * L x k x R, L apart */
        want.stride = L;
        if (rec->pct) {
            want.pct = rec->pct + (l - 1) + L * rec->n_levels * r;
            want.levels = rec->levels;
            want.n_levels = rec->n_levels;
        }
        if (rec->hist) {
            want.hist = rec->hist + (l - 1) + L * rec->bins * r;
            want.bins = rec->bins;
            want.hist_lo = rec->hist_lo;
            want.hist_hi = rec->hist_hi;
        }
        /* the gradient's std in the same passes as the activations' when
         * it is of the same batch (not a probe) */
        paired = stat[IL_STAT_GRAD_STD] && have_grad && act == w &&
                 (want.mean || want.pct || want.hist);
        if (paired)
            want.std_y = &stat[IL_STAT_GRAD_STD][cell];
        if (want.mean || want.pct || want.hist)
            il_layer_stats(act->A[l], w->G[l], act->m, act->ld, n, &want,
                           rec->scratch);
        if (stat[IL_STAT_SATURATION])
            saturation(net->act[l], act->Z[l], act->A[l], act->m, act->ld, n,
                       rec->sat_theta, rec->scratch,
                       &stat[IL_STAT_SATURATION][cell],
                       &stat[IL_STAT_SAT_LOW][cell],
                       &stat[IL_STAT_SAT_HIGH][cell], &stat[IL_STAT_DEAD][cell]);
        if (stat[IL_STAT_GRAD_STD] && !paired) {
            il_layer_want grad;
            memset(&grad, 0, sizeof grad);
            grad.std = &stat[IL_STAT_GRAD_STD][cell];
            if (have_grad)
                il_layer_stats(w->G[l], NULL, w->m, w->ld, n, &grad,
                               rec->scratch);
            else
                *grad.std = NAN;
        }
        if (stat[IL_STAT_WEIGHT_NORM]) {
            stat[IL_STAT_WEIGHT_NORM][cell] = sqrt(il_sum_squares(W, n * k));
            stat[IL_STAT_UPDATE_RATIO][cell] = NAN;
        }
        if (stat[IL_STAT_DISTINCT])
            stat[IL_STAT_DISTINCT][cell] =
                (double)il_distinct_units(W, b, n, k, rec->distinct_tol);
        if (rec->W) {
            memcpy(rec->W[l] + n * k * r, W, n * k * sizeof *W);
            memcpy(rec->b[l] + n * r, b, n * sizeof *b);
        }
    }
    rec->R = r + 1;
    if (slot)
        *slot = r;
    return IL_OK;
}

void il_record_set_update_ratio(il_record *rec, size_t slot, size_t l,
                                double ratio)
{
    if (rec && rec->stat[IL_STAT_UPDATE_RATIO])
        rec->stat[IL_STAT_UPDATE_RATIO][(l - 1) + rec->L * slot] = ratio;
}

int il_record_rule(const il_record *rec) { return rec->accuracy_rule; }

void il_record_set_decay(il_record *rec, double decay)
{
    rec->decay = decay;
}

void il_record_set_validation(il_record *rec, size_t slot, double loss,
                              double accuracy)
{
    if (rec->val_loss) {
        rec->val_loss[slot] = loss;
        rec->val_accuracy[slot] = accuracy;
    }
}

/* ---- reading a record ---------------------------------------------------- */

size_t il_record_count(const il_record *rec) { return rec->R; }
size_t il_record_layers(const il_record *rec) { return rec->L; }
size_t il_record_size(const il_record *rec, size_t l)
{
    return l <= rec->L ? rec->n[l] : 0;
}
const long *il_record_iters(const il_record *rec) { return rec->iters; }
const double *il_record_loss(const il_record *rec) { return rec->loss; }
const double *il_record_accuracy(const il_record *rec) { return rec->accuracy; }
const double *il_record_penalty(const il_record *rec) { return rec->penalty; }
const double *il_record_cost(const il_record *rec) { return rec->cost; }
const double *il_record_val_loss(const il_record *rec) { return rec->val_loss; }
const double *il_record_val_accuracy(const il_record *rec)
{
    return rec->val_accuracy;
}
size_t il_record_bytes(const il_record *rec) { return rec->bytes; }

const double *il_record_stat(const il_record *rec, il_stat stat)
{
    return (unsigned)stat < IL_STAT_COUNT ? rec->stat[stat] : NULL;
}

const double *il_record_percentiles(const il_record *rec, size_t *n_p)
{
    if (n_p)
        *n_p = rec->n_levels;
    return rec->pct;
}

const double *il_record_hist(const il_record *rec, size_t *bins, double *lo,
                             double *hi)
{
    if (bins)
        *bins = rec->bins;
    if (lo)
        *lo = rec->hist_lo;
    if (hi)
        *hi = rec->hist_hi;
    return rec->hist;
}

const double *il_record_W(const il_record *rec, size_t l)
{
    return rec->W && l >= 1 && l <= rec->L ? rec->W[l] : NULL;
}

const double *il_record_b(const il_record *rec, size_t l)
{
    return rec->b && l >= 1 && l <= rec->L ? rec->b[l] : NULL;
}

il_status il_net_stats(const il_net *net, const double *X, const double *Y,
                       size_t m, const il_record_opts *o, il_record **out)
{
    il_work w;
    il_status s;
    il_record_opts defaults;
    il_poller poll;
    double *grad = NULL;
    size_t pass_work;

    if (!out)
        return il_fail(IL_EBADARG, "the record pointer must not be NULL");
    *out = NULL;
    if (!net)
        return il_fail(IL_EBADARG, "net must not be NULL");
    if (!o) {
        il_record_opts_default(&defaults);
        o = &defaults;
    }
    if ((s = il_check_batch(net, X, Y, m)) != IL_OK)
        return s;
    /* the record first: its cap refuses a pathological request before the
     * batch's buffers are allocated or a pass is made */
    if ((s = il_record_new(net, o, 1, m, out)) != IL_OK)
        return s;
    if ((s = il_pass_start(net, X, Y, m, &w)) != IL_OK) {
        il_record_free(*out);
        *out = NULL;
        return s;
    }
    il_poller_init(&poll, o->interrupt, o->interrupt_ctx);
    pass_work = il_mul_overflows(net->n_params, m, &pass_work) ? SIZE_MAX
                                                                : pass_work;
    if (Y && (o->what & IL_REC_GRAD)) {
        grad = malloc(net->n_params * sizeof *grad);
        if (!grad) {
            il_work_free(&w);
            il_record_free(*out);
            *out = NULL;
            return il_fail(IL_ENOMEM, "out of memory for the gradient");
        }
        if (il_poll(&poll, pass_work))
            s = il_interrupted();
        else
            il_pass_backward(net, &w, grad);
    }
    if (s == IL_OK && il_poll(&poll, pass_work))
        s = il_interrupted();
    if (s == IL_OK)
        s = il_record_take(*out, 0, net, &w, &w, Y != NULL, grad != NULL,
                           &poll, NULL);
    free(grad);
    il_work_free(&w);
    if (s != IL_OK) {
        il_record_free(*out);
        *out = NULL;
        return s;
    }
    il_record_done(*out);
    return IL_OK;
}
