/*
 * jacobian.c - input-output Jacobians and their singular values.
 *
 * J_j = D_L W_L ... D_1 W_1 for every sample j at once: the m samples'
 * partial products are stacked side by side, so that each layer is one
 * dgemm over all of them and the D's are cheap row (or column) scalings.
 *
 *   forward mode, from the input: B_l = D_l W_l B_(l-1), each sample's
 *     block n(l) x n0, the m blocks one n(l) x (n0 m) matrix; B_1 is W_1
 *     copied per sample and scaled; the last product lands in J itself;
 *   reverse mode, from the output, on transposes: C_(l-1) = W_l' D_l C_l,
 *     blocks n(l-1) x nL, starting from C_(L-1) = (D_L W_L)'; C_0 holds
 *     each J_j', transposed into J at the end.
 *
 * Forward costs n0 * sum_(l>=2) n(l) n(l-1) multiply-adds per sample,
 * reverse nL * sum_(l<L) n(l) n(l-1): the cheaper one runs.  A softmax D,
 * diag(a) - a a', is applied as a scaling plus a rank-one update (dgemv,
 * dger) per sample.  The pre-activations come from the engine's own
 * forward pass (il_work), unit-major: unit i of sample j at Z[l][j + i ld].
 */
#include <cblas.h>
#include <lapacke.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* What one call computes and allocates, in doubles unless said. */
typedef struct {
    int forward;         /* the order of the chain product                */
    size_t c;            /* columns of a sample's block: n0 or nL         */
    size_t chain;        /* one ping-pong buffer: max rows x c x m        */
    size_t n_chain;      /* how many of them (0, 1, 2)                    */
    size_t vec;          /* one vector: the widest layer, n0 or nL        */
    size_t jac;          /* sv: the Jacobians, nL n0 m                    */
    size_t k;            /* min(nL, n0)                                   */
    size_t lwork;        /* sv: dgesdd's workspace                        */
    size_t scratch;      /* doubles of the call's one block (with iwork)  */
    size_t bytes;        /* scratch, the forward pass and S, in bytes     */
    double mb;           /* the same in MB, told even when it overflows   */
} plan;

/* dgesdd's workspace for values only: what it asks for, and never less
 * than its documented minimum, 3 mn + max(mx, 7 mn).  1 when that does not
 * fit in a lapack_int. */
static int sv_lwork(size_t rows, size_t cols, size_t *lwork)
{
    size_t mn = rows < cols ? rows : cols, mx = rows < cols ? cols : rows;
    double need = 3.0 * (double)mn + (mx > 7 * mn ? (double)mx : 7.0 * (double)mn);
    double query = 0.0, a = 0.0, s = 0.0, u = 0.0, vt = 0.0;
    lapack_int iwork = 0, info;
    if (need > (double)INT_MAX)
        return 1;
    info = LAPACKE_dgesdd_work(LAPACK_COL_MAJOR, 'N', (lapack_int)rows,
                               (lapack_int)cols, &a, (lapack_int)rows, &s, &u,
                               1, &vt, 1, &query, -1, &iwork);
    if (info == 0 && query > need)
        need = query;
    if (need > (double)INT_MAX)
        return 1;
    *lwork = (size_t)need;
    return 0;
}

/* The plan of a call on m samples (1 <= m <= INT_MAX - 7); sv adds the
 * singular values' Jacobians, workspace and result.  1 when a size does
 * not fit in a size_t (p->mb is set either way). */
