/*
 * experiment.c - the parity experiment from C: prints every number of a
 * seeded run as raw IEEE bits, one quantity per line ("name hex hex ...",
 * column-major), for tests/parity/run.sh to compare with Octave's (and
 * Lua's) output of the same experiment.
 */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "initlab.h"

static void emit(const char *name, const double *x, size_t n)
{
    size_t i;
    printf("%s", name);
    for (i = 0; i < n; i++) {
        uint64_t bits;
        memcpy(&bits, &x[i], sizeof bits);
        printf(" %016" PRIx64, bits);
    }
    printf("\n");
}

static void check(il_status s)
{
    if (s != IL_OK) {
        fprintf(stderr, "%s: %s\n", il_status_id(s), il_last_error());
        exit(1);
    }
}

/* il_rand's draws from both streams, one quantity each, and the states
 * they leave: the same sequence as experiment.m's and experiment.lua's. */
static void streams(void)
{
    static const char *const names[] = {"numpy", "xoshiro"};
    static const struct {
        const char *what;
        il_draw_kind kind;
        double low, high;   /* NaN: the default */
        size_t rows, cols;
    } draws[] = {
        {"normal", IL_DRAW_NORMAL, NAN, NAN, 3, 4},
        {"uniform", IL_DRAW_UNIFORM, -1, 2, 2, 3},
        {"integers", IL_DRAW_INTEGERS, -3, 1e10, 1, 7},
        {"permutation", IL_DRAW_PERMUTATION, 1, NAN, 1, 9},
        {NULL, IL_DRAW_NORMAL, NAN, NAN, 1, 1}, /* not shown: moves on */
    };
    double x[12], state[629];
    il_draw_opts o;
    il_rng rng;
    char name[40];
    size_t k, d;
    for (k = 0; k < 2; k++) {
        check(il_rng_start(&rng, k == 0 ? IL_RNG_NUMPY : IL_RNG_XOSHIRO, 5));
        for (d = 0; d < sizeof draws / sizeof draws[0]; d++) {
            il_draw_opts_default(&o, draws[d].kind);
            if (!isnan(draws[d].low))
                o.low = draws[d].low;
            if (!isnan(draws[d].high))
                o.high = draws[d].high;
            check(il_rng_draw(&rng, &o, draws[d].rows, draws[d].cols, x));
            if (!draws[d].what)
                continue;
            snprintf(name, sizeof name, "rand_%s_%s", names[k], draws[d].what);
            emit(name, x, draws[d].rows * draws[d].cols);
        }
        il_rng_save(&rng, state);
        snprintf(name, sizeof name, "rand_%s_state", names[k]);
        emit(name, state, il_rng_state_size(rng.kind));
    }
}

/* The record's animations, for run.sh to compare byte for byte with
 * Octave's and Lua's (IL_PARITY_DIR: where they go). */
static void animations(const il_record *rec)
{
    const char *dir = getenv("IL_PARITY_DIR");
    char path[4096];
    il_anim_opts o;
    if (!dir)
        return;
    il_anim_opts_default(&o);
    snprintf(path, sizeof path, "%s/c_weights.gif", dir);
    check(il_animate_record(path, IL_ANIM_WEIGHTS, rec, &o));
    o.layer = 2;
    o.delay_ms = 50;
    snprintf(path, sizeof path, "%s/c_hist.gif", dir);
    check(il_animate_record(path, IL_ANIM_HIST, rec, &o));
}

/* critical and hadamard per layer, from both streams: the edge of chaos
 * and ZerO's matrices, and the draws around them. */
