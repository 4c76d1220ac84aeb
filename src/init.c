/*
 * init.c - weight and bias initializers.
 *
 * il_init_fill draws one matrix; il_net_init a whole network, layer 1's W,
 * then its b, then layer 2's ..., from one stream seeded with the caller's
 * seed.  Matrices are filled in column-major order, one draw per entry
 * (truncated normals: as many as the redraws take; orthogonal: the
 * max(r,c) x min(r,c) Gaussian it factors; sparse: every entry, then the
 * zeros' rows column by column; nguyen_widrow: n(l) uniforms for each
 * input that varies, or, where the activation's active range is unbounded,
 * n(l) x n(l-1) and then n(l) for the biases, as MATLAB's rands draws).
 * With the numpy stream the kinds drawn entry by entry (uniform, normal,
 * truncated_normal, scaled_normal and the variance-scaling family) fill
 * row by row instead, as NumPy fills a C-ordered array.
 * Kinds that draw nothing (zeros, ones, constant, identity, matrix) leave
 * the stream where it was, so the next layer's draws do not depend on them.
 *
 * "default" means zeros for a bias (or what nguyen_widrow placed), and for
 * weights in il_net_init what il_net_init_default gives the layer's
 * activation, so that il_init(net, 'default') equals a fresh network.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* Keras' correction: a normal truncated at 2 std has std 0.8796... of the
 * untruncated one, so variance_scaling divides it out. */
#define TRUNCATED_STD 0.87962566103423978

static const il_name init_names[] = {
    {"zeros", IL_INIT_ZEROS},
    {"ones", IL_INIT_ONES},
    {"constant", IL_INIT_CONSTANT},
    {"uniform", IL_INIT_UNIFORM},
    {"normal", IL_INIT_NORMAL},
    {"truncated_normal", IL_INIT_TRUNCATED_NORMAL},
    {"scaled_normal", IL_INIT_SCALED_NORMAL},
    {"xavier_uniform", IL_INIT_XAVIER_UNIFORM},
    {"xavier_normal", IL_INIT_XAVIER_NORMAL},
    {"he_uniform", IL_INIT_HE_UNIFORM},
    {"he_normal", IL_INIT_HE_NORMAL},
    {"lecun_uniform", IL_INIT_LECUN_UNIFORM},
    {"lecun_normal", IL_INIT_LECUN_NORMAL},
    {"variance_scaling", IL_INIT_VARIANCE_SCALING},
    {"orthogonal", IL_INIT_ORTHOGONAL},
    {"identity", IL_INIT_IDENTITY},
    {"sparse", IL_INIT_SPARSE},
    {"nguyen_widrow", IL_INIT_NGUYEN_WIDROW},
    {"lsuv", IL_INIT_LSUV},
    {"matrix", IL_INIT_MATRIX},
    {"critical", IL_INIT_CRITICAL},
    {"hadamard", IL_INIT_HADAMARD},
    {"default", IL_INIT_DEFAULT},
    {"zero", IL_INIT_ZEROS},
    {"randn", IL_INIT_SCALED_NORMAL},
    {"glorot_uniform", IL_INIT_XAVIER_UNIFORM},
    {"glorot_normal", IL_INIT_XAVIER_NORMAL},
    {"xavier", IL_INIT_XAVIER_NORMAL},
    {"glorot", IL_INIT_XAVIER_NORMAL},
    {"kaiming_uniform", IL_INIT_HE_UNIFORM},
    {"kaiming_normal", IL_INIT_HE_NORMAL},
    {"he", IL_INIT_HE_NORMAL},
    {"kaiming", IL_INIT_HE_NORMAL},
    {"lecun", IL_INIT_LECUN_NORMAL},
};
#define N_INIT_NAMES (sizeof init_names / sizeof init_names[0])

static const il_name fan_names[] = {
    {"fan_in", IL_FAN_IN}, {"fan_out", IL_FAN_OUT}, {"fan_avg", IL_FAN_AVG}};
static const il_name dist_names[] = {
    {"normal", IL_DIST_NORMAL},
    {"uniform", IL_DIST_UNIFORM},
    {"truncated_normal", IL_DIST_TRUNCATED},
    {"untruncated_normal", IL_DIST_NORMAL}}; /* Keras's name for ours */

il_status il_init_from_name(const char *name, il_init_kind *kind)
{
    int v;
    il_status s = il_lookup("initializer", name, init_names, N_INIT_NAMES, &v);
    if (s == IL_OK)
        *kind = (il_init_kind)v;
    return s;
}

const char *il_init_name(il_init_kind kind)
{
    return il_name_of(init_names, N_INIT_NAMES, (int)kind);
}

il_status il_fan_from_name(const char *name, il_fan_mode *mode)
{
    int v;
    il_status s = il_lookup("fan mode", name, fan_names, 3, &v);
    if (s == IL_OK)
        *mode = (il_fan_mode)v;
    return s;
}

il_status il_dist_from_name(const char *name, il_distribution *dist)
{
    int v;
    il_status s = il_lookup("distribution", name, dist_names,
                            sizeof dist_names / sizeof dist_names[0], &v);
    if (s == IL_OK)
        *dist = (il_distribution)v;
    return s;
}

void il_init_spec_default(il_init_spec *s, il_init_kind kind)
{
    memset(s, 0, sizeof *s);
    s->kind = kind;
    s->low = -0.05;
    s->high = 0.05;
    if (kind == IL_INIT_TRUNCATED_NORMAL)
        s->low = s->high = NAN; /* Keras's cut at mean +- 2 std */
    s->std = kind == IL_INIT_SPARSE ? 0.01 : 1.0;
    s->scale = kind == IL_INIT_SCALED_NORMAL ? 0.01 : 1.0;
    s->gain = 1.0;
    s->mode = IL_FAN_IN;
    s->dist = IL_DIST_NORMAL;
    s->fraction = 0.1;
    s->nonlinearity = IL_LEAKY_RELU; /* with slope 0: PyTorch's kaiming_* */
    s->sigma_b2 = 0.05;
}

unsigned il_init_reads(il_init_kind kind)
{
    switch (kind) {
    case IL_INIT_CONSTANT: return IL_READS_VALUE;
    case IL_INIT_UNIFORM: return IL_READS_BOUNDS;
    case IL_INIT_NORMAL: return IL_READS_MEAN | IL_READS_STD;
    case IL_INIT_TRUNCATED_NORMAL:
        return IL_READS_MEAN | IL_READS_STD | IL_READS_BOUNDS;
    case IL_INIT_SCALED_NORMAL: return IL_READS_SCALE;
    case IL_INIT_XAVIER_UNIFORM: return IL_READS_GAIN;
    case IL_INIT_XAVIER_NORMAL: return IL_READS_GAIN | IL_READS_DIST;
    case IL_INIT_HE_UNIFORM:
        return IL_READS_GAIN | IL_READS_SLOPE | IL_READS_MODE |
               IL_READS_NONLINEARITY;
    case IL_INIT_HE_NORMAL:
        return IL_READS_GAIN | IL_READS_SLOPE | IL_READS_MODE |
               IL_READS_NONLINEARITY | IL_READS_DIST;
    case IL_INIT_LECUN_UNIFORM: return IL_READS_MODE;
    case IL_INIT_LECUN_NORMAL: return IL_READS_MODE | IL_READS_DIST;
    case IL_INIT_VARIANCE_SCALING:
        return IL_READS_SCALE | IL_READS_MODE | IL_READS_DIST;
    case IL_INIT_ORTHOGONAL:
    case IL_INIT_IDENTITY: return IL_READS_GAIN;
    case IL_INIT_SPARSE: return IL_READS_STD | IL_READS_FRACTION;
    case IL_INIT_NGUYEN_WIDROW: return IL_READS_BATCH;
    case IL_INIT_LSUV: return IL_READS_GAIN | IL_READS_BATCH | IL_READS_LSUV;
    case IL_INIT_MATRIX: return IL_READS_MATRIX;
    case IL_INIT_CRITICAL: return IL_READS_SIGMA_B2;
    default: return 0; /* zeros, ones, default, hadamard: nothing to set */
    }
}