static int make_plan(const il_net *net, size_t m, int sv, plan *p)
{
    size_t L = net->L, n0 = net->n[0], nL = net->n[L], l, rows = 0;
    size_t ld = il_work_ld(m), work, t, iwork_doubles = 0;
    double fwd = 0, rev = 0, dwork, dchain, dtotal;
    int over = 0;

    memset(p, 0, sizeof *p);
    for (l = 2; l <= L; l++)
        fwd += (double)net->n[l] * (double)net->n[l - 1];
    for (l = 1; l + 1 <= L; l++)
        rev += (double)net->n[l] * (double)net->n[l - 1];
    p->forward = L == 1 || fwd * (double)n0 <= rev * (double)nL;
    p->c = p->forward ? n0 : nL;
    if (p->forward) {
        for (l = 1; l < L; l++)
            rows = net->n[l] > rows ? net->n[l] : rows;
        p->n_chain = L - 1 < 2 ? L - 1 : 2;
    } else {
        for (l = 0; l < L; l++)
            rows = net->n[l] > rows ? net->n[l] : rows;
        p->n_chain = 2;
    }
    for (l = 0; l <= L; l++)
        p->vec = net->n[l] > p->vec ? net->n[l] : p->vec;
    p->k = nL < n0 ? nL : n0;

    /* il_work_init's block: n0 + 3 (n1 + ... + nL) + nL units of ld
     * values, 2 m more, and its 3 (L + 1) pointers */
    dwork = (double)n0 + (double)nL;
    for (l = 1; l <= L; l++)
        dwork += 3.0 * (double)net->n[l];
    dwork = dwork * (double)ld + 2.0 * (double)m + 3.0 * (double)(L + 1);
    dchain = (double)rows * (double)p->c * (double)m;
    dtotal = dchain * (double)p->n_chain + 2.0 * (double)p->vec + dwork;
    if (sv) /* J, dgesdd's least workspace and iwork, S */
        dtotal += (double)nL * (double)n0 * (double)m +
                  7.0 * (double)p->k + (double)(nL > n0 ? nL : n0) +
                  (double)p->k * (double)m;
    p->mb = dtotal * (double)sizeof(double) / 1e6;

    work = n0 + nL;
    for (l = 1; l <= L && !over; l++)
        over = il_add_overflows(work, 3 * net->n[l], &work);
    over = over || il_mul_overflows(work, ld, &work) ||
           il_add_overflows(work, 2 * m + 3 * (L + 1), &work);
    over = over || il_mul_overflows(rows, p->c, &t) ||
           il_mul_overflows(t, m, &p->chain) ||
           il_mul_overflows(p->chain, p->n_chain, &p->scratch) ||
           il_add_overflows(p->scratch, 2 * p->vec, &p->scratch);
    if (sv && !over) {
        /* iwork: 8k lapack_ints, in doubles rounded up */
        iwork_doubles = (8 * p->k * sizeof(lapack_int) + sizeof(double) - 1) /
                        sizeof(double);
        over = il_mul_overflows(nL * n0, m, &p->jac) ||
               sv_lwork(nL, n0, &p->lwork) ||
               il_add_overflows(p->scratch, p->jac, &p->scratch) ||
               il_add_overflows(p->scratch, p->lwork, &p->scratch) ||
               il_add_overflows(p->scratch, iwork_doubles, &p->scratch) ||
               il_mul_overflows(p->k, m, &t) ||
               il_add_overflows(work, t, &work); /* S, the result */
    }
    over = over || il_add_overflows(p->scratch, work, &t) ||
           il_mul_overflows(t, sizeof(double), &p->bytes);
    return over;
}

static il_status check_args(const il_net *net, const double *X, size_t m,
                            const void *out, const char *out_name)
{
    size_t l;
    il_status s;
    if (!net)
        return il_fail(IL_EBADARG, "net must not be NULL");
    if (!out)
        return il_fail(IL_EBADARG, "%s must not be NULL", out_name);
    if ((s = il_check_batch(net, X, NULL, m)) != IL_OK)
        return s;
    /* the engine's weights are the caller's to write (il_net_W) */
    for (l = 1; l <= net->L; l++)
        if ((s = il_check_layer(l, net->params + net->w_off[l], net->n[l],
                                net->n[l - 1], net->params + net->b_off[l]))
            != IL_OK) {
            char msg[300];
            snprintf(msg, sizeof msg, "%s", il_last_error());
            return il_fail(s, "net: %s", msg);
        }
    return IL_OK;
}

