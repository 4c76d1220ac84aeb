/*
 * test_limits.c - what a caller's numbers cannot do to the engine: sizes
 * and counts that would overflow, requests past the memory cap, Ctrl-C in
 * every long call, and finite options that give non-finite values.  One
 * test per defect of issue 8 (items 4, 5, 9); each must fail on the code
 * before the fix (a crash, a hang, a wrong status or a silent result).
 */
#define _POSIX_C_SOURCE 200809L /* sysconf, to check the default cap */

#include <float.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "internal.h" /* il_record_schedule, to check it alone */

static double seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static il_net *make_net(size_t L, const size_t *sizes, il_act_kind hidden,
                        il_act_kind out, il_loss loss)
{
    il_act acts[70];
    il_net *net = NULL;
    size_t l;
    for (l = 0; l < L; l++)
        acts[l] = il_act_make(l + 1 < L ? hidden : out);
    if (il_net_new(&net, L, sizes, acts, loss) != IL_OK)
        printf("#   il_net_new: %s\n", il_last_error());
    return net;
}

/* An interrupt check that says stop on its n-th call, counting calls. */
typedef struct {
    long calls, stop_at;
} countdown;

static int stop_on_call(void *ctx)
{
    countdown *c = ctx;
    return ++c->calls >= c->stop_at;
}

/* Equal, Inf included, or both NaN. */
static int same(double a, double b)
{
    return a == b || (isnan(a) && isnan(b));
}

static void fill_points(double *X, double *Y, size_t m, uint64_t seed)
{
    il_rng rng;
    size_t j;
    il_rng_seed(&rng, seed);
    for (j = 0; j < m; j++) {
        Y[j] = (double)(j % 2);
        X[2 * j] = (Y[j] ? 1.0 : -1.0) + 0.5 * il_rng_normal(&rng);
        X[2 * j + 1] = 0.5 * il_rng_normal(&rng);
    }
}

static void test_status_ids(void)
{
    CHECK(strcmp(il_status_id(IL_EBADOPTION), "initlab:badOption") == 0);
    CHECK(strcmp(il_status_id(IL_EINTERRUPTED), "initlab:interrupted") == 0);
    CHECK(strcmp(il_status_id(IL_ETOOBIG), "initlab:tooBig") == 0);
}

/* Half the physical memory, and what the option structs start with. */
static void test_default_cap(void)
{
    long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGESIZE);
    il_record_opts ro;
    il_dataset_opts d;
    CHECK(pages > 0 && page > 0);
    CHECK(il_default_max_bytes() == (size_t)pages * (size_t)page / 2);
    il_record_opts_default(&ro);
    CHECK(ro.max_bytes == il_default_max_bytes());
    CHECK(ro.interrupt == NULL && ro.interrupt_ctx == NULL);
    il_dataset_opts_default(&d, IL_DATA_SPIRALS);
    CHECK(d.max_bytes == il_default_max_bytes());
    CHECK(d.interrupt == NULL && d.interrupt_ctx == NULL);
}

/* il.net{2^62, 4}:init("identity") overran the heap: 2^62 x 4 weights
 * wrapped to 0.  Every such size is refused before anything is allocated. */
static void test_huge_layer_sizes(void)
{
    size_t huge = (size_t)1 << 62, big = (size_t)INT_MAX;
    size_t s1[] = {huge, 4}, s2[] = {4, huge}, s3[] = {(size_t)1 << 32, (size_t)1 << 32};
    size_t s4[] = {big, big, big}, s5[] = {2, big + 1, 1};
    il_act acts[] = {il_act_make(IL_LINEAR), il_act_make(IL_LINEAR)};
    il_net *net = (il_net *)&net; /* not NULL: a failure must clear it */
    double A[4];
    il_init_spec spec;
    il_rng rng;

    CHECK_FAILS(il_net_new(&net, 1, s1, acts, IL_LOSS_MSE), IL_EBADSIZE,
                "sizes(1) must be at most 2147483647, got 4611686018427387904");
    CHECK(net == NULL);
    CHECK_FAILS(il_net_new(&net, 1, s2, acts, IL_LOSS_MSE), IL_EBADSIZE,
                "sizes(2) must be at most 2147483647");
    CHECK_FAILS(il_net_new(&net, 1, s3, acts, IL_LOSS_MSE), IL_EBADSIZE,
                "sizes(1) must be at most");
    CHECK_FAILS(il_net_new(&net, 1, s5 + 1, acts, IL_LOSS_MSE), IL_EBADSIZE,
                "sizes(1) must be at most");
    /* each size fits BLAS, their product does not fit in memory */
    CHECK_FAILS(il_net_new(&net, 2, s4, acts, IL_LOSS_MSE), IL_EBADSIZE,
                "more parameters than memory can hold (at layer 1: 2147483647 "
                "x 2147483647 weights)");
    CHECK(net == NULL);

    /* il_init_fill alone: a matrix whose size wraps is no caller's array */
    il_rng_seed(&rng, 1);
    il_init_spec_default(&spec, IL_INIT_IDENTITY);
    CHECK_FAILS(il_init_fill(A, huge, 4, 1, 1, &spec, &rng), IL_EBADSIZE,
                "is more than memory can hold");
    CHECK_FAILS(il_init_fill(A, (size_t)1 << 61, 1, 1, 1, &spec, &rng),
                IL_EBADSIZE, "more than memory can hold");
    CHECK_OK(il_init_fill(A, 2, 2, 2, 2, &spec, &rng));
    CHECK(A[0] == 1 && A[1] == 0 && A[2] == 0 && A[3] == 1);
}

