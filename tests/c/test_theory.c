/*
 * test_theory.c - the mean-field theory (theory.c) against independent
 * computations: Monte Carlo draws from the engine's generator, brute-force
 * Simpson integration written here, the closed forms of the literature, and
 * the maps' own iteration through depth.
 */
#define _POSIX_C_SOURCE 200809L /* clock_gettime, for the time per call */
#include <time.h>

#include "check.h"
#include "initlab.h"
#include "internal.h"   /* il_act_value, the activation the theory integrates */

#define PI 3.14159265358979323846

static il_act make(il_act_kind kind, double param)
{
    il_act a = il_act_make(kind);
    if (kind == IL_LEAKY_RELU || kind == IL_ELU)
        a.param = param;
    return a;
}

/* Every activation the theory covers, with leaky 0.2 and elu alpha 0.5. */
static il_act all_acts(int i)
{
    static const il_act_kind kinds[] = {IL_LINEAR, IL_SIGMOID, IL_TANH, IL_RELU,
                                        IL_LEAKY_RELU, IL_ELU, IL_SELU,
                                        IL_SOFTSIGN, IL_SOFTPLUS};
    il_act_kind k = kinds[i];
    return make(k, k == IL_LEAKY_RELU ? 0.2 : k == IL_ELU ? 0.5 : 0.0);
}
#define N_ACTS 9

/* The derivative, written from the textbook formulas (not from the engine). */
static double slope_of(il_act act, double x)
{
    const double lambda = 1.0507009873554804934193349852946;
    const double alpha = 1.6732632423543772848170429916717;
    switch (act.kind) {
    case IL_LINEAR: return 1.0;
    case IL_SIGMOID: {
        double e = exp(-fabs(x));
        return e / ((1.0 + e) * (1.0 + e));
    }
    case IL_TANH: {
        double ch = cosh(x);
        return x > 350 || x < -350 ? 0.0 : 1.0 / (ch * ch);
    }
    case IL_RELU: return x > 0 ? 1.0 : 0.0;
    case IL_LEAKY_RELU: return x > 0 ? 1.0 : act.param;
    case IL_ELU: return x > 0 ? 1.0 : act.param * exp(x);
    case IL_SELU: return x > 0 ? lambda : lambda * alpha * exp(x);
    case IL_SOFTSIGN: return 1.0 / ((1.0 + fabs(x)) * (1.0 + fabs(x)));
    case IL_SOFTPLUS: return x >= 0 ? 1.0 / (1.0 + exp(-x)) : exp(x) / (1.0 + exp(x));
    default: return NAN;
    }
}

/* ---- brute force: Simpson with one Richardson step, split at kinks ------- */

#define SIMPSON_N 400   /* intervals per piece (even) */
#define BF_REACH 10.0

static double nrm(double z)
{
    return exp(-0.5 * z * z) / sqrt(2.0 * PI);
}

/* Simpson weights for the fine grid (N intervals) combined with the coarse
 * one (N/2) as Boole's rule: (16 S_h - S_2h) / 15. */
static double boole_weight(int i, int n)
{
    double fine = (i == 0 || i == n) ? 1.0 : (i % 2 ? 4.0 : 2.0), coarse = 0.0;
    if (i % 2 == 0) {
        int k = i / 2;
        coarse = (k == 0 || k == n / 2) ? 1.0 : (k % 2 ? 4.0 : 2.0);
    }
    return (16.0 * fine / 3.0 - 2.0 * coarse / 3.0) / 15.0;
}

/* The pieces of [-BF_REACH, BF_REACH] around a kink at k: the unit
 * intervals either side of it (where the integrand changes fastest) and the
 * rest.  bp gets up to 5 ends; returns the number of pieces. */
static int pieces(double k, double *bp)
{
    double cand[5];
    int n = 0, i;
    cand[0] = -BF_REACH;
    cand[1] = k - 1;
    cand[2] = k;
    cand[3] = k + 1;
    cand[4] = BF_REACH;
    for (i = 0; i < 5; i++) {
        double x = cand[i] < -BF_REACH ? -BF_REACH : cand[i] > BF_REACH ? BF_REACH : cand[i];
        if (n == 0 || x > bp[n - 1])
            bp[n++] = x;
    }
    return n - 1;
}

/* The argument's value at node i of a piece [lo, hi]: v, or +-1e-300 at an
 * end that is the kink, so that a derivative takes the piece's own side. */