static il_status unaddressable(size_t m, double mb)
{
    return il_fail(IL_ETOOBIG, "the Jacobians of %zu samples need %.4g MB, "
                   "more than can be addressed; use fewer samples (m)", m, mb);
}

/* ---- the chain product --------------------------------------------------- */

/* Layer l's D for sample j, as a vector of n(l): the slopes (in G[l]) of an
 * elementwise activation, the activations of a softmax. */
static void gather(const il_net *net, const il_work *w, size_t l, size_t j,
                   double *v)
{
    const double *src = net->act[l].kind == IL_SOFTMAX ? w->A[l] : w->G[l];
    size_t i, n = net->n[l], ld = w->ld;
    for (i = 0; i < n; i++)
        v[i] = src[j + i * ld];
}

/* B_j <- D B_j for each sample's block (n(l) x c, column-major) of B. */
static void apply_left(const il_net *net, const il_work *w, size_t l,
                       double *B, size_t c, size_t m, double *a, double *v)
{
    size_t n = net->n[l], j, i, q;
    int softmax = net->act[l].kind == IL_SOFTMAX;
    for (j = 0; j < m; j++) {
        double *Bj = B + j * n * c;
        gather(net, w, l, j, a);
        if (softmax) /* v = B_j' a, before B_j is scaled */
            cblas_dgemv(CblasColMajor, CblasTrans, (int)n, (int)c, 1.0, Bj,
                        (int)n, a, 1, 0.0, v, 1);
        for (q = 0; q < c; q++)
            for (i = 0; i < n; i++)
                Bj[i + q * n] *= a[i];
        if (softmax) /* diag(a) B_j - a (a' B_j) */
            cblas_dger(CblasColMajor, (int)n, (int)c, -1.0, a, 1, v, 1, Bj,
                       (int)n);
    }
}

/* Reverse mode's start: block j of C (r x nL, r = n(L-1)) is
 * (D_L W_L)' = W_L' D_L, D_L being symmetric. */
static void start_reverse(const il_net *net, const il_work *w, double *C,
                          size_t m, double *a, double *u)
{
    size_t L = net->L, nL = net->n[L], r = net->n[L - 1], j, i, q;
    const double *W = net->params + net->w_off[L];
    int softmax = net->act[L].kind == IL_SOFTMAX;
    for (j = 0; j < m; j++) {
        double *Cj = C + j * r * nL;
        gather(net, w, L, j, a);
        if (softmax) /* u = W_L' a */
            cblas_dgemv(CblasColMajor, CblasTrans, (int)nL, (int)r, 1.0, W,
                        (int)nL, a, 1, 0.0, u, 1);
        for (q = 0; q < nL; q++)
            for (i = 0; i < r; i++)
                Cj[i + q * r] = W[q + i * nL] * a[q];
        if (softmax) /* W_L' diag(a) - (W_L' a) a' */
            cblas_dger(CblasColMajor, (int)r, (int)nL, -1.0, u, 1, a, 1, Cj,
                       (int)r);
    }
}

/* C = op(A) B for an M x K op(A) and a B of N columns, N possibly past
 * what BLAS's int takes: in slices of columns. */
static void gemm_wide(CBLAS_TRANSPOSE ta, size_t M, size_t N, size_t K,
                      const double *A, size_t lda, const double *B,
                      size_t ldb, double *C, size_t ldc)
{
    size_t start, cols, slice = (size_t)INT_MAX;
    for (start = 0; start < N; start += cols) {
        cols = N - start < slice ? N - start : slice;
        cblas_dgemm(CblasColMajor, ta, CblasNoTrans, (int)M, (int)cols,
                    (int)K, 1.0, A, (int)lda, B + start * ldb, (int)ldb, 0.0,
                    C + start * ldc, (int)ldc);
    }
}

/* The Jacobians of w's batch (after its forward pass) into J, with the
 * scratch of p: buf (n_chain chain buffers), then two vectors. */
