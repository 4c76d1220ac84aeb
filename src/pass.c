/*
 * pass.c - one forward and backward pass over a batch: the kernels, the
 * losses and the gradient at the output.
 *
 * Batches are unit-major inside the engine (see il_work in internal.h).  A
 * layer computes Z = A_prev * W' + b.  Small products use the loops below,
 * which vectorize over samples and fuse the bias and the activation; large
 * ones go to BLAS, where call overhead no longer matters.  Either way a given
 * shape always takes the same path, so results are reproducible.
 */
#include <cblas.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* Below this many multiply-adds a BLAS call costs more than it saves. */
#define BLAS_MIN_WORK 65536.0

static int use_blas(size_t m, size_t n, size_t k)
{
    return (double)m * (double)n * (double)k >= BLAS_MIN_WORK;
}

/* ---- workspace ---------------------------------------------------------- */

/* Samples a unit's column holds: the batch rounded up to 8 values, so that
 * every column starts on a cache line (worth ~18% on the coursework model's
 * 300 samples). */
static size_t padded(size_t m)
{
    return (m + 7) / 8 * 8;
}

il_status il_work_init(il_work *w, const il_net *net, size_t cap)
{
    size_t L = net->L, l, total, ld, bytes;
    double *p;

    memset(w, 0, sizeof *w);
    /* BLAS takes the leading dimension as an int */
    if (cap > (size_t)INT_MAX - 7)
        return il_fail(IL_EBADSIZE, "a batch of %zu samples is more than BLAS "
                       "can take (at most %d)", cap, INT_MAX - 7);
    ld = padded(cap);
    w->L = L;
    w->cap = cap;
    /* n(0) + 3 (n(1) + ... + n(L)) + n(L) units of ld values (A[0]; Z, A
     * and G of each layer; Y), then 2 cap values of scratch */
    total = net->n[0] + net->n[L]; /* sizes are at most INT_MAX each */
    for (l = 1; l <= L; l++)
        if (il_add_overflows(total, 3 * net->n[l], &total))
            break;
    if (l <= L || il_mul_overflows(total, ld, &total) ||
        il_add_overflows(total, 2 * cap, &total) ||
        il_mul_overflows(total, sizeof *w->block, &bytes) ||
        bytes > SIZE_MAX - 63)
        return il_fail(IL_ENOMEM, "a batch of %zu samples through this network "
                       "needs more memory than can be addressed", cap);
    w->Z = calloc(3 * (L + 1), sizeof *w->Z);
    /* On a cache line: the kernels' vector loads then split lines the same
     * way in every process, so speed does not depend on where malloc put
     * the block.  Zeroed, so that the padding is never uninitialized. */
    w->block = aligned_alloc(64, (total * sizeof *w->block + 63) / 64 * 64);
    if (!w->Z || !w->block) {
        il_work_free(w);
        return il_fail(IL_ENOMEM, "out of memory for a batch of %zu samples",
                       cap);
    }
    memset(w->block, 0, total * sizeof *w->block);
    w->A = w->Z + (L + 1);
    w->G = w->A + (L + 1);
    p = w->block;
    w->A[0] = p;
    p += net->n[0] * ld;
    for (l = 1; l <= L; l++) {
        w->Z[l] = p;
        p += net->n[l] * ld;
        w->A[l] = p;
        p += net->n[l] * ld;
        w->G[l] = p;
        p += net->n[l] * ld;
    }
    w->Y = p;
    p += net->n[L] * ld;
    w->scratch = p;
    return IL_OK;
}

void il_work_free(il_work *w)
{
    free(w->Z);
    free(w->block);
    w->Z = w->A = w->G = NULL;
    w->block = NULL;
}

static void transpose_in(double *dst, const double *src, size_t rows,
                         const size_t *cols, size_t m, size_t ld)
{
    size_t i, j;
    for (j = 0; j < m; j++) {
        const double *col = src + (cols ? cols[j] : j) * rows;
        for (i = 0; i < rows; i++)
            dst[j + i * ld] = col[i];
    }
}

void il_work_load(il_work *w, const il_net *net, const double *X,
                  const double *Y, const size_t *cols, size_t m)
{
    w->m = m;
    w->ld = padded(m);
    transpose_in(w->A[0], X, net->n[0], cols, m, w->ld);
    if (Y)
        transpose_in(w->Y, Y, net->n[net->L], cols, m, w->ld);
}

