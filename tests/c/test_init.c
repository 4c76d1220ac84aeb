/*
 * test_init.c - every initializer against its formula, whole-network
 * initialization (order, determinism, Nguyen-Widrow, LSUV, defaults), the
 * gains, and every error path.
 *
 * Statistical checks draw a 1000 x 1000 matrix (n = 10^6) from a fixed seed
 * and allow five standard errors: for the mean sqrt(var/n), for the
 * variance var*sqrt((kurtosis-1)/n) <= var*sqrt(2/n), since every
 * distribution here has a kurtosis at most the normal's 3 (uniform 1.8,
 * truncated normal 2.36).  A correct implementation fails such a check with
 * probability below 1e-6; a wrong constant (a missing 2, fan_in for fan_out)
 * is off by far more.
 */
#include <stdlib.h>

#include "check.h"
#include "internal.h" /* il_gain_numeric, to check the integrator */

#define ROWS 1000
#define COLS 1000

static double *big;

/* Draws a ROWS x COLS matrix with the given fans and checks its mean,
 * variance and range against the formula's, for a distribution whose
 * kurtosis is at most the given one (the variance's standard error is
 * var sqrt((kurtosis - 1)/n)). */
static void check_draw_k(il_init_spec *s, size_t fan_in, size_t fan_out,
                         double mean, double var, double lo, double hi,
                         double kurtosis)
{
    il_rng rng;
    size_t i, n = ROWS * COLS;
    double sum = 0, ss = 0, min = INFINITY, max = -INFINITY;
    double var_tol = 5 * var * sqrt((kurtosis - 1) / n) + 1e-15;
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
        fabs(ss / n - var) > var_tol || !(min >= lo && max <= hi))
        printf("#   %s: mean %.17g (want %.17g), var %.17g (want %.17g), range "
               "[%.17g, %.17g] (want [%.17g, %.17g])\n", il_init_name(s->kind),
               sum / n, mean, ss / n, var, min, max, lo, hi);
    CHECK_NEAR(sum / n, mean, 5 * sqrt(var / n) + 1e-15);
    CHECK_NEAR(ss / n, var, var_tol);
    CHECK(min >= lo && max <= hi);
}

static void check_draw(il_init_spec *s, size_t fan_in, size_t fan_out,
                       double mean, double var, double lo, double hi)
{
    check_draw_k(s, fan_in, fan_out, mean, var, lo, hi, 3);
}

static il_net *make_net(size_t L, const size_t *sizes, il_act_kind kind)
{
    il_act acts[8];
    il_net *net = NULL;
    size_t l;
    for (l = 0; l < L; l++)
        acts[l] = il_act_make(kind);
    CHECK_OK(il_net_new(&net, L, sizes, acts, IL_LOSS_MSE));
    return net;
}

static il_net *make_net_acts(size_t L, const size_t *sizes, const il_act_kind *kinds)
{
    il_act acts[8];
    il_net *net = NULL;
    size_t l;
    for (l = 0; l < L; l++)
        acts[l] = il_act_make(kinds[l]);
    CHECK_OK(il_net_new(&net, L, sizes, acts, IL_LOSS_MSE));
    return net;
}

/* Every parameter of net, W1 b1 W2 b2 ..., into out (which must hold them
 * all); returns how many. */
static size_t params_of(il_net *net, double *out)
{
    size_t l, k = 0, L = il_net_layers(net);
    for (l = 1; l <= L; l++) {
        size_t n = il_net_size(net, l), in = il_net_size(net, l - 1);
        memcpy(out + k, il_net_W(net, l), n * in * sizeof *out);
        k += n * in;
        memcpy(out + k, il_net_b(net, l), n * sizeof *out);
        k += n;
    }
    return k;
}

/* ---- names and defaults ------------------------------------------------ */

static void test_names(void)
{
    static const struct { const char *name; il_init_kind kind; } all[] = {
        {"zeros", IL_INIT_ZEROS}, {"ones", IL_INIT_ONES},
        {"constant", IL_INIT_CONSTANT}, {"uniform", IL_INIT_UNIFORM},
        {"normal", IL_INIT_NORMAL}, {"truncated_normal", IL_INIT_TRUNCATED_NORMAL},
        {"scaled_normal", IL_INIT_SCALED_NORMAL},
        {"xavier_uniform", IL_INIT_XAVIER_UNIFORM},
        {"xavier_normal", IL_INIT_XAVIER_NORMAL},
        {"he_uniform", IL_INIT_HE_UNIFORM}, {"he_normal", IL_INIT_HE_NORMAL},
        {"lecun_uniform", IL_INIT_LECUN_UNIFORM},
        {"lecun_normal", IL_INIT_LECUN_NORMAL},
        {"variance_scaling", IL_INIT_VARIANCE_SCALING},
        {"orthogonal", IL_INIT_ORTHOGONAL}, {"identity", IL_INIT_IDENTITY},
        {"sparse", IL_INIT_SPARSE}, {"nguyen_widrow", IL_INIT_NGUYEN_WIDROW},
        {"lsuv", IL_INIT_LSUV}, {"matrix", IL_INIT_MATRIX},
        {"critical", IL_INIT_CRITICAL}, {"hadamard", IL_INIT_HADAMARD},
        {"default", IL_INIT_DEFAULT}};
    static const struct { const char *alias; il_init_kind kind; } aliases[] = {
        {"glorot_uniform", IL_INIT_XAVIER_UNIFORM},
        {"glorot_normal", IL_INIT_XAVIER_NORMAL},
        {"kaiming_uniform", IL_INIT_HE_UNIFORM},
        {"kaiming_normal", IL_INIT_HE_NORMAL},
        {"xavier", IL_INIT_XAVIER_NORMAL}, {"glorot", IL_INIT_XAVIER_NORMAL},
        {"he", IL_INIT_HE_NORMAL}, {"kaiming", IL_INIT_HE_NORMAL},
        {"lecun", IL_INIT_LECUN_NORMAL}, {"randn", IL_INIT_SCALED_NORMAL},
        {"zero", IL_INIT_ZEROS}};
    il_init_kind k;
    il_fan_mode f;
    il_distribution d;
    size_t i;
    CHECK(sizeof all / sizeof all[0] == IL_INIT_COUNT);
    for (i = 0; i < sizeof all / sizeof all[0]; i++) {
        k = IL_INIT_COUNT;
        CHECK_OK(il_init_from_name(all[i].name, &k));
        CHECK(k == all[i].kind);
        CHECK(strcmp(il_init_name(all[i].kind), all[i].name) == 0);
    }
    for (i = 0; i < sizeof aliases / sizeof aliases[0]; i++) {
        k = IL_INIT_COUNT;
        CHECK_OK(il_init_from_name(aliases[i].alias, &k));
        CHECK(k == aliases[i].kind);
    }
    CHECK(strcmp(il_init_name(IL_INIT_COUNT), "?") == 0);
    CHECK_OK(il_fan_from_name("fan_out", &f));
    CHECK(f == IL_FAN_OUT);
    CHECK_OK(il_fan_from_name("fan_avg", &f));
    CHECK(f == IL_FAN_AVG);
    CHECK_OK(il_dist_from_name("truncated_normal", &d));
    CHECK(d == IL_DIST_TRUNCATED);
    CHECK_OK(il_dist_from_name("uniform", &d));
    CHECK(d == IL_DIST_UNIFORM);
    CHECK_OK(il_dist_from_name("untruncated_normal", &d)); /* Keras's name */
    CHECK(d == IL_DIST_NORMAL);
}

static void test_spec_and_opts_defaults(void)
{
    il_init_spec s;
    il_init_opts o;
    il_init_spec_default(&s, IL_INIT_UNIFORM);
    CHECK(s.kind == IL_INIT_UNIFORM && s.low == -0.05 && s.high == 0.05);
    CHECK(s.mean == 0 && s.std == 1 && s.gain == 1 && s.slope == 0);
    CHECK(s.mode == IL_FAN_IN && s.dist == IL_DIST_NORMAL && !s.matrix);
    CHECK(s.nonlinearity == IL_LEAKY_RELU); /* kaiming_*'s, with slope 0 */
    il_init_spec_default(&s, IL_INIT_TRUNCATED_NORMAL);
    CHECK(isnan(s.low) && isnan(s.high) && s.std == 1); /* mean +- 2 std */
    il_init_spec_default(&s, IL_INIT_SCALED_NORMAL);
    CHECK(s.scale == 0.01);
    il_init_spec_default(&s, IL_INIT_VARIANCE_SCALING);
    CHECK(s.scale == 1);
    il_init_spec_default(&s, IL_INIT_SPARSE);
    CHECK(s.std == 0.01 && s.fraction == 0.1);
    il_init_opts_default(&o);
    CHECK(o.n_specs == 1 && o.lsuv_tol == 0.05 && o.lsuv_max_trials == 10);
    CHECK(!o.weights && !o.biases && !o.X && !o.lsuv_trials && o.seed == 0);
}

/* ---- one matrix at a time -------------------------------------------- */

static void test_distributions(void)
{
    il_init_spec s;
    const double fi = 300, fo = 500, avg = (fi + fo) / 2;
    const double trunc = 0.77374133; /* variance of N(0,1) cut at +-2 */
    const double keras = 0.87962566103423978; /* its std */
    double g, a;

    il_init_spec_default(&s, IL_INIT_UNIFORM);
    s.low = -1; s.high = 3;
    check_draw(&s, 300, 500, 1, 16.0 / 12, -1, 3);
    il_init_spec_default(&s, IL_INIT_UNIFORM); /* defaults -0.05, 0.05 */
    check_draw(&s, 300, 500, 0, 0.01 / 12, -0.05, 0.05);
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
    a = sqrt(6 / (fi + fo));
    check_draw(&s, 300, 500, 0, a * a / 3, -a, a);
    s.gain = 5.0 / 3;
    a = s.gain * sqrt(6 / (fi + fo));
    check_draw(&s, 300, 500, 0, a * a / 3, -a, a);
    il_init_spec_default(&s, IL_INIT_XAVIER_NORMAL);
    check_draw(&s, 300, 500, 0, 2 / (fi + fo), -INFINITY, INFINITY);
    s.gain = sqrt(2.0);
    check_draw(&s, 300, 500, 0, 2 * 2 / (fi + fo), -INFINITY, INFINITY);

    il_init_spec_default(&s, IL_INIT_HE_NORMAL);
    check_draw(&s, 300, 500, 0, 2 / fi, -INFINITY, INFINITY);
    s.mode = IL_FAN_OUT;
    s.slope = 0.2;
    check_draw(&s, 300, 500, 0, 2 / (1 + 0.04) / fo, -INFINITY, INFINITY);
    s.mode = IL_FAN_AVG;
    s.slope = 0;
    s.gain = 3;
    check_draw(&s, 300, 500, 0, 9 * 2 / avg, -INFINITY, INFINITY);
    il_init_spec_default(&s, IL_INIT_HE_UNIFORM);
    a = sqrt(2.0) * sqrt(3 / fi);
    check_draw(&s, 300, 500, 0, a * a / 3, -a, a);
    s.mode = IL_FAN_AVG;
    g = sqrt(2.0);
    a = g * sqrt(3 / avg);
    check_draw(&s, 300, 500, 0, a * a / 3, -a, a);
    s.mode = IL_FAN_OUT;
    s.slope = 1; /* gain sqrt(2/2) = 1 */
    a = sqrt(3 / fo);
    check_draw(&s, 300, 500, 0, 1 / fo, -a, a);

    il_init_spec_default(&s, IL_INIT_LECUN_NORMAL);
    check_draw(&s, 300, 500, 0, 1 / fi, -INFINITY, INFINITY);
    s.mode = IL_FAN_OUT;
    check_draw(&s, 300, 500, 0, 1 / fo, -INFINITY, INFINITY);
    il_init_spec_default(&s, IL_INIT_LECUN_UNIFORM);
    a = sqrt(3 / fi);
    check_draw(&s, 300, 500, 0, 1 / fi, -a, a);
    s.mode = IL_FAN_AVG;
    a = sqrt(3 / avg);
    check_draw(&s, 300, 500, 0, 1 / avg, -a, a);

    il_init_spec_default(&s, IL_INIT_VARIANCE_SCALING);
    check_draw(&s, 300, 500, 0, 1 / fi, -INFINITY, INFINITY);
    s.scale = 2;
    s.dist = IL_DIST_TRUNCATED;
    /* the correction makes the truncated draw's variance scale/fan */
    check_draw(&s, 300, 500, 0, 2 / fi, -2 * sqrt(2 / fi) / keras,
               2 * sqrt(2 / fi) / keras);
    s.dist = IL_DIST_UNIFORM;
    s.mode = IL_FAN_OUT;
    check_draw(&s, 300, 500, 0, 2 / fo, -sqrt(6 / fo), sqrt(6 / fo));
    s.dist = IL_DIST_NORMAL;
    s.mode = IL_FAN_AVG;
    s.scale = 0.5;
    check_draw(&s, 300, 500, 0, 0.5 / avg, -INFINITY, INFINITY);

    il_init_spec_default(&s, IL_INIT_CONSTANT);
    s.value = -0.25;
    check_draw(&s, 300, 500, -0.25, 0, -0.25, -0.25);
    il_init_spec_default(&s, IL_INIT_ONES);
    check_draw(&s, 300, 500, 1, 0, 1, 1);
    il_init_spec_default(&s, IL_INIT_ZEROS);
    check_draw(&s, 300, 500, 0, 0, 0, 0);
    /* a std of 0 is a constant */
    il_init_spec_default(&s, IL_INIT_NORMAL);
    s.mean = 3;
    s.std = 0;
    check_draw(&s, 300, 500, 3, 0, 3, 3);
}

