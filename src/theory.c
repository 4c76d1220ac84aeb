/*
 * theory.c - mean-field signal propagation (Poole et al. 2016, Schoenholz et
 * al. 2017): the variance and correlation maps of a random layer, their
 * fixed points and slopes, the depth scales, the phase, the critical line,
 * and a whole network's predicted forward and backward second moments.
 *
 * The expectations.  linear, relu and leaky_relu are phi(x) = a x (x > 0),
 * b x (x < 0), whose kernels are closed forms (Cho & Saul 2009's arc-cosine
 * kernel of degree 1 and 0):
 *   E[phi(u1) phi(u2)] / q = a b c + (a-b)^2 (sqrt(1-c^2) + (pi - acos c) c)/(2 pi)
 *   E[phi'(u1) phi'(u2)]   = a b   + (a-b)^2 (pi - acos c) / (2 pi).
 * The others are integrated over |z| <= 9 (the normal mass outside is
 * 2e-19) by 10-point Gauss-Legendre panels times the normal density.  Every
 * activation is smooth on each side of 0, so the line is split there, and
 * the panels are graded geometrically away from the split (widths 1/s, 1/s,
 * 2/s, 4/s, ... for an integrand that changes on the scale 1/s, then at
 * most 2.5 wide): each panel then sees the poles of tanh, sigmoid, softsign
 * and softplus, which lie near the imaginary axis, at least a panel width
 * away, and 10 points give about 1e-13.  Below q = 1, E[phi^2] integrates
 * only what phi^2 has beyond its linear part at 0, so that q_map(q) - q
 * keeps its sign down to q ~ 1e-100 (the q -> 0 limits of tanh & co.).
 *
 * In 2-D, for |c| <= 0.995 the inner integral is taken over v = c z1 +
 * sqrt(1-c^2) z2 given z1: phi(sqrt(q) v) has its kink at v = 0 whatever
 * z1, so phi and phi' are evaluated once on a grid of v (split at 0, graded
 * for sqrt(q), panels at most 2.5 sqrt(1-c^2) wide for the Gaussian of v
 * given z1), and each outer node only reweighs them (one exp a pair, which
 * keeps a chaotic il_theory near a millisecond).  Closer to +-1 the inner
 * integral is over z2, split where c z1 + sqrt(1-c^2) z2 = 0, on the disc
 * r <= 9 (outside it the 2-D normal mass is 3e-18).  Either way the outer
 * integral over z1 is graded on the finer of 1/sqrt(q) and sqrt(1-c^2)/|c|
 * (the inner integral is phi smoothed by that width).  Checked against
 * 20-digit quadrature (mpmath) and against the same rules at panels 2.5x
 * narrower: within 4e-13 relative over q in [0.01, 1000], c in [-0.9,
 * 0.9999].
 */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "internal.h"

/* Klambauer et al. (2017), as act.c. */
#define SELU_LAMBDA 1.0507009873554804934193349852946
#define SELU_ALPHA 1.6732632423543772848170429916717

#define INV_SQRT_2PI 0.39894228040143267793994605993438
#define REACH 9.0
#define WIDE 2.5
#define MAX_SIDE 56
#define GL_HALF 5
#define GL_N (2 * GL_HALF)
#define RULE_MAX (2 * MAX_SIDE * GL_N)
/* Where the q -> 0 and q -> Inf limits are taken. */
#define TINY_Q 1e-200
#define HUGE_X 1e300
#define CRITICAL_TOL 1e-9

/* 10-point Gauss-Legendre on [-1, 1]: the positive nodes and their weights
 * (Abramowitz & Stegun table 25.4). */
static const double gl_x[GL_HALF] = {
    0.1488743389816312108848260, 0.4333953941292471907992659,
    0.6794095682990244062343274, 0.8650633666889845107320967,
    0.9739065285171717200779640};
static const double gl_w[GL_HALF] = {
    0.2955242247147528701738930, 0.2692667193099963550912269,
    0.2190863625159820439955349, 0.1494513491505805931457763,
    0.0666713443086881375935688};

/* ---- the activation ------------------------------------------------------ */

/* The signed derivative at x given fx = phi(x); at 0 the left one for the
 * relu family (as act.c's z > 0 test), which only a node at exactly 0 would
 * see, and no node is. */
static double deriv(il_act act, double x, double fx)
{
    switch (act.kind) {
    case IL_LINEAR: return 1.0;
    case IL_SIGMOID: return fx * (1.0 - fx);
    case IL_TANH: return 1.0 - fx * fx;
    case IL_RELU: return x > 0 ? 1.0 : 0.0;
    case IL_LEAKY_RELU: return x > 0 ? 1.0 : act.param;
    case IL_ELU: return x > 0 ? 1.0 : fx + act.param;
    case IL_SELU: return x > 0 ? SELU_LAMBDA : fx + SELU_LAMBDA * SELU_ALPHA;
    case IL_SOFTSIGN: {
        double d = 1.0 + fabs(x);
        return 1.0 / (d * d);
    }
    case IL_SOFTPLUS: {
        double e = exp(-fabs(x));
        return x >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
    }
    default: break;
    }
    return NAN;
}

/* phi''(0) of the smooth activations with phi(0) != 0 (the q = 0 limit of
 * slope_q needs it): sigmoid 0, softplus 1/4. */
static double second_at_zero(il_act act)
{
    return act.kind == IL_SOFTPLUS ? 0.25 : 0.0;
}

