/*
 * command.c - the calls front ends make, from arguments to results.
 *
 * Each command below says what it takes (a network, a batch, the options
 * that may come positionally), which option table the rest is checked
 * against, and what it gives back; the front ends convert host values into
 * il_values and results back into host values, and nothing more.  So
 * Octave and Lua read the same arguments in the same order, refuse them
 * with the same messages, and return the same results, by construction.
 */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define MAX_RESULTS 3

typedef enum {
    IN_NET = 1, IN_X, IN_Y, IN_Y_OPTIONAL, IN_LAYER, IN_W, IN_B, IN_LABELS,
    IN_CLASSES_OPTIONAL, IN_THETA, IN_STATE,
    IN_FIGURE,  /* a figure command's value, read by its prepare */
    IN_RUNS,    /* "report"'s records */
    IN_RECORD,  /* "animate"'s record, as name/value pairs of its fields */
    IN_RECORD_OPTIONAL /* "jacobian"'s: the same, or nothing (empty) */
} input;
#define MAX_INPUTS 4

struct il_command;
typedef il_status (*step)(struct il_command *c);

/* One value of a FIELDS result. */
typedef struct {
    const char *name;       /* a literal */
    char *text;             /* a text, or NULL for numbers */
    double *data;
    size_t rows, cols;
    int matrix;
} out_field;

typedef struct {
    const char *name;
    input inputs[MAX_INPUTS];   /* in order, 0 after the last             */
    int call;                   /* the options' table; -1: none           */
    size_t npos;                /* options that may come positionally     */
    const char *usage;
    const char *results[MAX_RESULTS];
    const char *kinds;          /* one letter per result, see below        */
    step prepare, run;
} command_def;

struct il_command {
    const command_def *def;
    il_options *opts;
    size_t nargs;               /* positional arguments read              */
    int refused;                /* one was refused: prepare refuses too   */
    size_t nresults;            /* results the caller takes (>= 1)        */
    il_net *net;                /* the network worked on                  */
    il_net *owned;              /* ... when read from FIELDS, or new      */
    int new_net;                /* the NET result is a new network        */
    const double *X, *Y;
    size_t m;
    size_t layer;               /* "layer", "set_layer": 1..L             */
    il_value W, b;              /* "set_layer"'s                          */
    il_value labels, classes;   /* "onehot"'s: labels 1..k, and k         */
    const double *theta;        /* "reroll"'s unrolled parameters         */
    il_penalty penalty;         /* "cost", "gradients"                    */
    il_value state;             /* "draw"'s stream, as the host keeps it  */
    il_value runs;              /* "report"'s records, as name/value lists */
    il_report_opts report;
    il_value anim_rec;          /* "animate"'s record                     */
    il_anim_frames frames;      /* ... its frames, read from it           */
    il_anim_kind anim_kind;
    il_anim_opts anim;
    const char *anim_file;
    il_value fig[MAX_INPUTS];   /* "axis_range", "histogram", "color_range",
                                   "palette"                              */
    double fig_number[MAX_INPUTS]; /* ... their scalars, copied           */
    int axis;                   /* "histogram"'s rule (IL_AXIS_*)         */
    il_draw_opts draw;
    size_t rows, cols;          /* "draw"'s size                          */
    double *zero_based;         /* the labels as il_onehot takes them     */
    char *text;                 /* "summary"'s                            */
    out_field *fields;          /* a FIELDS result                        */
    size_t n_fields, cap_fields;
    double **bound[MAX_RESULTS]; /* host storage, per result and item     */
    double *bound_one[MAX_RESULTS]; /* ... bound[k] of a one-item result  */
    size_t items[MAX_RESULTS];
    double numbers[MAX_RESULTS];
    il_record *rec;
    il_train_info info;
    int trained;
    il_train_opts train;
    il_record_opts record;
    il_init_opts init;
    int *trials;
    il_dataset_kind dataset;
    il_dataset_opts data;
    uint64_t seed;
    size_t n;
    il_act act;
    il_accuracy_rule rule;
    il_theory_opts theory;      /* "theory"'s question                    */
    const il_host *host;
    int print;
    int in_room;                /* made by il_command_start: not freed    */
    /* "rand", "draw": the stream.  Last, and zeroed by their prepare, not
     * by il_command_start: it is half the command, and no other command
     * reads it. */
    il_rng rng;
};

_Static_assert(sizeof(struct il_command) <= IL_COMMAND_BYTES,
               "IL_COMMAND_BYTES must hold a command");

/* ---- FIELDS results --------------------------------------------------------- */

/* A new value of the FIELDS result, rows x cols numbers (zeros) at *data
 * unless it is a text (rows = 0). */
static il_status add_field(il_command *c, const char *name, size_t rows,
                           size_t cols, int matrix, double **data)
{
    out_field *f;
    size_t bytes;
    if (c->n_fields == c->cap_fields) {
        size_t cap = c->cap_fields ? 2 * c->cap_fields : 16;
        out_field *grown = realloc(c->fields, cap * sizeof *grown);
        if (!grown)
            return il_fail(IL_ENOMEM, "out of memory for %s's results",
                           c->def->name);
        c->fields = grown;
        c->cap_fields = cap;
    }
    f = &c->fields[c->n_fields];
    memset(f, 0, sizeof *f);
    f->name = name;
    f->rows = rows;
    f->cols = cols;
    f->matrix = matrix;
    if (rows) {
        if (il_doubles_overflow(rows, cols, &bytes))
            return il_fail(IL_ETOOBIG, "%s's result %s (%zu x %zu) does not "
                           "fit in memory", c->def->name, name, rows, cols);
        if (!(f->data = calloc(rows * cols + (cols == 0), sizeof *f->data)))
            return il_fail(IL_ENOMEM, "out of memory for %s's result %s",
                           c->def->name, name);
        *data = f->data;
    }
    c->n_fields++;
    return IL_OK;
}

static il_status field_number(il_command *c, const char *name, double v)
{
    double *data;
    il_status st = add_field(c, name, 1, 1, 0, &data);
    if (st == IL_OK)
        data[0] = v;
    return st;
}

static il_status field_text(il_command *c, const char *name, const char *text)
{
    il_status st = add_field(c, name, 0, 0, 0, NULL);
    if (st == IL_OK &&
        !(c->fields[c->n_fields - 1].text = malloc(strlen(text) + 1)))
        return il_fail(IL_ENOMEM, "out of memory for %s's result %s",
                       c->def->name, name);
    if (st == IL_OK)
        strcpy(c->fields[c->n_fields - 1].text, text);
    return st;
}

size_t il_command_field_count(const il_command *c)
{
    return c ? c->n_fields : 0;
}

const char *il_command_field(const il_command *c, size_t i, const char **text,
                             const double **data, size_t *rows, size_t *cols,
                             int *matrix)
{
    const out_field *f = c && i < c->n_fields ? &c->fields[i] : NULL;
    if (text)
        *text = f ? f->text : NULL;
    if (data)
        *data = f ? f->data : NULL;
    if (rows)
        *rows = f ? f->rows : 0;
    if (cols)
        *cols = f ? f->cols : 0;
    if (matrix)
        *matrix = f ? f->matrix : 0;
    return f ? f->name : NULL;
}