static void test_truncated_never_beyond_two_std(void)
{
    il_init_spec s;
    il_rng rng;
    size_t i, n = ROWS * COLS, near_edge = 0, outside = 0;
    il_init_spec_default(&s, IL_INIT_TRUNCATED_NORMAL);
    s.mean = -3;
    s.std = 2;
    il_rng_seed(&rng, 77);
    CHECK_OK(il_init_fill(big, ROWS, COLS, 1, 1, &s, &rng));
    for (i = 0; i < n; i++) {
        outside += !(big[i] >= -7 && big[i] <= 1);
        near_edge += fabs(big[i] + 3) > 2 * 1.9;
    }
    CHECK(outside == 0);
    /* the cut is at 2 std, not well inside it: P(1.9 < |x| <= 2) among
     * draws within 2 is 0.0120 (sd 0.0001 over 10^6) */
    CHECK_NEAR((double)near_edge / n, 0.0120, 0.001);
}

/* il_init_fill's verdict on a spec (it checks before it draws). */
static il_status check_spec_of(const il_init_spec *s)
{
    double A[6];
    il_rng rng;
    il_rng_seed(&rng, 1);
    return il_init_fill(A, 3, 2, 2, 3, s, &rng);
}

/* The mean and variance of N(mean, std^2) conditioned on [a, b] (both
 * finite), the textbook formulas. */
static void truncated_moments(double mean, double std, double a, double b,
                              double *m, double *v)
{
    double al = (a - mean) / std, be = (b - mean) / std;
    double pa = exp(-0.5 * al * al) / sqrt(2 * acos(-1.0));
    double pb = exp(-0.5 * be * be) / sqrt(2 * acos(-1.0));
    double z = 0.5 * (erfc(al / sqrt(2.0)) - erfc(be / sqrt(2.0)));
    double r = (pa - pb) / z;
    *m = mean + std * r;
    *v = std * std * (1 + (al * pa - be * pb) / z - r * r);
}

/* truncated_normal with absolute bounds [a, b] is PyTorch's trunc_normal_
 * (its defaults a = -2, b = 2); without them Keras's TruncatedNormal, cut
 * at mean +- 2 std.  Every kind of interval: around the mean, narrow
 * around it, one-sided, out in either tail, past the largest double. */
static void test_truncated_bounds(void)
{
    static const double cases[][4] = { /* mean, std, a, b */
        {0, 1, -2, 2},       /* PyTorch's defaults: as Keras's at std 1 */
        {0, 0.02, -2, 2},    /* PyTorch's at std 0.02: hardly cut at all */
        {1, 1, 0.5, 3},      /* asymmetric, most of the mass */
        {0, 1, -0.1, 0.2},   /* narrow around the mean */
        {0, 1, 3, 4},        /* a tail: 0.13% of the mass */
        {-1, 0.5, 0.5, 1},   /* the same interval, standardized */
        {0, 1, 5, 5.1},      /* narrow, far out */
        {0, 1, -6, -5},      /* the lower tail */
        {0, 1, 8, 1e300},    /* one-sided, unbounded in practice */
    };
    il_init_spec s;
    il_rng rng;
    double m, v, A[64];
    size_t q, i;
    for (q = 0; q < sizeof cases / sizeof cases[0]; q++) {
        il_init_spec_default(&s, IL_INIT_TRUNCATED_NORMAL);
        s.mean = cases[q][0];
        s.std = cases[q][1];
        s.low = cases[q][2];
        s.high = cases[q][3];
        truncated_moments(s.mean, s.std, s.low, s.high, &m, &v);
        /* a one-sided tail is near an exponential: kurtosis below 9 */
        check_draw_k(&s, 1, 1, m, v, s.low, s.high, 9);
    }
    /* the numbers: at std 0.02 PyTorch's [-2, 2] keeps the
     * variance 4.0e-4, Keras's mean +- 2 std makes it 3.1e-4 */
    truncated_moments(0, 0.02, -2, 2, &m, &v);
    CHECK_NEAR(v, 4.0e-4, 1e-12);
    il_init_spec_default(&s, IL_INIT_TRUNCATED_NORMAL);
    s.std = 0.02;
    check_draw(&s, 1, 1, 0, 0.02 * 0.02 * 0.77374133, -0.04, 0.04);
    /* [40, 41]: a mass no double holds, but the draws still come; its
     * moments by quadrature of exp(-(x^2 - 40^2)/2) */
    il_init_spec_default(&s, IL_INIT_TRUNCATED_NORMAL);
    s.low = 40;
    s.high = 41;
    check_draw_k(&s, 1, 1, 40.024968847224580, 6.2266837863e-4, 40, 41, 9);
    /* a near end past the largest double: every value is that end */
    il_rng_seed(&rng, 5);
    s.std = 1e-300;
    s.low = 1e10;
    s.high = 2e10;
    CHECK_OK(il_init_fill(A, 8, 8, 8, 8, &s, &rng));
    for (i = 0; i < 64; i++)
        CHECK(A[i] == 1e10);
    s.low = -2e10;
    s.high = -1e10;
    CHECK_OK(il_init_fill(A, 8, 8, 8, 8, &s, &rng));
    for (i = 0; i < 64; i++)
        CHECK(A[i] == -1e10);
    /* std 0: the mean, or the bound nearest it */
    s.std = 0;
    s.mean = 0.5;
    s.low = 0;
    s.high = 1;
    CHECK_OK(il_init_fill(A, 8, 8, 8, 8, &s, &rng));
    CHECK(A[0] == 0.5 && A[63] == 0.5);
    s.mean = 3;
    CHECK_OK(il_init_fill(A, 8, 8, 8, 8, &s, &rng));
    CHECK(A[0] == 1 && A[63] == 1);
    /* both bounds or neither; a < b */
    s.std = 1;
    s.low = NAN;
    CHECK_FAILS(il_init_fill(A, 8, 8, 8, 8, &s, &rng), IL_EBADVALUE,
                "truncated_normal needs both bounds low and high (a and b: "
                "PyTorch's [a, b]) or neither (Keras's mean +- 2 std), got "
                "low=NaN high=1");
    s.low = 1;
    CHECK_FAILS(il_init_fill(A, 8, 8, 8, 8, &s, &rng), IL_EBADVALUE,
                "truncated_normal needs low < high, both finite, got low=1 "
                "high=1");
    s.low = -INFINITY;
    CHECK_FAILS(il_init_fill(A, 8, 8, 8, 8, &s, &rng), IL_EBADVALUE,
                "got low=-Inf high=1");
}

/* xavier_normal, he_normal, lecun_normal and variance_scaling with
 * distribution truncated_normal are Keras's GlorotNormal, HeNormal,
 * LecunNormal and VarianceScaling's default: cut at 2 std of a normal
 * whose std is sqrt(scale/fan)/0.87962566103423978, so that the variance
 * is scale/fan. */
static void test_keras_truncated(void)
{
    const double fi = 300, fo = 500, keras = 0.87962566103423978;
    il_init_spec s;
    double sd;
    il_init_spec_default(&s, IL_INIT_XAVIER_NORMAL);
    s.dist = IL_DIST_TRUNCATED;
    sd = sqrt(2 / (fi + fo)) / keras;
    check_draw(&s, 300, 500, 0, 2 / (fi + fo), -2 * sd, 2 * sd);
    il_init_spec_default(&s, IL_INIT_HE_NORMAL);
    s.dist = IL_DIST_TRUNCATED;
    sd = sqrt(2 / fi) / keras;
    check_draw(&s, 300, 500, 0, 2 / fi, -2 * sd, 2 * sd);
    il_init_spec_default(&s, IL_INIT_LECUN_NORMAL);
    s.dist = IL_DIST_TRUNCATED;
    s.mode = IL_FAN_OUT;
    sd = sqrt(1 / fo) / keras;
    check_draw(&s, 300, 500, 0, 1 / fo, -2 * sd, 2 * sd);
    il_init_spec_default(&s, IL_INIT_VARIANCE_SCALING);
    s.dist = IL_DIST_TRUNCATED;
    s.mode = IL_FAN_AVG;
    sd = sqrt(1 / 400.0) / keras;
    check_draw(&s, 300, 500, 0, 1 / 400.0, -2 * sd, 2 * sd);
    /* a *_normal draws a normal; its uniform is another kind */
    il_init_spec_default(&s, IL_INIT_XAVIER_NORMAL);
    s.dist = IL_DIST_UNIFORM;
    CHECK_FAILS(check_spec_of(&s), IL_EBADVALUE,
                "xavier_normal draws a normal: distribution must be normal or "
                "truncated_normal, got uniform (the uniform one is "
                "xavier_uniform)");
    il_init_spec_default(&s, IL_INIT_LECUN_NORMAL);
    s.dist = (il_distribution)9;
    CHECK_FAILS(check_spec_of(&s), IL_EBADNAME,
                "lecun_normal: unknown distribution 9");
    /* a *_uniform does not read it */
    il_init_spec_default(&s, IL_INIT_HE_UNIFORM);
    s.dist = (il_distribution)9;
    CHECK_OK(check_spec_of(&s));
}

/* he_* as PyTorch's kaiming_*: std = gain(nonlinearity, slope)/sqrt(fan),
 * bound sqrt(3) std; the default leaky_relu with slope 0 is relu's
 * sqrt(2).  gain multiplies that gain (the front ends' 'gain' sets the
 * nonlinearity to linear, so that it is the gain itself). */
static void test_he_nonlinearity(void)
{
    const double fi = 300, fo = 500;
    il_init_spec s;
    il_rng rng;
    il_act elu = il_act_make(IL_ELU);
    double g, a, A[16], z;
    size_t i;
    il_init_spec_default(&s, IL_INIT_HE_NORMAL);
    s.nonlinearity = IL_TANH;
    check_draw(&s, 300, 500, 0, 25.0 / 9 / fi, -INFINITY, INFINITY);
    s.nonlinearity = IL_SIGMOID;
    s.mode = IL_FAN_OUT;
    check_draw(&s, 300, 500, 0, 1 / fo, -INFINITY, INFINITY);
    s.nonlinearity = IL_LINEAR;
    s.mode = IL_FAN_IN;
    s.gain = 5.0 / 3; /* kaiming_normal_(nonlinearity='tanh') */
    check_draw(&s, 300, 500, 0, 25.0 / 9 / fi, -INFINITY, INFINITY);
    s.nonlinearity = IL_RELU;
    s.gain = 1;
    s.slope = 5; /* relu's gain has no slope */
    check_draw(&s, 300, 500, 0, 2 / fi, -INFINITY, INFINITY);
    s.nonlinearity = IL_ELU; /* no textbook gain: il_gain computes one */
    CHECK_OK(il_gain(elu, &g, NULL));
    check_draw(&s, 300, 500, 0, g * g / fi, -INFINITY, INFINITY);
    il_init_spec_default(&s, IL_INIT_HE_UNIFORM);
    s.nonlinearity = IL_SELU;
    a = 0.75 * sqrt(3 / fi);
    check_draw(&s, 300, 500, 0, a * a / 3, -a, a);
    /* the plain case is randn * sqrt(2/fan) to the last bit */
    il_init_spec_default(&s, IL_INIT_HE_NORMAL);
    il_rng_seed(&rng, 3);
    CHECK_OK(il_init_fill(A, 4, 4, 7, 4, &s, &rng));
    il_rng_seed(&rng, 3);
    for (i = 0; i < 16; i++) {
        z = il_rng_normal(&rng);
        CHECK(A[i] == 0.0 + sqrt(2.0 / 7) * z);
    }
    /* softmax has no gain; a kind that is not one */
    s.nonlinearity = IL_SOFTMAX;
    CHECK_FAILS(check_spec_of(&s), IL_EBADARG,
                "he_normal: nonlinearity softmax: softmax has no gain");
    s.nonlinearity = (il_act_kind)99;
    CHECK_FAILS(check_spec_of(&s), IL_EBADNAME,
                "he_normal: unknown nonlinearity 99");
    /* the slope is read for leaky_relu only */
    s.nonlinearity = IL_TANH;
    s.slope = NAN;
    CHECK_OK(check_spec_of(&s));
    s.nonlinearity = IL_LEAKY_RELU;
    CHECK_FAILS(check_spec_of(&s), IL_EBADVALUE,
                "he_normal needs a finite slope, got slope=NaN");
}