static double side(double v, int i, double lo, double hi, double k)
{
    if (i == 0 && lo == k)
        return 1e-300;
    if (i == SIMPSON_N && hi == k)
        return -1e-300;
    return v;
}

/* The 1-D expectations: E[phi^2], E[phi'^2], E[phi' phi z]/sqrt(q). */
static void brute1(il_act act, double q, double out[3])
{
    double s = sqrt(q), bp[5];
    int np = pieces(0.0, bp), p, i;
    out[0] = out[1] = out[2] = 0.0;
    for (p = 0; p < np; p++) {
        double lo = bp[p], hi = bp[p + 1], h = (hi - lo) / SIMPSON_N;
        for (i = 0; i <= SIMPSON_N; i++) {
            double z = lo + h * i, u = s * side(z, i, lo, hi, 0.0);
            double w = h * boole_weight(i, SIMPSON_N) * nrm(z);
            double f = il_act_value(act, u), d = slope_of(act, u);
            out[0] += w * f * f;
            out[1] += w * d * d;
            out[2] += w * d * f * z / s;
        }
    }
}

/* The 2-D ones: E[phi(u1) phi(u2)], E[phi'(u1) phi'(u2)]. */
static void brute2(il_act act, double q, double c, double out[2])
{
    double s = sqrt(q), sc = sqrt(1.0 - c * c), bp[5], bq[5];
    int np = pieces(0.0, bp), p1, i, p2, j;
    out[0] = out[1] = 0.0;
    for (p1 = 0; p1 < np; p1++) {
        double lo = bp[p1], hi = bp[p1 + 1], h = (hi - lo) / SIMPSON_N;
        for (i = 0; i <= SIMPSON_N; i++) {
            double z1 = lo + h * i, u1 = s * side(z1, i, lo, hi, 0.0);
            double w1 = h * boole_weight(i, SIMPSON_N) * nrm(z1);
            double kink = -c * z1 / sc, f1, d1, fi = 0.0, di = 0.0;
            int nq = pieces(kink, bq);
            f1 = il_act_value(act, u1);
            d1 = slope_of(act, u1);
            for (p2 = 0; p2 < nq; p2++) {
                double lo2 = bq[p2], hi2 = bq[p2 + 1], h2 = (hi2 - lo2) / SIMPSON_N;
                for (j = 0; j <= SIMPSON_N; j++) {
                    double z2 = lo2 + h2 * j;
                    double u2 = s * side(c * z1 + sc * z2, j, lo2, hi2, kink);
                    double w2 = h2 * boole_weight(j, SIMPSON_N) * nrm(z2);
                    fi += w2 * il_act_value(act, u2);
                    di += w2 * slope_of(act, u2);
                }
            }
            out[0] += w1 * f1 * fi;
            out[1] += w1 * d1 * di;
        }
    }
}

static void test_expect_vs_brute_force(void)
{
    static const double qc[][2] = {{1.7, 0.6}, {0.3, -0.7}, {4.0, 0.97}, {0.05, 0.2}};
    int i, k;
    for (i = 0; i < N_ACTS; i++) {
        il_act act = all_acts(i);
        for (k = 0; k < 4; k++) {
            double q = qc[k][0], c = qc[k][1], b1[3], b2[2];
            il_theory_moments m;
            CHECK_OK(il_theory_expect(act, q, c, &m));
            brute1(act, q, b1);
            brute2(act, q, c, b2);
            CHECK_NEAR(m.phi2, b1[0], 1e-9);
            CHECK_NEAR(m.dphi2, b1[1], 1e-9);
            CHECK_NEAR(m.slope_q, b1[2], 1e-9);
            CHECK_NEAR(m.phi12, b2[0], 1e-9);
            CHECK_NEAR(m.dphi12, b2[1], 1e-9);
            if (check_current_failed) {
                printf("#   at %s (param %g), q = %g, c = %g\n",
                       il_act_name(act.kind), act.param, q, c);
                return;
            }
        }
    }
}

/* The integrator itself: a brute-force Simpson that disagreed with the
 * closed forms would make the comparison above meaningless. */
static void test_brute_force_is_right(void)
{
    double b1[3], b2[2], c = 0.6;
    il_act relu = make(IL_RELU, 0);
    brute1(relu, 1.7, b1);
    brute2(relu, 1.7, c, b2);
    CHECK_NEAR(b1[0], 0.85, 1e-11);
    CHECK_NEAR(b1[1], 0.5, 1e-12);
    CHECK_NEAR(b2[0], 1.7 * (sqrt(1 - c * c) + (PI - acos(c)) * c) / (2 * PI), 1e-11);
    CHECK_NEAR(b2[1], (PI - acos(c)) / (2 * PI), 1e-11);
}