/* A sample count no array can have is refused before X is read (under
 * ASan, reading past these 8 values would abort). */
static void test_huge_batches(void)
{
    size_t sizes[] = {2, 3, 1};
    il_net *net = make_net(2, sizes, IL_TANH, IL_SIGMOID, IL_LOSS_BCE);
    double X[8] = {0}, Y[4] = {0}, out[4];
    il_train_opts o;
    il_record_opts ro;
    il_record *rec = NULL;
    if (!net)
        return;
    CHECK_FAILS(il_forward(net, X, (size_t)INT_MAX, out, NULL, NULL),
                IL_EBADSIZE, "X has 2147483647 columns; a batch has at most "
                "2147483640 samples");
    CHECK_FAILS(il_net_stats(net, X, Y, SIZE_MAX / 2, NULL, &rec), IL_EBADSIZE,
                "a batch has at most");
    il_train_opts_default(&o);
    o.iters = 1;
    CHECK_FAILS(il_train(net, X, Y, SIZE_MAX, &o, NULL, NULL, NULL),
                IL_EBADSIZE, "a batch has at most");
    il_record_opts_default(&ro);
    ro.probe_X = X;
    ro.probe_m = SIZE_MAX / 4;
    CHECK_FAILS(il_train(net, X, Y, 4, &o, &ro, &rec, NULL), IL_EBADSIZE,
                "a batch of 4611686018427387903 samples is more than BLAS can "
                "take");
    CHECK(rec == NULL);
    il_net_free(net);
}

/* epochs 9e15 x 100000 batches wrapped around: a crash on 1e5 samples, 0
 * iterations on 2000. */
static void test_epochs_overflow(void)
{
    size_t sizes[] = {2, 3, 1}, m = 100000;
    il_net *net = make_net(2, sizes, IL_TANH, IL_SIGMOID, IL_LOSS_BCE);
    double *X = malloc(2 * m * sizeof *X), *Y = malloc(m * sizeof *Y), w0;
    il_train_opts o;
    il_train_info info;
    countdown c = {0, 3};
    if (!net || !X || !Y)
        return;
    fill_points(X, Y, m, 1);
    CHECK_OK(il_net_init_default(net, 1));
    w0 = il_net_W(net, 1)[0];
    il_train_opts_default(&o);
    o.iters = 0;
    o.epochs = 9000000000000000L;
    o.batch = 1;
    CHECK_FAILS(il_train(net, X, Y, m, &o, NULL, NULL, &info), IL_EBADVALUE,
                "epochs 9000000000000000 of 100000 batches each (batch 1 of "
                "100000 samples) make more than 2^53 iterations");
    CHECK_FAILS(il_train(net, X, Y, 2000, &o, NULL, NULL, &info), IL_EBADVALUE,
                "epochs 9000000000000000 of 2000 batches each");
    CHECK(info.iters_done == 0 && il_net_W(net, 1)[0] == w0);

    /* 2^53 updates is the most a record numbers exactly: one epoch more is
     * refused, the longest run that fits is accepted and Ctrl-C ends it */
    o.epochs = 9007199254740992L / 2000 + 1;
    CHECK_FAILS(il_train(net, X, Y, 2000, &o, NULL, NULL, &info), IL_EBADVALUE,
                "more than 2^53 iterations");
    o.iters = 9007199254740993L;
    CHECK_FAILS(il_train(net, X, Y, 2000, &o, NULL, NULL, &info), IL_EBADVALUE,
                "iters must be at most 2^53");
    o.iters = 0;
    o.epochs = 9007199254740992L / 2000;
    o.interrupt = stop_on_call;
    o.interrupt_ctx = &c;
    CHECK_OK(il_train(net, X, Y, 2000, &o, NULL, NULL, &info));
    CHECK(info.stopped == IL_STOP_INTERRUPT && c.calls == 3);
    CHECK(info.iters_done > 0 && info.iters_done <= 150);
    free(X);
    free(Y);
    il_net_free(net);
}

/* The schedule's size and its t += every loop wrapped: 'epochs', 2^50,
 * 'batch', 1, 'record_every', 1 crashed, a huge record_every corrupted the
 * heap. */