/* ---- reading a network from a host record -------------------------------- */

static const char *const net_fields[] = {"sizes", "act", "act_param", "loss",
                                         "W", "b"};

size_t il_net_field_count(void)
{
    return sizeof net_fields / sizeof net_fields[0];
}

const char *il_net_field_name(size_t i)
{
    return i < il_net_field_count() ? net_fields[i] : NULL;
}

/* A failure about field name, told as net.<message> */
static il_status in_field(il_status st)
{
    char msg[400];
    if (st == IL_OK)
        return st;
    snprintf(msg, sizeof msg, "%s", il_last_error());
    return il_fail(st, "net.%s", msg);
}

static il_status matrix_of(const il_value *v, const char *what, size_t l)
{
    if (v->kind == IL_VAL_NUMBERS)
        return IL_OK;
    return il_fail(IL_EBADARG, "layer %zu %s must be a real matrix, got %s", l,
                   what, v->kind == IL_VAL_LIST ? "a cell"
                   : v->kind == IL_VAL_NONE ? "nothing"
                   : v->kind == IL_VAL_STRING ? "a string"
                   : v->host_type ? v->host_type : "another value");
}

/* Layer l's W and b from host values: matrices, b a vector. */
static il_status put_layer(il_net *net, size_t l, const il_value *W,
                           const il_value *b)
{
    il_status st;
    if ((st = matrix_of(W, "W", l)) != IL_OK ||
        (st = matrix_of(b, "b", l)) != IL_OK)
        return st;
    if (b->rows != 1 && b->cols != 1)
        return il_fail(IL_EBADSIZE, "layer %zu b must be a vector of %zu "
                       "entries, got %zux%zu", l, il_net_size(net, l), b->rows,
                       b->cols);
    return il_net_set_layer(net, l, W->data, W->rows, W->cols, b->data,
                            b->rows * b->cols);
}

/* The network a FIELDS value describes: its shape through the net table
 * (so net.act is checked as il_net's act is), then every layer's W and b. */
static il_status net_from_fields(il_command *c, const il_value *v)
{
    const il_value *W, *b, *f;
    il_options *o = NULL;
    union {
        max_align_t align;
        unsigned char bytes[1024];
    } room; /* the set's storage: its table is short */
    il_status st;
    size_t i, l, L;
    /* items may be NULL for a record of no fields: index it only after */
    if (v->n_items != il_net_field_count() || !v->items ||
        v->items[4].kind == IL_VAL_NONE || v->items[5].kind == IL_VAL_NONE)
        return il_fail(IL_EBADARG, "net must be a network struct from il_net");
    W = &v->items[4];
    b = &v->items[5];
    if ((st = il_options_start(IL_CALL_NET, &room, sizeof room, &o)) != IL_OK)
        return st;
    for (i = 0; i < 4 && st == IL_OK; i++) {
        f = &v->items[i];
        /* an empty act_param: each activation's own parameter */
        if (f->kind == IL_VAL_NONE ||
            (i == 2 && f->kind == IL_VAL_NUMBERS && f->rows * f->cols == 0))
            continue;
        st = in_field(il_options_set(o, net_fields[i], f));
    }
    if (st == IL_OK)
        st = in_field(il_options_layout(o, &c->owned));
    il_options_free(o);
    if (st != IL_OK)
        return st;
    c->net = c->owned;
    L = il_net_layers(c->net);
    if (W->kind != IL_VAL_LIST || b->kind != IL_VAL_LIST)
        return il_fail(IL_EBADARG, "net.W and net.b must be cells of one "
                       "matrix per layer");
    if (W->n_items != L || b->n_items != L)
        return il_fail(IL_EBADSIZE, "net.W and net.b must have %zu matrices "
                       "(one per layer), got %zu and %zu", L, W->n_items,
                       b->n_items);
    for (l = 1; l <= L; l++)
        if ((st = put_layer(c->net, l, &W->items[l - 1], &b->items[l - 1])) !=
            IL_OK)
            return st;
    return IL_OK;
}

/* ---- inputs -------------------------------------------------------------- */

/* An optional input left out: a Lua nil, or Octave's [] in its place. */
static int nothing_given(const il_value *v)
{
    return v->kind == IL_VAL_NONE ||
           (v->kind == IL_VAL_NUMBERS && v->rows == 0 && v->cols == 0);
}

static il_status read_batch(il_command *c, input in, const il_value *v)
{
    const char *name = in == IN_X ? "X" : "Y";
    size_t want;
    /* a caller that goes on after a refused net has none to size X by */
    if (!c->net)
        return il_fail(IL_EBADARG, "%s needs a network before it (%s takes %s)",
                       name, c->def->name, c->def->usage);
    want = il_net_size(c->net, in == IN_X ? 0 : il_net_layers(c->net));
    if (in == IN_Y_OPTIONAL && nothing_given(v))
        return IL_OK;
    if (v->kind != IL_VAL_NUMBERS)
        return il_fail(IL_EBADARG, "%s must be a real matrix, got %s", name,
                       v->kind == IL_VAL_STRING ? "a string"
                       : v->kind == IL_VAL_LIST ? "a list"
                       : v->kind == IL_VAL_FUNCTION ? "a function"
                       : v->kind == IL_VAL_NONE ? "nothing"
                       : v->kind == IL_VAL_NET || v->kind == IL_VAL_FIELDS
                           ? "a network"
                           : v->host_type ? v->host_type : "another value");
    if (v->rows != want)
        return il_fail(IL_EBADSIZE, "%s must have %zu rows (one per %s), got "
                       "%zu", name, want, in == IN_X ? "input" : "output unit",
                       v->rows);
    if (in == IN_X) {
        c->X = v->data;
        c->m = v->cols;
        return IL_OK;
    }
    if (v->cols != c->m)
        return il_fail(IL_EBADSIZE, "X and Y must have the same number of "
                       "columns (samples), got %zu and %zu", c->m, v->cols);
    c->Y = v->data;
    return IL_OK;
}

/* A layer number, 1..L. */
static il_status read_layer(il_command *c, const il_value *v)
{
    size_t L = c->net ? il_net_layers(c->net) : 0;
    double x = v->kind == IL_VAL_NUMBERS && v->rows * v->cols == 1 &&
                       !v->is_logical ? v->data[0] : NAN;
    if (!c->net)
        return il_fail(IL_EBADARG, "the layer needs a network before it");
    if (x != floor(x) || isinf(x))
        return il_fail(IL_EBADARG, "the layer must be a whole number in 1..%zu",
                       L);
    if (x < 1 || x > (double)L)
        return il_fail(IL_EBADINDEX, "layer %.0f is out of range 1..%zu", x, L);
    c->layer = (size_t)x;
    return IL_OK;
}

/* An unrolled parameter vector of the network (il_net_unroll's order). */
static il_status read_theta(il_command *c, const il_value *v)
{
    size_t want = c->net ? il_net_param_count(c->net) : 0;
    if (!c->net)
        return il_fail(IL_EBADARG, "theta needs a network before it");
    if (v->kind != IL_VAL_NUMBERS ||
        (v->rows != 1 && v->cols != 1 && v->rows * v->cols != 0))
        return il_fail(IL_EBADARG, "theta must be a vector of numbers (the "
                       "unrolled parameters)");
    if (v->rows * v->cols != want)
        return il_fail(IL_EBADSIZE, "theta must have %zu entries (the "
                       "network's weights and biases), got %zu", want,
                       v->rows * v->cols);
    c->theta = v->data;
    return IL_OK;
}

