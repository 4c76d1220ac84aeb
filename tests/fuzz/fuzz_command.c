/*
 * fuzz_command.c - libFuzzer harness over the command layer (src/command.c):
 * all a front end does, from a command's name to its results.
 *
 * An input picks a command (one of the names below by index, or raw bytes
 * as a name), builds a small network of its own, then hands the command
 * positional arguments and name/value options whose values are built from
 * the bytes (fuzz.h's values of every kind, and the command layer's own:
 * NONE, a NET value pointing at the harness's network, FIELDS records read
 * from it or of 6 items of any kinds, batches X and Y of the network's
 * shape, sizes and activation lists).  Then il_command_prepare with 0..3
 * results; storage for every MATRIX/MATRICES item of the dims the command
 * gives (past a 64 MB cap the run is skipped); il_command_run with a host
 * whose interrupt says stop after a few polls and whose progress function
 * stops after a few calls; the results read back by kind, records through
 * il_record_field and FIELDS results (theory, jacobian, propagation)
 * through il_command_field as a front end does; il_command_free.
 *
 * Held to what initlab.h promises: an unknown command is IL_EBADARG with
 * *cmd NULL, an argument past the usage is refused, a value of another
 * kind never stands where a network or a matrix is needed, options of a
 * command without options are IL_EBADOPTION, prepare gives 1..max(n, 1)
 * results of a known kind and MATRICES of one item per layer, an unbound
 * result is refused, every failure has a message, every FIELDS value has a
 * name of its own and a text or rows x cols numbers (a lone number 1 x 1),
 * of the shapes the commands' help gives.  A "lenient" input goes
 * on after a failed call (a front end stops at the first): then only
 * memory safety is asked.
 */
#include <ctype.h>

#include "fuzz.h"

#define MAX_ARGS 6
#define MAX_OPTS 8
#define BIND_CAP ((size_t)64 << 20)  /* bytes of result storage at most   */
#define REC_CAP ((double)(64 << 20)) /* max_bytes the harness allows      */
#define PARAM_CAP 1048576.0          /* parameters of a network built     */
#define DEPTH_CAP 4096.0             /* theory's path: layers at most     */

static const char *const commands[] = {"net", "init", "train", "stats",
                                       "dataset", "gain", "forward",
                                       "evaluate", "layer", "set_layer",
                                       "copy", "onehot", "cost", "gradients",
                                       "unroll", "reroll", "summary",
                                       "rand", "draw", "animate", "report",
                                       "theory", "jacobian", "propagation"};
#define N_COMMANDS (sizeof commands / sizeof commands[0])

/* Per command: its inputs ('n' net, 'x' X, 'y' Y, 'o' Y or nothing, 'l' a
 * layer number, 'w' and 'b' a layer's W and b, 'c' class labels and 'k'
 * their count, 't' an unrolled parameter vector, 's' a stream's state,
 * 'r' a record as name/value pairs, 'q' one or nothing, the last eight
 * checked when it runs) and
 * its options' table (-1: none), as initlab.h describes them. */
static const struct {
    const char *inputs;
    int call;
} model[N_COMMANDS] = {
    {"", IL_CALL_NET},    {"n", IL_CALL_INIT},    {"nxy", IL_CALL_TRAIN},
    {"nxo", IL_CALL_STATS}, {"", IL_CALL_DATASET}, {"", IL_CALL_GAIN},
    {"nx", -1},           {"nxy", IL_CALL_EVALUATE}, {"nl", -1},
    {"nlwb", -1},         {"n", -1},              {"ck", -1},
    {"nxy", IL_CALL_COST}, {"nxy", IL_CALL_COST},  {"n", -1},
    {"nt", -1},           {"n", -1},              {"", IL_CALL_RAND},
    {"s", IL_CALL_DRAW},  {"r", IL_CALL_ANIMATE}, {"r", IL_CALL_REPORT},
    {"", IL_CALL_THEORY}, {"nxq", IL_CALL_JACOBIAN}, {"nxo", -1},
};

/* ---- the harness's network and the values made from it -------------------- */

typedef struct {
    il_net *net;
    size_t L, n[4];
    size_t m;          /* columns of the latest X batch made */
    uint64_t seed;
} bench;