il_status il_pass_start(const il_net *net, const double *X, const double *Y,
                        size_t m, il_work *w)
{
    il_status s = il_work_init(w, net, m);
    if (s != IL_OK)
        return s;
    il_work_load(w, net, X, Y, NULL, m);
    il_pass_forward(net, w);
    return IL_OK;
}

/* ---- kernels ------------------------------------------------------------- */


/* The small kernels work on blocks of 16 samples held in two 8-wide
 * vectors (GCC's vector extension: two AVX-512 registers, four AVX2 or eight
 * SSE2 ones), so the running sums stay in registers while every input of a
 * unit is added in.  memcpy is how an unaligned vector is loaded without
 * breaking aliasing rules; it compiles to one load. */
typedef double vec8 __attribute__((vector_size(64)));
#define BLOCK 16

#define LOAD8(v, p) memcpy(&(v), (p), sizeof(vec8))
#define STORE8(p, v) memcpy((p), &(v), sizeof(vec8))

/* Z (m x n) = A (m x k) * W' + b, W n x k column-major, columns ld apart.
 * On the small path each value is b + w1 a1 + w2 a2 + ... in that order,
 * and whole vectors run through the column padding (ld is a multiple of 8):
 * what lands there is finite and never read, and no sample pays for a
 * scalar tail. */
IL_HOT static void dense_forward(size_t m, size_t ld, size_t n, size_t k,
                                 const double *A, const double *W,
                                 const double *b, double *Z)
{
    size_t i, j, p, j0;
    if (use_blas(m, n, k)) {
        for (i = 0; i < n; i++)
            for (j = 0; j < m; j++)
                Z[j + i * ld] = b[i];
        cblas_dgemm(CblasColMajor, CblasNoTrans, CblasTrans, (int)m, (int)n,
                    (int)k, 1.0, A, (int)ld, W, (int)n, 1.0, Z, (int)ld);
        return;
    }
    for (j0 = 0; j0 + BLOCK <= ld; j0 += BLOCK)
        for (i = 0; i < n; i++) {
            vec8 lo = {0}, hi = {0};
            lo += b[i];
            hi += b[i];
            for (p = 0; p < k; p++) {
                const double *a = A + p * ld + j0;
                double wip = W[i + p * n];
                vec8 a_lo, a_hi;
                LOAD8(a_lo, a);
                LOAD8(a_hi, a + 8);
                lo += wip * a_lo;
                hi += wip * a_hi;
            }
            STORE8(Z + j0 + i * ld, lo);
            STORE8(Z + j0 + 8 + i * ld, hi);
        }
    if (j0 < ld) /* the last 8 */
        for (i = 0; i < n; i++) {
            vec8 lo = {0};
            lo += b[i];
            for (p = 0; p < k; p++) {
                vec8 a_lo;
                LOAD8(a_lo, A + p * ld + j0);
                lo += W[i + p * n] * a_lo;
            }
            STORE8(Z + j0 + i * ld, lo);
        }
}

/* The eight lanes of v added in a fixed order. */
static double lane_sum(const vec8 *p)
{
    vec8 v = *p;
    return ((v[0] + v[1]) + (v[2] + v[3])) + ((v[4] + v[5]) + (v[6] + v[7]));
}

/* Dot products of x with four vectors at once (x is read once).  Lane r of
 * each sum adds the products at j = r mod 8, and the lanes are added in a
 * fixed order, so the result does not depend on how wide the hardware
 * vectors are. */
IL_HOT static void dot4(const double *x, const double *y0, const double *y1,
                     const double *y2, const double *y3, size_t m, double *out)
{
    vec8 s0 = {0}, s1 = {0}, s2 = {0}, s3 = {0};
    size_t j, m8 = m - m % 8;
    for (j = 0; j < m8; j += 8) {
        vec8 xj, a, b, c, d;
        LOAD8(xj, x + j);
        LOAD8(a, y0 + j);
        LOAD8(b, y1 + j);
        LOAD8(c, y2 + j);
        LOAD8(d, y3 + j);
        s0 += xj * a;
        s1 += xj * b;
        s2 += xj * c;
        s3 += xj * d;
    }
    out[0] = lane_sum(&s0);
    out[1] = lane_sum(&s1);
    out[2] = lane_sum(&s2);
    out[3] = lane_sum(&s3);
    for (j = m8; j < m; j++) {
        out[0] += x[j] * y0[j];
        out[1] += x[j] * y1[j];
        out[2] += x[j] * y2[j];
        out[3] += x[j] * y3[j];
    }
}