/* The names il_gain and he_*'s nonlinearity take: the activations and
 * PyTorch's names of the linear layers it has no use for (gain 1). */
static void test_nonlinearity_names(void)
{
    static const char *const conv[] = {"conv1d", "conv2d", "conv3d",
                                       "conv_transpose1d", "conv_transpose2d",
                                       "conv_transpose3d"};
    il_act a;
    double g;
    size_t i;
    for (i = 0; i < sizeof conv / sizeof conv[0]; i++) {
        a = il_act_make(IL_TANH);
        CHECK_OK(il_nonlinearity_from_name(conv[i], &a));
        CHECK(a.kind == IL_LINEAR);
        CHECK_OK(il_gain(a, &g, NULL));
        CHECK(g == 1.0);
    }
    CHECK_OK(il_nonlinearity_from_name("leaky_relu", &a));
    CHECK(a.kind == IL_LEAKY_RELU && a.param == 0.01); /* calculate_gain's */
    CHECK_OK(il_nonlinearity_from_name("logistic", &a));
    CHECK(a.kind == IL_SIGMOID);
    CHECK_FAILS(il_nonlinearity_from_name("tan", &a), IL_EBADNAME,
                "unknown nonlinearity 'tan'; expected one of: linear, sigmoid, "
                "tanh, relu, leaky_relu, elu, selu, softsign, softplus, softmax, "
                "identity, logistic, conv1d, conv2d, conv3d, conv_transpose1d, "
                "conv_transpose2d, conv_transpose3d");
    CHECK_FAILS(il_nonlinearity_from_name(NULL, &a), IL_EBADNAME,
                "unknown nonlinearity '(null)'");
    CHECK_FAILS(il_nonlinearity_from_name("tanh", NULL), IL_EBADARG,
                "act must not be NULL");
}

/* What each kind reads, which front ends refuse an unread option by. */
static void test_reads(void)
{
    CHECK(il_init_reads(IL_INIT_LECUN_NORMAL) == (IL_READS_MODE | IL_READS_DIST));
    CHECK(!(il_init_reads(IL_INIT_LECUN_UNIFORM) & IL_READS_GAIN));
    CHECK(il_init_reads(IL_INIT_UNIFORM) == IL_READS_BOUNDS);
    CHECK(il_init_reads(IL_INIT_TRUNCATED_NORMAL) & IL_READS_BOUNDS);
    CHECK(il_init_reads(IL_INIT_HE_NORMAL) & IL_READS_NONLINEARITY);
    CHECK(!(il_init_reads(IL_INIT_XAVIER_UNIFORM) & IL_READS_DIST));
    CHECK(il_init_reads(IL_INIT_NGUYEN_WIDROW) == IL_READS_BATCH);
    CHECK(il_init_reads(IL_INIT_ZEROS) == 0 && il_init_reads(IL_INIT_DEFAULT) == 0);
    CHECK(il_init_reads(IL_INIT_COUNT) == 0);
}

static void test_sparse(void)
{
    il_init_spec s;
    il_rng rng;
    size_t i, j, rows = 200, cols = 300, wrong = 0;
    /* {percent, rows, zeros}: the zeros are Python's
     * math.ceil(percent / 100.0 * rows), as PyTorch's sparse_ counts them */
    size_t fractions_rows[][3] = {{30, 200, 60}, {7, 100, 8}, {14, 50, 8},
                                  {10, 1000, 100}, {0, 200, 0}, {99, 1, 1},
                                  {1, 200, 2}, {29, 100, 29}, {57, 100, 57},
                                  {55, 100, 56}, {7, 300, 22}, {3, 10, 1},
                                  {70, 10, 7}};
    double *A = malloc(1000 * cols * sizeof *A), ss = 0;
    size_t q;
    il_init_spec_default(&s, IL_INIT_SPARSE);
    s.fraction = 0.3;
    s.std = 2;
    s.mean = 100; /* sparse does not read mean: its values are N(0, std^2) */
    il_rng_seed(&rng, 8);
    CHECK_OK(il_init_fill(A, rows, cols, rows, cols, &s, &rng));
    for (j = 0; j < cols; j++) {
        size_t zeros = 0;
        for (i = 0; i < rows; i++) {
            zeros += A[i + j * rows] == 0.0;
            ss += A[i + j * rows] * A[i + j * rows];
        }
        wrong += zeros != 60;
    }
    CHECK(wrong == 0);
    /* the nonzeros are N(0, 4): 42000 of them, sd of the mean square
     * 4 sqrt(2/42000) = 0.028 */
    CHECK_NEAR(ss / (double)((rows - 60) * cols), 4, 5 * 0.028);
    /* exactly ceil(fraction * rows) per column, the product rounded as a
     * double first: where it lands a hair above an integer (0.07 * 100 =
     * 7.000000000000001) that is one zero more, as in PyTorch, and a hair
     * below (0.29 * 100 = 28.999999999999996) none */
    for (q = 0; q < sizeof fractions_rows / sizeof fractions_rows[0]; q++) {
        size_t r = fractions_rows[q][1], want = fractions_rows[q][2], worst = 0;
        il_init_spec_default(&s, IL_INIT_SPARSE);
        s.fraction = (double)fractions_rows[q][0] / 100.0;
        CHECK_OK(il_init_fill(A, r, cols, r, cols, &s, &rng));
        for (j = 0; j < cols; j++) {
            size_t zeros = 0;
            for (i = 0; i < r; i++)
                zeros += A[i + j * r] == 0.0;
            worst = zeros != want ? zeros : worst;
        }
        CHECK(worst == 0);
        if (worst)
            printf("#   fraction %g of %zu rows: %zu zeros, want %zu\n",
                   s.fraction, r, worst, want);
    }
    free(A);
}

static void test_orthogonal_and_identity(void)
{
    size_t shapes[][2] = {{50, 20}, {20, 50}, {33, 33}, {1, 7}, {7, 1}, {1, 1}};
    size_t q, i, j, k;
    for (q = 0; q < sizeof shapes / sizeof shapes[0]; q++) {
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
        if (worst >= 1e-12)
            printf("#   %zux%zu: off by %g\n", r, c, worst);
        CHECK(worst < 1e-12);
        s.kind = IL_INIT_IDENTITY;
        CHECK_OK(il_init_fill(W, r, c, c, r, &s, &rng));
        for (i = 0; i < r; i++)
            for (j = 0; j < c; j++)
                CHECK(W[i + j * r] == (i == j ? g : 0.0));
        free(W);
    }
}

/* An orthogonal 1000 x 400 has every column of length gain, so its entries'
 * mean square is gain^2 / 1000 exactly; the sign fix makes Q Haar
 * distributed, so the entries are centred (sd of their mean
 * gain / sqrt(1000 * 4e5)). */
static void test_orthogonal_moments(void)
{
    size_t r = 1000, c = 400, i;
    il_init_spec s;
    il_rng rng;
    double sum = 0, ss = 0, g = 0.8, diagonal_positive = 0;
    il_init_spec_default(&s, IL_INIT_ORTHOGONAL);
    s.gain = g;
    il_rng_seed(&rng, 21);
    CHECK_OK(il_init_fill(big, r, c, c, r, &s, &rng));
    for (i = 0; i < r * c; i++) {
        sum += big[i];
        ss += big[i] * big[i];
    }
    CHECK_NEAR(ss / (r * c), g * g / r, 1e-15);
    CHECK_NEAR(sum / (r * c), 0, 5 * g / sqrt((double)r * r * c));
    /* Without the sign fix Q's diagonal takes the signs the reflections
     * chose (Q(1,1) = -|a11|/|a1| < 0 always); with it, either sign is
     * equally likely. */
    for (i = 0; i < c; i++)
        diagonal_positive += big[i + i * r] > 0;
    CHECK_NEAR(diagonal_positive / c, 0.5, 5 * 0.5 / sqrt((double)c));
}

static void test_matrix_fill(void)
{
    double M[] = {1, 2, 3, 4, 5, 6}, A[6];
    il_init_spec s;
    il_rng rng;
    il_rng_seed(&rng, 1);
    il_init_spec_default(&s, IL_INIT_MATRIX);
    s.matrix = M;
    s.matrix_rows = 2;
    s.matrix_cols = 3;
    CHECK_OK(il_init_fill(A, 2, 3, 3, 2, &s, &rng));
    CHECK(memcmp(A, M, sizeof M) == 0);
    CHECK_FAILS(il_init_fill(A, 3, 2, 2, 3, &s, &rng), IL_EBADSIZE,
                "matrix must be 3x2, got 2x3");
    M[1] = NAN;
    CHECK_FAILS(il_init_fill(A, 2, 3, 3, 2, &s, &rng), IL_EBADVALUE,
                "matrix(2,1) is NaN; an initial matrix must be finite");
    M[1] = -INFINITY;
    CHECK_FAILS(il_init_fill(A, 2, 3, 3, 2, &s, &rng), IL_EBADVALUE,
                "matrix(2,1) is -Inf");
    s.matrix = NULL;
    CHECK_FAILS(il_init_fill(A, 2, 3, 3, 2, &s, &rng), IL_EBADARG,
                "matrix needs the matrix to copy");
}

/* ---- whole networks ---------------------------------------------------- */

static void test_net_init_order_and_determinism(void)
{
    size_t sizes[] = {3, 4, 2};
    il_net *a = make_net(2, sizes, IL_TANH), *b = make_net(2, sizes, IL_TANH);
    il_init_spec w, bias;
    il_init_opts o;
    il_rng rng;
    double W1[12], b1[4], W2[8], b2[2];
    il_init_spec_default(&w, IL_INIT_NORMAL);
    il_init_spec_default(&bias, IL_INIT_UNIFORM);
    il_init_opts_default(&o);
    o.weights = &w;
    o.biases = &bias;
    o.seed = 99;
    CHECK_OK(il_net_init(a, &o));
    CHECK_OK(il_net_init(b, &o));
    CHECK(memcmp(il_net_W(a, 1), il_net_W(b, 1), sizeof W1) == 0);
    /* one stream: layer 1's W, its b, then layer 2's W and b */
    il_rng_seed(&rng, 99);
    CHECK_OK(il_init_fill(W1, 4, 3, 3, 4, &w, &rng));
    CHECK_OK(il_init_fill(b1, 4, 1, 3, 4, &bias, &rng));
    CHECK_OK(il_init_fill(W2, 2, 4, 4, 2, &w, &rng));
    CHECK_OK(il_init_fill(b2, 2, 1, 4, 2, &bias, &rng));
    CHECK(memcmp(il_net_W(a, 1), W1, sizeof W1) == 0);
    CHECK(memcmp(il_net_b(a, 1), b1, sizeof b1) == 0);
    CHECK(memcmp(il_net_W(a, 2), W2, sizeof W2) == 0);
    CHECK(memcmp(il_net_b(a, 2), b2, sizeof b2) == 0);
    o.seed = 100;
    CHECK_OK(il_net_init(b, &o));
    CHECK(memcmp(il_net_W(a, 1), il_net_W(b, 1), sizeof W1) != 0);
    il_net_free(a);
    il_net_free(b);
}

