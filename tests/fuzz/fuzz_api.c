/*
 * fuzz_api.c - libFuzzer harness over the engine's C API (src/initlab.h).
 *
 * An input is a small program: each step is one byte choosing a call, then
 * the bytes its arguments are read from (fuzz.h).  A program keeps one
 * network with bounded sizes (1..4 layers of 1..16 units, 1..16 samples)
 * and calls everything on it: init, forward, gradients, evaluate, stats,
 * train (at most 20 updates, or a hook that stops it), and the free calls
 * (init_fill, dataset, onehot, gain, names, rng).  Sizes and counts that
 * are not bounded go only where the engine must refuse them before it
 * allocates or loops: parameter counts and buffers whose byte size does
 * not fit in size_t, recordings and datasets past their max_bytes.
 *
 * What counts as a crash, beyond ASan, UBSan and LeakSanitizer: a status
 * that is not an il_status, a failure without a message, success where the
 * arguments cannot be honoured, a record that is not the shape its
 * accessors say, non-finite weights from an initializer that reported
 * success, an init that fails but changes the network or gives other bits
 * a second time, and a training run whose record, final_loss and network
 * disagree.
 */
#include "fuzz.h"

#define MAX_L 4
#define MAX_N 16
#define MAX_M 16
#define MAX_STEPS 32
#define MAX_ITERS 20

/* What a program keeps between steps. */
typedef struct {
    il_net *net;
    size_t L, n[MAX_L + 1];
    il_loss loss;
    size_t m;
    double *X, *Y;   /* n0 x m and nL x m, for the current net */
} state;

static void drop_net(state *st)
{
    il_net_free(st->net);
    free(st->X);
    free(st->Y);
    st->net = NULL;
    st->X = st->Y = NULL;
}

/* Overwrites a few entries of v (len values) with fuzzed doubles: NaN and
 * Inf where the engine must check for them. */
static void poke(fz_in *in, double *v, size_t len)
{
    size_t k = fz_u8(in) % 4, i;
    for (i = 0; i < k && len; i++) {
        size_t at = fz_u8(in) % len;
        v[at] = fz_double(in);
    }
}

/* len values from the engine's own generator: data costs no input bytes. */
static double *normals(size_t len, uint64_t seed, double scale)
{
    il_rng rng;
    double *v = malloc((len ? len : 1) * sizeof *v);
    size_t i;
    if (!v)
        abort();
    il_rng_seed(&rng, seed);
    for (i = 0; i < len; i++)
        v[i] = scale * il_rng_normal(&rng);
    return v;
}

/* Targets that suit the loss: 0/1 for bce, one-hot columns for sce. */
static void fill_targets(double *Y, size_t nL, size_t m, il_loss loss,
                         uint64_t seed)
{
    il_rng rng;
    size_t i, j;
    il_rng_seed(&rng, seed);
    for (j = 0; j < m; j++) {
        size_t hot = (size_t)il_rng_below(&rng, nL);
        for (i = 0; i < nL; i++) {
            double *y = &Y[i + j * nL];
            if (loss == IL_LOSS_SCE)
                *y = i == hot;
            else if (loss == IL_LOSS_BCE)
                *y = (double)il_rng_below(&rng, 2);
            else
                *y = il_rng_normal(&rng);
        }
    }
}

static il_act fuzz_act(fz_in *in, int last)
{
    uint8_t b = fz_u8(in);
    il_act a;
    char buf[24];
    if (b >= 0xf0) {
        if (fz_check(il_act_from_name(fz_string(in, buf, sizeof buf), &a),
                     "il_act_from_name") != IL_OK)
            a = il_act_make(IL_LINEAR);
    } else {
        /* one past the last kind: an unknown activation, to be refused */
        a = il_act_make((il_act_kind)(b % (IL_ACT_COUNT + 1)));
        if (!last && a.kind == IL_SOFTMAX && (b & 0x40))
            a.kind = IL_TANH;
    }
    if (fz_u8(in) & 1)
        a.param = fz_double(in);
    return a;
}

/* ---- networks -------------------------------------------------------------- */

static void check_net(const il_net *net, size_t L, const size_t *n)
{
    size_t l;
    if (il_net_layers(net) != L)
        FZ_FAIL("il_net_layers is %zu, built with %zu", il_net_layers(net), L);
    for (l = 0; l <= L; l++)
        if (il_net_size(net, l) != n[l])
            FZ_FAIL("il_net_size(%zu) is %zu, built with %zu", l,
                    il_net_size(net, l), n[l]);
    if (il_net_size(net, L + 1) != 0 || il_net_cW(net, 0) ||
        il_net_cW(net, L + 1) || il_net_cb(net, L + 1))
        FZ_FAIL("accessors answer for a layer the net does not have");
}

static void step_net(fz_in *in, state *st)
{
    size_t L = fz_small(in, 1, MAX_L), n[MAX_L + 1], l;
    il_act acts[MAX_L];
    il_loss loss;
    il_net *net;
    uint8_t b;
    char buf[24];

    for (l = 0; l <= L; l++)
        n[l] = fz_small(in, 1, MAX_N);
    for (l = 0; l < L; l++)
        acts[l] = fuzz_act(in, l + 1 == L);
    b = fz_u8(in);
    if (b >= 0xf0) {
        if (fz_check(il_loss_from_name(fz_string(in, buf, sizeof buf), &loss),
                     "il_loss_from_name") != IL_OK)
            loss = IL_LOSS_MSE;
    } else if (b >= 0x80) {
        loss = (il_loss)(b % (IL_LOSS_COUNT + 1));
    } else {
        loss = (unsigned)acts[L - 1].kind < IL_ACT_COUNT
                   ? il_loss_for_output(acts[L - 1].kind)
                   : IL_LOSS_MSE;
    }
    if (fz_check(il_net_new(&net, L, n, acts, loss), "il_net_new") != IL_OK) {
        if (net)
            FZ_FAIL("il_net_new failed but left a network");
        return;
    }
    check_net(net, L, n);
    drop_net(st);
    st->net = net;
    st->L = L;
    memcpy(st->n, n, sizeof n);
    st->loss = loss;
    st->m = fz_small(in, 1, MAX_M);
    st->X = normals(n[0] * st->m, fz_u8(in), 1.0);
    st->Y = normals(n[L] * st->m, 0, 1.0);
    fill_targets(st->Y, n[L], st->m, loss, fz_u8(in));
    if (fz_u8(in) & 1)
        fz_check(il_net_init_default(net, fz_bits(in)), "il_net_init_default");
}

/* Sizes straight from the input.  A net whose parameters cannot be counted
 * in size_t must be refused; one that fits in 64 MB is built and freed; the
 * rest are real (if silly) requests the engine may try to allocate, which
 * only tests the allocator, so they are skipped. */