/* ---- Monte Carlo ---------------------------------------------------------- */

static void test_expect_vs_monte_carlo(void)
{
    const long n = 2000000;
    const double q = 1.7, c = 0.6, s = sqrt(q), sc = sqrt(1 - c * c);
    int i, k;
    for (i = 0; i < N_ACTS; i++) {
        il_act act = all_acts(i);
        double sum[5] = {0}, sq[5] = {0}, got[5];
        il_theory_moments m;
        il_rng rng;
        long t;
        il_rng_seed(&rng, 20160000u + (unsigned)i);
        for (t = 0; t < n; t++) {
            double z1 = il_rng_normal(&rng), z2 = il_rng_normal(&rng);
            double u1 = s * z1, u2 = s * (c * z1 + sc * z2);
            double f1 = il_act_value(act, u1), f2 = il_act_value(act, u2);
            double d1 = slope_of(act, u1), d2 = slope_of(act, u2);
            double x[5];
            x[0] = f1 * f1;
            x[1] = d1 * d1;
            x[2] = d1 * f1 * z1 / s;
            x[3] = f1 * f2;
            x[4] = d1 * d2;
            for (k = 0; k < 5; k++) {
                sum[k] += x[k];
                sq[k] += x[k] * x[k];
            }
        }
        CHECK_OK(il_theory_expect(act, q, c, &m));
        got[0] = m.phi2;
        got[1] = m.dphi2;
        got[2] = m.slope_q;
        got[3] = m.phi12;
        got[4] = m.dphi12;
        for (k = 0; k < 5; k++) {
            double mean = sum[k] / n, var = sq[k] / n - mean * mean;
            double se = sqrt((var > 0 ? var : 0) / n);
            if (!(fabs(got[k] - mean) <= 5 * se + 1e-12)) {
                printf("#   %s: moment %d = %.12g, Monte Carlo %.12g +- %.2g\n",
                       il_act_name(act.kind), k, got[k], mean, se);
                check_current_failed = 1;
            }
        }
    }
}

/* ---- closed forms --------------------------------------------------------- */

static void test_closed_forms(void)
{
    il_theory_point p;
    double sw, a = 0.2;
    il_act lin = make(IL_LINEAR, 0), relu = make(IL_RELU, 0);
    il_act leaky = make(IL_LEAKY_RELU, a);
    CHECK_OK(il_theory(lin, 0.5, 0.3, &p));
    CHECK_NEAR(p.q_star, 0.3 / (1 - 0.5), 1e-15);
    CHECK_NEAR(p.chi1, 0.5, 1e-15);
    CHECK(p.phase == IL_PHASE_ORDERED && p.c_star == 1.0);
    CHECK_NEAR(p.xi_c, -1 / log(0.5), 1e-13);
    CHECK_OK(il_theory(lin, 1.2, 0.3, &p));
    CHECK(isinf(p.q_star) && isinf(p.xi_q));
    CHECK_OK(il_theory(relu, 1.5, 0.0, &p));
    CHECK_NEAR(p.chi1, 0.75, 1e-15);
    CHECK_NEAR(p.q_star, 0.0, 1e-15);
    CHECK_OK(il_theory(relu, 1.5, 0.4, &p));
    CHECK_NEAR(p.chi1, 0.75, 1e-15);
    CHECK_NEAR(p.q_star, 0.4 / (1 - 0.75), 1e-14);
    CHECK_OK(il_theory(relu, 2.5, 0.4, &p));
    CHECK(isinf(p.q_star) && p.phase == IL_PHASE_CHAOTIC);
    CHECK_OK(il_theory(leaky, 1.0, 0.1, &p));
    CHECK_NEAR(p.chi1, (1 + a * a) / 2, 1e-15);

    CHECK_OK(il_theory_critical(make(IL_TANH, 0), 0.0, &sw, &p));
    CHECK_NEAR(sw, 1.0, 1e-12);
    CHECK(p.phase == IL_PHASE_CRITICAL);
    CHECK_OK(il_theory_critical(relu, 0.0, &sw, NULL));
    CHECK_NEAR(sw, 2.0, 1e-13);
    CHECK_OK(il_theory_critical(relu, 0.7, &sw, &p));
    CHECK_NEAR(sw, 2.0, 1e-13);
    CHECK(p.phase == IL_PHASE_CRITICAL);
    CHECK_OK(il_theory_critical(leaky, 0.1, &sw, NULL));
    CHECK_NEAR(sw, 2 / (1 + a * a), 1e-13);
    CHECK_OK(il_theory_critical(lin, 0.1, &sw, NULL));
    CHECK_NEAR(sw, 1.0, 1e-13);
}

