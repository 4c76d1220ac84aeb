/*
 * contract.c - the options every call takes and the fields every record
 * holds, said once.
 *
 * A front end never names an option: it hands each name/value pair the
 * user typed to il_options_set, which finds the row below, checks the
 * value's type and range, and keeps a copy; a finisher then turns the set
 * into the engine structs of initlab.h, checking what combines several
 * options.  So both front ends accept, refuse and default the same way by
 * construction, and adding an option is one row here plus its use in the
 * finisher.
 */
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define COUNT(t) (sizeof t / sizeof t[0])

/* Whole numbers a double holds exactly: larger counts are refused rather
 * than rounded. */
#define EXACT 9007199254740992.0 /* 2^53 */
#define NO_LIMIT HUGE_VAL

/* ---- the tables --------------------------------------------------------- */

/* Rows: name, alias, type, min, max, min_open, max_open, max_len, names,
 * default, doc. */
#define ROW_NUMBER(n, lo, hi, lo_open, hi_open, dflt, doc)                     \
    {n, NULL, IL_TYPE_NUMBER, lo, hi, lo_open, hi_open, 0, NULL, dflt, doc}
#define ROW_COUNT(n, lo, hi, dflt, doc)                                        \
    {n, NULL, IL_TYPE_COUNT, lo, hi, 0, 0, 0, NULL, dflt, doc}
#define ROW_NAME(n, kind, dflt, doc)                                           \
    {n, NULL, IL_TYPE_NAME, 0, 0, 0, 0, 0, kind, dflt, doc}

/* How accuracy counts: recorded (train, stats) and evaluated alike. */
#define ACCURACY_OPTION                                                        \
    ROW_NAME("accuracy", "accuracy rule", "auto",                             \
             "how accuracy counts: auto (one output: the side of 0.5; "       \
             "one-hot targets: the largest output; else binary), "            \
             "categorical (the largest output), binary (each output)")

/* The penalty on the weights (not the biases), as training follows it and
 * il_cost / il_gradients measure it: cost = loss + (lambda/m + l2)/2 sum W^2,
 * m the training samples. */
#define PENALTY_OPTIONS                                                        \
    ROW_NUMBER("lambda", 0, DBL_MAX, 0, 0, "0",                               \
               "regularization as courses write it: adds lambda/(2m) sum W^2 " \
               "to the cost and lambda/m W to the gradient (m samples)"),      \
    ROW_NUMBER("l2", 0, DBL_MAX, 0, 0, "0",                                   \
               "weight decay: adds l2 W to the gradient each step (l2/2 sum " \
               "W^2 to the cost); l2 = lambda/m")

/* What il_train and il_stats record, and how: one list for both. */
#define RECORD_OPTIONS                                                         \
    {"record", NULL, IL_TYPE_NAMES, 0, 0, 0, 0, 0, "record part",             \
     "all but weights", "what to record: loss, weights, act, percentiles, "   \
     "hist, saturation, grad, norms, distinct, all"},                         \
    {"percentiles", NULL, IL_TYPE_VECTOR, 0, 100, 0, 0, 1000, NULL,           \
     "[5 25 50 75 95]", "activation percentiles to record, in [0, 100] "       \
     "(sorted)"},                                                             \
    ROW_COUNT("hist_bins", 1, 1e9, "50", "bins of the activation histogram"), \
    {"hist_range", NULL, IL_TYPE_VECTOR, -DBL_MAX, DBL_MAX, 0, 0, 2, NULL,    \
     "[-1 1]", "[lo hi] of the histogram; values outside fall in the end "    \
     "bins"},                                                                 \
    ROW_NUMBER("sat_theta", 0, 1, 0, 1, "0.05",                               \
               "a unit-sample is saturated when |f'(z)| <= sat_theta * "      \
               "max|f'|"),                                                    \
    ROW_NUMBER("distinct_tol", 0, NO_LIMIT, 0, 0, "1e-12",                    \
               "rows of [W b] closer than this (relative) are one unit"),     \
    {"probe", NULL, IL_TYPE_MATRIX, 0, 0, 0, 0, 0, NULL, "the training batch", \
     "a batch (n0 x m) the activation statistics come from"},                 \
    ROW_COUNT("max_bytes", 0, EXACT, "half the memory",                       \
              "refuse a recording larger than this many bytes (0: the "       \
              "default)"),                                                    \
    ACCURACY_OPTION

static const il_option_info net_options[] = {
    {"sizes", NULL, IL_TYPE_VECTOR, 1, EXACT, 0, 0, 0, NULL, "(required)",
     "layer sizes n0, n1, ..., nL"},
    {"act", NULL, IL_TYPE_NAMES, 0, 0, 0, 0, 0, "activation", "(required)",
     "one activation for every layer, or one per layer"},
    {"act_param", NULL, IL_TYPE_VECTOR, -DBL_MAX, DBL_MAX, 0, 0, 0, NULL,
     "NaN (each activation's own)",
     "per layer: leaky_relu's slope (0.01), elu's alpha (1); NaN: default"},
    ROW_NAME("loss", "loss", "auto",
             "mse, bce or sce; auto: bce after sigmoid, sce after softmax, "
             "else mse"),
    {"seed", NULL, IL_TYPE_SEED, 0, 0, 0, 0, 0, NULL, "0",
     "seed of the default initialization"},
};

static const il_option_info init_options[] = {
    {"init", "name", IL_TYPE_NAMES, 0, 0, 0, 0, 0, "initializer", "(required)",
     "one initializer for every layer, or one per layer"},
    {"seed", NULL, IL_TYPE_SEED, 0, 0, 0, 0, 0, NULL, "0",
     "seed of the stream that draws layer 1's W, its b, layer 2's W, ..."},
    ROW_NAME("rng", "rng", "xoshiro",
             "the stream: xoshiro, or numpy (NumPy's legacy generator)"),
    ROW_NUMBER("gain", -DBL_MAX, DBL_MAX, 0, 0, "1 (he_*: the nonlinearity's)",
               "xavier_*, orthogonal, identity, lsuv: a factor; he_*: the "
               "gain itself, instead of nonlinearity and slope"),
    ROW_NAME("mode", "fan mode", "fan_in",
             "he_*, lecun_*, variance_scaling: fan_in, fan_out, fan_avg"),
    ROW_NAME("distribution", "distribution", "normal",
             "xavier_normal, he_normal, lecun_normal, variance_scaling: "
             "normal (PyTorch's), truncated_normal (Keras's: cut at 2 std, "
             "the std divided by 0.8796); variance_scaling: uniform too"),
    ROW_NAME("nonlinearity", "nonlinearity", "leaky_relu",
             "he_*: std = gain(nonlinearity, slope)/sqrt(fan), PyTorch's "
             "kaiming_* (leaky_relu with slope 0: sqrt(2))"),
    ROW_NUMBER("slope", -DBL_MAX, DBL_MAX, 0, 0, "0",
               "he_* with nonlinearity leaky_relu: its negative slope"),
    ROW_NUMBER("scale", 0, DBL_MAX, 0, 0, "0.01 (scaled_normal), 1",
               "scaled_normal: randn * scale; variance_scaling: scale/fan"),
    ROW_NUMBER("value", -DBL_MAX, DBL_MAX, 0, 0, "0", "constant's value"),
    ROW_NUMBER("a", -DBL_MAX, DBL_MAX, 0, 0, "-0.05 (truncated_normal: none)",
               "uniform's low end; truncated_normal's lower bound, with b "
               "(PyTorch's)"),
    ROW_NUMBER("b", -DBL_MAX, DBL_MAX, 0, 0, "0.05 (truncated_normal: none)",
               "uniform's high end; truncated_normal's upper bound, with a"),
    ROW_NUMBER("mean", -DBL_MAX, DBL_MAX, 0, 0, "0",
               "normal, truncated_normal"),
    ROW_NUMBER("std", 0, DBL_MAX, 0, 0, "1 (sparse 0.01)",
               "normal, truncated_normal (without a and b: cut at mean +- 2 "
               "std, Keras's), sparse (of the nonzeros)"),
    ROW_NUMBER("fraction", 0, 1, 0, 1, "0.1", "sparse: zeros in each column"),
    ROW_NUMBER("sigma_b2", 0, DBL_MAX, 0, 0, "0.05",
               "critical: the bias variance whose edge of chaos sets the "
               "weights, and the default biases' variance"),
    {"matrix", NULL, IL_TYPE_MATRICES, 0, 0, 0, 0, 0, NULL, "(none)",
     "matrix: the weights, one matrix or one per layer"},
    {"X", NULL, IL_TYPE_MATRIX, 0, 0, 0, 0, 0, NULL, "(none)",
     "a batch (n0 x m): lsuv needs it, nguyen_widrow reads input ranges"},
    ROW_NUMBER("tol", 0, DBL_MAX, 1, 0, "0.05",
               "lsuv: how far each variance may stay from 1"),
    ROW_COUNT("max_trials", 0, 1e6, "10", "lsuv: rescalings per layer"),
    {"bias", NULL, IL_TYPE_NAMES_OR_NUMBER, -DBL_MAX, DBL_MAX, 0, 0, 0,
     "initializer", "zeros",
     "bias initializer: a name, one per layer, or a number (constant); a "
     "named one takes the options it reads, as the weights' do"},
};

