/*
 * record.c - what a training run remembers: per-iteration snapshots and
 * per-layer statistics, stored in the shapes the front ends hand to users
 * (L x R for scalars, n(l) x n(l-1) x R for weights).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"


struct il_record {
    size_t L, R, cap;
    size_t *n;
    unsigned what;
    double sat_theta, distinct_tol;
    long *iters;
    double *loss, *accuracy;
    double *stat[IL_STAT_COUNT];
    double *levels, *pct;
    size_t n_levels;
    double *hist, hist_lo, hist_hi;
    size_t bins;
    double **W, **b;
    size_t bytes;
    double *work;               /* scratch for percentiles while recording */
    double *dense;              /* a layer's values without column padding */
    double *one_layer;          /* a layer's percentiles or histogram, before
                                   they take their places in L x k x R */
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
}

static int cmp_long(const void *a, const void *b)
{
    long x = *(const long *)a, y = *(const long *)b;
    return (x > y) - (x < y);
}

il_status il_record_schedule(const il_record_opts *o, long T, long **iters,
                             size_t *count)
{
    size_t cap = 2 + o->n_iters, n = 0, i;
    long *v, t;
    if (o->every < 0)
        return il_fail(IL_EBADVALUE, "record every must be >= 0, got %ld",
                       o->every);
    if (o->n_iters && !o->iters)
        return il_fail(IL_EBADARG, "record iters must not be NULL");
    if (o->every > 0)
        cap += (size_t)(T / o->every);
    v = malloc(cap * sizeof *v);
    if (!v)
        return il_fail(IL_ENOMEM, "out of memory for a record schedule");
    v[n++] = 0;
    if (o->every > 0)
        for (t = o->every; t <= T; t += o->every)
            v[n++] = t;
    for (i = 0; i < o->n_iters; i++) {
        if (o->iters[i] < 0) {
            free(v);
            return il_fail(IL_EBADVALUE,
                           "record iters(%zu) must be >= 0, got %ld", i + 1,
                           o->iters[i]);
        }
        if (o->iters[i] <= T)
            v[n++] = o->iters[i];
    }
    v[n++] = T;
    qsort(v, n, sizeof *v, cmp_long);
    for (i = 1, cap = 1; i < n; i++)
        if (v[i] != v[cap - 1])
            v[cap++] = v[i];
    *iters = v;
    *count = cap;
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

/* Bytes one entry takes, i.e. what the caller asked to keep per record. */
static size_t entry_bytes(const il_net *net, const il_record_opts *o)
{
    size_t L = net->L, l, doubles = 1; /* the iteration number */
    int s;
    if (o->what & IL_REC_LOSS)
        doubles += 2;
    for (s = 0; s < IL_STAT_COUNT; s++)
        if (o->what & stat_bit((il_stat)s))
            doubles += L;
    if (o->what & IL_REC_PERCENTILES)
        doubles += L * o->n_percentiles;
    if (o->what & IL_REC_HIST)
        doubles += L * o->hist_bins;
    if (o->what & IL_REC_WEIGHTS)
        for (l = 1; l <= L; l++)
            doubles += net->n[l] * (net->n[l - 1] + 1);
    return doubles * sizeof(double);
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
    free(rec->work);
    free(rec->dense);
    free(rec->one_layer);
    free(rec);
}

/* Layer l's k values (percentiles or histogram counts) of record r into
 * their places in an L x k x R array. */
static void spread(double *dst, const double *values, size_t k, size_t L,
                   size_t l, size_t r)
{
    size_t i;
    for (i = 0; i < k; i++)
        dst[(l - 1) + L * (i + k * r)] = values[i];
}

static double *alloc_doubles(size_t n, int *failed)
{
    double *p = malloc((n ? n : 1) * sizeof *p);
    if (!p)
        *failed = 1;
    return p;
}

il_status il_record_new(const il_net *net, const il_record_opts *o, size_t cap,
                        size_t max_m, il_record **out)
{
    il_record *rec;
    il_status st;
    size_t L = net->L, l, widest = 0, per_entry;
    int s, failed = 0;

    *out = NULL;
    if ((st = check_opts(o)) != IL_OK)
        return st;
    per_entry = entry_bytes(net, o);
    if (o->max_bytes && (double)per_entry * (double)cap > (double)o->max_bytes)
        return il_fail(IL_ETOOBIG,
                       "recording %zu iterations needs %.1f MB, more than the "
                       "cap of %.1f MB; record fewer iterations or fewer "
                       "quantities%s",
                       cap, (double)per_entry * (double)cap / 1e6,
                       (double)o->max_bytes / 1e6,
                       (o->what & IL_REC_WEIGHTS) ? " (weights take the most)"
                                                  : "");
    rec = calloc(1, sizeof *rec);
    if (!rec)
        return il_fail(IL_ENOMEM, "out of memory for a record");
    rec->L = L;
    rec->cap = cap;
    rec->what = o->what;
    rec->sat_theta = o->sat_theta;
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
    }
    for (s = 0; s < IL_STAT_COUNT; s++)
        if (o->what & stat_bit((il_stat)s))
            rec->stat[s] = alloc_doubles(L * cap, &failed);
    for (l = 1; l <= L; l++)
        if (net->n[l] > widest)
            widest = net->n[l];
    if ((o->what & IL_REC_PERCENTILES) && o->n_percentiles) {
        rec->n_levels = o->n_percentiles;
        rec->levels = alloc_doubles(o->n_percentiles, &failed);
        if (rec->levels)
            memcpy(rec->levels, o->percentiles,
                   o->n_percentiles * sizeof *rec->levels);
        rec->pct = alloc_doubles(L * o->n_percentiles * cap, &failed);
    }
    /* scratch: a layer's values for percentiles, a unit's for slopes, and
     * a layer's values gathered from padded columns */
    if (o->what & (IL_REC_PERCENTILES | IL_REC_SATURATION))
        rec->work = alloc_doubles(2 * widest * max_m, &failed);
    rec->dense = alloc_doubles(widest * max_m, &failed);
    if (o->what & (IL_REC_PERCENTILES | IL_REC_HIST))
        rec->one_layer = alloc_doubles(o->n_percentiles > o->hist_bins
                                           ? o->n_percentiles : o->hist_bins,
                                       &failed);
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
    free(rec->work);
    free(rec->dense);
    free(rec->one_layer);
    rec->work = rec->dense = rec->one_layer = NULL;
}

