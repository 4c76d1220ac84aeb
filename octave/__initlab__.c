/*
 * __initlab__.c - the one MEX gateway between Octave and the engine.
 *
 * Users call the il_*.m functions; they parse options, and call
 * __initlab__(command, ...).  Here Octave values become engine objects and
 * back: a network is a plain struct (sizes, act, act_param, loss, W, b) and
 * a recording a struct of plain arrays.  Only mex.h is used, so MATLAB's mex
 * builds it too; the Ctrl-C check is Octave's, behind a guard.
 *
 * Errors: engine objects are freed first, then mexErrMsgIdAndTxt raises the
 * engine's identifier and message (il_call.m strips Octave's "__initlab__: "
 * prefix).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mex.h"
#include "initlab.h"

#if defined(IL_OCTAVE)
#include <signal.h>
/* Octave's Ctrl-C count (liboctave's quit.h): its SIGINT handler raises it
 * (and octave_signal_caught, which every other signal raises too), and
 * Octave throws an interrupt at the next signal check while it is above 0.
 * The build defines IL_OCTAVE when it builds for Octave. */
extern sig_atomic_t octave_interrupt_state;
#define INTERRUPT_PENDING() (octave_interrupt_state > 0)
#define INTERRUPT_CLEAR() (octave_interrupt_state = 0)
#else
#define INTERRUPT_PENDING() 0
#define INTERRUPT_CLEAR() ((void)0)
#endif

#define MAX_NAME 64

/* Everything a command may own, freed in one place before an error is
 * raised or the command returns. */
typedef struct {
    il_net *net;
    il_record *rec;
    il_init_spec *specs;
    double *buf;
    long *iters;
} owned;

static void release(owned *o)
{
    il_net_free(o->net);
    il_record_free(o->rec);
    free(o->specs);
    free(o->buf);
    free(o->iters);
    memset(o, 0, sizeof *o);
}

static void fail(owned *o, il_status s)
{
    char msg[600];
    snprintf(msg, sizeof msg, "%s", il_last_error());
    release(o);
    mexErrMsgIdAndTxt(il_status_id(s), "%s", msg);
}

static void fail_arg(owned *o, const char *id, const char *fmt, const char *a)
{
    char msg[600];
    snprintf(msg, sizeof msg, fmt, a);
    release(o);
    mexErrMsgIdAndTxt(id, "%s", msg);
}

#define TRY(o, call)                                                          \
    do {                                                                      \
        il_status s_ = (call);                                                \
        if (s_ != IL_OK)                                                      \
            fail((o), s_);                                                    \
    } while (0)

/* ---- reading Octave values ------------------------------------------------ */

static void get_string(owned *o, const mxArray *a, const char *what, char *out)
{
    if (!a || !mxIsChar(a) || mxGetNumberOfElements(a) >= MAX_NAME ||
        mxGetString(a, out, MAX_NAME) != 0)
        fail_arg(o, "initlab:badArg", "%s must be a short string", what);
}

static int is_real_double(const mxArray *a)
{
    return a && mxIsDouble(a) && !mxIsComplex(a) && !mxIsSparse(a);
}

static double get_scalar(owned *o, const mxArray *a, const char *what)
{
    if (!is_real_double(a) || mxGetNumberOfElements(a) != 1)
        fail_arg(o, "initlab:badArg", "%s must be a real double scalar", what);
    return mxGetScalar(a);
}

static const mxArray *field(const mxArray *s, const char *name)
{
    const mxArray *f = mxGetField(s, 0, name);
    return f && !mxIsEmpty(f) ? f : NULL;
}

static const double *get_matrix(owned *o, const mxArray *a, const char *what,
                                size_t rows, size_t *cols)
{
    char msg[200];
    if (!is_real_double(a) || mxGetNumberOfDimensions(a) != 2) {
        snprintf(msg, sizeof msg, "%s must be a real double matrix", what);
        fail_arg(o, "initlab:badArg", "%s", msg);
    }
    if (mxGetM(a) != rows) {
        snprintf(msg, sizeof msg, "%s must have %zu rows (one per %s), got %zu",
                 what, rows, strcmp(what, "X") == 0 ? "input" : "output unit",
                 (size_t)mxGetM(a));
        release(o);
        mexErrMsgIdAndTxt("initlab:badSize", "%s", msg);
    }
    *cols = mxGetN(a);
    return mxGetPr(a);
}