static const char *const act_names[] = {"linear", "sigmoid", "tanh", "relu",
                                        "leaky_relu", "elu", "softmax",
                                        "tahn", ""};

static double *numbers_of(fz_arena *a, size_t len)
{
    return fz_alloc(a, len * sizeof(double));
}

static void set_numbers(il_value *v, double *d, size_t rows, size_t cols)
{
    v->kind = IL_VAL_NUMBERS;
    v->data = d;
    v->rows = rows;
    v->cols = cols;
}

/* The fields il_net_field_name lists, read from the bench network as the
 * Octave front end would read a struct from il_net. */
static void net_fields(fz_arena *a, const bench *b, il_value *f)
{
    size_t l, L = b->L;
    double *sizes = numbers_of(a, L + 1);
    il_value *acts = fz_alloc(a, L * sizeof *acts);
    il_value *W = fz_alloc(a, L * sizeof *W), *bias = fz_alloc(a, L * sizeof *bias);
    for (l = 0; l <= L; l++)
        sizes[l] = (double)b->n[l];
    set_numbers(&f[0], sizes, 1, L + 1);
    for (l = 0; l < L; l++) {
        acts[l].kind = IL_VAL_STRING;
        acts[l].str = il_act_name(il_net_act(b->net, l + 1).kind);
        /* the engine's own arrays: they outlive the command */
        set_numbers(&W[l], (double *)il_net_cW(b->net, l + 1), b->n[l + 1], b->n[l]);
        set_numbers(&bias[l], (double *)il_net_cb(b->net, l + 1), b->n[l + 1], 1);
    }
    f[1].kind = IL_VAL_LIST;
    f[1].items = acts;
    f[1].n_items = L;
    f[2].kind = IL_VAL_NONE;
    f[3].kind = IL_VAL_STRING;
    f[3].str = il_loss_name(il_net_loss(b->net));
    f[4].kind = f[5].kind = IL_VAL_LIST;
    f[4].items = W;
    f[5].items = bias;
    f[4].n_items = f[5].n_items = L;
}

static void command_value(fz_in *in, fz_arena *a, il_value *v, int depth,
                          uint8_t k, void *ctx)
{
    bench *b = ctx;
    size_t i, rows, cols;
    double *d;
    il_rng rng;

    switch ((k >> 4) & 7) {
    case 0:
        v->kind = IL_VAL_NONE;
        break;
    case 1:
        v->kind = IL_VAL_NET;
        v->net = (k & 1) ? NULL : b->net;
        break;
    case 2: /* X for the network, maybe a row off */
        rows = b->n[0];
        if (k & 1)
            rows = rows + fz_small(in, 0, 2) - 1;
        cols = fz_small(in, 0, 12);
        b->m = cols;
        d = numbers_of(a, rows * cols);
        il_rng_seed(&rng, b->seed++);
        for (i = 0; i < rows * cols; i++)
            d[i] = (k & 2) ? fz_double(in) : il_rng_normal(&rng);
        set_numbers(v, d, rows, cols);
        break;
    case 3: /* Y for the network and the latest X */
        rows = b->n[b->L];
        cols = (k & 1) ? fz_small(in, 0, 12) : b->m;
        d = numbers_of(a, rows * cols);
        il_rng_seed(&rng, b->seed++);
        for (i = 0; i < rows * cols; i++)
            d[i] = (k & 2) ? fz_double(in) : (double)il_rng_below(&rng, 2);
        set_numbers(v, d, rows, cols);
        break;
    case 4: { /* a network struct read from the bench network */
        il_value *f = fz_alloc(a, 6 * sizeof *f);
        net_fields(a, b, f);
        if (k & 1) /* one field replaced by anything */
            fz_value(in, a, &f[fz_small(in, 0, 5)], depth + 1, command_value, ctx);
        if ((k & 2) && f[4].kind == IL_VAL_LIST && f[4].n_items == b->L) {
            /* a W of the wrong shape */
            il_value *w = (il_value *)&f[4].items[fz_small(in, 0, b->L - 1)];
            size_t t = w->rows;
            w->rows = w->cols;
            w->cols = t;
        }
        v->kind = IL_VAL_FIELDS;
        v->items = f;
        v->n_items = 6;
        break;
    }
    case 5: { /* a record of any items */
        size_t n = (k & 1) ? fz_small(in, 0, 8) : 6;
        il_value *f = NULL;
        if (depth < FZ_MAX_DEPTH && !((k & 2) && n == 0)) {
            f = fz_alloc(a, n * sizeof *f);
            for (i = 0; i < n; i++)
                fz_value(in, a, &f[i], depth + 1, command_value, ctx);
        } else {
            n = 0;
        }
        v->kind = IL_VAL_FIELDS;
        v->items = f; /* NULL for an empty one */
        v->n_items = n;
        break;
    }
    case 6: /* sizes of a small network, or a stream's state (k & 4) */
        if (k & 4) {
            /* as il_rand keeps it, numpy's or xoshiro's, sometimes with one
             * entry changed: the draw must refuse what saving cannot give */
            il_rng_start(&rng, (k & 1) ? IL_RNG_NUMPY : IL_RNG_XOSHIRO, b->seed++);
            cols = il_rng_state_size(rng.kind);
            d = numbers_of(a, cols);
            il_rng_save(&rng, d);
            if (k & 2) {
                i = fz_u8(in) % cols; /* before the value: the order of reads */
                d[i] = fz_double(in);
            }
            set_numbers(v, d, 1, cols);
            break;
        }
        cols = fz_small(in, 1, 4);
        d = numbers_of(a, cols);
        for (i = 0; i < cols; i++)
            d[i] = (double)fz_small(in, (k & 1) ? 0 : 1, 8);
        set_numbers(v, d, (k & 2) ? cols : 1, (k & 2) ? 1 : cols);
        break;
    default: /* activations: a name, or one per layer */
        if (k & 1) {
            v->kind = IL_VAL_STRING;
            v->str = act_names[fz_u8(in) % (sizeof act_names / sizeof act_names[0])];
        } else {
            il_value *items;
            cols = fz_small(in, 0, 3);
            items = fz_alloc(a, cols * sizeof *items);
            for (i = 0; i < cols; i++) {
                items[i].kind = IL_VAL_STRING;
                items[i].str =
                    act_names[fz_u8(in) % (sizeof act_names / sizeof act_names[0])];
            }
            v->kind = IL_VAL_LIST;
            v->items = items;
            v->n_items = cols;
        }
        break;
    }
}