static void step_net_raw(fz_in *in)
{
    size_t L = fz_small(in, 0, 8), n[9], l, params = 0, bytes;
    il_act acts[8];
    il_net *net = NULL;
    int overflow = 0, zero = 0;

    for (l = 0; l <= L; l++) {
        n[l] = (size_t)fz_count(in);
        zero |= n[l] == 0;
    }
    for (l = 0; l < L; l++)
        acts[l] = il_act_make(l + 1 == L && (fz_u8(in) & 1) ? IL_SOFTMAX
                                                            : IL_TANH);
    if (L == 0) {
        fz_must_fail(il_net_new(&net, 0, n, acts, IL_LOSS_MSE), "il_net_new",
                     "a network of no layers");
        return;
    }
    /* W and b of each layer, as the engine lays them out */
    for (l = 1; l <= L; l++) {
        params = fz_add(params, fz_mul(n[l], n[l - 1], &overflow), &overflow);
        params = fz_add(params, n[l], &overflow);
    }
    bytes = fz_mul(params, sizeof(double), &overflow);
    if (zero || overflow) {
        fz_must_fail(il_net_new(&net, L, n, acts, IL_LOSS_MSE), "il_net_new",
                     zero ? "a layer of 0 units"
                          : "sizes whose parameter count overflows size_t");
        if (net)
            FZ_FAIL("il_net_new failed but left a network");
        return;
    }
    if (bytes > ((size_t)64 << 20))
        return;
    if (fz_check(il_net_new(&net, L, n, acts, IL_LOSS_MSE), "il_net_new") ==
        IL_OK) {
        check_net(net, L, n);
        il_net_free(net);
    }
}

static void step_copy_set(fz_in *in, state *st)
{
    il_net *copy = NULL;
    size_t l, rows, cols, blen, i;
    double *W, *b;
    if (!st->net)
        return;
    if (fz_check(il_net_copy(st->net, &copy), "il_net_copy") != IL_OK)
        return;
    check_net(copy, st->L, st->n);
    for (l = 1; l <= st->L; l++)
        if (memcmp(il_net_cW(copy, l), il_net_cW(st->net, l),
                   st->n[l] * st->n[l - 1] * sizeof(double)) ||
            memcmp(il_net_cb(copy, l), il_net_cb(st->net, l),
                   st->n[l] * sizeof(double)))
            FZ_FAIL("il_net_copy: layer %zu differs from the original", l);
    /* a layer index and sizes that may be off by one either way */
    l = fz_small(in, 0, st->L + 1);
    rows = l >= 1 && l <= st->L ? st->n[l] : 3;
    cols = l >= 1 && l <= st->L ? st->n[l - 1] : 3;
    blen = rows;
    switch (fz_u8(in) % 4) {
    case 1: rows++; break;
    case 2: cols = cols > 1 ? cols - 1 : cols + 1; break;
    case 3: blen++; break;
    default: break;
    }
    W = normals(rows * cols, fz_u8(in), 0.5);
    b = normals(blen, 7, 0.5);
    poke(in, W, rows * cols);
    if (fz_check(il_net_set_layer(copy, l, W, rows, cols, b, blen),
                 "il_net_set_layer") == IL_OK) {
        for (i = 0; i < rows * cols; i++)
            if (!isfinite(W[i]))
                FZ_FAIL("il_net_set_layer took a non-finite weight");
        if (memcmp(il_net_cW(copy, l), W, rows * cols * sizeof *W))
            FZ_FAIL("il_net_set_layer did not store W");
    }
    free(W);
    free(b);
    il_net_free(copy);
}

/* ---- initializers ---------------------------------------------------------- */

/* A spec of a fuzzed kind (by index, one past the last included, or by
 * name) with some of its fields fuzzed.  A matrix spec gets a buffer of
 * the size it claims, right for layer l (rows x cols) or not; *owned
 * receives it for the caller to free. */
static void fuzz_spec(fz_in *in, il_init_spec *s, size_t rows, size_t cols,
                      double **owned)
{
    uint8_t b = fz_u8(in), which;
    il_init_kind kind;
    char buf[24];
    if (b >= 0xf0) {
        if (fz_check(il_init_from_name(fz_string(in, buf, sizeof buf), &kind),
                     "il_init_from_name") != IL_OK)
            kind = IL_INIT_DEFAULT;
    } else {
        kind = (il_init_kind)(b % (IL_INIT_COUNT + 1));
    }
    il_init_spec_default(s, kind);
    which = fz_u8(in);
    if (which & 0x01) s->value = fz_double(in);
    if (which & 0x02) { s->low = fz_double(in); s->high = fz_double(in); }
    if (which & 0x04) { s->mean = fz_double(in); s->std = fz_double(in); }
    if (which & 0x08) s->scale = fz_double(in);
    if (which & 0x10) s->gain = fz_double(in);
    if (which & 0x20) s->slope = fz_double(in);
    if (which & 0x40) s->fraction = fz_double(in);
    if (which & 0x80) {
        uint8_t md = fz_u8(in);
        s->mode = (il_fan_mode)(md % 4);
        s->dist = (il_distribution)((md >> 2) % 4);
    }
    *owned = NULL;
    if (kind == IL_INIT_MATRIX) {
        uint8_t shape = fz_u8(in);
        size_t r = rows, c = cols;
        if (shape & 1) r = fz_small(in, 1, MAX_N);
        if (shape & 2) c = fz_small(in, 1, MAX_N);
        if (shape & 4) { size_t t = r; r = c; c = t; }
        *owned = normals(r * c, shape, 0.3);
        poke(in, *owned, r * c);
        s->matrix = (shape & 8) && (shape & 16) ? NULL : *owned;
        s->matrix_rows = r;
        s->matrix_cols = c;
    }
}

static void check_finite_net(const il_net *net, size_t L, const size_t *n,
                             const char *call)
{
    size_t l, i;
    for (l = 1; l <= L; l++) {
        const double *W = il_net_cW(net, l), *b = il_net_cb(net, l);
        for (i = 0; i < n[l] * n[l - 1]; i++)
            if (!isfinite(W[i]))
                FZ_FAIL("%s succeeded with W%zu(%zu) = %g", call, l, i + 1, W[i]);
        for (i = 0; i < n[l]; i++)
            if (!isfinite(b[i]))
                FZ_FAIL("%s succeeded with b%zu(%zu) = %g", call, l, i + 1, b[i]);
    }
}

/* Bit for bit: NaN equals NaN, 0 is not -0. */
static int same_params(const il_net *a, const il_net *b, size_t L,
                       const size_t *n)
{
    size_t l;
    for (l = 1; l <= L; l++)
        if (memcmp(il_net_cW(a, l), il_net_cW(b, l),
                   n[l] * n[l - 1] * sizeof(double)) ||
            memcmp(il_net_cb(a, l), il_net_cb(b, l), n[l] * sizeof(double)))
            return 0;
    return 1;
}