/* The closed-form family: phi(x) = a x for x > 0, b x for x < 0. */
static int two_slopes(il_act act, double *a, double *b)
{
    switch (act.kind) {
    case IL_LINEAR: *a = 1.0; *b = 1.0; return 1;
    case IL_RELU: *a = 1.0; *b = 0.0; return 1;
    case IL_LEAKY_RELU: *a = 1.0; *b = act.param; return 1;
    default: return 0;
    }
}

/* E[phi(u1) phi(u2)] / q and E[phi'(u1) phi'(u2)] of the two-slope
 * activation at correlation c. */
static double kernel_ff(double a, double b, double c)
{
    const double pi = 3.14159265358979323846;
    double s = sqrt((1.0 - c) * (1.0 + c));
    return a * b * c + (a - b) * (a - b) * (s + (pi - acos(c)) * c) / (2.0 * pi);
}

static double kernel_dd(double a, double b, double c)
{
    const double pi = 3.14159265358979323846;
    return a * b + (a - b) * (a - b) * (pi - acos(c)) / (2.0 * pi);
}

/* The slopes phi'(+inf), phi'(-inf): what every activation here looks like
 * at q -> Inf, a two-slope one. */
static void slopes_at_infinity(il_act act, double *a, double *b)
{
    *a = deriv(act, HUGE_X, il_act_value(act, HUGE_X));
    *b = deriv(act, -HUGE_X, il_act_value(act, -HUGE_X));
}

/* ---- quadrature ---------------------------------------------------------- */

typedef struct {
    size_t n;
    double z[RULE_MAX], w[RULE_MAX];
} rule;

static void add_panel(rule *r, double lo, double hi)
{
    double m = 0.5 * (lo + hi), h = 0.5 * (hi - lo);
    int i;
    for (i = 0; i < GL_HALF; i++) {
        double z1 = m - h * gl_x[i], z2 = m + h * gl_x[i];
        r->z[r->n] = z1;
        r->w[r->n++] = h * gl_w[i] * INV_SQRT_2PI * exp(-0.5 * z1 * z1);
        r->z[r->n] = z2;
        r->w[r->n++] = h * gl_w[i] * INV_SQRT_2PI * exp(-0.5 * z2 * z2);
    }
}

/* Offsets from a split to the end of its side, len away: 1/s, 2/s, ...
 * (finer than 2^-40 is never needed: that panel holds at most 2^-40 of
 * the mass) while the panels stay within wide, then equal panels at most
 * wide wide;
 * at most cap of them.  Returns how many. */
static size_t side_offsets(double len, double slope, double wide, size_t cap,
                           double *off)
{
    double o = slope > 0 ? 1.0 / slope : INFINITY, last = 0.0;
    size_t n = 0, k, m;
    if (!(len > 0))
        return 0;
    if (o < 0x1p-40)
        o = 0x1p-40;
    /* the panel ending at o is o/2 wide: keep doubling while that is
     * within wide, so that every panel is at most as wide as its distance
     * from the split (where tanh's, sigmoid's, softsign's poles cluster) */
    while (o <= (n ? 2.0 : 1.0) * wide && o < len && n < 44) {
        off[n++] = o;
        last = o;
        o *= 2.0;
    }
    m = (size_t)ceil((len - last) / wide);
    if (m < 1)
        m = 1;
    if (m > cap - n)
        m = cap - n;
    for (k = 1; k <= m; k++)
        off[n++] = k == m ? len : last + (len - last) * (double)k / (double)m;
    return n;
}

/* The rule for E over z in [lo, hi] of an integrand smooth on each side of
 * split (clamped into the interval) that changes on the scale 1/slope there. */
static void rule_build(rule *r, double lo, double hi, double split, double slope)
{
    double off[MAX_SIDE], a;
    size_t n, k;
    if (split < lo)
        split = lo;
    if (split > hi)
        split = hi;
    r->n = 0;
    n = side_offsets(hi - split, slope, WIDE, 52, off);
    for (k = 0, a = split; k < n; k++) {
        double b = k + 1 == n ? hi : split + off[k];
        add_panel(r, a, b);
        a = b;
    }
    n = side_offsets(split - lo, slope, WIDE, 52, off);
    for (k = 0, a = split; k < n; k++) {
        double b = k + 1 == n ? lo : split - off[k];
        add_panel(r, b, a);
        a = b;
    }
}

/* A sorted grid of panels over [-REACH, REACH] split at 0, for integrands
 * whose Gaussian factor is not the standard one (w holds the Gauss-Legendre
 * weights times the half-widths only). */
#define GRID_SIDE 80
#define GRID_MAX (2 * GRID_SIDE)
#define GRID_WIDE 2.5
typedef struct {
    size_t panels;
    double bp[GRID_MAX + 1];
    double v[GRID_MAX * GL_N], w[GRID_MAX * GL_N];
} grid;

