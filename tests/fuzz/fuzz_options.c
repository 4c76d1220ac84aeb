/*
 * fuzz_options.c - libFuzzer harness over the option layer (src/contract.c):
 * what both front ends hand the engine, value by value, before any engine
 * call sees it.
 *
 * An input picks a call, then sets up to 12 options: a name (one of the
 * call's own, by index, maybe its alias or in other case, or raw bytes) and
 * an il_value of any kind (numbers of any shape, whole numbers up to 2^64,
 * NaN/Inf, strings, nested lists, functions, host types the engine has
 * never heard of).  Then the call's finisher, and when it succeeds the
 * engine call itself on a small network the harness builds, with the
 * results read back through the record description (il_record_field) as a
 * front end would.
 *
 * The harness keeps its own model of which row each name lands in, so that
 * it can demand what initlab.h promises: an unknown name is
 * IL_EBADOPTION, a value of the wrong kind never succeeds, a number that was
 * accepted is the number il_options_number gives back.  Sizes it cannot
 * back with memory (a claimed matrix whose byte size overflows) get a tiny
 * buffer: the engine must refuse them before it reads.
 */
#include <ctype.h>

#include "fuzz.h"

#define MAX_SETS 12
#define REC_CAP ((size_t)256 << 20)

/* The row a name lands in, by the rule initlab.h gives (case ignored,
 * aliases too): the harness's own model, to hold the engine to. */
static int same_name(const char *x, const char *y)
{
    for (; *x && *y; x++, y++)
        if (tolower((unsigned char)*x) != tolower((unsigned char)*y))
            return 0;
    return *x == *y;
}

static long model_row(il_call call, const char *name)
{
    size_t i;
    for (i = 0; i < il_option_count(call); i++) {
        const il_option_info *r = il_option_at(call, i);
        if (same_name(name, r->name) || (r->alias && same_name(name, r->alias)))
            return (long)i;
    }
    return -1;
}

/* The kinds of value a row's type may accept at all. */
static int kind_possible(il_type t, const il_value *v)
{
    switch (v->kind) {
    case IL_VAL_OTHER:
    case IL_VAL_NONE:
    case IL_VAL_NET:
    case IL_VAL_FIELDS: return 0;
    case IL_VAL_FUNCTION: return t == IL_TYPE_FUNCTION;
    case IL_VAL_STRING:
        return t == IL_TYPE_NAME || t == IL_TYPE_NAMES ||
               t == IL_TYPE_NAMES_OR_NUMBER || t == IL_TYPE_TEXT;
    case IL_VAL_LIST:
        return t == IL_TYPE_NAMES || t == IL_TYPE_NAMES_OR_NUMBER ||
               t == IL_TYPE_VECTOR || t == IL_TYPE_MATRICES ||
               t == IL_TYPE_TEXT;
    case IL_VAL_NUMBERS:
        return t != IL_TYPE_NAME && t != IL_TYPE_NAMES &&
               t != IL_TYPE_FUNCTION && t != IL_TYPE_TEXT;
    }
    return 0;
}

/* The numbers a value holds, as set_vector reads them (a numeric vector
 * or a list of scalars), into out[max]; returns how many, or -1 when the
 * value is not of that shape. */
static long model_numbers(const il_value *v, double *out, size_t max)
{
    size_t i, n;
    if (v->kind == IL_VAL_NUMBERS) {
        n = v->rows * v->cols;
        for (i = 0; i < n && i < max; i++)
            out[i] = v->data[i];
        return (long)n;
    }
    if (v->kind != IL_VAL_LIST)
        return -1;
    for (i = 0; i < v->n_items && i < max; i++) {
        if (v->items[i].kind != IL_VAL_NUMBERS || v->items[i].rows * v->items[i].cols != 1)
            return -1;
        out[i] = v->items[i].data[0];
    }
    return (long)v->n_items;
}

/* What was accepted, per row, for the checks after the finisher. */
typedef struct {
    const il_value *value[64];
} model;