static void step_init(fz_in *in, state *st)
{
    il_init_opts o;
    il_init_spec w[MAX_L], bs[MAX_L];
    double *owned[2 * MAX_L] = {0};
    int trials[MAX_L];
    fz_stopper stop = {0, 0};
    size_t n_specs, k, L = st->L, i;
    uint8_t flags, extra;
    il_net *before = NULL, *again = NULL;
    il_status s, s2;
    long left;

    if (!st->net)
        return;
    flags = fz_u8(in);
    n_specs = (flags & 3) == 0 ? 1 : (flags & 3) == 1 ? L : fz_small(in, 0, MAX_L);
    il_init_opts_default(&o);
    /* a spec per layer where there are specs: layer k+1's shape */
    for (k = 0; k < (n_specs ? n_specs : 1); k++) {
        size_t l = k + 1 <= L ? k + 1 : L;
        fuzz_spec(in, &w[k], st->n[l], st->n[l - 1], &owned[2 * k]);
        if (flags & 4)
            fuzz_spec(in, &bs[k], st->n[l], 1, &owned[2 * k + 1]);
    }
    o.weights = w;
    o.biases = (flags & 4) ? bs : NULL;
    o.n_specs = n_specs;
    o.seed = (flags & 8) ? fz_bits(in) : fz_u8(in);
    o.rng = (flags & 16) ? (int)(fz_u8(in) % 3) - ((flags & 32) ? 1 : 0) : 0;
    if (flags & 64) {
        o.X = st->X;
        o.m = fz_small(in, 0, st->m);
    }
    if (fz_u8(in) & 1)
        o.lsuv_tol = fz_double(in);
    o.lsuv_max_trials = (int)fz_small(in, 0, 30);
    if (flags & 128) {
        /* any trial count, with a check that stops the call when it polls */
        o.lsuv_max_trials = (int)(uint32_t)fz_bits(in);
        stop.left = (long)fz_small(in, 0, 64);
        o.interrupt = fz_interrupt;
        o.interrupt_ctx = &stop;
    }
    o.lsuv_trials = (fz_u8(in) & 1) ? trials : NULL;
    if (!o.interrupt && ((extra = fz_u8(in)) & 1)) {
        /* a stop after a few polls, for orthogonal, sparse, lsuv ... */
        stop.left = (long)(extra >> 1) % 8;
        o.interrupt = fz_interrupt;
        o.interrupt_ctx = &stop;
    }
    /* A copy takes the same call, to hold the engine to two promises: the
     * same seed and options give the same bits, and a failed init leaves
     * the network as it was. */
    if (fz_check(il_net_copy(st->net, &before), "il_net_copy") != IL_OK)
        before = NULL;
    if (before && fz_check(il_net_copy(st->net, &again), "il_net_copy") != IL_OK)
        again = NULL;
    left = stop.left;
    s = fz_check(il_net_init(st->net, &o), "il_net_init");
    if (s == IL_OK)
        check_finite_net(st->net, L, st->n, "il_net_init");
    else if (before && !same_params(st->net, before, L, st->n))
        FZ_FAIL("il_net_init failed (%s) and changed the network",
                il_last_error());
    if (again) {
        stop.left = left;
        s2 = il_net_init(again, &o);
        if (s2 != s)
            FZ_FAIL("il_net_init gave %d, then %d on the same network", (int)s,
                    (int)s2);
        if (s == IL_OK && !same_params(st->net, again, L, st->n))
            FZ_FAIL("il_net_init: the same seed gave different weights");
    }
    il_net_free(before);
    il_net_free(again);
    for (i = 0; i < 2 * MAX_L; i++)
        free(owned[i]);
}

/* il_init_fill alone: a bounded matrix it really fills, or sizes whose
 * byte count overflows, which it must refuse without writing. */
static void step_fill(fz_in *in)
{
    il_init_spec spec;
    il_rng rng;
    double *owned = NULL, tiny[4], *A;
    size_t rows, cols, fan_in, fan_out, i, cells;
    int overflow = 0, raw = fz_u8(in) & 1;
    il_status s;

    if (raw) {
        rows = (size_t)fz_count(in);
        cols = (size_t)fz_count(in);
    } else {
        rows = fz_small(in, 0, MAX_N);
        cols = fz_small(in, 0, MAX_N);
    }
    fan_in = (size_t)fz_count(in);
    fan_out = (size_t)fz_count(in);
    /* a matrix spec is built for the bounded shapes only: with raw ones the
     * call must fail on the sizes before it reads any matrix */
    fuzz_spec(in, &spec, rows <= MAX_N ? rows : 1, cols <= MAX_N ? cols : 1,
              &owned);
    if (fz_check(il_rng_start(&rng, (int)(fz_u8(in) % 3), fz_bits(in)),
                 "il_rng_start") != IL_OK)
        il_rng_seed(&rng, 1);
    cells = fz_mul(fz_mul(rows, cols, &overflow), sizeof(double), &overflow);
    if (overflow) {
        fz_must_fail(il_init_fill(tiny, rows, cols, fan_in, fan_out, &spec, &rng),
                     "il_init_fill", "a matrix whose byte size overflows");
    } else if (cells <= MAX_N * MAX_N * sizeof(double)) {
        cells /= sizeof(double);
        A = malloc((cells ? cells : 1) * sizeof *A);
        if (!A)
            abort();
        s = fz_check(il_init_fill(A, rows, cols, fan_in, fan_out, &spec, &rng),
                     "il_init_fill");
        for (i = 0; s == IL_OK && i < cells; i++)
            if (!isfinite(A[i]))
                FZ_FAIL("il_init_fill (%s) succeeded with A(%zu) = %g",
                        il_init_name(spec.kind), i + 1, A[i]);
        free(A);
    }
    free(owned);
}

/* ---- passes ------------------------------------------------------------------ */

/* How many samples a pass gets: the state's, fewer, none (to be refused),
 * or a raw count whose X cannot exist (its byte size overflows), also to be
 * refused; *must_fail says which. */
static size_t pick_m(fz_in *in, const state *st, int *must_fail)
{
    uint8_t b = fz_u8(in);
    int overflow = 0;
    size_t m;
    *must_fail = 0;
    if (b < 0xe0)
        return b % 2 ? fz_small(in, 1, st->m) : st->m;
    if (b < 0xf0) {
        *must_fail = 1;
        return 0;
    }
    m = (size_t)fz_count(in);
    fz_mul(fz_mul(st->n[0], m, &overflow), sizeof(double), &overflow);
    if (overflow && fz_skip("m_overflow"))
        return st->m;
    if (overflow || m == 0) {
        *must_fail = 1;
        return m;
    }
    return st->m;
}

/* A copy of the state's X (or Y) with a few entries fuzzed. */
static double *batch_copy(fz_in *in, const double *src, size_t len)
{
    double *v = malloc(len * sizeof *v);
    if (!v)
        abort();
    memcpy(v, src, len * sizeof *v);
    if (fz_u8(in) & 1)
        poke(in, v, len);
    return v;
}

