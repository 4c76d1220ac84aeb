/*
 * test_train.c - training: the seeds' symmetry lesson, optimizers,
 * determinism, recording, and stopping on NaN/Inf or at the caller's word.
 */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "initlab.h"

static il_net *make_net(size_t L, const size_t *sizes, const il_act_kind *kinds,
                        il_loss loss)
{
    il_act acts[8];
    il_net *net = NULL;
    size_t l;
    for (l = 0; l < L; l++)
        acts[l] = il_act_make(kinds[l]);
    if (il_net_new(&net, L, sizes, acts, loss) != IL_OK)
        printf("#   il_net_new: %s\n", il_last_error());
    return net;
}

static void fill_normal(il_net *net, double scale, uint64_t seed)
{
    il_rng rng;
    size_t l, i, L = il_net_layers(net);
    il_rng_seed(&rng, seed);
    for (l = 1; l <= L; l++) {
        size_t n = il_net_size(net, l) * il_net_size(net, l - 1);
        for (i = 0; i < n; i++)
            il_net_W(net, l)[i] = scale * il_rng_normal(&rng);
    }
}

/* Two noisy blobs in 2-D, labels 0/1. */
static void two_blobs(double *X, double *Y, size_t m, uint64_t seed)
{
    il_rng rng;
    size_t j;
    il_rng_seed(&rng, seed);
    for (j = 0; j < m; j++) {
        Y[j] = (double)(j % 2);
        X[2 * j] = (Y[j] ? 1.0 : -1.0) + 0.5 * il_rng_normal(&rng);
        X[2 * j + 1] = (Y[j] ? -0.5 : 0.5) + 0.5 * il_rng_normal(&rng);
    }
}

static int rows_identical(const double *W, size_t n, size_t k)
{
    size_t i, p;
    for (i = 1; i < n; i++)
        for (p = 0; p < k; p++)
            if (W[i + p * n] != W[p * n])
                return 0;
    return 1;
}

/* The seed notebook: W1 = zeros(3,2), b1 = 0, x = [1;2].  Trained for real
 * with back-propagation, the hidden weights move away from zero after the
 * first step yet every row stays identical. */
static void test_zero_init_never_breaks_symmetry(void)
{
    size_t sizes[] = {2, 3, 1};
    il_act_kind kinds[] = {IL_SIGMOID, IL_SIGMOID};
    double x[] = {1, 2}, y[] = {1};
    il_net *net = make_net(2, sizes, kinds, IL_LOSS_BCE);
    il_train_opts o;
    il_record_opts ro;
    il_record *rec = NULL;
    il_train_info info;
    const double *W1, *dist;
    size_t r;

    il_train_opts_default(&o);
    o.iters = 5;
    o.lr = 0.01;
    il_record_opts_default(&ro);
    ro.every = 1;
    ro.what = IL_REC_ALL;
    CHECK_OK(il_train(net, x, y, 1, &o, &ro, &rec, &info));
    CHECK(rec && il_record_count(rec) == 6);
    if (!rec)
        return;
    W1 = il_record_W(rec, 1);
    dist = il_record_stat(rec, IL_STAT_DISTINCT);
    for (r = 0; r < 6; r++) {
        CHECK(il_record_iters(rec)[r] == (long)r);
        CHECK(rows_identical(W1 + 6 * r, 3, 2));
        CHECK(dist[0 + 2 * r] == 1);   /* hidden layer: one unit, 3 copies */
    }
    /* the weights did move: zero is not a fixed point, symmetry is */
    CHECK(il_net_W(net, 1)[0] != 0.0);
    CHECK(il_net_W(net, 1)[3] == 2 * il_net_W(net, 1)[0] ||
          fabs(il_net_W(net, 1)[3] - 2 * il_net_W(net, 1)[0]) < 1e-18);
    il_record_free(rec);

    /* the same with random weights: three distinct units from the start */
    fill_normal(net, 0.01, 42);
    CHECK_OK(il_train(net, x, y, 1, &o, &ro, &rec, &info));
    CHECK(rec && il_record_stat(rec, IL_STAT_DISTINCT)[0] == 3);
    CHECK(rec && il_record_stat(rec, IL_STAT_DISTINCT)[0 + 2 * 5] == 3);
    il_record_free(rec);
    il_net_free(net);
}