/* ---- fixed points ---------------------------------------------------------- */

static void test_fixed_points(void)
{
    static const struct {
        il_act_kind kind;
        double param, sw, sb;
    } pts[] = {
        {IL_TANH, 0, 1.5, 0.05},    {IL_TANH, 0, 2.5, 0.05},   {IL_TANH, 0, 4.0, 0.3},
        {IL_TANH, 0, 0.8, 0.05},    {IL_SIGMOID, 0, 20.0, 0.1}, {IL_SIGMOID, 0, 2.0, 0.1},
        {IL_ELU, 0.5, 1.9, 0.1},    {IL_ELU, 1.0, 1.9, 0.01},  {IL_ELU, 1.0, 1.99, 0.0},
        {IL_SELU, 0, 1.2, 0.0},     {IL_SELU, 0, 1.5, 0.0},    {IL_SELU, 0, 0.9, 0.2},
        {IL_SOFTSIGN, 0, 6.0, 0.05}, {IL_SOFTSIGN, 0, 1.0, 0.05},
        {IL_SOFTPLUS, 0, 1.5, 0.1}, {IL_TANH, 0, 30.0, 0.0},   {IL_TANH, 0, 1.8, 0.0},
    };
    size_t i;
    for (i = 0; i < sizeof pts / sizeof pts[0]; i++) {
        il_act act = make(pts[i].kind, pts[i].param);
        il_theory_point p;
        double qn, cn;
        CHECK_OK(il_theory(act, pts[i].sw, pts[i].sb, &p));
        if (!isfinite(p.q_star)) {
            printf("#   %s %g %g: q* = %g\n", il_act_name(act.kind), pts[i].sw,
                   pts[i].sb, p.q_star);
            check_current_failed = 1;
            continue;
        }
        CHECK_OK(il_theory_q_map(act, pts[i].sw, pts[i].sb, p.q_star, &qn));
        CHECK_NEAR(qn, p.q_star, 1e-10 * (p.q_star > 1 ? p.q_star : 1));
        CHECK_OK(il_theory_c_map(act, pts[i].sw, pts[i].sb, p.q_star, p.c_star, &cn));
        CHECK_NEAR(cn, p.c_star, 1e-10);
        if (p.phase == IL_PHASE_CHAOTIC) {
            CHECK(p.c_star < 1.0);
            CHECK(p.chi_c < 1.0);
            CHECK(p.xi_c > 0 && isfinite(p.xi_c));
        } else {
            CHECK(p.c_star == 1.0);
            CHECK(p.chi_c == p.chi1);
        }
        CHECK(p.xi_q > 0);
        if (check_current_failed) {
            printf("#   at %s %g %g: q* %.15g c* %.15g chi1 %.15g chi_c %.15g\n",
                   il_act_name(act.kind), pts[i].sw, pts[i].sb, p.q_star,
                   p.c_star, p.chi1, p.chi_c);
            return;
        }
    }
}

static void test_critical_point(void)
{
    static const il_act_kind kinds[] = {IL_TANH, IL_SIGMOID, IL_SOFTSIGN, IL_ELU,
                                        IL_SELU, IL_SOFTPLUS};
    static const double sbs[] = {0.01, 0.05, 0.3};
    size_t i, k;
    for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        for (k = 0; k < 3; k++) {
            il_act act = make(kinds[i], 1.0);
            il_theory_point p;
            double sw;
            CHECK_OK(il_theory_critical(act, sbs[k], &sw, &p));
            CHECK_NEAR(p.chi1, 1.0, 1e-10);
            CHECK(p.phase == IL_PHASE_CRITICAL);
            CHECK(p.sigma_w2 == sw);
            if (check_current_failed) {
                printf("#   %s at sigma_b2 = %g: sigma_w2 %.15g chi1 %.15g q* %g\n",
                       il_act_name(act.kind), sbs[k], sw, p.chi1, p.q_star);
                return;
            }
        }
    /* the critical line is increasing in sigma_b2 for tanh (Schoenholz fig. 1) */
    {
        double s1, s2;
        CHECK_OK(il_theory_critical(make(IL_TANH, 0), 0.01, &s1, NULL));
        CHECK_OK(il_theory_critical(make(IL_TANH, 0), 0.1, &s2, NULL));
        CHECK(s1 > 1.0 && s2 > s1);
    }
}