int il_record_wants(const il_record *rec, unsigned what)
{
    return rec && (rec->what & what) != 0;
}

/* Population std in two passes of eight lanes each (see il_moments). */
static double std_of(const double *x, size_t n)
{
    double s[8] = {0}, ss[8] = {0}, mean;
    size_t i, r, n8 = n - n % 8;
    for (i = 0; i < n8; i += 8)
        for (r = 0; r < 8; r++)
            s[r] += x[i + r];
    for (i = n8; i < n; i++)
        s[0] += x[i];
    mean = (((s[0] + s[1]) + (s[2] + s[3])) + ((s[4] + s[5]) + (s[6] + s[7]))) /
           (double)n;
    for (i = 0; i < n8; i += 8)
        for (r = 0; r < 8; r++)
            ss[r] += (x[i + r] - mean) * (x[i + r] - mean);
    for (i = n8; i < n; i++)
        ss[0] += (x[i] - mean) * (x[i] - mean);
    return sqrt((((ss[0] + ss[1]) + (ss[2] + ss[3])) +
                 ((ss[4] + ss[5]) + (ss[6] + ss[7]))) / (double)n);
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

/* The n columns of m values, ld apart, as one array: x itself when there
 * is no padding, else a copy in dense. */
static const double *compact(double *dense, const double *x, size_t m,
                             size_t ld, size_t n)
{
    size_t i;
    if (ld == m)
        return x;
    for (i = 0; i < n; i++)
        memcpy(dense + i * m, x + i * ld, m * sizeof *x);
    return dense;
}

size_t il_record_take(il_record *rec, long iter, const il_net *net,
                      const il_work *w, const il_work *act, int have_targets,
                      int have_grad)
{
    size_t L = rec->L, r = rec->R, l;
    double **stat = rec->stat;

    rec->iters[r] = iter;
    if (rec->loss) {
        if (have_targets) {
            rec->loss[r] = il_pass_loss(net, w, &rec->accuracy[r]);
        } else {
            rec->loss[r] = NAN;
            rec->accuracy[r] = NAN;
        }
    }
    for (l = 1; l <= L; l++) {
        size_t n = net->n[l], k = net->n[l - 1], cell = (l - 1) + L * r;
        size_t count = act->m * n;
        const double *W = net->params + net->w_off[l];
        const double *b = net->params + net->b_off[l];
        const double *A = compact(rec->dense, act->A[l], act->m, act->ld, n);

        if (stat[IL_STAT_ACT_MEAN])
            il_moments(A, count, &stat[IL_STAT_ACT_MEAN][cell],
                       &stat[IL_STAT_ACT_STD][cell], &stat[IL_STAT_ACT_MIN][cell],
                       &stat[IL_STAT_ACT_MAX][cell]);
        if (rec->pct) {
            il_percentiles(A, count,
                           stat[IL_STAT_ACT_MIN] ? stat[IL_STAT_ACT_MIN][cell] : NAN,
                           stat[IL_STAT_ACT_MAX] ? stat[IL_STAT_ACT_MAX][cell] : NAN,
                           rec->levels, rec->n_levels, rec->one_layer, rec->work);
            spread(rec->pct, rec->one_layer, rec->n_levels, L, l, r);
        }
        if (rec->hist) {
            il_histogram(A, count, rec->bins, rec->hist_lo, rec->hist_hi,
                         rec->one_layer);
            spread(rec->hist, rec->one_layer, rec->bins, L, l, r);
        }
        if (stat[IL_STAT_SATURATION])
            saturation(net->act[l], act->Z[l], act->A[l], act->m, act->ld, n,
                       rec->sat_theta, rec->work, &stat[IL_STAT_SATURATION][cell],
                       &stat[IL_STAT_SAT_LOW][cell],
                       &stat[IL_STAT_SAT_HIGH][cell], &stat[IL_STAT_DEAD][cell]);
        if (stat[IL_STAT_GRAD_STD])
            stat[IL_STAT_GRAD_STD][cell] =
                have_grad ? std_of(compact(rec->dense, w->G[l], w->m, w->ld, n),
                                   w->m * n)
                          : NAN;
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
    return r;
}

void il_record_set_update_ratio(il_record *rec, size_t slot, size_t l,
                                double ratio)
{
    if (rec && rec->stat[IL_STAT_UPDATE_RATIO])
        rec->stat[IL_STAT_UPDATE_RATIO][(l - 1) + rec->L * slot] = ratio;
}

/* ---- reading a record ---------------------------------------------------- */

size_t il_record_count(const il_record *rec) { return rec->R; }
size_t il_record_layers(const il_record *rec) { return rec->L; }
const long *il_record_iters(const il_record *rec) { return rec->iters; }
const double *il_record_loss(const il_record *rec) { return rec->loss; }
const double *il_record_accuracy(const il_record *rec) { return rec->accuracy; }
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
    double *grad = NULL;

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
    if ((s = il_work_init(&w, net, m)) != IL_OK)
        return s;
    if ((s = il_record_new(net, o, 1, m, out)) != IL_OK) {
        il_work_free(&w);
        return s;
    }
    il_work_load(&w, net, X, Y, NULL, m);
    il_pass_forward(net, &w);
    if (Y && (o->what & IL_REC_GRAD)) {
        grad = malloc(net->n_params * sizeof *grad);
        if (!grad) {
            il_work_free(&w);
            il_record_free(*out);
            *out = NULL;
            return il_fail(IL_ENOMEM, "out of memory for the gradient");
        }
        il_pass_backward(net, &w, grad);
    }
    il_record_take(*out, 0, net, &w, &w, Y != NULL, grad != NULL);
    il_record_done(*out);
    free(grad);
    il_work_free(&w);
    return IL_OK;
}