static int make_bench(fz_in *in, bench *b)
{
    memset(b, 0, sizeof *b);
    if (!(b->net = fz_small_net(in, 6, b->n, &b->L)))
        return 0;
    b->seed = 1;
    return 1;
}

/* ---- what the harness must keep from building ------------------------------ */

static int same_name(const char *x, const char *y)
{
    for (; *x && *y; x++, y++)
        if (tolower((unsigned char)*x) != tolower((unsigned char)*y))
            return 0;
    return *x == *y;
}

/* Whether sizes (a value given as a network's sizes) would make the engine
 * allocate more than PARAM_CAP parameters it can hold: such a network only
 * exercises the allocator (and libFuzzer's malloc limit).  Sizes whose
 * counts overflow stay in: the engine must refuse them. */
static int sizes_too_big(const il_value *v)
{
    size_t i, n;
    double p = 0, prev = 0, x;
    if (v->kind == IL_VAL_NUMBERS)
        n = v->rows * v->cols > 100000 ? 0 : v->rows * v->cols;
    else if (v->kind == IL_VAL_LIST)
        n = v->n_items;
    else
        return 0;
    for (i = 0; i < n; i++) {
        if (v->kind == IL_VAL_NUMBERS)
            x = v->data[i];
        else if (v->items[i].kind == IL_VAL_NUMBERS &&
                 v->items[i].rows * v->items[i].cols == 1)
            x = v->items[i].data[0];
        else
            return 0; /* refused: not a vector */
        if (!(x >= 1 && x <= 9007199254740992.0))
            return 0; /* refused: out of range */
        if (i > 0)
            p += x * prev + x;
        prev = x;
    }
    return p > PARAM_CAP && p < 1e18;
}

/* A FIELDS value reads its sizes (item 0) into a network at once. */
static int value_too_big(const il_value *v, int depth)
{
    size_t i;
    if (depth > FZ_MAX_DEPTH + 1)
        return 0;
    if (v->kind == IL_VAL_FIELDS && v->n_items >= 1 && sizes_too_big(&v->items[0]))
        return 1;
    if (v->kind == IL_VAL_FIELDS || v->kind == IL_VAL_LIST)
        for (i = 0; i < v->n_items; i++)
            if (value_too_big(&v->items[i], depth + 1))
                return 1;
    return 0;
}

