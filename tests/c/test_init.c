/*
 * test_init.c - every initializer against its formula (mean, variance and
 * bounds on a million draws, tolerances of five standard errors), whole-
 * network initialization, and the gains.
 */
#include <stdlib.h>

#include "check.h"
#include "internal.h" /* il_gain_numeric, to check the integrator */

#define ROWS 1000
#define COLS 1000

static double *big;

/* Draws a ROWS x COLS matrix with the given fans and checks its mean,
 * variance and range against the formula's. */
static void check_draw(il_init_spec *s, size_t fan_in, size_t fan_out,
                       double mean, double var, double lo, double hi)
{
    il_rng rng;
    size_t i, n = ROWS * COLS;
    double sum = 0, ss = 0, min = INFINITY, max = -INFINITY;
    il_rng_seed(&rng, 1234);
    CHECK_OK(il_init_fill(big, ROWS, COLS, fan_in, fan_out, s, &rng));
    for (i = 0; i < n; i++) {
        sum += big[i];
        min = big[i] < min ? big[i] : min;
        max = big[i] > max ? big[i] : max;
    }
    for (i = 0; i < n; i++)
        ss += (big[i] - sum / n) * (big[i] - sum / n);
    if (fabs(sum / n - mean) > 5 * sqrt(var / n) + 1e-15 ||
        fabs(ss / n - var) > 5 * var * sqrt(2.0 / n) + 1e-15)
        printf("#   %s: mean %g (want %g), var %g (want %g)\n",
               il_init_name(s->kind), sum / n, mean, ss / n, var);
    CHECK_NEAR(sum / n, mean, 5 * sqrt(var / n) + 1e-15);
    CHECK_NEAR(ss / n, var, 5 * var * sqrt(2.0 / n) + 1e-15);
    CHECK(min >= lo && max <= hi);
}

static void test_distributions(void)
{
    il_init_spec s;
    const double fi = 300, fo = 500, trunc = 0.7737413338; /* var of N(0,1) cut at 2 */
    double g, a;

    il_init_spec_default(&s, IL_INIT_UNIFORM);
    s.low = -1; s.high = 3;
    check_draw(&s, 300, 500, 1, 16.0 / 12, -1, 3);
    il_init_spec_default(&s, IL_INIT_NORMAL);
    s.mean = 2; s.std = 0.5;
    check_draw(&s, 300, 500, 2, 0.25, -INFINITY, INFINITY);
    il_init_spec_default(&s, IL_INIT_TRUNCATED_NORMAL);
    s.mean = 1; s.std = 0.5;
    check_draw(&s, 300, 500, 1, 0.25 * trunc, 0, 2);
    il_init_spec_default(&s, IL_INIT_SCALED_NORMAL);
    check_draw(&s, 300, 500, 0, 1e-4, -INFINITY, INFINITY);   /* randn * 0.01 */
    s.scale = 10;
    check_draw(&s, 300, 500, 0, 100, -INFINITY, INFINITY);    /* randn * 10 */

    il_init_spec_default(&s, IL_INIT_XAVIER_UNIFORM);
    s.gain = 5.0 / 3;
    a = s.gain * sqrt(6 / (fi + fo));
    check_draw(&s, 300, 500, 0, a * a / 3, -a, a);
    il_init_spec_default(&s, IL_INIT_XAVIER_NORMAL);
    check_draw(&s, 300, 500, 0, 2 / (fi + fo), -INFINITY, INFINITY);

    il_init_spec_default(&s, IL_INIT_HE_NORMAL);
    check_draw(&s, 300, 500, 0, 2 / fi, -INFINITY, INFINITY);
    s.mode = IL_FAN_OUT;
    s.slope = 0.2;
    check_draw(&s, 300, 500, 0, 2 / (1 + 0.04) / fo, -INFINITY, INFINITY);
    il_init_spec_default(&s, IL_INIT_HE_UNIFORM);
    s.mode = IL_FAN_AVG;
    g = sqrt(2.0);
    a = g * sqrt(3 / ((fi + fo) / 2));
    check_draw(&s, 300, 500, 0, a * a / 3, -a, a);

    il_init_spec_default(&s, IL_INIT_LECUN_NORMAL);
    check_draw(&s, 300, 500, 0, 1 / fi, -INFINITY, INFINITY);
    il_init_spec_default(&s, IL_INIT_LECUN_UNIFORM);
    a = sqrt(3 / fi);
    check_draw(&s, 300, 500, 0, 1 / fi, -a, a);

    il_init_spec_default(&s, IL_INIT_VARIANCE_SCALING);
    s.scale = 2;
    s.dist = IL_DIST_TRUNCATED;
    /* the correction makes the truncated draw's variance scale/fan */
    check_draw(&s, 300, 500, 0, 2 / fi, -2 * sqrt(2 / fi) / 0.87962566103423978,
               2 * sqrt(2 / fi) / 0.87962566103423978);
    s.dist = IL_DIST_UNIFORM;
    s.mode = IL_FAN_OUT;
    check_draw(&s, 300, 500, 0, 2 / fo, -sqrt(6 / fo), sqrt(6 / fo));

    il_init_spec_default(&s, IL_INIT_CONSTANT);
    s.value = -0.25;
    check_draw(&s, 300, 500, -0.25, 0, -0.25, -0.25);
    il_init_spec_default(&s, IL_INIT_ONES);
    check_draw(&s, 300, 500, 1, 0, 1, 1);
    il_init_spec_default(&s, IL_INIT_ZEROS);
    check_draw(&s, 300, 500, 0, 0, 0, 0);
}

