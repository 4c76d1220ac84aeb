/*
 * __initlab__.c - the one MEX gateway between Octave and the engine.
 *
 * The il_*.m functions pass their arguments on as they are:
 * __initlab__(command, positional arguments..., name, value, ...).  Nothing
 * here restates an option: each value becomes an il_value for the engine's
 * contract (src/contract.c), which owns every name, type, range and
 * default; records are built by walking the engine's field table.  Errors:
 * all that is owned is freed, then mexErrMsgIdAndTxt raises the engine's
 * identifier and message.  Only mex.h is used and the Ctrl-C check is
 * Octave's, behind a guard, but this is built and tested for Octave only:
 * MATLAB cannot call a function whose name starts with '_', so a MATLAB
 * build would need the gateway renamed; nothing builds or tests one today.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
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

typedef union block { /* a malloc'd block of converted values */
    union block *next;
    max_align_t align;
} block;

/* One command: its arguments, its results, what it has read, and all it
 * owns, freed in one place before an error is raised or it returns. */
typedef struct {
    int nlhs, nrhs;             /* nrhs: the arguments after the command */
    const mxArray **prhs;
    mxArray *out[3];            /* results; mexFunction hands on nlhs */
    const double *X, *Y;        /* the batch, m samples */
    size_t m;
    const mxArray *fn;          /* a function option (progress) */
    mxArray *fn_error;          /* what it raised */
    int verbose;                /* training prints progress */
    il_options *opts, *net_opts;
    il_net *net;
    il_record *rec;
    block *blocks;              /* converted strings and lists */
} cmd;

static void release(cmd *c)
{
    block *b;
    il_options_free(c->opts);
    il_options_free(c->net_opts);
    il_net_free(c->net);
    il_record_free(c->rec);
    while ((b = c->blocks) != NULL) {
        c->blocks = b->next;
        free(b);
    }
}

/* mexErrMsgIdAndTxt does not return: it unwinds into Octave. */
static _Noreturn void fail_msg(cmd *c, const char *id, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    release(c);
    mexErrMsgIdAndTxt(id, "%s", msg);
    abort(); /* not reached */
}

#define TRY(c, call)                                                          \
    do {                                                                      \
        il_status s_ = (call);                                                \
        if (s_ != IL_OK)                                                      \
            fail_msg((c), il_status_id(s_), "%s", il_last_error());           \
    } while (0)

static void *keep(cmd *c, size_t count, size_t size)
{
    block *b = NULL;
    if (count <= (SIZE_MAX - sizeof *b) / (size ? size : 1))
        b = malloc(sizeof *b + count * size);
    if (!b)
        fail_msg(c, "initlab:noMemory", "out of memory for %zu values", count);
    b->next = c->blocks;
    c->blocks = b;
    return b + 1;
}

/* Ctrl-C, for the engine's interrupt hook.  Consuming it keeps Octave from
 * raising it later - at the next signal of any kind, a child's exit say, in
 * the middle of whatever the caller does next - so il_train returns what it
 * recorded up to here and the caller carries on (init, dataset and stats
 * fail with initlab:interrupted).  Other signals are left to Octave, and are
 * not taken for a Ctrl-C. */
static int interrupted(void *ctx)
{
    (void)ctx;
    if (!INTERRUPT_PENDING())
        return 0;
    INTERRUPT_CLEAR();
    return 1;
}

/* ---- Octave values as the engine's il_value ------------------------------ */

static const double no_numbers[1];

/* Numbers of every real class arrive as doubles (Octave converts the other
 * classes; its copy lives until the command returns), cells as lists. */
