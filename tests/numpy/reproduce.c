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
 *   planar-data              the planar assignment's flower (planar.py's
 *                            data): X column-major, then Y
 *   planar N_H ITERS         its 2-N_H-1 tanh/sigmoid network trained as
 *                            lesson 7 trains it: the cost every 1000
 *                            iterations, then the accuracy
 *   stream SEED SPEC...      draws from one numpy stream in turn, each
 *                            SPEC one call: normal:SIZE[:mean:std],
 *                            uniform:SIZE[:low:high], integers:SIZE:low:high,
 *                            permutation:N[:low], SIZE being N (1-D) or
 *                            RxC; each printed in NumPy's (row-major)
 *                            order; then the state after them, as
 *                            np.random.get_state() gives it
 */
#include <math.h>
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

/* Trains net full batch for iters at lr and prints its cost every 1000
 * iterations: the record's last entry is the final state, and NumPy prints
 * only the multiples of 1000 below iters. */
static void train_costs(il_net *net, const double *X, const double *Y,
                        size_t m, long iters, double lr)
{
    il_train_opts opts;
    il_record_opts rec_opts;
    il_record *rec;
    il_train_opts_default(&opts);
    opts.iters = iters;
    opts.lr = lr;
    il_record_opts_default(&rec_opts);
    rec_opts.every = 1000;
    rec_opts.what = IL_REC_LOSS;
    fail_on(il_train(net, X, Y, m, &opts, &rec_opts, &rec, NULL));
    show(il_record_loss(rec), (size_t)((iters + 999) / 1000));
    il_record_free(rec);
}

/* The flower of the planar assignment, as lesson 7 builds it from
 * il_rand's numpy stream: per class j an angle linspace(3.12 j, 3.12 (j +
 * 1), 200) + 0.2 randn and a radius 4 sin(4 t) + 0.2 randn.  linspace is
 * NumPy's: k * step + start, the last point the end itself. */
static void flower(double *X, double *Y)
{
    enum { N = 200 };
    double t[N], r[N], e[N], start, stop, step;
    il_draw_opts o;
    il_rng rng;
    size_t j, k;
    fail_on(il_rng_start(&rng, IL_RNG_NUMPY, 1));
    il_draw_opts_default(&o, IL_DRAW_NORMAL);
    for (j = 0; j < 2; j++) {
        start = (double)j * 3.12;
        stop = (double)(j + 1) * 3.12;
        step = (stop - start) / (N - 1);
        fail_on(il_rng_draw(&rng, &o, 1, N, e));
        for (k = 0; k < N; k++)
            t[k] = (k == N - 1 ? stop : (double)k * step + start) + e[k] * 0.2;
        fail_on(il_rng_draw(&rng, &o, 1, N, e));
        for (k = 0; k < N; k++) {
            r[k] = 4 * sin(4 * t[k]) + e[k] * 0.2;
            X[2 * (j * N + k)] = r[k] * sin(t[k]);
            X[2 * (j * N + k) + 1] = r[k] * cos(t[k]);
            Y[j * N + k] = (double)j;
        }
    }
}

/* The network of the assignment: W1 = 0.01 randn(n_h, 2), W2 = 0.01
 * randn(1, n_h) after np.random.seed(2), zero biases. */
static il_net *planar_net(size_t n_h)
{
    size_t sizes[] = {2, n_h, 1}, k;
    il_act acts[] = {il_act_make(IL_TANH), il_act_make(IL_SIGMOID)};
    double W1[2 * 64], W2[64], b1[64] = {0}, b2[1] = {0};
    il_draw_opts o;
    il_rng rng;
    il_net *net;
    fail_on(il_net_new(&net, 2, sizes, acts, IL_LOSS_BCE));
    fail_on(il_rng_start(&rng, IL_RNG_NUMPY, 2));
    il_draw_opts_default(&o, IL_DRAW_NORMAL);
    fail_on(il_rng_draw(&rng, &o, n_h, 2, W1));
    fail_on(il_rng_draw(&rng, &o, 1, n_h, W2));
    for (k = 0; k < 2 * n_h; k++)
        W1[k] *= 0.01;
    for (k = 0; k < n_h; k++)
        W2[k] *= 0.01;
    fail_on(il_net_set_layer(net, 1, W1, n_h, 2, b1, n_h));
    fail_on(il_net_set_layer(net, 2, W2, 1, n_h, b2, 1));
    return net;
}