/* The network struct -> an engine network (validated by the engine). */
static void read_net(owned *o, const mxArray *s)
{
    const mxArray *sizes_a, *act_a, *param_a, *loss_a, *W_a, *b_a;
    size_t L, l, sizes[256];
    il_act acts[255];
    il_loss loss;
    char name[MAX_NAME];

    if (!s || !mxIsStruct(s) || mxGetNumberOfElements(s) != 1)
        fail_arg(o, "initlab:badArg", "%s must be a network struct from il_net",
                 "net");
    sizes_a = field(s, "sizes");
    act_a = field(s, "act");
    param_a = field(s, "act_param");
    loss_a = field(s, "loss");
    W_a = field(s, "W");
    b_a = field(s, "b");
    if (!sizes_a || !act_a || !loss_a || !W_a || !b_a)
        fail_arg(o, "initlab:badArg", "%s must have the fields sizes, act, loss, "
                 "W and b (make it with il_net)", "net");
    if (!is_real_double(sizes_a) || mxGetNumberOfElements(sizes_a) < 2 ||
        mxGetNumberOfElements(sizes_a) > 256)
        fail_arg(o, "initlab:badArg", "%s must be a vector of 2 to 256 layer "
                 "sizes", "net.sizes");
    L = mxGetNumberOfElements(sizes_a) - 1;
    for (l = 0; l <= L; l++) {
        double v = mxGetPr(sizes_a)[l];
        if (!(v >= 1 && v <= 1e9 && v == floor(v)))
            fail_arg(o, "initlab:badSize", "%s must be positive integers",
                     "net.sizes");
        sizes[l] = (size_t)v;
    }
    if (!mxIsCell(act_a) || mxGetNumberOfElements(act_a) != L)
        fail_arg(o, "initlab:badSize", "%s must be a cell with one activation "
                 "name per layer", "net.act");
    if (!mxIsCell(W_a) || mxGetNumberOfElements(W_a) != L || !mxIsCell(b_a) ||
        mxGetNumberOfElements(b_a) != L)
        fail_arg(o, "initlab:badSize", "%s must be cells with one matrix per "
                 "layer", "net.W and net.b");
    for (l = 0; l < L; l++) {
        get_string(o, mxGetCell(act_a, l), "net.act{l}", name);
        TRY(o, il_act_from_name(name, &acts[l]));
        if (param_a && is_real_double(param_a) &&
            mxGetNumberOfElements(param_a) == L && !isnan(mxGetPr(param_a)[l]))
            acts[l].param = mxGetPr(param_a)[l];
    }
    get_string(o, loss_a, "net.loss", name);
    if (strcmp(name, "auto") == 0)
        loss = il_loss_for_output(acts[L - 1].kind);
    else
        TRY(o, il_loss_from_name(name, &loss));
    TRY(o, il_net_new(&o->net, L, sizes, acts, loss));
    for (l = 1; l <= L; l++) {
        const mxArray *W = mxGetCell(W_a, l - 1), *b = mxGetCell(b_a, l - 1);
        if (!is_real_double(W) || !is_real_double(b) ||
            mxGetNumberOfDimensions(W) != 2) {
            char msg[120];
            snprintf(msg, sizeof msg, "layer %zu W and b must be real double "
                     "matrices", l);
            fail_arg(o, "initlab:badArg", "%s", msg);
        }
        if (mxGetNumberOfElements(b) != sizes[l] ||
            (mxGetM(b) != 1 && mxGetN(b) != 1)) {
            char msg[120];
            snprintf(msg, sizeof msg, "layer %zu b must be a %zux1 vector, got "
                     "%zux%zu", l, sizes[l], (size_t)mxGetM(b),
                     (size_t)mxGetN(b));
            release(o);
            mexErrMsgIdAndTxt("initlab:badSize", "%s", msg);
        }
        TRY(o, il_net_set_layer(o->net, l, mxGetPr(W), mxGetM(W), mxGetN(W),
                                mxGetPr(b), sizes[l]));
    }
}