static const il_option_info train_options[] = {
    ROW_COUNT("iters", 0, EXACT, "1000", "updates to make"),
    ROW_COUNT("epochs", 0, EXACT, "(none)",
              "passes over the data, instead of iters"),
    ROW_NUMBER("lr", 0, DBL_MAX, 0, 0, "0.01", "learning rate"),
    ROW_COUNT("batch", 0, EXACT, "0 (full batch)", "mini-batch size"),
    {"shuffle", NULL, IL_TYPE_BOOL, 0, 0, 0, 0, 0, NULL, "true",
     "reshuffle the mini-batches every epoch"},
    {"seed", NULL, IL_TYPE_SEED, 0, 0, 0, 0, 0, NULL, "0",
     "seed of the shuffling"},
    ROW_NAME("optimizer", "optimizer", "sgd",
             "sgd, momentum, nesterov, rmsprop, adam"),
    ROW_NUMBER("momentum", 0, 1, 0, 1, "0.9", "momentum, nesterov"),
    ROW_NUMBER("beta1", 0, 1, 0, 1, "0.9", "adam"),
    ROW_NUMBER("beta2", 0, 1, 0, 1, "0.999", "adam"),
    ROW_NUMBER("rho", 0, 1, 0, 1, "0.9", "rmsprop's decay"),
    ROW_NUMBER("eps", 0, DBL_MAX, 1, 0, "1e-8", "adam, rmsprop"),
    PENALTY_OPTIONS,
    {"verbose", NULL, IL_TYPE_BOOL, 0, 0, 0, 0, 0, NULL, "true",
     "print a progress line every progress_every iterations"},
    ROW_COUNT("progress_every", 0, EXACT, "1000",
              "iterations between progress lines (and progress calls)"),
    {"progress", NULL, IL_TYPE_FUNCTION, 0, 0, 0, 0, 0, NULL, "(none)",
     "a function(iter, loss, iters, saturation) called every progress_every "
     "iterations; returning false stops training"},
    ROW_COUNT("record_every", 0, EXACT, "0 (never)",
              "record every k-th iteration"),
    {"record_iters", NULL, IL_TYPE_VECTOR, 0, EXACT, 0, 0, 0, NULL, "(none)",
     "iterations to record as well"},
    {"validation", NULL, IL_TYPE_MATRICES, 0, 0, 0, 0, 0, NULL, "(none)",
     "a held-out set {Xv, Yv} whose loss and accuracy are recorded at every "
     "recorded iteration (val_loss, val_accuracy)"},
    ROW_COUNT("threads", 0, IL_MAX_THREADS, "0 (as many as the BLAS uses)",
              "threads for the elementwise work of large layers; the "
              "results are the same bits whatever the count"),
    RECORD_OPTIONS,
};

static const il_option_info stats_options[] = {RECORD_OPTIONS};

static const il_option_info dataset_options[] = {
    ROW_NAME("name", "dataset", "(required)",
             "circles, moons, spirals, xor, blobs"),
    ROW_COUNT("n", 1, EXACT, "100", "samples"),
    ROW_NUMBER("noise", 0, DBL_MAX, 0, 0,
               "0.05 (spirals 0.2, xor 0.1, blobs 1)",
               "std of the Gaussian noise (blobs: of each cluster)"),
    ROW_NUMBER("factor", 0, 1, 1, 1, "0.8",
               "circles: inner radius / outer radius"),
    ROW_COUNT("classes", 2, 1e6, "3 (circles, moons, xor: 2)",
              "spirals, blobs: how many classes"),
    {"seed", NULL, IL_TYPE_SEED, 0, 0, 0, 0, 0, NULL, "0", "seed of the data"},
    ROW_NAME("rng", "rng", "xoshiro",
             "xoshiro, or numpy: scikit-learn's make_circles/make_moons "
             "after np.random.seed"),
    ROW_COUNT("max_bytes", 0, EXACT, "half the memory",
              "refuse a dataset larger than this many bytes (0: the "
              "default)"),
};

static const il_option_info gain_options[] = {
    ROW_NAME("nonlinearity", "nonlinearity", "(required)",
             "the activation whose gain is wanted, or one of PyTorch's "
             "conv1d ... conv_transpose3d (linear maps: 1)"),
    ROW_NUMBER("param", -DBL_MAX, DBL_MAX, 0, 0, "NaN (the activation's own)",
               "leaky_relu's slope, elu's alpha"),
};

static const il_option_info evaluate_options[] = {ACCURACY_OPTION};

static const il_option_info theory_options[] = {
    ROW_NAME("act", "activation", "(required)",
             "the activation (any but softmax, which couples its units)"),
    ROW_NUMBER("act_param", -DBL_MAX, DBL_MAX, 0, 0,
               "NaN (the activation's own)", "leaky_relu's slope, elu's alpha"),
    ROW_NUMBER("sigma_w2", 0, DBL_MAX, 1, 0, "(required, unless critical)",
               "the weights' variance times the fan-in: W ~ N(0, sigma_w2/n)"),
    ROW_NUMBER("sigma_b2", 0, DBL_MAX, 0, 0, "0",
               "the biases' variance: b ~ N(0, sigma_b2)"),
    {"critical", NULL, IL_TYPE_BOOL, 0, 0, 0, 0, 0, NULL, "false",
     "solve for the sigma_w2 of the edge of chaos (chi1 = 1) at sigma_b2"},
    ROW_COUNT("depth", 0, 1e7, "0",
              "layers of the predicted path q, c (0: none)"),
    ROW_NUMBER("q0", 0, DBL_MAX, 1, 0, "1",
               "the path's first pre-activation variance"),
    ROW_NUMBER("c0", -1, 1, 0, 0, "0.5",
               "the path's first correlation of two inputs"),
};

static const il_option_info jacobian_options[] = {
    ROW_COUNT("max_bytes", 0, EXACT, "half the memory",
              "refuse more memory than this for the Jacobians and their "
              "singular values"),
};

static const il_option_info cost_options[] = {PENALTY_OPTIONS};

static const il_option_info rand_options[] = {
    ROW_NAME("stream", "rng", "(required)",
             "xoshiro (the engine's own) or numpy (NumPy's legacy "
             "np.random: MT19937)"),
    {"seed", NULL, IL_TYPE_SEED, 0, 0, 0, 0, 0, NULL, "(required)",
     "the stream's seed (numpy: 0..2^32-1, as np.random.seed)"},
};

static const il_option_info draw_options[] = {
    ROW_NAME("distribution", "draw", "(required)",
             "normal (randn, normal), uniform (rand, uniform), integers "
             "(randint), permutation"),
    {"size", NULL, IL_TYPE_VECTOR, 0, EXACT, 0, 0, 0, NULL, "1",
     "n (a 1 x n row: NumPy's size n) or [rows cols] (NumPy's (rows, cols), "
     "drawn row by row); permutation: n; [] or none: one draw"},
    ROW_NUMBER("low", -DBL_MAX, DBL_MAX, 0, 0, "0",
               "uniform: the low end; integers: the smallest value; "
               "permutation: the first value (1: indices 1..n)"),
    ROW_NUMBER("high", -DBL_MAX, DBL_MAX, 0, 0, "1 (integers: required)",
               "uniform: the high end; integers: one past the largest value"),
    ROW_NUMBER("mean", -DBL_MAX, DBL_MAX, 0, 0, "0", "normal: the mean (loc)"),
    ROW_NUMBER("std", 0, DBL_MAX, 0, 0, "1", "normal: the std (scale)"),
    ROW_COUNT("max_bytes", 0, EXACT, "half the memory",
              "refuse a draw larger than this many bytes (0: the default)"),
};

static const il_option_info report_options[] = {
    {"file", NULL, IL_TYPE_TEXT, 0, 0, 0, 0, 1, NULL, "(required)",
     "the HTML page to write"},
    {"labels", NULL, IL_TYPE_TEXT, 0, 0, 0, 0, 0, NULL, "run 1, run 2, ...",
     "one name per run, shown above its panels"},
    {"title", NULL, IL_TYPE_TEXT, 0, 0, 0, 0, 1, NULL, "initlab run report",
     "the page's title"},
    {"layers", NULL, IL_TYPE_VECTOR, 1, EXACT, 0, 0, 0, NULL, "all",
     "the layers the page offers (1..L of every run)"},
    ROW_COUNT("max_bytes", 0, EXACT, "half the memory",
              "refuse a page larger than this many bytes (0: the default)"),
};

static const il_option_info animate_options[] = {
    ROW_NAME("kind", "animation", "(required)",
             "weights (the heat map of each layer's [W b]) or hist (each "
             "layer's activation histogram), one frame per recorded "
             "iteration"),
    {"file", NULL, IL_TYPE_TEXT, 0, 0, 0, 0, 1, NULL, "(required)",
     "the GIF to write"},
    ROW_COUNT("layer", 0, EXACT, "0 (every layer, side by side)",
              "the one layer to show"),
    ROW_NUMBER("delay", 0, 655350, 0, 1, "100",
               "milliseconds each frame shows (GIF counts 10 ms steps)"),
    ROW_COUNT("scale", 0, 1000, "0 (a frame about 400 px wide)",
              "pixels per weight cell or histogram bin"),
    {"loop", NULL, IL_TYPE_BOOL, 0, 0, 0, 0, 0, NULL, "true",
     "play forever (false: once)"},
    ROW_COUNT("max_bytes", 0, EXACT, "half the memory",
              "refuse frames larger than this many bytes (0: the default)"),
};

typedef struct {
    const char *name;
    const il_option_info *rows;
    size_t count;
} call_table;

static const call_table calls[IL_CALL_COUNT] = {
    {"net", net_options, COUNT(net_options)},
    {"init", init_options, COUNT(init_options)},
    {"train", train_options, COUNT(train_options)},
    {"stats", stats_options, COUNT(stats_options)},
    {"dataset", dataset_options, COUNT(dataset_options)},
    {"gain", gain_options, COUNT(gain_options)},
    {"evaluate", evaluate_options, COUNT(evaluate_options)},
    {"theory", theory_options, COUNT(theory_options)},
    {"jacobian", jacobian_options, COUNT(jacobian_options)},
    {"cost", cost_options, COUNT(cost_options)},
    {"rand", rand_options, COUNT(rand_options)},
    {"draw", draw_options, COUNT(draw_options)},
    {"report", report_options, COUNT(report_options)},
    {"animate", animate_options, COUNT(animate_options)},
};

const char *il_call_name(il_call call)
{
    return (unsigned)call < IL_CALL_COUNT ? calls[call].name : "?";
}

il_status il_call_from_name(const char *name, il_call *call)
{
    char known[200] = "";
    size_t i, used = 0;
    for (i = 0; name && i < IL_CALL_COUNT; i++)
        if (strcmp(name, calls[i].name) == 0) {
            *call = (il_call)i;
            return IL_OK;
        }
    for (i = 0; i < IL_CALL_COUNT && used < sizeof known; i++) {
        int w = snprintf(known + used, sizeof known - used, "%s%s",
                         i ? ", " : "", calls[i].name);
        used += w > 0 ? (size_t)w : 0;
    }
    return il_fail(IL_EBADNAME, "unknown call '%.40s'; expected one of: %s",
                   name ? name : "", known);
}

const char *il_type_name(il_type type)
{
    static const char *const names[] = {
        "number", "count", "seed", "bool", "name", "names", "vector",
        "matrix", "matrices", "names_or_number", "function", "text"};
    return (unsigned)type < COUNT(names) ? names[type] : "?";
}

size_t il_option_count(il_call call)
{
    return (unsigned)call < IL_CALL_COUNT ? calls[call].count : 0;
}

const il_option_info *il_option_at(il_call call, size_t i)
{
    if ((unsigned)call >= IL_CALL_COUNT || i >= calls[call].count)
        return NULL;
    return &calls[call].rows[i];
}

/* ---- the kinds of names ------------------------------------------------- */