static void step_forward(fz_in *in, state *st)
{
    double *X, *out, *Zb[MAX_L] = {0}, *Ab[MAX_L] = {0};
    double *const *Z, *const *A;
    size_t m, l, nL;
    int must_fail;
    unsigned which;
    il_status s;

    if (!st->net)
        return;
    nL = st->n[st->L];
    m = pick_m(in, st, &must_fail);
    X = batch_copy(in, st->X, st->n[0] * st->m);
    which = fz_u8(in);
    which |= (unsigned)fz_u8(in) << 8;
    out = (which & 1) ? NULL : malloc(nL * st->m * sizeof *out);
    for (l = 0; l < st->L; l++) {
        if (which & (2 << l))
            Zb[l] = malloc(st->n[l + 1] * st->m * sizeof(double));
        if (which & (32 << l))
            Ab[l] = malloc(st->n[l + 1] * st->m * sizeof(double));
    }
    Z = (which & 0x2000) ? NULL : Zb;
    A = Ab;
    s = il_forward(st->net, X, m, out, Z, A);
    if (must_fail)
        fz_must_fail(s, "il_forward", "an impossible sample count");
    else
        fz_check(s, "il_forward");
    free(X);
    free(out);
    for (l = 0; l < MAX_L; l++) {
        free(Zb[l]);
        free(Ab[l]);
    }
}

static void step_gradients(fz_in *in, state *st, int evaluate)
{
    double *X, *Y, *dWb[MAX_L] = {0}, *dbb[MAX_L] = {0}, loss, acc;
    size_t m, l;
    int must_fail;
    unsigned which;
    il_status s;

    if (!st->net)
        return;
    m = pick_m(in, st, &must_fail);
    X = batch_copy(in, st->X, st->n[0] * st->m);
    Y = batch_copy(in, st->Y, st->n[st->L] * st->m);
    which = fz_u8(in);
    which |= (unsigned)fz_u8(in) << 8;
    if (evaluate) {
        s = il_evaluate(st->net, X, (which & 1) ? NULL : Y, m,
                        (which & 2) ? NULL : &loss, (which & 4) ? NULL : &acc);
        must_fail |= which & 1;
    } else {
        for (l = 0; l < st->L; l++) {
            if (which & (2 << l))
                dWb[l] = malloc(st->n[l + 1] * st->n[l] * sizeof(double));
            if (which & (32 << l))
                dbb[l] = malloc(st->n[l + 1] * sizeof(double));
        }
        il_penalty pen = {(which & 0x4000) ? 0.5 : 0.0,
                          (which & 0x8000) ? 1e-3 : 0.0};
        s = il_gradients(st->net, X, Y, m, (which & 0xC000) ? &pen : NULL,
                         (which & 1) ? NULL : &loss,
                         (which & 0x2000) ? NULL : dWb, dbb);
    }
    if (must_fail)
        fz_must_fail(s, evaluate ? "il_evaluate" : "il_gradients",
                     "an impossible sample count or no Y");
    else
        fz_check(s, evaluate ? "il_evaluate" : "il_gradients");
    free(X);
    free(Y);
    for (l = 0; l < MAX_L; l++) {
        free(dWb[l]);
        free(dbb[l]);
    }
}

/* ---- recording --------------------------------------------------------------- */

/* Buffers a record_opts points into, freed together. */
typedef struct {
    long iters[8];
    double *pct;
    double *probe;
    fz_stopper stop;
} rec_bufs;

/* What a recording may cost the fuzzer: the caps it passes stay well
 * under libFuzzer's malloc limit, so that a request past them is refused
 * and one the engine lets through anyway shows as an allocation too big. */
#define REC_CAP ((size_t)256 << 20)

static void fuzz_record_opts(fz_in *in, const state *st, il_record_opts *o,
                             rec_bufs *bufs)
{
    uint8_t f = fz_u8(in), g = fz_u8(in);
    size_t i, n;
    il_rng rng;

    memset(bufs, 0, sizeof *bufs);
    il_record_opts_default(o);
    if (f & 0x01) {
        if (g & 0x01) {
            unsigned bits;
            char buf[24];
            if (fz_check(il_record_part_from_name(fz_string(in, buf, sizeof buf),
                                                  &bits),
                         "il_record_part_from_name") == IL_OK)
                o->what = bits;
        } else {
            o->what = (unsigned)fz_u8(in) | (unsigned)(fz_u8(in) & 3) << 8;
            if (g & 0x02)
                o->what |= 1u << (9 + fz_u8(in) % 20); /* an unknown bit */
        }
    }
    if (f & 0x02)
        o->every = (g & 0x04) ? (long)fz_bits(in) : (long)fz_small(in, 0, 8);
    if (f & 0x04) {
        n = fz_small(in, 0, 8);
        for (i = 0; i < n; i++)
            bufs->iters[i] = (g & 0x08) ? (long)fz_count(in)
                                        : (long)fz_small(in, 0, 24) - 2;
        o->iters = (g & 0x10) && n ? NULL : bufs->iters;
        o->n_iters = n;
    }
    if (f & 0x08) {
        /* a short fuzzed list, or a long ascending one */
        n = (g & 0x20) ? fz_small(in, 0, 255) * 16 : fz_small(in, 0, 12);
        bufs->pct = malloc((n ? n : 1) * sizeof *bufs->pct);
        if (!bufs->pct)
            abort();
        il_rng_seed(&rng, n);
        for (i = 0; i < n; i++)
            bufs->pct[i] = (g & 0x20) ? 100.0 * (double)i / (double)n
                                      : fz_double(in);
        o->percentiles = bufs->pct;
        o->n_percentiles = n;
    }
    if (f & 0x10)
        o->hist_bins = (g & 0x40) ? (size_t)fz_count(in) : fz_small(in, 0, 64);
    if (f & 0x20) {
        o->hist_lo = fz_double(in);
        o->hist_hi = fz_double(in);
    }
    if (f & 0x40) {
        o->sat_theta = fz_double(in);
        o->distinct_tol = fz_double(in);
    }
    if (f & 0x80) {
        uint8_t p = fz_u8(in);
        o->probe_m = (p & 1) ? 0 : fz_small(in, 1, MAX_M);
        bufs->probe = normals(st->n[0] * (o->probe_m ? o->probe_m : 1), p, 1.0);
        poke(in, bufs->probe, st->n[0] * (o->probe_m ? o->probe_m : 1));
        o->probe_X = bufs->probe;
    }
    /* max_bytes: from 1 byte to the cap, never the "unlimited" of 0 or
     * anything the fuzzer's own malloc limit would trip on */
    o->max_bytes = 1 + (size_t)(fz_count(in) % REC_CAP);
    if (g & 0x80) {
        bufs->stop.left = (long)fz_small(in, 0, 8);
        o->interrupt = fz_interrupt;
        o->interrupt_ctx = &bufs->stop;
    }
}

static void free_rec_bufs(rec_bufs *b)
{
    free(b->pct);
    free(b->probe);
}

