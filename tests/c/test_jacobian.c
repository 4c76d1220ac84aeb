/*
 * test_jacobian.c - input-output Jacobians against finite differences of
 * the forward pass, their singular values against matrices whose singular
 * values are known, and the calls' refusals.
 */
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "initlab.h"

#define MAXL 12

/* A net with every layer's activation act (the last: out), weights
 * normal * w_scale and biases normal * 0.3. */
static il_net *random_net(size_t L, const size_t *sizes, il_act act,
                          il_act out, double w_scale, uint64_t seed)
{
    il_net *net = NULL;
    il_act acts[MAXL];
    il_rng rng;
    size_t l, i;
    for (l = 0; l < L; l++)
        acts[l] = l + 1 == L ? out : act;
    if (il_net_new(&net, L, sizes, acts, il_loss_for_output(out.kind)) != IL_OK)
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

/* The smallest |z| of sample x over every layer (the kinks of relu and
 * the like are at z = 0). */
static double closest_to_kink(const il_net *net, const double *x)
{
    size_t L = il_net_layers(net), l, i;
    double *Z[MAXL], best = INFINITY;
    for (l = 1; l <= L; l++)
        Z[l - 1] = malloc(il_net_size(net, l) * sizeof(double));
    if (il_forward(net, x, 1, NULL, Z, NULL) != IL_OK)
        best = 0;
    for (l = 1; l <= L; l++) {
        for (i = 0; i < il_net_size(net, l); i++)
            if (fabs(Z[l - 1][i]) < best)
                best = fabs(Z[l - 1][i]);
        free(Z[l - 1]);
    }
    return best;
}

/* m samples of N(0,1) inputs, each redrawn until no z is within 1e-4 of
 * 0, so that h = 1e-6 steps never cross a kink. */
static void draw_inputs(const il_net *net, double *X, size_t m, uint64_t seed)
{
    size_t n0 = il_net_size(net, 0), i, j, tries;
    il_rng rng;
    il_rng_seed(&rng, seed);
    for (j = 0; j < m; j++)
        for (tries = 0; tries < 1000; tries++) {
            for (i = 0; i < n0; i++)
                X[i + j * n0] = il_rng_normal(&rng);
            if (closest_to_kink(net, X + j * n0) > 1e-4)
                break;
        }
}

/* The largest over samples of ||J_fd - J||_F / ||J||_F, J from
 * il_jacobian and J_fd from central differences of il_forward; INFINITY
 * when a call fails. */
static double fd_error(const il_net *net, const double *X, size_t m)
{
    size_t n0 = il_net_size(net, 0), nL = il_net_size(net, il_net_layers(net));
    size_t i, j, r, live = 0;
    double *J = malloc(nL * n0 * m * sizeof(double));
    double *x = malloc(n0 * sizeof(double)), *up = malloc(nL * sizeof(double));
    double *down = malloc(nL * sizeof(double)), h = 1e-6, worst = 0;
    if (il_jacobian(net, X, m, J) != IL_OK)
        worst = INFINITY;
    for (j = 0; j < m && worst < INFINITY; j++) {
        const double *Jj = J + j * nL * n0;
        double diff = 0, norm = 0;
        for (i = 0; i < n0; i++) {
            memcpy(x, X + j * n0, n0 * sizeof *x);
            x[i] += h;
            il_forward(net, x, 1, up, NULL, NULL);
            x[i] -= 2 * h;
            il_forward(net, x, 1, down, NULL, NULL);
            for (r = 0; r < nL; r++) {
                double num = (up[r] - down[r]) / (2 * h), ana = Jj[r + i * nL];
                diff += (num - ana) * (num - ana);
                norm += ana * ana;
            }
        }
        /* a sample whose units are all dead has J = 0, exactly */
        if (norm == 0) {
            if (diff != 0)
                worst = INFINITY;
            continue;
        }
        live++;
        if (sqrt(diff / norm) > worst)
            worst = sqrt(diff / norm);
    }
    if (live == 0) /* nothing was compared */
        worst = INFINITY;
    free(J);
    free(x);
    free(up);
    free(down);
    return worst;
}

/* One net of activation act through J's three shapes: one layer, n0 < nL
 * (the product from the input) and n0 > nL (from the output). */
static void check_fd(il_act act, il_act out, const char *name)
{
    static const size_t one[] = {4, 3}, fwd[] = {3, 5, 4, 6},
                        rev[] = {6, 5, 4, 2}, fwd_sm[] = {2, 5, 4, 3},
                        rev_sm[] = {7, 5, 4, 3};
    const size_t *shapes[3];
    size_t L[3] = {1, 3, 3}, s, m = 4;
    int softmax = out.kind == IL_SOFTMAX;
    shapes[0] = one;
    shapes[1] = softmax ? fwd_sm : fwd;
    shapes[2] = softmax ? rev_sm : rev;
    for (s = 0; s < 3; s++) {
        il_net *net = random_net(L[s], shapes[s], act, out, 0.8, 11 + s);
        double X[7 * 4], err;
        CHECK(net != NULL);
        if (!net)
            continue;
        draw_inputs(net, X, m, 100 + s);
        err = fd_error(net, X, m);
        if (!(err <= 1e-7)) {
            printf("#   %s, shape %zu: relative error %g\n", name, s, err);
            check_current_failed = 1;
        }
        il_net_free(net);
    }
}

static void test_fd_elementwise(void)
{
    il_act_kind kinds[] = {IL_LINEAR, IL_SIGMOID, IL_TANH, IL_RELU,
                           IL_LEAKY_RELU, IL_ELU, IL_SELU, IL_SOFTSIGN,
                           IL_SOFTPLUS};
    size_t k;
    for (k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
        il_act a = il_act_make(kinds[k]);
        check_fd(a, a, il_act_name(kinds[k]));
    }
}

static void test_fd_parameters(void)
{
    il_act leaky = il_act_make(IL_LEAKY_RELU), elu = il_act_make(IL_ELU);
    leaky.param = 0.3;
    elu.param = 0.5;
    check_fd(leaky, leaky, "leaky_relu(0.3)");
    check_fd(elu, elu, "elu(0.5)");
}

static void test_fd_softmax(void)
{
    check_fd(il_act_make(IL_TANH), il_act_make(IL_SOFTMAX), "tanh + softmax");
    check_fd(il_act_make(IL_RELU), il_act_make(IL_SOFTMAX), "relu + softmax");
}

/* Q (n x n) <- H Q for the Householder reflection H = I - 2 v v' / v'v. */
static void reflect(double *Q, size_t n, const double *v)
{
    size_t i, c;
    double vv = 0;
    for (i = 0; i < n; i++)
        vv += v[i] * v[i];
    for (c = 0; c < n; c++) {
        double dot = 0;
        for (i = 0; i < n; i++)
            dot += v[i] * Q[i + c * n];
        for (i = 0; i < n; i++)
            Q[i + c * n] -= 2 * dot / vv * v[i];
    }
}

/* An orthogonal n x n matrix: a product of n random reflections. */
static void orthogonal(double *Q, size_t n, il_rng *rng)
{
    double v[16];
    size_t i, k;
    for (i = 0; i < n * n; i++)
        Q[i] = i % (n + 1) == 0;
    for (k = 0; k < n; k++) {
        for (i = 0; i < n; i++)
            v[i] = il_rng_normal(rng);
        reflect(Q, n, v);
    }
}

/* W (r x c) = U diag(s) V' with random orthogonal U, V. */
static void known_sv(double *W, size_t r, size_t c, const double *s,
                     il_rng *rng)
{
    double U[256], V[256];
    size_t i, q, t, k = r < c ? r : c;
    orthogonal(U, r, rng);
    orthogonal(V, c, rng);
    for (q = 0; q < c; q++)
        for (i = 0; i < r; i++) {
            double sum = 0;
            for (t = 0; t < k; t++)
                sum += U[i + t * r] * s[t] * V[q + t * c];
            W[i + q * r] = sum;
        }
}

static void test_linear_one_layer(void)
{
    static const size_t shapes[2][2] = {{5, 4}, {3, 6}};
    static const double s[4] = {3, 2, 0.5, 0.1};
    size_t t, i, j, m = 3;
    il_rng rng;
    il_rng_seed(&rng, 7);
    for (t = 0; t < 2; t++) {
        size_t n0 = shapes[t][0], n1 = shapes[t][1], k = n0 < n1 ? n0 : n1;
        il_act lin = il_act_make(IL_LINEAR);
        il_net *net = NULL;
        double W[36], b[6] = {0.1, -0.2, 0.3, 0.4, -0.5, 0.6}, X[18], J[108];
        double S[12];
        CHECK_OK(il_net_new(&net, 1, shapes[t], &lin, IL_LOSS_MSE));
        if (!net)
            return;
        known_sv(W, n1, n0, s, &rng);
        CHECK_OK(il_net_set_layer(net, 1, W, n1, n0, b, n1));
        for (i = 0; i < n0 * m; i++)
            X[i] = il_rng_normal(&rng);
        CHECK_OK(il_jacobian(net, X, m, J));
        for (j = 0; j < m; j++)
            CHECK(memcmp(J + j * n1 * n0, W, n1 * n0 * sizeof *W) == 0);
        CHECK_OK(il_jacobian_sv(net, X, m, S));
        for (j = 0; j < m; j++)
            for (i = 0; i < k; i++)
                CHECK_NEAR(S[i + j * k], s[i], 1e-12 * s[0]);
        il_net_free(net);
    }
}

static void test_deep_orthogonal_isometry(void)
{
    size_t sizes[MAXL], l, i, L = 10, n = 20, m = 5;
    il_act acts[MAXL];
    il_init_spec w;
    il_init_opts o;
    il_net *net = NULL;
    il_rng rng;
    double X[20 * 5], S[20 * 5], worst = 0, mx, ms, cond;
    for (l = 0; l <= L; l++)
        sizes[l] = n;
    for (l = 0; l < L; l++)
        acts[l] = il_act_make(IL_LINEAR);
    CHECK_OK(il_net_new(&net, L, sizes, acts, IL_LOSS_MSE));
    if (!net)
        return;
    il_init_spec_default(&w, IL_INIT_ORTHOGONAL);
    il_init_opts_default(&o);
    o.weights = &w;
    o.n_specs = 1;
    o.seed = 3;
    CHECK_OK(il_net_init(net, &o));
    il_rng_seed(&rng, 4);
    for (i = 0; i < n * m; i++)
        X[i] = il_rng_normal(&rng);
    CHECK_OK(il_jacobian_sv(net, X, m, S));
    for (i = 0; i < n * m; i++)
        if (fabs(S[i] - 1) > worst)
            worst = fabs(S[i] - 1);
    CHECK(worst <= 1e-12);
    il_sv_summary(S, n * m, &mx, &ms, &cond);
    CHECK_NEAR(mx, 1, 1e-12);
    CHECK_NEAR(ms, 1, 1e-12);
    CHECK_NEAR(cond, 1, 1e-12);
    /* a gain of 2 per layer: every singular value 2^L */
    w.gain = 2;
    CHECK_OK(il_net_init(net, &o));
    CHECK_OK(il_jacobian_sv(net, X, m, S));
    for (i = 0; i < n * m; i++)
        CHECK_NEAR(S[i], 1024, 1024 * 1e-12);
    il_net_free(net);
}

/* Descending, >= 0, and sum s^2 = ||J||_F^2 for every sample. */
static void check_sv_properties(const il_net *net, const double *X, size_t m)
{
    size_t n0 = il_net_size(net, 0), nL = il_net_size(net, il_net_layers(net));
    size_t k = n0 < nL ? n0 : nL, i, j;
    double *J = malloc(nL * n0 * m * sizeof(double));
    double *S = malloc(k * m * sizeof(double));
    CHECK_OK(il_jacobian(net, X, m, J));
    CHECK_OK(il_jacobian_sv(net, X, m, S));
    for (j = 0; j < m; j++) {
        double fro = 0, ss = 0;
        for (i = 0; i < nL * n0; i++)
            fro += J[i + j * nL * n0] * J[i + j * nL * n0];
        for (i = 0; i < k; i++) {
            double v = S[i + j * k];
            CHECK(v >= 0);
            if (i > 0)
                CHECK(v <= S[i - 1 + j * k]);
            ss += v * v;
        }
        CHECK(fro > 0);
        CHECK_NEAR(ss / fro, 1, 1e-12);
    }
    free(J);
    free(S);
}

static void test_sv_properties(void)
{
    static const size_t shapes[3][4] = {{8, 12, 12, 5}, {5, 12, 12, 8},
                                        {9, 9, 9, 9}};
    size_t t, i, m = 6;
    il_rng rng;
    double X[9 * 6];
    il_rng_seed(&rng, 21);
    for (t = 0; t < 3; t++) {
        il_net *net = random_net(3, shapes[t], il_act_make(IL_TANH),
                                 il_act_make(IL_TANH), 0.7, 30 + t);
        CHECK(net != NULL);
        if (!net)
            continue;
        for (i = 0; i < shapes[t][0] * m; i++)
            X[i] = il_rng_normal(&rng);
        check_sv_properties(net, X, m);
        il_net_free(net);
    }
}

/* softmax's D has 1' D = 0: with nL <= n0 the Jacobian loses a rank. */
static void test_softmax_rank(void)
{
    static const size_t sizes[] = {6, 8, 4};
    il_net *net = random_net(2, sizes, il_act_make(IL_TANH),
                             il_act_make(IL_SOFTMAX), 1.0, 41);
    double X[6 * 3], S[4 * 3];
    size_t i, j;
    il_rng rng;
    CHECK(net != NULL);
    if (!net)
        return;
    il_rng_seed(&rng, 42);
    for (i = 0; i < 18; i++)
        X[i] = il_rng_normal(&rng);
    CHECK_OK(il_jacobian_sv(net, X, 3, S));
    for (j = 0; j < 3; j++) {
        CHECK(S[2 + j * 4] > 1e-6);
        CHECK(S[3 + j * 4] <= 1e-12 * S[j * 4]);
    }
    check_sv_properties(net, X, 3);
    il_net_free(net);
}

/* A depth and width where the product runs through both ping-pong buffers
 * many times, against the chain multiplied out one sample at a time. */
static void test_against_naive_chain(void)
{
    static const size_t shapes[2][7] = {{4, 7, 3, 9, 5, 6, 11},
                                        {11, 6, 5, 9, 3, 7, 4}};
    size_t t, L = 6, m = 3, j, l, i, q, r;
    for (t = 0; t < 2; t++) {
        const size_t *n = shapes[t];
        il_net *net = random_net(L, n, il_act_make(IL_SOFTPLUS),
                                 il_act_make(IL_SIGMOID), 0.9, 50 + t);
        double X[11 * 3], J[44 * 3], P[121], Q[121], *Z[MAXL], *A[MAXL];
        double worst = 0;
        il_rng rng;
        CHECK(net != NULL);
        if (!net)
            continue;
        il_rng_seed(&rng, 60 + t);
        for (i = 0; i < n[0] * m; i++)
            X[i] = il_rng_normal(&rng);
        for (l = 0; l < L; l++) {
            Z[l] = malloc(n[l + 1] * m * sizeof(double));
            A[l] = malloc(n[l + 1] * m * sizeof(double));
        }
        CHECK_OK(il_forward(net, X, m, NULL, Z, A));
        CHECK_OK(il_jacobian(net, X, m, J));
        for (j = 0; j < m; j++) {
            /* P = I (n0 x n0), then P <- D_l W_l P */
            size_t rows = n[0];
            for (i = 0; i < n[0] * n[0]; i++)
                P[i] = i % (n[0] + 1) == 0;
            for (l = 1; l <= L; l++) {
                const double *W = il_net_cW(net, l);
                for (q = 0; q < n[0]; q++)
                    for (i = 0; i < n[l]; i++) {
                        double sum = 0, a = A[l - 1][i + j * n[l]];
                        for (r = 0; r < rows; r++)
                            sum += W[i + r * n[l]] * P[r + q * rows];
                        /* softplus' slope sigmoid(z), sigmoid's a (1 - a) */
                        Q[i + q * n[l]] = sum * (l < L ? 1 / (1 + exp(-Z[l - 1][i + j * n[l]]))
                                                       : a * (1 - a));
                    }
                rows = n[l];
                memcpy(P, Q, rows * n[0] * sizeof *P);
            }
            for (i = 0; i < n[L] * n[0]; i++) {
                double d = fabs(P[i] - J[i + j * n[L] * n[0]]);
                if (d > worst)
                    worst = d;
            }
        }
        CHECK(worst <= 1e-13);
        for (l = 0; l < L; l++) {
            free(Z[l]);
            free(A[l]);
        }
        il_net_free(net);
    }
}

static void test_sv_summary(void)
{
    double s[] = {4, 2, 1, 0.5}, z[] = {3, 0, 1}, nan_s[] = {1, NAN, 2};
    double mx, ms, cond;
    il_sv_summary(s, 4, &mx, &ms, &cond);
    CHECK_NEAR(mx, 4, 0);
    CHECK_NEAR(ms, (16 + 4 + 1 + 0.25) / 4, 1e-15);
    CHECK_NEAR(cond, 8, 0);
    /* the largest need not come first: pooled samples */
    {
        double pooled[] = {1, 0.25, 3, 0.5};
        il_sv_summary(pooled, 4, &mx, &ms, &cond);
        CHECK_NEAR(mx, 3, 0);
        CHECK_NEAR(ms, (1 + 0.0625 + 9 + 0.25) / 4, 1e-15);
        CHECK_NEAR(cond, 12, 0);
    }
    il_sv_summary(z, 3, &mx, &ms, &cond);
    CHECK_NEAR(mx, 3, 0);
    CHECK_NEAR(ms, 10.0 / 3, 1e-15);
    CHECK(isinf(cond) && cond > 0);
    il_sv_summary(nan_s, 3, &mx, &ms, &cond);
    CHECK(isnan(mx) && isnan(ms) && isnan(cond));
    il_sv_summary(NULL, 0, &mx, &ms, &cond);
    CHECK(isnan(mx) && isnan(ms) && isnan(cond));
    il_sv_summary(s, 1, &mx, NULL, NULL); /* outputs may be NULL */
    CHECK_NEAR(mx, 4, 0);
}

static void test_bad_inputs(void)
{
    static const size_t sizes[] = {3, 4, 2};
    il_net *net = random_net(2, sizes, il_act_make(IL_TANH),
                             il_act_make(IL_LINEAR), 1, 70);
    double X[6] = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6}, J[12], S[4];
    size_t bytes = 0;
    CHECK(net != NULL);
    if (!net)
        return;
    CHECK_FAILS(il_jacobian(NULL, X, 2, J), IL_EBADARG, "net");
    CHECK_FAILS(il_jacobian(net, NULL, 2, J), IL_EBADARG, "X must not be NULL");
    CHECK_FAILS(il_jacobian(net, X, 2, NULL), IL_EBADARG, "J must not be NULL");
    CHECK_FAILS(il_jacobian(net, X, 0, J), IL_EBADSIZE, "X must have at least");
    CHECK_FAILS(il_jacobian_sv(NULL, X, 2, S), IL_EBADARG, "net");
    CHECK_FAILS(il_jacobian_sv(net, NULL, 2, S), IL_EBADARG, "X must not be NULL");
    CHECK_FAILS(il_jacobian_sv(net, X, 2, NULL), IL_EBADARG, "S must not be NULL");
    CHECK_FAILS(il_jacobian_sv(net, X, 0, S), IL_EBADSIZE, "X must have at least");
    CHECK_FAILS(il_jacobian(net, X, (size_t)INT_MAX, J), IL_EBADSIZE, "X has");
    X[1] = NAN;
    CHECK_FAILS(il_jacobian(net, X, 2, J), IL_EBADVALUE, "X(2,1) is NaN");
    CHECK_FAILS(il_jacobian_sv(net, X, 2, S), IL_EBADVALUE, "X(2,1) is NaN");
    X[1] = 0.2;
    X[5] = -INFINITY;
    CHECK_FAILS(il_jacobian_sv(net, X, 2, S), IL_EBADVALUE, "X(3,2) is -Inf");
    X[5] = 0.6;
    CHECK_OK(il_jacobian(net, X, 2, J));
    CHECK_OK(il_jacobian_sv(net, X, 2, S));
    /* weights the caller wrote */
    il_net_W(net, 2)[3] = NAN;
    CHECK_FAILS(il_jacobian(net, X, 2, J), IL_EBADVALUE, "layer 2 W(2,2) is NaN");
    CHECK_FAILS(il_jacobian_sv(net, X, 2, S), IL_EBADVALUE, "layer 2 W(2,2)");
    il_net_W(net, 2)[3] = 0.5;
    il_net_b(net, 1)[2] = INFINITY;
    CHECK_FAILS(il_jacobian(net, X, 2, J), IL_EBADVALUE, "layer 1 b(3) is Inf");
    il_net_b(net, 1)[2] = 0;

    /* sizes and caps */
    CHECK_FAILS(il_jacobian_check(NULL, 2, 0), IL_EBADARG, "net");
    CHECK_FAILS(il_jacobian_check(net, 0, 0), IL_EBADSIZE, "m must be at least 1");
    CHECK_FAILS(il_jacobian_check(net, (size_t)INT_MAX, 0), IL_EBADSIZE, "m is");
    CHECK_FAILS(il_jacobian_bytes(net, 2, NULL), IL_EBADARG, "bytes");
    CHECK_FAILS(il_jacobian_bytes(net, 0, &bytes), IL_EBADSIZE, "m must be");
    CHECK_OK(il_jacobian_bytes(net, 2, &bytes));
    CHECK(bytes >= (2 * 3 * 2 + 2 * 2) * sizeof(double)); /* J and S at least */
    CHECK_OK(il_jacobian_check(net, 2, bytes));
    CHECK_OK(il_jacobian_check(net, 2, SIZE_MAX));
    CHECK_OK(il_jacobian_check(net, 2, 0));
    CHECK_FAILS(il_jacobian_check(net, 2, bytes - 1), IL_ETOOBIG, "max_bytes");
    CHECK_FAILS(il_jacobian_check(net, 1000000, 1000), IL_ETOOBIG,
                "the Jacobians of 1000000 samples");
    {
        size_t b1, b2;
        CHECK_OK(il_jacobian_bytes(net, 1000, &b1));
        CHECK_OK(il_jacobian_bytes(net, 2000, &b2));
        CHECK(b2 > b1 && b1 > bytes);
    }
    il_net_free(net);
}