void il_init_opts_default(il_init_opts *o)
{
    memset(o, 0, sizeof *o);
    o->n_specs = 1;
    o->lsuv_tol = 0.05;
    o->lsuv_max_trials = 10;
}

/* ---- checks --------------------------------------------------------------- */

/* Kinds that shape a whole matrix and mean nothing for a bias vector. */
static int matrix_only(il_init_kind kind)
{
    return kind == IL_INIT_ORTHOGONAL || kind == IL_INIT_IDENTITY ||
           kind == IL_INIT_SPARSE || kind == IL_INIT_NGUYEN_WIDROW ||
           kind == IL_INIT_LSUV || kind == IL_INIT_CRITICAL ||
           kind == IL_INIT_HADAMARD;
}

/* The spec's parameters, for a weight matrix (bias = 0) or a bias vector of
 * layer l (0 when il_init_fill is called alone).  Only the fields the kind
 * reads are checked: the others may hold anything, as initlab.h allows. */
static il_status check_spec(const il_init_spec *s, size_t l, int bias)
{
    char where[48], b1[32], b2[32];
    const char *name;
    unsigned reads;
    if (!s)
        return il_fail(IL_EBADARG, "the initializer spec must not be NULL");
    if ((unsigned)s->kind >= IL_INIT_COUNT)
        return il_fail(IL_EBADNAME, "unknown initializer %d", (int)s->kind);
    name = il_init_name(s->kind);
    reads = il_init_reads(s->kind);
    if (l)
        snprintf(where, sizeof where, "layer %zu%s: ", l, bias ? " bias" : "");
    else
        where[0] = '\0';
    if (bias && matrix_only(s->kind))
        return il_fail(IL_EBADARG, "%sbias initializer '%s' is not defined for "
                       "a vector; use zeros, constant, uniform, normal, ...",
                       where, name);
    switch (s->kind) {
    case IL_INIT_CONSTANT:
        if (!isfinite(s->value))
            return il_fail(IL_EBADVALUE, "%sconstant needs a finite value, got "
                           "value=%s", where, il_number(s->value, b1));
        break;
    case IL_INIT_UNIFORM:
        /* high - low finite too: the draws are low + (high - low) u */
        if (!(isfinite(s->high - s->low) && s->low <= s->high))
            return il_fail(IL_EBADVALUE, "%suniform needs low <= high, both "
                           "finite, got low=%s high=%s", where,
                           il_number(s->low, b1), il_number(s->high, b2));
        break;
    case IL_INIT_TRUNCATED_NORMAL:
        /* one bound alone would leave the other to a guess: PyTorch's 2,
         * or Keras's mean + 2 std */
        if (isnan(s->low) != isnan(s->high))
            return il_fail(IL_EBADVALUE, "%struncated_normal needs both bounds "
                           "low and high (a and b: PyTorch's [a, b]) or neither "
                           "(Keras's mean +- 2 std), got low=%s high=%s", where,
                           il_number(s->low, b1), il_number(s->high, b2));
        if (!isnan(s->low) && !(isfinite(s->low) && isfinite(s->high) &&
                                s->low < s->high))
            return il_fail(IL_EBADVALUE, "%struncated_normal needs low < high, "
                           "both finite, got low=%s high=%s", where,
                           il_number(s->low, b1), il_number(s->high, b2));
        /* fall through */
    case IL_INIT_NORMAL:
        if (!isfinite(s->mean))
            return il_fail(IL_EBADVALUE, "%s%s needs a finite mean, got mean=%s",
                           where, name, il_number(s->mean, b1));
        break;
    case IL_INIT_SPARSE:
        if (!(s->fraction >= 0 && s->fraction < 1))
            return il_fail(IL_EBADVALUE, "%ssparse needs fraction in [0, 1), got "
                           "fraction=%s", where, il_number(s->fraction, b1));
        break;
    case IL_INIT_SCALED_NORMAL:
    case IL_INIT_VARIANCE_SCALING:
        if (!(isfinite(s->scale) && s->scale >= 0))
            return il_fail(IL_EBADVALUE, "%s%s needs a finite scale >= 0, got "
                           "scale=%s", where, name, il_number(s->scale, b1));
        break;
    case IL_INIT_HE_UNIFORM:
    case IL_INIT_HE_NORMAL: {
        il_act act;
        double g;
        if ((unsigned)s->nonlinearity >= IL_ACT_COUNT)
            return il_fail(IL_EBADNAME, "%s%s: unknown nonlinearity %d", where,
                           name, (int)s->nonlinearity);
        act = il_act_make(s->nonlinearity);
        if (s->nonlinearity == IL_LEAKY_RELU) {
            if (!isfinite(s->slope))
                return il_fail(IL_EBADVALUE, "%s%s needs a finite slope, got "
                               "slope=%s", where, name, il_number(s->slope, b1));
            act.param = s->slope;
        }
        if (il_gain(act, &g, NULL) != IL_OK) { /* softmax */
            char msg[200];
            snprintf(msg, sizeof msg, "%s", il_last_error());
            return il_fail(IL_EBADARG, "%s%s: nonlinearity %s: %s", where, name,
                           il_act_name(s->nonlinearity), msg);
        }
        break;
    }
    case IL_INIT_MATRIX:
        if (!s->matrix)
            return il_fail(IL_EBADARG, "%smatrix needs the matrix to copy", where);
        break;
    case IL_INIT_CRITICAL:
        if (!(isfinite(s->sigma_b2) && s->sigma_b2 >= 0))
            return il_fail(IL_EBADVALUE, "%scritical needs a finite sigma_b2 >= "
                           "0, got sigma_b2=%s", where,
                           il_number(s->sigma_b2, b1));
        /* il_net_init uses the layer's activation; il_init_fill this one */
        if (!l && (unsigned)s->nonlinearity >= IL_ACT_COUNT)
            return il_fail(IL_EBADNAME, "critical: unknown nonlinearity %d",
                           (int)s->nonlinearity);
        if (!l && s->nonlinearity == IL_LEAKY_RELU && !isfinite(s->slope))
            return il_fail(IL_EBADVALUE, "critical needs a finite slope, got "
                           "slope=%s", il_number(s->slope, b1));
        break;
    default:
        break;
    }
    if ((reads & IL_READS_DIST) && (unsigned)s->dist > IL_DIST_TRUNCATED)
        return il_fail(IL_EBADNAME, "%s%s: unknown distribution %d; expected "
                       "normal, uniform or truncated_normal", where, name,
                       (int)s->dist);
    /* the uniform sibling is its own kind, with its own limit */
    if ((reads & IL_READS_DIST) && s->kind != IL_INIT_VARIANCE_SCALING &&
        s->dist == IL_DIST_UNIFORM)
        return il_fail(IL_EBADVALUE, "%s%s draws a normal: distribution must "
                       "be normal or truncated_normal, got uniform (the uniform "
                       "one is %s)", where, name,
                       /* each *_normal follows its *_uniform */
                       il_init_name((il_init_kind)(s->kind - 1)));
    if ((reads & IL_READS_STD) && !(isfinite(s->std) && s->std >= 0))
        return il_fail(IL_EBADVALUE, "%s%s needs a finite std >= 0, got std=%s",
                       where, name, il_number(s->std, b1));
    if ((reads & IL_READS_GAIN) && !isfinite(s->gain))
        return il_fail(IL_EBADVALUE, "%s%s needs a finite gain, got gain=%s",
                       where, name, il_number(s->gain, b1));
    if ((reads & IL_READS_MODE) && (unsigned)s->mode > IL_FAN_AVG)
        return il_fail(IL_EBADNAME, "%s%s: unknown fan mode %d; expected fan_in, "
                       "fan_out or fan_avg", where, name, (int)s->mode);
    return IL_OK;
}

/* ---- drawing --------------------------------------------------------------- */

/* The entry-by-entry fills draw in chunks of this many values, looking for
 * Ctrl-C between chunks; the stream is sequential, so the values do not
 * depend on the chunking. */
#define CHUNK ((size_t)1 << 16)