static size_t input_count(const command_def *d)
{
    size_t k = 0;
    while (k < MAX_INPUTS && d->inputs[k])
        k++;
    return k;
}

/* The inputs that must be given: all but optional ones at the end. */
static size_t required_count(const command_def *d)
{
    size_t k = input_count(d);
    while (k > 0 && (d->inputs[k - 1] == IN_Y_OPTIONAL ||
                     d->inputs[k - 1] == IN_CLASSES_OPTIONAL ||
                     d->inputs[k - 1] == IN_RECORD_OPTIONAL))
        k--;
    return k;
}

static il_status take_arg(il_command *c, const il_value *v)
{
    size_t k = c ? c->nargs++ : 0, inputs = c ? input_count(c->def) : 0;
    if (!c || !v)
        return il_fail(IL_EBADARG, "command and value must not be NULL");
    if (k >= inputs + c->def->npos)
        return il_fail(IL_EBADARG, "%s takes %s", c->def->name, c->def->usage);
    if (k >= inputs) /* a positional option */
        return v->kind == IL_VAL_NONE ? IL_OK
            : il_options_set(c->opts,
                             il_option_at((il_call)c->def->call, k - inputs)->name,
                             v);
    switch (c->def->inputs[k]) {
    case IN_NET:
        break;
    case IN_LAYER:
        return read_layer(c, v);
    case IN_W:
    case IN_B:
        *(c->def->inputs[k] == IN_W ? &c->W : &c->b) = *v;
        return IL_OK;
    case IN_THETA:
        return read_theta(c, v);
    case IN_STATE:
        c->state = *v;
        return IL_OK;
    case IN_RUNS:
        c->runs = *v;
        return IL_OK;
    case IN_RECORD:
    case IN_RECORD_OPTIONAL:
        c->anim_rec = *v;
        return IL_OK;
    case IN_FIGURE: /* a host's scalar may live in a buffer reused next */
        c->fig[k] = *v;
        if (v->kind == IL_VAL_NUMBERS && v->rows * v->cols == 1) {
            c->fig_number[k] = v->data[0];
            c->fig[k].data = &c->fig_number[k];
        }
        return IL_OK;
    case IN_LABELS:
    case IN_CLASSES_OPTIONAL:
        *(c->def->inputs[k] == IN_LABELS ? &c->labels : &c->classes) = *v;
        return IL_OK;
    default:
        return read_batch(c, c->def->inputs[k], v);
    }
    if (v->kind == IL_VAL_NET && v->net) {
        c->net = v->net;
        return IL_OK;
    }
    if (v->kind == IL_VAL_FIELDS)
        return net_from_fields(c, v);
    return il_fail(IL_EBADARG, "net must be a network struct from il_net");
}

il_status il_command_arg(il_command *c, const il_value *v)
{
    il_status st = take_arg(c, v);
    if (st != IL_OK && c)
        c->refused = 1;
    return st;
}

il_status il_command_option(il_command *c, const char *name,
                            const il_value *v)
{
    if (!c)
        return il_fail(IL_EBADARG, "command must not be NULL");
    if (c->def->call < 0)
        return il_fail(IL_EBADOPTION, "%s takes no options (%s); got '%.60s'",
                       c->def->name, c->def->usage, name ? name : "");
    return il_options_set(c->opts, name, v);
}

/* ---- the commands -------------------------------------------------------- */

static il_status prepare_net(il_command *c)
{
    c->new_net = 1;
    return il_options_net(c->opts, &c->owned);
}

static il_status prepare_init(il_command *c)
{
    il_status st = il_options_init(c->opts, c->net, &c->init);
    if (st == IL_OK && !(c->trials = calloc(il_net_layers(c->net) + 1,
                                            sizeof *c->trials)))
        return il_fail(IL_ENOMEM, "out of memory");
    c->init.lsuv_trials = c->trials;
    return st;
}

static il_status run_init(il_command *c)
{
    size_t l;
    il_status st = il_net_init(c->net, &c->init);
    for (l = 0; st == IL_OK && c->items[1] && l < il_net_layers(c->net); l++)
        c->bound[1][0][l] = c->trials[l];
    return st;
}

/* The hook training runs: the progress line, then the host's function. */
static int progress(void *ctx, const il_progress *p)
{
    il_command *c = ctx;
    char line[2048];
    if (c->print && c->host->print) {
        il_progress_line(p, line, sizeof line);
        c->host->print(c->host->ctx, line);
    }
    if (!c->host->progress || !il_options_given(c->opts, "progress"))
        return 0;
    return c->host->progress(c->host->ctx, p);
}

static il_status prepare_train(il_command *c)
{
    return il_options_train(c->opts, c->net, &c->train,
                            c->nresults > 1 ? &c->record : NULL);
}

static il_status run_train(il_command *c)
{
    char notice[160];
    il_status st;
    il_options_progress(c->opts, &c->print, &c->train.hook_every);
    if (c->train.hook_every > 0) {
        c->train.hook = progress;
        c->train.hook_ctx = c;
    }
    st = il_train(c->net, c->X, c->Y, c->m, &c->train,
                  c->nresults > 1 ? &c->record : NULL,
                  c->nresults > 1 ? &c->rec : NULL, &c->info);
    c->trained = st == IL_OK;
    if (st == IL_OK && c->info.stopped == IL_STOP_INTERRUPT &&
        c->host->print) {
        snprintf(notice, sizeof notice, "il_train: interrupted at iteration "
                 "%ld; returning what was recorded so far", c->info.iters_done);
        c->host->print(c->host->ctx, notice);
    }
    return st;
}

static il_status prepare_stats(il_command *c)
{
    return il_options_stats(c->opts, c->net, &c->record);
}

static il_status run_stats(il_command *c)
{
    return il_net_stats(c->net, c->X, c->Y, c->m, &c->record, &c->rec);
}

static il_status prepare_dataset(il_command *c)
{
    memset(&c->data, 0, sizeof c->data);
    return il_options_dataset(c->opts, &c->dataset, &c->n, &c->data,
                              &c->seed);
}

static il_status run_dataset(il_command *c)
{
    /* Y and labels are bound only when the caller takes them (nresults
     * 2, 3); the labels Y is made from are needed either way */
    double *labels = c->items[2] ? c->bound[2][0] : NULL;
    size_t j;
    il_status st;
    if (!labels && !(labels = malloc((c->n ? c->n : 1) * sizeof *labels)))
        return il_fail(IL_ENOMEM, "out of memory for %zu labels", c->n);
    st = il_dataset(c->dataset, c->n, &c->data, c->seed, c->bound[0][0],
                    labels);
    if (st == IL_OK && c->items[1])
        st = il_dataset_targets(labels, c->n, c->data.classes, c->bound[1][0]);
    if (!c->items[2])
        free(labels);
    else
        for (j = 0; st == IL_OK && j < c->n; j++) /* classes count from 1 */
            labels[j] += 1;
    return st;
}