/* Same seed: the same bits; another seed: other bits, for every kind. */
static void test_every_kind_is_deterministic(void)
{
    size_t sizes[] = {6, 5, 4}, m = 16, i, k;
    il_net *net = make_net(2, sizes, IL_TANH);
    double first[64], again[64], other[64], X[6 * 16], M[30];
    il_init_spec w[2];
    il_init_opts o;
    il_rng rng;
    il_rng_seed(&rng, 4);
    for (i = 0; i < 6 * m; i++)
        X[i] = il_rng_normal(&rng);
    for (i = 0; i < 30; i++)
        M[i] = (double)i / 7;
    for (k = 0; k < IL_INIT_COUNT; k++) {
        size_t count;
        int draws = k != IL_INIT_ZEROS &&
                    k != IL_INIT_ONES && k != IL_INIT_CONSTANT &&
                    k != IL_INIT_IDENTITY && k != IL_INIT_MATRIX &&
                    k != IL_INIT_HADAMARD;
        il_init_spec_default(&w[0], (il_init_kind)k);
        il_init_spec_default(&w[1], (il_init_kind)k);
        if (k == IL_INIT_MATRIX) {
            w[0].matrix = M;
            w[0].matrix_rows = 5;
            w[0].matrix_cols = 6;
            w[1].matrix = M;
            w[1].matrix_rows = 4;
            w[1].matrix_cols = 5;
        }
        il_init_opts_default(&o);
        o.weights = w;
        o.n_specs = 2;
        o.X = X;
        o.m = m;
        o.seed = 5;
        CHECK_OK(il_net_init(net, &o));
        count = params_of(net, first);
        CHECK(il_all_finite(first, count));
        CHECK_OK(il_net_init(net, &o));
        params_of(net, again);
        o.seed = 6;
        CHECK_OK(il_net_init(net, &o));
        params_of(net, other);
        if (memcmp(first, again, count * sizeof *first) != 0)
            printf("#   %s: same seed, other numbers\n", il_init_name((il_init_kind)k));
        CHECK(memcmp(first, again, count * sizeof *first) == 0);
        if (draws != (memcmp(first, other, count * sizeof *first) != 0))
            printf("#   %s: another seed %s\n", il_init_name((il_init_kind)k),
                   draws ? "gives the same numbers" : "changes the numbers");
        CHECK(draws == (memcmp(first, other, count * sizeof *first) != 0));
    }
    il_net_free(net);
}

static void test_per_layer_specs_and_matrix(void)
{
    size_t sizes[] = {2, 3, 1};
    il_net *net = make_net(2, sizes, IL_RELU);
    il_init_spec w[2], b[2];
    il_init_opts o;
    double M[] = {1, 2, 3, 4, 5, 6}, v[] = {7}, v3[] = {8, 9, 10};
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
    /* a bias matrix may be a row or a column */
    b[0] = b[1];
    b[0].matrix = v3;
    b[0].matrix_rows = 1;
    b[0].matrix_cols = 3;
    CHECK_OK(il_net_init(net, &o));
    CHECK(memcmp(il_net_b(net, 1), v3, sizeof v3) == 0);
    b[0].matrix_rows = 3;
    b[0].matrix_cols = 1;
    CHECK_OK(il_net_init(net, &o));
    CHECK(memcmp(il_net_b(net, 1), v3, sizeof v3) == 0);
    b[0].matrix_rows = 2;
    CHECK_FAILS(il_net_init(net, &o), IL_EBADSIZE,
                "layer 1 bias: matrix must have 3 entries, got 2x1");
    b[0].matrix_rows = 3;
    v3[2] = INFINITY;
    CHECK_FAILS(il_net_init(net, &o), IL_EBADVALUE,
                "layer 1 bias: matrix(3) is Inf");
    v3[2] = 10;
    /* a matrix of the wrong shape is refused, not read past its end */
    w[0].matrix_rows = 2;
    w[0].matrix_cols = 3;
    CHECK_FAILS(il_net_init(net, &o), IL_EBADSIZE,
                "layer 1: matrix must be 3x2, got 2x3");
    il_net_free(net);
}

static void test_biases(void)
{
    size_t sizes[] = {300, 1000, 200}, i;
    il_net *net = make_net(2, sizes, IL_TANH);
    il_init_spec w, b;
    il_init_opts o;
    double lim1 = sqrt(6.0 / (300 + 1000)), lim2 = sqrt(6.0 / (1000 + 200));
    double max1 = 0, max2 = 0;
    int all_zero = 1;
    il_init_spec_default(&w, IL_INIT_ONES);
    il_init_opts_default(&o);
    o.weights = &w;
    CHECK_OK(il_net_init(net, &o)); /* no bias spec: zeros */
    for (i = 0; i < 1000; i++)
        all_zero &= il_net_b(net, 1)[i] == 0.0;
    CHECK(all_zero);
    /* a fan-based bias uses its layer's fans */
    il_init_spec_default(&b, IL_INIT_XAVIER_UNIFORM);
    o.biases = &b;
    CHECK_OK(il_net_init(net, &o));
    for (i = 0; i < 1000; i++)
        max1 = fmax(max1, fabs(il_net_b(net, 1)[i]));
    for (i = 0; i < 200; i++)
        max2 = fmax(max2, fabs(il_net_b(net, 2)[i]));
    CHECK(max1 <= lim1 && max1 > 0.95 * lim1);
    CHECK(max2 <= lim2 && max2 > 0.95 * lim2 && max2 > lim1);
    il_init_spec_default(&b, IL_INIT_DEFAULT);
    CHECK_OK(il_net_init(net, &o));
    CHECK(il_net_b(net, 2)[7] == 0.0);
    il_net_free(net);
}

static void test_failure_leaves_the_net_unchanged(void)
{
    size_t sizes[] = {2, 3, 2};
    il_net *net = make_net(2, sizes, IL_TANH);
    il_init_spec w[2];
    il_init_opts o;
    double before[32], after[32];
    size_t count;
    il_init_spec_default(&w[0], IL_INIT_NORMAL);
    il_init_spec_default(&w[1], IL_INIT_UNIFORM);
    il_init_opts_default(&o);
    o.weights = w;
    o.n_specs = 2;
    o.seed = 3;
    CHECK_OK(il_net_init(net, &o));
    count = params_of(net, before);
    /* layer 1 is drawn before layer 2's matrix turns out to be wrong */
    il_init_spec_default(&w[1], IL_INIT_MATRIX);
    w[1].matrix = before;
    w[1].matrix_rows = 3;
    w[1].matrix_cols = 3;
    o.seed = 4;
    CHECK_FAILS(il_net_init(net, &o), IL_EBADSIZE,
                "layer 2: matrix must be 2x3, got 3x3");
    params_of(net, after);
    CHECK(memcmp(before, after, count * sizeof *before) == 0);
    il_net_free(net);
}

/* ---- Nguyen-Widrow ------------------------------------------------------ */

static double row_norm(il_net *net, size_t l, size_t i)
{
    size_t S = il_net_size(net, l), R = il_net_size(net, l - 1), j;
    double s = 0;
    for (j = 0; j < R; j++)
        s += il_net_W(net, l)[i + S * j] * il_net_W(net, l)[i + S * j];
    return sqrt(s);
}

static void test_nguyen_widrow(void)
{
    size_t sizes[] = {3, 8, 1}, m = 20, i, j;
    il_net *net = make_net(2, sizes, IL_TANH);
    il_init_spec w, b;
    il_init_opts o;
    double X[60], W0[24], b0[8], lo[3], hi[3], mag = 0.7 * pow(8, 1.0 / 3);
    for (j = 0; j < m; j++) {
        X[3 * j] = (double)j;            /* range [0, 19] */
        X[3 * j + 1] = 5.0;              /* constant: initnw leaves it out */
        X[3 * j + 2] = -1.0 + 0.1 * (double)j; /* [-1, 0.9] */
    }
    lo[0] = 0, hi[0] = 19, lo[1] = hi[1] = 5, lo[2] = -1, hi[2] = 0.9;
    il_init_spec_default(&w, IL_INIT_NGUYEN_WIDROW);
    il_init_opts_default(&o);
    o.weights = &w;
    o.seed = 12;
    /* Without X, inputs are taken in [-1, 1]: each row has length
     * 0.7 S^(1/R) times the half-width of tanh's active range, 2, and the
     * biases are spread over +-that, in steps, with the sign of W(:,1). */
    CHECK_OK(il_net_init(net, &o));
    memcpy(W0, il_net_W(net, 1), sizeof W0);
    memcpy(b0, il_net_b(net, 1), sizeof b0);
    for (i = 0; i < 8; i++) {
        double step = -1 + 2 * (double)i / 7;
        CHECK_NEAR(row_norm(net, 1, i), 2 * mag, 1e-12);
        CHECK_NEAR(b0[i], 2 * mag * step * (W0[i] < 0 ? -1 : 1), 1e-12);
    }
    /* a single unit: bias 0 (MATLAB's choice); layer 2's inputs are tanh's
     * outputs, already in [-1, 1] */
    CHECK(il_net_b(net, 2)[0] == 0.0);
    CHECK_NEAR(row_norm(net, 2, 0), 2 * 0.7, 1e-12);

    /* With X: input 2 is constant (5 throughout), so as initnw does it is
     * left out: its weights are 0, and the other two are placed as NW
     * places 2 inputs, magnitude 0.7 * 8^(1/2).  Undoing the map of each
     * varying input's range onto [-1, 1] (x' = s x + t) gives rows of
     * length 2 m and biases spread over +-2 m again. */
    o.X = X;
    o.m = m;
    CHECK_OK(il_net_init(net, &o));
    for (i = 0; i < 8; i++) {
        double w0[3], b3 = il_net_b(net, 1)[i], step = -1 + 2 * (double)i / 7;
        double m2 = 0.7 * sqrt(8.0);
        CHECK(il_net_W(net, 1)[i + 8] == 0.0);
        for (j = 0; j < 3; j += 2) {
            double sj = 2 / (hi[j] - lo[j]), tj = 1 - hi[j] * sj;
            w0[j] = il_net_W(net, 1)[i + 8 * j] / sj;
            b3 -= w0[j] * tj;
        }
        CHECK_NEAR(sqrt(w0[0] * w0[0] + w0[2] * w0[2]), 2 * m2, 1e-12);
        CHECK_NEAR(b3, 2 * m2 * step * (w0[0] < 0 ? -1 : 1), 1e-12);
    }
    /* no input varies: nothing to place, W = 0 and b = 0 */
    for (j = 0; j < m; j++)
        X[3 * j] = X[3 * j + 2] = 1.5;
    CHECK_OK(il_net_init(net, &o));
    for (i = 0; i < 8; i++)
        CHECK(il_net_b(net, 1)[i] == 0.0 && il_net_W(net, 1)[i] == 0.0 &&
              il_net_W(net, 1)[i + 16] == 0.0);
    for (j = 0; j < m; j++) {
        X[3 * j] = (double)j;
        X[3 * j + 2] = -1.0 + 0.1 * (double)j;
    }
    /* an explicit bias spec overrides NW's biases; "default" keeps them */
    il_init_spec_default(&b, IL_INIT_CONSTANT);
    b.value = 0.25;
    o.biases = &b;
    CHECK_OK(il_net_init(net, &o));
    CHECK(il_net_b(net, 1)[3] == 0.25 && il_net_b(net, 2)[0] == 0.25);
    il_init_spec_default(&b, IL_INIT_DEFAULT);
    o.X = NULL;
    CHECK_OK(il_net_init(net, &o));
    CHECK(memcmp(il_net_b(net, 1), b0, sizeof b0) == 0);
    il_net_free(net);
}

/* Layer l > 1 reads its inputs' range from the previous activation, cut to
 * [-1, 1] where it is unbounded, as initnw cuts it: relu's [0, Inf) is
 * [0, 1] (scale 2), elu's (-1, Inf) and selu's (-1.76, Inf) are [-1, 1]
 * (scale 1), sigmoid's (0, 1) itself (scale 2); sigmoid's active range is
 * [-4, 4].  A layer whose activation has no bounded active range (relu,
 * elu, selu, linear: MATLAB's poslin, purelin) gets initnw's fallback,
 * rands: W and b from U[-1, 1]. */