/* Each fill returns 1 when poll said stop (A then half filled), else 0. */
static int fill_uniform(double *A, size_t n, double lo, double hi, il_rng *rng,
                        il_poller *poll)
{
    size_t i, start, end;
    for (start = 0; start < n; start = end) {
        end = n - start < CHUNK ? n : start + CHUNK;
        if (il_poll(poll, end - start))
            return 1;
        for (i = start; i < end; i++)
            A[i] = lo + (hi - lo) * il_rng_uniform(rng);
    }
    return 0;
}

static int fill_normal(double *A, size_t n, double mean, double std,
                       il_rng *rng, il_poller *poll)
{
    size_t i, start, end;
    for (start = 0; start < n; start = end) {
        end = n - start < CHUNK ? n : start + CHUNK;
        if (il_poll(poll, end - start))
            return 1;
        for (i = start; i < end; i++)
            A[i] = mean + std * il_rng_normal(rng);
    }
    return 0;
}

/* Draws of N(0, 1) conditioned on [lo, hi], planned once per matrix so
 * that every value costs a few draws wherever the interval lies:
 *   PLAIN  N(0, 1) redrawn until inside, while the interval holds at least
 *          a quarter of the mass (Keras's +-2 holds 0.954);
 *   FLAT   a uniform point of the interval, kept with probability
 *          exp((m^2 - z^2)/2), m its point nearest 0: an interval narrow
 *          beside the curvature there (Robert 1995);
 *   TAIL   m + Exp(lambda), kept when below the far end and with
 *          probability exp(-(z - lambda)^2/2), lambda = (m + sqrt(m^2+4))/2,
 *          Robert's rate: an interval out in a tail;
 *   POINT  a near end past the largest double: all the mass is there.
 * An interval below 0 is drawn as its mirror above, then negated. */
enum { CUT_PLAIN, CUT_FLAT, CUT_TAIL, CUT_POINT };

typedef struct {
    int how;
    double lo, hi;          /* PLAIN                                  */
    double near, far, m;    /* the others, in the mirrored interval   */
    double lambda, sign;
} cut;

static void cut_plan(double lo, double hi, cut *c)
{
    c->how = CUT_PLAIN;
    c->lo = lo;
    c->hi = hi;
    c->sign = 1.0;
    if (0.5 * (erfc(lo / sqrt(2.0)) - erfc(hi / sqrt(2.0))) >= 0.25)
        return;
    if (lo <= 0 && hi >= 0) { /* narrow (the mass is small) around 0 */
        c->how = CUT_FLAT;
        c->near = lo;
        c->far = hi;
        c->m = 0.0;
        return;
    }
    c->sign = lo > 0 ? 1.0 : -1.0;
    c->near = lo > 0 ? lo : -hi;
    c->far = lo > 0 ? hi : -lo;
    c->m = c->near;
    if (isinf(c->near)) {
        c->how = CUT_POINT;
        return;
    }
    c->lambda = 0.5 * (c->near + hypot(c->near, 2.0));
    /* FLAT keeps at least exp(-3/2) of its points below a width of
     * 1/lambda, TAIL at least 1 - 1/e of its draws above it */
    c->how = c->far - c->near < 1.0 / c->lambda ? CUT_FLAT : CUT_TAIL;
}

static double cut_draw(const cut *c, il_rng *rng)
{
    double z;
    switch (c->how) {
    case CUT_FLAT:
        do
            z = c->near + (c->far - c->near) * il_rng_uniform(rng);
        while (il_rng_uniform(rng) > exp(-0.5 * (z - c->m) * (z + c->m)));
        return c->sign * z;
    case CUT_TAIL:
        do
            z = c->near - log(1.0 - il_rng_uniform(rng)) / c->lambda;
        while (z > c->far || il_rng_uniform(rng) >
                                 exp(-0.5 * (z - c->lambda) * (z - c->lambda)));
        return c->sign * z;
    case CUT_POINT:
        return c->sign * c->near;
    default:
        do
            z = il_rng_normal(rng);
        while (z < c->lo || z > c->hi);
        return z;
    }
}

/* N(mean, std^2) conditioned on [low, high] (PyTorch's trunc_normal_), or,
 * with low and high NaN, on mean +- 2 std (Keras's TruncatedNormal). */
static int fill_truncated(double *A, size_t n, double mean, double std,
                          double low, double high, il_rng *rng,
                          il_poller *poll)
{
    size_t i, start, end;
    int absolute = !isnan(low);
    cut c = {0};
    if (!absolute)
        cut_plan(-2.0, 2.0, &c);
    else if (std > 0)
        cut_plan((low - mean) / std, (high - mean) / std, &c);
    else
        cut_plan(-INFINITY, INFINITY, &c); /* every value is mean, clamped */
    for (start = 0; start < n; start = end) {
        end = n - start < CHUNK ? n : start + CHUNK;
        if (il_poll(poll, end - start))
            return 1;
        for (i = start; i < end; i++) {
            double x = cut_draw(&c, rng), v = mean + std * x;
            if (c.how == CUT_POINT) /* std * Inf says nothing of where */
                v = c.sign > 0 ? low : high;
            /* mean + std x may round a hair past a bound x is within */
            A[i] = absolute ? fmin(fmax(v, low), high) : v;
        }
    }
    return 0;
}

static double fan_of(il_fan_mode mode, size_t fan_in, size_t fan_out)
{
    return mode == IL_FAN_IN    ? (double)fan_in
         : mode == IL_FAN_OUT   ? (double)fan_out
                                : 0.5 * ((double)fan_in + (double)fan_out);
}

/* Variance scale/fan drawn from dist: the form xavier, he and lecun take. */
static int fill_scaled(double *A, size_t n, double variance,
                       il_distribution dist, il_rng *rng, il_poller *poll)
{
    if (dist == IL_DIST_UNIFORM) {
        double limit = sqrt(3.0 * variance);
        return fill_uniform(A, n, -limit, limit, rng, poll);
    } else if (dist == IL_DIST_TRUNCATED) {
        return fill_truncated(A, n, 0.0, sqrt(variance) / TRUNCATED_STD, NAN,
                              NAN, rng, poll);
    }
    return fill_normal(A, n, 0.0, sqrt(variance), rng, poll);
}

static il_status fill_orthogonal(double *A, size_t rows, size_t cols,
                                 double gain, il_rng *rng, il_poller *poll)
{
    size_t r = rows > cols ? rows : cols, c = rows > cols ? cols : rows, i, j;
    size_t rc, count, bytes;
    double *G, *Q, *scratch;
    if (c == 0)
        return IL_OK;
    /* G and Q (r x c each) and r + c of scratch; rows x cols itself fits,
     * twice that need not */
    if (il_mul_overflows(r, c, &rc) || il_mul_overflows(rc, 2, &count) ||
        il_add_overflows(count, r + c, &count) ||
        il_mul_overflows(count, sizeof *G, &bytes))
        return il_fail(IL_ENOMEM, "an orthogonal %zux%zu matrix needs more "
                       "memory than can be addressed", rows, cols);
    G = malloc(bytes);
    if (!G)
        return il_fail(IL_ENOMEM, "out of memory for an orthogonal %zux%zu "
                       "matrix", rows, cols);
    Q = G + rc;
    scratch = Q + rc;
    if (fill_normal(G, rc, 0.0, 1.0, rng, poll) ||
        il_orthonormal_columns(G, r, c, Q, scratch, poll)) {
        free(G);
        return il_interrupted();
    }
    for (j = 0; j < c; j++)
        for (i = 0; i < r; i++) {
            /* rows >= cols: W = Q; rows < cols: W = Q' */
            if (rows >= cols)
                A[i + j * rows] = gain * Q[i + j * r];
            else
                A[j + i * rows] = gain * Q[i + j * r];
        }
    free(G);
    return IL_OK;
}

/* PyTorch's sparse_: math.ceil(sparsity * rows), the product rounded as a
 * double first, so 0.07 * 100 = 7.000000000000001 gives 8 zeros there and
 * here alike. */
static size_t sparse_zeros(double fraction, size_t rows)
{
    return (size_t)ceil(fraction * (double)rows);
}

/* Every entry N(0, std^2) first, then the zeros of each column, so that the
 * draws of the values do not depend on fraction. */
