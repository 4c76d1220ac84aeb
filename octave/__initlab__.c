/*
 * __initlab__.c - the one MEX gateway between Octave and the engine.
 *
 * The il_*.m functions pass their arguments on as they are:
 * __initlab__(command, positional arguments..., name, value, ...).  Nothing
 * here restates a command or an option: each argument becomes an il_value
 * for the engine's command (src/command.c), which owns what it takes, every
 * name, type, range and default, and what it gives back; results become
 * Octave values by their kind, records by walking the engine's field table.
 * Errors: all that is owned is freed, then mexErrMsgIdAndTxt raises the
 * engine's identifier and message.  Only mex.h is used and the Ctrl-C check is
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

/* One call: the engine's command and all the gateway owns, freed in one
 * place before an error is raised or it returns. */
typedef struct {
    il_command *cmd;
    const mxArray *net;         /* the network struct given, if any */
    const mxArray *fn;          /* a function option (progress) */
    mxArray *fn_error;          /* what it raised */
    mxArray *out[3];            /* results; mexFunction hands on nlhs */
    block *blocks;              /* converted values past the arena */
    size_t used;                /* of the arena, where a small call's fit */
    union { max_align_t align; char bytes[4096]; } arena;
    il_command_room room;       /* the command itself (no heap block) */
} cmd;

static void release(cmd *c)
{
    block *b;
    il_command_free(c->cmd);
    c->cmd = NULL;
    while ((b = c->blocks) != NULL) {
        c->blocks = b->next;
        free(b);
    }
}

/* Raises error(struct('message', msg, 'identifier', id)) after freeing all
 * c owns: through Octave's own error, so that the message reads as the
 * engine wrote it (mexErrMsgIdAndTxt would put "__initlab__: " before it,
 * and every il_*.m would need a try/catch to take it off again). */
static _Noreturn void raise_error(cmd *c, const char *id, const char *msg)
{
    static const char *fields[] = {"message", "identifier"};
    mxArray *e = mxCreateStructMatrix(1, 1, 2, fields);
    mxSetField(e, 0, "message", mxCreateString(msg));
    mxSetField(e, 0, "identifier", mxCreateString(id ? id : ""));
    release(c);
    mexCallMATLAB(0, NULL, 1, &e, "error"); /* unwinds into Octave */
    abort();                                /* not reached */
}

static _Noreturn void fail_msg(cmd *c, const char *id, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    raise_error(c, id, msg);
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
    size_t want = count * size, step = sizeof(max_align_t);
    if (count <= sizeof c->arena / (size ? size : 1) &&
        want <= sizeof c->arena - c->used) {
        c->used += (want + step - 1) / step * step;
        return c->arena.bytes + c->used - (want + step - 1) / step * step;
    }
    if (count <= (SIZE_MAX - sizeof *b) / (size ? size : 1))
        b = malloc(sizeof *b + count * size);
    if (!b)
        fail_msg(c, "initlab:noMemory", "out of memory for %zu values", count);
    b->next = c->blocks;
    c->blocks = b;
    return b + 1;
}

/* ---- what a running command asks of Octave ------------------------------- */

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

static void print_line(void *ctx, const char *line)
{
    (void)ctx;
    mexPrintf("%s\n", line);
}

/* Calls the progress function as fn(iter, loss, iters, saturation) through
 * __il_progress__.m, which catches its errors: one must not unwind through
 * the engine, which owns memory here (and mexCallMATLABWithTrap would lose
 * Octave's message).  1: stop (fn returned false, or failed). */