/* Three steps of each optimizer on a single linear unit, against the
 * formulas: y = w x + b with x = 1, target 0 and mse, so dL/dw = dL/db =
 * w + b, plus l2 * w on the weight. */
static void test_optimizer_steps(void)
{
    size_t sizes[] = {1, 1};
    il_act_kind kinds[] = {IL_LINEAR};
    double x[] = {1}, y[] = {0}, lr = 0.1, l2 = 0.5;
    il_optimizer opt;
    for (opt = IL_OPT_SGD; opt < IL_OPT_COUNT; opt++) {
        il_net *net = make_net(1, sizes, kinds, IL_LOSS_MSE);
        il_train_opts o;
        double p[2] = {1.0, 0.0}, v[2] = {0, 0}, s[2] = {0, 0}, m1[2] = {0, 0};
        int t, i;
        il_train_opts_default(&o);
        o.opt = opt;
        o.lr = lr;
        o.iters = 3;
        o.l2 = l2;
        il_net_W(net, 1)[0] = 1.0;
        CHECK_OK(il_train(net, x, y, 1, &o, NULL, NULL, NULL));
        for (t = 1; t <= 3; t++) {
            double g[2];
            g[0] = p[0] + p[1] + l2 * p[0];
            g[1] = p[0] + p[1];
            for (i = 0; i < 2; i++) {
                double step;
                switch (opt) {
                case IL_OPT_SGD: step = lr * g[i]; break;
                case IL_OPT_MOMENTUM:
                    v[i] = 0.9 * v[i] + g[i];
                    step = lr * v[i];
                    break;
                case IL_OPT_NESTEROV:
                    v[i] = 0.9 * v[i] + g[i];
                    step = lr * (g[i] + 0.9 * v[i]);
                    break;
                case IL_OPT_RMSPROP:
                    s[i] = 0.9 * s[i] + 0.1 * g[i] * g[i];
                    step = lr * g[i] / (sqrt(s[i]) + 1e-8);
                    break;
                default:
                    m1[i] = 0.9 * m1[i] + 0.1 * g[i];
                    s[i] = 0.999 * s[i] + 0.001 * g[i] * g[i];
                    step = lr * (m1[i] / (1 - pow(0.9, t))) /
                           (sqrt(s[i] / (1 - pow(0.999, t))) + 1e-8);
                    break;
                }
                p[i] -= step;
            }
        }
        if (fabs(il_net_W(net, 1)[0] - p[0]) > 1e-14)
            printf("#   %s: w = %.17g, want %.17g\n", il_opt_name(opt),
                   il_net_W(net, 1)[0], p[0]);
        CHECK_NEAR(il_net_W(net, 1)[0], p[0], 1e-14);
        CHECK_NEAR(il_net_b(net, 1)[0], p[1], 1e-14);
        il_net_free(net);
    }
}

static void test_training_learns(void)
{
    size_t sizes[] = {2, 8, 1}, m = 200;
    il_act_kind kinds[] = {IL_TANH, IL_SIGMOID};
    double X[400], Y[200], loss0, loss1, acc;
    il_optimizer opt;
    two_blobs(X, Y, m, 5);
    for (opt = IL_OPT_SGD; opt < IL_OPT_COUNT; opt++) {
        il_net *net = make_net(2, sizes, kinds, IL_LOSS_BCE);
        il_train_opts o;
        il_train_info info;
        fill_normal(net, 0.5, 9);
        il_evaluate(net, X, Y, m, &loss0, NULL);
        il_train_opts_default(&o);
        o.opt = opt;
        o.lr = opt == IL_OPT_SGD ? 0.5 : opt == IL_OPT_ADAM || opt == IL_OPT_RMSPROP ? 0.01 : 0.1;
        o.iters = 300;
        o.batch = opt == IL_OPT_SGD ? 0 : 32;
        CHECK_OK(il_train(net, X, Y, m, &o, NULL, NULL, &info));
        il_evaluate(net, X, Y, m, &loss1, &acc);
        if (!(loss1 < 0.5 * loss0 && acc > 0.9))
            printf("#   %s: loss %g -> %g, accuracy %g\n", il_opt_name(opt),
                   loss0, loss1, acc);
        CHECK(loss1 < 0.5 * loss0);
        CHECK(acc > 0.9);
        CHECK(info.iters_done == 300 && info.stopped == IL_STOP_NONE);
        il_net_free(net);
    }
}

