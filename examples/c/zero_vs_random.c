/*
 * zero_vs_random.c - the seeds' lesson from C: zero initialization never
 * breaks symmetry, large random weights train badly, He trains well.
 *
 * Part 1 is the seed notebook's W1 = zeros(3,2), x = [1;2], trained for real
 * for five steps: the weights move, every row stays the same.  Part 2 is the
 * coursework model [2 10 5 1] (relu, relu, sigmoid) on circles, 15,000
 * iterations of full-batch gradient descent at lr 0.01, started three ways.
 *
 * Build and run: make demo   (or: cc -Isrc ... build/libinitlab.a -lblas -lm)
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "initlab.h"

#define TRY(call)                                                             \
    do {                                                                      \
        il_status s_ = (call);                                                \
        if (s_ != IL_OK) {                                                    \
            fprintf(stderr, "%s: %s\n", il_status_id(s_), il_last_error());   \
            exit(1);                                                          \
        }                                                                     \
    } while (0)

static void symmetry_in_five_steps(void)
{
    size_t sizes[] = {2, 3, 1}, r, i;
    il_act acts[] = {il_act_make(IL_SIGMOID), il_act_make(IL_SIGMOID)};
    double x[] = {1, 2}, y[] = {1};
    il_net *net;
    il_train_opts opts;
    il_record_opts rec_opts;
    il_record *rec;

    TRY(il_net_new(&net, 2, sizes, acts, IL_LOSS_BCE)); /* all zeros */
    il_train_opts_default(&opts);
    opts.iters = 5;
    opts.lr = 0.01;
    il_record_opts_default(&rec_opts);
    rec_opts.every = 1;
    rec_opts.what = IL_REC_WEIGHTS | IL_REC_DISTINCT;
    TRY(il_train(net, x, y, 1, &opts, &rec_opts, &rec, NULL));
    printf("Part 1: W1 = zeros(3,2), x = [1;2], five gradient steps\n");
    for (r = 0; r < il_record_count(rec); r++) {
        const double *W1 = il_record_W(rec, 1) + 6 * r;
        printf("  iteration %ld  distinct units %g  W1 =", il_record_iters(rec)[r],
               il_record_stat(rec, IL_STAT_DISTINCT)[2 * r]);
        for (i = 0; i < 3; i++)
            printf("  [% .3e % .3e]", W1[i], W1[i + 3]);
        printf("\n");
    }
    printf("  -> the rows move away from zero together: one unit, three copies\n\n");
    il_record_free(rec);
    il_net_free(net);
}

static double accuracy(const il_net *net, const double *X, const double *Y,
                       size_t m)
{
    double loss, acc;
    TRY(il_evaluate(net, X, Y, m, &loss, &acc));
    return acc;
}

int main(void)
{
    size_t sizes[] = {2, 10, 5, 1}, m = 300, m_test = 100, r;
    il_act acts[] = {il_act_make(IL_RELU), il_act_make(IL_RELU),
                     il_act_make(IL_SIGMOID)};
    const char *names[] = {"zeros", "randn*10", "he"};
    il_dataset_opts data_opts;
    double *X = malloc(2 * m * sizeof *X), *Y = malloc(m * sizeof *Y);
    double *Xt = malloc(2 * m_test * sizeof *Xt), *Yt = malloc(m_test * sizeof *Yt);
    il_record *recs[3];
    int k;

    symmetry_in_five_steps();

    il_dataset_opts_default(&data_opts, IL_DATA_CIRCLES);
    data_opts.noise = 0.05;
    TRY(il_dataset(IL_DATA_CIRCLES, m, &data_opts, 1, X, Y));
    TRY(il_dataset(IL_DATA_CIRCLES, m_test, &data_opts, 2, Xt, Yt));

    printf("Part 2: [2 10 5 1] relu/relu/sigmoid on circles (300 train, 100 "
           "test), 15000 iterations, lr 0.01\n\n");
    for (k = 0; k < 3; k++) {
        il_net *net;
        il_init_opts init;
        il_init_spec w;
        il_train_opts opts;
        il_record_opts rec_opts;

        TRY(il_net_new(&net, 3, sizes, acts, IL_LOSS_BCE));
        il_init_opts_default(&init);
        il_init_spec_default(&w, k == 0 ? IL_INIT_ZEROS
                                 : k == 1 ? IL_INIT_SCALED_NORMAL
                                          : IL_INIT_HE_NORMAL);
        w.scale = 10;
        init.weights = &w;
        init.n_specs = 1;
        init.seed = 3;
        TRY(il_net_init(net, &init));
        il_train_opts_default(&opts);
        opts.iters = 15000;
        opts.lr = 0.01;
        il_record_opts_default(&rec_opts);
        rec_opts.every = 1000;
        rec_opts.what = IL_REC_LOSS | IL_REC_DISTINCT | IL_REC_SATURATION;
        TRY(il_train(net, X, Y, m, &opts, &rec_opts, &recs[k], NULL));
        printf("%-9s train accuracy %.3f  test accuracy %.3f  distinct units "
               "per layer at the end: %g %g %g\n",
               names[k], accuracy(net, X, Y, m), accuracy(net, Xt, Yt, m_test),
               il_record_stat(recs[k], IL_STAT_DISTINCT)[3 * 15],
               il_record_stat(recs[k], IL_STAT_DISTINCT)[3 * 15 + 1],
               il_record_stat(recs[k], IL_STAT_DISTINCT)[3 * 15 + 2]);
        il_net_free(net);
    }
    printf("\n%9s %14s %14s %14s\n", "iteration", names[0], names[1], names[2]);
    for (r = 0; r < il_record_count(recs[0]); r++)
        printf("%9ld %14.6f %14.6f %14.6f\n", il_record_iters(recs[0])[r],
               il_record_loss(recs[0])[r], il_record_loss(recs[1])[r],
               il_record_loss(recs[2])[r]);
    printf("\nzeros: the cost stays at ln 2 = %.6f and every hidden layer is "
           "one unit copied;\nrandn*10 starts with a huge cost: its sigmoid output is saturated.\n",
           log(2.0));
    for (k = 0; k < 3; k++)
        il_record_free(recs[k]);
    free(X);
    free(Y);
    free(Xt);
    free(Yt);
    return 0;
}