static void test_schedule_overflow(void)
{
    il_record_opts ro;
    long *iters = NULL, list[] = {5, LONG_MAX, 3, 5, 0, 4, 12};
    size_t count = 0;
    double start;

    il_record_opts_default(&ro);
    ro.every = 1;
    start = seconds();
    CHECK_FAILS(il_record_schedule(&ro, 1L << 50, &iters, &count), IL_ETOOBIG,
                "a record schedule of 1125899906842625 iterations needs");
    CHECK_FAILS(il_record_schedule(&ro, 1L << 50, &iters, &count), IL_ETOOBIG,
                "(max_bytes); use a larger record_every or fewer record_iters");
    CHECK_FAILS(il_record_schedule_count(&ro, 1L << 50, &count), IL_ETOOBIG,
                "record_every");
    /* no cap: still counted, then an allocation that fails cleanly; past
     * what a size_t counts, too big whatever the cap */
    ro.max_bytes = SIZE_MAX;
#ifndef __SANITIZE_ADDRESS__ /* whose malloc aborts past 1 TB, by design */
    CHECK_FAILS(il_record_schedule(&ro, 1L << 50, &iters, &count), IL_ENOMEM,
                "out of memory for a record schedule");
#endif
    CHECK_FAILS(il_record_schedule(&ro, LONG_MAX, &iters, &count), IL_ETOOBIG,
                "a record schedule of 9223372036854775808 iterations needs");
    CHECK(seconds() - start < 1.0); /* counted, never looped over */

    /* every past half of T: the next multiple would wrap around */
    il_record_opts_default(&ro);
    ro.every = LONG_MAX / 2 + 1;
    CHECK_OK(il_record_schedule(&ro, LONG_MAX, &iters, &count));
    CHECK(count == 3 && iters && iters[0] == 0 && iters[1] == LONG_MAX / 2 + 1 &&
          iters[2] == LONG_MAX);
    free(iters);
    iters = NULL;
    ro.every = LONG_MAX;
    CHECK_OK(il_record_schedule(&ro, LONG_MAX, &iters, &count));
    CHECK(count == 2 && iters && iters[0] == 0 && iters[1] == LONG_MAX);
    free(iters);
    iters = NULL;
    CHECK_OK(il_record_schedule(&ro, 1L << 50, &iters, &count));
    CHECK(count == 2 && iters && iters[1] == 1L << 50);
    free(iters);
    iters = NULL;

    /* listed iterations: merged, repeats and those past T dropped, and the
     * count matches what is built */
    ro.every = 4;
    ro.iters = list;
    ro.n_iters = sizeof list / sizeof list[0];
    CHECK_OK(il_record_schedule_count(&ro, 10, &count));
    CHECK(count == 6);
    CHECK_OK(il_record_schedule(&ro, 10, &iters, &count));
    if (iters && count == 6) {
        long want[] = {0, 3, 4, 5, 8, 10};
        size_t i;
        for (i = 0; i < 6; i++)
            CHECK(iters[i] == want[i]);
    }
    free(iters);
    /* a list too long for the cap is refused before it is copied */
    ro.max_bytes = 16;
    CHECK_FAILS(il_record_schedule(&ro, 10, &iters, &count), IL_ETOOBIG,
                "fewer record_iters");
}

/* The same through il_train, which must refuse before training: the net
 * is untouched. */
static void test_schedule_overflow_in_training(void)
{
    size_t sizes[] = {2, 3, 1};
    il_net *net = make_net(2, sizes, IL_TANH, IL_SIGMOID, IL_LOSS_BCE);
    double X[2] = {0.5, -0.5}, Y[1] = {1}, w0;
    il_train_opts o;
    il_record_opts ro;
    il_record *rec = NULL;
    il_train_info info;
    countdown c = {0, 1};
    if (!net)
        return;
    CHECK_OK(il_net_init_default(net, 2));
    w0 = il_net_W(net, 1)[0];
    il_train_opts_default(&o);
    o.iters = 0;
    o.epochs = 1L << 50;
    o.batch = 1;
    il_record_opts_default(&ro);
    ro.every = 1;
    CHECK_FAILS(il_train(net, X, Y, 1, &o, &ro, &rec, &info), IL_ETOOBIG,
                "record_every");
    CHECK(rec == NULL && il_net_W(net, 1)[0] == w0);

    /* record_every LONG_MAX: 0 and T planned; Ctrl-C at its first look
     * keeps 0 and the state reached */
    ro.every = LONG_MAX;
    o.interrupt = stop_on_call;
    o.interrupt_ctx = &c;
    CHECK_OK(il_train(net, X, Y, 1, &o, &ro, &rec, &info));
    CHECK(info.stopped == IL_STOP_INTERRUPT && c.calls == 1);
    CHECK(info.iters_done > 0 && info.iters_done <= 50);
    CHECK(rec && il_record_count(rec) == 2 && il_record_iters(rec)[0] == 0 &&
          il_record_iters(rec)[1] == info.iters_done);
    il_record_free(rec);
    il_net_free(net);
}