/* Each checks one name through the lookup that owns the names; every miss
 * is that lookup's "unknown activation 'x'; expected one of: ..." */
static il_status name_activation(const char *s, int *v)
{
    il_act a;
    il_status st = il_act_from_name(s, &a);
    *v = (int)a.kind;
    return st;
}
static il_status name_nonlinearity(const char *s, int *v)
{
    il_act a = il_act_make(IL_LINEAR);
    il_status st = il_nonlinearity_from_name(s, &a);
    *v = (int)a.kind;
    return st;
}
static il_status name_initializer(const char *s, int *v)
{
    il_init_kind k = IL_INIT_DEFAULT;
    il_status st = il_init_from_name(s, &k);
    *v = (int)k;
    return st;
}
static il_status name_loss(const char *s, int *v)
{
    il_loss l = IL_LOSS_MSE;
    il_status st;
    if (s && strcmp(s, "auto") == 0) {
        *v = -1;
        return IL_OK;
    }
    st = il_loss_from_name(s, &l);
    *v = (int)l;
    return st;
}
static il_status name_optimizer(const char *s, int *v)
{
    il_optimizer o = IL_OPT_SGD;
    il_status st = il_opt_from_name(s, &o);
    *v = (int)o;
    return st;
}
static il_status name_rng(const char *s, int *v)
{
    return il_rng_from_name(s, v);
}
static il_status name_fan(const char *s, int *v)
{
    il_fan_mode m = IL_FAN_IN;
    il_status st = il_fan_from_name(s, &m);
    *v = (int)m;
    return st;
}
static il_status name_distribution(const char *s, int *v)
{
    il_distribution d = IL_DIST_NORMAL;
    il_status st = il_dist_from_name(s, &d);
    *v = (int)d;
    return st;
}
static il_status name_record_part(const char *s, int *v)
{
    unsigned bits = 0;
    il_status st = il_record_part_from_name(s, &bits);
    *v = (int)bits;
    return st;
}
static il_status name_dataset(const char *s, int *v)
{
    il_dataset_kind k = IL_DATA_CIRCLES;
    il_status st = il_dataset_from_name(s, &k);
    *v = (int)k;
    return st;
}

static il_status name_accuracy(const char *s, int *v)
{
    il_accuracy_rule r = IL_ACCURACY_AUTO;
    il_status st = il_accuracy_from_name(s, &r);
    *v = (int)r;
    return st;
}

static il_status name_draw(const char *s, int *v)
{
    il_draw_kind k = IL_DRAW_NORMAL;
    il_status st = il_draw_from_name(s, &k);
    *v = (int)k;
    return st;
}

typedef struct {
    const char *kind;
    il_status (*lookup)(const char *name, int *value);
} name_kind;

static il_status name_animation(const char *s, int *v)
{
    il_anim_kind k = IL_ANIM_WEIGHTS;
    il_status st = il_anim_from_name(s, &k);
    *v = (int)k;
    return st;
}

static const name_kind name_kinds[] = {
    {"activation", name_activation},   {"initializer", name_initializer},
    {"nonlinearity", name_nonlinearity},
    {"loss", name_loss},               {"optimizer", name_optimizer},
    {"rng", name_rng},                 {"fan mode", name_fan},
    {"distribution", name_distribution}, {"record part", name_record_part},
    {"dataset", name_dataset},         {"accuracy rule", name_accuracy},
    {"draw", name_draw},               {"animation", name_animation},
};

static const name_kind *find_kind(const char *kind)
{
    size_t i;
    for (i = 0; kind && i < COUNT(name_kinds); i++)
        if (strcmp(kind, name_kinds[i].kind) == 0)
            return &name_kinds[i];
    return NULL;
}

/* The text stays valid until the thread's next call. */
const char *il_names_of(const char *kind)
{
    /* The list is the one the lookup itself prints on a miss, so it cannot
     * differ from what the lookup accepts. */
    static _Thread_local char list[512];
    const name_kind *k = find_kind(kind);
    const char *msg, *tail;
    int ignored;
    list[0] = '\0';
    if (!k)
        return list;
    k->lookup(NULL, &ignored);
    msg = il_last_error();
    tail = strstr(msg, "expected one of: ");
    if (tail)
        snprintf(list, sizeof list, "%s%s",
                 strcmp(kind, "loss") == 0 ? "auto, " : "",
                 tail + strlen("expected one of: "));
    return list;
}

/* ---- option sets -------------------------------------------------------- */

typedef struct {
    int given;
    double number;       /* NUMBER, COUNT, SEED, BOOL; NAMES_OR_NUMBER's  */
    int is_number;       /* NAMES_OR_NUMBER: the number was given         */
    int value;           /* NAME: the enum value                           */
    char **names;        /* NAME (1), NAMES                               */
    size_t n_names;
    double *vector;      /* VECTOR                                        */
    size_t n_vector;
    const double **mats; /* MATRIX (1), MATRICES; NULL: none for a layer  */
    size_t *mat_dims;    /* rows, cols per matrix                         */
    size_t n_mats;
} slot;

struct il_options {
    il_call call;
    slot *slots;
    il_init_spec *specs; /* il_options_init's                             */
    long *iters;         /* the record schedule's listed iterations       */
    double *levels;      /* sorted percentiles                            */
    /* What the slots hold, while it fits (the malloc heap after): a host
     * reads a network's fields into a set on every call, and their few
     * names and numbers were most of its allocations. */
    size_t room_used;
    double room[32];
    int in_room;         /* made by il_options_start: not freed           */
};

/* bytes for a slot of o, from o's room while it lasts; NULL: no memory. */
static void *take(il_options *o, size_t bytes)
{
    /* at least one: an empty vector is a pointer like any other */
    size_t whole = bytes ? (bytes + sizeof o->room[0] - 1) / sizeof o->room[0]
                         : 1;
    void *p;
    if (bytes <= sizeof o->room &&
        whole <= sizeof o->room / sizeof o->room[0] - o->room_used) {
        p = &o->room[o->room_used];
        o->room_used += whole;
        return p;
    }
    return malloc(bytes ? bytes : 1);
}

/* What take gave, back: the room's stays till o goes. */
static void give_back(const il_options *o, void *p)
{
    uintptr_t c = (uintptr_t)p, room = (uintptr_t)o->room;
    if (c < room || c - room >= sizeof o->room)
        free(p);
}

static void clear_slot(const il_options *o, slot *s)
{
    give_back(o, s->names); /* the texts are in the same block */
    give_back(o, s->vector);
    give_back(o, s->mats);  /* mat_dims too */
    memset(s, 0, sizeof *s);
}

il_status il_options_new(il_call call, il_options **opts)
{
    il_options *o;
    if (!opts)
        return il_fail(IL_EBADARG, "opts must not be NULL");
    *opts = NULL;
    if ((unsigned)call >= IL_CALL_COUNT)
        return il_fail(IL_EBADARG, "unknown call %d", (int)call);
    /* one block for the set and its slots: a call makes one per command */
    o = calloc(1, sizeof *o + calls[call].count * sizeof *o->slots);
    if (!o)
        return il_fail(IL_ENOMEM, "out of memory for options");
    o->slots = (slot *)(o + 1);
    o->call = call;
    *opts = o;
    return IL_OK;
}

il_status il_options_start(il_call call, void *room, size_t bytes,
                           il_options **opts)
{
    il_options *o = room;
    if (!opts || !room)
        return il_fail(IL_EBADARG, "room and opts must not be NULL");
    if ((unsigned)call >= IL_CALL_COUNT ||
        bytes < sizeof *o + calls[call].count * sizeof *o->slots)
        return il_options_new(call, opts);
    memset(o, 0, sizeof *o + calls[call].count * sizeof *o->slots);
    o->slots = (slot *)(o + 1);
    o->call = call;
    o->in_room = 1;
    *opts = o;
    return IL_OK;
}

void il_options_free(il_options *o)
{
    size_t i;
    if (!o)
        return;
    for (i = 0; i < calls[o->call].count; i++)
        clear_slot(o, &o->slots[i]);
    free(o->specs);
    free(o->iters);
    free(o->levels);
    if (!o->in_room)
        free(o);
}

/* Option names are ASCII: folding A-Z is all "ignoring case" needs, and
 * cheaper than the locale's tolower on every lookup a call makes. */
