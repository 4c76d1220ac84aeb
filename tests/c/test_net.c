/*
 * test_net.c - networks, forward and backward passes, losses and the
 * statistics' definitions.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "initlab.h"

/* A net with random weights (normal * w_scale) and biases. */
static il_net *random_net(size_t L, const size_t *sizes, const il_act *acts,
                          il_loss loss, double w_scale, uint64_t seed)
{
    il_net *net = NULL;
    il_rng rng;
    size_t l, i;
    if (il_net_new(&net, L, sizes, acts, loss) != IL_OK)
        return NULL;
    il_rng_seed(&rng, seed);
    for (l = 1; l <= L; l++) {
        double *W = il_net_W(net, l), *b = il_net_b(net, l);
        for (i = 0; i < sizes[l] * sizes[l - 1]; i++)
            W[i] = w_scale * il_rng_normal(&rng);
        for (i = 0; i < sizes[l]; i++)
            b[i] = 0.3 * il_rng_normal(&rng);
    }
    return net;
}

/* Targets that fit a loss: one-hot for sce, 0/1 for bce, N(0,1) for mse. */
static void targets(il_loss loss, size_t n, size_t m, double *Y, il_rng *rng)
{
    size_t i, j;
    for (j = 0; j < m; j++)
        for (i = 0; i < n; i++) {
            double *y = &Y[i + j * n];
            if (loss == IL_LOSS_SCE)
                *y = i == j % n;
            else if (loss == IL_LOSS_BCE)
                *y = il_rng_uniform(rng) < 0.5;
            else
                *y = il_rng_normal(rng);
        }
}

/* Central differences against il_gradients; returns the relative error
 * |num - ana| / max(|num|, |ana|) over every parameter. */
static double gradient_error(il_net *net, const double *X, const double *Y,
                             size_t m)
{
    size_t L = il_net_layers(net), l, i;
    double *dW[8], *db[8], diff = 0, num_ss = 0, ana_ss = 0, h = 1e-6;
    for (l = 1; l <= L; l++) {
        size_t n = il_net_size(net, l), k = il_net_size(net, l - 1);
        dW[l - 1] = malloc(n * k * sizeof(double));
        db[l - 1] = malloc(n * sizeof(double));
    }
    if (il_gradients(net, X, Y, m, NULL, NULL, dW, db) != IL_OK)
        return INFINITY;
    for (l = 1; l <= L; l++) {
        size_t n = il_net_size(net, l), k = il_net_size(net, l - 1);
        for (i = 0; i < n * (k + 1); i++) {
            double *p = i < n * k ? &il_net_W(net, l)[i] : &il_net_b(net, l)[i - n * k];
            double ana = i < n * k ? dW[l - 1][i] : db[l - 1][i - n * k];
            double keep = *p, up, down, num;
            *p = keep + h;
            il_evaluate(net, X, Y, m, &up, NULL);
            *p = keep - h;
            il_evaluate(net, X, Y, m, &down, NULL);
            *p = keep;
            num = (up - down) / (2 * h);
            diff += (num - ana) * (num - ana);
            num_ss += num * num;
            ana_ss += ana * ana;
        }
        free(dW[l - 1]);
        free(db[l - 1]);
    }
    return sqrt(diff) / fmax(sqrt(num_ss), sqrt(ana_ss));
}