/* One SPEC of the stream command, drawn from rng and printed. */
static void draw_spec(il_rng *rng, const char *spec)
{
    char name[16];
    double a = 0, b = 0, *x;
    size_t rows = 1, cols = 0, i, j;
    int used = 0, given;
    il_draw_kind kind;
    il_draw_opts o;
    if (sscanf(spec, "%15[a-z]:%zux%zu%n", name, &rows, &cols, &used) != 3) {
        rows = 1;
        if (sscanf(spec, "%15[a-z]:%zu%n", name, &cols, &used) != 2) {
            fprintf(stderr, "bad spec %s\n", spec);
            exit(2);
        }
    }
    given = sscanf(spec + used, ":%lf:%lf", &a, &b);
    fail_on(il_draw_from_name(name, &kind));
    il_draw_opts_default(&o, kind);
    if (kind == IL_DRAW_NORMAL && given == 2) {
        o.mean = a;
        o.std = b;
    } else if (given >= 1) {
        o.low = a;
        if (given == 2)
            o.high = b;
    }
    x = malloc((rows * cols > 0 ? rows * cols : 1) * sizeof *x);
    fail_on(il_rng_draw(rng, &o, rows, cols, x));
    for (i = 0; i < rows; i++)
        for (j = 0; j < cols; j++)
            printf(i + j ? " %.17g" : "%.17g", x[i + j * rows]);
    printf("\n");
    free(x);
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
    } else if (argc == 2 && !strcmp(argv[1], "planar-data")) {
        double X[800], Y[400];
        flower(X, Y);
        show(X, 800);
        show(Y, 400);
    } else if (argc == 4 && !strcmp(argv[1], "planar")) {
        double X[800], Y[400], acc, loss;
        size_t n_h = (size_t)atol(argv[2]);
        il_net *net;
        if (n_h < 1 || n_h > 64) {
            fprintf(stderr, "N_H must be in 1..64\n");
            return 2;
        }
        flower(X, Y);
        net = planar_net(n_h);
        train_costs(net, X, Y, 400, atol(argv[3]), 1.2);
        fail_on(il_evaluate(net, X, Y, 400, &loss, &acc));
        show(&acc, 1);
        il_net_free(net);
    } else if (argc >= 3 && !strcmp(argv[1], "stream")) {
        il_rng rng;
        double state[629];
        int k;
        fail_on(il_rng_start(&rng, IL_RNG_NUMPY, (uint64_t)atoll(argv[2])));
        for (k = 3; k < argc; k++)
            draw_spec(&rng, argv[k]);
        il_rng_save(&rng, state);
        show(state + 2, 627);
    } else if (argc == 4 && !strcmp(argv[1], "train")) {
        double X[600], Y[300], Xt[200], Yt[100], acc[2], loss;
        il_net *net = coursework_net(argv[2]);
        data(IL_DATA_CIRCLES, 300, 0.05, 1, X, Y);
        data(IL_DATA_CIRCLES, 100, 0.05, 2, Xt, Yt);
        train_costs(net, X, Y, 300, atol(argv[3]), 0.01);
        fail_on(il_evaluate(net, X, Y, 300, &loss, &acc[0]));
        fail_on(il_evaluate(net, Xt, Yt, 100, &loss, &acc[1]));
        show(acc, 2);
        il_net_free(net);
    } else {
        fprintf(stderr, "usage: see the comment at the top of reproduce.c\n");
        return 2;
    }
    return 0;
}