/* net:stats(X, Y, {hist_bins = 1e9}) got the process killed: now refused
 * by the default cap, naming hist_bins. */
static void test_hist_bins_cap(void)
{
    /* enough layers that 1e9 bins each pass half of any machine's memory
     * this runs on (8 GB a layer) */
    size_t L = il_default_max_bytes() / 8000000000u + 2, sizes[70], l, m = 4;
    il_net *net, *two;
    double X[8] = {1, 2, 3, 4, 5, 6, 7, 8}, Y[4] = {0, 1, 0, 1};
    double *levels;
    il_record_opts ro;
    il_record *rec = (il_record *)&rec;
    size_t two_sizes[] = {2, 3, 1};
    double start = seconds();

    CHECK(L < 68);
    if (L >= 68)
        return;
    for (l = 0; l <= L; l++)
        sizes[l] = l == 0 ? 2 : 1;
    net = make_net(L, sizes, IL_TANH, IL_SIGMOID, IL_LOSS_BCE);
    two = make_net(2, two_sizes, IL_TANH, IL_SIGMOID, IL_LOSS_BCE);
    if (!net || !two)
        return;
    il_record_opts_default(&ro);
    ro.hist_bins = 1000000000;
    CHECK_FAILS(il_net_stats(net, X, Y, m, &ro, &rec), IL_ETOOBIG,
                "more than the cap of");
    CHECK_FAILS(il_net_stats(net, X, Y, m, &ro, &rec), IL_ETOOBIG,
                "(max_bytes); use fewer hist_bins (1000000000 per layer)");
    CHECK(rec == NULL);
    ro.max_bytes = 0; /* the default cap too */
    CHECK_FAILS(il_net_stats(net, X, Y, m, &ro, &rec), IL_ETOOBIG, "hist_bins");
    /* a product past SIZE_MAX is refused, not wrapped */
    ro.hist_bins = SIZE_MAX / 2;
    CHECK_FAILS(il_net_stats(two, X, Y, m, &ro, &rec), IL_ETOOBIG, "hist_bins");
    CHECK(seconds() - start < 1.0);
    /* bins not asked for are not allocated */
    ro.what &= ~(unsigned)IL_REC_HIST;
    CHECK_OK(il_net_stats(two, X, Y, m, &ro, &rec));
    il_record_free(rec);
    rec = NULL;

    /* an explicit cap, and the option that takes the most named */
    il_record_opts_default(&ro);
    ro.max_bytes = 1000000;
    ro.hist_bins = 100000; /* 2 layers x 0.8 MB, counted in place */
    CHECK_FAILS(il_net_stats(two, X, Y, m, &ro, &rec), IL_ETOOBIG,
                "the statistics record of 2 layers needs 1.6 MB, more than the "
                "cap of 1.0 MB (max_bytes); use fewer hist_bins (100000 per "
                "layer)");
    ro.hist_bins = 50;
    levels = malloc(100000 * sizeof *levels);
    for (l = 0; levels && l < 100000; l++)
        levels[l] = 50;
    ro.percentiles = levels;
    ro.n_percentiles = 100000;
    CHECK_FAILS(il_net_stats(two, X, Y, m, &ro, &rec), IL_ETOOBIG,
                "ask for fewer percentiles (100000 per layer)");
    ro.max_bytes = 3000000;
    CHECK_OK(il_net_stats(two, X, Y, m, &ro, &rec));
    il_record_free(rec);
    free(levels);
    il_net_free(net);
    il_net_free(two);
}

/* il_dataset('spirals', 10, 'classes', 1e15) hung, deaf to Ctrl-C; n had
 * no cap. */
