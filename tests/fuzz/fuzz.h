/*
 * fuzz.h - what the libFuzzer harnesses share: a reader that turns the
 * fuzzer's bytes into sizes, counts, doubles and strings, and the checks
 * every engine call must pass whatever it was given.
 *
 * The reader never fails: past the end of the input it returns zeros, so
 * every prefix of an input is a valid program and the fuzzer can shorten
 * inputs freely.  Values come in two flavours: bounded ones, for what the
 * engine will really allocate and loop over (each size 1..16), and raw
 * ones (any 64-bit pattern, with the edges of each range made likely), for
 * the arguments the engine must refuse before it allocates anything.
 */
#ifndef IL_FUZZ_H
#define IL_FUZZ_H

#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "initlab.h"

/* Each harness uses some of what fuzz.h has, not all of it. */
#define FZ_UNUSED __attribute__((unused))

/* NULL from a failed big allocation is the engine's to report as
 * IL_ENOMEM; with ASan's default a too-big request would abort instead. */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
    return "allocator_may_return_null=1:detect_leaks=1";
}

typedef struct {
    const uint8_t *p;
    size_t n;
} fz_in;

static uint8_t fz_u8(fz_in *in)
{
    uint8_t v;
    if (in->n == 0)
        return 0;
    v = *in->p++;
    in->n--;
    return v;
}

static uint64_t fz_bits(fz_in *in)
{
    uint64_t v = 0;
    int i;
    for (i = 0; i < 8; i++)
        v |= (uint64_t)fz_u8(in) << (8 * i);
    return v;
}

/* lo..hi, from one byte: the bounded sizes the harness really allocates. */
static size_t fz_small(fz_in *in, size_t lo, size_t hi)
{
    return lo + fz_u8(in) % (hi - lo + 1);
}

/* A raw count: the edges where products and sums overflow are likely, any
 * 64-bit value possible. */
static uint64_t fz_count(fz_in *in)
{
    static const uint64_t edge[] = {
        0, 1, 2, 3, 7, 8, 9, 16, 100, 255, 1000, 65536, 1000000,
        (1ull << 31) - 1, 1ull << 31, 1ull << 32, (1ull << 32) + 1,
        1ull << 40, 1ull << 50, 1ull << 53, (1ull << 53) + 1, 1ull << 60,
        1ull << 62, (1ull << 63) - 1, 1ull << 63, UINT64_MAX,
        UINT64_MAX / 2, UINT64_MAX / 3, UINT64_MAX / 8, UINT64_MAX / 8 + 1,
        UINT64_MAX / 16 + 1, UINT64_MAX / 24 + 1, 1000000000000000ull,
    };
    uint8_t b = fz_u8(in);
    if (b < 0x80)
        return edge[b % (sizeof edge / sizeof edge[0])];
    if (b < 0xc0)
        return b - 0x80; /* small: 0..63 */
    return fz_bits(in);
}

/* A double: the values that break arithmetic (NaN, Inf, huge, tiny,
 * denormal, -0) are likely, small plain ones common, any bit pattern
 * possible. */
static double fz_double(fz_in *in)
{
    static const double edge[] = {
        0.0, -0.0, 1.0, -1.0, 0.5, 2.0, 0.01, 0.1, 0.9, 0.999, 1e-8, 100.0,
        1e-300, 1e300, DBL_MAX, -DBL_MAX, DBL_MIN, 4.9406564584124654e-324,
        1e15, 9007199254740992.0, 9.2233720368547758e18, 1.8446744073709552e19,
        -1e300, 1e200, 5.0, 0.05, 1e-12, 99.9999, 100.0000001, -1e-300,
    };
    uint8_t b = fz_u8(in);
    double v;
    uint64_t bits;
    if (b < 0x20) {
        switch (b) {
        case 0: return NAN;
        case 1: return INFINITY;
        case 2: return -INFINITY;
        default: return edge[b % (sizeof edge / sizeof edge[0])];
        }
    }
    if (b < 0xe0)
        return ((double)b - 0x80) / 16.0; /* -6 .. 6 in steps of 1/16 */
    bits = fz_bits(in);
    memcpy(&v, &bits, sizeof v);
    return v;
}

/* Every name the engine knows, so that the fuzzer reaches the valid ones
 * without having to guess them byte by byte; near misses come from the
 * raw strings. */