/* Blocks of up to 128 values in eight lanes, as NumPy's pairwise sum adds
 * them (for fewer than 8 values: one after the other). */
IL_HOT static double sum(const double *x, size_t m)
{
    double acc[8] = {0, 0, 0, 0, 0, 0, 0, 0}, s;
    size_t j, r, m8 = m - m % 8;
    for (j = 0; j < m8; j += 8)
        for (r = 0; r < 8; r++)
            acc[r] += x[j + r];
    s = ((acc[0] + acc[1]) + (acc[2] + acc[3])) +
        ((acc[4] + acc[5]) + (acc[6] + acc[7]));
    for (j = m8; j < m; j++)
        s += x[j];
    return s;
}

/* NumPy's pairwise summation (np.sum of a contiguous row): blocks by sum,
 * longer rows split in two at a multiple of 8 below the middle.  Used for
 * the loss and the bias gradients, so that they round as a script written
 * with np.sum rounds them: a zero-initialized network's output bias, which
 * drifts by ~1e-17 a step because 150 + 150 terms of +-0.5/300 do not sum
 * to exactly 0, drifts here by the same steps as in NumPy. */
double il_sum_pairwise(const double *x, size_t n)
{
    size_t half;
    if (n <= 128)
        return sum(x, n);
    half = n / 2;
    half -= half % 8;
    return il_sum_pairwise(x, half) + il_sum_pairwise(x + half, n - half);
}

/* One dot product in the same eight lanes as dot4, for the columns left
 * over when k is not a multiple of 4. */
IL_HOT static double dot1(const double *x, const double *y, size_t m)
{
    vec8 acc = {0};
    size_t j, m8 = m - m % 8;
    double s;
    for (j = 0; j < m8; j += 8) {
        vec8 xj, yj;
        LOAD8(xj, x + j);
        LOAD8(yj, y + j);
        acc += xj * yj;
    }
    s = lane_sum(&acc);
    for (j = m8; j < m; j++)
        s += x[j] * y[j];
    return s;
}

/* dW (n x k) = G' * A, db = column sums of G; G is m x n, A is m x k. */
static void dense_weight_grad(size_t m, size_t ld, size_t n, size_t k,
                              const double *G,
                              const double *A, double *dW, double *db)
{
    size_t i, p, k4 = k - k % 4;
    for (i = 0; i < n; i++)
        db[i] = il_sum_pairwise(G + i * ld, m);
    if (use_blas(m, n, k)) {
        cblas_dgemm(CblasColMajor, CblasTrans, CblasNoTrans, (int)n, (int)k,
                    (int)m, 1.0, G, (int)ld, A, (int)ld, 0.0, dW, (int)n);
        return;
    }
    for (i = 0; i < n; i++) {
        const double *g = G + i * ld;
        double out[4];
        for (p = 0; p < k4; p += 4) {
            dot4(g, A + p * ld, A + (p + 1) * ld, A + (p + 2) * ld,
                 A + (p + 3) * ld, m, out);
            dW[i + p * n] = out[0];
            dW[i + (p + 1) * n] = out[1];
            dW[i + (p + 2) * n] = out[2];
            dW[i + (p + 3) * n] = out[3];
        }
        for (; p < k; p++)
            dW[i + p * n] = dot1(g, A + p * ld, m);
    }
}

/* dA (m x k) = G (m x n) * W (n x k); each value 0 + w1 g1 + w2 g2 + ...,
 * through the padding as in dense_forward. */