static const char *pick_name(fz_in *in, il_call call, char *buf, size_t size)
{
    uint8_t b = fz_u8(in);
    size_t count = il_option_count(call), i;
    const il_option_info *r;
    if (b >= 0xc0 || count == 0)
        return fz_string(in, buf, size);
    r = il_option_at(call, b % count);
    snprintf(buf, size, "%s", (b & 0x40) && r->alias ? r->alias : r->name);
    if (b & 0x80) /* the same name in other case */
        for (i = 0; buf[i]; i++)
            buf[i] = (char)((i + b) % 2 ? toupper((unsigned char)buf[i])
                                        : tolower((unsigned char)buf[i]));
    return buf;
}

static void check_table(il_call call)
{
    size_t i, n = il_option_count(call);
    char buf[160];
    for (i = 0; i < n; i++) {
        const il_option_info *r = il_option_at(call, i);
        if (!r || !r->name || !r->name[0] || !r->doc || !r->default_text)
            FZ_FAIL("option %zu of call %d has no name, doc or default", i,
                    (int)call);
        il_option_describe(r, buf, sizeof buf);
        if (!memchr(buf, '\0', sizeof buf))
            FZ_FAIL("il_option_describe left no NUL");
        if (r->names && !il_names_of(r->names)[0])
            FZ_FAIL("option %s: il_names_of('%s') is empty", r->name, r->names);
    }
    if (il_option_at(call, n) != NULL)
        FZ_FAIL("il_option_at answers past the table");
}

/* ---- a small network and its data ----------------------------------------- */

typedef struct {
    il_net *net;
    size_t L, n[4], m;
    double *X, *Y;
} bench;

static int make_bench(fz_in *in, bench *b)
{
    size_t l;
    il_rng rng;
    memset(b, 0, sizeof *b);
    if (!(b->net = fz_small_net(in, 8, b->n, &b->L)))
        return 0;
    b->m = fz_small(in, 1, 12);
    b->X = malloc(b->n[0] * b->m * sizeof *b->X);
    b->Y = malloc(b->n[b->L] * b->m * sizeof *b->Y);
    if (!b->X || !b->Y)
        abort();
    il_rng_seed(&rng, b->m);
    for (l = 0; l < b->n[0] * b->m; l++)
        b->X[l] = il_rng_normal(&rng);
    for (l = 0; l < b->n[b->L] * b->m; l++)
        b->Y[l] = (double)il_rng_below(&rng, 2); /* fits mse and bce */
    return 1;
}

static void free_bench(bench *b)
{
    il_net_free(b->net);
    free(b->X);
    free(b->Y);
}

/* ---- reading results back as a front end does ------------------------------ */

typedef struct {
    long left;
    size_t line;   /* buffer size for il_progress_line */
} hook_ctx;

static int fz_hook(void *ctx, const il_progress *p)
{
    hook_ctx *h = ctx;
    char buf[300];
    il_progress_line(p, buf, h->line);
    if (h->line && !memchr(buf, '\0', h->line))
        FZ_FAIL("il_progress_line left no NUL in %zu bytes", h->line);
    return h->left-- <= 0;
}

/* ---- the finishers, and the calls they feed -------------------------------- */