static const char *const fz_names[] = {
    "linear", "sigmoid", "tanh", "relu", "leaky_relu", "elu", "selu",
    "softsign", "softplus", "softmax", "identity", "logistic",
    "mse", "bce", "sce", "binary_crossentropy", "crossentropy",
    "softmax_crossentropy",
    "zeros", "ones", "constant", "uniform", "normal", "truncated_normal",
    "scaled_normal", "xavier_uniform", "xavier_normal", "he_uniform",
    "he_normal", "lecun_uniform", "lecun_normal", "variance_scaling",
    "orthogonal", "sparse", "nguyen_widrow", "lsuv", "matrix", "critical", "hadamard", "default",
    "zero", "randn", "glorot_uniform", "glorot_normal", "xavier", "glorot",
    "kaiming_uniform", "kaiming_normal", "he", "kaiming", "lecun",
    "fan_in", "fan_out", "fan_avg",
    "xoshiro", "numpy",
    "sgd", "momentum", "nesterov", "rmsprop", "adam", "gd",
    "circles", "moons", "spirals", "xor", "blobs",
    "loss", "weights", "act", "percentiles", "hist", "saturation", "grad",
    "norms", "distinct", "all",
    "net", "init", "train", "stats", "dataset", "gain",
    "auto", "", " ", "RELU", "He", "relu ", "\xff\xfe", "%s%n%s",
};
#define FZ_N_NAMES (sizeof fz_names / sizeof fz_names[0])

/* A NUL-terminated string in buf (size >= 2): a known name by index, or up
 * to size-1 raw bytes (an embedded NUL just ends it early). */
static const char *fz_string(fz_in *in, char *buf, size_t size)
{
    uint8_t b = fz_u8(in);
    size_t len, i;
    if (b < 0x80)
        return fz_names[b % FZ_N_NAMES];
    len = (size_t)(b - 0x80) % size;
    for (i = 0; i < len; i++)
        buf[i] = (char)fz_u8(in);
    buf[len] = '\0';
    return buf;
}

/* ---- what every call must satisfy ---------------------------------------- */

/* A broken contract is a crash, so that libFuzzer keeps the input. */
#define FZ_FAIL(...)                                                         \
    do {                                                                     \
        fprintf(stderr, "fuzz contract: " __VA_ARGS__);                      \
        fputc('\n', stderr);                                                 \
        abort();                                                             \
    } while (0)

/* s is one of the il_status values; on failure il_last_error() says why in
 * a non-empty, NUL-terminated message and il_status_id names it.  Returns
 * s, so calls read: if (fz_check(il_foo(...), "il_foo") == IL_OK) ... */
static il_status fz_check(il_status s, const char *call)
{
    static int trace = -1;
    const char *msg, *id;
    /* FZ_TRACE=1 ./fuzz_api FILE shows what an input calls and hears */
    if (trace < 0)
        trace = getenv("FZ_TRACE") != NULL;
    if (trace)
        fprintf(stderr, "  %s -> %d %s\n", call, (int)s,
                s == IL_OK ? "" : il_last_error());
    if ((int)s < (int)IL_OK || (int)s > (int)IL_EBADINDEX) /* the last */
        FZ_FAIL("%s returned %d, not an il_status", call, (int)s);
    if (s == IL_OK)
        return s;
    msg = il_last_error();
    if (!msg)
        FZ_FAIL("%s failed (%d) and il_last_error() is NULL", call, (int)s);
    /* strlen runs off the end of an unterminated message: ASan says so */
    if (strlen(msg) == 0)
        FZ_FAIL("%s failed with %d but il_last_error() is empty", call, (int)s);
    id = il_status_id(s);
    if (!id || strncmp(id, "initlab:", 8) != 0 ||
        strcmp(id, "initlab:unknown") == 0)
        FZ_FAIL("%s: il_status_id(%d) is '%s'", call, (int)s, id ? id : "(null)");
    return s;
}

/* A call the arguments make impossible to honour must fail. */
FZ_UNUSED static il_status fz_must_fail(il_status s, const char *call, const char *why)
{
    if (fz_check(s, call) == IL_OK)
        FZ_FAIL("%s accepted %s", call, why);
    return s;
}

/* a * b, or 0 with *overflow set. */
static size_t fz_mul(size_t a, size_t b, int *overflow)
{
    size_t r;
    if (__builtin_mul_overflow(a, b, &r)) {
        *overflow = 1;
        return 0;
    }
    return r;
}

static size_t fz_add(size_t a, size_t b, int *overflow)
{
    size_t r;
    if (__builtin_add_overflow(a, b, &r)) {
        *overflow = 1;
        return 0;
    }
    return r;
}

/* Whether FZ_SKIP (comma-separated) names this probe.  A bug the fuzzer
 * finds on nearly every run hides the rest until it is fixed: naming its
 * probe while fuzzing (make fuzz FZ_SKIP=m_overflow) steers around it,
 * and replays, which never set it, still fail on its crash files. */