static void chain(const il_net *net, il_work *w, const plan *p, size_t m,
                  double *buf, double *J)
{
    size_t L = net->L, n0 = net->n[0], nL = net->n[L], l, i, j, q;
    double *bufs[2], *src, *dst;
    double *a = buf + p->chain * p->n_chain, *v = a + p->vec;

    bufs[0] = buf;
    bufs[1] = buf + p->chain;
    /* the slopes of every elementwise layer, into G (unused by a forward
     * pass), unit by unit as the backward pass takes them */
    for (l = 1; l <= L; l++) {
        if (net->act[l].kind == IL_SOFTMAX)
            continue;
        for (i = 0; i < net->n[l]; i++) {
            double *g = w->G[l] + i * w->ld;
            for (j = 0; j < m; j++)
                g[j] = 1.0;
            il_act_backward(net->act[l], w->Z[l] + i * w->ld,
                            w->A[l] + i * w->ld, g, m);
        }
    }

    if (p->forward) {
        size_t n1 = net->n[1];
        const double *W1 = net->params + net->w_off[1];
        dst = L == 1 ? J : bufs[0];
        for (j = 0; j < m; j++)
            memcpy(dst + j * n1 * n0, W1, n1 * n0 * sizeof *dst);
        apply_left(net, w, 1, dst, n0, m, a, v);
        for (l = 2; l <= L; l++) {
            src = dst;
            dst = l == L ? J : src == bufs[0] ? bufs[1] : bufs[0];
            gemm_wide(CblasNoTrans, net->n[l], n0 * m, net->n[l - 1],
                      net->params + net->w_off[l], net->n[l], src,
                      net->n[l - 1], dst, net->n[l]);
            apply_left(net, w, l, dst, n0, m, a, v);
        }
        return;
    }

    src = bufs[0];
    start_reverse(net, w, src, m, a, v);
    for (l = L - 1; l >= 1; l--) {
        apply_left(net, w, l, src, nL, m, a, v);
        dst = src == bufs[0] ? bufs[1] : bufs[0];
        gemm_wide(CblasTrans, net->n[l - 1], nL * m, net->n[l],
                  net->params + net->w_off[l], net->n[l], src, net->n[l],
                  dst, net->n[l - 1]);
        src = dst;
    }
    /* block j of src is J_j' (n0 x nL) */
    for (j = 0; j < m; j++) {
        const double *Cj = src + j * n0 * nL;
        double *Jj = J + j * nL * n0;
        for (q = 0; q < n0; q++)
            for (i = 0; i < nL; i++)
                Jj[i + q * nL] = Cj[q + i * n0];
    }
}

/* The common start: check, plan, allocate the scratch and the batch, and
 * run the forward pass.  On success *block and w are the caller's to
 * free. */
static il_status start(const il_net *net, const double *X, size_t m,
                       const void *out, const char *out_name, int sv, plan *p,
                       double **block, il_work *w)
{
    il_status s;
    *block = NULL;
    if ((s = check_args(net, X, m, out, out_name)) != IL_OK)
        return s;
    if (make_plan(net, m, sv, p))
        return unaddressable(m, p->mb);
    *block = malloc((p->scratch ? p->scratch : 1) * sizeof **block);
    if (!*block)
        return il_fail(IL_ENOMEM, "out of memory for the Jacobians' scratch "
                       "(%.4g MB)", (double)p->scratch * sizeof(double) / 1e6);
    if ((s = il_pass_start(net, X, NULL, m, w)) != IL_OK) {
        free(*block);
        *block = NULL;
    }
    return s;
}

il_status il_jacobian(const il_net *net, const double *X, size_t m,
                      double *J)
{
    plan p;
    il_work w;
    double *block;
    il_status s = start(net, X, m, J, "J", 0, &p, &block, &w);
    if (s != IL_OK)
        return s;
    chain(net, &w, &p, m, block, J);
    il_work_free(&w);
    free(block);
    return IL_OK;
}