static void to_value(cmd *c, const mxArray *a, il_value *v, int depth)
{
    mxClassID id = a ? mxGetClassID(a) : mxUNKNOWN_CLASS;
    size_t n = a ? mxGetNumberOfElements(a) : 0, i;
    mxArray *d = (mxArray *)a;
    char *t;
    memset(v, 0, sizeof *v);
    v->kind = IL_VAL_OTHER;
    v->host_type = !a ? "nothing" : id == mxSTRUCT_CLASS ? "a struct"
        : mxGetNumberOfDimensions(a) > 2 ? "an N-d array"
        : id == mxCELL_CLASS && depth > 8 ? "a deeply nested cell"
        : id == mxCHAR_CLASS && mxGetM(a) != 1 && n ? "a char matrix"
        : mxIsSparse(a) ? "a sparse matrix"
        : mxIsComplex(a) ? (n == 1 ? "a complex number" : "a complex array")
        : NULL;
    if (v->host_type) {
        return;
    } else if (id == mxFUNCTION_CLASS) {
        v->kind = IL_VAL_FUNCTION;
    } else if (id == mxCELL_CLASS) {
        il_value *items = keep(c, n, sizeof *items);
        for (i = 0; i < n; i++)
            to_value(c, mxGetCell(a, i), &items[i], depth + 1);
        v->kind = IL_VAL_LIST;
        v->items = items;
        v->n_items = n;
    } else if (id == mxCHAR_CLASS) {
        t = keep(c, n + 1, 1);
        if (mxGetString(a, t, n + 1) != 0)
            t[0] = '\0';
        v->kind = IL_VAL_STRING;
        v->str = t;
    } else if (mxIsNumeric(a) || id == mxLOGICAL_CLASS) {
        v->kind = IL_VAL_NUMBERS;
        v->rows = mxGetM(a);
        v->cols = mxGetN(a);
        v->is_logical = id == mxLOGICAL_CLASS;
        v->data = no_numbers;
        if (n == 1) {
            /* mxGetScalar: Octave 7 keeps an integer literal past 2^53 (a
             * "double" 9007199254740993) as the integer, and mxGetPr shows
             * those bits raw (4611686018427387904 reads as 2) */
            double *x = keep(c, 1, sizeof *x);
            *x = mxGetScalar(a);
            v->data = x;
        } else if (n && id != mxDOUBLE_CLASS) {
            mexCallMATLAB(1, &d, 1, (mxArray **)&a, "double");
            v->data = mxGetPr(d);
        } else if (n) {
            v->data = mxGetPr(a);
        }
    } else {
        v->host_type = t = keep(c, 80, 1);
        snprintf(t, 80, "a value of class %s", mxGetClassName(a));
    }
}

static const char *what_is(const il_value *v)
{
    return v->kind == IL_VAL_STRING ? "a string" : v->kind == IL_VAL_LIST
        ? "a cell" : v->kind == IL_VAL_FUNCTION ? "a function handle"
        : v->kind == IL_VAL_NUMBERS ? "numbers" : v->host_type;
}

/* A real matrix (X, Y, layer l's W or b) of any real class, as doubles. */
static const double *matrix_arg(cmd *c, const mxArray *a, const char *what,
                                size_t l, size_t *rows, size_t *cols)
{
    il_value v;
    to_value(c, a, &v, 0);
    if (v.kind != IL_VAL_NUMBERS && l)
        fail_msg(c, "initlab:badArg", "layer %zu %s must be a real matrix, got "
                 "%s", l, what, what_is(&v));
    if (v.kind != IL_VAL_NUMBERS)
        fail_msg(c, "initlab:badArg", "%s must be a real matrix, got %s", what,
                 what_is(&v));
    *rows = v.rows;
    *cols = v.cols;
    return v.data;
}

/* The call's options from a[0..n-1]: the first npos arguments are the
 * first npos options of its table (il_net's sizes and act, il_init's
 * init, ...), the rest name/value pairs.  c->fn: a function given. */
static void set_args(cmd *c, il_call call, size_t npos, const mxArray **a,
                     size_t n)
{
    il_value name, v;
    size_t i;
    TRY(c, il_options_new(call, &c->opts));
    if (n > npos && (n - npos) % 2)
        fail_msg(c, "initlab:badOption", "options come in name, value pairs; "
                 "got %zu arguments", n - npos);
    for (i = 0; i < n; i += i < npos ? 1 : 2) {
        name.str = i < npos ? il_option_at(call, i)->name : NULL;
        if (i >= npos && (to_value(c, a[i], &name, 0), !name.str))
            fail_msg(c, "initlab:badOption", "option %zu must be a name, got %s",
                     (i - npos) / 2 + 1, what_is(&name));
        to_value(c, a[i < npos ? i : i + 1], &v, 0);
        TRY(c, il_options_set(c->opts, name.str, &v));
        if (v.kind == IL_VAL_FUNCTION)
            c->fn = a[i < npos ? i : i + 1];
    }
}

/* ---- networks -------------------------------------------------------------- */