/* A copy of the network struct s with W and b from the engine network. */
static mxArray *write_net(const il_net *net, const mxArray *s)
{
    mxArray *out = mxDuplicateArray(s), *W, *b;
    size_t L = il_net_layers(net), l;
    W = mxCreateCellMatrix(1, L);
    b = mxCreateCellMatrix(1, L);
    for (l = 1; l <= L; l++) {
        size_t n = il_net_size(net, l), k = il_net_size(net, l - 1);
        mxArray *Wl = mxCreateDoubleMatrix(n, k, mxREAL);
        mxArray *bl = mxCreateDoubleMatrix(n, 1, mxREAL);
        memcpy(mxGetPr(Wl), il_net_cW(net, l), n * k * sizeof(double));
        memcpy(mxGetPr(bl), il_net_cb(net, l), n * sizeof(double));
        mxSetCell(W, l - 1, Wl);
        mxSetCell(b, l - 1, bl);
    }
    mxDestroyArray(mxGetField(out, 0, "W"));
    mxDestroyArray(mxGetField(out, 0, "b"));
    mxDestroyArray(mxGetField(out, 0, "loss"));
    mxSetField(out, 0, "W", W);
    mxSetField(out, 0, "b", b);
    mxSetField(out, 0, "loss", mxCreateString(il_loss_name(il_net_loss(net))));
    return out;
}

/* Optional scalar field of an options struct. */
static int opt_scalar(owned *o, const mxArray *s, const char *name, double *v)
{
    const mxArray *f = s ? field(s, name) : NULL;
    if (!f)
        return 0;
    *v = get_scalar(o, f, name);
    return 1;
}

static int opt_string(owned *o, const mxArray *s, const char *name, char *v)
{
    const mxArray *f = s ? field(s, name) : NULL;
    if (!f)
        return 0;
    get_string(o, f, name, v);
    return 1;
}

static long to_count(owned *o, double v, const char *what)
{
    if (!(v >= 0 && v <= 9e15 && v == floor(v)))
        fail_arg(o, "initlab:badValue", "%s must be a whole number >= 0",
                 what);
    return (long)v;
}

static uint64_t to_seed(owned *o, double v)
{
    if (!(v >= 0 && v < 18446744073709551616.0 && v == floor(v)))
        fail_arg(o, "initlab:badValue", "%s must be a whole number >= 0",
                 "seed");
    return (uint64_t)v;
}

/* ---- initializers ----------------------------------------------------------- */

/* One spec from element i of a struct array with fields kind, value, low,
 * high, mean, std, scale, gain, slope, mode, distribution, fraction,
 * matrix; empty fields keep the kind's defaults. */
static void read_spec(owned *o, const mxArray *specs, size_t i,
                      il_init_spec *spec)
{
    char name[MAX_NAME];
    il_init_kind kind;
    const mxArray *f;
    static const char *const number_fields[] = {
        "value", "low", "high", "mean", "std", "scale", "gain", "slope",
        "fraction"};
    size_t q;

    f = mxGetField(specs, i, "kind");
    get_string(o, f, "initializer", name);
    TRY(o, il_init_from_name(name, &kind));
    il_init_spec_default(spec, kind);
    for (q = 0; q < sizeof number_fields / sizeof number_fields[0]; q++) {
        double v;
        f = mxGetField(specs, i, number_fields[q]);
        if (!f || mxIsEmpty(f))
            continue;
        v = get_scalar(o, f, number_fields[q]);
        switch (q) {
        case 0: spec->value = v; break;
        case 1: spec->low = v; break;
        case 2: spec->high = v; break;
        case 3: spec->mean = v; break;
        case 4: spec->std = v; break;
        case 5: spec->scale = v; break;
        case 6: spec->gain = v; break;
        case 7: spec->slope = v; break;
        default: spec->fraction = v; break;
        }
    }
    f = mxGetField(specs, i, "mode");
    if (f && !mxIsEmpty(f)) {
        get_string(o, f, "mode", name);
        TRY(o, il_fan_from_name(name, &spec->mode));
    }
    f = mxGetField(specs, i, "distribution");
    if (f && !mxIsEmpty(f)) {
        get_string(o, f, "distribution", name);
        TRY(o, il_dist_from_name(name, &spec->dist));
    }
    f = mxGetField(specs, i, "matrix");
    if (f && !mxIsEmpty(f)) {
        if (!is_real_double(f) || mxGetNumberOfDimensions(f) != 2)
            fail_arg(o, "initlab:badArg", "%s must be a real double matrix",
                     "matrix");
        spec->matrix = mxGetPr(f);
        spec->matrix_rows = mxGetM(f);
        spec->matrix_cols = mxGetN(f);
    }
}

/* The stream an rng name ('xoshiro', 'numpy') stands for. */
static int get_rng(owned *o, const mxArray *a)
{
    char name[MAX_NAME];
    int kind;
    get_string(o, a, "rng", name);
    TRY(o, il_rng_from_name(name, &kind));
    return kind;
}

/* __initlab__('init', net, wspecs, bspecs, seed, X, tol, max_trials, rng)
 *   -> [net, lsuv_trials] */