/* a <= b, allowing for rounding (a mean of equal values may land an ulp
 * past them); only finite values are compared, NaN/Inf being legitimate
 * statistics of a network that overflowed. */
static int above(double a, double b)
{
    return isfinite(a) && isfinite(b) &&
           a > b + 1e-9 * (fabs(a) + fabs(b)) + 1e-300;
}

/* The statistics' own definitions: fractions in [0, 1], min <= mean <=
 * max, percentiles ascending between min and max, histogram counts whole
 * and no more than the samples, 1 <= distinct units <= n(l), norms and
 * spreads >= 0. */
static void check_stats(const il_record *rec, const state *st, size_t R)
{
    static const il_stat fractions[] = {IL_STAT_SATURATION, IL_STAT_SAT_LOW,
                                        IL_STAT_SAT_HIGH, IL_STAT_DEAD};
    static const il_stat spreads[] = {IL_STAT_ACT_STD, IL_STAT_GRAD_STD,
                                      IL_STAT_WEIGHT_NORM,
                                      IL_STAT_UPDATE_RATIO};
    const double *mean = il_record_stat(rec, IL_STAT_ACT_MEAN);
    const double *mn = il_record_stat(rec, IL_STAT_ACT_MIN);
    const double *mx = il_record_stat(rec, IL_STAT_ACT_MAX);
    const double *dist = il_record_stat(rec, IL_STAT_DISTINCT);
    const double *v, *acc = il_record_accuracy(rec);
    size_t L = st->L, l, r, i, k, P, bins;
    double lo, hi;

    for (i = 0; i < R && acc; i++)
        if (acc[i] < 0 || acc[i] > 1)
            FZ_FAIL("accuracy(%zu) = %g", i + 1, acc[i]);
    for (k = 0; k < 4; k++)
        if ((v = il_record_stat(rec, fractions[k])))
            for (i = 0; i < L * R; i++)
                if (v[i] < 0 || v[i] > 1)
                    FZ_FAIL("%s(%zu) = %g, not a fraction",
                            il_stat_name(fractions[k]), i + 1, v[i]);
    for (k = 0; k < 4; k++)
        if ((v = il_record_stat(rec, spreads[k])))
            for (i = 0; i < L * R; i++)
                if (v[i] < 0)
                    FZ_FAIL("%s(%zu) = %g < 0", il_stat_name(spreads[k]), i + 1,
                            v[i]);
    for (i = 0; dist && i < L * R; i++)
        if (!(dist[i] >= 1 && dist[i] <= (double)st->n[i % L + 1] &&
              dist[i] == floor(dist[i])))
            FZ_FAIL("distinct(%zu,%zu) = %g in a layer of %zu units",
                    i % L + 1, i / L + 1, dist[i], st->n[i % L + 1]);
    for (i = 0; mean && mn && mx && i < L * R; i++)
        if (above(mn[i], mean[i]) || above(mean[i], mx[i]))
            FZ_FAIL("layer %zu record %zu: min %.17g mean %.17g max %.17g",
                    i % L + 1, i / L + 1, mn[i], mean[i], mx[i]);
    if ((v = il_record_percentiles(rec, &P)))
        for (r = 0; r < R; r++)
            for (l = 0; l < L; l++)
                for (k = 0; k < P; k++) {
                    double x = v[l + L * (k + P * r)];
                    if (k && above(v[l + L * (k - 1 + P * r)], x))
                        FZ_FAIL("layer %zu record %zu: percentile %zu (%g) "
                                "below the one before", l + 1, r + 1, k + 1, x);
                    if (mn && mx && (above(mn[l + L * r], x) ||
                                     above(x, mx[l + L * r])))
                        FZ_FAIL("layer %zu record %zu: percentile %zu = %g "
                                "outside [%g, %g]", l + 1, r + 1, k + 1, x,
                                mn[l + L * r], mx[l + L * r]);
                }
    if ((v = il_record_hist(rec, &bins, &lo, &hi)))
        for (r = 0; r < R; r++)
            for (l = 0; l < L; l++) {
                double sum = 0;
                for (k = 0; k < bins; k++) {
                    double c = v[l + L * (k + bins * r)];
                    if (!(c >= 0 && c == floor(c)))
                        FZ_FAIL("hist count %g", c);
                    sum += c;
                }
                if (sum > (double)(st->n[l + 1] * MAX_M))
                    FZ_FAIL("layer %zu record %zu: %g values in the histogram "
                            "of %zu units and at most %d samples", l + 1, r + 1,
                            sum, st->n[l + 1], MAX_M);
            }
}

/* Reads every number a record's accessors promise, in the shapes
 * initlab.h gives them, so that ASan catches a shorter array. */
static void walk_record(const il_record *rec, const state *st, long T)
{
    size_t R = il_record_count(rec), L = il_record_layers(rec), l, i, k, bins;
    size_t P;
    const long *it = il_record_iters(rec);
    const double *v;
    volatile double sink = 0;
    double lo, hi;
    int s;

    if (L != st->L)
        FZ_FAIL("record has %zu layers, the net %zu", L, st->L);
    if (R == 0)
        FZ_FAIL("a record without entries (iteration 0 is always recorded)");
    for (i = 0; i < R; i++) {
        if (it[i] < 0 || (T >= 0 && it[i] > T))
            FZ_FAIL("recorded iteration %ld outside 0..%ld", it[i], T);
        if (i && it[i] <= it[i - 1])
            FZ_FAIL("recorded iterations not ascending: %ld after %ld", it[i],
                    it[i - 1]);
    }
    if (it[0] != 0)
        FZ_FAIL("first recorded iteration is %ld, not 0", it[0]);
    if ((v = il_record_loss(rec)))
        for (i = 0; i < R; i++)
            sink += v[i];
    if ((v = il_record_accuracy(rec)))
        for (i = 0; i < R; i++)
            sink += v[i];
    for (s = 0; s < IL_STAT_COUNT; s++)
        if ((v = il_record_stat(rec, (il_stat)s)))
            for (i = 0; i < L * R; i++)
                sink += v[i];
    if (il_record_stat(rec, IL_STAT_COUNT))
        FZ_FAIL("il_record_stat answers for IL_STAT_COUNT");
    if ((v = il_record_percentiles(rec, &P)))
        for (i = 0; i < L * P * R; i++)
            sink += v[i];
    if ((v = il_record_hist(rec, &bins, &lo, &hi)))
        for (i = 0; i < L * bins * R; i++)
            sink += v[i];
    for (l = 1; l <= L; l++) {
        if ((v = il_record_W(rec, l)))
            for (k = 0; k < st->n[l] * st->n[l - 1] * R; k++)
                sink += v[k];
        if ((v = il_record_b(rec, l)))
            for (k = 0; k < st->n[l] * R; k++)
                sink += v[k];
    }
    if (il_record_W(rec, 0) || il_record_W(rec, L + 1) || il_record_b(rec, L + 1))
        FZ_FAIL("il_record_W/b answer for a layer the record does not have");
    sink += (double)il_record_bytes(rec);
    (void)sink;
    check_stats(rec, st, R);
}