IL_HOT static void dense_input_grad(size_t m, size_t ld, size_t n, size_t k,
                                    const double *G, const double *W,
                                    double *dA)
{
    size_t i, p, j0;
    if (use_blas(m, n, k)) {
        cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, (int)m, (int)k,
                    (int)n, 1.0, G, (int)ld, W, (int)n, 0.0, dA, (int)ld);
        return;
    }
    for (j0 = 0; j0 + BLOCK <= ld; j0 += BLOCK)
        for (p = 0; p < k; p++) {
            vec8 lo = {0}, hi = {0};
            for (i = 0; i < n; i++) {
                const double *g = G + i * ld + j0;
                double wip = W[i + p * n];
                vec8 g_lo, g_hi;
                LOAD8(g_lo, g);
                LOAD8(g_hi, g + 8);
                lo += wip * g_lo;
                hi += wip * g_hi;
            }
            STORE8(dA + j0 + p * ld, lo);
            STORE8(dA + j0 + 8 + p * ld, hi);
        }
    if (j0 < ld)
        for (p = 0; p < k; p++) {
            vec8 lo = {0};
            for (i = 0; i < n; i++) {
                vec8 g_lo;
                LOAD8(g_lo, G + i * ld + j0);
                lo += W[i + p * n] * g_lo;
            }
            STORE8(dA + j0 + p * ld, lo);
        }
}

/* ---- softmax (not elementwise, so it lives here) ------------------------ */

static void softmax_forward(size_t m, size_t ld, size_t n, const double *Z,
                            double *A,
                            double *row_max, double *row_sum)
{
    size_t i, j;
    for (j = 0; j < m; j++) {
        row_max[j] = Z[j];
        row_sum[j] = 0.0;
    }
    for (i = 1; i < n; i++)
        for (j = 0; j < m; j++)
            if (Z[j + i * ld] > row_max[j])
                row_max[j] = Z[j + i * ld];
    for (i = 0; i < n; i++) {
        for (j = 0; j < m; j++)
            A[j + i * ld] = Z[j + i * ld] - row_max[j];
        il_exp_array(A + i * ld, A + i * ld, m);
        for (j = 0; j < m; j++)
            row_sum[j] += A[j + i * ld];
    }
    for (i = 0; i < n; i++)
        for (j = 0; j < m; j++)
            A[j + i * ld] /= row_sum[j];
}

/* g <- J' g for the softmax Jacobian: g_i = a_i (g_i - sum_k a_k g_k). */
static void softmax_backward(size_t m, size_t ld, size_t n, const double *A,
                             double *G,
                             double *dot_ag)
{
    size_t i, j;
    for (j = 0; j < m; j++)
        dot_ag[j] = 0.0;
    for (i = 0; i < n; i++)
        for (j = 0; j < m; j++)
            dot_ag[j] += A[j + i * ld] * G[j + i * ld];
    for (i = 0; i < n; i++)
        for (j = 0; j < m; j++)
            G[j + i * ld] = A[j + i * ld] * (G[j + i * ld] - dot_ag[j]);
}

/* ---- passes -------------------------------------------------------------- */

void il_pass_forward(const il_net *net, il_work *w)
{
    size_t l, i, m = w->m, ld = w->ld;
    for (l = 1; l <= net->L; l++) {
        size_t n = net->n[l];
        dense_forward(m, ld, n, net->n[l - 1], w->A[l - 1],
                      net->params + net->w_off[l], net->params + net->b_off[l],
                      w->Z[l]);
        if (net->act[l].kind == IL_SOFTMAX)
            softmax_forward(m, ld, n, w->Z[l], w->A[l], w->scratch,
                            w->scratch + w->cap);
        else
            for (i = 0; i < n; i++)
                il_act_forward(net->act[l], w->Z[l] + i * ld, w->A[l] + i * ld, m);
    }
}

/* Whether column j of Y (n x m, columns ld apart) is one-hot. */
static int one_hot(const double *Y, size_t n, size_t ld, size_t j)
{
    size_t i, ones = 0;
    for (i = 0; i < n; i++) {
        double y = Y[j + i * ld];
        if (y != 0.0 && y != 1.0)
            return 0;
        ones += y == 1.0;
    }
    return ones == 1;
}

/* The samples whose largest output is the largest target's class. */
static size_t categorical_hits(const double *A, const double *Y, size_t n,
                               size_t m, size_t ld)
{
    size_t i, j, hits = 0;
    for (j = 0; j < m; j++) {
        size_t best = 0, want = 0;
        for (i = 1; i < n; i++) {
            if (A[j + i * ld] > A[j + best * ld])
                best = i;
            if (Y[j + i * ld] > Y[j + want * ld])
                want = i;
        }
        hits += best == want;
    }
    return hits;
}