/* Whether v, given as theory's depth, is one the engine takes (up to 1e7)
 * but that only makes the path long: 1e7 layers of quadrature and 160 MB of
 * q and c.  Depths it must refuse stay in. */
static int depth_too_big(const char *opt, const il_value *v)
{
    if (!opt || !same_name(opt, "depth"))
        return 0;
    if (v->kind == IL_VAL_LIST && v->n_items == 1)
        v = &v->items[0];
    return v->kind == IL_VAL_NUMBERS && v->rows * v->cols == 1 &&
           v->data[0] > DEPTH_CAP && v->data[0] <= 1e7;
}

/* ---- the host --------------------------------------------------------------- */

typedef struct {
    fz_stopper stop;
    long progress_left;
    long progress_calls, prints;
} host_ctx;

static int host_interrupt(void *ctx)
{
    host_ctx *h = ctx;
    return fz_interrupt(&h->stop);
}

static int host_progress(void *ctx, const il_progress *p)
{
    host_ctx *h = ctx;
    char line[200];
    h->progress_calls++;
    il_progress_line(p, line, sizeof line);
    if (!memchr(line, '\0', sizeof line))
        FZ_FAIL("il_progress_line left no NUL");
    return h->progress_left-- <= 0;
}

static void host_print(void *ctx, const char *line)
{
    host_ctx *h = ctx;
    h->prints++;
    if (!line || strlen(line) > 4096)
        FZ_FAIL("the command printed no line, or one of %zu bytes",
                line ? strlen(line) : 0);
}

/* ---- one command ---------------------------------------------------------------- */

typedef struct {
    double *p[3][16];
    size_t n[3];
} storage;

static void free_storage(storage *s)
{
    size_t k, i;
    for (k = 0; k < 3; k++)
        for (i = 0; i < s->n[k]; i++)
            free(s->p[k][i]);
}

/* Storage for every MATRIX/MATRICES item, as the front ends make it; 0
 * when it would pass the cap (or an item count the harness cannot hold). */
static int bind_all(il_command *c, size_t results, storage *s, long skip)
{
    size_t k, i, items, rows, cols, total = 0, cells;
    int overflow = 0;
    long item_no = 0;
    for (k = 0; k < results; k++) {
        il_res_kind kind = il_command_result_kind(c, k);
        if (kind != IL_RES_MATRIX && kind != IL_RES_MATRICES)
            continue;
        items = il_command_items(c, k);
        if (items > 16)
            return 0;
        for (i = 0; i < items; i++) {
            il_command_dims(c, k, i, &rows, &cols);
            cells = fz_mul(rows, cols, &overflow);
            total = fz_add(total, fz_mul(cells, sizeof(double), &overflow), &overflow);
        }
    }
    if (overflow || total > BIND_CAP)
        return 0;
    for (k = 0; k < results; k++) {
        il_res_kind kind = il_command_result_kind(c, k);
        if (kind != IL_RES_MATRIX && kind != IL_RES_MATRICES)
            continue;
        items = il_command_items(c, k);
        for (i = 0; i < items; i++, item_no++) {
            il_command_dims(c, k, i, &rows, &cols);
            if (!(s->p[k][i] = malloc(rows * cols * sizeof(double) + 1)))
                abort();
            s->n[k] = i + 1;
            if (item_no != skip)
                il_command_bind(c, k, i, s->p[k][i]);
        }
    }
    return 1;
}

/* A FIELDS result read as the front ends read it (a struct, a table): each
 * value's name, then its text or every one of its numbers; the names are
 * distinct (one would hide another) and the shapes are the ones the help of
 * il_jacobian and il_propagation gives.  x_cols: the columns of the X the
 * command took (SIZE_MAX: not known). */