/* ---- depth scales ---------------------------------------------------------- */

/* The gaps |c_l - c*| of a path started near c* shrink by chi_c a layer:
 * their ratio where they pass 1e-6 (before rounding matters). */
#define DEPTH 400
static void check_decay(il_act act, double sw, double sb, double c0)
{
    il_theory_point p;
    double q[DEPTH + 1], c[DEPTH + 1], ratio = NAN, xi;
    int l;
    CHECK_OK(il_theory(act, sw, sb, &p));
    CHECK_OK(il_theory_path(act, sw, sb, p.q_star, c0, DEPTH, q, c));
    for (l = 1; l < DEPTH; l++) {
        double g0 = fabs(c[l] - p.c_star), g1 = fabs(c[l + 1] - p.c_star);
        CHECK_NEAR(q[l], p.q_star, 1e-12 * (1 + p.q_star));
        if (g1 < 1e-6 && g0 >= 1e-6) {
            ratio = g1 / g0;
            break;
        }
    }
    CHECK_NEAR(ratio, p.chi_c, 1e-4);
    xi = -1 / log(ratio);
    CHECK_NEAR(xi / p.xi_c, 1.0, 2e-3);
    if (check_current_failed)
        printf("#   at %s %g %g from c0 = %g: c* %.12g chi_c %.12g\n",
               il_act_name(act.kind), sw, sb, c0, p.c_star, p.chi_c);
}

static void test_xi_c_decorrelation(void)
{
    check_decay(make(IL_TANH, 0), 2.5, 0.05, 0.9);   /* chaotic: c* < 1 */
    check_decay(make(IL_TANH, 0), 2.5, 0.05, 0.1);
    check_decay(make(IL_TANH, 0), 1.5, 0.05, 0.7);   /* ordered: c* = 1 */
    check_decay(make(IL_ELU, 1.0), 1.9, 0.01, 0.5);
    check_decay(make(IL_SOFTSIGN, 0), 6.0, 0.05, 0.9);
    check_decay(make(IL_SELU, 0), 1.2, 0.0, 0.6);
    check_decay(make(IL_SIGMOID, 0), 20.0, 0.1, 0.2);
}

/* xi_q: the gaps |q_l - q*| shrink by the slope of the variance map. */
static void test_xi_q(void)
{
    il_theory_point p;
    il_act act = make(IL_TANH, 0);
    double q[41], ratio;
    CHECK_OK(il_theory(act, 1.5, 0.05, &p));
    CHECK_OK(il_theory_path(act, 1.5, 0.05, p.q_star * 1.01, 0, 40, q, NULL));
    ratio = (q[11] - p.q_star) / (q[10] - p.q_star);
    CHECK_NEAR(-1 / log(ratio), p.xi_q, 1e-3 * p.xi_q);
}

/* ---- the network ----------------------------------------------------------- */

static void test_network_chain(void)
{
    enum { L = 5, M = 3 };
    size_t n[L + 1] = {10, 20, 20, 20, 20, 20};
    il_act acts[L + 1];
    double sw[L + 1], sb[L + 1], in[M] = {0.5, 1.0, 2.0};
    double qp[L], ap[L], gp[L], want_q[L] = {0}, want_a[L] = {0};
    int l, j;
    for (l = 0; l <= L; l++) {
        acts[l] = make(IL_TANH, 0);
        sw[l] = 1.5;
        sb[l] = 0.05;
    }
    for (j = 0; j < M; j++) {
        double q = 1.5 * in[j] + 0.05;
        for (l = 0; l < L; l++) {
            double a2;
            want_q[l] += q / M;
            CHECK_OK(il_theory_q_map(acts[1], 1.0, 0.0, q, &a2));
            want_a[l] += a2 / M;
            CHECK_OK(il_theory_q_map(acts[1], 1.5, 0.05, q, &q));
        }
    }
    CHECK_OK(il_theory_network(L, n, acts, sw, sb, in, M, NULL, qp, ap, gp));
    for (l = 0; l < L; l++) {
        CHECK_NEAR(qp[l], want_q[l], 1e-14);
        CHECK_NEAR(ap[l], want_a[l], 1e-14);
    }
    /* one sample: g_l / g_{l+1} = sigma_w2 E[phi'(q_l)^2] */
    CHECK_OK(il_theory_network(L, n, acts, sw, sb, in + 1, 1, NULL, qp, ap, gp));
    CHECK_NEAR(gp[L - 1], 1.0, 0);
    for (l = 0; l < L - 1; l++) {
        il_theory_moments m;
        CHECK_OK(il_theory_expect(acts[1], qp[l], 1.0, &m));
        CHECK_NEAR(gp[l] / gp[l + 1], 1.5 * m.dphi2, 1e-13);
    }
}