static void test_sparse(void)
{
    il_init_spec s;
    il_rng rng;
    size_t i, j, rows = 200, cols = 300, zeros_per_column = 60;
    double *A = malloc(rows * cols * sizeof *A), ss = 0;
    il_init_spec_default(&s, IL_INIT_SPARSE);
    s.fraction = 0.3;
    s.std = 2;
    il_rng_seed(&rng, 8);
    CHECK_OK(il_init_fill(A, rows, cols, rows, cols, &s, &rng));
    for (j = 0; j < cols; j++) {
        size_t zeros = 0;
        for (i = 0; i < rows; i++) {
            zeros += A[i + j * rows] == 0.0;
            ss += A[i + j * rows] * A[i + j * rows];
        }
        CHECK(zeros == zeros_per_column);
    }
    /* the nonzeros are N(0, 4) */
    CHECK_NEAR(ss / (double)((rows - zeros_per_column) * cols), 4, 0.1);
    free(A);
}

static void test_orthogonal_and_identity(void)
{
    size_t shapes[][2] = {{50, 20}, {20, 50}, {33, 33}, {1, 7}}, q, i, j, k;
    for (q = 0; q < 4; q++) {
        size_t r = shapes[q][0], c = shapes[q][1], d = r >= c ? c : r;
        double *W = malloc(r * c * sizeof *W), worst = 0, g = 1.7;
        il_init_spec s;
        il_rng rng;
        il_init_spec_default(&s, IL_INIT_ORTHOGONAL);
        s.gain = g;
        il_rng_seed(&rng, q);
        CHECK_OK(il_init_fill(W, r, c, c, r, &s, &rng));
        /* W'W = g^2 I when r >= c, W W' = g^2 I when r < c */
        for (i = 0; i < d; i++)
            for (j = 0; j < d; j++) {
                double dot = 0;
                for (k = 0; k < (r >= c ? r : c); k++)
                    dot += r >= c ? W[k + i * r] * W[k + j * r]
                                  : W[i + k * r] * W[j + k * r];
                worst = fmax(worst, fabs(dot - (i == j ? g * g : 0)));
            }
        CHECK(worst < 1e-12);
        s.kind = IL_INIT_IDENTITY;
        CHECK_OK(il_init_fill(W, r, c, c, r, &s, &rng));
        for (i = 0; i < r; i++)
            for (j = 0; j < c; j++)
                CHECK(W[i + j * r] == (i == j ? g : 0.0));
        free(W);
    }
}