static int fz_skip(const char *probe)
{
    const char *list = getenv("FZ_SKIP"), *p;
    size_t n = strlen(probe);
    for (p = list; p && (p = strstr(p, probe)) != NULL; p += n)
        if ((p == list || p[-1] == ',') && (p[n] == '\0' || p[n] == ','))
            return 1;
    return 0;
}

/* An interrupt check that says stop after a given number of polls, so
 * that a long call the fuzzer asks for ends quickly: through the engine's
 * own stop path, which is what is under test. */
typedef struct {
    long left;
    long polls;
} fz_stopper;

static int fz_interrupt(void *ctx)
{
    fz_stopper *st = ctx;
    st->polls++;
    return st->left-- <= 0;
}

/* ---- host values: what the option and command harnesses hand in -------- */


#define FZ_MAX_DEPTH 3
#define FZ_MAX_ITEMS 6

/* Everything the values point into, freed at the end of the input. */
typedef struct {
    void **p;
    size_t n, cap;
} fz_arena;

FZ_UNUSED static void *fz_alloc(fz_arena *a, size_t size)
{
    void *p;
    if (a->n == a->cap) {
        size_t cap = a->cap ? 2 * a->cap : 64;
        void **grown = realloc(a->p, cap * sizeof *grown);
        if (!grown)
            abort();
        a->p = grown;
        a->cap = cap;
    }
    p = calloc(1, size ? size : 1);
    if (!p)
        abort();
    a->p[a->n++] = p;
    return p;
}

FZ_UNUSED static void fz_arena_free(fz_arena *a)
{
    size_t i;
    for (i = 0; i < a->n; i++)
        free(a->p[i]);
    free(a->p);
}

FZ_UNUSED static const char *fz_arena_string(fz_arena *a, fz_in *in)
{
    char buf[40];
    const char *s = fz_string(in, buf, sizeof buf);
    char *copy = fz_alloc(a, strlen(s) + 1);
    memcpy(copy, s, strlen(s) + 1);
    return copy;
}

/* A harness's own kinds of value (fuzz_command: NONE, NET, FIELDS, ...):
 * called with the kind byte k when (k & 0x88) == 0x88, which the kinds
 * below never tell apart from k - 8 (they read bits 0-2 and 0x10-0xc0). */
typedef void (*fz_value_ext)(fz_in *in, fz_arena *a, il_value *v, int depth,
                             uint8_t k, void *ctx);

/* A value of any kind.  Numbers come as small matrices of fuzzed doubles,
 * as vectors of whole numbers (sizes, counts, iterations: any 64-bit value
 * as a double), as long vectors (past every max_len), or with claimed dims
 * whose byte size overflows, backed by a 4-entry buffer.  ext (may be
 * NULL: then every byte means what it always meant) adds kinds, and list
 * items may be of them too. */
FZ_UNUSED static void fz_value(fz_in *in, fz_arena *a, il_value *v, int depth,
                               fz_value_ext ext, void *ctx)
{
    uint8_t k = fz_u8(in);
    size_t i, n;
    double *d;
    il_value *items;
    static const char *const hosts[] = {
        "a struct", "a complex number", "a sparse matrix", "a cell", "a table",
        "nil", "a userdata", "", NULL,
    };

    memset(v, 0, sizeof *v);
    if (ext && (k & 0x88) == 0x88) {
        ext(in, a, v, depth, k, ctx);
        return;
    }
    switch (k % 8) {
    case 0: case 1: /* a small matrix, often a scalar */
        v->kind = IL_VAL_NUMBERS;
        v->rows = (k & 0x10) ? fz_small(in, 0, 4) : 1;
        v->cols = (k & 0x20) ? fz_small(in, 0, 4) : 1;
        v->is_logical = (k & 0xc0) == 0xc0;
        d = fz_alloc(a, v->rows * v->cols * sizeof *d);
        for (i = 0; i < v->rows * v->cols; i++)
            d[i] = fz_double(in);
        v->data = d;
        break;
    case 2: /* whole numbers, any size */
        v->kind = IL_VAL_NUMBERS;
        n = fz_small(in, 1, 6);
        if (k & 0x10) {
            v->rows = n;
            v->cols = 1;
        } else {
            v->rows = 1;
            v->cols = n;
        }
        d = fz_alloc(a, n * sizeof *d);
        for (i = 0; i < n; i++)
            d[i] = (k & 0x20) ? -(double)fz_count(in) : (double)fz_count(in);
        v->data = d;
        break;
    case 3: /* a long vector: ascending, or the same value over and over */
        v->kind = IL_VAL_NUMBERS;
        n = fz_small(in, 0, 255) * 8;
        v->rows = 1;
        v->cols = n;
        d = fz_alloc(a, n * sizeof *d);
        {
            double x = fz_double(in);
            for (i = 0; i < n; i++)
                d[i] = (k & 0x10) ? x : 100.0 * (double)i / (double)n;
        }
        v->data = d;
        break;
    case 4:
        v->kind = IL_VAL_STRING;
        v->str = (k & 0x10) ? "" : fz_arena_string(a, in);
        break;
    case 5:
        v->kind = IL_VAL_LIST;
        n = depth < FZ_MAX_DEPTH ? fz_small(in, 0, FZ_MAX_ITEMS) : 0;
        items = fz_alloc(a, n * sizeof *items);
        for (i = 0; i < n; i++)
            fz_value(in, a, &items[i], depth + 1, ext, ctx);
        v->items = items;
        v->n_items = n;
        break;
    case 6:
        if ((k & 0x10) && !fz_skip("dims_overflow")) {
            /* dims no memory can hold: only a tiny buffer behind them */
            int overflow = 0;
            v->kind = IL_VAL_NUMBERS;
            v->rows = (size_t)fz_count(in);
            v->cols = (size_t)fz_count(in);
            fz_mul(fz_mul(v->rows, v->cols, &overflow), sizeof(double), &overflow);
            if (!overflow) {
                v->rows = SIZE_MAX / 2;
                v->cols = 3;
            }
            v->data = fz_alloc(a, 4 * sizeof(double));
        } else {
            v->kind = IL_VAL_FUNCTION;
        }
        break;
    default:
        v->kind = IL_VAL_OTHER;
        v->host_type = hosts[fz_u8(in) % (sizeof hosts / sizeof hosts[0])];
        break;
    }
}