static il_status run_recorded(il_net *net, const double *X, const double *Y,
                              size_t m, long iters, il_record **rec)
{
    il_train_opts o;
    il_record_opts ro;
    il_train_info info;
    il_train_opts_default(&o);
    o.iters = iters;
    o.batch = 16;
    o.opt = IL_OPT_ADAM;
    o.lr = 0.01;
    o.seed = 77;
    il_record_opts_default(&ro);
    ro.every = 5;
    ro.what = IL_REC_ALL;
    return il_train(net, X, Y, m, &o, rec ? &ro : NULL, rec, &info);
}

/* Same seeds, same everything -> byte-identical weights and records. */
static void test_determinism(void)
{
    size_t sizes[] = {2, 6, 5, 1}, m = 100, l, s;
    il_act_kind kinds[] = {IL_RELU, IL_TANH, IL_SIGMOID};
    double X[200], Y[100];
    il_net *a = make_net(3, sizes, kinds, IL_LOSS_BCE), *b;
    il_record *ra = NULL, *rb = NULL;
    two_blobs(X, Y, m, 3);
    fill_normal(a, 0.7, 1);
    CHECK_OK(il_net_copy(a, &b));
    CHECK_OK(run_recorded(a, X, Y, m, 60, &ra));
    CHECK_OK(run_recorded(b, X, Y, m, 60, &rb));
    if (!ra || !rb)
        return;
    CHECK(il_record_count(ra) == 13 && il_record_count(rb) == 13);
    for (l = 1; l <= 3; l++) {
        size_t n = sizes[l] * sizes[l - 1];
        CHECK(memcmp(il_net_W(a, l), il_net_W(b, l), n * sizeof(double)) == 0);
        CHECK(memcmp(il_record_W(ra, l), il_record_W(rb, l),
                     13 * n * sizeof(double)) == 0);
    }
    CHECK(memcmp(il_record_loss(ra), il_record_loss(rb), 13 * sizeof(double)) == 0);
    for (s = 0; s < IL_STAT_COUNT; s++) {
        const double *x = il_record_stat(ra, (il_stat)s), *y = il_record_stat(rb, (il_stat)s);
        CHECK(x && y && memcmp(x, y, 3 * 13 * sizeof(double)) == 0);
    }
    il_record_free(ra);
    il_record_free(rb);
    il_net_free(a);
    il_net_free(b);
}

/* The snapshot recorded at iteration k equals the weights of a run stopped
 * after k iterations, and its loss is the loss of those weights. */
static void test_snapshot_equals_shorter_run(void)
{
    size_t sizes[] = {2, 6, 5, 1}, m = 100, l;
    il_act_kind kinds[] = {IL_ELU, IL_SOFTPLUS, IL_SIGMOID};
    double X[200], Y[100];
    il_net *full = make_net(3, sizes, kinds, IL_LOSS_BCE), *part;
    il_record *rec = NULL;
    two_blobs(X, Y, m, 4);
    fill_normal(full, 0.7, 2);
    CHECK_OK(il_net_copy(full, &part));
    CHECK_OK(run_recorded(full, X, Y, m, 40, &rec));
    CHECK_OK(run_recorded(part, X, Y, m, 25, NULL));
    if (!rec)
        return;
    CHECK(il_record_iters(rec)[5] == 25);
    for (l = 1; l <= 3; l++) {
        size_t n = sizes[l] * sizes[l - 1];
        CHECK(memcmp(il_record_W(rec, l) + 5 * n, il_net_W(part, l),
                     n * sizeof(double)) == 0);
        CHECK(memcmp(il_record_b(rec, l) + 5 * sizes[l], il_net_b(part, l),
                     sizes[l] * sizeof(double)) == 0);
        /* the last entry is the returned net */
        CHECK(memcmp(il_record_W(rec, l) + 8 * n, il_net_W(full, l),
                     n * sizeof(double)) == 0);
    }
    il_record_free(rec);
    il_net_free(full);
    il_net_free(part);
}