/* A failure while reading a network struct, naming its field net.<field>. */
static void net_check(cmd *c, il_status s)
{
    const char *msg = il_last_error(), *name;
    size_t i, k;
    for (i = 0; s != IL_OK && i < il_option_count(IL_CALL_NET); i++) {
        name = il_option_at(IL_CALL_NET, i)->name;
        k = strlen(name);
        if (strncmp(msg, name, k) == 0 && (msg[k] == ' ' || msg[k] == '('))
            fail_msg(c, il_status_id(s), "net.%s", msg);
    }
    TRY(c, s);
}

/* The struct s as an engine network.  Its fields that name options of
 * il_net (sizes, act, act_param, loss) go through the contract, which
 * checks them; the network is made without the default initialization
 * il_net gives, as every layer's W and b are copied in next. */
static void read_net(cmd *c, const mxArray *s)
{
    const mxArray *W = mxIsStruct(s) ? mxGetField(s, 0, "W") : NULL, *b, *f;
    size_t i, L, r, k, br, bc;
    const double *w, *bv;
    il_value v;
    if (!W || mxGetNumberOfElements(s) != 1 || !(b = mxGetField(s, 0, "b")))
        fail_msg(c, "initlab:badArg", "net must be a network struct from il_net");
    TRY(c, il_options_new(IL_CALL_NET, &c->net_opts));
    for (i = 0; i < il_option_count(IL_CALL_NET); i++) {
        const char *name = il_option_at(IL_CALL_NET, i)->name;
        if (!(f = mxGetField(s, 0, name)) ||
            (mxIsEmpty(f) && strcmp(name, "act_param") == 0))
            continue;
        to_value(c, f, &v, 0);
        net_check(c, il_options_set(c->net_opts, name, &v));
    }
    net_check(c, il_options_layout(c->net_opts, &c->net));
    L = il_net_layers(c->net);
    if (!mxIsCell(W) || !mxIsCell(b))
        fail_msg(c, "initlab:badArg", "net.W and net.b must be cells of one "
                 "matrix per layer");
    if (mxGetNumberOfElements(W) != L || mxGetNumberOfElements(b) != L)
        fail_msg(c, "initlab:badSize", "net.W and net.b must have %zu matrices "
                 "(one per layer), got %zu and %zu", L,
                 (size_t)mxGetNumberOfElements(W),
                 (size_t)mxGetNumberOfElements(b));
    for (i = 1; i <= L; i++) {
        w = matrix_arg(c, mxGetCell(W, i - 1), "W", i, &r, &k);
        bv = matrix_arg(c, mxGetCell(b, i - 1), "b", i, &br, &bc);
        if (br != 1 && bc != 1)
            fail_msg(c, "initlab:badSize", "layer %zu b must be a vector of %zu "
                     "entries, got %zux%zu", i, il_net_size(c->net, i), br, bc);
        TRY(c, il_net_set_layer(c->net, i, w, r, k, bv, br * bc));
    }
}

static void set_field(mxArray *s, const char *name, mxArray *value)
{
    if (mxGetFieldNumber(s, name) < 0)
        mxAddField(s, name);
    mxDestroyArray(mxGetField(s, 0, name));
    mxSetField(s, 0, name, value);
}

/* The network as a struct: a copy of like (keeping any fields a user added,
 * NULL: a new struct) with the engine's sizes, act, act_param, loss, W, b. */