static il_status prepare_gain(il_command *c)
{
    return il_options_gain(c->opts, &c->act);
}

static il_status run_gain(il_command *c)
{
    int computed;
    il_status st = il_gain(c->act, &c->numbers[0], &computed);
    c->numbers[1] = computed != 0;
    return st;
}

static il_status run_forward(il_command *c)
{
    return il_forward(c->net, c->X, c->m, c->bound[0][0],
                      c->items[1] ? c->bound[1] : NULL,
                      c->items[2] ? c->bound[2] : NULL);
}

static il_status run_layer(il_command *c)
{
    size_t n = il_net_size(c->net, c->layer);
    size_t k = il_net_size(c->net, c->layer - 1);
    memcpy(c->bound[0][0], il_net_cW(c->net, c->layer), n * k * sizeof(double));
    if (c->items[1])
        memcpy(c->bound[1][0], il_net_cb(c->net, c->layer), n * sizeof(double));
    return IL_OK;
}

static il_status run_set_layer(il_command *c)
{
    return put_layer(c->net, c->layer, &c->W, &c->b);
}

static il_status prepare_copy(il_command *c)
{
    il_net *read = c->owned; /* a network read from fields: its copy replaces it */
    il_status st = il_net_copy(c->net, &c->owned);
    if (st != IL_OK) {
        c->owned = read;
        return st;
    }
    il_net_free(read);
    c->new_net = 1;
    return IL_OK;
}

static il_status prepare_evaluate(il_command *c)
{
    return il_options_evaluate(c->opts, &c->rule);
}

/* onehot: labels (a vector or a list of whole numbers 1..k) and k (the
 * largest label when not given) -> Y, k x n, as il_onehot makes it. */
static il_status prepare_onehot(il_command *c)
{
    const il_value *v = &c->labels;
    size_t n = v->kind == IL_VAL_LIST ? v->n_items : v->rows * v->cols, j;
    double k = 0, x, *z;
    char buf[32];
    int list = v->kind == IL_VAL_LIST;
    if (!list && !(v->kind == IL_VAL_NUMBERS &&
                   (v->rows <= 1 || v->cols <= 1)))
        return il_fail(IL_EBADARG, "labels must be a vector of whole numbers "
                       "1..k");
    if (!(z = c->zero_based = malloc((n ? n : 1) * sizeof *z)))
        return il_fail(IL_ENOMEM, "out of memory for %zu labels", n);
    for (j = 0; j < n; j++) {
        const il_value *item = list ? &v->items[j] : NULL;
        if (item && (item->kind != IL_VAL_NUMBERS || item->rows * item->cols != 1))
            return il_fail(IL_EBADARG, "labels(%zu) must be a number", j + 1);
        x = item ? item->data[0] : v->data[j];
        if (!(x >= 1 && x == floor(x) && x <= 9007199254740992.0))
            return il_fail(IL_EBADVALUE, "labels(%zu) must be a whole number "
                           ">= 1, got %s", j + 1, il_number(x, buf));
        z[j] = x - 1;
        k = x > k ? x : k;
    }
    if (c->classes.kind != IL_VAL_NONE) {
        x = c->classes.kind == IL_VAL_NUMBERS &&
                    c->classes.rows * c->classes.cols == 1
                ? c->classes.data[0] : NAN;
        if (!(x >= 1 && x == floor(x) && x <= 9007199254740992.0))
            return il_fail(IL_EBADVALUE, "k must be a whole number >= 1");
        if (x < k)
            return il_fail(IL_EBADVALUE, "labels go up to %.0f, more than k = "
                           "%.0f", k, x);
        k = x;
    }
    if (k * (double)n * sizeof(double) > (double)il_default_max_bytes()) {
        char what[64];
        snprintf(what, sizeof what, "a one-hot Y of k = %.0f", k);
        return il_too_big(what, k * (double)n * sizeof(double) / 1e6,
                          il_default_max_bytes(), "give fewer classes");
    }
    c->n = n;
    c->data.classes = (size_t)(k ? k : 1);
    return IL_OK;
}

static il_status run_onehot(il_command *c)
{
    return il_onehot(c->zero_based, c->n, c->data.classes, c->bound[0][0]);
}

/* rand: stream, seed -> the new stream's state (il_rng_save's vector). */
static il_status prepare_rand(il_command *c)
{
    int kind;
    uint64_t seed;
    il_status st = il_options_rand(c->opts, &kind, &seed);
    memset(&c->rng, 0, sizeof c->rng);
    if (st == IL_OK)
        st = il_rng_start(&c->rng, kind, seed);
    c->n = il_rng_state_size(c->rng.kind);
    return st;
}

static il_status run_rand(il_command *c)
{
    il_rng_save(&c->rng, c->bound[0][0]);
    return IL_OK;
}

/* draw: state, distribution, size, options -> x and the state after it;
 * the host's state is only read, so a failed draw leaves it as it was. */
static il_status prepare_draw(il_command *c)
{
    const il_value *v = &c->state;
    il_status st;
    memset(&c->rng, 0, sizeof c->rng);
    if (v->kind != IL_VAL_NUMBERS || v->is_logical ||
        (v->rows != 1 && v->cols != 1))
        return il_fail(IL_EBADARG, "the stream's state must be the vector "
                       "il_rand gave (g.state)");
    if ((st = il_rng_load(&c->rng, v->data, v->rows * v->cols)) != IL_OK)
        return st;
    c->n = il_rng_state_size(c->rng.kind);
    return il_options_draw(c->opts, &c->draw, &c->rows, &c->cols);
}

static il_status run_draw(il_command *c)
{
    il_status st = il_rng_draw(&c->rng, &c->draw, c->rows, c->cols,
                               c->bound[0][0]);
    if (st == IL_OK && c->items[1])
        il_rng_save(&c->rng, c->bound[1][0]);
    return st;
}

/* summary: net -> its text, in a page (a network of 30 layers fits); a
 * longer text is written again into a buffer of its length */
/* summary and describe: the text, sized by a first try */
static il_status run_text(il_command *c,
                          il_status (*write)(const il_net *, char *, size_t,
                                             size_t *))
{
    size_t size = 4096, length;
    il_status st;
    if (!(c->text = malloc(size)))
        return il_fail(IL_ENOMEM, "out of memory for a summary");
    if ((st = write(c->net, c->text, size, &length)) != IL_OK ||
        length < size)
        return st;
    free(c->text);
    if (!(c->text = malloc(length + 1)))
        return il_fail(IL_ENOMEM, "out of memory for a summary");
    return write(c->net, c->text, length + 1, &length);
}

static il_status run_summary(il_command *c)
{
    return run_text(c, il_net_summary);
}

static il_status run_describe(il_command *c)
{
    return run_text(c, il_net_describe);
}

static il_status run_evaluate(il_command *c)
{
    return il_evaluate_as(c->net, c->X, c->Y, c->m, c->rule, &c->numbers[0],
                          &c->numbers[1]);
}

static il_status prepare_cost(il_command *c)
{
    return il_options_cost(c->opts, &c->penalty);
}