il_status il_jacobian_sv(const il_net *net, const double *X, size_t m,
                         double *S)
{
    plan p;
    il_work w;
    double *block, *J, *work, dummy_u = 0.0, dummy_vt = 0.0;
    lapack_int *iwork, info;
    size_t nL, n0, j;
    il_status s = start(net, X, m, S, "S", 1, &p, &block, &w);
    if (s != IL_OK)
        return s;
    nL = net->n[net->L];
    n0 = net->n[0];
    J = block + p.chain * p.n_chain + 2 * p.vec;
    work = J + p.jac;
    iwork = (lapack_int *)(work + p.lwork);
    chain(net, &w, &p, m, block, J);
    il_work_free(&w);
    for (j = 0; j < m && s == IL_OK; j++) {
        double *Jj = J + j * nL * n0;
        /* NaN/Inf never reach LAPACK, whose answer would be undefined */
        if (!il_all_finite(Jj, nL * n0)) {
            s = il_fail(IL_EBADVALUE, "the Jacobian of sample %zu is not "
                        "finite (it overflowed through the layers); use "
                        "smaller weights or fewer layers", j + 1);
            break;
        }
        info = LAPACKE_dgesdd_work(LAPACK_COL_MAJOR, 'N', (lapack_int)nL,
                                   (lapack_int)n0, Jj, (lapack_int)nL,
                                   S + j * p.k, &dummy_u, 1, &dummy_vt, 1,
                                   work, (lapack_int)p.lwork, iwork);
        if (info > 0)
            s = il_fail(IL_EBADVALUE, "the singular values of sample %zu's "
                        "Jacobian did not converge (LAPACK dgesdd info %d)",
                        j + 1, (int)info);
        else if (info < 0)
            s = il_fail(IL_EBADARG, "internal error: LAPACK dgesdd refused "
                        "its argument %d (a bug in initlab)", (int)-info);
    }
    free(block);
    return s;
}

void il_sv_summary(const double *s, size_t n, double *max, double *mean_sq,
                   double *condition)
{
    double hi = NAN, lo = NAN, ms = NAN;
    size_t i;
    if (s && n > 0) {
        hi = lo = s[0];
        for (i = 0; i < n && hi == hi; i++) {
            if (s[i] != s[i])
                hi = lo = NAN;
            else if (s[i] > hi)
                hi = s[i];
            else if (s[i] < lo)
                lo = s[i];
        }
        if (hi == hi)
            ms = il_sum_squares(s, n) / (double)n;
    }
    if (max)
        *max = hi;
    if (mean_sq)
        *mean_sq = ms;
    if (condition)
        *condition = hi != hi ? NAN : lo == 0.0 ? INFINITY : hi / lo;
}

/* ---- sizes ---------------------------------------------------------------- */

static il_status check_count(const il_net *net, size_t m)
{
    if (!net)
        return il_fail(IL_EBADARG, "net must not be NULL");
    if (m == 0)
        return il_fail(IL_EBADSIZE, "m must be at least 1 (the samples of X)");
    if (m > (size_t)INT_MAX - 7)
        return il_fail(IL_EBADSIZE, "m is %zu; a batch has at most %d "
                       "samples", m, INT_MAX - 7);
    return IL_OK;
}

il_status il_jacobian_bytes(const il_net *net, size_t m, size_t *bytes)
{
    plan p;
    il_status s;
    if (!bytes)
        return il_fail(IL_EBADARG, "bytes must not be NULL");
    if ((s = check_count(net, m)) != IL_OK)
        return s;
    if (make_plan(net, m, 1, &p))
        return unaddressable(m, p.mb);
    *bytes = p.bytes;
    return IL_OK;
}

il_status il_jacobian_check(const il_net *net, size_t m, size_t max_bytes)
{
    plan p;
    il_status s;
    size_t cap = il_cap_of(max_bytes);
    char what[80];
    if ((s = check_count(net, m)) != IL_OK)
        return s;
    if (make_plan(net, m, 1, &p) || p.bytes > cap) {
        snprintf(what, sizeof what, "the Jacobians of %zu samples", m);
        return il_too_big(what, p.mb, cap, "use fewer samples (m), or raise "
                          "max_bytes");
    }
    return IL_OK;
}