static mxArray *write_net(const il_net *net, const mxArray *like)
{
    size_t L = il_net_layers(net), l, n, k;
    mxArray *s = like ? mxDuplicateArray(like)
                      : mxCreateStructMatrix(1, 1, 0, NULL);
    mxArray *W = mxCreateCellMatrix(1, L), *b = mxCreateCellMatrix(1, L);
    mxArray *sizes = mxCreateDoubleMatrix(1, L + 1, mxREAL);
    mxArray *act = mxCreateCellMatrix(1, L);
    mxArray *param = mxCreateDoubleMatrix(1, L, mxREAL);
    mxGetPr(sizes)[0] = (double)il_net_size(net, 0);
    for (l = 1; l <= L; l++) {
        il_act a = il_net_act(net, l);
        n = il_net_size(net, l);
        k = il_net_size(net, l - 1);
        mxSetCell(W, l - 1, mxCreateDoubleMatrix(n, k, mxREAL));
        mxSetCell(b, l - 1, mxCreateDoubleMatrix(n, 1, mxREAL));
        memcpy(mxGetPr(mxGetCell(W, l - 1)), il_net_cW(net, l),
               n * k * sizeof(double));
        memcpy(mxGetPr(mxGetCell(b, l - 1)), il_net_cb(net, l),
               n * sizeof(double));
        mxGetPr(sizes)[l] = (double)n;
        mxSetCell(act, l - 1, mxCreateString(il_act_name(a.kind)));
        /* NaN: the activation's own parameter */
        mxGetPr(param)[l - 1] =
            a.param == il_act_make(a.kind).param ? mxGetNaN() : a.param;
    }
    set_field(s, "sizes", sizes);
    set_field(s, "act", act);
    set_field(s, "act_param", param);
    set_field(s, "loss", mxCreateString(il_loss_name(il_net_loss(net))));
    set_field(s, "W", W);
    set_field(s, "b", b);
    return s;
}

/* c->X (n0 x m) from a[0] and, when want_Y, c->Y (nL x m) from a[1]; a Y
 * of [] stays NULL when want_Y is 2. */
static void read_batch(cmd *c, const mxArray **a, int want_Y)
{
    size_t r, k, n0 = il_net_size(c->net, 0);
    size_t nL = il_net_size(c->net, il_net_layers(c->net));
    c->X = matrix_arg(c, a[0], "X", 0, &r, &c->m);
    if (r != n0)
        fail_msg(c, "initlab:badSize", "X must have %zu rows (one per input), "
                 "got %zu", n0, r);
    if (!want_Y || (want_Y == 2 && mxIsDouble(a[1]) && mxGetM(a[1]) == 0 &&
                    mxGetN(a[1]) == 0))
        return;
    c->Y = matrix_arg(c, a[1], "Y", 0, &r, &k);
    if (r != nL)
        fail_msg(c, "initlab:badSize", "Y must have %zu rows (one per output "
                 "unit), got %zu", nL, r);
    if (k != c->m)
        fail_msg(c, "initlab:badSize", "X and Y must have the same number of "
                 "columns (samples), got %zu and %zu", c->m, k);
}

/* ---- records ------------------------------------------------------------------ */

/* Field i of c->rec (of layer l for the per-layer ones), NULL if absent. */
static mxArray *field_array(cmd *c, size_t i, size_t l)
{
    size_t d[3], k;
    int present;
    mxArray *a;
    mwSize dims[3];
    TRY(c, il_record_field(c->rec, i, l, d, NULL, &present));
    if (!present)
        return NULL;
    for (k = 0; k < 3; k++)
        dims[k] = d[k];
    a = mxCreateNumericArray(3, dims, mxDOUBLE_CLASS, mxREAL);
    TRY(c, il_record_field(c->rec, i, l, d, mxGetPr(a), &present));
    return a;
}

/* The record as a struct, walking the engine's field table: what c->rec
 * holds (per-layer fields as 1 x L cells), then training's results. */
static mxArray *write_record(cmd *c, const il_train_info *info)
{
    mxArray *s = mxCreateStructMatrix(1, 1, 0, NULL), *a, *x;
    size_t i, l, L = c->rec ? il_record_layers(c->rec) : 0;
    double num;
    const char *text;
    for (i = 0; i < il_record_field_count(); i++) {
        const il_field_info *f = il_record_field_at(i);
        a = NULL;
        if (f->shape == IL_SHAPE_SCALAR || f->shape == IL_SHAPE_STRING) {
            if (info && il_train_field(info, i, &num, &text) == IL_OK)
                a = text ? mxCreateString(text) : mxCreateDoubleScalar(num);
        } else if (c->rec && f->shape == IL_SHAPE_PER_LAYER) {
            for (l = 1; l <= L && (x = field_array(c, i, l)); l++) {
                if (!a)
                    a = mxCreateCellMatrix(1, L);
                mxSetCell(a, l - 1, x);
            }
        } else if (c->rec) {
            a = field_array(c, i, 0);
        }
        if (a)
            set_field(s, f->name, a);
    }
    return s;
}

/* ---- training ------------------------------------------------------------------- */