static int progress(void *ctx, const il_progress *p)
{
    cmd *c = ctx;
    mxArray *in[5], *out[2] = {NULL, NULL};
    int i;
    in[0] = (mxArray *)c->fn;
    in[1] = mxCreateDoubleScalar((double)p->iter);
    in[2] = mxCreateDoubleScalar(p->loss);
    in[3] = mxCreateDoubleScalar((double)p->iters);
    in[4] = mxCreateDoubleMatrix(p->saturation ? p->layers : 0,
                                 p->saturation ? 1 : 0, mxREAL);
    if (p->saturation)
        memcpy(mxGetPr(in[4]), p->saturation, p->layers * sizeof(double));
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

/* ---- Octave values as the engine's il_value ------------------------------ */

static const double no_numbers[1];

/* Numbers of every real class arrive as doubles (Octave's double() converts
 * the other classes, rounding integers past 2^53 as it does; its copy lives
 * until the command returns), cells as lists, a struct as the fields a
 * network has.  Only a logical scalar is marked logical: it is how true and
 * false come in, while a logical array (Y = (labels == 1:K)') is 0/1 data.
 * Each question put to a value costs (Octave builds the mxArray behind it
 * on demand), so only those its class needs are asked. */
/* a's class.  mxGetClassID on a value Octave hands a MEX file builds the
 * class's name and compares it with each class's in turn; the predicates
 * ask the value itself, so the classes a call mostly passes are found
 * with them first. */
static mxClassID class_of(const mxArray *a)
{
    return !a               ? mxUNKNOWN_CLASS
           : mxIsDouble(a)  ? mxDOUBLE_CLASS
           : mxIsCell(a)    ? mxCELL_CLASS
           : mxIsChar(a)    ? mxCHAR_CLASS
           : mxIsStruct(a)  ? mxSTRUCT_CLASS
           : mxIsLogical(a) ? mxLOGICAL_CLASS
                            : mxGetClassID(a);
}

static void to_value(cmd *c, const mxArray *a, il_value *v, int depth)
{
    mxClassID id = class_of(a);
    size_t n = a ? mxGetNumberOfElements(a) : 0, i;
    mxArray *d = (mxArray *)a;
    il_value *items;
    char *t;
    memset(v, 0, sizeof *v);
    v->kind = a ? IL_VAL_OTHER : IL_VAL_NONE;
    if (!a || id == mxFUNCTION_CLASS) {
        v->kind = a ? IL_VAL_FUNCTION : IL_VAL_NONE;
    } else if (id == mxSTRUCT_CLASS && n != 1) {
        v->host_type = "a struct array";
    } else if (id == mxSTRUCT_CLASS) {
        v->kind = IL_VAL_FIELDS;
        v->n_items = il_net_field_count();
        v->items = items = keep(c, v->n_items, sizeof *items);
        for (i = 0; i < v->n_items; i++)
            to_value(c, mxGetField(a, 0, il_net_field_name(i)), &items[i],
                     depth + 1);
    } else if (id == mxCHAR_CLASS) {
        if (mxGetM(a) != 1 && n) {
            v->host_type = "a char matrix";
            return;
        }
        t = keep(c, n + 1, 1);
        if (mxGetString(a, t, n + 1) != 0)
            t[0] = '\0';
        v->kind = IL_VAL_STRING;
        v->str = t;
    } else if (n > 1 && (depth == 0 || id != mxCELL_CLASS) &&
               mxGetNumberOfDimensions(a) > 2) {
        /* not asked of cells inside cells and structs (each question
         * costs): those read as MEX reads them, rows x the rest */
        v->host_type = "an N-d array";
    } else if (id == mxCELL_CLASS && depth > 8) {
        v->host_type = "a deeply nested cell";
    } else if (id == mxCELL_CLASS) {
        v->items = items = keep(c, n, sizeof *items);
        for (i = 0; i < n; i++)
            to_value(c, mxGetCell(a, i), &items[i], depth + 1);
        v->kind = IL_VAL_LIST;
        v->n_items = n;
    } else if (!mxIsNumeric(a) && id != mxLOGICAL_CLASS) {
        v->host_type = t = keep(c, 80, 1);
        snprintf(t, 80, "a value of class %s", mxGetClassName(a));
    } else if (mxIsSparse(a) || mxIsComplex(a)) {
        v->host_type = mxIsSparse(a) ? "a sparse matrix; convert it with full()"
                     : n == 1 ? "a complex number" : "a complex array";
    } else {
        /* the dimensions were read for the N-d question when n > 1 (and
         * are 2 then); mxGetM and mxGetN would each ask Octave again */
        const mwSize *dims = n > 1 ? mxGetDimensions(a) : NULL;
        v->kind = IL_VAL_NUMBERS;
        v->rows = n == 1 ? 1 : dims ? (size_t)dims[0] : mxGetM(a);
        v->cols = n == 1 ? 1 : dims ? (size_t)dims[1] : mxGetN(a);
        v->data = no_numbers;
        if (n == 1) {
            /* mxGetScalar: Octave 7 keeps an integer literal past 2^53 (a
             * "double" 9007199254740993) as the integer, and mxGetPr shows
             * those bits raw (4611686018427387904 reads as 2) */
            double *x = keep(c, 1, sizeof *x);
            *x = mxGetScalar(a);
            v->data = x;
            v->is_logical = id == mxLOGICAL_CLASS;
        } else if (n && id != mxDOUBLE_CLASS) {
            mexCallMATLAB(1, &d, 1, (mxArray **)&a, "double");
            v->data = mxGetPr(d);
        } else if (n) {
            v->data = mxGetPr(a);
        }
    }
}

/* ---- results as Octave values ---------------------------------------------- */

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
        mxGetPr(param)[l - 1] = il_net_act_param(net, l);
    }
    set_field(s, "sizes", sizes);
    set_field(s, "act", act);
    set_field(s, "act_param", param);
    set_field(s, "loss", mxCreateString(il_loss_name(il_net_loss(net))));
    set_field(s, "W", W);
    set_field(s, "b", b);
    return s;
}