static void test_dataset_limits(void)
{
    static double X[2 * 100], labels[100];
    il_dataset_opts o;
    double start = seconds();
    il_dataset_opts_default(&o, IL_DATA_SPIRALS);
    o.classes = 1000000000000000u;
    CHECK_FAILS(il_dataset(IL_DATA_SPIRALS, 10, &o, 1, X, labels), IL_EBADVALUE,
                "spirals: classes must be at most 1000000, got 1000000000000000");
    CHECK_FAILS(il_dataset_check(IL_DATA_BLOBS, 10, &o), IL_EBADVALUE,
                "blobs: classes must be at most 1000000");
    CHECK(seconds() - start < 1.0);
    o.classes = 1000000; /* the most: fine, and quick */
    CHECK_OK(il_dataset(IL_DATA_SPIRALS, 10, &o, 1, X, labels));
    CHECK(labels[9] == 9);

    /* n past the default cap: refused before X is needed */
    CHECK_FAILS(il_dataset_check(IL_DATA_CIRCLES, (size_t)1 << 40, NULL),
                IL_ETOOBIG, "circles: 1099511627776 points (X, labels and 1 x n "
                "targets) needs 35184372.1 MB, more than the cap of");
    CHECK_FAILS(il_dataset_check(IL_DATA_CIRCLES, (size_t)1 << 40, NULL),
                IL_ETOOBIG, "(max_bytes); ask for fewer points (n)");
    CHECK_FAILS(il_dataset_check(IL_DATA_XOR, SIZE_MAX, NULL), IL_ETOOBIG,
                "ask for fewer points (n)");
    /* an explicit cap: X, labels and the one-hot targets, exactly */
    o.classes = 5;
    o.max_bytes = 100 * 8 * 8 - 1;
    CHECK_FAILS(il_dataset(IL_DATA_SPIRALS, 100, &o, 1, X, labels), IL_ETOOBIG,
                "spirals: 100 points (X, labels and 5 x n targets) needs 6400 bytes, more than the cap of 6399 bytes");
    o.max_bytes = 100 * 8 * 8;
    CHECK_OK(il_dataset(IL_DATA_SPIRALS, 100, &o, 1, X, labels));
    il_dataset_opts_default(&o, IL_DATA_MOONS);
    o.max_bytes = 100 * 4 * 8 - 1;
    CHECK_FAILS(il_dataset(IL_DATA_MOONS, 100, &o, 1, X, labels), IL_ETOOBIG,
                "moons: 100 points");
    o.max_bytes = 0; /* the default */
    CHECK_OK(il_dataset(IL_DATA_MOONS, 100, &o, 1, X, labels));
}

/* Ctrl-C in each long call: an orthogonal 3000x3000 init returned 77 s
 * after it.  Here a 2000x2000 one (some 20 s of QR) must stop at the
 * check's 20th call, which only the QR's own polling reaches, and leave
 * the net as it was. */
static void test_interrupt_init(void)
{
    size_t sizes[] = {2000, 2000}, n = 2000 * 2001;
    il_net *net = make_net(1, sizes, IL_LINEAR, IL_LINEAR, IL_LOSS_MSE);
    il_init_spec w;
    il_init_opts o;
    countdown c = {0, 20};
    double *before = malloc(n * sizeof *before), start;
    if (!net || !before)
        return;
    CHECK_OK(il_net_init_default(net, 3));
    memcpy(before, il_net_W(net, 1), n * sizeof *before);
    il_init_spec_default(&w, IL_INIT_ORTHOGONAL);
    il_init_opts_default(&o);
    o.weights = &w;
    o.interrupt = stop_on_call;
    o.interrupt_ctx = &c;
    start = seconds();
    CHECK_FAILS(il_net_init(net, &o), IL_EINTERRUPTED, "interrupted (Ctrl-C)");
    CHECK(strcmp(il_last_error(), "interrupted (Ctrl-C)") == 0);
    CHECK(c.calls == 20);
    CHECK(seconds() - start < 5.0);
    CHECK(memcmp(before, il_net_W(net, 1), n * sizeof *before) == 0);

    /* entry by entry too: he_normal of the same layer (4e6 draws) */
    il_init_spec_default(&w, IL_INIT_HE_NORMAL);
    c.calls = 0;
    c.stop_at = 2;
    CHECK_FAILS(il_net_init(net, &o), IL_EINTERRUPTED, "interrupted (Ctrl-C)");
    CHECK(c.calls == 2);
    CHECK(memcmp(before, il_net_W(net, 1), n * sizeof *before) == 0);
    /* a check that never says stop changes nothing: the same bits */
    {
        il_net *plain = make_net(1, sizes, IL_LINEAR, IL_LINEAR, IL_LOSS_MSE);
        il_init_opts p = o;
        c.calls = 0;
        c.stop_at = LONG_MAX;
        p.interrupt = NULL;
        CHECK_OK(il_net_init(net, &o));
        CHECK(c.calls > 2);
        if (plain) {
            CHECK_OK(il_net_init(plain, &p));
            CHECK(memcmp(il_net_W(plain, 1), il_net_W(net, 1),
                         n * sizeof(double)) == 0);
        }
        il_net_free(plain);
    }
    free(before);
    il_net_free(net);
}