/* Prints the progress line and calls the progress function as
 * fn(iter, loss, iters, saturation) through __il_progress__.m, which
 * catches its errors: one must not unwind through the engine, which owns
 * memory here (and mexCallMATLABWithTrap would lose Octave's message).
 * 1: stop (fn returned false, or failed). */
static int train_hook(void *ctx, const il_progress *p)
{
    cmd *c = ctx;
    const double *sat = p->rec ? il_record_stat(p->rec, IL_STAT_SATURATION)
                               : NULL;
    size_t L = sat ? il_record_layers(p->rec) : 0;
    size_t R = sat ? il_record_count(p->rec) : 0;
    mxArray *in[5], *out[2] = {NULL, NULL};
    char line[2048];
    int i;
    if (c->verbose) {
        il_progress_line(p, line, sizeof line);
        mexPrintf("%s\n", line);
    }
    if (!c->fn)
        return 0;
    in[0] = (mxArray *)c->fn;
    in[1] = mxCreateDoubleScalar((double)p->iter);
    in[2] = mxCreateDoubleScalar(p->loss);
    in[3] = mxCreateDoubleScalar((double)p->iters);
    in[4] = mxCreateDoubleMatrix(R ? L : 0, R ? 1 : 0, mxREAL);
    if (R)
        memcpy(mxGetPr(in[4]), sat + L * (R - 1), L * sizeof(double));
    mexCallMATLAB(2, out, 5, in, "__il_progress__");
    for (i = 1; i < 5; i++)
        mxDestroyArray(in[i]);
    i = !(out[0] && mxIsLogicalScalarTrue(out[0]));
    if (out[1] && mxIsStruct(out[1]))
        c->fn_error = out[1];
    else if (out[1])
        mxDestroyArray(out[1]);
    if (out[0]) /* or a long run would hold one per call until it ends */
        mxDestroyArray(out[0]);
    return i;
}

/* train: net, X, Y, want_record, pairs -> [net, rec] */
static void cmd_train(cmd *c)
{
    il_train_opts t;
    il_record_opts r;
    il_train_info info;
    long every;
    int want = mxGetNumberOfElements(c->prhs[3]) == 1 &&
               mxGetScalar(c->prhs[3]) != 0;
    char *id, *msg;

    TRY(c, il_options_train(c->opts, c->net, &t, want ? &r : NULL));
    il_options_progress(c->opts, &c->verbose, &every);
    if (every > 0) {
        t.hook = train_hook;
        t.hook_ctx = c;
        t.hook_every = every;
    }
    t.interrupt = r.interrupt = interrupted;
    TRY(c, il_train(c->net, c->X, c->Y, c->m, &t, want ? &r : NULL,
                    want ? &c->rec : NULL, &info));
    if (c->fn_error) { /* the progress function's own error, as it was */
        id = mxArrayToString(mxGetField(c->fn_error, 0, "identifier"));
        msg = mxArrayToString(mxGetField(c->fn_error, 0, "message"));
        release(c);
        if (id && *id)
            mexErrMsgIdAndTxt(id, "%s", msg ? msg : "progress failed");
        mexErrMsgTxt(msg ? msg : "progress failed");
    }
    c->out[0] = write_net(c->net, c->prhs[0]);
    if (c->nlhs > 1)
        c->out[1] = write_record(c, &info);
    if (info.stopped == IL_STOP_INTERRUPT)
        mexPrintf("il_train: interrupted at iteration %ld; returning what was "
                  "recorded so far\n", info.iters_done);
}

/* ---- the other commands ------------------------------------------------------- */

static void cmd_net(cmd *c) /* sizes, act, pairs -> net */
{
    TRY(c, il_options_net(c->opts, &c->net));
    c->out[0] = write_net(c->net, NULL);
}

static void cmd_init(cmd *c) /* net, initializer, pairs -> [net, info] */
{
    const char *name = "lsuv_trials";
    il_init_opts io;
    size_t L = il_net_layers(c->net), l;
    int *trials = keep(c, L, sizeof *trials);
    TRY(c, il_options_init(c->opts, c->net, &io));
    io.lsuv_trials = trials;
    io.interrupt = interrupted;
    TRY(c, il_net_init(c->net, &io));
    c->out[0] = write_net(c->net, c->prhs[0]);
    c->out[1] = mxCreateStructMatrix(1, 1, 1, &name);
    mxSetField(c->out[1], 0, name, mxCreateDoubleMatrix(1, L, mxREAL));
    for (l = 0; l < L; l++)
        mxGetPr(mxGetField(c->out[1], 0, name))[l] = trials[l];
}