static void cmd_init(owned *o, int nlhs, mxArray *plhs[], int nrhs,
                     const mxArray *prhs[])
{
    il_init_opts opts;
    size_t L, n_w, n_b, i, cols;
    int trials[256];
    mxArray *t;

    if (nrhs != 8)
        fail_arg(o, "initlab:badArg", "%s", "init takes 8 arguments");
    read_net(o, prhs[0]);
    L = il_net_layers(o->net);
    n_w = mxGetNumberOfElements(prhs[1]);
    n_b = mxIsEmpty(prhs[2]) ? 0 : mxGetNumberOfElements(prhs[2]);
    if (!mxIsStruct(prhs[1]) || (n_w != 1 && n_w != L) ||
        (n_b && (!mxIsStruct(prhs[2]) || n_b != n_w)))
        fail_arg(o, "initlab:badSize", "%s", "give one initializer for all "
                 "layers or one per layer");
    o->specs = calloc(2 * n_w, sizeof *o->specs);
    if (!o->specs)
        fail_arg(o, "initlab:noMemory", "%s", "out of memory");
    for (i = 0; i < n_w; i++) {
        read_spec(o, prhs[1], i, &o->specs[i]);
        if (n_b)
            read_spec(o, prhs[2], i, &o->specs[n_w + i]);
    }
    il_init_opts_default(&opts);
    opts.weights = o->specs;
    opts.biases = n_b ? o->specs + n_w : NULL;
    opts.n_specs = n_w;
    opts.seed = to_seed(o, get_scalar(o, prhs[3], "seed"));
    if (!mxIsEmpty(prhs[4])) {
        opts.X = get_matrix(o, prhs[4], "X", il_net_size(o->net, 0), &cols);
        opts.m = cols;
    }
    opts.lsuv_tol = get_scalar(o, prhs[5], "tol");
    opts.lsuv_max_trials = (int)to_count(o, get_scalar(o, prhs[6], "max_trials"),
                                         "max_trials");
    opts.lsuv_trials = trials;
    opts.rng = get_rng(o, prhs[7]);
    TRY(o, il_net_init(o->net, &opts));
    plhs[0] = write_net(o->net, prhs[0]);
    if (nlhs > 1) {
        t = mxCreateDoubleMatrix(1, L, mxREAL);
        for (i = 0; i < L; i++)
            mxGetPr(t)[i] = trials[i];
        plhs[1] = t;
    }
}

/* __initlab__('init_default', net, seed) -> net */
static void cmd_init_default(owned *o, mxArray *plhs[], int nrhs,
                             const mxArray *prhs[])
{
    if (nrhs != 2)
        fail_arg(o, "initlab:badArg", "%s", "init_default takes 2 arguments");
    read_net(o, prhs[0]);
    TRY(o, il_net_init_default(o->net, to_seed(o, get_scalar(o, prhs[1], "seed"))));
    plhs[0] = write_net(o->net, prhs[0]);
}

/* ---- passes -------------------------------------------------------------------- */

/* __initlab__('forward', net, X, want_layers) -> [out, Z, A] */
static void cmd_forward(owned *o, int nlhs, mxArray *plhs[], int nrhs,
                        const mxArray *prhs[])
{
    size_t m, L, l;
    const double *X;
    double *Zp[256], *Ap[256];
    mxArray *Z = NULL, *A = NULL;

    if (nrhs != 2)
        fail_arg(o, "initlab:badArg", "%s", "forward takes 2 arguments");
    read_net(o, prhs[0]);
    L = il_net_layers(o->net);
    X = get_matrix(o, prhs[1], "X", il_net_size(o->net, 0), &m);
    plhs[0] = mxCreateDoubleMatrix(il_net_size(o->net, L), m, mxREAL);
    if (nlhs > 1) {
        Z = mxCreateCellMatrix(1, L);
        A = mxCreateCellMatrix(1, L);
        for (l = 1; l <= L; l++) {
            mxArray *z = mxCreateDoubleMatrix(il_net_size(o->net, l), m, mxREAL);
            mxArray *a = mxCreateDoubleMatrix(il_net_size(o->net, l), m, mxREAL);
            Zp[l - 1] = mxGetPr(z);
            Ap[l - 1] = mxGetPr(a);
            mxSetCell(Z, l - 1, z);
            mxSetCell(A, l - 1, a);
        }
    }
    TRY(o, il_forward(o->net, X, m, mxGetPr(plhs[0]), Z ? Zp : NULL,
                      A ? Ap : NULL));
    if (nlhs > 1)
        plhs[1] = Z;
    if (nlhs > 2)
        plhs[2] = A;
}