/* LSUV looks at every trial: a small net is stopped at its first. */
static void test_interrupt_lsuv(void)
{
    size_t sizes[] = {2, 8, 1}, m = 50;
    il_net *net = make_net(2, sizes, IL_TANH, IL_SIGMOID, IL_LOSS_BCE);
    double X[100], Y[50], w0;
    il_init_spec w;
    il_init_opts o;
    int trials[2] = {-1, -1};
    countdown c = {0, 1};
    if (!net)
        return;
    fill_points(X, Y, m, 4);
    CHECK_OK(il_net_init_default(net, 3));
    w0 = il_net_W(net, 1)[0];
    il_init_spec_default(&w, IL_INIT_LSUV);
    il_init_opts_default(&o);
    o.weights = &w;
    o.X = X;
    o.m = m;
    o.lsuv_trials = trials;
    o.interrupt = stop_on_call;
    o.interrupt_ctx = &c;
    CHECK_FAILS(il_net_init(net, &o), IL_EINTERRUPTED, "interrupted (Ctrl-C)");
    CHECK(c.calls == 1 && trials[0] == -1 && il_net_W(net, 1)[0] == w0);
    c.stop_at = 3; /* a trial or two in */
    c.calls = 0;
    CHECK_FAILS(il_net_init(net, &o), IL_EINTERRUPTED, "interrupted (Ctrl-C)");
    CHECK(c.calls == 3 && il_net_W(net, 1)[0] == w0);
    il_net_free(net);
}

static void test_interrupt_dataset(void)
{
    static double X[2 * 300000], labels[300000];
    il_dataset_kind k;
    countdown c;
    il_dataset_opts o;
    for (k = IL_DATA_CIRCLES; k < IL_DATA_COUNT; k++) {
        il_dataset_opts_default(&o, k);
        c.calls = 0;
        c.stop_at = 1;
        o.interrupt = stop_on_call;
        o.interrupt_ctx = &c;
        CHECK_FAILS(il_dataset(k, 10, &o, 1, X, labels), IL_EINTERRUPTED,
                    "interrupted (Ctrl-C)");
        CHECK(c.calls == 1);
        /* a large set is looked at as it goes, and gives the same points */
        c.calls = 0;
        c.stop_at = LONG_MAX;
        CHECK_OK(il_dataset(k, 300000, &o, 1, X, labels));
        CHECK(c.calls >= 4);
        {
            static double X2[2 * 300000], labels2[300000];
            il_dataset_opts p = o;
            p.interrupt = NULL;
            CHECK_OK(il_dataset(k, 300000, &p, 1, X2, labels2));
            CHECK(memcmp(X, X2, sizeof X) == 0);
            CHECK(memcmp(labels, labels2, sizeof labels) == 0);
        }
        /* stopped part way */
        c.calls = 0;
        c.stop_at = 3;
        CHECK_FAILS(il_dataset(k, 300000, &o, 1, X, labels), IL_EINTERRUPTED,
                    "interrupted (Ctrl-C)");
    }
}

/* Statistics over a batch of 2000 samples through 1000 units (2e6 values
 * a layer): looked at before the passes and layer by layer. */
static void test_interrupt_stats(void)
{
    size_t sizes[] = {2, 1000, 1}, m = 2000;
    il_net *net = make_net(2, sizes, IL_TANH, IL_SIGMOID, IL_LOSS_BCE);
    double *X = malloc(2 * m * sizeof *X), *Y = malloc(m * sizeof *Y);
    il_record_opts ro;
    il_record *rec = (il_record *)&rec, *plain = NULL;
    countdown c = {0, 1};
    long stop;
    if (!net || !X || !Y)
        return;
    fill_points(X, Y, m, 5);
    CHECK_OK(il_net_init_default(net, 2));
    il_record_opts_default(&ro);
    ro.interrupt = stop_on_call;
    ro.interrupt_ctx = &c;
    CHECK_FAILS(il_net_stats(net, X, Y, m, &ro, &rec), IL_EINTERRUPTED,
                "interrupted (Ctrl-C)");
    CHECK(rec == NULL && c.calls == 1);
    /* every place it looks stops it; past the last, the same record as
     * without the check */
    for (stop = 2; stop <= 6; stop++) {
        c.calls = 0;
        c.stop_at = stop;
        if (il_net_stats(net, X, Y, m, &ro, &rec) == IL_OK) {
            CHECK(stop > 2);
            break;
        }
        CHECK(rec == NULL && c.calls == stop);
    }
    CHECK(rec != NULL && rec != (il_record *)&rec);
    ro.interrupt = NULL;
    CHECK_OK(il_net_stats(net, X, Y, m, &ro, &plain));
    if (rec && plain) {
        CHECK(il_record_loss(rec)[0] == il_record_loss(plain)[0]);
        CHECK(memcmp(il_record_percentiles(rec, NULL),
                     il_record_percentiles(plain, NULL),
                     2 * 5 * sizeof(double)) == 0);
    }
    il_record_free(rec);
    il_record_free(plain);
    free(X);
    free(Y);
    il_net_free(net);
}

/* Training: an interrupt is a recorded stop, like the hook's, and the net
 * is exactly the one a run of that many iterations gives. */