static void cmd_stats(cmd *c) /* net, X, Y, pairs -> rec */
{
    il_record_opts r;
    TRY(c, il_options_stats(c->opts, c->net, &r));
    r.interrupt = interrupted;
    TRY(c, il_net_stats(c->net, c->X, c->Y, c->m, &r, &c->rec));
    c->out[0] = write_record(c, NULL);
}

static void cmd_dataset(cmd *c) /* name, n, pairs -> [X, Y, labels] */
{
    il_dataset_kind kind;
    il_dataset_opts d;
    size_t n, j;
    uint64_t seed;
    double *labels;
    memset(&d, 0, sizeof d);
    TRY(c, il_options_dataset(c->opts, &kind, &n, &d, &seed));
    d.interrupt = interrupted;
    c->out[0] = mxCreateDoubleMatrix(2, n, mxREAL);
    c->out[1] = mxCreateDoubleMatrix(il_dataset_target_rows(d.classes), n, mxREAL);
    c->out[2] = mxCreateDoubleMatrix(1, n, mxREAL);
    labels = mxGetPr(c->out[2]);
    TRY(c, il_dataset(kind, n, &d, seed, mxGetPr(c->out[0]), labels));
    TRY(c, il_dataset_targets(labels, n, d.classes, mxGetPr(c->out[1])));
    for (j = 0; j < n; j++) /* Octave counts from 1 */
        labels[j] += 1;
}

static void cmd_gain(cmd *c) /* nonlinearity, param -> [gain, computed] */
{
    il_act act;
    double g;
    int computed;
    TRY(c, il_options_gain(c->opts, &act));
    TRY(c, il_gain(act, &g, &computed));
    c->out[0] = mxCreateDoubleScalar(g);
    c->out[1] = mxCreateLogicalScalar(computed != 0);
}

static void cmd_forward(cmd *c) /* net, X -> [out, Z, A] */
{
    size_t L = il_net_layers(c->net), l, n;
    double **Z = NULL, **A = NULL;
    c->out[0] = mxCreateDoubleMatrix(il_net_size(c->net, L), c->m, mxREAL);
    if (c->nlhs > 1) {
        Z = keep(c, 2 * L, sizeof *Z);
        A = Z + L;
        c->out[1] = mxCreateCellMatrix(1, L);
        c->out[2] = mxCreateCellMatrix(1, L);
        for (l = 0; l < L; l++) {
            n = il_net_size(c->net, l + 1);
            mxSetCell(c->out[1], l, mxCreateDoubleMatrix(n, c->m, mxREAL));
            mxSetCell(c->out[2], l, mxCreateDoubleMatrix(n, c->m, mxREAL));
            Z[l] = mxGetPr(mxGetCell(c->out[1], l));
            A[l] = mxGetPr(mxGetCell(c->out[2], l));
        }
    }
    TRY(c, il_forward(c->net, c->X, c->m, mxGetPr(c->out[0]), Z, A));
}

static void cmd_evaluate(cmd *c) /* net, X, Y -> [loss, accuracy] */
{
    double loss, acc;
    TRY(c, il_evaluate(c->net, c->X, c->Y, c->m, &loss, &acc));
    c->out[0] = mxCreateDoubleScalar(loss);
    c->out[1] = mxCreateDoubleScalar(acc);
}

static void cmd_check(cmd *c) /* net -> true once it reads as a network */
{
    c->out[0] = mxCreateLogicalScalar(1);
}