static void test_network_linear(void)
{
    enum { L = 3 };
    size_t n[L + 1] = {4, 8, 2, 6};
    il_act acts[L + 1];
    double sw[L + 1] = {0, 2.0, 0.5, 3.0}, sb[L + 1] = {0, 0.1, 0.2, 0.0};
    double in = 1.5, og = 0.25, qp[L], ap[L], gp[L], q;
    int l;
    for (l = 0; l <= L; l++)
        acts[l] = make(IL_LINEAR, 0);
    acts[L] = make(IL_SOFTMAX, 0);
    CHECK_OK(il_theory_network(L, n, acts, sw, sb, &in, 1, &og, qp, ap, gp));
    q = 2.0 * 1.5 + 0.1;
    CHECK_NEAR(qp[0], q, 1e-15);
    CHECK_NEAR(ap[0], q, 1e-15);
    q = 0.5 * q + 0.2;
    CHECK_NEAR(qp[1], q, 1e-15);
    CHECK_NEAR(qp[2], 3.0 * q, 1e-14);
    CHECK(isnan(ap[2]));
    CHECK_NEAR(gp[2], 0.25, 0);
    CHECK_NEAR(gp[1], 0.25 * 3.0 * 6.0 / 2.0, 1e-15);
    CHECK_NEAR(gp[0], gp[1] * 0.5 * 2.0 / 8.0, 1e-15);
    /* softmax before the last layer is refused */
    acts[1] = make(IL_SOFTMAX, 0);
    CHECK_FAILS(il_theory_network(L, n, acts, sw, sb, &in, 1, &og, qp, ap, gp),
                IL_EBADVALUE, "acts[1]");
}

/* ---- bad inputs ------------------------------------------------------------ */