/* A record read back as a front end reads it: every field il_record_field_at
 * describes, dims first, then the numbers (and training's results from
 * info, when given). */
FZ_UNUSED static void fz_read_record(const il_record *rec, const il_train_info *info)
{
    size_t i, l, L = il_record_layers(rec), dims[3], cells;
    int present, overflow;
    const il_field_info *f;
    double number, *out;
    const char *text;

    for (i = 0; i < il_record_field_count(); i++) {
        if (!(f = il_record_field_at(i)) || !f->name)
            FZ_FAIL("record field %zu has no description", i);
        if (f->shape == IL_SHAPE_SCALAR || f->shape == IL_SHAPE_STRING) {
            if (!info)
                continue;
            fz_check(il_train_field(info, i, &number, &text), "il_train_field");
            if (f->shape == IL_SHAPE_STRING && (!text || strlen(text) > 1000))
                FZ_FAIL("training result %s has no text", f->name);
            continue;
        }
        for (l = f->shape == IL_SHAPE_PER_LAYER ? 1 : 0;
             l <= (f->shape == IL_SHAPE_PER_LAYER ? L : 0); l++) {
            if (fz_check(il_record_field(rec, i, l, dims, NULL, &present),
                         "il_record_field") != IL_OK || !present)
                continue;
            overflow = 0;
            cells = fz_mul(fz_mul(dims[0], dims[1], &overflow), dims[2], &overflow);
            fz_mul(cells, sizeof(double), &overflow);
            if (overflow || cells > ((size_t)64 << 20))
                FZ_FAIL("record field %s claims %zux%zux%zu", f->name, dims[0],
                        dims[1], dims[2]);
            out = malloc((cells ? cells : 1) * sizeof *out);
            if (!out)
                abort();
            fz_check(il_record_field(rec, i, l, dims, out, &present),
                     "il_record_field");
            free(out);
        }
    }
}

/* A small network drawn from the input: L = 1..3 layers of 1..max_units
 * units (n[0..L]), any activation but softmax, its default initialization;
 * NULL when the engine refuses it. */
FZ_UNUSED static il_net *fz_small_net(fz_in *in, size_t max_units, size_t n[4],
                                      size_t *L)
{
    il_act acts[3];
    il_net *net = NULL;
    size_t l;
    *L = fz_small(in, 1, 3);
    for (l = 0; l <= *L; l++)
        n[l] = fz_small(in, 1, max_units);
    for (l = 0; l < *L; l++)
        acts[l] = il_act_make((il_act_kind)(fz_u8(in) % IL_SOFTMAX));
    if (fz_check(il_net_new(&net, *L, n, acts,
                            il_loss_for_output(acts[*L - 1].kind)),
                 "il_net_new") != IL_OK)
        return NULL;
    fz_check(il_net_init_default(net, 1), "il_net_init_default");
    return net;
}

#endif