static il_status fill_sparse(double *A, size_t rows, size_t cols,
                             const il_init_spec *s, il_rng *rng,
                             il_poller *poll)
{
    size_t zeros = sparse_zeros(s->fraction, rows), i, j;
    size_t *order;
    if (rows == 0 || cols == 0)
        return IL_OK;
    order = malloc(rows * sizeof *order);
    if (!order)
        return il_fail(IL_ENOMEM, "out of memory for a sparse matrix");
    if (fill_normal(A, rows * cols, 0.0, s->std, rng, poll)) {
        free(order);
        return il_interrupted();
    }
    for (j = 0; j < cols; j++) {
        if (il_poll(poll, rows)) {
            free(order);
            return il_interrupted();
        }
        /* the first `zeros` places of a partial Fisher-Yates shuffle: a
         * uniformly random set of rows, without repeats */
        for (i = 0; i < rows; i++)
            order[i] = i;
        for (i = 0; i < zeros; i++) {
            size_t k = i + (size_t)il_rng_below(rng, rows - i), t = order[i];
            order[i] = order[k];
            order[k] = t;
            A[order[i] + j * rows] = 0.0;
        }
    }
    free(order);
    return IL_OK;
}

/* A holds rows x cols values in the order they were drawn, row after row:
 * put them in column-major order. */
static il_status rows_to_columns(double *A, size_t rows, size_t cols)
{
    size_t i, j, n = rows * cols;
    double *drawn;
    if (rows < 2 || cols < 2)
        return IL_OK;
    if (!(drawn = malloc(n * sizeof *drawn)))
        return il_fail(IL_ENOMEM, "out of memory for a %zux%zu matrix", rows,
                       cols);
    memcpy(drawn, A, n * sizeof *drawn);
    for (i = 0; i < rows; i++)
        for (j = 0; j < cols; j++)
            A[i + j * rows] = drawn[i * cols + j];
    free(drawn);
    return IL_OK;
}

/* PyTorch's kaiming_*: gain^2 g^2 / fan, g = il_gain(nonlinearity, slope).
 * relu and leaky_relu are written gain^2 2/((1 + slope^2) fan), in the
 * order that makes the plain case 2/fan exactly, as sqrt(2/n) is written
 * everywhere (and NumPy scripts reproduced to the bit write it). */
static double he_variance(const il_init_spec *s, double fan)
{
    il_act act = il_act_make(s->nonlinearity);
    double g = 1.0;
    if (s->nonlinearity == IL_RELU || s->nonlinearity == IL_LEAKY_RELU) {
        double a = s->nonlinearity == IL_LEAKY_RELU ? s->slope : 0.0;
        return s->gain * s->gain * 2.0 / ((1.0 + a * a) * fan);
    }
    il_gain(act, &g, NULL); /* check_spec made sure there is one */
    return s->gain * s->gain * (g * g) / fan;
}

/* ZerO's m = ceil(log2(rows)): the smallest m with 2^m >= rows. */
static unsigned ceil_log2(size_t n)
{
    unsigned m = 0;
    while (m < sizeof(size_t) * 8 - 1 && ((size_t)1 << m) < n)
        m++;
    return m;
}

/* Zhao, Schaefer & Anandkumar (2022), "ZerO Initialization: Initializing
 * Neural Networks with only Zeros and Ones", TMLR, Algorithm 1, for W of
 * P = rows (outputs) x Q = cols (inputs):
 *   P = Q: W = I;  P < Q: W = I*, the partial identity (W(i,i) = 1 for
 *   i <= P: the first P inputs pass through);  P > Q: W = c I* H_m I*, with
 *   m = ceil(log2 P), c = 2^(-(m-1)/2) and H_m the 2^m x 2^m Sylvester
 *   Hadamard matrix (H_0 = 1, H_m = [H_m-1 H_m-1; H_m-1 -H_m-1]), so that
 *   W(i,j) = c (-1)^popcount((i-1) & (j-1)): its first P rows and Q columns.
 * The authors' notebook (github.com/jiaweizzhao/ZerO-initialization,
 * example_mnist.ipynb) scales by 2^(-m/2) instead; we follow the paper. */
static void fill_hadamard(double *A, size_t rows, size_t cols)
{
    size_t i, j;
    memset(A, 0, rows * cols * sizeof *A);
    if (rows <= cols) {
        for (i = 0; i < rows; i++)
            A[i + i * rows] = 1.0;
        return;
    }
    {
        double c = pow(2.0, -0.5 * ((double)ceil_log2(rows) - 1.0));
        for (j = 0; j < cols; j++)
            for (i = 0; i < rows; i++) {
                size_t b = i & j;
                int odd = 0;
                for (; b; b &= b - 1)
                    odd ^= 1;
                A[i + j * rows] = odd ? -c : c;
            }
    }
}

/* The activation critical reads outside il_net_init: nonlinearity, with
 * slope as leaky_relu's (as he_* reads them); the others' own parameter. */
static il_act spec_act(const il_init_spec *s)
{
    il_act act = il_act_make(s->nonlinearity);
    if (s->nonlinearity == IL_LEAKY_RELU)
        act.param = s->slope;
    return act;
}

/* critical's sigma_w2^*: the edge of chaos of act at sigma_b2. */
static il_status critical_sigma_w2(il_act act, double sigma_b2, double *sw)
{
    char msg[300], b1[32];
    il_status st;
    if (act.kind == IL_SOFTMAX)
        return il_fail(IL_EBADVALUE, "critical is not defined for a softmax "
                       "layer: the mean-field theory of its edge of chaos is "
                       "per unit, and softmax couples the units; give this "
                       "layer another initializer");
    if ((st = il_theory_critical(act, sigma_b2, sw, NULL)) != IL_OK) {
        snprintf(msg, sizeof msg, "%s", il_last_error());
        return il_fail(st, "critical (%s, sigma_b2=%s): %s",
                       il_act_name(act.kind), il_number(sigma_b2, b1), msg);
    }
    if (!(isfinite(*sw) && *sw > 0))
        return il_fail(IL_EBADVALUE, "critical (%s, sigma_b2=%s): the edge "
                       "of chaos gives sigma_w2=%s", il_act_name(act.kind),
                       il_number(sigma_b2, b1), il_number(*sw, msg));
    return IL_OK;
}

/* critical as the normal it draws: N(0, sigma_w2^* / fan_in). */
static il_status critical_as_normal(il_act act, const il_init_spec *s,
                                    size_t fan_in, il_init_spec *normal)
{
    double sw;
    il_status st = critical_sigma_w2(act, s->sigma_b2, &sw);
    if (st != IL_OK)
        return st;
    il_init_spec_default(normal, IL_INIT_NORMAL);
    normal->std = sqrt(sw / (double)fan_in);
    return IL_OK;
}