/* The network in prhs[0], X in prhs[1] and, when want_Y, Y in prhs[2]
 * (NULL when empty): sizes checked against the network. */
static void read_batch(owned *o, const mxArray *prhs[], int want_Y,
                       const double **X, const double **Y, size_t *m)
{
    size_t mY;
    read_net(o, prhs[0]);
    *X = get_matrix(o, prhs[1], "X", il_net_size(o->net, 0), m);
    *Y = NULL;
    if (!want_Y || mxIsEmpty(prhs[2]))
        return;
    *Y = get_matrix(o, prhs[2], "Y", il_net_size(o->net, il_net_layers(o->net)),
                    &mY);
    if (mY != *m)
        fail_arg(o, "initlab:badSize", "%s", "X and Y must have the same "
                 "number of columns (samples)");
}

/* __initlab__('evaluate', net, X, Y) -> [loss, accuracy] */
static void cmd_evaluate(owned *o, mxArray *plhs[], int nrhs,
                         const mxArray *prhs[])
{
    size_t m;
    const double *X, *Y;
    double loss, acc;
    if (nrhs != 3)
        fail_arg(o, "initlab:badArg", "%s", "evaluate takes 3 arguments");
    read_batch(o, prhs, 1, &X, &Y, &m);
    if (!Y)
        fail_arg(o, "initlab:badArg", "%s", "Y must not be empty");
    TRY(o, il_evaluate(o->net, X, Y, m, &loss, &acc));
    plhs[0] = mxCreateDoubleScalar(loss);
    plhs[1] = mxCreateDoubleScalar(acc);
}

/* ---- recording ------------------------------------------------------------------ */

/* Recording options from a struct: every, iters, what (cell of part names),
 * percentiles, hist_bins, hist_range, sat_theta, distinct_tol, probe,
 * max_bytes. */
static void read_record_opts(owned *o, const mxArray *s, size_t n0,
                             il_record_opts *ro)
{
    const mxArray *f;
    double v;
    size_t i, cols;

    il_record_opts_default(ro);
    if (opt_scalar(o, s, "every", &v))
        ro->every = to_count(o, v, "record_every");
    if ((f = field(s, "iters")) != NULL) {
        if (!is_real_double(f))
            fail_arg(o, "initlab:badArg", "%s must be a vector of iterations",
                     "record_iters");
        ro->n_iters = mxGetNumberOfElements(f);
        o->iters = malloc(ro->n_iters * sizeof *o->iters);
        if (!o->iters)
            fail_arg(o, "initlab:noMemory", "%s", "out of memory");
        for (i = 0; i < ro->n_iters; i++)
            o->iters[i] = to_count(o, mxGetPr(f)[i], "record_iters");
        ro->iters = o->iters;
    }
    if ((f = field(s, "what")) != NULL) {
        if (!mxIsCell(f))
            fail_arg(o, "initlab:badArg", "%s must be a cell of names", "record");
        ro->what = 0;
        for (i = 0; i < mxGetNumberOfElements(f); i++) {
            char name[MAX_NAME];
            unsigned bits;
            get_string(o, mxGetCell(f, i), "record", name);
            TRY(o, il_record_part_from_name(name, &bits));
            ro->what |= bits;
        }
    }
    if ((f = field(s, "percentiles")) != NULL) {
        if (!is_real_double(f))
            fail_arg(o, "initlab:badArg", "%s must be a vector in [0, 100]",
                     "percentiles");
        ro->percentiles = mxGetPr(f);
        ro->n_percentiles = mxGetNumberOfElements(f);
    }
    if (opt_scalar(o, s, "hist_bins", &v))
        ro->hist_bins = (size_t)to_count(o, v, "hist_bins");
    if ((f = field(s, "hist_range")) != NULL) {
        if (!is_real_double(f) || mxGetNumberOfElements(f) != 2)
            fail_arg(o, "initlab:badArg", "%s must be [lo hi]", "hist_range");
        ro->hist_lo = mxGetPr(f)[0];
        ro->hist_hi = mxGetPr(f)[1];
    }
    opt_scalar(o, s, "sat_theta", &ro->sat_theta);
    opt_scalar(o, s, "distinct_tol", &ro->distinct_tol);
    if (opt_scalar(o, s, "max_bytes", &v))
        ro->max_bytes = (size_t)to_count(o, v, "max_bytes");
    if ((f = field(s, "probe")) != NULL) {
        ro->probe_X = get_matrix(o, f, "probe", n0, &cols);
        ro->probe_m = cols;
    }
}