static void test_bad_inputs(void)
{
    il_theory_point p;
    il_theory_moments m;
    il_act tanh_ = make(IL_TANH, 0), bad_elu = make(IL_ELU, NAN);
    double x, q[3];
    size_t n[2] = {2, 2};
    il_act acts[2];
    double sw[2] = {1, 1}, sb[2] = {0, 0}, in = 1, qp[1], ap[1];
    acts[0] = acts[1] = tanh_;
    CHECK_FAILS(il_theory(make(IL_SOFTMAX, 0), 1, 0, &p), IL_EBADVALUE, "softmax");
    CHECK_FAILS(il_theory(tanh_, 0, 0, &p), IL_EBADVALUE, "sigma_w2 must be a finite number > 0, got 0");
    CHECK_FAILS(il_theory(tanh_, -1, 0, &p), IL_EBADVALUE, "got -1");
    CHECK_FAILS(il_theory(tanh_, NAN, 0, &p), IL_EBADVALUE, "sigma_w2");
    CHECK_FAILS(il_theory(tanh_, INFINITY, 0, &p), IL_EBADVALUE, "got Inf");
    CHECK_FAILS(il_theory(tanh_, 1, -0.5, &p), IL_EBADVALUE, "sigma_b2 must be a finite number >= 0, got -0.5");
    CHECK_FAILS(il_theory(tanh_, 1, NAN, &p), IL_EBADVALUE, "sigma_b2");
    CHECK_FAILS(il_theory(tanh_, 1, 0, NULL), IL_EBADARG, "out");
    CHECK_FAILS(il_theory(bad_elu, 1, 0, &p), IL_EBADVALUE, "parameter of elu");
    CHECK_FAILS(il_theory_critical(tanh_, -1, &x, NULL), IL_EBADVALUE, "sigma_b2");
    CHECK_FAILS(il_theory_critical(tanh_, 0, NULL, NULL), IL_EBADARG, "sigma_w2");
    CHECK_FAILS(il_theory_critical(make(IL_SOFTMAX, 0), 0, &x, NULL), IL_EBADVALUE, "softmax");
    /* no crossing: sigmoid buried under a huge bias variance */
    CHECK_FAILS(il_theory_critical(make(IL_SIGMOID, 0), 1e12, &x, NULL), IL_EBADVALUE,
                "sigmoid has no critical sigma_w2");
    CHECK(strstr(il_last_error(), "sigma_b2 = 1e+12") != NULL);
    CHECK_FAILS(il_theory_q_map(tanh_, 1, 0, -1, &x), IL_EBADVALUE, "q must be a finite number >= 0");
    CHECK_FAILS(il_theory_q_map(tanh_, 1, 0, 1, NULL), IL_EBADARG, "q_next");
    CHECK_FAILS(il_theory_c_map(tanh_, 1, 0, 1, 1.5, &x), IL_EBADVALUE, "c must be a number in [-1, 1], got 1.5");
    CHECK_FAILS(il_theory_c_map(tanh_, 1, 0, 1, NAN, &x), IL_EBADVALUE, "c must");
    CHECK_FAILS(il_theory_expect(tanh_, INFINITY, 0, &m), IL_EBADVALUE, "q must");
    CHECK_FAILS(il_theory_expect(tanh_, 1, 0, NULL), IL_EBADARG, "out");
    CHECK_FAILS(il_theory_path(tanh_, 1, 0, 1, 2, 2, q, q), IL_EBADVALUE, "c0");
    CHECK_FAILS(il_theory_path(tanh_, 1, 0, NAN, 0, 2, q, NULL), IL_EBADVALUE, "q0");
    CHECK_FAILS(il_theory_path(tanh_, 1, 0, 1, 0, 2, NULL, NULL), IL_EBADARG, "q must not");
    CHECK_FAILS(il_theory_network(0, n, acts, sw, sb, &in, 1, NULL, qp, ap, NULL), IL_EBADARG, "L");
    CHECK_FAILS(il_theory_network(1, n, acts, sw, sb, &in, 0, NULL, qp, ap, NULL), IL_EBADARG, "m must");
    CHECK_FAILS(il_theory_network(1, NULL, acts, sw, sb, &in, 1, NULL, qp, ap, NULL), IL_EBADARG, "n must");
    CHECK_FAILS(il_theory_network(1, n, acts, sw, sb, &in, 1, NULL, NULL, ap, NULL), IL_EBADARG, "q_pred");
    sw[1] = -2;
    CHECK_FAILS(il_theory_network(1, n, acts, sw, sb, &in, 1, NULL, qp, ap, NULL), IL_EBADVALUE, "sigma_w2[1]");
    sw[1] = 1;
    sb[1] = NAN;
    CHECK_FAILS(il_theory_network(1, n, acts, sw, sb, &in, 1, NULL, qp, ap, NULL), IL_EBADVALUE, "sigma_b2[1]");
    sb[1] = 0;
    in = -1;
    CHECK_FAILS(il_theory_network(1, n, acts, sw, sb, &in, 1, NULL, qp, ap, NULL), IL_EBADVALUE, "input_sq[0]");
    CHECK(strcmp(il_phase_name(IL_PHASE_CHAOTIC), "chaotic") == 0);
    CHECK(strcmp(il_phase_name(IL_PHASE_ORDERED), "ordered") == 0);
    CHECK(strcmp(il_phase_name(IL_PHASE_CRITICAL), "critical") == 0);
}

/* ---- limits ------------------------------------------------------------------ */