static il_status fill_entries(double *A, size_t rows, size_t cols,
                              size_t fan_in, size_t fan_out,
                              const il_init_spec *s, il_rng *rng,
                              il_poller *poll)
{
    size_t n = rows * cols, i;
    double fan = fan_of(s->mode, fan_in, fan_out);
    char buf[32];
    int stopped = 0;

    switch (s->kind) {
    case IL_INIT_DEFAULT: /* its meaning for a bias; il_net_init resolves a
                             weight's "default" before it gets here */
    case IL_INIT_ZEROS:
        memset(A, 0, n * sizeof *A);
        break;
    case IL_INIT_ONES:
        for (i = 0; i < n; i++)
            A[i] = 1.0;
        break;
    case IL_INIT_CONSTANT:
        for (i = 0; i < n; i++)
            A[i] = s->value;
        break;
    case IL_INIT_UNIFORM:
        stopped = fill_uniform(A, n, s->low, s->high, rng, poll);
        break;
    case IL_INIT_NORMAL:
        stopped = fill_normal(A, n, s->mean, s->std, rng, poll);
        break;
    case IL_INIT_TRUNCATED_NORMAL:
        stopped = fill_truncated(A, n, s->mean, s->std, s->low, s->high, rng,
                                 poll);
        break;
    case IL_INIT_SCALED_NORMAL:
        stopped = fill_normal(A, n, 0.0, s->scale, rng, poll);
        break;
    case IL_INIT_XAVIER_UNIFORM:
    case IL_INIT_XAVIER_NORMAL:
        stopped = fill_scaled(A, n, s->gain * s->gain * 2.0 / ((double)fan_in + (double)fan_out),
                              s->kind == IL_INIT_XAVIER_UNIFORM ? IL_DIST_UNIFORM
                                                                : s->dist,
                              rng, poll);
        break;
    case IL_INIT_HE_UNIFORM:
    case IL_INIT_HE_NORMAL:
        stopped = fill_scaled(A, n, he_variance(s, fan),
                              s->kind == IL_INIT_HE_UNIFORM ? IL_DIST_UNIFORM
                                                            : s->dist,
                              rng, poll);
        break;
    case IL_INIT_LECUN_UNIFORM:
    case IL_INIT_LECUN_NORMAL:
        stopped = fill_scaled(A, n, 1.0 / fan,
                              s->kind == IL_INIT_LECUN_UNIFORM ? IL_DIST_UNIFORM
                                                               : s->dist,
                              rng, poll);
        break;
    case IL_INIT_VARIANCE_SCALING:
        stopped = fill_scaled(A, n, s->scale / fan, s->dist, rng, poll);
        break;
    case IL_INIT_ORTHOGONAL:
    case IL_INIT_LSUV: /* its start; the rescaling needs the whole net */
        return fill_orthogonal(A, rows, cols, s->gain, rng, poll);
    case IL_INIT_IDENTITY:
        memset(A, 0, n * sizeof *A);
        for (i = 0; i < rows && i < cols; i++)
            A[i + i * rows] = s->gain;
        break;
    case IL_INIT_SPARSE:
        return fill_sparse(A, rows, cols, s, rng, poll);
    case IL_INIT_HADAMARD:
        fill_hadamard(A, rows, cols);
        break;
    case IL_INIT_MATRIX:
        if (s->matrix_rows != rows || s->matrix_cols != cols)
            return il_fail(IL_EBADSIZE, "matrix must be %zux%zu, got %zux%zu",
                           rows, cols, s->matrix_rows, s->matrix_cols);
        for (i = 0; i < n; i++)
            if (!isfinite(s->matrix[i]))
                return il_fail(IL_EBADVALUE, "matrix(%zu,%zu) is %s; an "
                               "initial matrix must be finite",
                               i % rows + 1, i / rows + 1,
                               il_number(s->matrix[i], buf));
        memcpy(A, s->matrix, n * sizeof *A);
        break;
    default:
        return il_fail(IL_EBADARG, "%s needs a whole network: use il_net_init",
                       il_init_name(s->kind));
    }
    return stopped ? il_interrupted() : IL_OK;
}

/* The kinds that draw each entry on its own, which the numpy stream lays
 * out row by row. */
static int drawn_by_entry(il_init_kind kind)
{
    return kind == IL_INIT_UNIFORM || kind == IL_INIT_NORMAL ||
           kind == IL_INIT_TRUNCATED_NORMAL || kind == IL_INIT_SCALED_NORMAL ||
           kind == IL_INIT_XAVIER_UNIFORM || kind == IL_INIT_XAVIER_NORMAL ||
           kind == IL_INIT_HE_UNIFORM || kind == IL_INIT_HE_NORMAL ||
           kind == IL_INIT_LECUN_UNIFORM || kind == IL_INIT_LECUN_NORMAL ||
           kind == IL_INIT_VARIANCE_SCALING;
}

/* The options that set how large kind's values are, as a message names
 * them ("gain 1e+200"). */
static const char *size_options(const il_init_spec *s, char *buf, size_t size)
{
    char a[32], b[32];
    switch (s->kind) {
    case IL_INIT_XAVIER_UNIFORM: case IL_INIT_XAVIER_NORMAL:
    case IL_INIT_ORTHOGONAL: case IL_INIT_IDENTITY: case IL_INIT_LSUV:
        snprintf(buf, size, "gain %s", il_number(s->gain, a));
        break;
    case IL_INIT_HE_UNIFORM: case IL_INIT_HE_NORMAL:
        if (s->nonlinearity == IL_LEAKY_RELU)
            snprintf(buf, size, "gain %s and slope %s", il_number(s->gain, a),
                     il_number(s->slope, b));
        else
            snprintf(buf, size, "gain %s and nonlinearity %s",
                     il_number(s->gain, a), il_act_name(s->nonlinearity));
        break;
    case IL_INIT_SCALED_NORMAL: case IL_INIT_VARIANCE_SCALING:
        snprintf(buf, size, "scale %s", il_number(s->scale, a));
        break;
    case IL_INIT_NORMAL: case IL_INIT_TRUNCATED_NORMAL:
        snprintf(buf, size, "mean %s and std %s", il_number(s->mean, a),
                 il_number(s->std, b));
        break;
    case IL_INIT_SPARSE:
        snprintf(buf, size, "std %s", il_number(s->std, a));
        break;
    case IL_INIT_UNIFORM:
        snprintf(buf, size, "low %s and high %s", il_number(s->low, a),
                 il_number(s->high, b));
        break;
    default:
        snprintf(buf, size, "these options");
        break;
    }
    return buf;
}

/* Draws A and checks what came out: finite options can still overflow
 * (gain^2 of xavier past 1e154, randn times a scale near 1e308), and a
 * network of Inf weights only fails later, far from the cause.  what names
 * the values in the message: "weights", "biases" or "values". */
static il_status fill(double *A, size_t rows, size_t cols, size_t fan_in,
                      size_t fan_out, const il_init_spec *s, il_rng *rng,
                      il_poller *poll, const char *what)
{
    char opts[80];
    il_status status = fill_entries(A, rows, cols, fan_in, fan_out, s, rng,
                                    poll);
    if (status == IL_OK && rng->kind == IL_RNG_NUMPY && drawn_by_entry(s->kind))
        status = rows_to_columns(A, rows, cols);
    if (status == IL_OK && !il_all_finite(A, rows * cols))
        status = il_fail(IL_EBADVALUE, "%s with %s gives %s that are not finite",
                         il_init_name(s->kind),
                         size_options(s, opts, sizeof opts), what);
    return status;
}

il_status il_init_fill(double *A, size_t rows, size_t cols, size_t fan_in,
                       size_t fan_out, const il_init_spec *spec, il_rng *rng)
{
    il_status s;
    il_poller none;
    size_t bytes;
    if (!A || !rng)
        return il_fail(IL_EBADARG, "A and rng must not be NULL");
    if (fan_in == 0 || fan_out == 0)
        return il_fail(IL_EBADSIZE, "fans must be at least 1, got %zu and %zu",
                       fan_in, fan_out);
    /* a size whose product wraps around names no array a caller can hold */
    if (il_doubles_overflow(rows, cols, &bytes))
        return il_fail(IL_EBADSIZE, "a %zux%zu matrix is more than memory can "
                       "hold", rows, cols);
    if ((s = check_spec(spec, 0, 0)) != IL_OK)
        return s;
    if (spec->kind == IL_INIT_NGUYEN_WIDROW || spec->kind == IL_INIT_LSUV)
        return il_fail(IL_EBADARG, "%s needs a whole network: use il_net_init",
                       il_init_name(spec->kind));
    il_poller_init(&none, NULL, NULL);
    if (spec->kind == IL_INIT_CRITICAL) {
        il_init_spec normal;
        if ((s = critical_as_normal(spec_act(spec), spec, fan_in, &normal)) !=
            IL_OK)
            return s;
        return fill(A, rows, cols, fan_in, fan_out, &normal, rng, &none,
                    "values");
    }
    return fill(A, rows, cols, fan_in, fan_out, spec, rng, &none, "values");
}

/* ---- Nguyen-Widrow ----------------------------------------------------------- */

/* The interval where an activation does its non-linear work (MATLAB's
 * "active input range"), over which NW spreads the units' active regions;
 * 0 where it is unbounded (linear, the relu family, softplus, softmax:
 * MATLAB's purelin and poslin), where MATLAB's initnw does not apply NW. */
static int active_range(il_act act, double *lo, double *hi)
{
    switch (act.kind) {
    case IL_SIGMOID: *lo = -4.0; *hi = 4.0; return 1;
    case IL_TANH:
    case IL_SOFTSIGN: *lo = -2.0; *hi = 2.0; return 1;
    default: return 0;
    }
}