static il_status run_cost(il_command *c)
{
    return il_cost(c->net, c->X, c->Y, c->m, &c->penalty, &c->numbers[0],
                   c->items[1] ? c->bound[1][0] : NULL);
}

static il_status run_gradients(il_command *c)
{
    return il_gradients(c->net, c->X, c->Y, c->m, &c->penalty, &c->numbers[2],
                        c->bound[0], c->items[1] ? c->bound[1] : NULL);
}

static il_status run_unroll(il_command *c)
{
    il_net_unroll(c->net, c->bound[0][0]);
    return IL_OK;
}

static il_status run_reroll(il_command *c)
{
    return il_net_reroll(c->net, c->theta);
}

/* ---- figures: the rules of src/figure.c for the front ends' plots -------- */

static il_status fig_number(const il_value *v, const char *what, double *x)
{
    if (v->kind != IL_VAL_NUMBERS || v->rows * v->cols != 1)
        return il_fail(IL_EBADARG, "%s must be a number", what);
    *x = v->data[0];
    return IL_OK;
}

/* The axis rule (IL_AXIS_*) of its name. */
static il_status axis_rule(il_command *c, const il_value *rule, int *r)
{
    for (*r = 0; il_axis_name(*r) && (rule->kind != IL_VAL_STRING ||
                                      strcmp(rule->str, il_axis_name(*r)));
         ++*r)
        ;
    if (il_axis_name(*r))
        return IL_OK;
    return il_fail(IL_EBADNAME, "%s's rule must be linear, log or integer",
                   c->def->name);
}

/* axis_range: values, rule ("linear", "log", "integer") -> lo, hi, log */
static il_status prepare_axis_range(il_command *c)
{
    const il_value *x = &c->fig[0];
    int r;
    il_status st;
    if (x->kind != IL_VAL_NUMBERS)
        return il_fail(IL_EBADARG, "axis_range's values must be numbers");
    if ((st = axis_rule(c, &c->fig[1], &r)) != IL_OK)
        return st;
    il_axis_range(x->data, x->rows * x->cols, r, &c->numbers[0],
                  &c->numbers[1]);
    c->numbers[2] = il_axis_log(x->data, x->rows * x->cols, r);
    return IL_OK;
}

/* histogram: values, over, rule, bins -> edges (1 x bins + 1: the bins
 * over the axis that rule draws for the values over, il_hist_edges),
 * counts (1 x bins: of values, il_hist_count), log */
static il_status prepare_histogram(il_command *c)
{
    double bins = 0;
    il_status st;
    if (c->fig[0].kind != IL_VAL_NUMBERS)
        return il_fail(IL_EBADARG, "histogram's values must be numbers");
    if (c->fig[1].kind != IL_VAL_NUMBERS)
        return il_fail(IL_EBADARG, "histogram's over must be numbers");
    if ((st = axis_rule(c, &c->fig[2], &c->axis)) != IL_OK)
        return st;
    if ((st = fig_number(&c->fig[3], "histogram's bins", &bins)) != IL_OK)
        return st;
    if (!(bins >= 1 && bins <= 10000 && bins == floor(bins)))
        return il_fail(IL_EBADVALUE, "histogram's bins must be a whole "
                       "number in 1..10000");
    c->n = (size_t)bins;
    return IL_OK;
}

static il_status run_histogram(il_command *c)
{
    const il_value *x = &c->fig[0], *over = &c->fig[1];
    double *edges = c->bound[0][0];
    c->numbers[2] = il_hist_edges(over->data, over->rows * over->cols,
                                  c->axis, c->n, edges);
    if (c->items[1])
        il_hist_count(x->data, x->rows * x->cols, edges, c->n, c->bound[1][0]);
    return IL_OK;
}

/* color_range: max_abs, reference -> r */
static il_status prepare_color_range(il_command *c)
{
    double max_abs = 0, reference = 0;
    il_status st = fig_number(&c->fig[0], "color_range's max_abs", &max_abs);
    if (st == IL_OK)
        st = fig_number(&c->fig[1], "color_range's reference", &reference);
    c->numbers[0] = il_color_range(max_abs, reference);
    return st;
}

/* palette: n -> n x 3 colours in [0, 1], from t = -1 to 1 */
static il_status prepare_palette(il_command *c)
{
    double n = 0;
    il_status st = fig_number(&c->fig[0], "palette's n", &n);
    if (st == IL_OK && !(n >= 2 && n <= 4096 && n == floor(n)))
        st = il_fail(IL_EBADVALUE, "palette's n must be a whole number in "
                     "2..4096");
    c->n = st == IL_OK ? (size_t)n : 0;
    return st;
}

static il_status run_palette(il_command *c)
{
    unsigned char rgb[3];
    size_t i, k;
    for (i = 0; i < c->n; i++) {
        il_palette_rgb(-1 + 2.0 * (double)i / (double)(c->n - 1), rgb);
        for (k = 0; k < 3; k++)
            c->bound[0][0][i + k * c->n] = rgb[k] / 255.0;
    }
    return IL_OK;
}

/* report: runs (a list of records, each as the name, value pairs of its
 * fields), file, options -> the bytes written (il_report_write). */
static il_status prepare_report(il_command *c)
{
    if (c->runs.kind != IL_VAL_LIST || c->runs.n_items == 0)
        return il_fail(IL_EBADARG, "runs must be a list of one or more records "
                       "(each as the name, value pairs of its fields)");
    return il_options_report(c->opts, c->runs.n_items, &c->report);
}

static il_status run_report(il_command *c)
{
    size_t bytes = 0;
    il_status st = il_report_write(c->runs.items, c->runs.n_items, &c->report,
                                   &bytes);
    c->numbers[0] = (double)bytes;
    return st;
}

/* animate: record (its fields as name, value pairs), kind, file, options
 * -> the frames written: one GIF, the same bytes from every front end. */
static il_status prepare_animate(il_command *c)
{
    il_status st = il_options_animate(c->opts, &c->anim_kind, &c->anim_file,
                                      &c->anim);
    if (st == IL_OK)
        st = il_anim_frames_read(&c->anim_rec, c->anim_kind, &c->frames);
    c->numbers[0] = (double)c->frames.frames;
    return st;
}

static il_status run_animate(il_command *c)
{
    return il_animate(c->anim_file, c->anim_kind, &c->frames, &c->anim);
}

/* jacobian: net, X, rec -> the singular values of each sample's
 * input-output Jacobian (k x m, k = min(nL, n0)) and their pooled summary;
 * with a record holding weights, the same at each recorded iteration: sv
 * (k m) x R, a column per iteration, and 1 x R rows. */
static int has_record(const il_command *c)
{
    return !nothing_given(&c->anim_rec);
}

/* The singular values of one sample's Jacobian: min(n0, nL). */
static size_t sv_count(const il_net *net)
{
    size_t n0 = il_net_size(net, 0), nL = il_net_size(net, il_net_layers(net));
    return n0 < nL ? n0 : nL;
}