static void test_gradients_every_activation_and_loss(void)
{
    static const il_act_kind hidden[] = {
        IL_LINEAR, IL_SIGMOID, IL_TANH, IL_RELU, IL_LEAKY_RELU, IL_ELU,
        IL_SELU, IL_SOFTSIGN, IL_SOFTPLUS};
    size_t h, o, cases = 0;
    for (h = 0; h < sizeof hidden / sizeof hidden[0]; h++) {
        for (o = 0; o < IL_ACT_COUNT + 2; o++) {
            /* o < IL_ACT_COUNT: mse with that output; then bce, sce. */
            il_loss loss = o < IL_ACT_COUNT ? IL_LOSS_MSE
                         : o == IL_ACT_COUNT ? IL_LOSS_BCE : IL_LOSS_SCE;
            il_act_kind out = o < IL_ACT_COUNT ? (il_act_kind)o
                            : loss == IL_LOSS_BCE ? IL_SIGMOID : IL_SOFTMAX;
            size_t sizes[] = {3, 5, 4, 3}, m = 7;
            il_act acts[3];
            double X[3 * 7], Y[3 * 7], err;
            il_rng rng;
            il_net *net;
            size_t i;

            acts[0] = acts[1] = il_act_make(hidden[h]);
            if (hidden[h] == IL_LEAKY_RELU || hidden[h] == IL_ELU)
                acts[0].param = acts[1].param = 0.3;
            acts[2] = il_act_make(out);
            net = random_net(3, sizes, acts, loss, 0.8, 100 + h * 20 + o);
            CHECK(net != NULL);
            if (!net)
                continue;
            il_rng_seed(&rng, 7 + o);
            for (i = 0; i < 3 * m; i++)
                X[i] = il_rng_normal(&rng);
            targets(loss, 3, m, Y, &rng);
            err = gradient_error(net, X, Y, m);
            if (!(err < 1e-6))
                printf("#   hidden %s, output %s, loss %s: relative error %g\n",
                       il_act_name(hidden[h]), il_act_name(out),
                       il_loss_name(loss), err);
            CHECK(err < 1e-6);
            cases++;
            il_net_free(net);
        }
    }
    CHECK(cases == 9 * (IL_ACT_COUNT + 2));
}

static void test_forward_matches_formula(void)
{
    /* [2 3 1] tanh/sigmoid by hand on two samples */
    size_t sizes[] = {2, 3, 1};
    il_act acts[] = {il_act_make(IL_TANH), il_act_make(IL_SIGMOID)};
    double W1[] = {0.1, -0.2, 0.3, 0.4, 0.5, -0.6}, b1[] = {0.01, 0.02, 0.03};
    double W2[] = {0.7, -0.8, 0.9}, b2[] = {-0.1};
    double X[] = {1.0, 2.0, -1.5, 0.5}, out[2], Z1[6], A1[6];
    double *Z[] = {Z1, NULL}, *A[] = {A1, NULL};
    il_net *net;
    size_t j, i;
    CHECK_OK(il_net_new(&net, 2, sizes, acts, IL_LOSS_BCE));
    CHECK_OK(il_net_set_layer(net, 1, W1, 3, 2, b1, 3));
    CHECK_OK(il_net_set_layer(net, 2, W2, 1, 3, b2, 1));
    CHECK_OK(il_forward(net, X, 2, out, Z, A));
    for (j = 0; j < 2; j++) {
        double z2 = b2[0];
        for (i = 0; i < 3; i++) {
            double z = b1[i] + W1[i] * X[2 * j] + W1[i + 3] * X[2 * j + 1];
            CHECK_NEAR(Z1[i + 3 * j], z, 1e-15);
            CHECK_NEAR(A1[i + 3 * j], tanh(z), 1e-15);
            z2 += W2[i] * tanh(z);
        }
        CHECK_NEAR(out[j], 1 / (1 + exp(-z2)), 1e-15);
    }
    il_net_free(net);
}

static void test_losses(void)
{
    /* single-layer nets, so the output is a known function of X */
    size_t sizes[] = {1, 1};
    il_act sig = il_act_make(IL_SIGMOID), lin = il_act_make(IL_LINEAR);
    double W[] = {1}, b[] = {0}, loss, acc;
    double X[] = {-800.0, 0.0, 3.0}, Yb[] = {1.0, 0.0, 1.0};
    double Xm[] = {1.0, 2.0}, Ym[] = {0.0, 0.0};
    il_net *net;

    /* bce from the logits: finite where sigmoid rounds to 0 (z = -800) */
    CHECK_OK(il_net_new(&net, 1, sizes, &sig, IL_LOSS_BCE));
    CHECK_OK(il_net_set_layer(net, 1, W, 1, 1, b, 1));
    CHECK_OK(il_evaluate(net, X, Yb, 3, &loss, &acc));
    CHECK_NEAR(loss, (800.0 + log(2.0) + log1p(exp(-3.0))) / 3, 1e-12);
    /* z = -800 is wrong; a = 0.5 is not above 0.5, so class 0: right */
    CHECK_NEAR(acc, 2.0 / 3, 1e-15);
    il_net_free(net);

    /* mse is (1/m) sum 1/2 (a - y)^2 */
    CHECK_OK(il_net_new(&net, 1, sizes, &lin, IL_LOSS_MSE));
    CHECK_OK(il_net_set_layer(net, 1, W, 1, 1, b, 1));
    CHECK_OK(il_evaluate(net, Xm, Ym, 2, &loss, &acc));
    CHECK_NEAR(loss, (0.5 * 1 + 0.5 * 4) / 2, 1e-15);
    CHECK(isnan(acc));
    il_net_free(net);
}