static void test_nguyen_widrow_hidden_ranges(void)
{
    size_t sizes[] = {2, 5, 3}, i;
    il_act_kind relu_tanh[] = {IL_RELU, IL_TANH}, elu_tanh[] = {IL_ELU, IL_TANH};
    il_act_kind sig_sig[] = {IL_SIGMOID, IL_SIGMOID}, selu_tanh[] = {IL_SELU, IL_TANH};
    il_net *a = make_net_acts(2, sizes, relu_tanh);
    il_net *b = make_net_acts(2, sizes, elu_tanh);
    il_net *c = make_net_acts(2, sizes, sig_sig);
    il_net *d = make_net_acts(2, sizes, selu_tanh);
    il_init_spec w, bias;
    il_init_opts o;
    il_rng rng;
    double mag1 = 0.7 * sqrt(5.0), mag2 = 0.7 * pow(3, 1.0 / 5), W1[10];
    il_init_spec_default(&w, IL_INIT_NGUYEN_WIDROW);
    il_init_opts_default(&o);
    o.weights = &w;
    CHECK_OK(il_net_init(a, &o));
    CHECK_OK(il_net_init(b, &o));
    CHECK_OK(il_net_init(c, &o));
    CHECK_OK(il_net_init(d, &o));
    for (i = 0; i < 5; i++)
        CHECK_NEAR(row_norm(c, 1, i), 4 * mag1, 1e-12); /* sigmoid: [-4, 4] */
    for (i = 0; i < 3; i++) {
        CHECK_NEAR(row_norm(a, 2, i), 2 * mag2 * 2, 1e-12);
        CHECK_NEAR(row_norm(b, 2, i), 2 * mag2, 1e-12);
        CHECK_NEAR(row_norm(c, 2, i), 4 * mag2 * 2, 1e-12);
        CHECK_NEAR(row_norm(d, 2, i), 2 * mag2, 1e-12);
    }
    /* relu's layer 1: rands, W's 10 uniforms then b's 5, from the seed */
    il_rng_seed(&rng, 0);
    for (i = 0; i < 10; i++)
        CHECK(il_net_W(a, 1)[i] == -1.0 + 2.0 * il_rng_uniform(&rng));
    for (i = 0; i < 5; i++)
        CHECK(il_net_b(a, 1)[i] == -1.0 + 2.0 * il_rng_uniform(&rng));
    CHECK(memcmp(il_net_W(a, 1), il_net_W(b, 1), sizeof W1) == 0);
    /* with a bias initializer of its own the fallback draws W alone */
    memcpy(W1, il_net_W(a, 1), sizeof W1);
    il_init_spec_default(&bias, IL_INIT_CONSTANT);
    bias.value = 0.5;
    o.biases = &bias;
    CHECK_OK(il_net_init(a, &o));
    CHECK(memcmp(il_net_W(a, 1), W1, sizeof W1) == 0);
    CHECK(il_net_b(a, 1)[0] == 0.5 && il_net_b(a, 1)[4] == 0.5);
    CHECK(il_all_finite(il_net_W(a, 1), 5 * 2 + 5 + 3 * 5 + 3));
    il_net_free(a);
    il_net_free(b);
    il_net_free(c);
    il_net_free(d);
}

/* The fallback on a large layer: U[-1, 1] (mean 0, variance 1/3), every
 * draw inside and the draws reaching both ends. */
static void test_nguyen_widrow_fallback_moments(void)
{
    size_t sizes[] = {1000, 1000, 1}, i, n = 1000 * 1000;
    il_net *net = make_net(2, sizes, IL_LINEAR);
    il_init_spec w;
    il_init_opts o;
    const double *W;
    double sum = 0, ss = 0, lo = 1, hi = -1;
    il_init_spec_default(&w, IL_INIT_NGUYEN_WIDROW);
    il_init_opts_default(&o);
    o.weights = &w;
    o.seed = 9;
    CHECK_OK(il_net_init(net, &o));
    W = il_net_W(net, 1);
    for (i = 0; i < n; i++) {
        sum += W[i];
        lo = fmin(lo, W[i]);
        hi = fmax(hi, W[i]);
    }
    for (i = 0; i < n; i++)
        ss += (W[i] - sum / n) * (W[i] - sum / n);
    CHECK_NEAR(sum / n, 0, 5 * sqrt(1 / 3.0 / n));
    CHECK_NEAR(ss / n, 1 / 3.0, 5 / 3.0 * sqrt(0.8 / n));
    CHECK(lo >= -1 && hi <= 1 && lo < -0.9999 && hi > 0.9999);
    lo = 1, hi = -1;
    for (i = 0; i < 1000; i++) {
        lo = fmin(lo, il_net_b(net, 1)[i]);
        hi = fmax(hi, il_net_b(net, 1)[i]);
    }
    CHECK(lo >= -1 && hi <= 1 && lo < -0.99 && hi > 0.99);
    il_net_free(net);
}

/* ---- LSUV --------------------------------------------------------------- */

static double variance(const double *x, size_t n)
{
    double mean = 0, var = 0;
    size_t j;
    for (j = 0; j < n; j++)
        mean += x[j] / n;
    for (j = 0; j < n; j++)
        var += (x[j] - mean) * (x[j] - mean) / n;
    return var;
}

static void test_lsuv(void)
{
    size_t sizes[] = {10, 30, 30, 30, 2}, m = 256, j, l;
    il_net *net = make_net(4, sizes, IL_TANH);
    il_init_spec w[4];
    il_init_opts o;
    int trials[4];
    double *X = malloc(10 * m * sizeof *X), *Z[4];
    il_rng rng;
    il_rng_seed(&rng, 3);
    for (j = 0; j < 10 * m; j++)
        X[j] = 3.0 * il_rng_normal(&rng) + 1.0;
    for (l = 1; l <= 4; l++)
        Z[l - 1] = malloc(sizes[l] * m * sizeof(double));
    il_init_spec_default(&w[0], IL_INIT_LSUV);
    il_init_opts_default(&o);
    o.weights = w;
    o.X = X;
    o.m = m;
    o.lsuv_trials = trials;
    CHECK_OK(il_net_init(net, &o));
    for (l = 1; l <= 4; l++)
        CHECK(trials[l - 1] >= 1 && trials[l - 1] <= 10);
    CHECK_OK(il_forward(net, X, m, NULL, Z, NULL));
    for (l = 1; l <= 4; l++)
        CHECK(fabs(variance(Z[l - 1], sizes[l] * m) - 1) <= 0.05);

    /* Only layers 1 and 3 are lsuv, with a tighter tol: they reach it, and
     * the others report 0 trials. */
    il_init_spec_default(&w[1], IL_INIT_XAVIER_NORMAL);
    w[2] = w[0];
    w[2].gain = 3;
    il_init_spec_default(&w[3], IL_INIT_ZEROS);
    o.n_specs = 4;
    o.lsuv_tol = 0.01;
    o.lsuv_max_trials = 50;
    trials[1] = trials[3] = 77;
    CHECK_OK(il_net_init(net, &o));
    CHECK(trials[0] >= 1 && trials[2] >= 1 && trials[1] == 0 && trials[3] == 0);
    CHECK_OK(il_forward(net, X, m, NULL, Z, NULL));
    CHECK(fabs(variance(Z[0], 30 * m) - 1) <= 0.01);
    CHECK(fabs(variance(Z[2], 30 * m) - 1) <= 0.01);

    /* max_trials 0: just the orthogonal start */
    {
        double *p = malloc(net->n_params * sizeof *p);
        double *q = malloc(net->n_params * sizeof *q);
        size_t count;
        il_init_spec orth = w[0];
        il_init_opts oo;
        o.n_specs = 1;
        o.lsuv_max_trials = 0;
        CHECK_OK(il_net_init(net, &o));
        CHECK(trials[0] == 0 && trials[3] == 0);
        count = params_of(net, p);
        orth.kind = IL_INIT_ORTHOGONAL;
        il_init_opts_default(&oo);
        oo.weights = &orth;
        CHECK_OK(il_net_init(net, &oo));
        params_of(net, q);
        CHECK(memcmp(p, q, count * sizeof *p) == 0);
        free(p);
        free(q);
    }

    /* a batch that gives the layer nothing to rescale */
    memset(X, 0, 10 * m * sizeof *X);
    o.lsuv_max_trials = 10;
    CHECK_FAILS(il_net_init(net, &o), IL_EBADVALUE,
                "layer 1: lsuv cannot rescale: the layer's pre-activations on "
                "X have variance 0");
    /* without a batch it cannot measure anything */
    o.X = NULL;
    CHECK_FAILS(il_net_init(net, &o), IL_EBADARG, "lsuv needs a batch X");
    for (l = 1; l <= 4; l++)
        free(Z[l - 1]);
    free(X);
    il_net_free(net);
}

/* ---- defaults ------------------------------------------------------------- */

static void test_default_init(void)
{
    size_t sizes[] = {400, 300, 300, 300, 200};
    il_act acts[] = {il_act_make(IL_RELU), il_act_make(IL_SELU),
                     il_act_make(IL_TANH), il_act_make(IL_LEAKY_RELU)};
    il_net *net;
    il_init_spec w;
    il_init_opts o;
    double ss[4] = {0}, lim = sqrt(6.0 / 600), max3 = 0, *p, *q;
    size_t l, i, count;
    acts[3].param = 1; /* gain sqrt(2/(1+1)) = 1 */
    CHECK_OK(il_net_new(&net, 4, sizes, acts, IL_LOSS_MSE));
    CHECK_OK(il_net_init_default(net, 1));
    for (l = 1; l <= 4; l++)
        for (i = 0; i < sizes[l] * sizes[l - 1]; i++)
            ss[l - 1] += il_net_W(net, l)[i] * il_net_W(net, l)[i] / (sizes[l] * sizes[l - 1]);
    for (i = 0; i < 300 * 300; i++)
        max3 = fmax(max3, fabs(il_net_W(net, 3)[i]));
    /* five standard errors of a mean square over 9e4..1.2e5 draws: < 2.4% */
    CHECK_NEAR(ss[0], 2.0 / 400, 0.024 * 2.0 / 400);  /* he_normal */
    CHECK_NEAR(ss[1], 1.0 / 300, 0.024 / 300);        /* lecun_normal */
    CHECK_NEAR(ss[2], 1.0 / 300, 0.024 / 300);        /* xavier_uniform */
    CHECK(max3 <= lim && max3 > 0.99 * lim);
    CHECK_NEAR(ss[3], 1.0 / 300, 0.024 / 300);        /* he_normal, slope 1 */
    for (l = 1; l <= 4; l++)
        CHECK(il_net_b(net, l)[0] == 0.0 && il_net_b(net, l)[sizes[l] - 1] == 0.0);
    /* "default" as a weight spec is the same thing, bit for bit */
    p = malloc(net->n_params * sizeof *p);
    q = malloc(net->n_params * sizeof *q);
    count = params_of(net, p);
    il_init_spec_default(&w, IL_INIT_DEFAULT);
    il_init_opts_default(&o);
    o.weights = &w;
    o.seed = 1;
    CHECK_OK(il_net_init(net, &o));
    params_of(net, q);
    CHECK(memcmp(p, q, count * sizeof *p) == 0);
    free(p);
    free(q);
    il_net_free(net);
}

/* ---- gains ----------------------------------------------------------------- */

static void test_gains(void)
{
    il_act a;
    double g;
    int computed;
    computed = 7;
    CHECK_OK(il_gain(il_act_make(IL_LINEAR), &g, &computed));
    CHECK(g == 1.0 && computed == 0);
    computed = 7;
    CHECK_OK(il_gain(il_act_make(IL_SIGMOID), &g, &computed));
    CHECK(g == 1.0 && computed == 0);
    CHECK_OK(il_gain(il_act_make(IL_TANH), &g, &computed));
    CHECK(g == 5.0 / 3 && !computed);
    CHECK_OK(il_gain(il_act_make(IL_RELU), &g, &computed));
    CHECK(g == sqrt(2.0) && !computed);
    CHECK_OK(il_gain(il_act_make(IL_LEAKY_RELU), &g, &computed));
    CHECK(g == sqrt(2.0 / (1 + 0.01 * 0.01)) && !computed);
    a = il_act_make(IL_LEAKY_RELU);
    a.param = 0.2;
    CHECK_OK(il_gain(a, &g, NULL));
    CHECK(g == sqrt(2.0 / 1.04));
    CHECK_OK(il_gain(il_act_make(IL_SELU), &g, &computed));
    CHECK(g == 0.75 && !computed);
    /* the computed ones, against 40-digit quadrature (mpmath) of
     * 1/sqrt(E[f(x)^2]) */
    computed = 0;
    CHECK_OK(il_gain(il_act_make(IL_ELU), &g, &computed));
    CHECK(computed);
    CHECK_NEAR(g, 1.2451983007007066, 1e-12);
    a = il_act_make(IL_ELU);
    a.param = 0.5;
    CHECK_OK(il_gain(a, &g, NULL));
    CHECK_NEAR(g, 1.3655948588382177, 1e-12);
    computed = 0;
    CHECK_OK(il_gain(il_act_make(IL_SOFTSIGN), &g, &computed));
    CHECK(computed);
    CHECK_NEAR(g, 2.3375333631085397, 1e-12);
    computed = 0;
    CHECK_OK(il_gain(il_act_make(IL_SOFTPLUS), &g, &computed));
    CHECK(computed);
    CHECK_NEAR(g, 1.0418668355353017, 1e-12);
    /* the integrator, checked where the answer is known exactly */
    CHECK_NEAR(il_gain_numeric(il_act_make(IL_RELU)), sqrt(2.0), 1e-9);
    CHECK_NEAR(il_gain_numeric(il_act_make(IL_LINEAR)), 1.0, 1e-9);
    CHECK_NEAR(il_gain_numeric(il_act_make(IL_RELU)), sqrt(2.0), 1e-13);
    CHECK_FAILS(il_gain(il_act_make(IL_SOFTMAX), &g, NULL), IL_EBADARG,
                "softmax has no gain");
    CHECK_FAILS(il_gain(il_act_make(IL_TANH), NULL, NULL), IL_EBADARG,
                "gain must not be NULL");
    a.param = NAN;
    CHECK_FAILS(il_gain(a, &g, NULL), IL_EBADVALUE,
                "the parameter of elu must be finite, got NaN");
    a.kind = IL_ACT_COUNT;
    CHECK_FAILS(il_gain(a, &g, NULL), IL_EBADNAME, "unknown activation");
}