/* The range of input j of layer l: X's row j for layer 1 (when X is given,
 * else [-1, 1]), the previous activation's output range for the others,
 * cut to [-1, 1] when an end of it is unbounded, as initnw cuts it (relu:
 * [0, 1], linear and selu: [-1, 1]). */
static void input_range(const il_net *net, size_t l, size_t j, const double *X,
                        size_t m, double *lo, double *hi)
{
    size_t R = net->n[l - 1], k;
    if (l == 1 && X) {
        *lo = *hi = X[j];
        for (k = 1; k < m; k++) {
            double v = X[j + k * R];
            *lo = v < *lo ? v : *lo;
            *hi = v > *hi ? v : *hi;
        }
    } else if (l == 1) {
        *lo = -1.0;
        *hi = 1.0;
    } else {
        il_act_range(net->act[l - 1], lo, hi);
        if (!isfinite(*lo) || !isfinite(*hi)) {
            *lo = fmax(*lo, -1.0);
            *hi = fmin(*hi, 1.0);
        }
    }
}

/* Nguyen & Widrow (1990) as MATLAB's initnw, for a layer of S units and R
 * inputs of which r vary (hi_j > lo_j):
 *
 *   1. m = 0.7 S^(1/r); each row of W, over the r varying inputs, is m
 *      times a row of U[-1, 1]^(S x r) scaled to unit length (a row of
 *      exact zeros, which has probability 0, becomes m/sqrt(r) everywhere);
 *      a constant input's weights are 0, so it moves no unit;
 *   2. b = m * linspace(-1, 1, S)' .* sign(W(:, j0)), j0 the first varying
 *      input; S = 1 gives b = 0;
 *   3. from inputs in [-1, 1] to the activation's active range [p, q]:
 *      W = h W, b = h b + c, with h = (q - p)/2 and c = (q + p)/2;
 *   4. from the real input ranges [lo_j, hi_j] to [-1, 1]: the unit sees
 *      x'_j = s_j x_j + t_j, s_j = 2/(hi_j - lo_j), t_j = 1 - hi_j s_j (lo_j
 *      -> -1, hi_j -> 1), and W x' + b = (W diag(s)) x + (b + W t): so
 *      b += W(:, j) t_j, then W(:, j) *= s_j.
 *
 * No varying input at all: W = 0 and b = 0.  An activation without a
 * bounded active range: W and b from U[-1, 1] (MATLAB's rands), b only when
 * the layer keeps NW's biases (keep_bias), so that a bias initializer's
 * draws do not depend on it. */
static il_status nguyen_widrow(il_net *net, size_t l, const double *X,
                               size_t m, int keep_bias, il_rng *rng,
                               il_poller *poll)
{
    size_t S = net->n[l], R = net->n[l - 1], r = 0, i, j, first = 0;
    double *W = net->params + net->w_off[l], *b = net->params + net->b_off[l];
    double magnitude, act_lo, act_hi, half, mid, *range;

    if (!active_range(net->act[l], &act_lo, &act_hi)) {
        if (fill_uniform(W, S * R, -1.0, 1.0, rng, poll) ||
            (keep_bias && fill_uniform(b, S, -1.0, 1.0, rng, poll)))
            return il_interrupted();
        return IL_OK;
    }
    range = malloc(2 * R * sizeof *range);
    if (!range)
        return il_fail(IL_ENOMEM, "out of memory for nguyen_widrow's input "
                       "ranges");
    for (j = 0; j < R; j++) {
        input_range(net, l, j, X, m, &range[2 * j], &range[2 * j + 1]);
        if (range[2 * j + 1] > range[2 * j] && r++ == 0)
            first = j;
    }
    memset(W, 0, S * R * sizeof *W);
    memset(b, 0, S * sizeof *b);
    if (r == 0) {
        free(range);
        return IL_OK;
    }
    magnitude = 0.7 * pow((double)S, 1.0 / (double)r);
    for (j = 0; j < R; j++)
        if (range[2 * j + 1] > range[2 * j] &&
            fill_uniform(W + j * S, S, -1.0, 1.0, rng, poll)) {
            free(range);
            return il_interrupted();
        }
    for (i = 0; i < S; i++) {
        double norm = 0.0, w0;
        for (j = 0; j < R; j++)
            norm += W[i + j * S] * W[i + j * S];
        norm = sqrt(norm);
        for (j = 0; j < R; j++)
            if (range[2 * j + 1] > range[2 * j])
                W[i + j * S] = norm > 0 ? magnitude * W[i + j * S] / norm
                                        : magnitude / sqrt((double)r);
        w0 = W[i + first * S];
        b[i] = S == 1 ? 0.0
                      : magnitude * (-1.0 + 2.0 * (double)i / (double)(S - 1)) *
                            (w0 > 0 ? 1.0 : w0 < 0 ? -1.0 : 0.0);
    }
    half = 0.5 * (act_hi - act_lo);
    mid = 0.5 * (act_hi + act_lo);
    for (i = 0; i < S; i++) {
        b[i] = half * b[i] + mid;
        for (j = 0; j < R; j++)
            W[i + j * S] *= half;
    }
    for (j = 0; j < R; j++) {
        double lo = range[2 * j], hi = range[2 * j + 1], scale, shift;
        if (!(hi > lo))
            continue;
        scale = 2.0 / (hi - lo);
        shift = 1.0 - hi * scale;
        for (i = 0; i < S; i++) {
            b[i] += W[i + j * S] * shift;
            W[i + j * S] *= scale;
        }
    }
    free(range);
    /* an input whose range is a few subnormals wide gets scale 2/(hi-lo)
     * = Inf */
    if (!il_all_finite(W, S * R) || !il_all_finite(b, S))
        return il_fail(IL_EBADVALUE, "nguyen_widrow on these inputs gives "
                       "weights that are not finite (an input's range in X is "
                       "too narrow to scale to [-1, 1])");
    return IL_OK;
}

/* ---- LSUV ---------------------------------------------------------------------- */

/* Mishkin & Matas (2016), after every lsuv layer got orthogonal(gain): for
 * l = 1..L in order, while the variance of layer l's pre-activations on the
 * batch (all n(l) x m entries, population variance) is further than tol
 * from 1 and fewer than max_trials rescalings were made, W_l /= sqrt(var).
 * Earlier layers are final when layer l is measured, so each layer sees the
 * signal it will get.  trials[l-1] counts the rescalings. */
static il_status lsuv(il_net *net, const il_init_opts *o, int *trials,
                      il_poller *poll)
{
    size_t L = net->L, l, widest = 0, i, bytes;
    double *Z, **Zs;
    il_status s = IL_OK;

    for (l = 1; l <= L; l++)
        widest = net->n[l] > widest ? net->n[l] : widest;
    if (il_doubles_overflow(widest, o->m, &bytes))
        return il_fail(IL_ENOMEM, "lsuv's pre-activations on %zu samples need "
                       "more memory than can be addressed", o->m);
    Z = malloc(bytes);
    Zs = calloc(L, sizeof *Zs);
    if (!Z || !Zs) {
        free(Z);
        free(Zs);
        return il_fail(IL_ENOMEM, "out of memory for lsuv's pre-activations");
    }
    for (l = 1; l <= L && s == IL_OK; l++) {
        const il_init_spec *w = &o->weights[o->n_specs == 1 ? 0 : l - 1];
        size_t count = net->n[l] * o->m;
        if (w->kind != IL_INIT_LSUV)
            continue;
        Zs[l - 1] = Z;
        for (;;) {
            double mean, std, lo, hi, var;
            char buf[32];
            /* a trial is a forward pass over the whole batch: look every
             * time */
            if (il_poll(poll, IL_POLL_WORK)) {
                s = il_interrupted();
                break;
            }
            if ((s = il_forward(net, o->X, o->m, NULL, Zs, NULL)) != IL_OK)
                break;
            il_moments(Z, count, &mean, &std, &lo, &hi);
            var = std * std;
            if (fabs(var - 1.0) <= o->lsuv_tol || trials[l - 1] >= o->lsuv_max_trials)
                break;
            if (!(var > 0 && isfinite(var))) {
                s = il_fail(IL_EBADVALUE, "layer %zu: lsuv cannot rescale: the "
                            "layer's pre-activations on X have variance %s", l,
                            il_number(var, buf));
                break;
            }
            for (i = 0; i < net->n[l] * net->n[l - 1]; i++)
                net->params[net->w_off[l] + i] /= std;
            trials[l - 1]++;
            /* a std near the smallest doubles divides weights past the
             * largest */
            if (!il_all_finite(net->params + net->w_off[l],
                               net->n[l] * net->n[l - 1])) {
                s = il_fail(IL_EBADVALUE, "layer %zu: lsuv's rescaling by 1/%s "
                            "(the std of the layer's pre-activations on X) "
                            "gives weights that are not finite", l,
                            il_number(std, buf));
                break;
            }
        }
        Zs[l - 1] = NULL;
    }
    free(Z);
    free(Zs);
    return s;
}

