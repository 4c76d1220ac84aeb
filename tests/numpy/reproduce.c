/*
 * reproduce.c - the engine's side of tests/numpy/run.sh: the same commands
 * as coursework.py, answered with the numpy stream (rng = IL_RNG_NUMPY), in
 * the same format (%.17g, one record per line), so that the two outputs
 * can be compared number for number.
 *
 *   data KIND N NOISE SEED   points x1 y1 x2 y2 ..., then labels
 *   randn SEED COUNT         the first COUNT normals
 *   init KIND                W1 b1 W2 b2 W3 b3 of [2 10 5 1], column-major
 *   train KIND ITERS         costs every 1000 iterations; train and test
 *                            accuracies
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "initlab.h"

static void fail_on(il_status s)
{
    if (s != IL_OK) {
        fprintf(stderr, "%s: %s\n", il_status_id(s), il_last_error());
        exit(1);
    }
}

static void show(const double *x, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        printf(i ? " %.17g" : "%.17g", x[i]);
    printf("\n");
}

static void data(il_dataset_kind kind, size_t n, double noise, uint64_t seed,
                 double *X, double *labels)
{
    il_dataset_opts o;
    il_dataset_opts_default(&o, kind);
    o.noise = noise;
    o.rng = IL_RNG_NUMPY;
    fail_on(il_dataset(kind, n, &o, seed, X, labels));
}

/* The assignment's three starts: zeros, randn * 10, randn * sqrt(2/n_in). */
static il_net *coursework_net(const char *kind)
{
    size_t sizes[] = {2, 10, 5, 1};
    il_act acts[] = {il_act_make(IL_RELU), il_act_make(IL_RELU),
                     il_act_make(IL_SIGMOID)};
    il_init_spec w;
    il_init_opts o;
    il_net *net;
    fail_on(il_net_new(&net, 3, sizes, acts, IL_LOSS_BCE));
    il_init_spec_default(&w, !strcmp(kind, "zeros")    ? IL_INIT_ZEROS
                             : !strcmp(kind, "random") ? IL_INIT_SCALED_NORMAL
                                                       : IL_INIT_HE_NORMAL);
    w.scale = 10;
    il_init_opts_default(&o);
    o.weights = &w;
    o.seed = 3;
    o.rng = IL_RNG_NUMPY;
    fail_on(il_net_init(net, &o));
    return net;
}

int main(int argc, char **argv)
{
    if (argc == 6 && !strcmp(argv[1], "data")) {
        il_dataset_kind kind;
        size_t n = (size_t)atol(argv[3]);
        double *X = malloc(2 * n * sizeof *X), *labels = malloc(n * sizeof *labels);
        fail_on(il_dataset_from_name(argv[2], &kind));
        data(kind, n, atof(argv[4]), (uint64_t)atol(argv[5]), X, labels);
        show(X, 2 * n);
        show(labels, n);
        free(X);
        free(labels);
    } else if (argc == 4 && !strcmp(argv[1], "randn")) {
        il_rng rng;
        size_t n = (size_t)atol(argv[3]), i;
        double *x = malloc(n * sizeof *x);
        il_rng_seed_numpy(&rng, (uint32_t)atol(argv[2]));
        for (i = 0; i < n; i++)
            x[i] = il_rng_normal(&rng);
        show(x, n);
        free(x);
    } else if (argc == 3 && !strcmp(argv[1], "init")) {
        il_net *net = coursework_net(argv[2]);
        size_t l;
        for (l = 1; l <= 3; l++) {
            show(il_net_cW(net, l), il_net_size(net, l) * il_net_size(net, l - 1));
            show(il_net_cb(net, l), il_net_size(net, l));
        }
        il_net_free(net);
    } else if (argc == 4 && !strcmp(argv[1], "train")) {
        double X[600], Y[300], Xt[200], Yt[100], acc[2], loss;
        il_net *net = coursework_net(argv[2]);
        il_train_opts opts;
        il_record_opts rec_opts;
        il_record *rec;
        data(IL_DATA_CIRCLES, 300, 0.05, 1, X, Y);
        data(IL_DATA_CIRCLES, 100, 0.05, 2, Xt, Yt);
        il_train_opts_default(&opts);
        opts.iters = atol(argv[3]);
        opts.lr = 0.01;
        il_record_opts_default(&rec_opts);
        rec_opts.every = 1000;
        rec_opts.what = IL_REC_LOSS;
        fail_on(il_train(net, X, Y, 300, &opts, &rec_opts, &rec, NULL));
        /* the record's last entry is the final state; NumPy prints only
         * the multiples of 1000 below ITERS */
        show(il_record_loss(rec), (size_t)((opts.iters + 999) / 1000));
        fail_on(il_evaluate(net, X, Y, 300, &loss, &acc[0]));
        fail_on(il_evaluate(net, Xt, Yt, 100, &loss, &acc[1]));
        show(acc, 2);
        il_record_free(rec);
        il_net_free(net);
    } else {
        fprintf(stderr, "usage: see the comment at the top of reproduce.c\n");
        return 2;
    }
    return 0;
}