static void grid_build(grid *g, double slope, double wide)
{
    double off[GRID_SIDE];
    size_t n = side_offsets(REACH, slope, wide, GRID_SIDE, off), k, p;
    for (k = 0; k < n; k++) {
        g->bp[n - 1 - k] = -off[k];
        g->bp[n + 1 + k] = off[k];
    }
    g->bp[n] = 0.0;
    g->panels = 2 * n;
    for (p = 0; p < g->panels; p++) {
        double m = 0.5 * (g->bp[p] + g->bp[p + 1]), h = 0.5 * (g->bp[p + 1] - g->bp[p]);
        int i;
        for (i = 0; i < GL_HALF; i++) {
            g->v[p * GL_N + 2 * i] = m - h * gl_x[i];
            g->v[p * GL_N + 2 * i + 1] = m + h * gl_x[i];
            g->w[p * GL_N + 2 * i] = g->w[p * GL_N + 2 * i + 1] = h * gl_w[i];
        }
    }
}

/* The first panel of g whose upper end passes x. */
static size_t grid_find(const grid *g, double x)
{
    size_t lo = 0, hi = g->panels;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (g->bp[mid + 1] <= x)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* ---- the expectations ---------------------------------------------------- */

/* E[phi^2] as *ff + *lin (see below; *lin is 0 at and above q = 1),
 * E[phi'^2] and E[phi' phi z]/sqrt(q) at variance q (0..Inf). */
static void moments1_parts(il_act act, double q, double *ff, double *lin,
                           double *dd, double *fdz)
{
    double a, b, s, f0, d0, f0l, dp, dm, sff = 0.0, sdd = 0.0, sfdz = 0.0;
    rule r;
    size_t i;
    *lin = 0.0;
    if (two_slopes(act, &a, &b)) {
        double k = 0.5 * (a * a + b * b);
        *ff = isinf(q) ? (k > 0 ? INFINITY : 0.0) : k * q;
        *dd = k;
        *fdz = k;
        return;
    }
    if (isinf(q)) {
        double fp = il_act_value(act, HUGE_X), fm = il_act_value(act, -HUGE_X);
        slopes_at_infinity(act, &a, &b);
        *ff = 0.5 * (fp * fp + fm * fm);
        *dd = 0.5 * (a * a + b * b);
        *fdz = *dd;
        return;
    }
    s = q > 0 ? sqrt(q) : sqrt(TINY_Q);
    f0 = il_act_value(act, 0.0);
    d0 = deriv(act, 0.0, f0);
    f0l = f0;
    /* below q = 1, E[phi^2] is E[phi^2 - l^2] + E[l^2] for phi's linear part
     * at 0, l(u) = f0 + (u > 0 ? dp : dm) u, whose moment is exact: the
     * difference is O(q^2) where phi(0) = 0, so that q_map(q) - q keeps its
     * sign down to q ~ 1e-100 (tanh's q* = 0 at sigma_w2 = 1) */
    if (q < 1.0) {
        dp = deriv(act, 1e-300, il_act_value(act, 1e-300));
        dm = deriv(act, -1e-300, il_act_value(act, -1e-300));
    } else {
        dp = dm = 0.0;
        f0l = 0.0;
    }
    rule_build(&r, -REACH, REACH, 0.0, s);
    for (i = 0; i < r.n; i++) {
        double z = r.z[i], w = r.w[i], u = s * z;
        double f = il_act_value(act, u), d = deriv(act, u, f);
        double l = f0l + (u > 0 ? dp : dm) * u;
        sff += w * (f - l) * (f + l);
        sdd += w * d * d;
        /* phi' phi = phi' (phi - f0) + f0 (phi' - d0) + f0 d0, E[z] = 0:
         * each term is O(sqrt q), so small q keeps its digits */
        sfdz += w * z * (d * (f - f0) + f0 * (d - d0));
    }
    *dd = sdd;
    if (q > 0) {
        *ff = sff;
        *lin = f0l * f0l + 2.0 * f0l * s * (dp - dm) * INV_SQRT_2PI +
               0.5 * q * (dp * dp + dm * dm);
        *fdz = sfdz / s;
    } else {
        *ff = f0 * f0;
        *fdz = f0 * second_at_zero(act) + sdd;
    }
}

static void moments1(il_act act, double q, double *ff, double *dd, double *fdz)
{
    double lin;
    moments1_parts(act, q, ff, &lin, dd, fdz);
    *ff += lin;
}

/* E[phi(u1) phi(u2)] and E[phi'(u1) phi'(u2)] at variance q (finite) and
 * correlation c. */
static void moments2(il_act act, double q, double c, double *ff, double *dd)
{
    double a, b, s, sc, sff = 0.0, sdd = 0.0, slope;
    rule ro, ri;
    size_t i, j;
    if (two_slopes(act, &a, &b)) {
        *ff = q * kernel_ff(a, b, c);
        *dd = kernel_dd(a, b, c);
        return;
    }
    s = q > 0 ? sqrt(q) : sqrt(TINY_Q);
    if (c == 0) {
        /* independent: E[phi]^2 and E[phi']^2 */
        double sf = 0.0, sd = 0.0;
        rule_build(&ro, -REACH, REACH, 0.0, s);
        for (i = 0; i < ro.n; i++) {
            double u = s * ro.z[i], f = il_act_value(act, u);
            sf += ro.w[i] * f;
            sd += ro.w[i] * deriv(act, u, f);
        }
        sff = sf * sf;
        sdd = sd * sd;
    } else if (c >= 1.0 || c <= -1.0) {
        double sign = c >= 1.0 ? 1.0 : -1.0;
        rule_build(&ro, -REACH, REACH, 0.0, s);
        for (i = 0; i < ro.n; i++) {
            double u = s * ro.z[i];
            double f1 = il_act_value(act, u), d1 = deriv(act, u, f1);
            double f2 = il_act_value(act, sign * u), d2 = deriv(act, sign * u, f2);
            sff += ro.w[i] * f1 * f2;
            sdd += ro.w[i] * d1 * d2;
        }
    } else if ((sc = sqrt((1.0 - c) * (1.0 + c))) >= 0.1) {
        /* in v = c z1 + sqrt(1-c^2) z2 the kink of phi(sqrt(q) v) stays at
         * v = 0 for every z1: phi and phi' are evaluated once on a grid of
         * v fine enough for the Gaussian of v given z1 (mean c z1, sd sc),
         * and each z1 only weighs them by that density */
        double fv[GRID_MAX * GL_N], dv[GRID_MAX * GL_N];
        double k2 = 0.5 / (sc * sc), norm = INV_SQRT_2PI / sc;
        size_t nv;
        grid g;
        grid_build(&g, s, GRID_WIDE * sc);
        nv = g.panels * GL_N;
        for (j = 0; j < nv; j++) {
            double u = s * g.v[j];
            fv[j] = il_act_value(act, u);
            dv[j] = deriv(act, u, fv[j]);
        }
        slope = fabs(c) / sc > s ? fabs(c) / sc : s;
        rule_build(&ro, -REACH, REACH, 0.0, slope);
        for (i = 0; i < ro.n; i++) {
            double z1 = ro.z[i], u1 = s * z1, m = c * z1;
            double f1 = il_act_value(act, u1), d1 = deriv(act, u1, f1);
            double f2s = 0.0, d2s = 0.0;
            size_t p0 = grid_find(&g, m - REACH * sc),
                   p1 = grid_find(&g, m + REACH * sc);
            size_t j0 = p0 * GL_N, j1 = (p1 < g.panels ? p1 + 1 : g.panels) * GL_N;
            for (j = j0; j < j1; j++) {
                double e = g.v[j] - m, w = g.w[j] * exp(-k2 * e * e);
                f2s += w * fv[j];
                d2s += w * dv[j];
            }
            sff += ro.w[i] * f1 * f2s * norm;
            sdd += ro.w[i] * d1 * d2s * norm;
        }
    } else {
        slope = fabs(c) / sc > s ? fabs(c) / sc : s;
        rule_build(&ro, -REACH, REACH, 0.0, slope);
        for (i = 0; i < ro.n; i++) {
            double z1 = ro.z[i], u1 = s * z1, rest = REACH * REACH - z1 * z1;
            double f1 = il_act_value(act, u1), d1 = deriv(act, u1, f1);
            double reach, f2s = 0.0, d2s = 0.0;
            if (!(rest > 0))
                continue;
            reach = sqrt(rest);
            rule_build(&ri, -reach, reach, -c * z1 / sc, s * sc);
            for (j = 0; j < ri.n; j++) {
                double u2 = s * (c * z1 + sc * ri.z[j]);
                double f2 = il_act_value(act, u2);
                f2s += ri.w[j] * f2;
                d2s += ri.w[j] * deriv(act, u2, f2);
            }
            sff += ro.w[i] * f1 * f2s;
            sdd += ro.w[i] * d1 * d2s;
        }
    }
    if (q > 0) {
        *ff = sff;
    } else {
        double f0 = il_act_value(act, 0.0);
        *ff = f0 * f0;
    }
    *dd = sdd;
}

/* ---- the maps ------------------------------------------------------------ */

typedef struct {
    il_act act;
    double sw, sb;
    double target;    /* critical: the sigma_b2 of the line */
} model;

static double q_map(const model *t, double q)
{
    double ff, dd, fdz;
    moments1(t->act, q, &ff, &dd, &fdz);
    return t->sw * ff + t->sb;
}

/* c_next at (q, c), and its slope dc_next/dc = sigma_w2 q E[phi'phi'] /
 * q_next (Price's theorem: d E[phi(u1) phi(u2)] / dc = q E[phi' phi']). */
static double c_map(const model *t, double q, double c, double *slope)
{
    double ff1, dd1, fdz, ff2, dd2, qn, cn, sl;
    if (isinf(q)) {
        double a, b, k1;
        if (!two_slopes(t->act, &a, &b))
            slopes_at_infinity(t->act, &a, &b);
        k1 = kernel_ff(a, b, 1.0);
        if (!(k1 > 0)) {
            if (slope)
                *slope = 0.0;
            return 1.0;
        }
        cn = kernel_ff(a, b, c) / k1;
        sl = kernel_dd(a, b, c) / k1;
    } else {
        moments1(t->act, q, &ff1, &dd1, &fdz);
        qn = t->sw * ff1 + t->sb;
        if (!(qn > 0)) {
            /* phi(0) = 0, sigma_b2 = 0, q = 0: the limit q -> 0+ */
            q = TINY_Q;
            moments1(t->act, q, &ff1, &dd1, &fdz);
            moments2(t->act, q, c, &ff2, &dd2);
            cn = ff2 / ff1;
            sl = q * dd2 / ff1;
        } else if (c >= 1.0) {
            cn = 1.0;
            sl = t->sw * q * dd1 / qn;
        } else {
            moments2(t->act, q, c, &ff2, &dd2);
            cn = (t->sw * ff2 + t->sb) / qn;
            sl = t->sw * q * dd2 / qn;
        }
    }
    if (cn > 1.0)
        cn = 1.0;
    if (cn < -1.0)
        cn = -1.0;
    if (slope)
        *slope = sl;
    return cn;
}

/* ---- root finding -------------------------------------------------------- */

typedef double (*root_fn)(const model *t, double x);

/* Brent's method (Brent 1973, as Numerical Recipes' zbrent) on [x1, x2]
 * where f1, f2 differ in sign; to 2 eps |x| + tol/2. */
static double brent(root_fn f, const model *t, double x1, double x2, double f1,
                    double f2, double tol)
{
    double a = x1, b = x2, c = x2, fa = f1, fb = f2, fc = f2, d = b - a, e = d;
    int it;
    for (it = 0; it < 300; it++) {
        double tol1, xm;
        if ((fb > 0 && fc > 0) || (fb < 0 && fc < 0)) {
            c = a;
            fc = fa;
            e = d = b - a;
        }
        if (fabs(fc) < fabs(fb)) {
            a = b; b = c; c = a;
            fa = fb; fb = fc; fc = fa;
        }
        tol1 = 2.0 * DBL_EPSILON * fabs(b) + 0.5 * tol;
        xm = 0.5 * (c - b);
        if (fabs(xm) <= tol1 || fb == 0)
            return b;
        if (fabs(e) >= tol1 && fabs(fa) > fabs(fb)) {
            double p, q, r, s = fb / fa, min1, min2;
            if (a == c) {
                p = 2.0 * xm * s;
                q = 1.0 - s;
            } else {
                q = fa / fc;
                r = fb / fc;
                p = s * (2.0 * xm * q * (q - r) - (b - a) * (r - 1.0));
                q = (q - 1.0) * (r - 1.0) * (s - 1.0);
            }
            if (p > 0)
                q = -q;
            p = fabs(p);
            min1 = 3.0 * xm * q - fabs(tol1 * q);
            min2 = fabs(e * q);
            if (2.0 * p < (min1 < min2 ? min1 : min2)) {
                e = d;
                d = p / q;
            } else {
                d = xm;
                e = d;
            }
        } else {
            d = xm;
            e = d;
        }
        a = b;
        fa = fb;
        b += fabs(d) > tol1 ? d : (xm >= 0 ? tol1 : -tol1);
        fb = f(t, b);
    }
    return b;
}

/* q_map(q) - q, the linear part's sigma_w2 E[l^2] - q first: at phi(0) = 0
 * and E[phi'(0)^2] sigma_w2 = 1 that is exactly 0, and the sign is the
 * O(q^2) rest's. */
static double q_gap(const model *t, double q)
{
    double ff, lin, dd, fdz;
    moments1_parts(t->act, q, &ff, &lin, &dd, &fdz);
    return t->sw * ff + (t->sw * lin - q) + t->sb;
}

/* The fixed point of the variance map that q = 1 iterates to: the first
 * sign change of q_map(q) - q scanning from 1 in factors of 4 (up when the
 * map raises 1, down when it lowers it), then Brent.  +Inf when the map
 * raises every q up to 1e200; 0 when it lowers every q down to 1e-100 and
 * q_map(0) = 0. */
static double q_fixed(const model *t)
{
    double a, b, g1 = q_gap(t, 1.0), lo, hi, glo, ghi;
    if (two_slopes(t->act, &a, &b)) {
        double r = t->sw * 0.5 * (a * a + b * b);
        if (fabs(r - 1.0) <= 4 * DBL_EPSILON)
            return t->sb == 0 ? 1.0 : INFINITY;
        return r < 1.0 ? t->sb / (1.0 - r) : INFINITY;
    }
    if (g1 == 0)
        return 1.0;
    if (g1 > 0) {
        lo = 1.0;
        glo = g1;
        hi = 4.0;
        /* past 1e8 the map is its asymptote r q + O(sqrt q): r > 1 grows
         * without bound */
        double r;
        slopes_at_infinity(t->act, &a, &b);
        r = t->sw * 0.5 * (a * a + b * b);
        while ((ghi = q_gap(t, hi)) > 0) {
            lo = hi;
            glo = ghi;
            if (hi > 1e8 && r > 1.0 + 1e-9)
                return INFINITY;
            hi *= hi < 1e8 ? 4.0 : 1e4;
            if (hi > 1e200)
                return INFINITY;
        }
    } else {
        /* when q = 0 is a fixed point, a gap within the rounding of phi's
         * values (a few eps q) is no evidence of another one: keep going */
        double floor = q_map(t, 0.0) == 0 ? 8.0 * DBL_EPSILON * t->sw : -1.0;
        hi = 1.0;
        ghi = g1;
        lo = 0.25;
        while ((glo = q_gap(t, lo)) < 0 || glo <= floor * lo) {
            hi = lo;
            ghi = glo;
            lo *= 0.25;
            if (lo < 1e-100) {
                lo = 0.0;
                glo = q_gap(t, 0.0);
                if (!(glo > 0))
                    return 0.0;
                break;
            }
        }
    }
    if (glo == 0)
        return lo;
    if (ghi == 0)
        return hi;
    return brent(q_gap, t, lo, hi, glo, ghi, 1e-300);
}

/* The stable fixed point of the c map at q (finite, > 0) when chi1 > 1:
 * the c map is convex on [0, 1] with c_map(0) >= 0, c_map(1) = 1 and slope
 * chi1 > 1 there, so c_map(c) - c has one root in [0, 1) and Newton from 0
 * climbs to it monotonically; bisection guards it against rounding. */
static double c_fixed(const model *t, double q, double *slope)
{
    double lo = 0.0, hi = 1.0, c = 0.0;
    int it;
    for (it = 0; it < 200; it++) {
        double sl, g = c_map(t, q, c, &sl) - c, next;
        /* the slope at the last c evaluated: within a step of 1e-13 of the
         * root, so within about 1e-13 of chi_c */
        *slope = sl;
        if (g == 0)
            return c;
        if (g > 0)
            lo = c;
        else
            hi = c;
        next = sl < 1.0 ? c - g / (sl - 1.0) : 0.5 * (lo + hi);
        if (!(next > lo && next < hi))
            next = 0.5 * (lo + hi);
        /* Newton's last stage: a step of 1e-13 leaves next within about
         * 1e-26 of the root, and sl within 1e-13 of chi_c */
        if (fabs(next - c) <= 1e-13)
            return next;
        c = next;
    }
    return c;
}

static double depth_scale(double slope)
{
    return slope < 1.0 ? -1.0 / log(slope) : INFINITY;
}

/* ---- validation ---------------------------------------------------------- */

static il_status check_act(il_act act, const char *what)
{
    char buf[32];
    if ((int)act.kind < 0 || act.kind >= IL_ACT_COUNT)
        return il_fail(IL_EBADNAME, "%s: unknown activation %d", what, (int)act.kind);
    if (act.kind == IL_SOFTMAX)
        return il_fail(IL_EBADVALUE, "%s: softmax has no mean-field theory: it "
                       "couples the units of a layer, and the theory is per "
                       "unit", what);
    if (!il_act_param_ok(act))
        return il_fail(IL_EBADVALUE, "%s: the parameter of %s must be finite "
                       "and >= 0, got %s", what, il_act_name(act.kind),
                       il_number(act.param, buf));
    return IL_OK;
}

static il_status check_variances(double sw, double sb)
{
    char buf[32];
    if (!isfinite(sw) || !(sw > 0))
        return il_fail(IL_EBADVALUE, "sigma_w2 must be a finite number > 0, got %s",
                       il_number(sw, buf));
    if (!isfinite(sb) || !(sb >= 0))
        return il_fail(IL_EBADVALUE, "sigma_b2 must be a finite number >= 0, got %s",
                       il_number(sb, buf));
    return IL_OK;
}

static il_status check_q(double q, const char *name)
{
    char buf[32];
    if (!isfinite(q) || !(q >= 0))
        return il_fail(IL_EBADVALUE, "%s must be a finite number >= 0, got %s",
                       name, il_number(q, buf));
    return IL_OK;
}

static il_status check_c(double c, const char *name)
{
    char buf[32];
    if (!(c >= -1.0 && c <= 1.0))
        return il_fail(IL_EBADVALUE, "%s must be a number in [-1, 1], got %s",
                       name, il_number(c, buf));
    return IL_OK;
}

/* ---- the public calls ---------------------------------------------------- */

const char *il_phase_name(il_phase phase)
{
    switch (phase) {
    case IL_PHASE_ORDERED: return "ordered";
    case IL_PHASE_CRITICAL: return "critical";
    case IL_PHASE_CHAOTIC: return "chaotic";
    }
    return "?";
}

static void theory_at(const model *t, il_theory_point *p)
{
    double ff, dd, fdz, qs = q_fixed(t);
    p->sigma_w2 = t->sw;
    p->sigma_b2 = t->sb;
    p->q_star = qs;
    moments1(t->act, qs, &ff, &dd, &fdz);
    p->chi1 = t->sw * dd;
    p->phase = fabs(p->chi1 - 1.0) <= CRITICAL_TOL ? IL_PHASE_CRITICAL
               : p->chi1 < 1.0 ? IL_PHASE_ORDERED : IL_PHASE_CHAOTIC;
    if (isinf(qs)) {
        p->c_star = 1.0;
        p->chi_c = p->chi1;
        p->xi_q = INFINITY;
        p->xi_c = INFINITY;
        return;
    }
    p->xi_q = depth_scale(t->sw * fdz);
    if (p->chi1 <= 1.0 || qs == 0) {
        p->c_star = 1.0;
        p->chi_c = p->chi1;
    } else {
        double sl;
        p->c_star = c_fixed(t, qs, &sl);
        if (p->c_star >= 1.0) {
            p->c_star = 1.0;
            p->chi_c = p->chi1;
        } else {
            p->chi_c = sl;
        }
    }
    p->xi_c = depth_scale(p->chi_c);
}

/* The model of act at (sigma_w2, sigma_b2), both checked. */
static il_status model_of(il_act act, double sigma_w2, double sigma_b2,
                          model *t)
{
    il_status s;
    if ((s = check_act(act, "act")) != IL_OK ||
        (s = check_variances(sigma_w2, sigma_b2)) != IL_OK)
        return s;
    t->act = act;
    t->sw = sigma_w2;
    t->sb = sigma_b2;
    t->target = 0.0;
    return IL_OK;
}

il_status il_theory(il_act act, double sigma_w2, double sigma_b2,
                    il_theory_point *out)
{
    model t;
    il_status s;
    if ((s = model_of(act, sigma_w2, sigma_b2, &t)) != IL_OK)
        return s;
    if (!out)
        return il_fail(IL_EBADARG, "out must not be NULL");
    theory_at(&t, out);
    return IL_OK;
}

/* chi1 - 1 along the line sigma_b2 = t->target, at sigma_w2 = sw. */
static double chi1_gap(const model *t, double sw)
{
    model at = *t;
    double ff, dd, fdz;
    at.sw = sw;
    at.sb = t->target;
    moments1(at.act, q_fixed(&at), &ff, &dd, &fdz);
    return sw * dd - 1.0;
}

il_status il_theory_critical(il_act act, double sigma_b2, double *sigma_w2,
                             il_theory_point *out)
{
    char buf[32];
    model t;
    il_status s;
    double a, b, sw;
    if ((s = check_act(act, "act")) != IL_OK)
        return s;
    if (!isfinite(sigma_b2) || !(sigma_b2 >= 0))
        return il_fail(IL_EBADVALUE, "sigma_b2 must be a finite number >= 0, got %s",
                       il_number(sigma_b2, buf));
    if (!sigma_w2)
        return il_fail(IL_EBADARG, "sigma_w2 must not be NULL");
    t.act = act;
    t.sw = 1.0;
    t.sb = sigma_b2;
    t.target = sigma_b2;
    if (two_slopes(act, &a, &b)) {
        if (!(a * a + b * b > 0))
            return il_fail(IL_EBADVALUE, "%s has no critical sigma_w2 at "
                           "sigma_b2 = %s: chi1 is 0", il_act_name(act.kind),
                           il_number(sigma_b2, buf));
        sw = 2.0 / (a * a + b * b);
    } else {
        /* a log grid over [1e-4, 1e5], 6 points a decade */
        double prev = 1e-4, gprev = chi1_gap(&t, prev), x = prev, g = gprev;
        int k, found = gprev == 0;
        for (k = 1; k <= 54 && !found; k++) {
            x = 1e-4 * pow(10.0, k / 6.0);
            g = chi1_gap(&t, x);
            if (gprev < 0 && g >= 0)
                found = 1;
            else {
                prev = x;
                gprev = g;
            }
        }
        if (!found)
            return il_fail(IL_EBADVALUE, "%s has no critical sigma_w2 in [1e-4, "
                           "1e5] at sigma_b2 = %s: chi1 - 1 does not change "
                           "sign from below", il_act_name(act.kind),
                           il_number(sigma_b2, buf));
        /* with phi(0) = 0 and sigma_b2 = 0, q* = 0 below the line and chi1 =
         * sigma_w2 E[phi'(0)^2] there, which reaches 1 at sw0 = 1/E[phi'(0)^2];
         * above it chi1 - 1 grows only like (sigma_w2 - sw0)^2 for tanh, too
         * flat for a root finder, so the crossing is taken where it is exact */
        double ff, dd, fdz, sw0;
        moments1(act, 0.0, &ff, &dd, &fdz);
        sw0 = dd > 0 ? 1.0 / dd : INFINITY;
        if (sigma_b2 == 0 && il_act_value(act, 0.0) == 0 && prev < sw0 && sw0 <= x)
            sw = sw0;
        else if (gprev == 0)
            sw = prev;
        else if (g == 0)
            sw = x;
        else
            sw = brent(chi1_gap, &t, prev, x, gprev, g, 1e-14 * x);
    }
    *sigma_w2 = sw;
    if (out) {
        t.sw = sw;
        theory_at(&t, out);
    }
    return IL_OK;
}

il_status il_theory_q_map(il_act act, double sigma_w2, double sigma_b2,
                          double q, double *q_next)
{
    model t;
    il_status s;
    if ((s = model_of(act, sigma_w2, sigma_b2, &t)) != IL_OK ||
        (s = check_q(q, "q")) != IL_OK)
        return s;
    if (!q_next)
        return il_fail(IL_EBADARG, "q_next must not be NULL");
    *q_next = q_map(&t, q);
    return IL_OK;
}

il_status il_theory_c_map(il_act act, double sigma_w2, double sigma_b2,
                          double q, double c, double *c_next)
{
    model t;
    il_status s;
    if ((s = model_of(act, sigma_w2, sigma_b2, &t)) != IL_OK ||
        (s = check_q(q, "q")) != IL_OK || (s = check_c(c, "c")) != IL_OK)
        return s;
    if (!c_next)
        return il_fail(IL_EBADARG, "c_next must not be NULL");
    *c_next = c_map(&t, q, c, NULL);
    return IL_OK;
}

il_status il_theory_expect(il_act act, double q, double c,
                           il_theory_moments *out)
{
    il_status s;
    if ((s = check_act(act, "act")) != IL_OK || (s = check_q(q, "q")) != IL_OK ||
        (s = check_c(c, "c")) != IL_OK)
        return s;
    if (!out)
        return il_fail(IL_EBADARG, "out must not be NULL");
    moments1(act, q, &out->phi2, &out->dphi2, &out->slope_q);
    moments2(act, q, c, &out->phi12, &out->dphi12);
    return IL_OK;
}

il_status il_theory_path(il_act act, double sigma_w2, double sigma_b2,
                         double q0, double c0, size_t depth, double *q,
                         double *c)
{
    model t;
    il_status s;
    size_t l, count;
    if ((s = model_of(act, sigma_w2, sigma_b2, &t)) != IL_OK ||
        (s = check_q(q0, "q0")) != IL_OK)
        return s;
    if (c && (s = check_c(c0, "c0")) != IL_OK)
        return s;
    if (!q)
        return il_fail(IL_EBADARG, "q must not be NULL");
    if (il_add_overflows(depth, 1, &count))
        return il_fail(IL_EBADSIZE, "depth %zu is too large", depth);
    q[0] = q0;
    if (c)
        c[0] = c0;
    for (l = 1; l < count; l++) {
        q[l] = q_map(&t, q[l - 1]);
        if (c)
            c[l] = c_map(&t, q[l - 1], c[l - 1], NULL);
    }
    return IL_OK;
}

il_status il_theory_network(size_t L, const size_t *n, const il_act *acts,
                            const double *sigma_w2, const double *sigma_b2,
                            const double *input_sq, size_t m,
                            const double *out_grad_sq, double *q_pred,
                            double *a2_pred, double *grad_pred)
{
    char buf[32], what[40];
    double stack[64], *slope2 = stack;
    size_t l, j, bytes;
    il_status s;
    if (L == 0)
        return il_fail(IL_EBADARG, "L must be at least 1 layer");
    if (m == 0)
        return il_fail(IL_EBADARG, "m must be at least 1 sample");
    if (!n || !acts || !sigma_w2 || !sigma_b2 || !input_sq || !q_pred || !a2_pred)
        return il_fail(IL_EBADARG, "%s must not be NULL",
                       !n ? "n" : !acts ? "acts" : !sigma_w2 ? "sigma_w2"
                       : !sigma_b2 ? "sigma_b2" : !input_sq ? "input_sq"
                       : !q_pred ? "q_pred" : "a2_pred");
    for (l = 0; l <= L; l++)
        if (n[l] == 0)
            return il_fail(IL_EBADSIZE, "n[%zu] must be >= 1, got 0", l);
    for (l = 1; l <= L; l++) {
        snprintf(what, sizeof what, "acts[%zu]", l);
        if (acts[l].kind == IL_SOFTMAX && l == L) {
            /* the output may be softmax: only phi_{L-1} and phi_l' for
             * l < L enter the prediction */
        } else if (acts[l].kind == IL_SOFTMAX) {
            return il_fail(IL_EBADVALUE, "acts[%zu]: softmax is allowed only as "
                           "the last layer (%zu): it couples the units, and the "
                           "theory is per unit", l, L);
        } else if ((s = check_act(acts[l], what)) != IL_OK) {
            return s;
        }
        /* 0 is a network's own (zero weights): the maps hold with it */
        if (!isfinite(sigma_w2[l]) || !(sigma_w2[l] >= 0))
            return il_fail(IL_EBADVALUE, "sigma_w2[%zu] must be a finite number "
                           ">= 0, got %s", l, il_number(sigma_w2[l], buf));
        if (!isfinite(sigma_b2[l]) || !(sigma_b2[l] >= 0))
            return il_fail(IL_EBADVALUE, "sigma_b2[%zu] must be a finite number "
                           ">= 0, got %s", l, il_number(sigma_b2[l], buf));
    }
    for (j = 0; j < m; j++) {
        if (!isfinite(input_sq[j]) || !(input_sq[j] >= 0))
            return il_fail(IL_EBADVALUE, "input_sq[%zu] must be a finite number "
                           ">= 0, got %s", j, il_number(input_sq[j], buf));
        if (out_grad_sq && (!isfinite(out_grad_sq[j]) || !(out_grad_sq[j] >= 0)))
            return il_fail(IL_EBADVALUE, "out_grad_sq[%zu] must be a finite "
                           "number >= 0, got %s", j, il_number(out_grad_sq[j], buf));
    }
    if (grad_pred && L > 64) {
        if (il_doubles_overflow(L, 1, &bytes) || !(slope2 = malloc(bytes)))
            return il_fail(IL_ENOMEM, "no memory for %zu layers' slopes", L);
    }
    for (l = 0; l < L; l++) {
        q_pred[l] = 0.0;
        a2_pred[l] = 0.0;
        if (grad_pred)
            grad_pred[l] = 0.0;
    }
    for (j = 0; j < m; j++) {
        double q = sigma_w2[1] * input_sq[j] + sigma_b2[1], g;
        for (l = 1; l <= L; l++) {
            double ff, dd, fdz;
            q_pred[l - 1] += q;
            if (acts[l].kind == IL_SOFTMAX) {
                a2_pred[l - 1] = NAN;
                break;
            }
            moments1(acts[l], q, &ff, &dd, &fdz);
            a2_pred[l - 1] += ff;
            if (grad_pred)
                slope2[l - 1] = dd;
            if (l < L)
                q = sigma_w2[l + 1] * ff + sigma_b2[l + 1];
        }
        if (!grad_pred)
            continue;
        g = out_grad_sq ? out_grad_sq[j] : 1.0;
        grad_pred[L - 1] += g;
        for (l = L - 1; l >= 1; l--) {
            g *= slope2[l - 1] * ((double)n[l + 1] / (double)n[l]) * sigma_w2[l + 1];
            grad_pred[l - 1] += g;
        }
    }
    for (l = 0; l < L; l++) {
        q_pred[l] /= (double)m;
        a2_pred[l] /= (double)m;
        if (grad_pred)
            grad_pred[l] /= (double)m;
    }
    if (slope2 != stack)
        free(slope2);
    return IL_OK;
}