static void test_interrupt_train(void)
{
    size_t sizes[] = {2, 6, 1}, m = 40, r;
    il_net *net = make_net(2, sizes, IL_TANH, IL_SIGMOID, IL_LOSS_BCE);
    il_net *replay = make_net(2, sizes, IL_TANH, IL_SIGMOID, IL_LOSS_BCE);
    double X[80], Y[40], loss;
    il_train_opts o;
    il_record_opts ro;
    il_record *rec = NULL;
    il_train_info info;
    countdown c = {0, 3};
    if (!net || !replay)
        return;
    fill_points(X, Y, m, 6);
    CHECK_OK(il_net_init_default(net, 7));
    CHECK_OK(il_net_init_default(replay, 7));
    il_train_opts_default(&o);
    o.iters = 100000;
    o.lr = 0.1;
    o.interrupt = stop_on_call;
    o.interrupt_ctx = &c;
    il_record_opts_default(&ro);
    ro.every = 10;
    ro.what = IL_REC_ALL;
    CHECK_OK(il_train(net, X, Y, m, &o, &ro, &rec, &info));
    CHECK(info.stopped == IL_STOP_INTERRUPT && c.calls == 3);
    CHECK(strstr(info.message, "training interrupted (Ctrl-C)") != NULL);
    /* at least every ~50 iterations */
    CHECK(info.iters_done >= 2 && info.iters_done <= 150);
    CHECK(info.stop_iter == info.iters_done);
    if (!rec)
        return;
    /* what was recorded is kept, and ends with the state reached */
    CHECK(il_record_count(rec) >= 2);
    CHECK(il_record_iters(rec)[il_record_count(rec) - 1] == info.iters_done);
    for (r = 1; r + 1 < il_record_count(rec); r++)
        CHECK(il_record_iters(rec)[r] == (long)(10 * r));
    o.iters = info.iters_done;
    o.interrupt = NULL;
    CHECK_OK(il_train(replay, X, Y, m, &o, NULL, NULL, NULL));
    CHECK(memcmp(il_net_W(net, 1), il_net_W(replay, 1), 12 * sizeof(double)) == 0);
    CHECK(memcmp(il_net_W(net, 2), il_net_W(replay, 2), 6 * sizeof(double)) == 0);
    CHECK_OK(il_evaluate(net, X, Y, m, &loss, NULL));
    CHECK(loss == info.final_loss);
    CHECK(il_record_loss(rec)[il_record_count(rec) - 1] == info.final_loss);
    il_record_free(rec);
    il_net_free(net);
    il_net_free(replay);
}

/* il_init(net, 'xavier_normal', 'gain', 1e200) returned Inf weights. */
static void test_nonfinite_init(void)
{
    size_t sizes[] = {3, 4, 1};
    il_net *net = make_net(2, sizes, IL_TANH, IL_SIGMOID, IL_LOSS_BCE);
    il_init_spec w, b;
    il_init_opts o;
    il_rng rng;
    double before[12], A[12];
    size_t i;
    if (!net)
        return;
    CHECK_OK(il_net_init_default(net, 1));
    memcpy(before, il_net_W(net, 1), sizeof before);
    il_init_opts_default(&o);
    o.weights = &w;

    il_init_spec_default(&w, IL_INIT_XAVIER_NORMAL);
    w.gain = 1e200;
    CHECK_FAILS(il_net_init(net, &o), IL_EBADVALUE,
                "layer 1: xavier_normal with gain 1e+200 gives weights that are "
                "not finite");
    CHECK(memcmp(before, il_net_W(net, 1), sizeof before) == 0);
    w.gain = 1e150; /* gain^2 1e300: fine */
    CHECK_OK(il_net_init(net, &o));
    CHECK(il_net_W(net, 1)[0] != before[0] && isfinite(il_net_W(net, 1)[0]));

    il_init_spec_default(&w, IL_INIT_SCALED_NORMAL);
    w.scale = 1e308;
    CHECK_FAILS(il_net_init(net, &o), IL_EBADVALUE,
                "layer 1: scaled_normal with scale 1e+308 gives weights that are "
                "not finite");
    il_init_spec_default(&w, IL_INIT_HE_UNIFORM);
    w.gain = 1e300;
    CHECK_FAILS(il_net_init(net, &o), IL_EBADVALUE,
                "he_uniform with gain 1e+300 and slope 0 gives weights");
    il_init_spec_default(&w, IL_INIT_CONSTANT);
    w.value = 1e308; /* finite options, finite values */
    CHECK_OK(il_net_init(net, &o));
    CHECK(il_net_W(net, 1)[0] == 1e308);

    /* biases say so too */
    il_init_spec_default(&w, IL_INIT_ZEROS);
    il_init_spec_default(&b, IL_INIT_NORMAL);
    b.mean = DBL_MAX;
    b.std = 1e308;
    o.biases = &b;
    CHECK_FAILS(il_net_init(net, &o), IL_EBADVALUE,
                "layer 1 bias: normal with mean 1.79769e+308 and std 1e+308 "
                "gives biases that are not finite");
    CHECK(il_net_W(net, 1)[0] == 1e308); /* left as it was */

    /* il_init_fill alone */
    il_rng_seed(&rng, 1);
    il_init_spec_default(&w, IL_INIT_TRUNCATED_NORMAL);
    w.std = 1e308;
    w.mean = 1e308;
    CHECK_FAILS(il_init_fill(A, 3, 4, 3, 4, &w, &rng), IL_EBADVALUE,
                "truncated_normal with mean 1e+308 and std 1e+308 gives values "
                "that are not finite");
    w.mean = 0;
    w.std = 1e300;
    CHECK_OK(il_init_fill(A, 3, 4, 3, 4, &w, &rng));
    for (i = 0; i < 12; i++)
        CHECK(isfinite(A[i]));
    il_net_free(net);
}