static void step_stats(fz_in *in, state *st)
{
    il_record_opts o;
    rec_bufs bufs;
    il_record *rec = NULL;
    double *X, *Y;
    size_t m;
    int must_fail;
    uint8_t which;
    il_status s;

    if (!st->net)
        return;
    m = pick_m(in, st, &must_fail);
    fuzz_record_opts(in, st, &o, &bufs);
    X = batch_copy(in, st->X, st->n[0] * st->m);
    Y = batch_copy(in, st->Y, st->n[st->L] * st->m);
    which = fz_u8(in);
    s = il_net_stats(st->net, X, (which & 1) ? NULL : Y, m,
                     (which & 2) ? NULL : &o, (which & 4) ? NULL : &rec);
    if (must_fail || (which & 4))
        fz_must_fail(s, "il_net_stats", "an impossible sample count or no record");
    else
        fz_check(s, "il_net_stats");
    if (s == IL_OK) {
        double loss;
        walk_record(rec, st, 0);
        /* the loss of one batch is one number, however it is asked for */
        if (!(which & 1) && il_record_loss(rec) &&
            fz_check(il_evaluate(st->net, X, Y, m, &loss, NULL),
                     "il_evaluate") == IL_OK &&
            memcmp(&loss, il_record_loss(rec), sizeof loss) &&
            !(isnan(loss) && isnan(il_record_loss(rec)[0])))
            FZ_FAIL("il_net_stats: loss %.17g, il_evaluate %.17g",
                    il_record_loss(rec)[0], loss);
    } else if (rec) {
        FZ_FAIL("il_net_stats failed but left a record");
    }
    il_record_free(rec);
    free_rec_bufs(&bufs);
    free(X);
    free(Y);
}

/* ---- training ------------------------------------------------------------------ */

typedef struct {
    long left;      /* stop training after this many calls */
    long calls;
} hook_ctx;

static int fz_hook(void *ctx, const il_progress *p)
{
    hook_ctx *h = ctx;
    if (!p)
        FZ_FAIL("hook called without progress");
    if (p->iter < 0 || p->iter > p->iters)
        FZ_FAIL("hook called at iteration %ld of %ld", p->iter, p->iters);
    if (p->rec && il_record_count(p->rec) > 0) {
        volatile long last = il_record_iters(p->rec)[il_record_count(p->rec) - 1];
        (void)last;
    }
    h->calls++;
    return h->left-- <= 0;
}

/* What a run that was not interrupted leaves must agree with itself: the
 * record ends at the network returned, and with a full batch final_loss
 * is that network's loss on (X, Y), bit for bit, as il_evaluate and the
 * record's last loss give it. */
static void check_result(const state *st, const double *X, const double *Y,
                         size_t m, const il_train_opts *o,
                         const il_record *rec, const il_train_info *info)
{
    double loss, acc;
    size_t R = rec ? il_record_count(rec) : 0;
    if (R && il_record_iters(rec)[R - 1] != info->iters_done)
        FZ_FAIL("il_train: the record ends at iteration %ld, the network "
                "returned is iteration %ld (stopped %d)",
                il_record_iters(rec)[R - 1], info->iters_done,
                (int)info->stopped);
    if (o->batch != 0 && o->batch < m)
        return;
    if (fz_check(il_evaluate(st->net, X, Y, m, &loss, &acc), "il_evaluate") !=
        IL_OK)
        return;
    if (memcmp(&loss, &info->final_loss, sizeof loss) && !(isnan(loss) &&
                                                          isnan(info->final_loss)))
        FZ_FAIL("il_train: final_loss %.17g, but the network returned has "
                "loss %.17g (stopped %d)", info->final_loss, loss,
                (int)info->stopped);
    if (R && il_record_loss(rec)) {
        double last = il_record_loss(rec)[R - 1];
        if (memcmp(&last, &info->final_loss, sizeof last) &&
            !(isnan(last) && isnan(info->final_loss)))
            FZ_FAIL("il_train: the record's last loss is %.17g, final_loss "
                    "%.17g (stopped %d)", last, info->final_loss,
                    (int)info->stopped);
    }
}

static void step_train(fz_in *in, state *st)
{
    il_train_opts o;
    il_record_opts ro;
    rec_bufs bufs;
    il_record *rec = NULL;
    il_train_info info;
    hook_ctx hook = {0, 0};
    fz_stopper stop = {0, 0};
    double *X, *Y;
    size_t m;
    int must_fail, raw, stoppable;
    uint8_t f = fz_u8(in), g = fz_u8(in);
    char buf[24];
    il_status s;

    if (!st->net)
        return;
    m = pick_m(in, st, &must_fail);
    il_train_opts_default(&o);
    raw = (f & 3) == 3;
    /* Raw iteration counts are given only with a hook that stops the run
     * within MAX_ITERS calls, so that an input stays fast whatever the
     * count; the bounded ones need no hook. */
    if (raw) {
        o.iters = (long)fz_count(in);
        o.epochs = (long)fz_count(in);
        o.batch = (size_t)fz_count(in);
    } else {
        o.iters = (f & 1) ? 0 : (long)fz_small(in, 0, MAX_ITERS);
        o.epochs = (long)fz_small(in, 0, 3);
        o.batch = fz_small(in, 0, st->m + 1);
    }
    if (f & 0x04)
        o.lr = fz_double(in);
    if (f & 0x08) {
        if (g & 1) {
            if (fz_check(il_opt_from_name(fz_string(in, buf, sizeof buf), &o.opt),
                         "il_opt_from_name") != IL_OK)
                o.opt = IL_OPT_SGD;
        } else {
            o.opt = (il_optimizer)(fz_u8(in) % (IL_OPT_COUNT + 1));
        }
    }
    if (f & 0x10) {
        o.momentum = fz_double(in);
        o.beta1 = fz_double(in);
        o.beta2 = fz_double(in);
    }
    if (f & 0x20) {
        o.rho = fz_double(in);
        o.eps = fz_double(in);
        o.l2 = fz_double(in);
    }
    o.shuffle = (g & 2) != 0;
    o.seed = (g & 4) ? fz_bits(in) : fz_u8(in);
    stoppable = raw || (g & 8);
    if (stoppable) {
        /* with an interrupt check as well, long enough for it to be
         * polled (at least every 32 updates) */
        hook.left = (long)fz_small(in, 0, MAX_ITERS) * ((g & 0x10) ? 16 : 1);
        o.hook = fz_hook;
        o.hook_ctx = &hook;
        o.hook_every = raw ? 1 : (long)fz_count(in);
    }
    if (g & 0x10) {
        stop.left = (long)fz_small(in, 0, 3);
        o.interrupt = fz_interrupt;
        o.interrupt_ctx = &stop;
    }
    fuzz_record_opts(in, st, &ro, &bufs);
    X = batch_copy(in, st->X, st->n[0] * st->m);
    Y = batch_copy(in, st->Y, st->n[st->L] * st->m);
    s = il_train(st->net, X, (g & 0x20) ? NULL : Y, m, &o,
                 (f & 0x40) ? NULL : &ro, (f & 0x80) ? NULL : &rec,
                 (g & 0x40) ? NULL : &info);
    if (must_fail || (g & 0x20))
        fz_must_fail(s, "il_train", "an impossible sample count or no Y");
    else
        fz_check(s, "il_train");
    if (s == IL_OK && !(g & 0x40)) {
        if ((unsigned)info.stopped > IL_STOP_INTERRUPT)
            FZ_FAIL("il_train: stopped is %d", (int)info.stopped);
        if (memchr(info.message, '\0', sizeof info.message) == NULL)
            FZ_FAIL("il_train: info.message is not NUL-terminated");
        if (info.iters_done < 0 || (o.iters > 0 && info.iters_done > o.iters))
            FZ_FAIL("il_train: %ld iterations done of %ld", info.iters_done,
                    o.iters);
        if (info.stopped == IL_STOP_HOOK && info.message[0] == '\0')
            FZ_FAIL("il_train: stopped by the hook without a message");
    }
    if (s == IL_OK && rec)
        walk_record(rec, st, -1);
    else if (s != IL_OK && rec)
        FZ_FAIL("il_train failed but left a record");
    if (s == IL_OK && !(g & 0x40) && info.stopped != IL_STOP_INTERRUPT)
        check_result(st, X, Y, m, &o, rec, &info);
    il_record_free(rec);
    free_rec_bufs(&bufs);
    free(X);
    free(Y);
}