/* ---- errors ----------------------------------------------------------------- */

static void test_name_errors(void)
{
    il_init_kind k = IL_INIT_ZEROS;
    il_fan_mode f;
    il_distribution d;
    CHECK_FAILS(il_init_from_name("hee", &k), IL_EBADNAME,
                "unknown initializer 'hee'; expected one of: zeros, ones, "
                "constant, uniform, normal, truncated_normal, scaled_normal, "
                "xavier_uniform, xavier_normal, he_uniform, he_normal, "
                "lecun_uniform, lecun_normal, variance_scaling, orthogonal, "
                "identity, sparse, nguyen_widrow, lsuv, matrix, critical, "
                "hadamard, default");
    CHECK(k == IL_INIT_ZEROS); /* untouched on failure */
    CHECK_FAILS(il_init_from_name(NULL, &k), IL_EBADNAME,
                "unknown initializer '(null)'");
    CHECK_FAILS(il_fan_from_name("fan", &f), IL_EBADNAME,
                "unknown fan mode 'fan'; expected one of: fan_in, fan_out, fan_avg");
    CHECK_FAILS(il_dist_from_name("gauss", &d), IL_EBADNAME,
                "unknown distribution 'gauss'; expected one of: normal, "
                "uniform, truncated_normal");
}

static void test_fill_errors(void)
{
    il_init_spec s;
    il_rng rng;
    double A[6];
    il_rng_seed(&rng, 1);
    il_init_spec_default(&s, IL_INIT_NORMAL);
    CHECK_FAILS(il_init_fill(NULL, 3, 2, 2, 3, &s, &rng), IL_EBADARG,
                "A and rng must not be NULL");
    CHECK_FAILS(il_init_fill(A, 3, 2, 2, 3, &s, NULL), IL_EBADARG,
                "A and rng must not be NULL");
    CHECK_FAILS(il_init_fill(A, 3, 2, 0, 3, &s, &rng), IL_EBADSIZE,
                "fans must be at least 1, got 0 and 3");
    CHECK_FAILS(il_init_fill(A, 3, 2, 2, 3, NULL, &rng), IL_EBADARG,
                "spec must not be NULL");
    s.kind = IL_INIT_COUNT;
    CHECK_FAILS(il_init_fill(A, 3, 2, 2, 3, &s, &rng), IL_EBADNAME,
                "unknown initializer");
    il_init_spec_default(&s, IL_INIT_NGUYEN_WIDROW);
    CHECK_FAILS(il_init_fill(A, 3, 2, 2, 3, &s, &rng), IL_EBADARG,
                "nguyen_widrow needs a whole network: use il_net_init");
    il_init_spec_default(&s, IL_INIT_LSUV);
    CHECK_FAILS(il_init_fill(A, 3, 2, 2, 3, &s, &rng), IL_EBADARG,
                "lsuv needs a whole network");

    il_init_spec_default(&s, IL_INIT_SPARSE);
    s.fraction = 1.0;
    CHECK_FAILS(il_init_fill(A, 3, 2, 2, 3, &s, &rng), IL_EBADVALUE,
                "sparse needs fraction in [0, 1), got fraction=1");
    s.fraction = -0.1;
    CHECK_FAILS(il_init_fill(A, 3, 2, 2, 3, &s, &rng), IL_EBADVALUE,
                "got fraction=-0.1");
    s.fraction = NAN;
    CHECK_FAILS(il_init_fill(A, 3, 2, 2, 3, &s, &rng), IL_EBADVALUE,
                "got fraction=NaN");
    s.fraction = 0.5;
    s.std = -1;
    CHECK_FAILS(il_init_fill(A, 3, 2, 2, 3, &s, &rng), IL_EBADVALUE,
                "sparse needs a finite std >= 0, got std=-1");
    il_init_spec_default(&s, IL_INIT_NORMAL);
    s.std = -1;
    CHECK_FAILS(il_init_fill(A, 3, 2, 2, 3, &s, &rng), IL_EBADVALUE,
                "normal needs a finite std >= 0, got std=-1");
    s.std = 1;
    s.mean = NAN;
    CHECK_FAILS(il_init_fill(A, 3, 2, 2, 3, &s, &rng), IL_EBADVALUE,
                "normal needs a finite mean, got mean=NaN");
    il_init_spec_default(&s, IL_INIT_TRUNCATED_NORMAL);
    s.std = INFINITY;
    CHECK_FAILS(il_init_fill(A, 3, 2, 2, 3, &s, &rng), IL_EBADVALUE,
                "truncated_normal needs a finite std >= 0, got std=Inf");
    il_init_spec_default(&s, IL_INIT_CONSTANT);
    s.value = -INFINITY;
    CHECK_FAILS(il_init_fill(A, 3, 2, 2, 3, &s, &rng), IL_EBADVALUE,
                "constant needs a finite value, got value=-Inf");
    il_init_spec_default(&s, IL_INIT_UNIFORM);
    s.low = NAN;
    CHECK_FAILS(il_init_fill(A, 3, 2, 2, 3, &s, &rng), IL_EBADVALUE,
                "uniform needs low <= high, both finite, got low=NaN high=0.05");
    s.low = -1e308;
    s.high = 1e308; /* each finite, but high - low is not */
    CHECK_FAILS(il_init_fill(A, 3, 2, 2, 3, &s, &rng), IL_EBADVALUE,
                "uniform needs low <= high, both finite");
    il_init_spec_default(&s, IL_INIT_SCALED_NORMAL);
    s.scale = -0.01;
    CHECK_FAILS(il_init_fill(A, 3, 2, 2, 3, &s, &rng), IL_EBADVALUE,
                "scaled_normal needs a finite scale >= 0, got scale=-0.01");
    il_init_spec_default(&s, IL_INIT_VARIANCE_SCALING);
    s.scale = NAN;
    CHECK_FAILS(il_init_fill(A, 3, 2, 2, 3, &s, &rng), IL_EBADVALUE,
                "variance_scaling needs a finite scale >= 0, got scale=NaN");
    s.scale = 1;
    s.dist = (il_distribution)9;
    CHECK_FAILS(il_init_fill(A, 3, 2, 2, 3, &s, &rng), IL_EBADNAME,
                "variance_scaling: unknown distribution 9");
    s.dist = IL_DIST_UNIFORM;
    s.mode = (il_fan_mode)7;
    CHECK_FAILS(il_init_fill(A, 3, 2, 2, 3, &s, &rng), IL_EBADNAME,
                "variance_scaling: unknown fan mode 7; expected fan_in, "
                "fan_out or fan_avg");
    il_init_spec_default(&s, IL_INIT_HE_UNIFORM);
    s.slope = NAN;
    CHECK_FAILS(il_init_fill(A, 3, 2, 2, 3, &s, &rng), IL_EBADVALUE,
                "he_uniform needs a finite slope, got slope=NaN");
    s.slope = 0;
    s.gain = INFINITY;
    CHECK_FAILS(il_init_fill(A, 3, 2, 2, 3, &s, &rng), IL_EBADVALUE,
                "he_uniform needs a finite gain, got gain=Inf");
    il_init_spec_default(&s, IL_INIT_LECUN_NORMAL);
    s.mode = (il_fan_mode)-1;
    CHECK_FAILS(il_init_fill(A, 3, 2, 2, 3, &s, &rng), IL_EBADNAME,
                "lecun_normal: unknown fan mode -1");
    il_init_spec_default(&s, IL_INIT_XAVIER_NORMAL);
    s.gain = NAN;
    CHECK_FAILS(il_init_fill(A, 3, 2, 2, 3, &s, &rng), IL_EBADVALUE,
                "xavier_normal needs a finite gain, got gain=NaN");
    il_init_spec_default(&s, IL_INIT_ORTHOGONAL);
    s.gain = -INFINITY;
    CHECK_FAILS(il_init_fill(A, 3, 2, 2, 3, &s, &rng), IL_EBADVALUE,
                "orthogonal needs a finite gain, got gain=-Inf");
    il_init_spec_default(&s, IL_INIT_IDENTITY);
    s.gain = NAN;
    CHECK_FAILS(il_init_fill(A, 3, 2, 2, 3, &s, &rng), IL_EBADVALUE,
                "identity needs a finite gain");
    /* fields a kind does not read are not checked */
    il_init_spec_default(&s, IL_INIT_UNIFORM);
    s.gain = NAN;
    s.std = -1;
    s.mode = (il_fan_mode)7;
    CHECK_OK(il_init_fill(A, 3, 2, 2, 3, &s, &rng));
    /* a negative gain is a sign flip, not an error */
    il_init_spec_default(&s, IL_INIT_IDENTITY);
    s.gain = -2;
    CHECK_OK(il_init_fill(A, 3, 2, 2, 3, &s, &rng));
    CHECK(A[0] == -2 && A[4] == -2 && A[1] == 0);
}

static void test_net_errors(void)
{
    size_t sizes[] = {2, 3, 1};
    il_net *net = make_net(2, sizes, IL_TANH);
    il_init_spec w[3], b;
    il_init_opts o;
    il_init_kind bad_bias[] = {IL_INIT_ORTHOGONAL, IL_INIT_IDENTITY, IL_INIT_SPARSE,
                               IL_INIT_NGUYEN_WIDROW, IL_INIT_LSUV,
                               IL_INIT_CRITICAL, IL_INIT_HADAMARD};
    double X[] = {1, 2, 3, NAN};
    char want[120];
    size_t i;
    il_init_spec_default(&w[0], IL_INIT_HE_NORMAL);
    il_init_spec_default(&w[1], IL_INIT_UNIFORM);
    w[1].low = 1;
    w[1].high = 0;
    il_init_spec_default(&w[2], IL_INIT_ZEROS);
    il_init_opts_default(&o);
    CHECK_FAILS(il_net_init(NULL, &o), IL_EBADARG, "must not be NULL");
    CHECK_FAILS(il_net_init(net, NULL), IL_EBADARG, "must not be NULL");
    CHECK_FAILS(il_net_init(net, &o), IL_EBADARG,
                "net, options and weights must not be NULL");
    CHECK_FAILS(il_net_init_default(NULL, 1), IL_EBADARG, "net must not be NULL");
    o.weights = w;
    o.n_specs = 3;
    CHECK_FAILS(il_net_init(net, &o), IL_EBADSIZE,
                "n_specs must be 1 or 2 (one per layer), got 3");
    o.n_specs = 0;
    CHECK_FAILS(il_net_init(net, &o), IL_EBADSIZE, "n_specs must be 1 or 2");
    o.n_specs = 2;
    CHECK_FAILS(il_net_init(net, &o), IL_EBADVALUE,
                "layer 2: uniform needs low <= high, both finite, got low=1 high=0");
    o.n_specs = 1;
    o.biases = &b;
    for (i = 0; i < sizeof bad_bias / sizeof bad_bias[0]; i++) {
        il_init_spec_default(&b, bad_bias[i]);
        snprintf(want, sizeof want, "layer 1 bias: bias initializer '%s' is not "
                 "defined for a vector", il_init_name(bad_bias[i]));
        CHECK_FAILS(il_net_init(net, &o), IL_EBADARG, want);
    }
    il_init_spec_default(&b, IL_INIT_NORMAL);
    b.std = -2;
    CHECK_FAILS(il_net_init(net, &o), IL_EBADVALUE,
                "layer 1 bias: normal needs a finite std >= 0, got std=-2");
    il_init_spec_default(&b, IL_INIT_MATRIX);
    CHECK_FAILS(il_net_init(net, &o), IL_EBADARG,
                "layer 1 bias: matrix needs the matrix to copy");
    o.biases = NULL;
    /* a batch with a NaN is refused before anything is drawn */
    o.X = X;
    o.m = 2;
    CHECK_FAILS(il_net_init(net, &o), IL_EBADVALUE, "X(2,2) is NaN");
    o.m = 0;
    CHECK_FAILS(il_net_init(net, &o), IL_EBADSIZE, "X must have at least one");
    o.X = NULL;
    il_init_spec_default(&w[0], IL_INIT_LSUV);
    CHECK_FAILS(il_net_init(net, &o), IL_EBADARG,
                "lsuv needs a batch X to measure the layers' output variance");
    X[3] = 4;
    o.X = X;
    o.m = 2;
    o.lsuv_tol = 0;
    CHECK_FAILS(il_net_init(net, &o), IL_EBADVALUE,
                "lsuv needs a finite tol > 0, got 0");
    o.lsuv_tol = NAN;
    CHECK_FAILS(il_net_init(net, &o), IL_EBADVALUE, "got NaN");
    o.lsuv_tol = 0.05;
    o.lsuv_max_trials = -1;
    CHECK_FAILS(il_net_init(net, &o), IL_EBADVALUE,
                "lsuv needs max_trials >= 0, got -1");
    il_net_free(net);
}