static void critical_and_hadamard(void)
{
    size_t sizes[] = {3, 5, 8, 2}, l;
    il_act acts[] = {il_act_make(IL_TANH), il_act_make(IL_RELU),
                     il_act_make(IL_SIGMOID)};
    const char *streams_[] = {"xoshiro", "numpy"};
    il_init_spec w[3];
    il_init_opts init;
    il_net *net;
    char name[48];
    int r;
    check(il_net_new(&net, 3, sizes, acts, IL_LOSS_BCE));
    il_init_spec_default(&w[0], IL_INIT_CRITICAL);
    il_init_spec_default(&w[1], IL_INIT_HADAMARD);
    il_init_spec_default(&w[2], IL_INIT_CRITICAL);
    w[0].sigma_b2 = w[2].sigma_b2 = 0.1;
    for (r = 0; r < 2; r++) {
        il_init_opts_default(&init);
        init.weights = w;
        init.n_specs = 3;
        init.seed = 13;
        init.rng = r ? IL_RNG_NUMPY : IL_RNG_XOSHIRO;
        check(il_net_init(net, &init));
        for (l = 1; l <= 3; l++) {
            snprintf(name, sizeof name, "crit_%s_W%zu", streams_[r], l);
            emit(name, il_net_W(net, l), sizes[l] * sizes[l - 1]);
            snprintf(name, sizeof name, "crit_%s_b%zu", streams_[r], l);
            emit(name, il_net_b(net, l), sizes[l]);
        }
    }
    il_net_free(net);
}

int main(void)
{
    size_t sizes[] = {2, 6, 4, 1}, l, R, L = 3;
    il_act acts[] = {il_act_make(IL_TANH), il_act_make(IL_RELU),
                     il_act_make(IL_SIGMOID)};
    il_init_spec w[3];
    il_init_opts init;
    il_dataset_opts d;
    il_train_opts o;
    il_record_opts ro;
    il_record *rec;
    il_net *net;
    double X[2 * 64], Y[64];
    char name[32];
    int s;

    check(il_net_new(&net, 3, sizes, acts, IL_LOSS_BCE));
    il_init_spec_default(&w[0], IL_INIT_XAVIER_UNIFORM);
    il_init_spec_default(&w[1], IL_INIT_HE_NORMAL);
    il_init_spec_default(&w[2], IL_INIT_ORTHOGONAL);
    il_init_opts_default(&init);
    init.weights = w;
    init.n_specs = 3;
    init.seed = 11;
    check(il_net_init(net, &init));
    for (l = 1; l <= L; l++) {
        snprintf(name, sizeof name, "init_W%zu", l);
        emit(name, il_net_W(net, l), sizes[l] * sizes[l - 1]);
        snprintf(name, sizeof name, "init_b%zu", l);
        emit(name, il_net_b(net, l), sizes[l]);
    }
    il_dataset_opts_default(&d, IL_DATA_CIRCLES);
    check(il_dataset(IL_DATA_CIRCLES, 64, &d, 7, X, Y));
    emit("X", X, 2 * 64);
    il_train_opts_default(&o);
    o.iters = 100;
    o.lr = 0.01;
    o.batch = 16;
    o.opt = IL_OPT_ADAM;
    o.seed = 5;
    il_record_opts_default(&ro);
    ro.every = 10;
    ro.what = IL_REC_ALL;
    check(il_train(net, X, Y, 64, &o, &ro, &rec, NULL));
    R = il_record_count(rec);
    for (l = 1; l <= L; l++) {
        snprintf(name, sizeof name, "trained_W%zu", l);
        emit(name, il_net_W(net, l), sizes[l] * sizes[l - 1]);
        snprintf(name, sizeof name, "rec_W%zu", l);
        emit(name, il_record_W(rec, l), sizes[l] * sizes[l - 1] * R);
    }
    emit("rec_loss", il_record_loss(rec), R);
    emit("rec_accuracy", il_record_accuracy(rec), R);
    for (s = 0; s < IL_STAT_COUNT; s++) {
        snprintf(name, sizeof name, "rec_%s", il_stat_name((il_stat)s));
        emit(name, il_record_stat(rec, (il_stat)s), L * R);
    }
    {
        size_t np, bins;
        const double *p = il_record_percentiles(rec, &np);
        const double *h = il_record_hist(rec, &bins, NULL, NULL);
        emit("rec_percentiles", p, L * np * R);
        emit("rec_hist", h, L * bins * R);
    }
    { /* the trained network's summary, byte by byte */
        char text[4096];
        size_t i, n;
        check(il_net_summary(net, text, sizeof text, &n));
        printf("summary");
        for (i = 0; i < n && i + 1 < sizeof text; i++)
            printf(" %02x", (unsigned char)text[i]);
        printf("\n");
    }
    animations(rec);
    il_record_free(rec);
    il_net_free(net);
    streams();
    critical_and_hadamard();
    return 0;
}