/* Field i of rec (of layer l for the per-layer ones), NULL if absent. */
static mxArray *field_array(cmd *c, const il_record *rec, size_t i, size_t l)
{
    size_t d[3], k;
    int present;
    mxArray *a;
    mwSize dims[3];
    TRY(c, il_record_field(rec, i, l, d, NULL, &present));
    if (!present)
        return NULL;
    for (k = 0; k < 3; k++)
        dims[k] = d[k];
    a = mxCreateNumericArray(3, dims, mxDOUBLE_CLASS, mxREAL);
    TRY(c, il_record_field(rec, i, l, d, mxGetPr(a), &present));
    return a;
}

/* The record as a struct, walking the engine's field table: what rec
 * holds (per-layer fields as 1 x L cells), then training's results. */
static mxArray *write_record(cmd *c, const il_record *rec,
                             const il_train_info *info)
{
    mxArray *s = mxCreateStructMatrix(1, 1, 0, NULL), *a, *x;
    size_t i, l, L = rec ? il_record_layers(rec) : 0;
    double num;
    const char *text;
    for (i = 0; i < il_record_field_count(); i++) {
        const il_field_info *f = il_record_field_at(i);
        a = NULL;
        if (f->shape == IL_SHAPE_SCALAR || f->shape == IL_SHAPE_STRING) {
            if (info && il_train_field(info, i, &num, &text) == IL_OK)
                a = text ? mxCreateString(text) : mxCreateDoubleScalar(num);
        } else if (rec && f->shape == IL_SHAPE_PER_LAYER) {
            for (l = 1; l <= L && (x = field_array(c, rec, i, l)); l++) {
                if (!a)
                    a = mxCreateCellMatrix(1, L);
                mxSetCell(a, l - 1, x);
            }
        } else if (rec) {
            a = field_array(c, rec, i, 0);
        }
        if (a)
            set_field(s, f->name, a);
    }
    return s;
}

/* options(call) -> the call's option table as a struct array, for docs
 * and tests */