/* ---- critical, hadamard, il_init_moments -------------------------------------- */

/* Mean and variance of n values. */
static void sample_moments(const double *x, size_t n, double *mean, double *var)
{
    size_t i;
    double s = 0, ss = 0;
    for (i = 0; i < n; i++)
        s += x[i];
    for (i = 0; i < n; i++)
        ss += (x[i] - s / n) * (x[i] - s / n);
    *mean = s / n;
    *var = ss / n;
}

/* critical's W over a 2000 x 2000 layer has variance sigma_w2*(act)/fan_in
 * (5 standard errors, var sqrt(2/n): 0.7%), its biases variance sigma_b2
 * (4000 of them: 11%), both mean 0; relu's sigma_w2* is 2 and linear's 1
 * exactly, tanh's at sigma_b2 = 0.05 about 1.76 (not Xavier's 1). */
static void test_critical_variance(void)
{
    il_act_kind kinds[] = {IL_TANH, IL_RELU, IL_LINEAR};
    size_t sizes[] = {2000, 2000, 2000}, k, n = 2000 * 2000;
    double sw, mean, var, bias[4000];
    il_init_spec w;
    il_init_opts o;
    il_act tanh_act = il_act_make(IL_TANH);
    CHECK_OK(il_theory_critical(il_act_make(IL_RELU), 0.05, &sw, NULL));
    CHECK(sw == 2.0);
    CHECK_OK(il_theory_critical(il_act_make(IL_LINEAR), 0.3, &sw, NULL));
    CHECK(sw == 1.0);
    CHECK_OK(il_theory_critical(tanh_act, 0.05, &sw, NULL));
    CHECK_NEAR(sw, 1.76, 0.03);
    for (k = 0; k < 3; k++) {
        il_net *net = make_net(2, sizes, kinds[k]);
        il_init_spec_default(&w, IL_INIT_CRITICAL);
        w.sigma_b2 = kinds[k] == IL_LINEAR ? 0.2 : 0.05;
        CHECK_OK(il_theory_critical(il_act_make(kinds[k]), w.sigma_b2, &sw, NULL));
        il_init_opts_default(&o);
        o.weights = &w;
        o.seed = 11;
        CHECK_OK(il_net_init(net, &o));
        sample_moments(il_net_W(net, 1), n, &mean, &var);
        CHECK_NEAR(var, sw / 2000, 5 * (sw / 2000) * sqrt(2.0 / n));
        CHECK_NEAR(mean, 0, 5 * sqrt(sw / 2000 / n));
        sample_moments(il_net_W(net, 2), n, &mean, &var);
        CHECK_NEAR(var, sw / 2000, 5 * (sw / 2000) * sqrt(2.0 / n));
        memcpy(bias, il_net_b(net, 1), 2000 * sizeof *bias);
        memcpy(bias + 2000, il_net_b(net, 2), 2000 * sizeof *bias);
        sample_moments(bias, 4000, &mean, &var);
        CHECK_NEAR(var, w.sigma_b2, 5 * w.sigma_b2 * sqrt(2.0 / 4000));
        CHECK_NEAR(mean, 0, 5 * sqrt(w.sigma_b2 / 4000));
        il_net_free(net);
    }
}

/* For relu, sigma_w2* = 2 and critical's W is he_normal's N(0, 2/fan_in)
 * number for number, in both streams, as long as the draws line up: with
 * 'bias' zeros (no bias draws) every layer; with the default biases, which
 * critical draws from N(0, sigma_b2) after each W, layer 1's W only, then
 * the stream order W1, b1, W2, b2 holds. */
static void test_critical_relu_is_he(void)
{
    size_t sizes[] = {5, 7, 3};
    il_net *a = make_net(2, sizes, IL_RELU), *b = make_net(2, sizes, IL_RELU);
    il_init_spec crit, he, zeros, bnorm;
    il_init_opts o;
    il_rng rng;
    double W1[35], b1[7], W2[21], b2[3];
    int r;
    il_init_spec_default(&crit, IL_INIT_CRITICAL);
    il_init_spec_default(&he, IL_INIT_HE_NORMAL);
    il_init_spec_default(&zeros, IL_INIT_ZEROS);
    il_init_spec_default(&bnorm, IL_INIT_NORMAL);
    bnorm.std = sqrt(0.05);
    for (r = 0; r < 2; r++) {
        int kind = r ? IL_RNG_NUMPY : IL_RNG_XOSHIRO;
        il_init_opts_default(&o);
        o.rng = kind;
        o.seed = 3;
        o.biases = &zeros;
        o.weights = &crit;
        CHECK_OK(il_net_init(a, &o));
        o.weights = &he;
        CHECK_OK(il_net_init(b, &o));
        CHECK(memcmp(il_net_W(a, 1), il_net_W(b, 1), sizeof W1) == 0);
        CHECK(memcmp(il_net_W(a, 2), il_net_W(b, 2), sizeof W2) == 0);
        o.biases = NULL;
        o.weights = &crit;
        CHECK_OK(il_net_init(a, &o));
        CHECK(memcmp(il_net_W(a, 1), il_net_W(b, 1), sizeof W1) == 0);
        CHECK(memcmp(il_net_W(a, 2), il_net_W(b, 2), sizeof W2) != 0);
        CHECK_OK(il_rng_start(&rng, kind, 3));
        CHECK_OK(il_init_fill(W1, 7, 5, 5, 7, &he, &rng));
        CHECK_OK(il_init_fill(b1, 7, 1, 5, 7, &bnorm, &rng));
        CHECK_OK(il_init_fill(W2, 3, 7, 7, 3, &he, &rng));
        CHECK_OK(il_init_fill(b2, 3, 1, 7, 3, &bnorm, &rng));
        CHECK(memcmp(il_net_W(a, 1), W1, sizeof W1) == 0);
        CHECK(memcmp(il_net_b(a, 1), b1, sizeof b1) == 0);
        CHECK(memcmp(il_net_W(a, 2), W2, sizeof W2) == 0);
        CHECK(memcmp(il_net_b(a, 2), b2, sizeof b2) == 0);
    }
    /* an explicit bias initializer replaces N(0, sigma_b2) */
    o.biases = &bnorm;
    bnorm.std = 0.5;
    CHECK_OK(il_net_init(a, &o));
    sample_moments(il_net_b(a, 1), 7, &W1[0], &W1[1]);
    CHECK(W1[1] > 0.05); /* 7 draws of std 0.5, not sqrt(0.05) */
    il_net_free(a);
    il_net_free(b);
}

static void test_critical_errors(void)
{
    size_t sizes[] = {2, 3, 2};
    il_act acts[] = {{IL_TANH, 0}, {IL_SOFTMAX, 0}};
    il_net *net = NULL;
    il_init_spec w, fill;
    il_init_opts o;
    il_rng rng;
    double A[6], before[17], after[17], mean, m2;
    size_t count;
    CHECK_OK(il_net_new(&net, 2, sizes, acts, IL_LOSS_SCE));
    count = params_of(net, before);
    il_init_spec_default(&w, IL_INIT_CRITICAL);
    il_init_opts_default(&o);
    o.weights = &w;
    CHECK_FAILS(il_net_init(net, &o), IL_EBADVALUE,
                "layer 2: critical is not defined for a softmax layer");
    params_of(net, after);
    CHECK(memcmp(before, after, count * sizeof *before) == 0);
    w.sigma_b2 = -1;
    CHECK_FAILS(il_net_init(net, &o), IL_EBADVALUE,
                "layer 1: critical needs a finite sigma_b2 >= 0, got sigma_b2=-1");
    w.sigma_b2 = NAN;
    CHECK_FAILS(il_net_init(net, &o), IL_EBADVALUE, "got sigma_b2=NaN");
    w.sigma_b2 = INFINITY;
    CHECK_FAILS(il_net_init(net, &o), IL_EBADVALUE, "sigma_b2");
    il_rng_seed(&rng, 1);
    il_init_spec_default(&fill, IL_INIT_CRITICAL);
    fill.nonlinearity = IL_SOFTMAX;
    CHECK_FAILS(il_init_fill(A, 3, 2, 2, 3, &fill, &rng), IL_EBADVALUE,
                "critical is not defined for a softmax layer");
    CHECK_FAILS(il_init_moments(&fill, 3, 2, 2, 3, &mean, &m2), IL_EBADVALUE,
                "softmax");
    fill.nonlinearity = IL_TANH;
    fill.sigma_b2 = -0.5;
    CHECK_FAILS(il_init_fill(A, 3, 2, 2, 3, &fill, &rng), IL_EBADVALUE,
                "sigma_b2=-0.5");
    CHECK(il_init_reads(IL_INIT_CRITICAL) == IL_READS_SIGMA_B2);
    CHECK(il_init_reads(IL_INIT_HADAMARD) == 0);
    il_init_spec_default(&fill, IL_INIT_HE_NORMAL);
    CHECK(fill.sigma_b2 == 0.05);
    CHECK(!(il_init_reads(IL_INIT_HE_NORMAL) & IL_READS_SIGMA_B2));
    il_net_free(net);
}

/* W (rows x cols, column-major) against want written row by row. */
static void check_rows(const double *W, size_t rows, size_t cols,
                       const double *want)
{
    size_t i, j;
    int same = 1;
    for (i = 0; i < rows; i++)
        for (j = 0; j < cols; j++)
            same &= W[i + j * rows] == want[i * cols + j];
    if (!same)
        printf("#   hadamard %zux%zu differs\n", rows, cols);
    CHECK(same);
}

/* Zhao et al. (2022), Algorithm 1: I, the partial identity I* where the
 * layer narrows (rows < cols), c I* H_m I* with m = ceil(log2 rows) and
 * c = 2^(-(m-1)/2) where it widens. */