static void read_fields(const il_command *c, const char *cmd, size_t x_cols)
{
    size_t i, j, n = il_command_field_count(c), rows, cols, cells, len;
    size_t k = 0, L = 0, texts = 0, seen_sv = 0, seen_q = 0, seen_c = 0;
    size_t q_cols = 0, c_cols = 0;
    const il_net *net = il_command_net(c, NULL);
    const char *text, *name, *other;
    const double *data;
    volatile double sink = 0;
    int matrix, overflow;

    if (n == 0 || n > 64)
        FZ_FAIL("%s: a FIELDS result of %zu values", cmd, n);
    if (net) {
        L = il_net_layers(net);
        k = il_net_size(net, 0) < il_net_size(net, L) ? il_net_size(net, 0)
                                                        : il_net_size(net, L);
    }
    for (i = 0; i < n; i++) {
        name = il_command_field(c, i, &text, &data, &rows, &cols, &matrix);
        if (!name || !name[0] || strlen(name) > 63)
            FZ_FAIL("%s: FIELDS value %zu has no name", cmd, i);
        for (j = 0; j < i; j++)
            if ((other = il_command_field(c, j, NULL, NULL, NULL, NULL, NULL)) &&
                strcmp(other, name) == 0)
                FZ_FAIL("%s: two FIELDS values named %s", cmd, name);
        if (!text == !data)
            FZ_FAIL("%s: FIELDS value %s has %s", cmd, name,
                    text ? "both a text and numbers" : "neither a text nor numbers");
        if (text) {
            len = strlen(text); /* ASan: an unterminated text runs off its end */
            if (len > (1u << 20))
                FZ_FAIL("%s: a text %s of %zu bytes", cmd, name, len);
            texts++;
            continue;
        }
        overflow = 0;
        cells = fz_mul(rows, cols, &overflow);
        if (overflow || cells > ((size_t)64 << 20))
            FZ_FAIL("%s: FIELDS value %s claims %zu x %zu", cmd, name, rows, cols);
        if (!matrix && (rows != 1 || cols != 1))
            FZ_FAIL("%s: the number %s is %zu x %zu", cmd, name, rows, cols);
        for (j = 0; j < cells; j++) /* ASan: numbers past the storage */
            sink += data[j];
        if (strcmp(cmd, "jacobian") == 0 && strcmp(name, "sv") == 0) {
            seen_sv = 1;
            /* k x m; with a record, k m x R (a column per iteration) */
            if (net && x_cols != SIZE_MAX &&
                !(rows == k && cols == x_cols) && rows != k * x_cols)
                FZ_FAIL("jacobian: sv is %zu x %zu for k = %zu, m = %zu", rows,
                        cols, k, x_cols);
        }
        if (strcmp(cmd, "propagation") == 0 && net && (rows != 1 || cols != L))
            FZ_FAIL("propagation: %s is %zu x %zu for %zu layers", name, rows,
                    cols, L);
        if (strcmp(cmd, "theory") == 0 && (strcmp(name, "q") == 0 || strcmp(name, "c") == 0)) {
            if (rows != 1 || cols < 2)
                FZ_FAIL("theory: the path %s is %zu x %zu", name, rows, cols);
            if (name[0] == 'q') {
                seen_q = 1;
                q_cols = cols;
            } else {
                seen_c = 1;
                c_cols = cols;
            }
        }
    }
    (void)sink;
    if (il_command_field(c, n, &text, &data, &rows, &cols, &matrix) != NULL ||
        text || data || rows || cols)
        FZ_FAIL("%s: a FIELDS value past the last one answers", cmd);
    if (strcmp(cmd, "jacobian") == 0 && (!seen_sv || texts != 0))
        FZ_FAIL("jacobian: no sv, or %zu texts", texts);
    if (strcmp(cmd, "propagation") == 0 && texts != 1)
        FZ_FAIL("propagation: %zu texts, not its table", texts);
    if (strcmp(cmd, "theory") == 0 &&
        (texts != 2 || seen_q != seen_c || q_cols != c_cols))
        FZ_FAIL("theory: %zu texts (act, phase), a path q of %zu and c of %zu",
                texts, q_cols, c_cols);
}