/* ---- datasets, onehot, gain, names, rng ----------------------------------------- */

static void step_dataset(fz_in *in)
{
    il_dataset_opts o;
    il_dataset_kind kind;
    fz_stopper stop = {0, 0};
    uint8_t f = fz_u8(in);
    size_t n, cap, need, i, classes;
    double *X, *labels, tiny[4], tiny_l[2];
    int overflow = 0;
    uint64_t seed;
    char buf[24];
    il_status s;

    if (f & 1) {
        if (fz_check(il_dataset_from_name(fz_string(in, buf, sizeof buf), &kind),
                     "il_dataset_from_name") != IL_OK)
            kind = IL_DATA_CIRCLES;
    } else {
        kind = (il_dataset_kind)(fz_u8(in) % (IL_DATA_COUNT + 1));
    }
    n = (f & 2) ? (size_t)fz_count(in) : fz_small(in, 0, 64);
    il_dataset_opts_default(&o, kind);
    if (f & 4)
        o.noise = fz_double(in);
    if (f & 8)
        o.factor = fz_double(in);
    if (f & 16)
        o.classes = (f & 32) ? (size_t)fz_count(in) : fz_small(in, 0, 12);
    if (f & 64)
        o.rng = (int)(fz_u8(in) % 3);
    cap = 1 + (size_t)(fz_count(in) % REC_CAP);
    o.max_bytes = cap;
    if (f & 128) {
        stop.left = (long)fz_small(in, 0, 8);
        o.interrupt = fz_interrupt;
        o.interrupt_ctx = &stop;
    }
    seed = fz_bits(in);
    classes = o.classes;
    /* n labels alone take 8n bytes: past the cap (or past size_t) the call
     * must be refused, and gets buffers too small to hold it */
    need = fz_mul(n, sizeof(double), &overflow);
    if (overflow || need > cap) {
        s = il_dataset(kind, n, &o, seed, tiny, tiny_l);
        fz_must_fail(s, "il_dataset", "more points than max_bytes allows");
        return;
    }
    if (n > 256)
        return; /* a real request, but a slow one for a fuzzer */
    X = malloc((2 * n + 1) * sizeof *X);
    labels = malloc((n + 1) * sizeof *labels);
    if (!X || !labels)
        abort();
    s = fz_check(il_dataset(kind, n, (f & 64) && (f & 32) ? NULL : &o, seed,
                            X, labels),
                 "il_dataset");
    if (s == IL_OK && !((f & 64) && (f & 32))) {
        size_t k = kind == IL_DATA_SPIRALS || kind == IL_DATA_BLOBS ? classes : 2;
        for (i = 0; i < n; i++) {
            if (!isfinite(X[2 * i]) || !isfinite(X[2 * i + 1]))
                FZ_FAIL("il_dataset(%s): point %zu is not finite",
                        il_dataset_name(kind), i + 1);
            if (!(labels[i] >= 0 && labels[i] < (double)k))
                FZ_FAIL("il_dataset(%s): label %g outside 0..%zu",
                        il_dataset_name(kind), labels[i], k - 1);
        }
    }
    free(X);
    free(labels);
}

static void step_onehot(fz_in *in)
{
    uint8_t f = fz_u8(in);
    size_t n = fz_small(in, 0, MAX_M), k, i, cells;
    double labels[MAX_M + 1], *Y, tiny[4];
    int overflow = 0;
    il_status s;

    k = (f & 1) ? (size_t)fz_count(in) : fz_small(in, 0, MAX_N);
    for (i = 0; i < n; i++)
        labels[i] = (f & 2) ? fz_double(in) : (double)(fz_u8(in) % (k ? k : 1));
    cells = fz_mul(fz_mul(n, k, &overflow), sizeof(double), &overflow);
    if (overflow) {
        /* a Y of k x n cannot exist: valid labels make that impossible to
         * honour, bad ones must be refused anyway */
        fz_must_fail(il_onehot(labels, n, k, tiny), "il_onehot",
                     "a k x n whose byte size overflows");
        return;
    }
    if (cells > MAX_M * MAX_N * sizeof(double) * 4)
        return;
    Y = malloc(cells + sizeof(double));
    if (!Y)
        abort();
    s = fz_check(il_onehot((f & 4) ? NULL : labels, n, k, (f & 8) ? NULL : Y),
                 "il_onehot");
    if ((f & 12) && s == IL_OK)
        FZ_FAIL("il_onehot accepted a NULL pointer");
    free(Y);
}

static void step_gain(fz_in *in)
{
    il_act a;
    double g = 0;
    int computed = -1;
    uint8_t f = fz_u8(in);
    il_status s;

    a.kind = (il_act_kind)((int)fz_u8(in) - 8);
    if (f & 1) {
        char buf[24];
        if (fz_check(il_act_from_name(fz_string(in, buf, sizeof buf), &a),
                     "il_act_from_name") != IL_OK)
            a = il_act_make(IL_TANH);
    }
    a.param = (f & 2) ? fz_double(in) : il_act_make(a.kind).param;
    s = fz_check(il_gain(a, (f & 4) ? NULL : &g, (f & 8) ? NULL : &computed),
                 "il_gain");
    if (s == IL_OK) {
        if (f & 4)
            FZ_FAIL("il_gain accepted a NULL result");
        if (!(isfinite(g) && g >= 0))
            FZ_FAIL("il_gain(%d, %g) = %g", (int)a.kind, a.param, g);
    }
}

