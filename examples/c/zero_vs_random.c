/*
 * zero_vs_random.c - the seeds' lesson from C: zero initialization never
 * breaks symmetry, large random weights train badly, He trains well.
 *
 * Part 1 is the seed notebook's W1 = zeros(3,2), x = [1;2], trained for real
 * for five steps: the weights move, every row stays the same.  Part 2 is the
 * coursework model [2 10 5 1] (relu, relu, sigmoid) on circles, 15,000
 * iterations of full-batch gradient descent at lr 0.01, started three ways,
 * with the data and the weights drawn by the numpy stream as the published
 * NumPy assignment drew them, so that its table comes out exactly (lesson 2
 * of examples/octave and examples/lua).  Like the lessons, it ends with its
 * claims as "ok - ..." lines, which make test counts.
 *
 * Build and run: make demo-c   (or: cc -Isrc ... build/libinitlab.a -lblas -lm)
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

static void claim(int holds, const char *text)
{
    printf("%s - %s\n", holds ? "ok" : "not ok", text);
}

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
    printf("  -> the rows move away from zero together: one unit, three copies\n");
    claim(il_record_stat(rec, IL_STAT_DISTINCT)[2 * 5] == 1 &&
              il_record_W(rec, 1)[6 * 5] != 0.0,
          "five real steps from zeros: W1 has moved, and has 1 distinct row");
    printf("\n");
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

    double train_acc[3], test_acc[3];

    il_dataset_opts_default(&data_opts, IL_DATA_CIRCLES);
    data_opts.noise = 0.05;
    data_opts.rng = IL_RNG_NUMPY; /* np.random.seed(1); make_circles(...) */
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
        init.rng = IL_RNG_NUMPY; /* np.random.seed(3); randn(n, n_in) * ... */
        TRY(il_net_init(net, &init));
        il_train_opts_default(&opts);
        opts.iters = 15000;
        opts.lr = 0.01;
        il_record_opts_default(&rec_opts);
        rec_opts.every = 1000;
        rec_opts.what = IL_REC_LOSS | IL_REC_DISTINCT | IL_REC_SATURATION;
        TRY(il_train(net, X, Y, m, &opts, &rec_opts, &recs[k], NULL));
        train_acc[k] = accuracy(net, X, Y, m);
        test_acc[k] = accuracy(net, Xt, Yt, m_test);
        printf("%-9s train accuracy %.16g  test accuracy %.16g  distinct units "
               "per layer at the end: %g %g %g\n",
               names[k], train_acc[k], test_acc[k],
               il_record_stat(recs[k], IL_STAT_DISTINCT)[3 * 15],
               il_record_stat(recs[k], IL_STAT_DISTINCT)[3 * 15 + 1],
               il_record_stat(recs[k], IL_STAT_DISTINCT)[3 * 15 + 2]);
        il_net_free(net);
    }
    printf("\n%9s %22s %22s %22s\n", "iteration", names[0], names[1], names[2]);
    for (r = 0; r < 15; r++)
        printf("%9ld %22.16g %22.16g %22.16g\n", il_record_iters(recs[0])[r],
               il_record_loss(recs[0])[r], il_record_loss(recs[1])[r],
               il_record_loss(recs[2])[r]);
    printf("\nzeros: the cost stays at ln 2 = %.6f and every hidden layer is "
           "one unit copied;\nrandn*10 starts with a huge cost: its sigmoid output is saturated.\n",
           log(2.0));
    claim(train_acc[0] == 0.5 && test_acc[0] == 0.5, "zeros: train accuracy 0.5, test 0.5");
    claim(train_acc[1] == 0.83 && test_acc[1] == 0.86, "randn*10: train accuracy 0.83, test 0.86");
    claim(train_acc[2] == 0.9933333333333333 && test_acc[2] == 0.96,
          "He: train accuracy 0.9933333333333333, test 0.96");
    claim(fabs(il_record_loss(recs[2])[0] / 0.8830537463419761 - 1) < 1e-9 &&
              fabs(il_record_loss(recs[2])[14] / 0.07357895962677366 - 1) < 1e-9,
          "He: costs 0.8830537463419761 at iteration 0 and 0.07357895962677366 at 14000");
    for (k = 0; k < 3; k++)
        il_record_free(recs[k]);
    free(X);
    free(Y);
    free(Xt);
    free(Yt);
    return 0;
}