static mxArray *matrix_from(const double *data, size_t rows, size_t cols)
{
    mxArray *a = mxCreateDoubleMatrix(rows, cols, mxREAL);
    if (data)
        memcpy(mxGetPr(a), data, rows * cols * sizeof(double));
    return a;
}

static mxArray *array3_from(const double *data, size_t d1, size_t d2,
                            size_t d3)
{
    mwSize dims[3];
    mxArray *a;
    dims[0] = d1;
    dims[1] = d2;
    dims[2] = d3;
    a = mxCreateNumericArray(3, dims, mxDOUBLE_CLASS, mxREAL);
    if (data)
        memcpy(mxGetPr(a), data, d1 * d2 * d3 * sizeof(double));
    return a;
}

/* The recording as a struct of plain arrays (fields absent when not
 * recorded). */
static mxArray *write_record(const il_record *rec, const il_net *net)
{
    size_t R = il_record_count(rec), L = il_record_layers(rec), l, r, n_p, bins;
    mxArray *s = mxCreateStructMatrix(1, 1, 0, NULL), *a;
    const double *d;
    double lo, hi;
    int st;

#define SET(name, value) mxSetField(s, 0, name, value)
#define ADD(name, value) (mxAddField(s, name), SET(name, value))
    a = mxCreateDoubleMatrix(1, R, mxREAL);
    for (r = 0; r < R; r++)
        mxGetPr(a)[r] = (double)il_record_iters(rec)[r];
    ADD("iter", a);
    if ((d = il_record_loss(rec)) != NULL) {
        ADD("loss", matrix_from(d, 1, R));
        ADD("accuracy", matrix_from(il_record_accuracy(rec), 1, R));
    }
    for (st = 0; st < IL_STAT_COUNT; st++)
        if ((d = il_record_stat(rec, (il_stat)st)) != NULL)
            ADD(il_stat_name((il_stat)st), matrix_from(d, L, R));
    if ((d = il_record_percentiles(rec, &n_p)) != NULL)
        ADD("percentiles", array3_from(d, L, n_p, R));
    if ((d = il_record_hist(rec, &bins, &lo, &hi)) != NULL) {
        ADD("hist", array3_from(d, L, bins, R));
        a = mxCreateDoubleMatrix(1, bins + 1, mxREAL);
        for (r = 0; r <= bins; r++)
            mxGetPr(a)[r] = lo + (hi - lo) * (double)r / (double)bins;
        ADD("hist_edges", a);
    }
    if (il_record_W(rec, 1)) {
        mxArray *W = mxCreateCellMatrix(1, L), *b = mxCreateCellMatrix(1, L);
        for (l = 1; l <= L; l++) {
            size_t n = il_net_size(net, l), k = il_net_size(net, l - 1);
            mxSetCell(W, l - 1, array3_from(il_record_W(rec, l), n, k, R));
            mxSetCell(b, l - 1, matrix_from(il_record_b(rec, l), n, R));
        }
        ADD("W", W);
        ADD("b", b);
    }
#undef SET
#undef ADD
    return s;
}

/* ---- training ------------------------------------------------------------------ */

typedef struct {
    long print_every;   /* 0: silent */
    long next_print;
    int interrupted;
} progress_state;

/* Prints progress and notices Ctrl-C.  Consuming the Ctrl-C keeps Octave
 * from raising it later - at the next signal of any kind, a child's exit
 * say, in the middle of whatever the caller does next - so the caller gets
 * what was recorded up to here and carries on.  Other signals are left to
 * Octave, and are not taken for a Ctrl-C. */
static int train_hook(void *ctx, const il_progress *p)
{
    progress_state *ps = ctx;
    if (INTERRUPT_PENDING()) {
        INTERRUPT_CLEAR();
        ps->interrupted = 1;
        return 1;
    }
    if (ps->print_every > 0 && p->iter >= ps->next_print) {
        const double *sat = p->rec ? il_record_stat(p->rec, IL_STAT_SATURATION)
                                   : NULL;
        mexPrintf("iter %8ld/%ld  loss %.6g", p->iter, p->iters, p->loss);
        if (sat && il_record_count(p->rec) > 0) {
            size_t L = il_record_layers(p->rec), l, last = il_record_count(p->rec) - 1;
            mexPrintf("  saturation (iter %ld):",
                      il_record_iters(p->rec)[last]);
            for (l = 0; l < L; l++)
                mexPrintf(" %.3f", sat[l + L * last]);
        }
        mexPrintf("\n");
        ps->next_print = p->iter + ps->print_every;
    }
    return 0;
}