static mxArray *options(cmd *c, const mxArray *arg)
{
    static const char *fields[] = {"name", "alias", "type", "default",
                                   "doc", "range", "names"};
    const char *text[7];
    char range[100];
    il_value v;
    il_call call;
    size_t i, k;
    mxArray *s;
    to_value(c, arg, &v, 0);
    if (v.kind != IL_VAL_STRING)
        fail_msg(c, "initlab:badArg", "options takes the name of a call");
    TRY(c, il_call_from_name(v.str, &call));
    s = mxCreateStructMatrix(1, il_option_count(call), 7, fields);
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
        text[2] = il_type_name(r->type);
        text[3] = r->default_text;
        text[4] = r->doc;
        text[5] = range;
        text[6] = r->names ? il_names_of(r->names) : "";
        for (k = 0; k < 7; k++)
            mxSetField(s, i, fields[k], mxCreateString(text[k]));
    }
    return s;
}

/* plots() -> the engine's plot kinds as a struct array, and the figure
 * rules as a struct: cells converted as the engine describes them */
static mxArray *plots(mxArray **rules)
{
    const char *names[16];
    size_t i, k, n = il_plot_columns();
    double x;
    mxArray *s;
    for (k = 0; k < n && k < 16; k++)
        names[k] = il_plot_column(k);
    s = mxCreateStructMatrix(1, il_plot_count(), (int)k, names);
    for (i = 0; i < il_plot_count(); i++)
        for (k = 0; k < n && k < 16; k++) {
            il_cell c = il_plot_cell(i, k);
            mxSetFieldByNumber(s, i, (int)k,
                c.kind == IL_CELL_TEXT ? mxCreateString(c.text)
                : c.kind == IL_CELL_FLAG ? mxCreateLogicalScalar(c.number != 0)
                : mxCreateDoubleScalar(c.number));
        }
    *rules = mxCreateStructMatrix(1, 1, 0, NULL);
    for (k = 0; k < il_plot_rules(); k++) {
        int at = mxAddField(*rules, il_plot_rule(k, &x));
        mxSetFieldByNumber(*rules, 0, at, mxCreateDoubleScalar(x));
    }
    return s;
}

/* ---- one call -------------------------------------------------------------- */

/* Hands argument a to the command: positional, or the value of option key. */
static void pass(cmd *c, const mxArray *a, const il_value *key)
{
    il_value v;
    to_value(c, a, &v, 0);
    if (v.kind == IL_VAL_FIELDS && !key && !c->net)
        c->net = a;
    if (v.kind == IL_VAL_FUNCTION)
        c->fn = a;
    TRY(c, key ? il_command_option(c->cmd, key->str, &v)
               : il_command_arg(c->cmd, &v));
}

/* A FIELDS result as a 1x1 struct. */
static mxArray *fields_struct(const il_command *cmd)
{
    size_t i, rows, cols, n = il_command_field_count(cmd);
    mxArray *s = mxCreateStructMatrix(1, 1, 0, NULL), *v;
    const double *data;
    const char *text, *name;
    for (i = 0; i < n; i++) {
        name = il_command_field(cmd, i, &text, &data, &rows, &cols, NULL);
        if (text) {
            v = mxCreateString(text);
        } else {
            v = mxCreateDoubleMatrix(rows, cols, mxREAL);
            memcpy(mxGetPr(v), data, rows * cols * sizeof *data);
        }
        mxSetFieldByNumber(s, 0, mxAddField(s, name), v);
    }
    return s;
}

/* Results as Octave values; MATRIX and MATRICES ones are made first, for
 * the engine to write into. */