static void test_softmax_loss(void)
{
    size_t sizes[] = {2, 3};
    il_act sm = il_act_make(IL_SOFTMAX);
    double W[] = {1, 0, -1, 0, 1, 0}, b[] = {0, 0, 0};
    double X[] = {1000, 0}, Y[] = {0, 0, 1}, loss, acc;
    il_net *net;
    CHECK_OK(il_net_new(&net, 1, sizes, &sm, IL_LOSS_SCE));
    CHECK_OK(il_net_set_layer(net, 1, W, 3, 2, b, 3));
    /* logits 1000, 0, -1000: the right class has log-probability -2000 */
    CHECK_OK(il_evaluate(net, X, Y, 1, &loss, &acc));
    CHECK_NEAR(loss, 2000.0, 1e-9);
    CHECK(acc == 0.0);
    il_net_free(net);
}

static void test_pairwise_sum_keeps_ln2(void)
{
    /* An all-zero sigmoid net: every sample costs ln 2 and so does the mean
     * (the coursework's 0.6931471805599453 at every print). */
    size_t sizes[] = {2, 1}, j;
    il_act sig = il_act_make(IL_SIGMOID);
    double X[600], Y[300], loss;
    il_net *net;
    for (j = 0; j < 300; j++) {
        X[2 * j] = (double)j / 300;
        X[2 * j + 1] = 1 - (double)j / 300;
        Y[j] = j % 2;
    }
    CHECK_OK(il_net_new(&net, 1, sizes, &sig, IL_LOSS_BCE));
    CHECK_OK(il_evaluate(net, X, Y, 300, &loss, NULL));
    CHECK(loss == 0.6931471805599453);
    il_net_free(net);
}

/* One linear unit, so that Z = x and the statistics read off X. */
static il_record *stats_of(il_act act, const double *X, size_t m,
                           const il_record_opts *o)
{
    size_t sizes[] = {1, 1};
    double W[] = {1}, b[] = {0};
    il_net *net;
    il_record *rec = NULL;
    if (il_net_new(&net, 1, sizes, &act, IL_LOSS_MSE) != IL_OK)
        return NULL;
    il_net_set_layer(net, 1, W, 1, 1, b, 1);
    if (il_net_stats(net, X, NULL, m, o, &rec) != IL_OK)
        printf("#   il_net_stats: %s\n", il_last_error());
    il_net_free(net);
    return rec;
}

static void test_saturation_definitions(void)
{
    /* sigmoid saturates below a = 0.0127 (z < -4.35) and above 0.9873 */
    double Xs[] = {-4.40, -4.30, 0.0, 4.30, 4.40, 9.0};
    /* tanh saturates where |a| > 0.9747 (|z| > 2.178) */
    double Xt[] = {-2.20, -2.15, 0.0, 2.15, 2.20, 2.30};
    il_record *rec;
    const double *sat, *low, *high;

    rec = stats_of(il_act_make(IL_SIGMOID), Xs, 6, NULL);
    CHECK(rec != NULL);
    if (rec) {
        sat = il_record_stat(rec, IL_STAT_SATURATION);
        low = il_record_stat(rec, IL_STAT_SAT_LOW);
        high = il_record_stat(rec, IL_STAT_SAT_HIGH);
        CHECK_NEAR(sat[0], 3.0 / 6, 1e-15);
        CHECK_NEAR(low[0], 1.0 / 6, 1e-15);
        CHECK_NEAR(high[0], 2.0 / 6, 1e-15);
        CHECK(isnan(il_record_stat(rec, IL_STAT_DEAD)[0]));
        il_record_free(rec);
    }
    rec = stats_of(il_act_make(IL_TANH), Xt, 6, NULL);
    CHECK(rec != NULL);
    if (rec) {
        CHECK_NEAR(il_record_stat(rec, IL_STAT_SAT_LOW)[0], 1.0 / 6, 1e-15);
        CHECK_NEAR(il_record_stat(rec, IL_STAT_SAT_HIGH)[0], 2.0 / 6, 1e-15);
        il_record_free(rec);
    }
    rec = stats_of(il_act_make(IL_LINEAR), Xt, 6, NULL);
    CHECK(rec && il_record_stat(rec, IL_STAT_SATURATION)[0] == 0.0);
    il_record_free(rec);
}