static il_net *make_net(size_t L, const size_t *sizes, il_act_kind kind)
{
    il_act acts[8];
    il_net *net = NULL;
    size_t l;
    for (l = 0; l < L; l++)
        acts[l] = il_act_make(kind);
    il_net_new(&net, L, sizes, acts, IL_LOSS_MSE);
    return net;
}

static void test_net_init_order_and_determinism(void)
{
    size_t sizes[] = {3, 4, 2};
    il_net *a = make_net(2, sizes, IL_TANH), *b = make_net(2, sizes, IL_TANH);
    il_init_spec w, bias;
    il_init_opts o;
    il_rng rng;
    double W1[12], b1[4], W2[8];
    il_init_spec_default(&w, IL_INIT_NORMAL);
    il_init_spec_default(&bias, IL_INIT_UNIFORM);
    il_init_opts_default(&o);
    o.weights = &w;
    o.biases = &bias;
    o.seed = 99;
    CHECK_OK(il_net_init(a, &o));
    CHECK_OK(il_net_init(b, &o));
    CHECK(memcmp(il_net_W(a, 1), il_net_W(b, 1), sizeof W1) == 0);
    /* one stream: layer 1's W, its b, then layer 2's W */
    il_rng_seed(&rng, 99);
    CHECK_OK(il_init_fill(W1, 4, 3, 3, 4, &w, &rng));
    CHECK_OK(il_init_fill(b1, 4, 1, 3, 4, &bias, &rng));
    CHECK_OK(il_init_fill(W2, 2, 4, 4, 2, &w, &rng));
    CHECK(memcmp(il_net_W(a, 1), W1, sizeof W1) == 0);
    CHECK(memcmp(il_net_b(a, 1), b1, sizeof b1) == 0);
    CHECK(memcmp(il_net_W(a, 2), W2, sizeof W2) == 0);
    o.seed = 100;
    CHECK_OK(il_net_init(b, &o));
    CHECK(memcmp(il_net_W(a, 1), il_net_W(b, 1), sizeof W1) != 0);
    il_net_free(a);
    il_net_free(b);
}

static void test_per_layer_specs_and_matrix(void)
{
    size_t sizes[] = {2, 3, 1};
    il_net *net = make_net(2, sizes, IL_RELU);
    il_init_spec w[2], b[2];
    il_init_opts o;
    double M[] = {1, 2, 3, 4, 5, 6}, v[] = {7};
    il_init_spec_default(&w[0], IL_INIT_MATRIX);
    w[0].matrix = M;
    w[0].matrix_rows = 3;
    w[0].matrix_cols = 2;
    il_init_spec_default(&w[1], IL_INIT_ONES);
    il_init_spec_default(&b[0], IL_INIT_CONSTANT);
    b[0].value = 0.5;
    il_init_spec_default(&b[1], IL_INIT_MATRIX);
    b[1].matrix = v;
    b[1].matrix_rows = 1;
    b[1].matrix_cols = 1;
    il_init_opts_default(&o);
    o.weights = w;
    o.biases = b;
    o.n_specs = 2;
    CHECK_OK(il_net_init(net, &o));
    CHECK(memcmp(il_net_W(net, 1), M, sizeof M) == 0);
    CHECK(il_net_W(net, 2)[2] == 1 && il_net_b(net, 1)[1] == 0.5 && il_net_b(net, 2)[0] == 7);
    /* a matrix of the wrong shape is refused, not read past its end */
    w[0].matrix_rows = 2;
    w[0].matrix_cols = 3;
    CHECK_FAILS(il_net_init(net, &o), IL_EBADSIZE,
                "layer 1: matrix must be 3x2, got 2x3");
    il_net_free(net);
}