/* __initlab__('train', net, X, Y, train_opts, record_opts) -> [net, rec] */
static void cmd_train(owned *o, int nlhs, mxArray *plhs[], int nrhs,
                      const mxArray *prhs[])
{
    il_train_opts opts;
    il_record_opts ro;
    il_train_info info;
    progress_state ps;
    const mxArray *s;
    size_t m;
    const double *X, *Y;
    char name[MAX_NAME];
    double v;
    mxArray *rec;
    int recording;

    if (nrhs != 5)
        fail_arg(o, "initlab:badArg", "%s", "train takes 5 arguments");
    read_batch(o, prhs, 1, &X, &Y, &m);
    if (!Y)
        fail_arg(o, "initlab:badArg", "%s", "Y must not be empty");
    s = prhs[3];
    il_train_opts_default(&opts);
    if (opt_scalar(o, s, "iters", &v))
        opts.iters = to_count(o, v, "iters");
    if (opt_scalar(o, s, "epochs", &v)) {
        opts.epochs = to_count(o, v, "epochs");
        if (!field(s, "iters"))
            opts.iters = 0;
    }
    opt_scalar(o, s, "lr", &opts.lr);
    if (opt_scalar(o, s, "batch", &v))
        opts.batch = (size_t)to_count(o, v, "batch");
    if (opt_scalar(o, s, "shuffle", &v))
        opts.shuffle = v != 0;
    if (opt_scalar(o, s, "seed", &v))
        opts.seed = to_seed(o, v);
    if (opt_string(o, s, "optimizer", name))
        TRY(o, il_opt_from_name(name, &opts.opt));
    opt_scalar(o, s, "momentum", &opts.momentum);
    opt_scalar(o, s, "beta1", &opts.beta1);
    opt_scalar(o, s, "beta2", &opts.beta2);
    opt_scalar(o, s, "rho", &opts.rho);
    opt_scalar(o, s, "eps", &opts.eps);
    opt_scalar(o, s, "l2", &opts.l2);
    memset(&ps, 0, sizeof ps);
    if (opt_scalar(o, s, "progress_every", &v))
        ps.print_every = to_count(o, v, "progress_every");
    opts.hook = train_hook;
    opts.hook_ctx = &ps;
    /* often enough that Ctrl-C is felt at once, rarely enough to cost
     * nothing: the hook computes the batch loss */
    opts.hook_every = 50;
    recording = !mxIsEmpty(prhs[4]);
    if (recording)
        read_record_opts(o, prhs[4], il_net_size(o->net, 0), &ro);
    TRY(o, il_train(o->net, X, Y, m, &opts, recording ? &ro : NULL,
                    recording ? &o->rec : NULL, &info));
    plhs[0] = write_net(o->net, prhs[0]);
    if (nlhs > 1) {
        rec = o->rec ? write_record(o->rec, o->net)
                     : mxCreateStructMatrix(1, 1, 0, NULL);
        mxAddField(rec, "iters_done");
        mxSetField(rec, 0, "iters_done", mxCreateDoubleScalar((double)info.iters_done));
        mxAddField(rec, "final_loss");
        mxSetField(rec, 0, "final_loss", mxCreateDoubleScalar(info.final_loss));
        mxAddField(rec, "stopped");
        mxSetField(rec, 0, "stopped",
                   mxCreateString(info.stopped == IL_STOP_NONE ? ""
                                  : info.stopped == IL_STOP_NONFINITE
                                      ? "nonfinite"
                                      : "interrupted"));
        mxAddField(rec, "message");
        mxSetField(rec, 0, "message",
                   mxCreateString(ps.interrupted
                                      ? "training interrupted (Ctrl-C)"
                                      : info.message));
        mxAddField(rec, "stop_layer");
        mxSetField(rec, 0, "stop_layer",
                   mxCreateDoubleScalar((double)info.stop_layer));
        plhs[1] = rec;
    }
    if (ps.interrupted)
        mexPrintf("il_train: interrupted at iteration %ld; returning what was "
                  "recorded so far\n", info.iters_done);
}