static void test_full_batch_record_loss(void)
{
    size_t sizes[] = {2, 4, 1}, m = 50, r;
    il_act_kind kinds[] = {IL_TANH, IL_SIGMOID};
    double X[100], Y[50];
    il_net *net = make_net(2, sizes, kinds, IL_LOSS_BCE), *replay;
    il_train_opts o;
    il_record_opts ro;
    il_record *rec = NULL;
    long extra[] = {3, 7, 99};
    two_blobs(X, Y, m, 8);
    fill_normal(net, 0.5, 3);
    CHECK_OK(il_net_copy(net, &replay));
    il_train_opts_default(&o);
    o.iters = 25;
    o.lr = 0.3;
    il_record_opts_default(&ro);
    ro.every = 10;
    ro.iters = extra;
    ro.n_iters = 3;
    ro.what = IL_REC_LOSS | IL_REC_WEIGHTS;
    CHECK_OK(il_train(net, X, Y, m, &o, &ro, &rec, NULL));
    if (!rec)
        return;
    /* 0, every 10, the listed ones within the run, and the last */
    CHECK(il_record_count(rec) == 6);
    {
        long want[] = {0, 3, 7, 10, 20, 25};
        for (r = 0; r < 6; r++)
            CHECK(il_record_iters(rec)[r] == want[r]);
    }
    CHECK(il_record_stat(rec, IL_STAT_ACT_MEAN) == NULL);
    for (r = 0; r < 6; r++) {
        double loss, acc;
        CHECK_OK(il_net_set_layer(replay, 1, il_record_W(rec, 1) + 8 * r, 4, 2,
                                  il_record_b(rec, 1) + 4 * r, 4));
        CHECK_OK(il_net_set_layer(replay, 2, il_record_W(rec, 2) + 4 * r, 1, 4,
                                  il_record_b(rec, 2) + r, 1));
        CHECK_OK(il_evaluate(replay, X, Y, m, &loss, &acc));
        CHECK(loss == il_record_loss(rec)[r]);
        CHECK(acc == il_record_accuracy(rec)[r]);
    }
    il_record_free(rec);
    il_net_free(net);
    il_net_free(replay);
}

static void test_nonfinite_stop(void)
{
    /* a linear net with a huge learning rate diverges to Inf */
    size_t sizes[] = {2, 3, 1}, m = 20, l, r, i;
    il_act_kind kinds[] = {IL_LINEAR, IL_LINEAR};
    double X[40], Y[20];
    il_net *net = make_net(2, sizes, kinds, IL_LOSS_MSE);
    il_train_opts o;
    il_record_opts ro;
    il_record *rec = NULL;
    il_train_info info;
    two_blobs(X, Y, m, 1);
    fill_normal(net, 1.0, 5);
    il_train_opts_default(&o);
    o.iters = 10000;
    o.lr = 50;
    il_record_opts_default(&ro);
    ro.every = 1;
    ro.what = IL_REC_ALL;
    CHECK_OK(il_train(net, X, Y, m, &o, &ro, &rec, &info));
    CHECK(info.stopped == IL_STOP_NONFINITE);
    CHECK(info.stop_iter > 0 && info.stop_iter < 10000);
    CHECK(info.stop_layer >= 1 && info.stop_layer <= 2);
    CHECK(strstr(info.message, "not finite") != NULL);
    if (!rec)
        return;
    /* recorded up to where it stopped, and what it recorded is finite */
    CHECK(il_record_iters(rec)[il_record_count(rec) - 1] == info.stop_iter);
    for (l = 1; l <= 2; l++)
        for (r = 0; r < il_record_count(rec); r++)
            for (i = 0; i < sizes[l] * sizes[l - 1]; i++)
                CHECK(isfinite(il_record_W(rec, l)[r * sizes[l] * sizes[l - 1] + i]));
    il_record_free(rec);
    il_net_free(net);
}