/* call -> its option table as a struct array, for docs and tests */
static void cmd_options(cmd *c)
{
    static const char *fields[] = {"name", "alias", "type", "default",
                                   "doc", "range", "names"};
    static const char *const types[] = {
        "number", "count", "seed", "bool", "name", "names", "vector",
        "matrix", "matrices", "names or number", "function"};
    const char *text[7];
    char range[100];
    il_value v;
    il_call call;
    size_t i, k;
    to_value(c, c->prhs[0], &v, 0);
    if (v.kind != IL_VAL_STRING)
        fail_msg(c, "initlab:badArg", "options takes the name of a call");
    TRY(c, il_call_from_name(v.str, &call));
    c->out[0] = mxCreateStructMatrix(1, il_option_count(call), 7, fields);
    for (i = 0; i < il_option_count(call); i++) {
        const il_option_info *r = il_option_at(call, i);
        range[0] = '\0';
        if (r->type == IL_TYPE_NUMBER || r->type == IL_TYPE_COUNT ||
            r->type == IL_TYPE_VECTOR)
            snprintf(range, sizeof range, "%s%.17g, %.17g%s",
                     r->min_open ? "(" : "[", r->min, r->max,
                     r->max_open ? ")" : "]");
        text[0] = r->name;
        text[1] = r->alias ? r->alias : "";
        text[2] = types[r->type];
        text[3] = r->default_text;
        text[4] = r->doc;
        text[5] = range;
        text[6] = r->names ? il_names_of(r->names) : "";
        for (k = 0; k < 7; k++)
            mxSetField(c->out[0], i, fields[k], mxCreateString(text[k]));
    }
}

/* The commands: how many arguments each takes (max -1: any), whether the
 * first is a network, whether the batch follows it (1: X; 2: X, Y; 3: X
 * and an optional Y), where the call's options start (-1: no options) and
 * how many of them come as positional arguments. */
static const struct {
    const char *name;
    void (*run)(cmd *);
    int min, max, net, batch, opts;
    il_call call;
    size_t npos;
    const char *usage;
} commands[] = {
    {"net", cmd_net, 0, -1, 0, 0, 0, IL_CALL_NET, 2, "sizes, act, pairs"},
    {"init", cmd_init, 1, -1, 1, 0, 1, IL_CALL_INIT, 1,
     "net, initializer, pairs"},
    {"train", cmd_train, 4, -1, 1, 2, 4, IL_CALL_TRAIN, 0,
     "net, X, Y, want_record, pairs"},
    {"stats", cmd_stats, 3, -1, 1, 3, 3, IL_CALL_STATS, 0, "net, X, Y, pairs"},
    {"dataset", cmd_dataset, 0, -1, 0, 0, 0, IL_CALL_DATASET, 2,
     "name, n, pairs"},
    {"gain", cmd_gain, 0, -1, 0, 0, 0, IL_CALL_GAIN, 2, "nonlinearity, param"},
    {"forward", cmd_forward, 2, 2, 1, 1, -1, IL_CALL_NET, 0, "net, X"},
    {"evaluate", cmd_evaluate, 3, 3, 1, 2, -1, IL_CALL_NET, 0, "net, X, Y"},
    {"check", cmd_check, 1, 1, 1, 0, -1, IL_CALL_NET, 0, "net"},
    {"options", cmd_options, 1, 1, 0, 0, -1, IL_CALL_NET, 0, "a call's name"},
};

void mexFunction(int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
    cmd c;
    char name[16] = "";
    size_t i, n = sizeof commands / sizeof commands[0];
    int k;
    memset(&c, 0, sizeof c);
    if (nrhs < 1 || !mxIsChar(prhs[0]) ||
        mxGetString(prhs[0], name, sizeof name))
        fail_msg(&c, "initlab:badArg", "__initlab__ needs a command");
    for (i = 0; i < n && strcmp(name, commands[i].name) != 0; i++)
        ;
    if (i == n)
        fail_msg(&c, "initlab:badArg", "unknown command '%s'", name);
    c.nlhs = nlhs;
    c.prhs = prhs + 1;
    c.nrhs = nrhs - 1;
    if (c.nrhs < commands[i].min ||
        (commands[i].max >= 0 && c.nrhs > commands[i].max))
        fail_msg(&c, "initlab:badArg", "%s takes %s", name, commands[i].usage);
    if (commands[i].net)
        read_net(&c, c.prhs[0]);
    if (commands[i].batch)
        read_batch(&c, c.prhs + 1, commands[i].batch - 1);
    if (commands[i].opts >= 0)
        set_args(&c, commands[i].call, commands[i].npos,
                 c.prhs + commands[i].opts,
                 (size_t)(c.nrhs - commands[i].opts));
    commands[i].run(&c);
    release(&c);
    /* Octave gives plhs room for max(nlhs, 1) results */
    for (k = 0; k < 3; k++)
        if (k < (nlhs > 1 ? nlhs : 1))
            plhs[k] = c.out[k];
        else if (c.out[k])
            mxDestroyArray(c.out[k]);
}