static void test_nguyen_widrow(void)
{
    size_t sizes[] = {3, 8, 1}, m = 20, i, j;
    il_net *net = make_net(2, sizes, IL_TANH);
    il_init_spec w;
    il_init_opts o;
    double X[60];
    for (j = 0; j < m; j++) {
        X[3 * j] = (double)j;      /* range [0, 19] */
        X[3 * j + 1] = 5.0;        /* constant: MATLAB gives NaN here */
        X[3 * j + 2] = -1.0 + 0.1 * (double)j;
    }
    il_init_spec_default(&w, IL_INIT_NGUYEN_WIDROW);
    il_init_opts_default(&o);
    o.weights = &w;
    o.X = X;
    o.m = m;
    CHECK_OK(il_net_init(net, &o));
    for (i = 0; i < 8 * 3 + 8; i++)
        CHECK(isfinite(il_net_W(net, 1)[i])); /* W1 and b1 are contiguous */
    /* without input ranges to map, each row has length 0.7 S^(1/R) times
     * the half-width of tanh's active range, 2 */
    o.X = NULL;
    CHECK_OK(il_net_init(net, &o));
    for (i = 0; i < 8; i++) {
        double norm = 0;
        for (j = 0; j < 3; j++)
            norm += il_net_W(net, 1)[i + 8 * j] * il_net_W(net, 1)[i + 8 * j];
        CHECK_NEAR(sqrt(norm), 2 * 0.7 * pow(8, 1.0 / 3), 1e-12);
    }
    il_net_free(net);
}

static void test_lsuv(void)
{
    size_t sizes[] = {10, 30, 30, 30, 2}, m = 256, j, l;
    il_net *net = make_net(4, sizes, IL_TANH);
    il_init_spec w;
    il_init_opts o;
    int trials[4];
    double *X = malloc(10 * m * sizeof *X), *Z[4];
    il_rng rng;
    il_rng_seed(&rng, 3);
    for (j = 0; j < 10 * m; j++)
        X[j] = 3.0 * il_rng_normal(&rng) + 1.0;
    il_init_spec_default(&w, IL_INIT_LSUV);
    il_init_opts_default(&o);
    o.weights = &w;
    o.X = X;
    o.m = m;
    o.lsuv_trials = trials;
    CHECK_OK(il_net_init(net, &o));
    for (l = 1; l <= 4; l++) {
        Z[l - 1] = malloc(sizes[l] * m * sizeof(double));
        CHECK(trials[l - 1] >= 1 && trials[l - 1] <= 10);
    }
    CHECK_OK(il_forward(net, X, m, NULL, Z, NULL));
    for (l = 1; l <= 4; l++) {
        double mean = 0, var = 0;
        size_t n = sizes[l] * m;
        for (j = 0; j < n; j++)
            mean += Z[l - 1][j] / n;
        for (j = 0; j < n; j++)
            var += (Z[l - 1][j] - mean) * (Z[l - 1][j] - mean) / n;
        CHECK(fabs(var - 1) <= 0.05);
        free(Z[l - 1]);
    }
    /* without a batch it cannot measure anything */
    o.X = NULL;
    CHECK_FAILS(il_net_init(net, &o), IL_EBADARG, "lsuv needs a batch X");
    free(X);
    il_net_free(net);
}

static void test_default_init(void)
{
    size_t sizes[] = {400, 300, 300, 300};
    il_act acts[] = {il_act_make(IL_RELU), il_act_make(IL_SELU), il_act_make(IL_TANH)};
    il_net *net;
    double ss[3] = {0};
    size_t l, i;
    CHECK_OK(il_net_new(&net, 3, sizes, acts, IL_LOSS_MSE));
    CHECK_OK(il_net_init_default(net, 1));
    for (l = 1; l <= 3; l++)
        for (i = 0; i < sizes[l] * sizes[l - 1]; i++)
            ss[l - 1] += il_net_W(net, l)[i] * il_net_W(net, l)[i] / (sizes[l] * sizes[l - 1]);
    CHECK_NEAR(ss[0], 2.0 / 400, 0.02 * 2.0 / 400);  /* he_normal */
    CHECK_NEAR(ss[1], 1.0 / 300, 0.02 / 300);        /* lecun_normal */
    CHECK_NEAR(ss[2], 1.0 / 300, 0.02 / 300);        /* xavier_uniform: 2/(300+300) * 3/3 */
    il_net_free(net);
}