static void finish(fz_in *in, il_call call, il_options *o, const model *md)
{
    bench b;
    fz_stopper stop = {0, 0};
    il_status s;

    stop.left = (long)fz_small(in, 0, 16);
    switch (call) {
    case IL_CALL_NET: {
        /* Sizes that fit in 64 MB are built; more would only exercise the
         * allocator (nets have no cap); sizes whose count overflows must be
         * refused. */
        long row = model_row(call, "sizes"), count;
        const il_value *v = row >= 0 ? md->value[row] : NULL;
        il_net *net = NULL;
        double sz[4096];
        if (v && (count = model_numbers(v, sz, 4096)) >= 0 && count <= 4096) {
            size_t i, params = 0;
            int overflow = 0;
            /* W and b of each layer: what the engine will allocate */
            for (i = 1; i < (size_t)count; i++) {
                size_t in_n = (size_t)sz[i - 1], out_n = (size_t)sz[i];
                params = fz_add(params, fz_mul(out_n, in_n, &overflow), &overflow);
                params = fz_add(params, out_n, &overflow);
            }
            if (!overflow && params > ((size_t)1 << 20))
                return;
            s = il_options_net(o, &net);
            if (overflow)
                fz_must_fail(s, "il_options_net", "sizes that overflow");
        } else if (il_options_given(o, "sizes")) {
            return; /* sizes the model does not know: maybe huge */
        } else {
            s = il_options_net(o, &net);
        }
        if (fz_check(s, "il_options_net") == IL_OK) {
            if (!net)
                FZ_FAIL("il_options_net succeeded without a net");
            il_net_free(net);
        } else if (net) {
            FZ_FAIL("il_options_net failed but left a net");
        }
        return;
    }
    case IL_CALL_INIT: {
        il_init_opts io;
        if (!make_bench(in, &b))
            return;
        if (fz_check(il_options_init(o, b.net, &io), "il_options_init") == IL_OK) {
            io.interrupt = fz_interrupt;
            io.interrupt_ctx = &stop;
            s = fz_check(il_net_init(b.net, &io), "il_net_init");
            if (s == IL_OK) {
                size_t l, i;
                for (l = 1; l <= b.L; l++)
                    for (i = 0; i < b.n[l] * b.n[l - 1]; i++)
                        if (!isfinite(il_net_cW(b.net, l)[i]))
                            FZ_FAIL("il_net_init from options: W%zu(%zu) = %g", l,
                                    i + 1, il_net_cW(b.net, l)[i]);
            }
        }
        free_bench(&b);
        return;
    }
    case IL_CALL_TRAIN:
    case IL_CALL_STATS: {
        il_train_opts t;
        il_record_opts r;
        il_record *rec = NULL;
        il_train_info info;
        hook_ctx hook;
        if (!make_bench(in, &b))
            return;
        s = call == IL_CALL_TRAIN ? il_options_train(o, b.net, &t, &r)
                                  : il_options_stats(o, b.net, &r);
        if (fz_check(s, call == IL_CALL_TRAIN ? "il_options_train"
                                              : "il_options_stats") != IL_OK) {
            free_bench(&b);
            return;
        }
        /* the caps stay under the fuzzer's malloc limit: past them is a
         * refusal, and what gets through anyway shows as a finding */
        if (r.max_bytes == 0 || r.max_bytes > REC_CAP)
            r.max_bytes = REC_CAP;
        r.interrupt = fz_interrupt;
        r.interrupt_ctx = &stop;
        if (call == IL_CALL_TRAIN) {
            /* any iteration count the options allow, ended by the hook */
            hook.left = (long)fz_small(in, 0, 20);
            hook.line = fz_small(in, 0, 200);
            t.hook = fz_hook;
            t.hook_ctx = &hook;
            t.hook_every = 1;
            t.interrupt = fz_interrupt;
            t.interrupt_ctx = &stop;
            s = fz_check(il_train(b.net, b.X, b.Y, b.m, &t, &r, &rec, &info),
                         "il_train");
        } else {
            s = fz_check(il_net_stats(b.net, b.X, (fz_u8(in) & 1) ? NULL : b.Y,
                                      b.m, &r, &rec),
                         "il_net_stats");
        }
        if (s == IL_OK && rec)
            fz_read_record(rec, call == IL_CALL_TRAIN ? &info : NULL);
        il_record_free(rec);
        free_bench(&b);
        return;
    }
    case IL_CALL_DATASET: {
        il_dataset_kind kind;
        il_dataset_opts d;
        size_t n, need;
        uint64_t seed;
        int overflow = 0;
        double tiny[4], *X, *labels;
        if (fz_check(il_options_dataset(o, &kind, &n, &d, &seed),
                     "il_options_dataset") != IL_OK)
            return;
        if (d.max_bytes == 0 || d.max_bytes > REC_CAP)
            d.max_bytes = REC_CAP;
        d.interrupt = fz_interrupt;
        d.interrupt_ctx = &stop;
        need = fz_mul(n, sizeof(double), &overflow);
        if (overflow || need > d.max_bytes) {
            fz_must_fail(il_dataset(kind, n, &d, seed, tiny, tiny),
                         "il_dataset", "more points than max_bytes allows");
            return;
        }
        if (n > 512)
            return;
        X = malloc((2 * n + 1) * sizeof *X);
        labels = malloc((n + 1) * sizeof *labels);
        if (!X || !labels)
            abort();
        fz_check(il_dataset(kind, n, &d, seed, X, labels), "il_dataset");
        free(X);
        free(labels);
        return;
    }
    case IL_CALL_GAIN: {
        il_act act;
        double g;
        int computed;
        if (fz_check(il_options_gain(o, &act), "il_options_gain") == IL_OK &&
            fz_check(il_gain(act, &g, &computed), "il_gain") == IL_OK &&
            !(isfinite(g) && g >= 0))
            FZ_FAIL("il_gain from options = %g", g);
        return;
    }
    case IL_CALL_EVALUATE: {
        il_accuracy_rule rule;
        double loss, acc;
        if (!make_bench(in, &b))
            return;
        if (fz_check(il_options_evaluate(o, &rule), "il_options_evaluate") ==
                IL_OK &&
            fz_check(il_evaluate_as(b.net, b.X, b.Y, b.m, rule, &loss, &acc),
                     "il_evaluate_as") == IL_OK &&
            !(acc != acc || (acc >= 0 && acc <= 1)))
            FZ_FAIL("accuracy %g out of [0, 1]", acc);
        free_bench(&b);
        return;
    }
    default:
        return;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fz_in in = {data, size};
    fz_arena a = {0};
    model md;
    il_options *o = NULL;
    il_call call;
    il_status s;
    size_t sets, i;
    char buf[48];
    uint8_t b = fz_u8(&in);

    memset(&md, 0, sizeof md);
    if (b >= 0xf0) {
        const char *name = fz_string(&in, buf, sizeof buf);
        if (fz_check(il_call_from_name(name, &call), "il_call_from_name") != IL_OK)
            return 0;
        if (strcmp(il_call_name(call), name) != 0)
            FZ_FAIL("il_call_from_name('%s') gave '%s'", name, il_call_name(call));
    } else {
        call = (il_call)(b % (IL_CALL_COUNT + 1)); /* one past: refused */
    }
    s = fz_check(il_options_new(call, &o), "il_options_new");
    if (s != IL_OK) {
        if ((unsigned)call < IL_CALL_COUNT && s != IL_ENOMEM)
            FZ_FAIL("il_options_new refused call %d", (int)call);
        return 0;
    }
    if ((unsigned)call >= IL_CALL_COUNT)
        FZ_FAIL("il_options_new accepted call %d", (int)call);
    if (il_option_count(call) > 64)
        FZ_FAIL("call %d has %zu options; the model holds 64", (int)call,
                il_option_count(call));
    check_table(call);

    sets = fz_small(&in, 0, MAX_SETS);
    for (i = 0; i < sets; i++) {
        char name_buf[48];
        const char *name = (fz_u8(&in) == 0xff) ? NULL
                               : pick_name(&in, call, name_buf, sizeof name_buf);
        il_value *v = fz_alloc(&a, sizeof *v);
        long row;
        fz_value(&in, &a, v, 0, NULL, NULL);
        s = fz_check(il_options_set(o, name, (fz_u8(&in) == 0xfe) ? NULL : v),
                     "il_options_set");
        row = name ? model_row(call, name) : -1;
        if (row < 0) {
            if (s == IL_OK)
                FZ_FAIL("il_options_set took unknown option '%s'",
                        name ? name : "(null)");
            continue;
        }
        if (s == IL_OK) {
            const il_option_info *r = il_option_at(call, (size_t)row);
            double got;
            if (!kind_possible(r->type, v))
                FZ_FAIL("il_options_set: option %s (type %d) took a value of "
                        "kind %d", r->name, (int)r->type, (int)v->kind);
            if (!il_options_given(o, name))
                FZ_FAIL("il_options_given('%s') is 0 after a set", name);
            got = il_options_number(o, name);
            if ((r->type == IL_TYPE_NUMBER || r->type == IL_TYPE_COUNT) &&
                v->kind == IL_VAL_NUMBERS && !(got == v->data[0]) &&
                !(isnan(got) && isnan(v->data[0])))
                FZ_FAIL("option %s set to %g reads back %g", r->name,
                        v->data[0], got);
            md.value[row] = v;
        } else {
            md.value[row] = NULL; /* unknown to the model from here on */
        }
    }
    finish(&in, call, o, &md);
    il_options_free(o);
    fz_arena_free(&a);
    return 0;
}