static void test_dead_units(void)
{
    /* 3 relu units, the second with a bias that keeps it negative */
    size_t sizes[] = {1, 3};
    il_act relu = il_act_make(IL_RELU);
    double W[] = {1, 1, -1}, b[] = {0, -10, 0}, X[] = {1, 2, 3, -1};
    il_net *net;
    il_record *rec = NULL;
    CHECK_OK(il_net_new(&net, 1, sizes, &relu, IL_LOSS_MSE));
    CHECK_OK(il_net_set_layer(net, 1, W, 3, 1, b, 3));
    CHECK_OK(il_net_stats(net, X, NULL, 4, NULL, &rec));
    if (rec) {
        CHECK_NEAR(il_record_stat(rec, IL_STAT_DEAD)[0], 1.0 / 3, 1e-15);
        /* relu's slope is 0 where z <= 0: 1 + 4 + 3 of 12 unit-samples */
        CHECK_NEAR(il_record_stat(rec, IL_STAT_SATURATION)[0], 8.0 / 12, 1e-15);
    }
    il_record_free(rec);
    il_net_free(net);
}

static void test_moments_percentiles_histogram(void)
{
    double X[] = {4, 1, 3, 2, 0, 5, -3, 7};
    double levels[] = {0, 25, 50, 90, 100};
    il_record_opts o;
    il_record *rec;
    const double *pct, *hist;
    size_t np, bins;
    double lo, hi;

    il_record_opts_default(&o);
    o.percentiles = levels;
    o.n_percentiles = 5;
    o.hist_bins = 4;
    o.hist_lo = 0;
    o.hist_hi = 4;
    rec = stats_of(il_act_make(IL_LINEAR), X, 8, &o);
    CHECK(rec != NULL);
    if (!rec)
        return;
    CHECK_NEAR(il_record_stat(rec, IL_STAT_ACT_MEAN)[0], 19.0 / 8, 1e-15);
    CHECK_NEAR(il_record_stat(rec, IL_STAT_ACT_STD)[0],
               sqrt((1.625 * 1.625 + 1.375 * 1.375 + 0.625 * 0.625 +
                     0.375 * 0.375 + 2.375 * 2.375 + 2.625 * 2.625 +
                     5.375 * 5.375 + 4.625 * 4.625) / 8), 1e-14);
    CHECK(il_record_stat(rec, IL_STAT_ACT_MIN)[0] == -3);
    CHECK(il_record_stat(rec, IL_STAT_ACT_MAX)[0] == 7);
    /* sorted: -3 0 1 2 3 4 5 7; position p/100*7 */
    pct = il_record_percentiles(rec, &np);
    CHECK(np == 5);
    CHECK_NEAR(pct[0], -3, 0);
    CHECK_NEAR(pct[1], 0 + 0.75 * 1, 1e-15);
    CHECK_NEAR(pct[2], 2.5, 1e-15);
    CHECK_NEAR(pct[3], 5 + 0.3 * 2, 1e-14);
    CHECK_NEAR(pct[4], 7, 0);
    /* bins [0,1) [1,2) [2,3) [3,4]; -3 and 0 in the first, 4 5 7 in the last */
    hist = il_record_hist(rec, &bins, &lo, &hi);
    CHECK(bins == 4 && lo == 0 && hi == 4);
    CHECK(hist[0] == 2 && hist[1] == 1 && hist[2] == 1 && hist[3] == 4);
    il_record_free(rec);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Percentiles against a full sort, on data with many exact ties (like a
 * relu layer) and without, for many sizes and level sets. */
static void test_percentiles_match_sorting(void)
{
    double levels[] = {0, 1, 5, 25, 50, 50, 75, 95, 99.9, 100};
    il_record_opts o;
    il_rng rng;
    size_t trial;
    il_record_opts_default(&o);
    o.percentiles = levels;
    o.n_percentiles = 10;
    il_rng_seed(&rng, 11);
    for (trial = 0; trial < 200; trial++) {
        size_t m = 1 + il_rng_below(&rng, 500), j, q;
        double *X = malloc(m * sizeof *X), *sorted = malloc(m * sizeof *X);
        il_record *rec;
        for (j = 0; j < m; j++) {
            double v = il_rng_normal(&rng);
            X[j] = trial % 2 && v < 0.3 ? 0.0 : trial % 3 ? v : floor(4 * v);
            sorted[j] = X[j];
        }
        qsort(sorted, m, sizeof *sorted, cmp_double);
        rec = stats_of(il_act_make(IL_LINEAR), X, m, &o);
        CHECK(rec != NULL);
        for (q = 0; rec && q < 10; q++) {
            double pos = levels[q] / 100 * (double)(m - 1);
            size_t k = (size_t)floor(pos);
            double want = k + 1 < m ? sorted[k] + (pos - k) * (sorted[k + 1] - sorted[k])
                                    : sorted[k];
            CHECK_NEAR(il_record_percentiles(rec, NULL)[q], want, 1e-12);
        }
        il_record_free(rec);
        free(X);
        free(sorted);
    }
}

static void test_distinct_units(void)
{
    size_t sizes[] = {2, 4};
    il_act lin = il_act_make(IL_LINEAR);
    /* rows: (1,2|0) (1,2|0) (3,4|0) (1,2|1e-20): the last differs by far
     * less than 1e-12 of the largest entry, so it is a copy */
    double W[] = {1, 1, 3, 1, 2, 2, 4, 2}, b[] = {0, 0, 0, 1e-20};
    double X[] = {1, 1};
    il_net *net;
    il_record *rec = NULL;
    CHECK_OK(il_net_new(&net, 1, sizes, &lin, IL_LOSS_MSE));
    CHECK_OK(il_net_set_layer(net, 1, W, 4, 2, b, 4));
    CHECK_OK(il_net_stats(net, X, NULL, 1, NULL, &rec));
    CHECK(rec && il_record_stat(rec, IL_STAT_DISTINCT)[0] == 2);
    il_record_free(rec);
    /* all zeros: one unit, whatever the layer width */
    memset(W, 0, sizeof W);
    memset(b, 0, sizeof b);
    CHECK_OK(il_net_set_layer(net, 1, W, 4, 2, b, 4));
    CHECK_OK(il_net_stats(net, X, NULL, 1, NULL, &rec));
    CHECK(rec && il_record_stat(rec, IL_STAT_DISTINCT)[0] == 1);
    il_record_free(rec);
    il_net_free(net);
}

static void test_errors(void)
{
    size_t sizes[] = {2, 3, 1}, bad[] = {2, 0, 1};
    il_act acts[] = {il_act_make(IL_RELU), il_act_make(IL_SIGMOID)};
    il_act sm[] = {il_act_make(IL_SOFTMAX), il_act_make(IL_SIGMOID)};
    il_act tanh_out[] = {il_act_make(IL_RELU), il_act_make(IL_TANH)};
    double W[6] = {0}, b[3] = {0}, X[4] = {1, 2, NAN, 4}, out[2], Y[2] = {0, 2};
    il_net *net = NULL;
    il_act act;
    il_loss loss;

    CHECK_FAILS(il_net_new(&net, 2, bad, acts, IL_LOSS_BCE), IL_EBADSIZE,
                "sizes(2) must be at least 1");
    CHECK_FAILS(il_net_new(&net, 2, sizes, sm, IL_LOSS_BCE), IL_EBADARG,
                "layer 1: softmax is only for the output layer");
    CHECK_FAILS(il_net_new(&net, 2, sizes, tanh_out, IL_LOSS_BCE), IL_EBADARG,
                "loss 'bce' needs a sigmoid output layer, got tanh");
    CHECK_FAILS(il_net_new(&net, 0, sizes, acts, IL_LOSS_BCE), IL_EBADSIZE,
                "at least one layer");
    CHECK_FAILS(il_act_from_name("rleu", &act), IL_EBADNAME,
                "unknown activation 'rleu'; expected one of: linear, sigmoid");
    CHECK_FAILS(il_loss_from_name("hinge", &loss), IL_EBADNAME,
                "unknown loss 'hinge'");
    CHECK(strcmp(il_status_id(IL_EBADSIZE), "initlab:badSize") == 0);
    {
        unsigned bits;
        CHECK_OK(il_record_part_from_name("saturation", &bits));
        CHECK(bits == IL_REC_SATURATION);
        CHECK_OK(il_record_part_from_name("all", &bits));
        CHECK(bits == IL_REC_ALL);
        CHECK_FAILS(il_record_part_from_name("wieghts", &bits), IL_EBADNAME,
                    "unknown record part 'wieghts'; expected one of: loss, weights");
    }

    CHECK_OK(il_net_new(&net, 2, sizes, acts, IL_LOSS_BCE));
    CHECK_FAILS(il_net_set_layer(net, 1, W, 2, 3, b, 3), IL_EBADSIZE,
                "layer 1 W must be 3x2, got 2x3");
    CHECK_FAILS(il_net_set_layer(net, 2, W, 1, 3, b, 2), IL_EBADSIZE,
                "layer 2 b must have 1 entries, got 2");
    W[4] = INFINITY;
    CHECK_FAILS(il_net_set_layer(net, 1, W, 3, 2, b, 3), IL_EBADVALUE,
                "layer 1 W(2,2) is Inf");
    CHECK_FAILS(il_forward(net, X, 2, out, NULL, NULL), IL_EBADVALUE,
                "X must be finite; X(1,2) is NaN");
    X[2] = 3;
    CHECK_FAILS(il_evaluate(net, X, Y, 2, NULL, NULL), IL_EBADVALUE,
                "Y must be in [0, 1] for loss 'bce'; Y(1,2) is 2");
    CHECK_FAILS(il_forward(net, X, 0, out, NULL, NULL), IL_EBADSIZE,
                "at least one column");
    il_net_free(net);
}

/* Accuracy as courses count it: ten sigmoid outputs that say "no" to every
 * class score 1 in 10 on one-hot targets, 9 in 10 counted per output. */
static void test_accuracy_rules(void)
{
    size_t n[2] = {1, 10}, j;
    il_act act = il_act_make(IL_SIGMOID);
    il_net *net = NULL;
    double X[100] = {0}, Y[1000] = {0}, loss, acc;
    CHECK_OK(il_net_new(&net, 1, n, &act, IL_LOSS_BCE));
    for (j = 0; j < 10; j++)
        il_net_b(net, 1)[j] = j == 2 ? -4 : -5;
    for (j = 0; j < 100; j++)
        Y[j * 10 + j % 10] = 1;
    CHECK_OK(il_evaluate(net, X, Y, 100, &loss, &acc));
    CHECK_NEAR(acc, 0.1, 1e-15);
    CHECK_OK(il_evaluate_as(net, X, Y, 100, IL_ACCURACY_BINARY, &loss, &acc));
    CHECK_NEAR(acc, 0.9, 1e-15);
    CHECK_OK(il_evaluate_as(net, X, Y, 100, IL_ACCURACY_CATEGORICAL, &loss, &acc));
    CHECK_NEAR(acc, 0.1, 1e-15);
    Y[0 * 10 + 5] = 1; /* one column with two 1s: not one-hot, auto is binary */
    CHECK_OK(il_evaluate(net, X, Y, 100, &loss, &acc));
    CHECK_NEAR(acc, 899.0 / 1000, 1e-15);
    CHECK(strcmp(il_accuracy_name(IL_ACCURACY_BINARY), "binary") == 0);
    il_net_free(net);
}

/* lambda as a course writes it: cost = loss + lambda/(2m) sum W^2 (+ l2/2
 * sum W^2), the gradient lambda/m W (+ l2 W) more on W and nothing more on
 * b; the unrolled gradient is [b_l W_l](:) layer by layer. */
static void test_cost_penalty_and_unrolling(void)
{
    size_t sizes[] = {3, 5, 2}, m = 7, l, i, at, P;
    il_act acts[2];
    il_penalty pen = {3.0, 0.01}, none = {0, 0};
    double X[21], Y[14], J0, J, *grad, *theta, *dW[2], *db[2], ss = 0;
    double diff = 0, num_ss = 0, h = 1e-6;
    il_rng rng;
    il_net *net;
    acts[0] = il_act_make(IL_TANH);
    acts[1] = il_act_make(IL_SIGMOID);
    net = random_net(2, sizes, acts, IL_LOSS_BCE, 0.7, 42);
    CHECK(net != NULL);
    if (!net)
        return;
    il_rng_seed(&rng, 5);
    for (i = 0; i < 21; i++)
        X[i] = il_rng_normal(&rng);
    targets(IL_LOSS_BCE, 2, m, Y, &rng);
    P = il_net_param_count(net);
    CHECK(P == 5 * 4 + 2 * 6);
    grad = malloc(P * sizeof *grad);
    theta = malloc(P * sizeof *theta);
    for (l = 0; l < 2; l++) {
        dW[l] = malloc(sizes[l + 1] * sizes[l] * sizeof(double));
        db[l] = malloc(sizes[l + 1] * sizeof(double));
        for (i = 0; i < sizes[l + 1] * sizes[l]; i++)
            ss += il_net_W(net, l + 1)[i] * il_net_W(net, l + 1)[i];
    }
    CHECK_OK(il_cost(net, X, Y, m, &none, &J0, NULL));
    CHECK_OK(il_cost(net, X, Y, m, &pen, &J, grad));
    CHECK_NEAR(J - J0, (3.0 / 7 + 0.01) / 2 * ss, 1e-13);
    CHECK_OK(il_gradients(net, X, Y, m, &pen, &J0, dW, db));
    CHECK(J0 == J);
    for (l = 0, at = 0; l < 2; l++) {
        size_t n = sizes[l + 1], nw = n * sizes[l];
        CHECK(memcmp(grad + at, db[l], n * sizeof(double)) == 0);
        CHECK(memcmp(grad + at + n, dW[l], nw * sizeof(double)) == 0);
        at += n + nw;
    }
    /* the unrolled gradient against central differences of the cost */
    il_net_unroll(net, theta);
    for (i = 0; i < P; i++) {
        double keep = theta[i], up, down, num;
        theta[i] = keep + h;
        CHECK_OK(il_net_reroll(net, theta));
        il_cost(net, X, Y, m, &pen, &up, NULL);
        theta[i] = keep - h;
        CHECK_OK(il_net_reroll(net, theta));
        il_cost(net, X, Y, m, &pen, &down, NULL);
        theta[i] = keep;
        num = (up - down) / (2 * h);
        diff += (num - grad[i]) * (num - grad[i]);
        num_ss += num * num;
    }
    CHECK_OK(il_net_reroll(net, theta));
    CHECK(sqrt(diff) / sqrt(num_ss) < 1e-8);
    /* the biases come first in each layer's block */
    CHECK(theta[0] == il_net_b(net, 1)[0] && theta[5] == il_net_W(net, 1)[0]);
    CHECK(theta[20] == il_net_b(net, 2)[0] && theta[22] == il_net_W(net, 2)[0]);
    theta[3] = NAN;
    CHECK(il_net_reroll(net, theta) == IL_EBADVALUE);
    pen.lambda = -1;
    CHECK(il_cost(net, X, Y, m, &pen, &J, NULL) == IL_EBADVALUE);
    for (l = 0; l < 2; l++) {
        free(dW[l]);
        free(db[l]);
    }
    free(grad);
    free(theta);
    il_net_free(net);
}

int main(void)
{
    RUN(test_gradients_every_activation_and_loss);
    RUN(test_forward_matches_formula);
    RUN(test_losses);
    RUN(test_softmax_loss);
    RUN(test_pairwise_sum_keeps_ln2);
    RUN(test_saturation_definitions);
    RUN(test_dead_units);
    RUN(test_moments_percentiles_histogram);
    RUN(test_percentiles_match_sorting);
    RUN(test_distinct_units);
    RUN(test_errors);
    RUN(test_accuracy_rules);
    RUN(test_cost_penalty_and_unrolling);
    return check_finish(__FILE__);
}