/* An update that overflowed left no record of where it stopped and a stale
 * final_loss.  Now: stop_iter is the update's iteration, the network and
 * the record's last entry are the state after it, and final_loss is that
 * network's loss. */
static void test_overflow_stop(void)
{
    size_t sizes[] = {2, 3, 1}, m = 20, r, i;
    il_net *net = make_net(2, sizes, IL_LINEAR, IL_LINEAR, IL_LOSS_MSE);
    double X[40], Y[20], loss;
    il_train_opts o;
    il_record_opts ro;
    il_record *rec = NULL;
    il_train_info info;
    int any_nonfinite = 0;
    if (!net)
        return;
    fill_points(X, Y, m, 2);
    for (i = 0; i < m; i++)
        Y[i] = 100.0; /* far from the start: gradients of tens */
    CHECK_OK(il_net_init_default(net, 3));
    il_train_opts_default(&o);
    o.iters = 50;
    o.lr = 1e308; /* finite, and a step of lr x 10 is not */
    o.hook_every = 1;
    il_record_opts_default(&ro);
    ro.every = 1;
    ro.what = IL_REC_ALL;
    CHECK_OK(il_train(net, X, Y, m, &o, &ro, &rec, &info));
    CHECK(info.stopped == IL_STOP_NONFINITE);
    CHECK(info.stop_iter == 0 && info.iters_done == 1);
    CHECK(info.stop_layer >= 1 && info.stop_layer <= 2);
    CHECK(strstr(info.message, "the update of layer") != NULL);
    CHECK(strstr(info.message, "the network returned is iteration 1") != NULL);
    for (i = 0; i < 6; i++)
        any_nonfinite |= !isfinite(il_net_W(net, 1)[i]);
    for (i = 0; i < 3; i++)
        any_nonfinite |= !isfinite(il_net_W(net, 2)[i]);
    CHECK(any_nonfinite);
    /* final_loss is the returned net's, whatever it is */
    CHECK_OK(il_evaluate(net, X, Y, m, &loss, NULL));
    CHECK(same(loss, info.final_loss));
    CHECK(!isfinite(info.final_loss));
    if (!rec)
        return;
    r = il_record_count(rec);
    CHECK(r == 2 && il_record_iters(rec)[0] == 0 && il_record_iters(rec)[1] == 1);
    if (r == 2) {
        CHECK(same(il_record_loss(rec)[1], info.final_loss));
        CHECK(isfinite(il_record_loss(rec)[0]));
        for (i = 0; i < 6; i++) {
            CHECK(isfinite(il_record_W(rec, 1)[i]));
            CHECK(same(il_record_W(rec, 1)[6 + i], il_net_W(net, 1)[i]));
        }
    }
    il_record_free(rec);

    /* the gradient case keeps its meaning: the network stays at t, and a
     * stale loss from the last hook is not reported */
    CHECK_OK(il_net_init_default(net, 3));
    o.lr = 1e154;
    o.iters = 1000;
    CHECK_OK(il_train(net, X, Y, m, &o, NULL, NULL, &info));
    CHECK(info.stopped == IL_STOP_NONFINITE);
    CHECK_OK(il_evaluate(net, X, Y, m, &loss, NULL));
    CHECK(same(loss, info.final_loss));
    il_net_free(net);
}

int main(void)
{
    RUN(test_status_ids);
    RUN(test_default_cap);
    RUN(test_huge_layer_sizes);
    RUN(test_huge_batches);
    RUN(test_epochs_overflow);
    RUN(test_schedule_overflow);
    RUN(test_schedule_overflow_in_training);
    RUN(test_hist_bins_cap);
    RUN(test_dataset_limits);
    RUN(test_interrupt_init);
    RUN(test_interrupt_lsuv);
    RUN(test_interrupt_dataset);
    RUN(test_interrupt_stats);
    RUN(test_interrupt_train);
    RUN(test_nonfinite_init);
    RUN(test_overflow_stop);
    return check_finish(__FILE__);
}