static void results(cmd *c, int made)
{
    size_t k, i, rows, cols, n = il_command_results(c->cmd);
    const il_train_info *info;
    const il_record *rec;
    const il_net *net;
    mxArray *m;
    int given;
    for (k = 0; k < n; k++) {
        il_res_kind kind = il_command_result_kind(c->cmd, k);
        if (!made && kind == IL_RES_MATRICES)
            c->out[k] = mxCreateCellMatrix(1, il_command_items(c->cmd, k));
        for (i = 0; !made && (kind == IL_RES_MATRIX || kind == IL_RES_MATRICES) &&
                    i < il_command_items(c->cmd, k); i++) {
            il_command_dims(c->cmd, k, i, &rows, &cols);
            m = mxCreateDoubleMatrix(rows, cols, mxREAL);
            il_command_bind(c->cmd, k, i, mxGetPr(m));
            if (kind == IL_RES_MATRIX)
                c->out[k] = m;
            else
                mxSetCell(c->out[k], i, m);
        }
        if (!made)
            continue;
        if (kind == IL_RES_NUMBER)
            c->out[k] = mxCreateDoubleScalar(il_command_number(c->cmd, k));
        if (kind == IL_RES_BOOL)
            c->out[k] = mxCreateLogicalScalar(il_command_number(c->cmd, k) != 0);
        if (kind == IL_RES_TEXT)
            c->out[k] = mxCreateString(il_command_text(c->cmd, k));
        if (kind == IL_RES_FIELDS)
            c->out[k] = fields_struct(c->cmd);
        if (kind == IL_RES_NET) {
            net = il_command_net(c->cmd, &given);
            c->out[k] = write_net(net, given ? c->net : NULL);
        }
        if (kind == IL_RES_RECORD) {
            rec = il_command_record(c->cmd, &info);
            c->out[k] = write_record(c, rec, info);
        }
    }
}

void mexFunction(int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
    il_host host = {NULL, interrupted, progress, print_line};
    il_value key;
    cmd c;
    char name[16] = "";
    const char *called = mexFunctionName();
    size_t i, npos, first = 1;
    int k;
    memset(&c, 0, offsetof(cmd, arena)); /* the arena needs no zeros */
    host.ctx = &c;
    /* Built under the name il_<command> too (il_forward.mex: a hot call
     * without an .m layer, which costs a third of a tiny call), it takes
     * that command's arguments from the first. */
    if (strncmp(called, "il_", 3) == 0) {
        strncat(name, called + 3, sizeof name - 1);
        first = 0;
    } else if (nrhs < 1 || !mxIsChar(prhs[0]) ||
               mxGetString(prhs[0], name, sizeof name)) {
        fail_msg(&c, "initlab:badArg", "__initlab__ needs a command");
    }
    if (strcmp(name, "plots") == 0) {
        mxArray *rules;
        plhs[0] = plots(&rules);
        if (nlhs > 1)
            plhs[1] = rules;
        else
            mxDestroyArray(rules);
        return;
    }
    if (strcmp(name, "options") == 0) {
        plhs[0] = options(&c, nrhs > 1 ? prhs[1] : NULL);
        release(&c);
        return;
    }
    TRY(&c, il_command_start(name, &c.room, &c.cmd));
    npos = il_command_positional(c.cmd);
    for (i = first; i < (size_t)nrhs && i - first < npos; i++)
        pass(&c, prhs[i], NULL);
    if ((nrhs - i) % 2)
        fail_msg(&c, "initlab:badOption", "options come in name, value pairs; "
                 "got %zu arguments", nrhs - i);
    for (; i < (size_t)nrhs; i += 2) {
        to_value(&c, prhs[i], &key, 0);
        if (key.kind != IL_VAL_STRING)
            fail_msg(&c, "initlab:badOption", "option %zu must be a name, got %s",
                     (i - first - npos) / 2 + 1, key.kind == IL_VAL_LIST ? "a cell"
                     : key.kind == IL_VAL_NUMBERS ? "numbers"
                     : key.kind == IL_VAL_FUNCTION ? "a function handle"
                     : key.kind == IL_VAL_FIELDS ? "a struct" : key.host_type);
        pass(&c, prhs[i + 1], &key);
    }
    TRY(&c, il_command_prepare(c.cmd, (size_t)nlhs));
    results(&c, 0);
    TRY(&c, il_command_run(c.cmd, &host));
    if (c.fn_error) { /* the progress function's own error, as it was */
        release(&c);
        mexCallMATLAB(0, NULL, 1, &c.fn_error, "error");
    }
    results(&c, 1);
    release(&c);
    /* Octave gives plhs room for max(nlhs, 1) results */
    for (k = 0; k < 3; k++)
        if (k < (nlhs > 1 ? nlhs : 1))
            plhs[k] = c.out[k];
        else if (c.out[k])
            mxDestroyArray(c.out[k]);
}