static il_status prepare_jacobian(il_command *c)
{
    size_t L = il_net_layers(c->net), l, max_bytes, bytes, total;
    il_status st;
    max_bytes = (size_t)il_options_number(c->opts, "max_bytes");
    if ((st = il_jacobian_check(c->net, c->m, max_bytes)) != IL_OK ||
        !has_record(c))
        return st;
    if ((st = il_anim_frames_read(&c->anim_rec, IL_ANIM_WEIGHTS,
                                  &c->frames)) != IL_OK)
        return st;
    if (c->frames.layers != L)
        return il_fail(IL_EBADSIZE, "rec holds %zu layers, the network %zu",
                       c->frames.layers, L);
    for (l = 0; l <= L; l++)
        if (c->frames.sizes[l] != il_net_size(c->net, l))
            return il_fail(IL_EBADSIZE, "rec's layers are not the network's: "
                           "n(%zu) is %zu there, %zu here", l,
                           c->frames.sizes[l], il_net_size(c->net, l));
    /* the values of every iteration, beside one iteration's scratch */
    if ((st = il_jacobian_bytes(c->net, c->m, &bytes)) != IL_OK)
        return st;
    if (il_mul_overflows(sv_count(c->net), c->m, &total) ||
        il_doubles_overflow(total, c->frames.frames, &total) ||
        il_add_overflows(total, bytes, &total) || total > il_cap_of(max_bytes))
        return il_too_big("the singular values of every recorded iteration",
                          (double)sv_count(c->net) * (double)c->m *
                          (double)c->frames.frames * 8.0 / 1e6,
                          il_cap_of(max_bytes),
                          "raise max_bytes, or pass fewer samples or iterations");
    return IL_OK;
}

static int interrupt_of(void *ctx);

/* Without a record the network given is the one iteration, its summary
 * numbers scalars and sv k x m; with one, a copy takes each recorded
 * iteration's weights in turn. */
static il_status run_jacobian(il_command *c)
{
    int each = has_record(c);
    size_t L = il_net_layers(c->net), R = each ? c->frames.frames : 1, r, l;
    size_t k = sv_count(c->net);
    double *sv, *iter = NULL, *max, *mean_sq, *condition;
    il_net *at = NULL;
    il_status st;
    if ((each && (st = add_field(c, "iter", 1, R, 1, &iter)) != IL_OK) ||
        (st = add_field(c, "sv", each ? k * c->m : k, each ? R : c->m, 1,
                        &sv)) != IL_OK ||
        (st = add_field(c, "max", 1, R, each, &max)) != IL_OK ||
        (st = add_field(c, "mean_sq", 1, R, each, &mean_sq)) != IL_OK ||
        (st = add_field(c, "condition", 1, R, each, &condition)) != IL_OK ||
        (each && (st = il_net_copy(c->net, &at)) != IL_OK))
        return st;
    for (r = 0; r < R && st == IL_OK; r++) {
        double *col = sv + r * k * c->m;
        if (each)
            iter[r] = c->frames.iters[r];
        for (l = 1; each && l <= L && st == IL_OK; l++)
            st = il_net_set_layer(at, l, c->frames.W[(l - 1) * R + r],
                                  il_net_size(at, l), il_net_size(at, l - 1),
                                  c->frames.b[(l - 1) * R + r],
                                  il_net_size(at, l));
        if (st == IL_OK)
            st = il_jacobian_sv(each ? at : c->net, c->X, c->m, col);
        if (st == IL_OK)
            il_sv_summary(col, k * c->m, &max[r], &mean_sq[r], &condition[r]);
        if (st == IL_OK && each && interrupt_of(c))
            st = il_interrupted();
    }
    il_net_free(at);
    return st;
}

/* propagation: net, X, Y -> predicted and measured second moments per
 * layer (il_net_propagation), each a 1 x L row, and them as a table. */
static il_status run_propagation(il_command *c)
{
    static const char *const names[] = {"sigma_w2", "sigma_b2", "q_pred",
        "q_meas", "a2_pred", "a2_meas", "grad_pred", "grad_meas"};
    size_t L = il_net_layers(c->net), k, l, used = 0, size;
    double *row[8];
    il_propagation p;
    il_status st = IL_OK;
    char *text;
    for (k = 0; k < 8 && st == IL_OK; k++)
        st = add_field(c, names[k], 1, L, 1, &row[k]);
    if (st != IL_OK)
        return st;
    p.sigma_w2 = row[0]; p.sigma_b2 = row[1];
    p.q_pred = row[2]; p.q_meas = row[3];
    p.a2_pred = row[4]; p.a2_meas = row[5];
    p.grad_pred = row[6]; p.grad_meas = row[7];
    if ((st = il_net_propagation(c->net, c->X, c->Y, c->m, &p)) != IL_OK)
        return st;
    /* the same rows as a table: the header and 120 characters a layer */
    if (il_mul_overflows(L, 120, &size) || il_add_overflows(size, 240, &size))
        return il_fail(IL_ETOOBIG, "%zu layers do not fit in a table", L);
    if (!(text = malloc(size)))
        return il_fail(IL_ENOMEM, "out of memory for the propagation table");
    used = (size_t)snprintf(text, size, "layer  units  %-12s sigma_w2   q pred"
                            "     q meas     grad pred  grad meas",
                            "activation");
    for (l = 1; l <= L && used < size; l++)
        used += (size_t)snprintf(text + used, size - used,
                                 "\n%5zu %6zu  %-12s %-10.4g %-10.4g %-10.4g "
                                 "%-10.4g %.4g", l, il_net_size(c->net, l),
                                 il_act_name(il_net_act(c->net, l).kind),
                                 p.sigma_w2[l - 1], p.q_pred[l - 1],
                                 p.q_meas[l - 1], p.grad_pred[l - 1],
                                 p.grad_meas[l - 1]);
    st = field_text(c, "table", text);
    free(text);
    return st;
}

/* theory: act, options -> the mean-field theory at one point (or at the
 * critical sigma_w2), with the path through depth when asked. */
static il_status prepare_theory(il_command *c)
{
    return il_options_theory(c->opts, &c->theory);
}

static il_status run_theory(il_command *c)
{
    const il_theory_opts *t = &c->theory;
    il_theory_point p;
    double sigma_w2 = t->sigma_w2, *q = NULL, *cor = NULL;
    il_status st = t->critical
                   ? il_theory_critical(t->act, t->sigma_b2, &sigma_w2, &p)
                   : il_theory(t->act, t->sigma_w2, t->sigma_b2, &p);
    if (st != IL_OK)
        return st;
    if ((st = field_text(c, "act", il_act_name(t->act.kind))) != IL_OK ||
        (st = field_number(c, "act_param", t->act.kind == IL_LEAKY_RELU ||
                           t->act.kind == IL_ELU ? t->act.param : NAN)) != IL_OK ||
        (st = field_number(c, "sigma_w2", p.sigma_w2)) != IL_OK ||
        (st = field_number(c, "sigma_b2", p.sigma_b2)) != IL_OK ||
        (st = field_number(c, "q_star", p.q_star)) != IL_OK ||
        (st = field_number(c, "c_star", p.c_star)) != IL_OK ||
        (st = field_number(c, "chi1", p.chi1)) != IL_OK ||
        (st = field_number(c, "chi_c", p.chi_c)) != IL_OK ||
        (st = field_number(c, "xi_q", p.xi_q)) != IL_OK ||
        (st = field_number(c, "xi_c", p.xi_c)) != IL_OK ||
        (st = field_text(c, "phase", il_phase_name(p.phase))) != IL_OK)
        return st;
    if (t->depth == 0)
        return IL_OK;
    if ((st = add_field(c, "q", 1, t->depth + 1, 1, &q)) != IL_OK ||
        (st = add_field(c, "c", 1, t->depth + 1, 1, &cor)) != IL_OK)
        return st;
    return il_theory_path(t->act, p.sigma_w2, p.sigma_b2, t->q0, t->c0,
                          t->depth, q, cor);
}