static int stop_at_50(void *ctx, const il_progress *p)
{
    long *calls = ctx;
    (*calls)++;
    CHECK(p->iters == 1000 && isfinite(p->loss));
    CHECK(p->rec && il_record_count(p->rec) == 1); /* iteration 0 so far */
    return p->iter >= 50;
}

static void test_hook_stops(void)
{
    size_t sizes[] = {2, 4, 1}, m = 30;
    il_act_kind kinds[] = {IL_RELU, IL_SIGMOID};
    double X[60], Y[30];
    il_net *net = make_net(2, sizes, kinds, IL_LOSS_BCE);
    il_train_opts o;
    il_record_opts ro;
    il_record *rec = NULL;
    il_train_info info;
    long calls = 0;
    two_blobs(X, Y, m, 2);
    fill_normal(net, 0.5, 5);
    il_train_opts_default(&o);
    o.iters = 1000;
    o.hook = stop_at_50;
    o.hook_ctx = &calls;
    o.hook_every = 10;
    il_record_opts_default(&ro);
    ro.every = 100;
    CHECK_OK(il_train(net, X, Y, m, &o, &ro, &rec, &info));
    CHECK(info.stopped == IL_STOP_HOOK && info.iters_done == 50);
    CHECK(calls == 6); /* iterations 0, 10, ..., 50 */
    CHECK(rec && il_record_count(rec) == 2 && il_record_iters(rec)[1] == 50);
    il_record_free(rec);
    il_net_free(net);
}

/* Activation statistics from a probe batch: those of the probe, not of the
 * training batch; loss and gradients still from the training batch. */
static void test_probe_batch(void)
{
    size_t sizes[] = {2, 5, 1}, m = 40, probe_m = 7;
    il_act_kind kinds[] = {IL_TANH, IL_SIGMOID};
    double X[80], Y[40], P[14];
    il_net *net = make_net(2, sizes, kinds, IL_LOSS_BCE);
    il_train_opts o;
    il_record_opts ro;
    il_record *rec = NULL, *on_probe = NULL, *on_train = NULL;
    size_t s, j;
    two_blobs(X, Y, m, 6);
    for (j = 0; j < 14; j++)
        P[j] = 3.0 * sin((double)j);
    fill_normal(net, 0.8, 5);
    CHECK_OK(il_net_stats(net, P, NULL, probe_m, NULL, &on_probe));
    CHECK_OK(il_net_stats(net, X, Y, m, NULL, &on_train));
    il_train_opts_default(&o);
    o.iters = 3;
    il_record_opts_default(&ro);
    ro.probe_X = P;
    ro.probe_m = probe_m;
    CHECK_OK(il_train(net, X, Y, m, &o, &ro, &rec, NULL));
    if (!rec || !on_probe || !on_train)
        return;
    for (s = IL_STAT_ACT_MEAN; s <= IL_STAT_DEAD; s++)
        for (j = 0; j < 2; j++)
            CHECK_NEAR(il_record_stat(rec, (il_stat)s)[j],
                       il_record_stat(on_probe, (il_stat)s)[j], 0);
    CHECK(il_record_stat(rec, IL_STAT_ACT_MEAN)[0] !=
          il_record_stat(on_train, IL_STAT_ACT_MEAN)[0]);
    CHECK(il_record_loss(rec)[0] == il_record_loss(on_train)[0]);
    CHECK(il_record_stat(rec, IL_STAT_GRAD_STD)[0] ==
          il_record_stat(on_train, IL_STAT_GRAD_STD)[0]);
    CHECK(isnan(il_record_loss(on_probe)[0])); /* no targets, no loss */
    il_record_free(rec);
    il_record_free(on_probe);
    il_record_free(on_train);
    il_net_free(net);
}

/* Histograms and percentiles are L x k x R: entry (l, i, r) at
 * l + L (i + k r).  Each layer's counts add up to its units x samples, and
 * its percentiles rise. */