/* __initlab__('stats', net, X, Y, record_opts) -> rec */
static void cmd_stats(owned *o, mxArray *plhs[], int nrhs,
                      const mxArray *prhs[])
{
    il_record_opts ro;
    size_t m;
    const double *X, *Y;
    if (nrhs != 4)
        fail_arg(o, "initlab:badArg", "%s", "stats takes 4 arguments");
    read_batch(o, prhs, 1, &X, &Y, &m);
    read_record_opts(o, prhs[3], il_net_size(o->net, 0), &ro);
    TRY(o, il_net_stats(o->net, X, Y, m, &ro, &o->rec));
    plhs[0] = write_record(o->rec, o->net);
}

/* ---- small things ----------------------------------------------------------------- */

/* __initlab__('gain', name, param) -> [gain, computed] */
static void cmd_gain(owned *o, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
    char name[MAX_NAME];
    il_act act;
    double g, p;
    int computed;
    if (nrhs != 2)
        fail_arg(o, "initlab:badArg", "%s", "gain takes 2 arguments");
    get_string(o, prhs[0], "nonlinearity", name);
    TRY(o, il_act_from_name(name, &act));
    p = get_scalar(o, prhs[1], "param");
    if (!isnan(p))
        act.param = p;
    TRY(o, il_gain(act, &g, &computed));
    plhs[0] = mxCreateDoubleScalar(g);
    plhs[1] = mxCreateLogicalScalar(computed != 0);
}

/* __initlab__('dataset', name, n, noise, factor, classes, seed, rng)
 *   -> [X, labels] */
static void cmd_dataset(owned *o, mxArray *plhs[], int nrhs,
                        const mxArray *prhs[])
{
    char name[MAX_NAME];
    il_dataset_kind kind;
    il_dataset_opts d;
    size_t n;
    double v;
    if (nrhs != 7)
        fail_arg(o, "initlab:badArg", "%s", "dataset takes 7 arguments");
    get_string(o, prhs[0], "dataset", name);
    TRY(o, il_dataset_from_name(name, &kind));
    il_dataset_opts_default(&d, kind);
    n = (size_t)to_count(o, get_scalar(o, prhs[1], "n"), "n");
    if (!isnan(v = get_scalar(o, prhs[2], "noise")))
        d.noise = v;
    if (!isnan(v = get_scalar(o, prhs[3], "factor")))
        d.factor = v;
    if (!isnan(v = get_scalar(o, prhs[4], "classes")))
        d.classes = (size_t)to_count(o, v, "classes");
    d.rng = get_rng(o, prhs[6]);
    plhs[0] = mxCreateDoubleMatrix(2, n, mxREAL);
    plhs[1] = mxCreateDoubleMatrix(1, n, mxREAL);
    TRY(o, il_dataset(kind, n, &d, to_seed(o, get_scalar(o, prhs[5], "seed")),
                      mxGetPr(plhs[0]), mxGetPr(plhs[1])));
}

/* __initlab__('check', net) -> net, validated (sizes, names, finiteness) */
static void cmd_check(owned *o, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
    if (nrhs != 1)
        fail_arg(o, "initlab:badArg", "%s", "check takes 1 argument");
    read_net(o, prhs[0]);
    plhs[0] = mxCreateLogicalScalar(1);
}

void mexFunction(int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
    owned o;
    char cmd[MAX_NAME];
    memset(&o, 0, sizeof o);
    if (nrhs < 1)
        fail_arg(&o, "initlab:badArg", "%s", "__initlab__ needs a command");
    get_string(&o, prhs[0], "command", cmd);
    nrhs--;
    prhs++;
    if (strcmp(cmd, "init") == 0)
        cmd_init(&o, nlhs, plhs, nrhs, prhs);
    else if (strcmp(cmd, "init_default") == 0)
        cmd_init_default(&o, plhs, nrhs, prhs);
    else if (strcmp(cmd, "forward") == 0)
        cmd_forward(&o, nlhs, plhs, nrhs, prhs);
    else if (strcmp(cmd, "evaluate") == 0)
        cmd_evaluate(&o, plhs, nrhs, prhs);
    else if (strcmp(cmd, "train") == 0)
        cmd_train(&o, nlhs, plhs, nrhs, prhs);
    else if (strcmp(cmd, "stats") == 0)
        cmd_stats(&o, plhs, nrhs, prhs);
    else if (strcmp(cmd, "gain") == 0)
        cmd_gain(&o, plhs, nrhs, prhs);
    else if (strcmp(cmd, "dataset") == 0)
        cmd_dataset(&o, plhs, nrhs, prhs);
    else if (strcmp(cmd, "check") == 0)
        cmd_check(&o, plhs, nrhs, prhs);
    else
        fail_arg(&o, "initlab:badArg", "unknown command '%s'", cmd);
    release(&o);
}