/* Accuracy of outputs A against Y by rule (see il_accuracy_rule). */
static double accuracy_of(const il_net *net, const double *A, const double *Y,
                          size_t m, size_t ld, int rule)
{
    size_t n = net->n[net->L], i, j, hits = 0;
    int categorical = net->loss == IL_LOSS_SCE || rule == IL_ACCURACY_CATEGORICAL;
    if (net->loss == IL_LOSS_MSE || m == 0)
        return NAN;
    if (!categorical && rule == IL_ACCURACY_AUTO && n > 1) {
        for (j = 0; j < m && one_hot(Y, n, ld, j); j++)
            ;
        categorical = j == m;
    }
    if (categorical && n > 1)
        return (double)categorical_hits(A, Y, n, m, ld) / (double)m;
    for (i = 0; i < n; i++)
        for (j = 0; j < m; j++)
            hits += (A[j + i * ld] > 0.5) == (Y[j + i * ld] > 0.5);
    return (double)hits / ((double)m * (double)n);
}

/* term[j] -= sum_i y log softmax(z)_i for the b <= SCE_BLOCK samples of Z
 * and Y (n rows ld apart), with log softmax = z - max - log sum exp: the
 * exponentials a row of the block at a time, through il_exp_array. */
#define SCE_BLOCK 64
static void sce_terms(const double *Z, const double *Y, size_t n, size_t ld,
                      size_t b, double *term)
{
    double zmax[SCE_BLOCK], sum[SCE_BLOCK], e[SCE_BLOCK];
    size_t i, j;
    for (j = 0; j < b; j++) {
        zmax[j] = Z[j];
        sum[j] = 0.0;
    }
    for (i = 1; i < n; i++)
        for (j = 0; j < b; j++)
            if (Z[j + i * ld] > zmax[j])
                zmax[j] = Z[j + i * ld];
    for (i = 0; i < n; i++) {
        for (j = 0; j < b; j++)
            e[j] = Z[j + i * ld] - zmax[j];
        il_exp_array(e, e, b);
        for (j = 0; j < b; j++)
            sum[j] += e[j];
    }
    for (j = 0; j < b; j++)
        sum[j] = log(sum[j]);
    for (i = 0; i < n; i++)
        for (j = 0; j < b; j++)
            if (Y[j + i * ld] != 0.0)
                term[j] -= Y[j + i * ld] * (Z[j + i * ld] - zmax[j] - sum[j]);
}

double il_pass_loss(const il_net *net, const il_work *w, double *accuracy,
                    int rule)
{
    size_t L = net->L, n = net->n[L], m = w->m, m_ = w->ld, i, j;
    const double *Z = w->Z[L], *A = w->A[L], *Y = w->Y;
    double *term = w->scratch;

    for (j = 0; j < m; j++)
        term[j] = 0.0;
    switch (net->loss) {
    case IL_LOSS_MSE:
        for (i = 0; i < n; i++)
            for (j = 0; j < m; j++) {
                double d = A[j + i * m_] - Y[j + i * m_];
                term[j] += 0.5 * d * d;
            }
        break;
    case IL_LOSS_BCE:
        /* -[y log a + (1-y) log(1-a)] with a = sigmoid(z) is
         * y softplus(-z) + (1-y) softplus(z): finite even where a rounds
         * to 0 or 1, and symmetric in y, so that at z = 0 every term is
         * ln 2 to the last bit, as log(0.5) gives it (il_bce_add). */
        for (i = 0; i < n; i++)
            il_bce_add(Z + i * m_, Y + i * m_, term, m);
        break;
    case IL_LOSS_SCE:
        for (j = 0; j < m; j += SCE_BLOCK)
            sce_terms(Z + j, Y + j, n, m_, m - j < SCE_BLOCK ? m - j : SCE_BLOCK,
                      term + j);
        break;
    case IL_LOSS_COUNT:
        break;
    }
    if (accuracy)
        *accuracy = accuracy_of(net, A, Y, m, m_, rule);
    return (1.0 / (double)m) * il_sum_pairwise(term, m);
}