/* Result kinds: n network, r record, m matrix, l matrices (per layer),
 * x number, t true/false, s text, f fields. */
static const command_def commands[] = {
    {"net", {0}, IL_CALL_NET, 2, "sizes, act, options", {"net"}, "n",
     prepare_net, NULL},
    {"init", {IN_NET}, IL_CALL_INIT, 1, "net, initializer, options",
     {"net", "lsuv_trials"}, "nm", prepare_init, run_init},
    {"train", {IN_NET, IN_X, IN_Y}, IL_CALL_TRAIN, 0, "net, X, Y, options",
     {"net", "record"}, "nr", prepare_train, run_train},
    {"stats", {IN_NET, IN_X, IN_Y_OPTIONAL}, IL_CALL_STATS, 0,
     "net, X, Y, options", {"record"}, "r", prepare_stats, run_stats},
    {"dataset", {0}, IL_CALL_DATASET, 2, "name, n, options",
     {"X", "Y", "labels"}, "mmm", prepare_dataset, run_dataset},
    {"gain", {0}, IL_CALL_GAIN, 2, "nonlinearity, param",
     {"gain", "computed"}, "xt", prepare_gain, run_gain},
    {"forward", {IN_NET, IN_X}, -1, 0, "net, X", {"out", "Z", "A"}, "mll",
     NULL, run_forward},
    {"evaluate", {IN_NET, IN_X, IN_Y}, IL_CALL_EVALUATE, 0,
     "net, X, Y, options", {"loss", "accuracy"}, "xx", prepare_evaluate,
     run_evaluate},
    {"layer", {IN_NET, IN_LAYER}, -1, 0, "net, l", {"W", "b"}, "mm", NULL,
     run_layer},
    {"set_layer", {IN_NET, IN_LAYER, IN_W, IN_B}, -1, 0, "net, l, W, b",
     {"net"}, "n", NULL, run_set_layer},
    {"copy", {IN_NET}, -1, 0, "net", {"net"}, "n", prepare_copy, NULL},
    {"onehot", {IN_LABELS, IN_CLASSES_OPTIONAL}, -1, 0, "labels, k", {"Y"},
     "m", prepare_onehot, run_onehot},
    {"rand", {0}, IL_CALL_RAND, 2, "stream, seed", {"state"}, "m",
     prepare_rand, run_rand},
    {"draw", {IN_STATE}, IL_CALL_DRAW, 2, "state, distribution, size, options",
     {"x", "state"}, "mm", prepare_draw, run_draw},
    {"summary", {IN_NET}, -1, 0, "net", {"text"}, "s", NULL, run_summary},
    {"describe", {IN_NET}, -1, 0, "net", {"text"}, "s", NULL, run_describe},
    {"cost", {IN_NET, IN_X, IN_Y}, IL_CALL_COST, 0, "net, X, Y, options",
     {"J", "grad"}, "xm", prepare_cost, run_cost},
    {"gradients", {IN_NET, IN_X, IN_Y}, IL_CALL_COST, 0, "net, X, Y, options",
     {"dW", "db", "J"}, "llx", prepare_cost, run_gradients},
    {"unroll", {IN_NET}, -1, 0, "net", {"theta"}, "m", NULL, run_unroll},
    {"reroll", {IN_NET, IN_THETA}, -1, 0, "net, theta", {"net"}, "n", NULL,
     run_reroll},
    {"axis_range", {IN_FIGURE, IN_FIGURE}, -1, 0, "values, rule",
     {"lo", "hi", "log"}, "xxt", prepare_axis_range, NULL},
    {"histogram", {IN_FIGURE, IN_FIGURE, IN_FIGURE, IN_FIGURE}, -1, 0,
     "values, over, rule, bins", {"edges", "counts", "log"}, "mmt",
     prepare_histogram, run_histogram},
    {"color_range", {IN_FIGURE, IN_FIGURE}, -1, 0, "max_abs, reference",
     {"r"}, "x", prepare_color_range, NULL},
    {"palette", {IN_FIGURE}, -1, 0, "n", {"rgb"}, "m", prepare_palette,
     run_palette},
    {"report", {IN_RUNS}, IL_CALL_REPORT, 1, "runs, file, options", {"bytes"},
     "x", prepare_report, run_report},
    {"theory", {0}, IL_CALL_THEORY, 1, "act, options", {"T"}, "f",
     prepare_theory, run_theory},
    {"propagation", {IN_NET, IN_X, IN_Y_OPTIONAL}, -1, 0, "net, X, Y",
     {"P"}, "f", NULL, run_propagation},
    {"jacobian", {IN_NET, IN_X, IN_RECORD_OPTIONAL}, IL_CALL_JACOBIAN, 0,
     "net, X, rec, options",
     {"J"}, "f", prepare_jacobian, run_jacobian},
    {"animate", {IN_RECORD}, IL_CALL_ANIMATE, 2, "record, kind, file, options",
     {"frames"}, "x", prepare_animate, run_animate},
};

#define N_COMMANDS (sizeof commands / sizeof commands[0])

/* ---- the life of a command ------------------------------------------------- */

/* The command called name, made in c (zeroed by the caller). */
static il_status start(const char *name, il_command *c)
{
    size_t i;
    for (i = 0; name && i < N_COMMANDS && strcmp(name, commands[i].name); i++)
        ;
    if (!name || i == N_COMMANDS)
        return il_fail(IL_EBADARG, "unknown command '%.40s'", name ? name : "");
    c->def = &commands[i];
    c->labels.kind = c->classes.kind = c->W.kind = c->b.kind = IL_VAL_NONE;
    if (c->def->call >= 0)
        return il_options_new((il_call)c->def->call, &c->opts);
    return IL_OK;
}

il_status il_command_new(const char *name, il_command **cmd)
{
    il_command *c;
    il_status st;
    if (!cmd)
        return il_fail(IL_EBADARG, "cmd must not be NULL");
    *cmd = NULL;
    if (!(c = calloc(1, sizeof *c)))
        return il_fail(IL_ENOMEM, "out of memory for a command");
    if ((st = start(name, c)) != IL_OK) {
        free(c);
        return st;
    }
    *cmd = c;
    return IL_OK;
}

il_status il_command_start(const char *name, il_command_room *room,
                           il_command **cmd)
{
    il_command *c = (il_command *)room;
    il_status st;
    if (!cmd || !room)
        return il_fail(IL_EBADARG, "room and cmd must not be NULL");
    *cmd = NULL;
    memset(c, 0, offsetof(il_command, rng)); /* rng: see il_command */
    c->in_room = 1;
    if ((st = start(name, c)) != IL_OK)
        return st;
    *cmd = c;
    return IL_OK;
}