static void test_hist_and_percentile_layout(void)
{
    size_t sizes[] = {2, 7, 3, 1}, m = 40, L = 3, bins = 6, l, i, r;
    il_act_kind kinds[] = {IL_TANH, IL_TANH, IL_SIGMOID};
    double X[80], Y[40];
    il_net *net = make_net(3, sizes, kinds, IL_LOSS_BCE);
    il_train_opts o;
    il_record_opts ro;
    il_record *rec = NULL;
    size_t got_bins, n_p;
    double lo, hi;
    const double *hist, *pct;
    two_blobs(X, Y, m, 3);
    fill_normal(net, 0.8, 2);
    il_train_opts_default(&o);
    o.iters = 2;
    il_record_opts_default(&ro);
    ro.what = IL_REC_HIST | IL_REC_PERCENTILES;
    ro.hist_bins = bins;
    ro.every = 1;
    CHECK_OK(il_train(net, X, Y, m, &o, &ro, &rec, NULL));
    if (!rec)
        return;
    hist = il_record_hist(rec, &got_bins, &lo, &hi);
    pct = il_record_percentiles(rec, &n_p);
    CHECK(got_bins == bins && n_p >= 2);
    for (r = 0; r < il_record_count(rec); r++)
        for (l = 0; l < L; l++) {
            double total = 0;
            for (i = 0; i < bins; i++)
                total += hist[l + L * (i + bins * r)];
            CHECK_NEAR(total, (double)(sizes[l + 1] * m), 0);
            for (i = 1; i < n_p; i++)
                CHECK(pct[l + L * (i + n_p * r)] >= pct[l + L * (i - 1 + n_p * r)]);
        }
    il_record_free(rec);
    il_net_free(net);
}

static void test_memory_cap(void)
{
    size_t sizes[] = {2, 100, 1}, m = 10;
    il_act_kind kinds[] = {IL_RELU, IL_SIGMOID};
    double X[20], Y[10], before;
    il_net *net = make_net(2, sizes, kinds, IL_LOSS_BCE);
    il_train_opts o;
    il_record_opts ro;
    il_record *rec = NULL;
    two_blobs(X, Y, m, 2);
    fill_normal(net, 0.5, 5);
    before = il_net_W(net, 1)[0];
    il_train_opts_default(&o);
    o.iters = 1000;
    il_record_opts_default(&ro);
    ro.every = 1;
    ro.what = IL_REC_WEIGHTS;
    ro.max_bytes = 1000000; /* 1001 snapshots of 401 doubles need 3.2 MB */
    CHECK_FAILS(il_train(net, X, Y, m, &o, &ro, &rec, NULL), IL_ETOOBIG,
                "recording 1001 iterations needs 3.2 MB, more than the cap of 1.0 MB");
    CHECK(rec == NULL);
    CHECK(il_net_W(net, 1)[0] == before); /* refused before training */
    il_net_free(net);
}

static void test_epochs_and_errors(void)
{
    size_t sizes[] = {2, 3, 1}, m = 10;
    il_act_kind kinds[] = {IL_RELU, IL_SIGMOID};
    double X[20], Y[10];
    il_net *net = make_net(2, sizes, kinds, IL_LOSS_BCE);
    il_train_opts o;
    il_train_info info;
    il_optimizer opt;
    two_blobs(X, Y, m, 2);
    il_train_opts_default(&o);
    o.iters = 0;
    o.epochs = 3;
    o.batch = 4; /* 3 batches an epoch: 4, 4, 2 */
    CHECK_OK(il_train(net, X, Y, m, &o, NULL, NULL, &info));
    CHECK(info.iters_done == 9);
    o.lr = -1;
    CHECK_FAILS(il_train(net, X, Y, m, &o, NULL, NULL, &info), IL_EBADVALUE,
                "lr must be finite and >= 0, got -1");
    o.lr = 0.1;
    o.momentum = 1.5;
    CHECK_FAILS(il_train(net, X, Y, m, &o, NULL, NULL, &info), IL_EBADVALUE,
                "momentum must be in [0, 1)");
    o.momentum = 0.9;
    o.threads = -1;
    CHECK_FAILS(il_train(net, X, Y, m, &o, NULL, NULL, &info), IL_EBADVALUE,
                "threads must be in 0..64 (0: as many as the BLAS uses), got -1");
    o.threads = IL_MAX_THREADS + 1;
    CHECK_FAILS(il_train(net, X, Y, m, &o, NULL, NULL, &info), IL_EBADVALUE,
                "threads must be in 0..64 (0: as many as the BLAS uses), got 65");
    o.threads = 0;
    CHECK_FAILS(il_opt_from_name("adamw", &opt), IL_EBADNAME,
                "unknown optimizer 'adamw'; expected one of: sgd, momentum");
    CHECK_FAILS(il_train(net, X, NULL, m, &o, NULL, NULL, &info), IL_EBADARG,
                "Y must not be NULL");
    il_net_free(net);
}