static void test_gains(void)
{
    il_act a;
    double g;
    int computed;
    CHECK_OK(il_gain(il_act_make(IL_TANH), &g, &computed));
    CHECK(g == 5.0 / 3 && !computed);
    CHECK_OK(il_gain(il_act_make(IL_RELU), &g, &computed));
    CHECK(g == sqrt(2.0));
    a = il_act_make(IL_LEAKY_RELU);
    a.param = 0.2;
    CHECK_OK(il_gain(a, &g, NULL));
    CHECK(g == sqrt(2.0 / 1.04));
    CHECK_OK(il_gain(il_act_make(IL_SELU), &g, NULL));
    CHECK(g == 0.75);
    CHECK_OK(il_gain(il_act_make(IL_SIGMOID), &g, NULL));
    CHECK(g == 1.0);
    CHECK_OK(il_gain(il_act_make(IL_SOFTSIGN), &g, &computed));
    CHECK(computed && g > 1.0);
    CHECK_OK(il_gain(il_act_make(IL_ELU), &g, &computed));
    CHECK(computed && g > 1.0 && g < sqrt(2.0));
    /* the integrator, checked where the answer is known exactly */
    CHECK_NEAR(il_gain_numeric(il_act_make(IL_RELU)), sqrt(2.0), 1e-9);
    CHECK_NEAR(il_gain_numeric(il_act_make(IL_LINEAR)), 1.0, 1e-9);
    CHECK_FAILS(il_gain(il_act_make(IL_SOFTMAX), &g, NULL), IL_EBADARG,
                "softmax has no gain");
}

static void test_errors(void)
{
    size_t sizes[] = {2, 3, 1};
    il_net *net = make_net(2, sizes, IL_TANH);
    il_init_spec w[3], b;
    il_init_opts o;
    il_init_kind k;
    il_rng rng;
    double A[6];
    il_init_spec_default(&w[0], IL_INIT_HE_NORMAL);
    il_init_spec_default(&w[1], IL_INIT_UNIFORM);
    w[1].low = 1;
    w[1].high = 0;
    il_init_spec_default(&w[2], IL_INIT_ZEROS);
    il_init_opts_default(&o);
    o.weights = w;
    o.n_specs = 3;
    CHECK_FAILS(il_net_init(net, &o), IL_EBADSIZE, "n_specs must be 1 or 2");
    o.n_specs = 2;
    CHECK_FAILS(il_net_init(net, &o), IL_EBADVALUE,
                "layer 2: uniform needs low <= high, both finite, got low=1 high=0");
    il_init_spec_default(&b, IL_INIT_ORTHOGONAL);
    o.n_specs = 1;
    o.biases = &b;
    CHECK_FAILS(il_net_init(net, &o), IL_EBADARG,
                "layer 1 bias: bias initializer 'orthogonal' is not defined for a vector");
    CHECK_FAILS(il_init_from_name("hee", &k), IL_EBADNAME,
                "unknown initializer 'hee'; expected one of: zeros, ones");
    CHECK_OK(il_init_from_name("kaiming", &k));
    CHECK(k == IL_INIT_HE_NORMAL);
    CHECK_OK(il_init_from_name("glorot_uniform", &k));
    CHECK(k == IL_INIT_XAVIER_UNIFORM);
    il_init_spec_default(&b, IL_INIT_NGUYEN_WIDROW);
    il_rng_seed(&rng, 1);
    CHECK_FAILS(il_init_fill(A, 3, 2, 2, 3, &b, &rng), IL_EBADARG,
                "nguyen_widrow needs a whole network");
    il_init_spec_default(&b, IL_INIT_SPARSE);
    b.fraction = 1.0;
    CHECK_FAILS(il_init_fill(A, 3, 2, 2, 3, &b, &rng), IL_EBADVALUE,
                "sparse needs fraction in [0, 1), got 1");
    il_net_free(net);
}

int main(void)
{
    big = malloc(ROWS * COLS * sizeof *big);
    RUN(test_distributions);
    RUN(test_sparse);
    RUN(test_orthogonal_and_identity);
    RUN(test_net_init_order_and_determinism);
    RUN(test_per_layer_specs_and_matrix);
    RUN(test_nguyen_widrow);
    RUN(test_lsuv);
    RUN(test_default_init);
    RUN(test_gains);
    RUN(test_errors);
    free(big);
    return check_finish(__FILE__);
}