static void test_limits(void)
{
    il_theory_point p;
    il_act tanh_ = make(IL_TANH, 0);
    double x;
    /* tanh at sigma_b2 = 0 and sigma_w2 <= 1: the signal dies, q* = 0 */
    CHECK_OK(il_theory(tanh_, 0.7, 0.0, &p));
    CHECK(p.q_star == 0.0);
    CHECK_NEAR(p.chi1, 0.7, 1e-14);
    CHECK(p.phase == IL_PHASE_ORDERED);
    /* just past it, q* = (1 - 1/sigma_w2)/2 to first order (tanh^2 x =
     * x^2 - 2x^4/3 + ...), and at the critical point itself q* is 0 */
    CHECK_OK(il_theory(tanh_, 1.0 + 1e-6, 0.0, &p));
    CHECK_NEAR(p.q_star / (0.5 * (1 - 1 / (1.0 + 1e-6))), 1.0, 1e-5);
    CHECK_OK(il_theory_critical(tanh_, 0.0, &x, &p));
    CHECK(p.q_star == 0.0 && p.chi1 == 1.0);
    /* the c map at q = 0 is its q -> 0+ limit: tanh is linear there */
    CHECK_OK(il_theory_c_map(tanh_, 1.0, 0.0, 0.0, 0.3, &x));
    CHECK_NEAR(x, 0.3, 1e-12);
    CHECK_OK(il_theory_c_map(tanh_, 1.0, 0.1, 0.0, 0.3, &x));
    CHECK_NEAR(x, 1.0, 0);
    /* the relu c map is independent of q at sigma_b2 = 0 */
    CHECK_OK(il_theory_c_map(make(IL_RELU, 0), 2.0, 0.0, 7.0, 0.0, &x));
    CHECK_NEAR(x, 1.0 / PI, 1e-15);
    /* selu at (1, 0) is self-normalizing: q* = 1 (Klambauer et al.), and
     * chi1 = lambda^2 (1/2 + alpha^2 e^2 Phi(-2)) = 1.0716 (not 1) */
    CHECK_OK(il_theory(make(IL_SELU, 0), 1.0, 0.0, &p));
    CHECK_NEAR(p.q_star, 1.0, 1e-6);
    CHECK_NEAR(p.chi1, 1.0507009873554805 * 1.0507009873554805 *
               (0.5 + 1.6732632423543772 * 1.6732632423543772 * exp(2.0) *
                0.5 * erfc(2.0 / sqrt(2.0))), 1e-12);
    /* elu past its growth threshold: q* = Inf, xi's Inf */
    CHECK_OK(il_theory(make(IL_ELU, 1.0), 3.0, 0.1, &p));
    CHECK(isinf(p.q_star) && isinf(p.xi_q) && isinf(p.xi_c));
    CHECK_NEAR(p.chi1, 1.5, 1e-12);
}

/* ---- the numbers for the report, and the time per call ---------------------- */

static void test_report_numbers(void)
{
    static const double sbs[] = {0.0, 0.01, 0.05, 0.1};
    il_act tanh_ = make(IL_TANH, 0);
    il_theory_point p;
    struct timespec t0, t1;
    double sw, ms;
    int i, reps = 200;
    for (i = 0; i < 4; i++) {
        CHECK_OK(il_theory_critical(tanh_, sbs[i], &sw, &p));
        printf("# tanh critical sigma_w2 at sigma_b2 = %g: %.15g (q* %.10g)\n",
               sbs[i], sw, p.q_star);
    }
    CHECK_OK(il_theory(tanh_, 1.5, 0.05, &p));
    printf("# tanh (1.5, 0.05): q* %.12g c* %.12g chi1 %.12g chi_c %.12g "
           "xi_q %.10g xi_c %.10g %s\n", p.q_star, p.c_star, p.chi1, p.chi_c,
           p.xi_q, p.xi_c, il_phase_name(p.phase));
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (i = 0; i < reps; i++)
        il_theory(tanh_, 1.5, 0.05, &p);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    ms = ((t1.tv_sec - t0.tv_sec) * 1e3 + (t1.tv_nsec - t0.tv_nsec) * 1e-6) / reps;
    printf("# il_theory(tanh, 1.5, 0.05): %.3f ms a call\n", ms);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (i = 0; i < 20; i++)
        il_theory(make(IL_TANH, 0), 2.5, 0.05, &p);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    ms = ((t1.tv_sec - t0.tv_sec) * 1e3 + (t1.tv_nsec - t0.tv_nsec) * 1e-6) / 20;
    printf("# il_theory(tanh, 2.5, 0.05), chaotic: %.3f ms a call\n", ms);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (i = 0; i < 20; i++)
        il_theory(make(IL_ELU, 1.0), 1.9, 0.01, &p);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    ms = ((t1.tv_sec - t0.tv_sec) * 1e3 + (t1.tv_nsec - t0.tv_nsec) * 1e-6) / 20;
    printf("# il_theory(elu, 1.9, 0.01), chaotic: %.3f ms a call\n", ms);
}

int main(void)
{
    RUN(test_brute_force_is_right);
    RUN(test_expect_vs_brute_force);
    RUN(test_expect_vs_monte_carlo);
    RUN(test_closed_forms);
    RUN(test_fixed_points);
    RUN(test_critical_point);
    RUN(test_xi_c_decorrelation);
    RUN(test_xi_q);
    RUN(test_network_chain);
    RUN(test_network_linear);
    RUN(test_bad_inputs);
    RUN(test_limits);
    RUN(test_report_numbers);
    return check_finish("tests/c/test_theory.c");
}