/* A product that overflows never reaches LAPACK. */
static void test_overflow_refused(void)
{
    size_t sizes[MAXL], l, i, L = 10;
    il_act acts[MAXL];
    il_net *net = NULL;
    double X[3] = {1, 1, 1}, S[3], J[9];
    for (l = 0; l <= L; l++)
        sizes[l] = 3;
    for (l = 0; l < L; l++)
        acts[l] = il_act_make(IL_LINEAR);
    CHECK_OK(il_net_new(&net, L, sizes, acts, IL_LOSS_MSE));
    if (!net)
        return;
    for (l = 1; l <= L; l++)
        for (i = 0; i < 9; i++)
            il_net_W(net, l)[i] = i % 4 == 0 ? 1e40 : 0;
    CHECK_OK(il_jacobian(net, X, 1, J));
    CHECK(!isfinite(J[0]));
    CHECK_FAILS(il_jacobian_sv(net, X, 1, S), IL_EBADVALUE,
                "Jacobian of sample 1 is not finite");
    il_net_free(net);
}

int main(void)
{
    RUN(test_fd_elementwise);
    RUN(test_fd_parameters);
    RUN(test_fd_softmax);
    RUN(test_linear_one_layer);
    RUN(test_deep_orthogonal_isometry);
    RUN(test_sv_properties);
    RUN(test_softmax_rank);
    RUN(test_against_naive_chain);
    RUN(test_sv_summary);
    RUN(test_bad_inputs);
    RUN(test_overflow_refused);
    return check_finish("tests/c/test_jacobian.c");
}