void il_command_free(il_command *c)
{
    size_t k;
    if (!c)
        return;
    il_options_free(c->opts);
    il_net_free(c->owned);
    il_record_free(c->rec);
    for (k = 0; k < MAX_RESULTS; k++)
        if (c->bound[k] != &c->bound_one[k])
            free(c->bound[k]);
    free(c->trials);
    free(c->zero_based);
    free(c->text);
    for (k = 0; k < c->n_fields; k++) {
        free(c->fields[k].text);
        free(c->fields[k].data);
    }
    free(c->fields);
    il_anim_frames_free(&c->frames);
    if (!c->in_room)
        free(c);
}

size_t il_command_positional(const il_command *c)
{
    if (!c)
        return 0;
    return c->def->call < 0 ? (size_t)-1 : input_count(c->def) + c->def->npos;
}

const char *il_command_usage(const il_command *c)
{
    return c ? c->def->usage : "";
}

static char kind_letter(const il_command *c, size_t k)
{
    return c->def->kinds[k];
}

il_status il_command_prepare(il_command *c, size_t nresults)
{
    size_t k, n, L;
    il_status st;
    if (!c)
        return il_fail(IL_EBADARG, "command must not be NULL");
    /* a refused input still counts as given: the net must be there */
    if (c->refused)
        return il_fail(IL_EBADARG, "%s: an argument was refused; make a new "
                       "command", c->def->name);
    if (c->nargs < required_count(c->def) ||
        (c->def->inputs[0] == IN_NET && !c->net))
        return il_fail(IL_EBADARG, "%s takes %s", c->def->name, c->def->usage);
    c->nresults = nresults ? nresults : 1;
    if (c->def->prepare && (st = c->def->prepare(c)) != IL_OK)
        return st;
    if (c->new_net)
        c->net = c->owned;
    L = c->net ? il_net_layers(c->net) : 0;
    for (k = 0; k < il_command_results(c); k++) {
        n = kind_letter(c, k) == 'l' ? L : kind_letter(c, k) == 'm';
        /* a matrix's one pointer in the command: no allocation for it */
        if (n == 1)
            c->bound[k] = &c->bound_one[k];
        else if (n && !(c->bound[k] = calloc(n, sizeof *c->bound[k])))
            return il_fail(IL_ENOMEM, "out of memory");
        c->items[k] = n;
    }
    return IL_OK;
}

size_t il_command_results(const il_command *c)
{
    size_t k = 0;
    while (c && k < MAX_RESULTS && k < c->nresults && c->def->results[k])
        k++;
    return k;
}

const char *il_command_result_name(const il_command *c, size_t k)
{
    return c && k < il_command_results(c) ? c->def->results[k] : NULL;
}

il_res_kind il_command_result_kind(const il_command *c, size_t k)
{
    switch (c && k < il_command_results(c) ? kind_letter(c, k) : 'x') {
    case 'n': return IL_RES_NET;
    case 'r': return IL_RES_RECORD;
    case 'm': return IL_RES_MATRIX;
    case 'l': return IL_RES_MATRICES;
    case 't': return IL_RES_BOOL;
    case 's': return IL_RES_TEXT;
    case 'f': return IL_RES_FIELDS;
    default: return IL_RES_NUMBER;
    }
}

size_t il_command_items(const il_command *c, size_t k)
{
    return c && k < MAX_RESULTS ? (c->items[k] ? c->items[k] : 1) : 0;
}

void il_command_dims(const il_command *c, size_t k, size_t item, size_t *rows,
                     size_t *cols)
{
    const char *name = il_command_result_name(c, k);
    size_t L = c && c->net ? il_net_layers(c->net) : 0;
    *rows = *cols = 0;
    if (!name || il_command_items(c, k) <= item)
        return;
    if (c->def->run == run_dataset) {
        *rows = k == 0 ? 2 : k == 1 ? il_dataset_target_rows(c->data.classes) : 1;
        *cols = c->n;
    } else if (c->def->run == run_init) {
        *rows = 1;
        *cols = L;
    } else if (c->def->run == run_rand || c->def->run == run_draw) {
        /* draw's x, then (both) the state */
        *rows = k == 0 && c->def->run == run_draw ? c->rows : 1;
        *cols = k == 0 && c->def->run == run_draw ? c->cols : c->n;
    } else if (c->def->run == run_palette) {
        *rows = c->n;
        *cols = 3;
    } else if (c->def->run == run_histogram) {
        *rows = 1;
        *cols = k == 0 ? c->n + 1 : c->n;
    } else if (c->def->run == run_onehot) {
        *rows = c->data.classes;
        *cols = c->n;
    } else if (c->def->run == run_layer) {
        *rows = il_net_size(c->net, c->layer);
        *cols = k == 0 ? il_net_size(c->net, c->layer - 1) : 1;
    } else if (c->def->run == run_cost || c->def->run == run_unroll) {
        *rows = il_net_param_count(c->net);
        *cols = 1;
    } else if (c->def->run == run_gradients) {
        *rows = il_net_size(c->net, item + 1);
        *cols = k == 0 ? il_net_size(c->net, item) : 1;
    } else { /* forward: out, and each layer's Z and A */
        *rows = il_net_size(c->net, k == 0 ? L : item + 1);
        *cols = c->m;
    }
}

void il_command_bind(il_command *c, size_t k, size_t item, double *storage)
{
    if (c && k < MAX_RESULTS && item < c->items[k])
        c->bound[k][item] = storage;
}

static int interrupt_of(void *ctx)
{
    const il_host *h = ((il_command *)ctx)->host;
    return h->interrupt ? h->interrupt(h->ctx) : 0;
}

il_status il_command_run(il_command *c, const il_host *host)
{
    static const il_host none;
    size_t k, i;
    if (!c)
        return il_fail(IL_EBADARG, "command must not be NULL");
    for (k = 0; k < MAX_RESULTS; k++)
        for (i = 0; i < c->items[k]; i++)
            if (!c->bound[k][i])
                return il_fail(IL_EBADARG, "result %zu has no storage", k + 1);
    c->host = host ? host : &none;
    c->init.interrupt = c->record.interrupt = c->train.interrupt =
        c->data.interrupt = c->draw.interrupt = interrupt_of;
    c->init.interrupt_ctx = c->record.interrupt_ctx = c->train.interrupt_ctx =
        c->data.interrupt_ctx = c->draw.interrupt_ctx = c;
    return c->def->run ? c->def->run(c) : IL_OK;
}

const char *il_command_text(const il_command *c, size_t k)
{
    return il_command_result_kind(c, k) == IL_RES_TEXT ? c->text : NULL;
}

double il_command_number(const il_command *c, size_t k)
{
    return c && k < MAX_RESULTS ? c->numbers[k] : 0;
}

const il_net *il_command_net(const il_command *c, int *given)
{
    if (given)
        *given = c && !c->new_net;
    return c ? c->net : NULL;
}

il_net *il_command_take_net(il_command *c)
{
    il_net *net = c && c->new_net ? c->owned : NULL;
    if (net)
        c->owned = c->net = NULL;
    return net;
}

const il_record *il_command_record(const il_command *c,
                                   const il_train_info **info)
{
    if (info)
        *info = c && c->trained ? &c->info : NULL;
    return c ? c->rec : NULL;
}