static void read_results(il_command *c, size_t ci, size_t results,
                         const bench *b, int net_arg_was_net, size_t x_cols)
{
    size_t k;
    for (k = 0; k < results; k++) {
        switch (il_command_result_kind(c, k)) {
        case IL_RES_BOOL: {
            double x = il_command_number(c, k);
            if (x != 0 && x != 1)
                FZ_FAIL("%s: BOOL result %zu is %g", commands[ci], k, x);
            break;
        }
        case IL_RES_NUMBER:
            (void)il_command_number(c, k);
            break;
        case IL_RES_TEXT: {
            const char *text = il_command_text(c, k);
            const il_net *net = il_command_net(c, NULL);
            size_t length = 0;
            if (!text || !net)
                FZ_FAIL("%s: no TEXT result, or no network", commands[ci]);
            if (il_net_summary(net, NULL, 0, &length) != IL_OK ||
                strlen(text) != length)
                FZ_FAIL("%s: a text of %zu bytes for a summary of %zu",
                        commands[ci], strlen(text), length);
            break;
        }
        case IL_RES_NET: {
            int given = -1;
            const il_net *net = il_command_net(c, &given);
            il_net *taken;
            if (!net)
                FZ_FAIL("%s: no NET result", commands[ci]);
            /* net and copy make a new network; the others give back theirs */
            int makes_one = ci == 0 || strcmp(commands[ci], "copy") == 0;
            if (makes_one && given != 0)
                FZ_FAIL("%s: the new network is called given", commands[ci]);
            if (!makes_one && net_arg_was_net && (given != 1 || net != b->net))
                FZ_FAIL("%s: the NET given is not the NET result", commands[ci]);
            taken = il_command_take_net(c);
            if (given ? taken != NULL : taken != net)
                FZ_FAIL("%s: il_command_take_net gave %p for %p (given %d)",
                        commands[ci], (void *)taken, (const void *)net, given);
            if (il_command_take_net(c) != NULL)
                FZ_FAIL("%s: a new network handed over twice", commands[ci]);
            il_net_free(taken);
            break;
        }
        case IL_RES_RECORD: {
            const il_train_info *info = NULL;
            const il_record *rec = il_command_record(c, &info);
            if (ci == 2 && !info)
                FZ_FAIL("train succeeded without training's results");
            if (rec)
                fz_read_record(rec, info);
            break;
        }
        case IL_RES_FIELDS:
            read_fields(c, commands[ci], x_cols);
            break;
        default:
            break;
        }
    }
}