static void test_hadamard(void)
{
    static const double I4[] = {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1};
    static const double P35[] = {1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0};
    static const double P25[] = {1, 0, 0, 0, 0, 0, 1, 0, 0, 0};
    /* m = 3, c = 1/2: the first rows and columns of the 8 x 8 Sylvester H */
    static const double H53[] = {.5, .5, .5,   .5, -.5, .5,   .5, .5, -.5,
                                 .5, -.5, -.5, .5, .5, .5};
    static const double H83[] = {.5, .5, .5,   .5, -.5, .5,   .5, .5, -.5,
                                 .5, -.5, -.5, .5, .5, .5,    .5, -.5, .5,
                                 .5, .5, -.5,  .5, -.5, -.5};
    static const double H52[] = {.5, .5, .5, -.5, .5, .5, .5, -.5, .5, .5};
    /* m = 1, c = 1; m = 2, c = 2^(-1/2) */
    static const double H21[] = {1, 1};
    double W[64], G[9], mean, m2;
    double r = sqrt(0.5), H43[] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    il_init_spec h;
    il_rng rng, copy;
    size_t i, j, k;
    il_init_spec_default(&h, IL_INIT_HADAMARD);
    il_rng_seed(&rng, 8);
    copy = rng;
    CHECK_OK(il_init_fill(W, 4, 4, 4, 4, &h, &rng));
    check_rows(W, 4, 4, I4);
    CHECK_OK(il_init_fill(W, 3, 5, 5, 3, &h, &rng));
    check_rows(W, 3, 5, P35);
    CHECK_OK(il_init_fill(W, 2, 5, 5, 2, &h, &rng));
    check_rows(W, 2, 5, P25);
    CHECK_OK(il_init_fill(W, 5, 3, 3, 5, &h, &rng));
    check_rows(W, 5, 3, H53);
    CHECK_OK(il_init_fill(W, 5, 2, 2, 5, &h, &rng));
    check_rows(W, 5, 2, H52);
    CHECK_OK(il_init_fill(W, 2, 1, 1, 2, &h, &rng));
    check_rows(W, 2, 1, H21);
    CHECK_OK(il_init_fill(W, 4, 3, 3, 4, &h, &rng));
    for (i = 0; i < 4; i++) /* H_2 = [1 1 1 1; 1 -1 1 -1; 1 1 -1 -1; 1 -1 -1 1] */
        for (j = 0; j < 3; j++)
            H43[i * 3 + j] = (i & j) == 1 || (i & j) == 2 ? -r : r;
    check_rows(W, 4, 3, H43);
    CHECK_OK(il_init_fill(W, 8, 3, 3, 8, &h, &rng));
    check_rows(W, 8, 3, H83);
    /* with rows a power of 2 the columns are orthogonal, W'W = c^2 2^m I
     * = 2 I; where it narrows the rows are orthonormal, W W' = I */
    for (i = 0; i < 3; i++)
        for (j = 0; j < 3; j++) {
            G[i + 3 * j] = 0;
            for (k = 0; k < 8; k++)
                G[i + 3 * j] += W[k + 8 * i] * W[k + 8 * j];
            CHECK(G[i + 3 * j] == (i == j ? 2.0 : 0.0));
        }
    CHECK_OK(il_init_fill(W, 3, 5, 5, 3, &h, &rng));
    for (i = 0; i < 3; i++)
        for (j = 0; j < 3; j++) {
            double d = 0;
            for (k = 0; k < 5; k++)
                d += W[i + 3 * k] * W[j + 3 * k];
            CHECK(d == (i == j ? 1.0 : 0.0));
        }
    /* nothing drawn */
    CHECK(memcmp(&rng, &copy, sizeof rng) == 0);
    CHECK_OK(il_init_moments(&h, 5, 3, 3, 5, &mean, &m2));
    CHECK(m2 == 0.25);
    CHECK_NEAR(mean, 0.5 * (15 - 2 * 4) / 15.0, 1e-15); /* 4 of 15 negative */
    CHECK_OK(il_init_moments(&h, 3, 5, 5, 3, &mean, &m2));
    CHECK(mean == 3.0 / 15 && m2 == 3.0 / 15);
}

/* hadamard draws nothing: the next layer's random weights are those it
 * gets after zeros, in both streams. */
static void test_hadamard_draws_nothing(void)
{
    size_t sizes[] = {3, 6, 4};
    il_net *a = make_net(2, sizes, IL_TANH), *b = make_net(2, sizes, IL_TANH);
    il_init_spec wa[2], wb[2];
    il_init_opts o;
    int r;
    il_init_spec_default(&wa[0], IL_INIT_HADAMARD);
    il_init_spec_default(&wb[0], IL_INIT_ZEROS);
    il_init_spec_default(&wa[1], IL_INIT_NORMAL);
    il_init_spec_default(&wb[1], IL_INIT_NORMAL);
    for (r = 0; r < 2; r++) {
        il_init_opts_default(&o);
        o.rng = r ? IL_RNG_NUMPY : IL_RNG_XOSHIRO;
        o.n_specs = 2;
        o.seed = 21;
        o.weights = wa;
        CHECK_OK(il_net_init(a, &o));
        o.weights = wb;
        CHECK_OK(il_net_init(b, &o));
        CHECK(memcmp(il_net_W(a, 2), il_net_W(b, 2), 24 * sizeof(double)) == 0);
        CHECK(il_net_W(a, 1)[0] == 0.5 && il_net_b(a, 1)[0] == 0.0);
    }
    il_net_free(a);
    il_net_free(b);
}

/* il_init_moments against the empirical mean and mean square of a
 * rows x cols fill: within 5 standard errors (the sample's own
 * sqrt(var/n) and sqrt(var(x^2)/n)) for the random kinds, to rounding for
 * the deterministic ones. */
static void check_moments(il_init_spec *s, size_t rows, size_t cols,
                          size_t fan_in, size_t fan_out, double *A,
                          int exact)
{
    il_rng rng;
    size_t i, n = rows * cols;
    double m1 = 0, m2 = 0, m4 = 0, want1, want2, se1, se2;
    il_rng_seed(&rng, 77);
    CHECK_OK(il_init_fill(A, rows, cols, fan_in, fan_out, s, &rng));
    CHECK_OK(il_init_moments(s, rows, cols, fan_in, fan_out, &want1, &want2));
    for (i = 0; i < n; i++) {
        m1 += A[i];
        m2 += A[i] * A[i];
        m4 += A[i] * A[i] * A[i] * A[i];
    }
    m1 /= n;
    m2 /= n;
    m4 /= n;
    se1 = exact ? 1e-14 * (fabs(want1) + 1e-300) : 5 * sqrt((m2 - m1 * m1) / n);
    se2 = exact ? 1e-14 * want2 : 5 * sqrt((m4 - m2 * m2) / n);
    if (!(fabs(m1 - want1) <= se1 + 1e-300 && fabs(m2 - want2) <= se2 + 1e-300))
        printf("#   %s: mean %.10g (want %.10g +- %.2g), mean square %.10g "
               "(want %.10g +- %.2g)\n", il_init_name(s->kind), m1, want1,
               se1, m2, want2, se2);
    CHECK(fabs(m1 - want1) <= se1 + 1e-300);
    CHECK(fabs(m2 - want2) <= se2 + 1e-300);
}

static void test_moments(void)
{
    size_t R = 2000, C = 2000, fi = 300, fo = 700;
    double *A = malloc(R * C * sizeof *A), mean, m2;
    il_init_spec s;
    il_init_kind dists[] = {IL_INIT_XAVIER_NORMAL, IL_INIT_HE_NORMAL,
                            IL_INIT_LECUN_NORMAL, IL_INIT_VARIANCE_SCALING};
    il_init_kind plain[] = {IL_INIT_XAVIER_UNIFORM, IL_INIT_HE_UNIFORM,
                            IL_INIT_LECUN_UNIFORM, IL_INIT_SCALED_NORMAL,
                            IL_INIT_NORMAL, IL_INIT_UNIFORM,
                            IL_INIT_TRUNCATED_NORMAL};
    il_init_kind data[] = {IL_INIT_NGUYEN_WIDROW, IL_INIT_LSUV, IL_INIT_MATRIX};
    size_t k;
    int d;
    if (!A) {
        CHECK(A != NULL);
        return;
    }
    for (k = 0; k < sizeof plain / sizeof plain[0]; k++) {
        il_init_spec_default(&s, plain[k]);
        check_moments(&s, R, C, fi, fo, A, 0);
    }
    for (k = 0; k < sizeof dists / sizeof dists[0]; k++)
        for (d = 0; d < 3; d++) {
            if (d == IL_DIST_UNIFORM && dists[k] != IL_INIT_VARIANCE_SCALING)
                continue;
            il_init_spec_default(&s, dists[k]);
            s.dist = (il_distribution)d;
            s.mode = d == 2 ? IL_FAN_AVG : IL_FAN_OUT;
            if (dists[k] == IL_INIT_XAVIER_NORMAL)
                s.gain = 1.5;
            check_moments(&s, R, C, fi, fo, A, 0);
        }
    /* the parameters: a shifted uniform, a normal with a mean, truncated
     * normals cut at mean +- 2 std and in general [a, b], a tail included */
    il_init_spec_default(&s, IL_INIT_UNIFORM);
    s.low = -0.3;
    s.high = 0.7;
    check_moments(&s, R, C, fi, fo, A, 0);
    il_init_spec_default(&s, IL_INIT_NORMAL);
    s.mean = 0.5;
    s.std = 2;
    check_moments(&s, R, C, fi, fo, A, 0);
    il_init_spec_default(&s, IL_INIT_TRUNCATED_NORMAL);
    s.mean = 1;
    s.std = 2;
    check_moments(&s, R, C, fi, fo, A, 0);
    s.low = -0.5;
    s.high = 1.5;
    check_moments(&s, R, C, fi, fo, A, 0);
    s.mean = 0;
    s.std = 1;
    s.low = 3;
    s.high = 4;
    check_moments(&s, R, C, fi, fo, A, 0);
    s.low = -6;
    s.high = -5.5;
    check_moments(&s, R, C, fi, fo, A, 0);
    il_init_spec_default(&s, IL_INIT_SPARSE);
    s.fraction = 0.3;
    s.std = 0.5;
    check_moments(&s, R, C, fi, fo, A, 0);
    il_init_spec_default(&s, IL_INIT_HE_NORMAL);
    s.nonlinearity = IL_TANH;
    check_moments(&s, R, C, fi, fo, A, 0);
    il_init_spec_default(&s, IL_INIT_CRITICAL);
    s.nonlinearity = IL_TANH;
    check_moments(&s, R, C, fi, fo, A, 0);
    s.nonlinearity = IL_LEAKY_RELU;
    s.slope = 0.2;
    s.sigma_b2 = 0.5;
    check_moments(&s, R, C, fi, fo, A, 0);
    il_init_spec_default(&s, IL_INIT_ORTHOGONAL);
    s.gain = 2;
    check_moments(&s, 600, 250, 250, 600, A, 0);
    CHECK_OK(il_init_moments(&s, 600, 250, 250, 600, &mean, &m2));
    CHECK(mean == 0 && m2 == 4.0 / 600);
    /* deterministic: exact */
    il_init_spec_default(&s, IL_INIT_ZEROS);
    check_moments(&s, 30, 20, 20, 30, A, 1);
    il_init_spec_default(&s, IL_INIT_ONES);
    check_moments(&s, 30, 20, 20, 30, A, 1);
    il_init_spec_default(&s, IL_INIT_CONSTANT);
    s.value = -3;
    check_moments(&s, 30, 20, 20, 30, A, 1);
    il_init_spec_default(&s, IL_INIT_IDENTITY);
    s.gain = 2;
    check_moments(&s, 30, 20, 20, 30, A, 1);
    check_moments(&s, 20, 30, 30, 20, A, 1);
    il_init_spec_default(&s, IL_INIT_HADAMARD);
    check_moments(&s, 30, 20, 20, 30, A, 1);
    check_moments(&s, 20, 30, 30, 20, A, 1);
    check_moments(&s, 64, 64, 64, 64, A, 1);
    check_moments(&s, 1000, 3, 3, 1000, A, 1);
    /* the data's */
    for (k = 0; k < 3; k++) {
        char want[80];
        il_init_spec_default(&s, data[k]);
        snprintf(want, sizeof want, "%s depends on the data: no expected moments",
                 il_init_name(data[k]));
        CHECK_FAILS(il_init_moments(&s, 3, 2, 2, 3, &mean, &m2), IL_EBADVALUE,
                    want);
    }
    il_init_spec_default(&s, IL_INIT_UNIFORM);
    s.low = 1;
    s.high = 0;
    CHECK_FAILS(il_init_moments(&s, 3, 2, 2, 3, &mean, &m2), IL_EBADVALUE,
                "uniform needs low <= high");
    CHECK_FAILS(il_init_moments(NULL, 3, 2, 2, 3, &mean, &m2), IL_EBADARG,
                "must not be NULL");
    CHECK_FAILS(il_init_moments(&s, 0, 2, 2, 3, &mean, &m2), IL_EBADSIZE,
                "at least 1");
    free(A);
}

int main(void)
{
    big = malloc(ROWS * COLS * sizeof *big);
    RUN(test_names);
    RUN(test_spec_and_opts_defaults);
    RUN(test_distributions);
    RUN(test_truncated_never_beyond_two_std);
    RUN(test_truncated_bounds);
    RUN(test_keras_truncated);
    RUN(test_he_nonlinearity);
    RUN(test_nonlinearity_names);
    RUN(test_reads);
    RUN(test_sparse);
    RUN(test_orthogonal_and_identity);
    RUN(test_orthogonal_moments);
    RUN(test_matrix_fill);
    RUN(test_net_init_order_and_determinism);
    RUN(test_every_kind_is_deterministic);
    RUN(test_per_layer_specs_and_matrix);
    RUN(test_biases);
    RUN(test_failure_leaves_the_net_unchanged);
    RUN(test_nguyen_widrow);
    RUN(test_nguyen_widrow_hidden_ranges);
    RUN(test_nguyen_widrow_fallback_moments);
    RUN(test_lsuv);
    RUN(test_default_init);
    RUN(test_gains);
    RUN(test_name_errors);
    RUN(test_fill_errors);
    RUN(test_net_errors);
    RUN(test_critical_variance);
    RUN(test_critical_relu_is_he);
    RUN(test_critical_errors);
    RUN(test_hadamard);
    RUN(test_hadamard_draws_nothing);
    RUN(test_moments);
    free(big);
    return check_finish(__FILE__);
}