/* lambda is weight decay lambda/m (the same steps, bit for bit, as l2 =
 * lambda/m); the record's penalty is lambda/(2m) sum W^2 of each entry's
 * weights and cost = loss + penalty; a validation set's loss at the last
 * entry is what il_evaluate gives on it. */
static void test_lambda_and_validation(void)
{
    size_t sizes[] = {2, 6, 1}, m = 40, mv = 15, l, r, R;
    il_act_kind kinds[] = {IL_TANH, IL_SIGMOID};
    il_net *a = make_net(2, sizes, kinds, IL_LOSS_BCE), *b = NULL;
    il_train_opts o;
    il_record_opts ro;
    il_record *rec = NULL, *rec2 = NULL;
    il_train_info info;
    double X[80], Y[40], Xv[30], Yv[15], loss, acc;
    if (!a)
        return;
    two_blobs(X, Y, m, 3);
    two_blobs(Xv, Yv, mv, 4);
    fill_normal(a, 0.5, 9);
    CHECK_OK(il_net_copy(a, &b));
    il_train_opts_default(&o);
    o.iters = 30;
    o.lr = 0.5;
    o.lambda = 2.0;
    il_record_opts_default(&ro);
    ro.what = IL_REC_LOSS | IL_REC_WEIGHTS;
    ro.every = 10;
    ro.val_X = Xv;
    ro.val_Y = Yv;
    ro.val_m = mv;
    CHECK_OK(il_train(a, X, Y, m, &o, &ro, &rec, &info));
    o.lambda = 0;
    o.l2 = 2.0 / 40;
    ro.val_X = NULL;
    CHECK_OK(il_train(b, X, Y, m, &o, &ro, &rec2, &info));
    CHECK(memcmp(il_net_cW(a, 1), il_net_cW(b, 1), 12 * sizeof(double)) == 0);
    R = il_record_count(rec);
    CHECK(R == 4 && il_record_val_loss(rec) && !il_record_val_loss(rec2));
    for (r = 0; rec && r < R; r++) {
        double ss = 0;
        for (l = 1; l <= 2; l++) {
            size_t n = sizes[l] * sizes[l - 1], i;
            const double *W = il_record_W(rec, l) + n * r;
            for (i = 0; i < n; i++)
                ss += W[i] * W[i];
        }
        CHECK_NEAR(il_record_penalty(rec)[r], 2.0 / (2 * 40) * ss, 1e-14);
        CHECK(il_record_cost(rec)[r] ==
              il_record_loss(rec)[r] + il_record_penalty(rec)[r]);
        /* l2 alone is the same penalty, as l2/2 sum W^2 */
        CHECK_NEAR(il_record_penalty(rec2)[r], il_record_penalty(rec)[r], 1e-15);
    }
    CHECK_OK(il_evaluate(a, Xv, Yv, mv, &loss, &acc));
    CHECK(rec && il_record_val_loss(rec)[R - 1] == loss &&
          il_record_val_accuracy(rec)[R - 1] == acc);
    /* a validation set is checked as a batch is */
    Yv[2] = 2;
    ro.val_X = Xv;
    il_record_free(rec);
    rec = NULL;
    CHECK_FAILS(il_train(a, X, Y, m, &o, &ro, &rec, &info), IL_EBADVALUE,
                "validation: Y must be in [0, 1]");
    o.lambda = -1;
    CHECK_FAILS(il_train(a, X, Y, m, &o, NULL, NULL, &info), IL_EBADVALUE,
                "lambda");
    il_record_free(rec);
    il_record_free(rec2);
    il_net_free(a);
    il_net_free(b);
}