/* ---- whole networks ------------------------------------------------------------- */

/* What a fresh network gets for activation act: he_normal for the relu
 * family (leaky_relu's slope included), lecun_normal for selu (the pairing
 * SELU's self-normalization assumes), xavier_uniform otherwise. */
static void layer_default(il_act act, il_init_spec *w)
{
    if (act.kind == IL_RELU || act.kind == IL_LEAKY_RELU || act.kind == IL_ELU) {
        il_init_spec_default(w, IL_INIT_HE_NORMAL);
        if (act.kind == IL_LEAKY_RELU)
            w->slope = act.param;
    } else if (act.kind == IL_SELU) {
        il_init_spec_default(w, IL_INIT_LECUN_NORMAL);
    } else {
        il_init_spec_default(w, IL_INIT_XAVIER_UNIFORM);
    }
}

/* A bias given as a matrix may be a column or a row of n(l) values. */
static il_status copy_bias(double *bias, size_t l, size_t n,
                           const il_init_spec *b)
{
    char buf[32];
    size_t i;
    if (b->matrix_rows * b->matrix_cols != n ||
        (b->matrix_rows != 1 && b->matrix_cols != 1))
        return il_fail(IL_EBADSIZE, "layer %zu bias: matrix must have %zu "
                       "entries, got %zux%zu", l, n, b->matrix_rows,
                       b->matrix_cols);
    for (i = 0; i < n; i++)
        if (!isfinite(b->matrix[i]))
            return il_fail(IL_EBADVALUE, "layer %zu bias: matrix(%zu) is %s; an "
                           "initial vector must be finite", l, i + 1,
                           il_number(b->matrix[i], buf));
    memcpy(bias, b->matrix, n * sizeof *bias);
    return IL_OK;
}

/* Layer l's W, then its b, from rng. */
/* A failure of layer l's fill, its message prefixed with where (fill's own
 * names no layer); an interrupt keeps its one wording. */
static il_status in_layer(il_status s, size_t l, const char *where)
{
    char msg[400];
    if (s == IL_OK || s == IL_EINTERRUPTED)
        return s;
    snprintf(msg, sizeof msg, "%s", il_last_error());
    return il_fail(s, "layer %zu%s: %s", l, where, msg);
}

/* Layer l's W, then its b, from rng. */
static il_status init_layer(il_net *net, size_t l, const il_init_spec *w,
                            const il_init_spec *b, const il_init_opts *o,
                            il_rng *rng, il_poller *poll)
{
    size_t n = net->n[l], in = net->n[l - 1];
    double *bias = net->params + net->b_off[l];
    il_init_spec resolved, zeros;
    il_status s;
    int critical = w->kind == IL_INIT_CRITICAL;
    double sigma_b2 = w->sigma_b2;

    /* "default" for weights: what il_net_init_default gives this layer */
    if (w->kind == IL_INIT_DEFAULT) {
        layer_default(net->act[l], &resolved);
        w = &resolved;
    }
    /* critical: the normal of this layer's activation's edge of chaos */
    if (critical) {
        if ((s = critical_as_normal(net->act[l], w, in, &resolved)) != IL_OK)
            return in_layer(s, l, "");
        w = &resolved;
    }
    if (w->kind == IL_INIT_NGUYEN_WIDROW)
        s = nguyen_widrow(net, l, o->X, o->m, !b || b->kind == IL_INIT_DEFAULT,
                          rng, poll);
    else
        s = fill(net->params + net->w_off[l], n, in, in, n, w, rng, poll,
                 "weights");
    if (s != IL_OK)
        return in_layer(s, l, "");
    if (b && b->kind == IL_INIT_MATRIX)
        return copy_bias(bias, l, n, b);
    if (b && b->kind != IL_INIT_DEFAULT)
        return in_layer(fill(bias, n, 1, in, n, b, rng, poll, "biases"), l,
                        " bias");
    if (w->kind == IL_INIT_NGUYEN_WIDROW)
        return IL_OK; /* keeps the biases NW placed */
    if (critical) { /* the biases the edge of chaos was found for */
        il_init_spec_default(&zeros, IL_INIT_NORMAL);
        zeros.std = sqrt(sigma_b2);
        return in_layer(fill(bias, n, 1, in, n, &zeros, rng, poll, "biases"),
                        l, " bias");
    }
    il_init_spec_default(&zeros, IL_INIT_ZEROS);
    return fill(bias, n, 1, in, n, &zeros, rng, poll, "biases");
}

il_status il_net_init(il_net *net, const il_init_opts *o)
{
    size_t L, l;
    il_status s;
    il_rng rng;
    il_poller poll;
    int any_lsuv = 0, *trials = NULL;
    double *backup;
    char buf[32];

    if (!net || !o || !o->weights)
        return il_fail(IL_EBADARG, "net, options and weights must not be NULL");
    L = net->L;
    if (o->n_specs != 1 && o->n_specs != L)
        return il_fail(IL_EBADSIZE, "n_specs must be 1 or %zu (one per layer), "
                       "got %zu", L, o->n_specs);
    for (l = 1; l <= L; l++) {
        size_t k = o->n_specs == 1 ? 0 : l - 1;
        if ((s = check_spec(&o->weights[k], l, 0)) != IL_OK)
            return s;
        if (o->biases && (s = check_spec(&o->biases[k], l, 1)) != IL_OK)
            return s;
        any_lsuv |= o->weights[k].kind == IL_INIT_LSUV;
    }
    if (any_lsuv) {
        if (!o->X)
            return il_fail(IL_EBADARG, "lsuv needs a batch X to measure the "
                           "layers' output variance");
        if (!(o->lsuv_tol > 0 && isfinite(o->lsuv_tol)))
            return il_fail(IL_EBADVALUE, "lsuv needs a finite tol > 0, got %s",
                           il_number(o->lsuv_tol, buf));
        if (o->lsuv_max_trials < 0)
            return il_fail(IL_EBADVALUE, "lsuv needs max_trials >= 0, got %d",
                           o->lsuv_max_trials);
    }
    if (o->X && (s = il_check_batch(net, o->X, NULL, o->m)) != IL_OK)
        return s;
    /* On a failure part way the network is put back as it was. */
    backup = malloc(net->n_params * sizeof *backup);
    trials = calloc(L, sizeof *trials);
    if (!backup || !trials) {
        free(backup);
        free(trials);
        return il_fail(IL_ENOMEM, "out of memory for %zu parameters",
                       net->n_params);
    }
    memcpy(backup, net->params, net->n_params * sizeof *backup);
    if ((s = il_rng_start(&rng, o->rng, o->seed)) != IL_OK) {
        free(backup);
        free(trials);
        return s;
    }
    il_poller_init(&poll, o->interrupt, o->interrupt_ctx);
    for (l = 1; l <= L && s == IL_OK; l++) {
        size_t k = o->n_specs == 1 ? 0 : l - 1;
        s = init_layer(net, l, &o->weights[k], o->biases ? &o->biases[k] : NULL,
                       o, &rng, &poll);
    }
    if (s == IL_OK && any_lsuv)
        s = lsuv(net, o, trials, &poll);
    if (s != IL_OK)
        memcpy(net->params, backup, net->n_params * sizeof *backup);
    else if (o->lsuv_trials)
        for (l = 0; l < L; l++)
            o->lsuv_trials[l] = trials[l];
    free(backup);
    free(trials);
    return s;
}