static const char *pick_option(fz_in *in, int call, char *buf, size_t size)
{
    uint8_t b = fz_u8(in);
    il_call c = call >= 0 ? (il_call)call : IL_CALL_TRAIN;
    size_t count = il_option_count(c);
    const il_option_info *r;
    if (b >= 0xc0 || count == 0)
        return fz_string(in, buf, size);
    r = il_option_at(c, b % count);
    snprintf(buf, size, "%s", (b & 0x40) && r->alias ? r->alias : r->name);
    return buf;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fz_in in = {data, size};
    fz_arena a = {0};
    bench b;
    il_command *c = (il_command *)&in; /* must be NULLed on failure */
    host_ctx hc;
    il_host host;
    storage st;
    il_status s;
    size_t ci = N_COMMANDS, nargs, nopts, i, nresults, results, inputs, npos;
    char buf[48];
    const char *name;
    int lenient, failed = 0, net_arg_was_net = 0, cap_given = 0, big = 0;
    size_t x_cols = SIZE_MAX; /* the columns of the X taken */
    uint8_t b0 = fz_u8(&in), flags;
    long skip = -1;

    if (b0 < 0xf0) {
        ci = b0 % N_COMMANDS;
        name = commands[ci];
    } else {
        name = fz_string(&in, buf, sizeof buf);
        for (i = 0; i < N_COMMANDS; i++)
            if (strcmp(name, commands[i]) == 0)
                ci = i;
    }
    s = fz_check(il_command_new(name, &c), "il_command_new");
    if (ci == N_COMMANDS) {
        if (s != IL_EBADARG)
            FZ_FAIL("il_command_new('%s') gave %d, not IL_EBADARG", name, (int)s);
        if (c != NULL)
            FZ_FAIL("il_command_new('%s') failed and left *cmd set", name);
        return 0;
    }
    if (s != IL_OK) {
        if (s != IL_ENOMEM)
            FZ_FAIL("il_command_new refused '%s'", name);
        return 0;
    }
    if (il_net_field_count() != 6 || il_net_field_name(6) != NULL ||
        !il_net_field_name(0) || strcmp(il_net_field_name(4), "W") != 0)
        FZ_FAIL("the net fields are not the six initlab.h lists");
    if (!il_command_usage(c) || !il_command_usage(c)[0])
        FZ_FAIL("%s has no usage", name);
    inputs = strlen(model[ci].inputs);
    npos = il_command_positional(c);
    if (model[ci].call < 0 ? npos != (size_t)-1 : npos < inputs)
        FZ_FAIL("%s: il_command_positional is %zu", name, npos);
    if (model[ci].call < 0) /* "all": and the engine refuses past its inputs */
        npos = inputs;

    if (!make_bench(&in, &b)) {
        il_command_free(c);
        return 0;
    }
    flags = fz_u8(&in);
    lenient = (flags & 0xc0) == 0xc0;
    nresults = flags & 3;
    hc.stop.left = (long)fz_small(&in, 0, 6);
    hc.stop.polls = 0;
    hc.progress_left = (long)fz_small(&in, 0, 8);
    hc.progress_calls = hc.prints = 0;
    if (flags & 0x20)
        skip = (long)fz_small(&in, 0, 3);

    /* positional arguments: the inputs, then options by position */
    nargs = fz_small(&in, 0, MAX_ARGS);
    for (i = 0; i < nargs && (lenient || !failed); i++) {
        il_value *v = fz_alloc(&a, sizeof *v);
        char want = i < inputs ? model[ci].inputs[i] : 0;
        fz_value(&in, &a, v, 0, command_value, &b);
        if (value_too_big(v, 0) ||
            (ci == 0 && i == 0 && sizes_too_big(v))) {
            big = 1;
            break;
        }
        s = fz_check(il_command_arg(c, v), "il_command_arg");
        if (s != IL_OK) {
            failed = 1;
            if (i >= npos && s != IL_EBADARG)
                FZ_FAIL("%s: argument %zu past the usage gave %d", name, i + 1,
                        (int)s);
            continue;
        }
        if (i >= npos)
            FZ_FAIL("%s took argument %zu, past its %zu", name, i + 1, npos);
        if (failed)
            continue; /* lenient: the engine's state is its own */
        if (want == 'n') {
            if (!(v->kind == IL_VAL_NET && v->net) && v->kind != IL_VAL_FIELDS)
                FZ_FAIL("%s took a value of kind %d as its net", name, (int)v->kind);
            net_arg_was_net = v->kind == IL_VAL_NET;
        } else if (want == 'l') {
            const il_net *net = il_command_net(c, NULL);
            if (v->kind != IL_VAL_NUMBERS || v->rows * v->cols != 1 ||
                !net || v->data[0] < 1 || v->data[0] > (double)il_net_layers(net))
                FZ_FAIL("%s took a layer out of 1..L", name);
        } else if (want == 'x' || want == 'y' || want == 'o') {
            const il_net *net = il_command_net(c, NULL);
            size_t rows = net ? il_net_size(net, want == 'x' ? 0 : il_net_layers(net)) : 0;
            if (want == 'o' && (v->kind == IL_VAL_NONE ||
                                (v->kind == IL_VAL_NUMBERS && v->rows == 0 && v->cols == 0)))
                continue;
            if (v->kind != IL_VAL_NUMBERS)
                FZ_FAIL("%s took a value of kind %d as a matrix", name, (int)v->kind);
            if (v->rows != rows)
                FZ_FAIL("%s took a %zu-row matrix for %zu rows", name, v->rows, rows);
            if (want == 'x')
                x_cols = v->cols;
        }
    }

    /* options by name */
    nopts = big ? 0 : fz_small(&in, 0, MAX_OPTS);
    for (i = 0; i < nopts && (lenient || !failed); i++) {
        char name_buf[48];
        const char *opt = fz_u8(&in) == 0xff ? NULL
                              : pick_option(&in, model[ci].call, name_buf,
                                            sizeof name_buf);
        il_value *v = fz_alloc(&a, sizeof *v);
        fz_value(&in, &a, v, 0, command_value, &b);
        if (value_too_big(v, 0) || depth_too_big(opt, v) ||
            (ci == 0 && opt && same_name(opt, "sizes") && sizes_too_big(v))) {
            big = 1;
            break;
        }
        s = fz_check(il_command_option(c, opt, v), "il_command_option");
        if (model[ci].call < 0 && s != IL_EBADOPTION)
            FZ_FAIL("%s took option '%s' (%d)", name, opt ? opt : "(null)", (int)s);
        if (s != IL_OK) {
            failed = 1;
            continue;
        }
        if (opt && same_name(opt, "max_bytes"))
            cap_given = v->kind == IL_VAL_NUMBERS && v->rows * v->cols == 1 &&
                        v->data[0] >= 1 && v->data[0] <= REC_CAP;
    }
    if (!big && !cap_given && (ci == 2 || ci == 3 || ci == 4)) {
        /* records and datasets within what the fuzzer's memory allows */
        static const double cap = REC_CAP;
        il_value v;
        memset(&v, 0, sizeof v);
        set_numbers(&v, (double *)&cap, 1, 1);
        fz_check(il_command_option(c, "max_bytes", &v), "il_command_option");
    }
    if (!big && (strcmp(name, "report") == 0 || strcmp(name, "animate") == 0)) {
        /* whatever file the bytes name, the page or the GIF goes to
         * /dev/null, and within the fuzzer's memory */
        static const double cap = REC_CAP;
        il_value v;
        memset(&v, 0, sizeof v);
        v.kind = IL_VAL_STRING;
        v.str = "/dev/null";
        fz_check(il_command_option(c, "file", &v), "il_command_option");
        if (!cap_given) {
            set_numbers(&v, (double *)&cap, 1, 1);
            fz_check(il_command_option(c, "max_bytes", &v), "il_command_option");
        }
    }
    if (big || (failed && !lenient))
        goto done;

    s = fz_check(il_command_prepare(c, nresults), "il_command_prepare");
    if (s != IL_OK)
        goto done;
    if (!failed && c && il_command_net(c, NULL) == NULL && inputs > 0 &&
        model[ci].inputs[0] == 'n')
        FZ_FAIL("%s prepared without a network", name);
    results = il_command_results(c);
    if (results < 1 || results > (nresults ? nresults : 1))
        FZ_FAIL("%s: %zu results for %zu asked", name, results, nresults);
    if (il_command_result_name(c, results) != NULL ||
        il_command_items(c, 99) != 0)
        FZ_FAIL("%s: a result past the last one answers", name);
    for (i = 0; i < results; i++) {
        il_res_kind kind = il_command_result_kind(c, i);
        const char *rn = il_command_result_name(c, i);
        if (!rn || !rn[0] || (int)kind < 0 || kind > IL_RES_FIELDS)
            FZ_FAIL("%s: result %zu is '%s' of kind %d", name, i,
                    rn ? rn : "(null)", (int)kind);
        if (kind == IL_RES_MATRICES && !failed &&
            il_command_items(c, i) != il_net_layers(il_command_net(c, NULL)))
            FZ_FAIL("%s: %zu items of %s for %zu layers", name,
                    il_command_items(c, i), rn,
                    il_net_layers(il_command_net(c, NULL)));
        if (kind != IL_RES_MATRICES && il_command_items(c, i) != 1)
            FZ_FAIL("%s: %zu items of %s", name, il_command_items(c, i), rn);
    }

    memset(&st, 0, sizeof st);
    if (bind_all(c, results, &st, skip)) {
        size_t bound = st.n[0] + st.n[1] + st.n[2];
        int unbound = skip >= 0 && (size_t)skip < bound;
        /* no host (or no interrupt) only where nothing runs long */
        int quick = ci == 0 || ci == 5 || ci == 6 || ci == 7;
        host.ctx = &hc;
        host.interrupt = (flags & 0x04) && quick ? NULL : host_interrupt;
        host.progress = host_progress;
        host.print = (flags & 0x08) ? NULL : host_print;
        s = fz_check(il_command_run(c, (flags & 0x10) && quick ? NULL : &host),
                     "il_command_run");
        if (unbound && s != IL_EBADARG)
            FZ_FAIL("%s ran with result storage unbound (%d)", name, (int)s);
        if (s == IL_OK)
            read_results(c, ci, results, &b, net_arg_was_net && !failed,
                         failed ? SIZE_MAX : x_cols);
    }
    free_storage(&st);

done:
    il_command_free(c);
    il_net_free(b.net);
    fz_arena_free(&a);
    return 0;
}