static int fold(char c)
{
    return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

static int same_name(const char *a, const char *b)
{
    /* folded only where the bytes differ: names come as the table has them */
    for (;; a++, b++) {
        if (*a == *b) {
            if (!*a)
                return 1;
        } else if (fold(*a) != fold(*b)) {
            return 0;
        }
    }
}

/* The row of name in o's table, or -1. */
static long find_row(il_call call, const char *name)
{
    size_t i;
    int first = name ? fold(name[0]) : 0;
    for (i = 0; name && i < calls[call].count; i++) {
        const il_option_info *r = &calls[call].rows[i];
        /* most names differ at the first letter: the call is skipped */
        if ((first == fold(r->name[0]) && same_name(name, r->name)) ||
            (r->alias && same_name(name, r->alias)))
            return (long)i;
    }
    return -1;
}

static il_status unknown_option(il_call call, const char *name)
{
    char list[600];
    size_t i, used = 0;
    list[0] = '\0';
    for (i = 0; i < calls[call].count && used + 1 < sizeof list; i++) {
        int w = snprintf(list + used, sizeof list - used, "%s%s", i ? ", " : "",
                         calls[call].rows[i].name);
        if (w < 0)
            break;
        used += (size_t)w;
    }
    return il_fail(IL_EBADOPTION, "unknown option '%.60s'; expected one of: %s",
                   name ? name : "", list);
}

/* What the user gave, for messages: "a string", "a 2x3 matrix", ... */
static const char *described(const il_value *v, char buf[48])
{
    switch (v->kind) {
    case IL_VAL_NUMBERS:
        if (v->is_logical)
            return v->rows * v->cols == 1 ? "a logical" : "a logical array";
        if (v->rows * v->cols == 0)
            return "an empty value";
        if (v->rows == 1 && v->cols == 1)
            return "a number";
        snprintf(buf, 48, "a %zux%zu matrix", v->rows, v->cols);
        return buf;
    case IL_VAL_STRING:
        return "a string";
    case IL_VAL_LIST:
        return "a list";
    case IL_VAL_FUNCTION:
        return "a function";
    case IL_VAL_NONE:
        return "nothing";
    case IL_VAL_NET:
        return "a network";
    case IL_VAL_FIELDS:
        return "a struct";
    case IL_VAL_OTHER:
        break;
    }
    return v->host_type ? v->host_type : "a value of another type";
}

static il_status wrong_type(const il_option_info *r, const char *want,
                            const il_value *v)
{
    char buf[48];
    return il_fail(IL_EBADARG, "%s must be %s, got %s", r->name, want,
                   described(v, buf));
}

/* "in [0, 1)", "> 0", ">= 1": the range as a reader wants it. */
static const char *range_text(const il_option_info *r, char buf[80])
{
    char lo[32], hi[32];
    int has_lo = r->min > -DBL_MAX, has_hi = r->max < DBL_MAX;
    snprintf(lo, sizeof lo, "%.15g", r->min);
    if (r->max == EXACT)
        snprintf(hi, sizeof hi, "2^53");
    else
        snprintf(hi, sizeof hi, "%.15g", r->max);
    if (has_lo && has_hi)
        snprintf(buf, 80, "in %s%s, %s%s", r->min_open ? "(" : "[", lo, hi,
                 r->max_open ? ")" : "]");
    else if (has_lo)
        snprintf(buf, 80, "%s %s", r->min_open ? ">" : ">=", lo);
    else if (has_hi)
        snprintf(buf, 80, "%s %s", r->max_open ? "<" : "<=", hi);
    else
        buf[0] = '\0';
    return buf;
}

void il_option_describe(const il_option_info *r, char *buf, size_t size)
{
    char range[80];
    const char *sp;
    if (!r || !buf || !size)
        return;
    range_text(r, range);
    sp = range[0] ? " " : "";
    switch (r->type) {
    case IL_TYPE_NUMBER:
        snprintf(buf, size, "a number%s%s", sp, range);
        break;
    case IL_TYPE_COUNT:
        snprintf(buf, size, "a whole number%s%s", sp, range);
        break;
    case IL_TYPE_SEED:
        snprintf(buf, size, "a whole number in 0..2^64-1");
        break;
    case IL_TYPE_BOOL:
        snprintf(buf, size, "true or false");
        break;
    case IL_TYPE_NAME:
        snprintf(buf, size, "a name: %s", il_names_of(r->names));
        break;
    case IL_TYPE_NAMES:
        snprintf(buf, size, "a name or a list of names: %s",
                 il_names_of(r->names));
        break;
    case IL_TYPE_NAMES_OR_NUMBER:
        snprintf(buf, size, "a number, or a name or list of names: %s",
                 il_names_of(r->names));
        break;
    case IL_TYPE_VECTOR:
        if (r->max_len == 2)
            snprintf(buf, size, "two numbers [lo hi]");
        else
            snprintf(buf, size, "%s%s%s", r->max == EXACT
                         ? "whole numbers" : "numbers", sp, range);
        break;
    case IL_TYPE_MATRIX:
        snprintf(buf, size, "a matrix");
        break;
    case IL_TYPE_MATRICES:
        snprintf(buf, size, "a matrix, or a list of them (one per layer)");
        break;
    case IL_TYPE_FUNCTION:
        snprintf(buf, size, "a function");
        break;
    case IL_TYPE_TEXT:
        snprintf(buf, size, r->max_len == 1 ? "a string"
                                            : "a string or a list of strings");
        break;
    }
}

static int in_range(const il_option_info *r, double x)
{
    if (!(x >= r->min && x <= r->max))
        return 0;
    if ((r->min_open && x == r->min) || (r->max_open && x == r->max))
        return 0;
    return 1;
}

/* One number for a NUMBER, COUNT, SEED or an entry of a VECTOR. */
static il_status check_number(const il_option_info *r, il_type type, double x,
                              size_t entry)
{
    char range[80], got[32], where[24] = "";
    const char *shown = got;
    int whole = type == IL_TYPE_COUNT || type == IL_TYPE_SEED ||
                (type == IL_TYPE_VECTOR && r->max == EXACT);
    int ok = isfinite(x);
    if (type == IL_TYPE_SEED)
        ok = ok && x >= 0 && x < 18446744073709551616.0;
    else
        ok = ok && in_range(r, x);
    if (ok && whole && x != floor(x))
        ok = 0;
    if (ok)
        return IL_OK;
    if (entry) /* the message's text only when it is needed */
        snprintf(where, sizeof where, "(%zu)", entry);
    if (type == IL_TYPE_SEED)
    {
        snprintf(got, sizeof got, "%.17g", x);
        return il_fail(IL_EBADVALUE, "%s must be a whole number in 0..2^64-1, "
                       "got %s", r->name, isfinite(x) ? got : il_number(x, got));
    }
    snprintf(got, sizeof got, "%.17g", x);
    if (!isfinite(x))
        shown = il_number(x, got);
    range_text(r, range);
    return il_fail(IL_EBADVALUE, "%s%s must be a %s%s%s, got %s", r->name, where,
                   whole ? "whole number" : "finite number", range[0] ? " " : "",
                   range, shown);
}

/* names <- a string or a list of strings: the pointers, then the texts,
 * in one block */
static il_status set_names(il_options *o, slot *s, const il_option_info *r,
                           const il_value *v, const char *want)
{
    size_t n = v->kind == IL_VAL_STRING ? 1 : v->n_items, i, bytes, len;
    const name_kind *kind = find_kind(r->names);
    char *text;
    if (v->kind != IL_VAL_STRING && v->kind != IL_VAL_LIST)
        return wrong_type(r, want, v);
    if (v->kind == IL_VAL_LIST && n == 0)
        return il_fail(IL_EBADSIZE, "%s must name at least one %s", r->name,
                       r->names ? r->names : "string");
    bytes = n * sizeof *s->names;
    for (i = 0; i < n; i++) {
        const il_value *item = v->kind == IL_VAL_STRING ? v : &v->items[i];
        int value = 0;
        il_status st;
        if (item->kind != IL_VAL_STRING) {
            char buf[48];
            return il_fail(IL_EBADARG, "%s(%zu) must be a name, got %s",
                           r->name, i + 1, described(item, buf));
        }
        /* TEXT rows have no kind: any string is theirs */
        if (kind && (st = kind->lookup(item->str, &value)) != IL_OK)
            return st;
        if (i == 0)
            s->value = value;
        bytes += strlen(item->str) + 1;
    }
    if ((s->names = take(o, bytes)) == NULL)
        return il_fail(IL_ENOMEM, "out of memory for %s", r->name);
    s->n_names = n;
    text = (char *)(s->names + n);
    for (i = 0; i < n; i++) {
        const il_value *item = v->kind == IL_VAL_STRING ? v : &v->items[i];
        len = strlen(item->str) + 1;
        memcpy(text, item->str, len);
        s->names[i] = text;
        text += len;
    }
    return IL_OK;
}

/* vector <- a numeric vector or a list of numbers */
static il_status set_vector(il_options *o, slot *s, const il_option_info *r,
                            const il_value *v)
{
    size_t n, i;
    if (v->kind == IL_VAL_NUMBERS && !v->is_logical &&
        (v->rows == 1 || v->cols == 1 || v->rows * v->cols == 0))
        n = v->rows * v->cols;
    else if (v->kind == IL_VAL_LIST)
        n = v->n_items;
    else
        return wrong_type(r, "a vector of numbers", v);
    if (r->max_len && n > r->max_len && r->max_len != 2)
        return il_fail(IL_EBADSIZE, "%s takes at most %zu numbers, got %zu",
                       r->name, r->max_len, n);
    if (r->max_len == 2 && n != 2)
        return il_fail(IL_EBADSIZE, "%s must be [lo hi], got %zu numbers",
                       r->name, n);
    s->vector = take(o, n * sizeof *s->vector);
    if (!s->vector)
        return il_fail(IL_ENOMEM, "out of memory for %s", r->name);
    s->n_vector = n;
    for (i = 0; i < n; i++) {
        double x;
        il_status st;
        if (v->kind == IL_VAL_LIST) {
            const il_value *item = &v->items[i];
            char buf[48];
            if (item->kind != IL_VAL_NUMBERS || item->is_logical ||
                item->rows * item->cols != 1)
                return il_fail(IL_EBADARG, "%s(%zu) must be a number, got %s",
                               r->name, i + 1, described(item, buf));
            x = item->data[0];
        } else {
            x = v->data[i];
        }
        /* act_param's NaN asks for the activation's default */
        if (!(isnan(x) && r->min == -DBL_MAX && r->max_len == 0) &&
            (st = check_number(r, IL_TYPE_VECTOR, x, i + 1)) != IL_OK)
            return st;
        s->vector[i] = x;
    }
    return IL_OK;
}

static il_status set_matrices(il_options *o, slot *s, const il_option_info *r,
                              const il_value *v)
{
    size_t n = v->kind == IL_VAL_LIST ? v->n_items : 1, i;
    if (v->kind != IL_VAL_NUMBERS &&
        !(v->kind == IL_VAL_LIST && r->type == IL_TYPE_MATRICES))
        return wrong_type(r, r->type == IL_TYPE_MATRICES
                                 ? "a matrix or a list of matrices"
                                 : "a matrix of numbers", v);
    /* an empty list would leave the finisher no matrix to read */
    if (n == 0)
        return il_fail(IL_EBADSIZE, "%s must give at least one matrix",
                       r->name);
    /* one block: the pointers, then their dims */
    s->mats = n <= ((size_t)-1 / 4) / sizeof(size_t)
                  ? take(o, n * (sizeof *s->mats + 2 * sizeof *s->mat_dims))
                  : NULL;
    if (!s->mats)
        return il_fail(IL_ENOMEM, "out of memory for %s", r->name);
    s->mat_dims = (size_t *)(s->mats + n);
    s->n_mats = n;
    for (i = 0; i < n; i++) {
        const il_value *m = v->kind == IL_VAL_LIST ? &v->items[i] : v;
        char buf[48];
        if (m->kind != IL_VAL_NUMBERS || m->is_logical)
            return il_fail(IL_EBADARG, "%s(%zu) must be a matrix of numbers, "
                           "got %s", r->name, i + 1, described(m, buf));
        s->mats[i] = m->rows && m->cols ? m->data : NULL;
        s->mat_dims[2 * i] = m->rows;
        s->mat_dims[2 * i + 1] = m->cols;
    }
    return IL_OK;
}

static int is_scalar(const il_value *v)
{
    return v->kind == IL_VAL_NUMBERS && v->rows == 1 && v->cols == 1;
}

/* Whether every NUMBERS inside v (lists too, to a few levels) describes
 * an array that could exist: rows x cols doubles without the count or its
 * bytes wrapping.  After this, products of dims below cannot overflow. */
static int dims_exist(const il_value *v, int depth)
{
    size_t i;
    if (v->kind == IL_VAL_NUMBERS)
        return v->rows == 0 ||
               v->cols <= ((size_t)-1 / sizeof(double)) / v->rows;
    if (v->kind != IL_VAL_LIST && v->kind != IL_VAL_FIELDS)
        return 1;
    if (depth > 8 || (v->n_items && !v->items))
        return 0;
    for (i = 0; i < v->n_items; i++)
        if (!dims_exist(&v->items[i], depth + 1))
            return 0;
    return 1;
}

il_status il_options_set(il_options *o, const char *name, const il_value *v)
{
    const il_option_info *r;
    slot *s;
    long row;
    il_status st = IL_OK;

    if (!o || !v)
        return il_fail(IL_EBADARG, "options and value must not be NULL");
    if ((row = find_row(o->call, name)) < 0)
        return unknown_option(o->call, name);
    r = &calls[o->call].rows[row];
    if (!dims_exist(v, 0))
        return il_fail(IL_EBADSIZE, "%s: the value's dimensions are too large "
                       "for any array (or nested too deeply)", r->name);
    s = &o->slots[row];
    clear_slot(o, s);
    switch (r->type) {
    case IL_TYPE_NUMBER:
    case IL_TYPE_COUNT:
    case IL_TYPE_SEED:
        if (!is_scalar(v) || v->is_logical)
            return wrong_type(r, r->type == IL_TYPE_NUMBER ? "a number"
                                                          : "a whole number", v);
        /* an activation's parameter (gain's, theory's): NaN, its documented
         * default, asks for the activation's own */
        if (!(isnan(v->data[0]) && r->default_text &&
              strncmp(r->default_text, "NaN", 3) == 0))
            st = check_number(r, r->type, v->data[0], 0);
        s->number = v->data[0];
        break;
    case IL_TYPE_BOOL:
        if (!is_scalar(v) || !(v->data[0] == 0 || v->data[0] == 1))
            return wrong_type(r, "true or false", v);
        s->number = v->data[0];
        break;
    case IL_TYPE_NAME:
        if (v->kind != IL_VAL_STRING)
            return wrong_type(r, "a name", v);
        st = set_names(o, s, r, v, "a name");
        break;
    case IL_TYPE_NAMES:
        st = set_names(o, s, r, v, "a name or a list of names");
        break;
    case IL_TYPE_NAMES_OR_NUMBER:
        if (is_scalar(v) && !v->is_logical) {
            s->is_number = 1;
            s->number = v->data[0];
            st = check_number(r, IL_TYPE_NUMBER, v->data[0], 0);
        } else {
            st = set_names(o, s, r, v, "a number, a name or a list of names");
        }
        break;
    case IL_TYPE_VECTOR:
        st = set_vector(o, s, r, v);
        break;
    case IL_TYPE_MATRIX:
    case IL_TYPE_MATRICES:
        st = set_matrices(o, s, r, v);
        break;
    case IL_TYPE_FUNCTION:
        if (v->kind != IL_VAL_FUNCTION)
            return wrong_type(r, "a function", v);
        break;
    case IL_TYPE_TEXT:
        if (r->max_len == 1 && v->kind != IL_VAL_STRING)
            return wrong_type(r, "a string", v);
        st = set_names(o, s, r, v, "a string or a list of strings");
        break;
    }
    if (st != IL_OK) {
        clear_slot(o, s);
        return st;
    }
    s->given = 1;
    return IL_OK;
}

static const slot *get(const il_options *o, const char *name)
{
    long row = find_row(o->call, name);
    return row < 0 ? NULL : &o->slots[row];
}

int il_options_given(const il_options *o, const char *name)
{
    const slot *s = o ? get(o, name) : NULL;
    return s && s->given;
}

/* The default a NUMBER/COUNT/BOOL row's default_text says: its leading
 * number, or true/false. */
static double default_number(const il_option_info *r)
{
    if (strcmp(r->default_text, "true") == 0)
        return 1;
    if (strcmp(r->default_text, "false") == 0)
        return 0;
    return strtod(r->default_text, NULL);
}

double il_options_number(const il_options *o, const char *name)
{
    long row = o ? find_row(o->call, name) : -1;
    if (row < 0)
        return NAN;
    return o->slots[row].given ? o->slots[row].number
                               : default_number(&calls[o->call].rows[row]);
}

/* Reads a given NUMBER into *x, leaving the engine's default otherwise. */
static void take_number(const il_options *o, const char *name, double *x)
{
    const slot *s = get(o, name);
    if (s && s->given)
        *x = s->number;
}

/* ---- finishers ---------------------------------------------------------- */

/* An activation's parameter as given: NaN asks for the activation's own. */
static void take_param(il_act *act, double param)
{
    if (!isnan(param))
        act->param = param;
}

/* s, name's slot (get's), must be given */
static il_status need_slot(const slot *s, const char *name)
{
    if (s && s->given)
        return IL_OK;
    return il_fail(IL_EBADARG, "%s is required", name);
}

static il_status need(const il_options *o, const char *name)
{
    return need_slot(get(o, name), name);
}

il_status il_options_layout(il_options *o, il_net **net)
{
    const slot *sizes = get(o, "sizes"), *act = get(o, "act");
    const slot *param = get(o, "act_param"), *loss = get(o, "loss");
    size_t L, l, *n = NULL, small_n[9];
    il_act *acts = NULL, small_acts[8];
    il_loss lo;
    il_status st;

    if (!net)
        return il_fail(IL_EBADARG, "net must not be NULL");
    *net = NULL;
    if ((st = need_slot(sizes, "sizes")) != IL_OK ||
        (st = need_slot(act, "act")) != IL_OK)
        return st;
    if (sizes->n_vector < 2)
        return il_fail(IL_EBADSIZE, "sizes must give at least 2 layer sizes "
                       "(inputs and outputs), got %zu", sizes->n_vector);
    L = sizes->n_vector - 1;
    if (act->n_names != 1 && act->n_names != L)
        return il_fail(IL_EBADSIZE, "act must be one name or %zu names (one "
                       "per layer), got %zu", L, act->n_names);
    if (param->given && param->n_vector != L)
        return il_fail(IL_EBADSIZE, "act_param must have %zu entries (one per "
                       "layer), got %zu", L, param->n_vector);
    /* a network of a few layers needs no allocation here */
    if (L <= COUNT(small_acts)) {
        n = small_n;
        acts = small_acts;
    } else {
        n = malloc((L + 1) * sizeof *n);
        acts = malloc(L * sizeof *acts);
    }
    if (!n || !acts) {
        free(n);
        free(acts);
        return il_fail(IL_ENOMEM, "out of memory for a network");
    }
    for (l = 0; l <= L; l++)
        n[l] = (size_t)sizes->vector[l];
    for (l = 0; l < L && st == IL_OK; l++) {
        st = il_act_from_name(act->names[act->n_names == 1 ? 0 : l], &acts[l]);
        if (st == IL_OK && param->given)
            take_param(&acts[l], param->vector[l]);
    }
    if (st == IL_OK) {
        if (!loss->given || loss->value < 0)
            lo = il_loss_for_output(acts[L - 1].kind);
        else
            lo = (il_loss)loss->value;
        st = il_net_new(net, L, n, acts, lo);
    }
    if (st != IL_OK) {
        il_net_free(*net);
        *net = NULL;
    }
    if (n != small_n) {
        free(n);
        free(acts);
    }
    return st;
}

il_status il_options_net(il_options *o, il_net **net)
{
    il_status st = il_options_layout(o, net);
    if (st == IL_OK &&
        (st = il_net_init_default(*net, (uint64_t)il_options_number(o, "seed"))) !=
            IL_OK) {
        il_net_free(*net);
        *net = NULL;
    }
    return st;
}

/* A per-layer list (names, matrices) must have 1 or n entries. */
static il_status per_layer(const char *what, size_t got, size_t *n, size_t L)
{
    if (got <= 1)
        return IL_OK;
    if (*n > 1 && got != *n)
        return il_fail(IL_EBADSIZE, "%s must give one entry or %zu (as many as "
                       "the initializers), got %zu", what, *n, got);
    if (got != L)
        return il_fail(IL_EBADSIZE, "%s must give one entry or %zu (one per "
                       "layer), got %zu", what, L, got);
    *n = got;
    return IL_OK;
}

/* The options that set an initializer's parameters: the spec field each
 * sets (NOT_A_FIELD: set by hand below) and the il_init_reads bit of the
 * kinds that read it. */
#define NOT_A_FIELD ((size_t)-1)
static const struct {
    const char *name;
    unsigned reads;
    size_t offset;
} init_params[] = {
    {"value", IL_READS_VALUE, offsetof(il_init_spec, value)},
    {"a", IL_READS_BOUNDS, offsetof(il_init_spec, low)},
    {"b", IL_READS_BOUNDS, offsetof(il_init_spec, high)},
    {"mean", IL_READS_MEAN, offsetof(il_init_spec, mean)},
    {"std", IL_READS_STD, offsetof(il_init_spec, std)},
    {"scale", IL_READS_SCALE, offsetof(il_init_spec, scale)},
    {"gain", IL_READS_GAIN, offsetof(il_init_spec, gain)},
    {"slope", IL_READS_SLOPE, offsetof(il_init_spec, slope)},
    {"fraction", IL_READS_FRACTION, offsetof(il_init_spec, fraction)},
    {"sigma_b2", IL_READS_SIGMA_B2, offsetof(il_init_spec, sigma_b2)},
    {"mode", IL_READS_MODE, NOT_A_FIELD},
    {"distribution", IL_READS_DIST, NOT_A_FIELD},
    {"nonlinearity", IL_READS_NONLINEARITY, NOT_A_FIELD},
    {"matrix", IL_READS_MATRIX, NOT_A_FIELD},
    {"X", IL_READS_BATCH, NOT_A_FIELD},
    {"tol", IL_READS_LSUV, NOT_A_FIELD},
    {"max_trials", IL_READS_LSUV, NOT_A_FIELD},
};

static int is_he(il_init_kind k)
{
    return k == IL_INIT_HE_UNIFORM || k == IL_INIT_HE_NORMAL;
}

/* Every parameter option given, into one spec (the weights' of a layer, or
 * a named bias initializer's: an option goes to each that reads it). */
static void apply_init_params(const il_options *o, il_init_spec *s)
{
    const slot *mode = get(o, "mode"), *dist = get(o, "distribution");
    const slot *nl = get(o, "nonlinearity");
    size_t q;
    for (q = 0; q < COUNT(init_params); q++)
        if (init_params[q].offset != NOT_A_FIELD)
            take_number(o, init_params[q].name,
                        (double *)((char *)s + init_params[q].offset));
    if (mode->given)
        s->mode = (il_fan_mode)mode->value;
    if (dist->given)
        s->dist = (il_distribution)dist->value;
    if (nl->given)
        s->nonlinearity = (il_act_kind)nl->value;
    /* he's gain is the gain itself (std = gain/sqrt(fan)), as kaiming_*
     * with that gain would be: the nonlinearity's drops out */
    if (is_he(s->kind) && get(o, "gain")->given)
        s->nonlinearity = IL_LINEAR;
}

/* The distinct names of n specs, appended to list. */
static void kind_names(char *list, size_t size, const il_init_spec *s,
                       size_t n)
{
    size_t i, k, used = strlen(list);
    for (i = 0; i < n && used + 1 < size; i++) {
        int w;
        for (k = 0; k < i && s[k].kind != s[i].kind; k++)
            ;
        if (k < i)
            continue;
        w = snprintf(list + used, size - used, "%s%s", i ? ", " : "",
                     il_init_name(s[i].kind));
        used += w > 0 ? (size_t)w : 0;
    }
}

/* An option that no initializer of the call reads would change nothing:
 * refuse it rather than let a user believe it did.  b: the named bias
 * initializers, or NULL. */
static il_status unread_init_params(const il_options *o, const il_init_spec *w,
                                    const il_init_spec *b, size_t n)
{
    unsigned reads = 0;
    size_t i, q;
    int k;
    for (i = 0; i < n; i++) {
        reads |= il_init_reads(w[i].kind);
        /* matrix is the weights' */
        if (b)
            reads |= il_init_reads(b[i].kind) & ~IL_READS_MATRIX;
    }
    for (q = 0; q < COUNT(init_params); q++) {
        char given[300] = "", readers[300] = "";
        size_t used = 0;
        if (!get(o, init_params[q].name)->given || (reads & init_params[q].reads))
            continue;
        kind_names(given, sizeof given, w, n);
        if (b) {
            size_t at = strlen(given);
            snprintf(given + at, sizeof given - at, " (bias: ");
            at = strlen(given);
            kind_names(given + at, sizeof given - at, b, n);
            at = strlen(given);
            snprintf(given + at, sizeof given - at, ")");
        }
        for (k = 0; k < IL_INIT_COUNT && used + 1 < sizeof readers; k++)
            if (il_init_reads((il_init_kind)k) & init_params[q].reads) {
                int wr = snprintf(readers + used, sizeof readers - used, "%s%s",
                                  used ? ", " : "",
                                  il_init_name((il_init_kind)k));
                used += wr > 0 ? (size_t)wr : 0;
            }
        return il_fail(IL_EBADOPTION, "'%s' does not apply to %s; it is an "
                       "option of %s", init_params[q].name, given, readers);
    }
    return IL_OK;
}

/* he_*'s gain is said one way: as 'gain', or as 'nonlinearity' (with
 * 'slope' for leaky_relu). */
static il_status he_gain_options(const il_options *o, const il_init_spec *s)
{
    const slot *nl = get(o, "nonlinearity");
    int gain = get(o, "gain")->given, slope = get(o, "slope")->given;
    if (gain && (nl->given || slope))
        return il_fail(IL_EBADOPTION, "'gain' and '%s' both set %s's gain; give "
                       "'gain' (the gain itself) or 'nonlinearity' and 'slope' "
                       "(PyTorch's kaiming_*), not both", nl->given ?
                       "nonlinearity" : "slope", il_init_name(s->kind));
    if (slope && s->nonlinearity != IL_LEAKY_RELU)
        return il_fail(IL_EBADOPTION, "'slope' is leaky_relu's negative slope, "
                       "and %s's nonlinearity is %s", il_init_name(s->kind),
                       il_act_name(s->nonlinearity));
    return IL_OK;
}

il_status il_options_init(il_options *o, const il_net *net, il_init_opts *io)
{
    const slot *init = get(o, "init"), *mats = get(o, "matrix");
    const slot *bias = get(o, "bias"), *X = get(o, "X");
    size_t L, n = 1, i;
    il_init_spec *w, *b;
    il_status st;

    if (!net || !io)
        return il_fail(IL_EBADARG, "net and init must not be NULL");
    if ((st = need(o, "init")) != IL_OK)
        return st;
    L = il_net_layers(net);
    if ((st = per_layer("the initializer", init->n_names, &n, L)) != IL_OK ||
        (st = per_layer("matrix", mats->n_mats, &n, L)) != IL_OK ||
        (st = per_layer("bias", bias->is_number ? 1 : bias->n_names, &n, L)) !=
            IL_OK)
        return st;
    free(o->specs);
    o->specs = calloc(2 * n, sizeof *o->specs);
    if (!o->specs)
        return il_fail(IL_ENOMEM, "out of memory for the initializers");
    w = o->specs;
    b = o->specs + n;
    for (i = 0; i < n; i++) {
        il_init_kind kind;
        il_init_from_name(init->names[init->n_names == 1 ? 0 : i], &kind);
        il_init_spec_default(&w[i], kind);
        apply_init_params(o, &w[i]);
        if (mats->given) {
            size_t k = mats->n_mats == 1 ? 0 : i;
            w[i].matrix = mats->mats[k];
            w[i].matrix_rows = mats->mat_dims[2 * k];
            w[i].matrix_cols = mats->mat_dims[2 * k + 1];
        }
        if (bias->given && bias->is_number) {
            il_init_spec_default(&b[i], IL_INIT_CONSTANT);
            b[i].value = bias->number;
        } else if (bias->given) {
            il_init_kind bk;
            il_init_from_name(bias->names[bias->n_names == 1 ? 0 : i], &bk);
            il_init_spec_default(&b[i], bk);
            apply_init_params(o, &b[i]);
        }
    }
    if ((st = unread_init_params(o, w, bias->given && !bias->is_number ? b : NULL,
                                 n)) != IL_OK)
        return st;
    for (i = 0; i < 2 * n; i++)
        if (is_he(o->specs[i].kind) && (i < n || bias->given) &&
            (st = he_gain_options(o, &o->specs[i])) != IL_OK)
            return st;
    il_init_opts_default(io);
    io->weights = w;
    io->biases = bias->given ? b : NULL;
    io->n_specs = n;
    io->seed = (uint64_t)il_options_number(o, "seed");
    io->rng = get(o, "rng")->given ? get(o, "rng")->value : IL_RNG_XOSHIRO;
    if (X->given) {
        if (X->mat_dims[0] != il_net_size(net, 0))
            return il_fail(IL_EBADSIZE, "X must have %zu rows (one per input), "
                           "got %zu", il_net_size(net, 0), X->mat_dims[0]);
        io->X = X->mats[0];
        io->m = X->mat_dims[1];
    }
    take_number(o, "tol", &io->lsuv_tol);
    io->lsuv_max_trials = (int)il_options_number(o, "max_trials");
    return IL_OK;
}

/* Recording options, shared by train and stats. */
static il_status record_options(il_options *o, const il_net *net,
                                il_record_opts *r)
{
    const slot *what = get(o, "record"), *pct = get(o, "percentiles");
    const slot *range = get(o, "hist_range"), *probe = get(o, "probe");
    const slot *every = get(o, "record_every"), *iters = get(o, "record_iters");
    size_t i;

    il_record_opts_default(r);
    if (get(o, "accuracy")->given)
        r->accuracy = get(o, "accuracy")->value;
    if (what->given) {
        r->what = 0;
        for (i = 0; i < what->n_names; i++) {
            unsigned bits;
            il_record_part_from_name(what->names[i], &bits);
            r->what |= bits;
        }
    }
    if (pct->given) {
        /* one rule for both front ends: levels in any order, sorted here */
        free(o->levels);
        o->levels = malloc((pct->n_vector ? pct->n_vector : 1) * sizeof(double));
        if (!o->levels)
            return il_fail(IL_ENOMEM, "out of memory for percentiles");
        memcpy(o->levels, pct->vector, pct->n_vector * sizeof(double));
        for (i = 1; i < pct->n_vector; i++) {
            double x = o->levels[i];
            size_t j = i;
            for (; j > 0 && o->levels[j - 1] > x; j--)
                o->levels[j] = o->levels[j - 1];
            o->levels[j] = x;
        }
        r->percentiles = o->levels;
        r->n_percentiles = pct->n_vector;
    }
    if (get(o, "hist_bins")->given)
        r->hist_bins = (size_t)get(o, "hist_bins")->number;
    if (range->given) {
        if (!(range->vector[0] < range->vector[1]))
            return il_fail(IL_EBADVALUE, "hist_range must be [lo hi] with lo < "
                           "hi, got [%g %g]", range->vector[0],
                           range->vector[1]);
        r->hist_lo = range->vector[0];
        r->hist_hi = range->vector[1];
    }
    take_number(o, "sat_theta", &r->sat_theta);
    take_number(o, "distinct_tol", &r->distinct_tol);
    if (get(o, "max_bytes")->given && get(o, "max_bytes")->number > 0)
        r->max_bytes = (size_t)get(o, "max_bytes")->number;
    if (probe->given) {
        if (probe->mat_dims[0] != il_net_size(net, 0))
            return il_fail(IL_EBADSIZE, "probe must have %zu rows (one per "
                           "input), got %zu", il_net_size(net, 0),
                           probe->mat_dims[0]);
        r->probe_X = probe->mats[0];
        r->probe_m = probe->mat_dims[1];
    }
    if (every && every->given)
        r->every = (long)every->number;
    if (iters && iters->given) {
        free(o->iters);
        o->iters = malloc((iters->n_vector ? iters->n_vector : 1) * sizeof(long));
        if (!o->iters)
            return il_fail(IL_ENOMEM, "out of memory for record_iters");
        for (i = 0; i < iters->n_vector; i++)
            o->iters[i] = (long)iters->vector[i];
        r->iters = o->iters;
        r->n_iters = iters->n_vector;
    }
    return IL_OK;
}

/* {Xv, Yv}: two matrices shaped as a batch of the network. */
static il_status validation_set(const slot *v, const il_net *net,
                                il_record_opts *r)
{
    size_t n0 = il_net_size(net, 0), nL = il_net_size(net, il_net_layers(net));
    if (!v->given)
        return IL_OK;
    if (v->n_mats != 2)
        return il_fail(IL_EBADSIZE, "validation must be {Xv, Yv}, two "
                       "matrices; got %zu", v->n_mats);
    if (v->mat_dims[0] != n0 || v->mat_dims[2] != nL)
        return il_fail(IL_EBADSIZE, "validation {Xv, Yv} must have %zu and "
                       "%zu rows (the inputs, the outputs), got %zu and %zu",
                       n0, nL, v->mat_dims[0], v->mat_dims[2]);
    if (v->mat_dims[1] != v->mat_dims[3] || v->mat_dims[1] == 0)
        return il_fail(IL_EBADSIZE, "validation Xv and Yv must have the same "
                       "number of columns (samples), at least one; got %zu "
                       "and %zu", v->mat_dims[1], v->mat_dims[3]);
    r->val_X = v->mats[0];
    r->val_Y = v->mats[1];
    r->val_m = v->mat_dims[1];
    return IL_OK;
}

il_status il_options_train(il_options *o, const il_net *net, il_train_opts *t,
                           il_record_opts *r)
{
    const slot *opt = get(o, "optimizer");
    il_status st;
    if (!net || !t)
        return il_fail(IL_EBADARG, "net and train must not be NULL");
    il_train_opts_default(t);
    if (get(o, "iters")->given)
        t->iters = (long)get(o, "iters")->number;
    if (get(o, "epochs")->given) {
        t->epochs = (long)get(o, "epochs")->number;
        if (!get(o, "iters")->given)
            t->iters = 0;
    }
    take_number(o, "lr", &t->lr);
    t->batch = (size_t)il_options_number(o, "batch");
    t->shuffle = il_options_number(o, "shuffle") != 0;
    t->seed = (uint64_t)il_options_number(o, "seed");
    if (opt->given)
        t->opt = (il_optimizer)opt->value;
    take_number(o, "momentum", &t->momentum);
    take_number(o, "beta1", &t->beta1);
    take_number(o, "beta2", &t->beta2);
    take_number(o, "rho", &t->rho);
    take_number(o, "eps", &t->eps);
    take_number(o, "l2", &t->l2);
    take_number(o, "lambda", &t->lambda);
    t->threads = (int)il_options_number(o, "threads");
    if (!r) { /* nothing is recorded, but a wrong validation set is wrong */
        il_record_opts unused;
        return validation_set(get(o, "validation"), net, &unused);
    }
    if ((st = record_options(o, net, r)) != IL_OK)
        return st;
    return validation_set(get(o, "validation"), net, r);
}

void il_options_progress(const il_options *o, int *print, long *every)
{
    int callback = il_options_given(o, "progress");
    *print = il_options_number(o, "verbose") != 0 &&
             (!callback || il_options_given(o, "verbose"));
    *every = *print || callback ? (long)il_options_number(o, "progress_every")
                                : 0;
}

il_status il_options_stats(il_options *o, const il_net *net, il_record_opts *r)
{
    if (!net || !r)
        return il_fail(IL_EBADARG, "net and record must not be NULL");
    return record_options(o, net, r);
}

il_status il_options_dataset(il_options *o, il_dataset_kind *kind, size_t *n,
                             il_dataset_opts *d, uint64_t *seed)
{
    const slot *rng = get(o, "rng");
    il_status st;
    if (!kind || !n || !d || !seed)
        return il_fail(IL_EBADARG, "the dataset's outputs must not be NULL");
    if ((st = need(o, "name")) != IL_OK)
        return st;
    *kind = (il_dataset_kind)get(o, "name")->value;
    il_dataset_opts_default(d, *kind);
    *n = (size_t)il_options_number(o, "n");
    take_number(o, "noise", &d->noise);
    take_number(o, "factor", &d->factor);
    if (get(o, "classes")->given)
        d->classes = (size_t)get(o, "classes")->number;
    d->rng = rng->given ? rng->value : IL_RNG_XOSHIRO;
    if (get(o, "max_bytes")->given && get(o, "max_bytes")->number > 0)
        d->max_bytes = (size_t)get(o, "max_bytes")->number;
    *seed = (uint64_t)il_options_number(o, "seed");
    if (d->rng == IL_RNG_NUMPY && *seed > 4294967295u)
        return il_fail(IL_EBADVALUE, "seed must be in 0..4294967295 with rng "
                       "'numpy' (np.random.seed's range), got %.17g",
                       (double)*seed);
    /* before the front end allocates X and the labels */
    return il_dataset_check(*kind, *n, d);
}

il_status il_options_gain(il_options *o, il_act *act)
{
    const slot *param = get(o, "param");
    il_status st;
    if (!act)
        return il_fail(IL_EBADARG, "act must not be NULL");
    if ((st = need(o, "nonlinearity")) != IL_OK)
        return st;
    il_nonlinearity_from_name(get(o, "nonlinearity")->names[0], act);
    if (param->given)
        take_param(act, param->number);
    return IL_OK;
}

il_status il_options_cost(il_options *o, il_penalty *p)
{
    p->lambda = il_options_number(o, "lambda");
    p->l2 = il_options_number(o, "l2");
    return IL_OK;
}

il_status il_options_evaluate(il_options *o, il_accuracy_rule *rule)
{
    const slot *s = get(o, "accuracy");
    *rule = s->given ? (il_accuracy_rule)s->value : IL_ACCURACY_AUTO;
    return IL_OK;
}

il_status il_options_theory(il_options *o, il_theory_opts *t)
{
    const slot *param = get(o, "act_param");
    il_status st;
    if (!t)
        return il_fail(IL_EBADARG, "t must not be NULL");
    if ((st = need(o, "act")) != IL_OK)
        return st;
    t->act = il_act_make((il_act_kind)get(o, "act")->value);
    if (param->given)
        take_param(&t->act, param->number);
    t->critical = il_options_number(o, "critical") != 0;
    if (t->critical && get(o, "sigma_w2")->given)
        return il_fail(IL_EBADOPTION, "'critical' solves for sigma_w2: give "
                       "one or the other, not both");
    if (!t->critical && (st = need(o, "sigma_w2")) != IL_OK)
        return il_fail(st, "sigma_w2 is required (or 'critical', to solve "
                       "for it)");
    t->sigma_w2 = t->critical ? NAN : il_options_number(o, "sigma_w2");
    t->sigma_b2 = il_options_number(o, "sigma_b2");
    t->depth = (size_t)il_options_number(o, "depth");
    t->q0 = il_options_number(o, "q0");
    t->c0 = il_options_number(o, "c0");
    if (t->depth == 0 && (get(o, "q0")->given || get(o, "c0")->given))
        return il_fail(IL_EBADOPTION, "q0 and c0 start the path: give 'depth' "
                       "too");
    return IL_OK;
}

il_status il_options_rand(il_options *o, int *kind, uint64_t *seed)
{
    il_status st;
    if (!kind || !seed)
        return il_fail(IL_EBADARG, "kind and seed must not be NULL");
    /* no seed of its own: a stream is drawn to be reproduced */
    if ((st = need(o, "stream")) != IL_OK || (st = need(o, "seed")) != IL_OK)
        return st;
    *kind = get(o, "stream")->value;
    *seed = (uint64_t)il_options_number(o, "seed");
    return IL_OK;
}

/* As with the initializers, an option the distribution does not read is
 * refused: 'mean' for a uniform draw would change nothing. */
static il_status unread_draw_params(const il_options *o, il_draw_kind kind)
{
    static const struct {
        const char *name;
        unsigned readers; /* bit k: IL_DRAW k reads it */
        const char *text;
    } params[] = {
        {"low", 1u << IL_DRAW_UNIFORM | 1u << IL_DRAW_INTEGERS |
                    1u << IL_DRAW_PERMUTATION, "uniform, integers, permutation"},
        {"high", 1u << IL_DRAW_UNIFORM | 1u << IL_DRAW_INTEGERS,
         "uniform, integers"},
        {"mean", 1u << IL_DRAW_NORMAL, "normal"},
        {"std", 1u << IL_DRAW_NORMAL, "normal"},
    };
    size_t q;
    for (q = 0; q < COUNT(params); q++)
        if (get(o, params[q].name)->given && !(params[q].readers >> kind & 1u))
            return il_fail(IL_EBADOPTION, "'%s' does not apply to %s; it is an "
                           "option of %s", params[q].name, il_draw_name(kind),
                           params[q].text);
    return IL_OK;
}

il_status il_options_draw(il_options *o, il_draw_opts *d, size_t *rows,
                          size_t *cols)
{
    const slot *size = get(o, "size");
    il_status st;
    size_t one = 0;
    if (!d || !rows || !cols)
        return il_fail(IL_EBADARG, "the draw's outputs must not be NULL");
    if ((st = need(o, "distribution")) != IL_OK)
        return st;
    il_draw_opts_default(d, (il_draw_kind)get(o, "distribution")->value);
    if ((st = unread_draw_params(o, d->kind)) != IL_OK)
        return st;
    take_number(o, "low", &d->low);
    take_number(o, "high", &d->high);
    take_number(o, "mean", &d->mean);
    take_number(o, "std", &d->std);
    *rows = *cols = 1;
    /* no numbers is NumPy's size (): one draw, as when size is not given */
    if (size->given && size->n_vector > 0) {
        /* NumPy's permutation(n) has one size, a 1-D array */
        one = d->kind == IL_DRAW_PERMUTATION;
        if (size->n_vector > 2 - one)
            return il_fail(IL_EBADSIZE, "size must be %s, got %zu numbers",
                           one ? "one number n (permutation of n values)"
                               : "n or [rows cols]", size->n_vector);
        *cols = (size_t)size->vector[size->n_vector - 1];
        if (size->n_vector == 2)
            *rows = (size_t)size->vector[0];
    }
    return il_draw_check(d, *rows, *cols,
                         (size_t)il_options_number(o, "max_bytes"));
}

il_status il_options_report(il_options *o, size_t n_runs, il_report_opts *r)
{
    const slot *file = get(o, "file"), *labels = get(o, "labels");
    const slot *title = get(o, "title"), *layers = get(o, "layers");
    il_status st;
    if (!r)
        return il_fail(IL_EBADARG, "report must not be NULL");
    il_report_opts_default(r);
    if ((st = need(o, "file")) != IL_OK)
        return st;
    if (!file->names[0][0])
        return il_fail(IL_EBADVALUE, "file must not be empty");
    r->file = file->names[0];
    if (labels->given && labels->n_names != n_runs)
        return il_fail(IL_EBADSIZE, "labels must give one name per run (%zu), "
                       "got %zu", n_runs, labels->n_names);
    if (labels->given) {
        r->labels = (const char *const *)labels->names;
        r->n_labels = labels->n_names;
    }
    if (title->given)
        r->title = title->names[0];
    if (layers->given) {
        if (layers->n_vector == 0)
            return il_fail(IL_EBADSIZE, "layers must name at least one layer");
        r->layers = layers->vector;
        r->n_layers = layers->n_vector;
    }
    r->max_bytes = (size_t)il_options_number(o, "max_bytes");
    return IL_OK;
}

il_status il_options_animate(il_options *o, il_anim_kind *kind,
                             const char **file, il_anim_opts *a)
{
    il_status st;
    if (!kind || !file || !a)
        return il_fail(IL_EBADARG, "the animation's outputs must not be NULL");
    if ((st = need(o, "kind")) != IL_OK || (st = need(o, "file")) != IL_OK)
        return st;
    *kind = (il_anim_kind)get(o, "kind")->value;
    *file = get(o, "file")->names[0];
    if (!**file)
        return il_fail(IL_EBADVALUE, "file must not be empty");
    il_anim_opts_default(a);
    a->layer = (size_t)il_options_number(o, "layer");
    a->delay_ms = il_options_number(o, "delay");
    a->scale = (size_t)il_options_number(o, "scale");
    a->loop = il_options_number(o, "loop") != 0;
    a->max_bytes = (size_t)il_options_number(o, "max_bytes");
    return IL_OK;
}

/* ---- records ------------------------------------------------------------ */

/* The order is the order front ends build a record in. */
static const il_field_info fields[] = {
    {"iter", IL_SHAPE_ROW, 0, "the iterations recorded (state after t updates)"},
    {"loss", IL_SHAPE_ROW, IL_REC_LOSS, "loss of the training batch"},
    {"accuracy", IL_SHAPE_ROW, IL_REC_LOSS,
     "accuracy of the training batch (NaN for mse)"},
    {"cost", IL_SHAPE_ROW, IL_REC_LOSS,
     "loss + penalty: the objective training descends"},
    {"penalty", IL_SHAPE_ROW, IL_REC_LOSS,
     "(lambda/m + l2)/2 sum W^2 (0 without lambda and l2)"},
    {"val_loss", IL_SHAPE_ROW, IL_REC_LOSS,
     "loss of the validation set (when one is given)"},
    {"val_accuracy", IL_SHAPE_ROW, IL_REC_LOSS,
     "accuracy of the validation set"},
    {"act_mean", IL_SHAPE_LAYERS, IL_REC_ACT, "mean activation per layer"},
    {"act_std", IL_SHAPE_LAYERS, IL_REC_ACT, "std of the activations"},
    {"act_min", IL_SHAPE_LAYERS, IL_REC_ACT, "smallest activation"},
    {"act_max", IL_SHAPE_LAYERS, IL_REC_ACT, "largest activation"},
    {"saturation", IL_SHAPE_LAYERS, IL_REC_SATURATION,
     "fraction of saturated unit-samples"},
    {"sat_low", IL_SHAPE_LAYERS, IL_REC_SATURATION,
     "saturated with z < 0"},
    {"sat_high", IL_SHAPE_LAYERS, IL_REC_SATURATION,
     "saturated with z > 0"},
    {"dead", IL_SHAPE_LAYERS, IL_REC_SATURATION,
     "fraction of dead units (relu family; NaN otherwise)"},
    {"grad_std", IL_SHAPE_LAYERS, IL_REC_GRAD, "std of dL/dZ"},
    {"weight_norm", IL_SHAPE_LAYERS, IL_REC_NORMS, "||W|| (Frobenius)"},
    {"update_ratio", IL_SHAPE_LAYERS, IL_REC_NORMS,
     "||W(t+1) - W(t)|| / ||W(t)|| of the step from iteration t"},
    {"distinct", IL_SHAPE_LAYERS, IL_REC_DISTINCT,
     "distinct units (rows of [W b])"},
    {"percentiles", IL_SHAPE_LAYER_ITEMS, IL_REC_PERCENTILES,
     "activation percentiles, L x P x R"},
    {"hist", IL_SHAPE_LAYER_ITEMS, IL_REC_HIST,
     "activation histogram counts, L x bins x R"},
    {"hist_edges", IL_SHAPE_EDGES, IL_REC_HIST, "the bins' edges"},
    {"W", IL_SHAPE_PER_LAYER, IL_REC_WEIGHTS, "weights, n(l) x n(l-1) x R"},
    {"b", IL_SHAPE_PER_LAYER, IL_REC_WEIGHTS, "biases, n(l) x 1 x R"},
    {"iters_done", IL_SHAPE_SCALAR, IL_REC_TRAIN, "updates made"},
    {"final_loss", IL_SHAPE_SCALAR, IL_REC_TRAIN,
     "loss of the last batch seen"},
    {"stopped", IL_SHAPE_STRING, IL_REC_TRAIN,
     "'' (ran to the end), nonfinite, interrupted or callback"},
    {"message", IL_SHAPE_STRING, IL_REC_TRAIN, "why training stopped"},
    {"stop_iter", IL_SHAPE_SCALAR, IL_REC_TRAIN,
     "the iteration that stopped it (0 when it ran to the end)"},
    {"stop_layer", IL_SHAPE_SCALAR, IL_REC_TRAIN,
     "the layer whose update was not finite (0: none, or the loss)"},
};

/* Field indexes that name a per-layer statistic, in il_stat order. */
#define FIRST_STAT 7

size_t il_record_field_count(void) { return COUNT(fields); }

const il_field_info *il_record_field_at(size_t i)
{
    return i < COUNT(fields) ? &fields[i] : NULL;
}

const char *il_stat_name(il_stat stat)
{
    return (unsigned)stat < IL_STAT_COUNT ? fields[FIRST_STAT + stat].name
                                          : "?";
}

static void set_dims(size_t dims[3], size_t a, size_t b, size_t c)
{
    dims[0] = a;
    dims[1] = b;
    dims[2] = c;
}

il_status il_record_field(const il_record *rec, size_t i, size_t l,
                          size_t dims[3], double *out, int *present)
{
    size_t R, L, k, j, n;
    const double *src = NULL;
    double lo, hi;

    if (!rec || !dims || !present || i >= COUNT(fields))
        return il_fail(IL_EBADARG, "rec, dims and present must not be NULL, "
                       "and the field must exist");
    R = il_record_count(rec);
    L = il_record_layers(rec);
    *present = 0;
    set_dims(dims, 0, 0, 0);
    switch (fields[i].shape) {
    case IL_SHAPE_ROW:
        set_dims(dims, 1, R, 1);
        if (i == 0) {
            *present = 1;
            for (j = 0; out && j < R; j++)
                out[j] = (double)il_record_iters(rec)[j];
            return IL_OK;
        }
        {
            const double *(*const rows[])(const il_record *) = {
                NULL, il_record_loss, il_record_accuracy, il_record_cost,
                il_record_penalty, il_record_val_loss, il_record_val_accuracy};
            src = rows[i](rec);
        }
        break;
    case IL_SHAPE_LAYERS:
        set_dims(dims, L, R, 1);
        src = il_record_stat(rec, (il_stat)(i - FIRST_STAT));
        break;
    case IL_SHAPE_LAYER_ITEMS:
        if (strcmp(fields[i].name, "percentiles") == 0)
            src = il_record_percentiles(rec, &k);
        else
            src = il_record_hist(rec, &k, &lo, &hi);
        set_dims(dims, L, src ? k : 0, R);
        break;
    case IL_SHAPE_EDGES:
        if (il_record_hist(rec, &k, &lo, &hi) == NULL)
            return IL_OK;
        set_dims(dims, 1, k + 1, 1);
        *present = 1;
        for (j = 0; out && j <= k; j++)
            out[j] = lo + (hi - lo) * (double)j / (double)k;
        return IL_OK;
    case IL_SHAPE_PER_LAYER:
        if (l < 1 || l > L)
            return il_fail(IL_EBADARG, "layer must be in 1..%zu, got %zu", L, l);
        src = fields[i].name[0] == 'W' ? il_record_W(rec, l) : il_record_b(rec, l);
        if (!src)
            return IL_OK;
        {
            size_t rows = il_record_size(rec, l);
            size_t cols = fields[i].name[0] == 'W' ? il_record_size(rec, l - 1)
                                                   : 1;
            set_dims(dims, rows, cols, R);
        }
        break;
    case IL_SHAPE_SCALAR:
    case IL_SHAPE_STRING:
        return IL_OK; /* training results: il_train_field */
    }
    if (!src)
        return IL_OK;
    *present = 1;
    n = dims[0] * dims[1] * dims[2];
    if (out)
        memcpy(out, src, n * sizeof *out);
    return IL_OK;
}

il_status il_train_field(const il_train_info *info, size_t i, double *number,
                         const char **text)
{
    const char *name;
    if (!info || !number || !text || i >= COUNT(fields))
        return il_fail(IL_EBADARG, "info, number and text must not be NULL");
    name = fields[i].name;
    *number = NAN;
    *text = NULL;
    if (strcmp(name, "iters_done") == 0)
        *number = (double)info->iters_done;
    else if (strcmp(name, "final_loss") == 0)
        *number = info->final_loss;
    else if (strcmp(name, "stop_iter") == 0)
        *number = info->stopped == IL_STOP_NONE ? 0 : (double)info->stop_iter;
    else if (strcmp(name, "stop_layer") == 0)
        *number = (double)info->stop_layer;
    else if (strcmp(name, "stopped") == 0)
        *text = info->stopped == IL_STOP_NONFINITE   ? "nonfinite"
              : info->stopped == IL_STOP_HOOK        ? "callback"
              : info->stopped == IL_STOP_INTERRUPT   ? "interrupted"
                                                     : "";
    else if (strcmp(name, "message") == 0)
        *text = info->message;
    else
        return il_fail(IL_EBADARG, "%s is not a training result", name);
    return IL_OK;
}

void il_progress_line(const il_progress *p, char *buf, size_t size)
{
    size_t used, l;
    int w = snprintf(buf, size, "iter %8ld/%ld  loss %.6g", p->iter, p->iters,
                     p->loss);
    used = w > 0 ? (size_t)w : 0;
    if (p->penalty > 0 && used < size) { /* the regularized cost a course prints */
        w = snprintf(buf + used, size - used, "  cost %.6g", p->loss + p->penalty);
        used += w > 0 ? (size_t)w : 0;
    }
    if (p->saturation && p->rec && used < size) {
        w = snprintf(buf + used, size - used, "  saturation (iter %ld):",
                     il_record_iters(p->rec)[il_record_count(p->rec) - 1]);
        used += w > 0 ? (size_t)w : 0;
        for (l = 0; l < p->layers && used < size; l++) {
            w = snprintf(buf + used, size - used, " %.3f", p->saturation[l]);
            used += w > 0 ? (size_t)w : 0;
        }
    }
}