il_status il_net_init_default(il_net *net, uint64_t seed)
{
    il_init_spec w;
    il_init_opts o;
    if (!net)
        return il_fail(IL_EBADARG, "net must not be NULL");
    il_init_spec_default(&w, IL_INIT_DEFAULT);
    il_init_opts_default(&o);
    o.weights = &w;
    o.seed = seed;
    return il_net_init(net, &o);
}

/* ---- expected moments -------------------------------------------------------- */

/* N(0, 1) conditioned on [a, b] (either end may be infinite): its mean and
 * mean square, from the density phi and the mass Z = Phi(b) - Phi(a):
 * E = (phi(a) - phi(b))/Z, E[x^2] = 1 + (a phi(a) - b phi(b))/Z. */
static void truncated_moments(double a, double b, double *m1, double *m2)
{
    double pa = isinf(a) ? 0.0 : exp(-0.5 * a * a) / 2.5066282746310002;
    double pb = isinf(b) ? 0.0 : exp(-0.5 * b * b) / 2.5066282746310002;
    double apa = isinf(a) ? 0.0 : a * pa, bpb = isinf(b) ? 0.0 : b * pb;
    /* the mass from the nearer tail, where it does not cancel */
    double Z = a > 0 ? 0.5 * (erfc(a / sqrt(2.0)) - erfc(b / sqrt(2.0)))
             : b < 0 ? 0.5 * (erfc(-b / sqrt(2.0)) - erfc(-a / sqrt(2.0)))
                     : 1.0 - 0.5 * erfc(-a / sqrt(2.0)) - 0.5 * erfc(b / sqrt(2.0));
    if (!(Z > 0)) { /* all the mass at the end nearer 0 */
        double e = fabs(a) < fabs(b) ? a : b;
        *m1 = e;
        *m2 = e * e;
        return;
    }
    *m1 = (pa - pb) / Z;
    *m2 = 1.0 + (apa - bpb) / Z;
}

/* The moments of N(mean, std^2) conditioned on [low, high] (NaN bounds:
 * mean +- 2 std), as fill_truncated draws it. */
static void normal_cut_moments(double mean, double std, double low, double high,
                               double *m1, double *m2)
{
    double z1, z2, a, b;
    if (!(std > 0)) {
        double v = isnan(low) ? mean : fmin(fmax(mean, low), high);
        *m1 = v;
        *m2 = v * v;
        return;
    }
    a = isnan(low) ? -2.0 : (low - mean) / std;
    b = isnan(high) ? 2.0 : (high - mean) / std;
    truncated_moments(a, b, &z1, &z2);
    *m1 = mean + std * z1;
    *m2 = mean * mean + 2.0 * mean * std * z1 + std * std * z2;
}

/* Variance v drawn as dist draws it in fill_scaled: mean 0, mean square. */
static double scaled_second(double v, il_distribution dist)
{
    double m1, m2;
    if (dist != IL_DIST_TRUNCATED)
        return v; /* the uniform's limit^2/3 and the normal's std^2 */
    normal_cut_moments(0.0, sqrt(v) / TRUNCATED_STD, NAN, NAN, &m1, &m2);
    return m2;
}

il_status il_init_moments(const il_init_spec *spec, size_t rows, size_t cols,
                          size_t fan_in, size_t fan_out, double *mean,
                          double *second_moment)
{
    double m1 = 0.0, m2 = 0.0, fan, n;
    il_status s;
    size_t i, j, diag;
    if (!spec || !mean || !second_moment)
        return il_fail(IL_EBADARG, "spec, mean and second_moment must not be "
                       "NULL");
    if (rows == 0 || cols == 0 || fan_in == 0 || fan_out == 0)
        return il_fail(IL_EBADSIZE, "sizes and fans must be at least 1, got "
                       "%zux%zu and %zu, %zu", rows, cols, fan_in, fan_out);
    if (spec->kind == IL_INIT_NGUYEN_WIDROW || spec->kind == IL_INIT_LSUV ||
        spec->kind == IL_INIT_MATRIX)
        return il_fail(IL_EBADVALUE, "%s depends on the data: no expected "
                       "moments", il_init_name(spec->kind));
    if ((s = check_spec(spec, 0, 0)) != IL_OK)
        return s;
    fan = fan_of(spec->mode, fan_in, fan_out);
    n = (double)rows * (double)cols;
    diag = rows < cols ? rows : cols;
    switch (spec->kind) {
    case IL_INIT_DEFAULT: /* il_init_fill's: a bias's zeros */
    case IL_INIT_ZEROS:
        break;
    case IL_INIT_ONES:
        m1 = m2 = 1.0;
        break;
    case IL_INIT_CONSTANT:
        m1 = spec->value;
        m2 = spec->value * spec->value;
        break;
    case IL_INIT_UNIFORM:
        m1 = 0.5 * (spec->low + spec->high);
        m2 = (spec->low * spec->low + spec->low * spec->high +
              spec->high * spec->high) / 3.0;
        break;
    case IL_INIT_NORMAL:
        m1 = spec->mean;
        m2 = spec->mean * spec->mean + spec->std * spec->std;
        break;
    case IL_INIT_TRUNCATED_NORMAL:
        normal_cut_moments(spec->mean, spec->std, spec->low, spec->high, &m1,
                           &m2);
        break;
    case IL_INIT_SCALED_NORMAL:
        m2 = spec->scale * spec->scale;
        break;
    case IL_INIT_XAVIER_UNIFORM:
    case IL_INIT_XAVIER_NORMAL:
        m2 = scaled_second(spec->gain * spec->gain * 2.0 /
                               ((double)fan_in + (double)fan_out),
                           spec->kind == IL_INIT_XAVIER_UNIFORM ? IL_DIST_UNIFORM
                                                                : spec->dist);
        break;
    case IL_INIT_HE_UNIFORM:
    case IL_INIT_HE_NORMAL:
        m2 = scaled_second(he_variance(spec, fan),
                           spec->kind == IL_INIT_HE_UNIFORM ? IL_DIST_UNIFORM
                                                            : spec->dist);
        break;
    case IL_INIT_LECUN_UNIFORM:
    case IL_INIT_LECUN_NORMAL:
        m2 = scaled_second(1.0 / fan, spec->kind == IL_INIT_LECUN_UNIFORM
                                          ? IL_DIST_UNIFORM : spec->dist);
        break;
    case IL_INIT_VARIANCE_SCALING:
        m2 = scaled_second(spec->scale / fan, spec->dist);
        break;
    case IL_INIT_ORTHOGONAL: /* ||W||_F^2 = gain^2 min(rows, cols) */
        m2 = spec->gain * spec->gain / (double)(rows > cols ? rows : cols);
        break;
    case IL_INIT_IDENTITY:
        m1 = spec->gain * (double)diag / n;
        m2 = spec->gain * spec->gain * (double)diag / n;
        break;
    case IL_INIT_SPARSE: {
        size_t zeros = sparse_zeros(spec->fraction, rows);
        m2 = spec->std * spec->std * (double)(rows - (zeros < rows ? zeros : rows)) /
             (double)rows;
        break;
    }
    case IL_INIT_HADAMARD:
        if (rows <= cols) {
            m1 = m2 = (double)diag / n;
        } else { /* every entry +-c: the mean counts the signs */
            double c = pow(2.0, -0.5 * ((double)ceil_log2(rows) - 1.0));
            double sum = 0.0;
            for (j = 0; j < cols; j++)
                for (i = 0; i < rows; i++) {
                    size_t b = i & j;
                    int odd = 0;
                    for (; b; b &= b - 1)
                        odd ^= 1;
                    sum += odd ? -1.0 : 1.0;
                }
            m1 = c * sum / n;
            m2 = c * c;
        }
        break;
    case IL_INIT_CRITICAL: {
        double sw;
        if ((s = critical_sigma_w2(spec_act(spec), spec->sigma_b2, &sw)) !=
            IL_OK)
            return s;
        m2 = sw / (double)fan_in;
        break;
    }
    default: /* nguyen_widrow, lsuv, matrix: refused above */
        return il_fail(IL_EBADNAME, "unknown initializer %d", (int)spec->kind);
    }
    *mean = m1;
    *second_moment = m2;
    return IL_OK;
}