/* A run on layers large enough to be split across threads (every task of
 * src/threads.c: the batch copy, the bias fill and sums, the activations
 * and slopes, the update) gives the same bits with 1, 2 and 3 threads:
 * weights, losses and every recorded statistic, through mini-batches
 * with a short last one, recorded and unrecorded iterations. */
static void test_threads_same_bits(void)
{
    size_t sizes[] = {300, 300, 300, 3}, m = 600, n0 = 300, i, l, s, t;
    il_act_kind kinds[] = {IL_TANH, IL_TANH, IL_SOFTMAX};
    double *X = malloc(n0 * m * sizeof *X), *Y = calloc(3 * m, sizeof *Y);
    il_net *start = make_net(3, sizes, kinds, IL_LOSS_SCE), *net[3] = {0};
    il_record *rec[3] = {0};
    il_rng rng;
    if (!X || !Y || !start) {
        CHECK(0);
        free(X);
        free(Y);
        il_net_free(start);
        return;
    }
    il_rng_seed(&rng, 12);
    for (i = 0; i < n0 * m; i++)
        X[i] = il_rng_uniform(&rng) - 0.5;
    for (i = 0; i < m; i++)
        Y[3 * i + il_rng_below(&rng, 3)] = 1.0;
    fill_normal(start, 0.08, 4);
    for (t = 0; t < 3; t++) {
        il_train_opts o;
        il_record_opts ro;
        il_train_opts_default(&o);
        o.iters = 7;
        o.batch = 256;
        o.opt = IL_OPT_ADAM;
        o.lr = 0.003;
        o.l2 = 1e-3;
        o.seed = 5;
        o.threads = (int)t + 1;
        il_record_opts_default(&ro);
        ro.every = 3;
        ro.what = IL_REC_ALL;
        CHECK_OK(il_net_copy(start, &net[t]));
        if (net[t])
            CHECK_OK(il_train(net[t], X, Y, m, &o, &ro, &rec[t], NULL));
    }
    for (t = 1; t < 3; t++) {
        if (!net[t] || !rec[t] || !rec[0])
            break;
        for (l = 1; l <= 3; l++) {
            size_t n = sizes[l] * sizes[l - 1];
            CHECK(memcmp(il_net_W(net[0], l), il_net_W(net[t], l),
                         n * sizeof(double)) == 0);
            CHECK(memcmp(il_net_b(net[0], l), il_net_b(net[t], l),
                         sizes[l] * sizeof(double)) == 0);
        }
        CHECK(il_record_count(rec[t]) == il_record_count(rec[0]));
        CHECK(memcmp(il_record_loss(rec[0]), il_record_loss(rec[t]),
                     il_record_count(rec[0]) * sizeof(double)) == 0);
        for (s = 0; s < IL_STAT_COUNT; s++) {
            const double *x = il_record_stat(rec[0], (il_stat)s),
                         *y = il_record_stat(rec[t], (il_stat)s);
            CHECK((!x && !y) ||
                  (x && y && memcmp(x, y, 3 * il_record_count(rec[0]) *
                                              sizeof(double)) == 0));
        }
    }
    for (t = 0; t < 3; t++) {
        il_record_free(rec[t]);
        il_net_free(net[t]);
    }
    il_net_free(start);
    free(X);
    free(Y);
}

int main(void)
{
    RUN(test_zero_init_never_breaks_symmetry);
    RUN(test_optimizer_steps);
    RUN(test_training_learns);
    RUN(test_determinism);
    RUN(test_snapshot_equals_shorter_run);
    RUN(test_full_batch_record_loss);
    RUN(test_nonfinite_stop);
    RUN(test_hook_stops);
    RUN(test_probe_batch);
    RUN(test_hist_and_percentile_layout);
    RUN(test_memory_cap);
    RUN(test_epochs_and_errors);
    RUN(test_lambda_and_validation);
    RUN(test_threads_same_bits);
    return check_finish(__FILE__);
}