/* Every name lookup on one string, and every name function on a raw
 * value: no lookup may crash or succeed silently on a miss. */
static void step_names(fz_in *in)
{
    char buf[48];
    const char *name = (fz_u8(in) == 0xff) ? NULL : fz_string(in, buf, sizeof buf);
    int v = (int)fz_u8(in) - 16;
    il_act a;
    il_loss loss;
    il_init_kind ik;
    il_fan_mode fm;
    il_distribution d;
    il_optimizer opt;
    il_dataset_kind dk;
    unsigned bits;
    int kind;
    const char *out[8];
    size_t i;

    fz_check(il_act_from_name(name, &a), "il_act_from_name");
    fz_check(il_loss_from_name(name, &loss), "il_loss_from_name");
    fz_check(il_init_from_name(name, &ik), "il_init_from_name");
    fz_check(il_fan_from_name(name, &fm), "il_fan_from_name");
    fz_check(il_dist_from_name(name, &d), "il_dist_from_name");
    fz_check(il_rng_from_name(name, &kind), "il_rng_from_name");
    fz_check(il_opt_from_name(name, &opt), "il_opt_from_name");
    fz_check(il_dataset_from_name(name, &dk), "il_dataset_from_name");
    fz_check(il_record_part_from_name(name, &bits), "il_record_part_from_name");
    out[0] = il_act_name((il_act_kind)v);
    out[1] = il_loss_name((il_loss)v);
    out[2] = il_init_name((il_init_kind)v);
    out[3] = il_rng_name(v);
    out[4] = il_opt_name((il_optimizer)v);
    out[5] = il_dataset_name((il_dataset_kind)v);
    out[6] = il_stat_name((il_stat)v);
    out[7] = il_status_id((il_status)v);
    for (i = 0; i < 8; i++)
        if (!out[i] || strlen(out[i]) > 200)
            FZ_FAIL("name function %zu of %d gave no name", i, v);
}

static void step_rng(fz_in *in)
{
    il_rng rng;
    int kind = (int)fz_u8(in) % 4 - 1;
    uint64_t seed = fz_count(in), n = fz_count(in), r;
    double u, z;
    size_t i;
    if (fz_check(il_rng_start(&rng, kind, seed), "il_rng_start") != IL_OK) {
        if (kind == IL_RNG_XOSHIRO || (kind == IL_RNG_NUMPY && seed <= UINT32_MAX))
            FZ_FAIL("il_rng_start refused kind %d seed %llu", kind,
                    (unsigned long long)seed);
        return;
    }
    for (i = 0; i < 4; i++) {
        u = il_rng_uniform(&rng);
        z = il_rng_normal(&rng);
        if (!(u >= 0 && u < 1) || !isfinite(z))
            FZ_FAIL("rng gave uniform %g normal %g", u, z);
        if (n) {
            r = il_rng_below(&rng, n);
            if (r >= n)
                FZ_FAIL("il_rng_below(%llu) = %llu", (unsigned long long)n,
                        (unsigned long long)r);
        }
        (void)il_rng_next(&rng);
    }
}

/* The calls that take pointers, given NULL ones: each must say so with a
 * status, never touch them. */
static void step_nulls(fz_in *in, state *st)
{
    il_net *net = NULL;
    size_t sizes[2] = {2, 1};
    il_act act = il_act_make(IL_TANH);
    il_init_spec spec;
    il_rng rng;
    il_record *rec = NULL;
    il_train_opts to;
    double buf[8] = {0}, loss;
    uint8_t which = fz_u8(in) % 12;

    il_init_spec_default(&spec, IL_INIT_NORMAL);
    il_rng_seed(&rng, 1);
    il_train_opts_default(&to);
    to.iters = 1;
    switch (which) {
    case 0: fz_must_fail(il_net_new(NULL, 1, sizes, &act, IL_LOSS_MSE), "il_net_new", "net NULL"); break;
    case 1: fz_must_fail(il_net_new(&net, 1, NULL, &act, IL_LOSS_MSE), "il_net_new", "sizes NULL"); break;
    case 2: fz_must_fail(il_net_new(&net, 1, sizes, NULL, IL_LOSS_MSE), "il_net_new", "acts NULL"); break;
    case 3: fz_must_fail(il_init_fill(NULL, 2, 2, 2, 2, &spec, &rng), "il_init_fill", "A NULL"); break;
    case 4: fz_must_fail(il_init_fill(buf, 2, 2, 2, 2, &spec, NULL), "il_init_fill", "rng NULL"); break;
    case 5: fz_must_fail(il_net_init(st->net, NULL), "il_net_init", "opts NULL"); break;
    case 6: fz_must_fail(il_forward(NULL, buf, 1, buf, NULL, NULL), "il_forward", "net NULL"); break;
    case 7: if (st->net) fz_must_fail(il_forward(st->net, NULL, 1, buf, NULL, NULL), "il_forward", "X NULL"); break;
    case 8: if (st->net) fz_must_fail(il_evaluate(st->net, st->X, NULL, st->m, &loss, NULL), "il_evaluate", "Y NULL"); break;
    case 9: fz_must_fail(il_net_stats(NULL, buf, NULL, 1, NULL, &rec), "il_net_stats", "net NULL"); break;
    case 10: if (st->net) fz_must_fail(il_train(st->net, st->X, st->Y, st->m, NULL, NULL, NULL, NULL), "il_train", "opts NULL"); break;
    default: fz_must_fail(il_train(NULL, buf, buf, 1, &to, NULL, NULL, NULL), "il_train", "net NULL"); break;
    }
    il_net_free(net);
    il_record_free(rec);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fz_in in = {data, size};
    state st;
    int step;

    memset(&st, 0, sizeof st);
    for (step = 0; step < MAX_STEPS && in.n > 0; step++) {
        switch (fz_u8(&in) % 16) {
        case 0: step_net(&in, &st); break;
        case 1: step_net_raw(&in); break;
        case 2: step_init(&in, &st); break;
        case 3: step_fill(&in); break;
        case 4: step_forward(&in, &st); break;
        case 5: step_gradients(&in, &st, 0); break;
        case 6: step_gradients(&in, &st, 1); break;
        case 7: step_stats(&in, &st); break;
        case 8: case 9: step_train(&in, &st); break;
        case 10: step_dataset(&in); break;
        case 11: step_onehot(&in); break;
        case 12: step_gain(&in); break;
        case 13: step_names(&in); break;
        case 14: step_rng(&in); break;
        default:
            if (fz_u8(&in) & 1)
                step_copy_set(&in, &st);
            else
                step_nulls(&in, &st);
            break;
        }
    }
    drop_net(&st);
    return 0;
}