/* dL/dZ at the output: (a - y)/m for the matched pairs sigmoid + bce and
 * softmax + sce; for mse (a - y)/m times the output activation's slope. */
static void output_grad(const il_net *net, il_work *w)
{
    size_t L = net->L, n = net->n[L], m = w->m, ld = w->ld, i, j;
    const double *A = w->A[L], *Y = w->Y;
    double *G = w->G[L], inv_m = 1.0 / (double)m;

    for (i = 0; i < n; i++)
        for (j = 0; j < m; j++)
            G[j + i * ld] = (A[j + i * ld] - Y[j + i * ld]) * inv_m;
    if (net->loss != IL_LOSS_MSE)
        return;
    if (net->act[L].kind == IL_SOFTMAX)
        softmax_backward(m, ld, n, A, G, w->scratch);
    else
        for (i = 0; i < n; i++)
            il_act_backward(net->act[L], w->Z[L] + i * ld, A + i * ld,
                            G + i * ld, m);
}

void il_pass_backward(const il_net *net, il_work *w, double *grad)
{
    size_t l, i, m = w->m, ld = w->ld;
    output_grad(net, w);
    for (l = net->L; l >= 1; l--) {
        size_t n = net->n[l], k = net->n[l - 1];
        dense_weight_grad(m, ld, n, k, w->G[l], w->A[l - 1],
                          grad + net->w_off[l], grad + net->b_off[l]);
        if (l == 1)
            break;
        dense_input_grad(m, ld, n, k, w->G[l], net->params + net->w_off[l],
                         w->G[l - 1]);
        for (i = 0; i < k; i++)
            il_act_backward(net->act[l - 1], w->Z[l - 1] + i * ld,
                            w->A[l - 1] + i * ld, w->G[l - 1] + i * ld, m);
    }
}

/* ---- input checks -------------------------------------------------------- */

static il_status check_matrix(const char *name, const double *M, size_t rows,
                              size_t m)
{
    size_t i;
    char buf[32];
    if (!M)
        return il_fail(IL_EBADARG, "%s must not be NULL", name);
    for (i = 0; i < rows * m; i++)
        if (!isfinite(M[i]))
            return il_fail(IL_EBADVALUE, "%s must be finite; %s(%zu,%zu) is %s",
                           name, name, i % rows + 1, i / rows + 1,
                           il_number(M[i], buf));
    return IL_OK;
}

il_status il_check_batch(const il_net *net, const double *X, const double *Y,
                         size_t m)
{
    il_status s;
    size_t i, nL = net->n[net->L];
    if (m == 0)
        return il_fail(IL_EBADSIZE, "X must have at least one column (sample)");
    /* before X is read: a count past what a batch can be (BLAS takes its
     * dimensions as int) is no array the caller holds */
    if (m > (size_t)INT_MAX - 7)
        return il_fail(IL_EBADSIZE, "X has %zu columns; a batch has at most "
                       "%d samples", m, INT_MAX - 7);
    if ((s = check_matrix("X", X, net->n[0], m)) != IL_OK)
        return s;
    if (!Y)
        return IL_OK;
    if ((s = check_matrix("Y", Y, nL, m)) != IL_OK)
        return s;
    if (net->loss == IL_LOSS_BCE || net->loss == IL_LOSS_SCE)
        for (i = 0; i < nL * m; i++)
            if (Y[i] < 0.0 || Y[i] > 1.0)
                return il_fail(IL_EBADVALUE,
                               "Y must be in [0, 1] for loss '%s'; Y(%zu,%zu) "
                               "is %g",
                               il_loss_name(net->loss), i % nL + 1, i / nL + 1,
                               Y[i]);
    return IL_OK;
}

int il_all_finite(const double *x, size_t n)
{
    /* x*0 is 0 for finite x and NaN otherwise; eight chains keep it fast. */
    double acc[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    size_t j, r, n8 = n - n % 8;
    for (j = 0; j < n8; j += 8)
        for (r = 0; r < 8; r++)
            acc[r] += x[j + r] * 0.0;
    for (j = n8; j < n; j++)
        acc[0] += x[j] * 0.0;
    for (r = 0; r < 8; r++)
        if (acc[r] != 0.0)
            return 0;
    return 1;
}
