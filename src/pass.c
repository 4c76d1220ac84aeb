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

#if IL_FMA_PATHS
#include <immintrin.h>
#endif

/* Below this many multiply-adds a BLAS call costs more than it saves. */
#define BLAS_MIN_WORK 65536.0

static int use_blas(size_t m, size_t n, size_t k)
{
    return (double)m * (double)n * (double)k >= BLAS_MIN_WORK;
}

/* ---- workspace ---------------------------------------------------------- */

/* il_work_ld: the batch rounded up to 8 values, so that
 * every column starts on a cache line (worth ~18% on the coursework model's
 * 300 samples), and 8 more when that is a multiple of 512 (4 KiB): columns
 * that far apart map to the same cache sets, so a kernel walking across
 * units (the batch copy, a BLAS panel) evicts its own lines; batch 1024 cost
 * ~10% more per sample than batch 1000.  Below INT_MAX for every batch
 * il_work_init takes (the largest multiple of 512 there is 2^31 - 512). */
size_t il_work_ld(size_t m)
{
    size_t ld = (m + 7) / 8 * 8;
    return ld % 512 == 0 ? ld + 8 : ld;
}

il_status il_work_init(il_work *w, const il_net *net, size_t cap)
{
    size_t L = net->L, l, total, ld, bytes, head;
    double *p;

    memset(w, 0, sizeof *w);
    /* BLAS takes the leading dimension as an int */
    if (cap > (size_t)INT_MAX - 7)
        return il_fail(IL_EBADSIZE, "a batch of %zu samples is more than BLAS "
                       "can take (at most %d)", cap, INT_MAX - 7);
    ld = il_work_ld(cap);
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
        bytes > SIZE_MAX - 127 - 3 * (L + 1) * sizeof *w->Z)
        return il_fail(IL_ENOMEM, "a batch of %zu samples through this network "
                       "needs more memory than can be addressed", cap);
    /* One allocation, the layers' pointers first (a tiny call from a host
     * makes a workspace each time), the values from the next cache line:
     * the kernels' vector loads then split lines the same way in every
     * process, so speed does not depend on where malloc put the block.
     * Zeroed, so that the padding is never uninitialized. */
    head = (3 * (L + 1) * sizeof *w->Z + 63) / 64 * 64;
    bytes = head + (bytes + 63) / 64 * 64;
    w->Z = aligned_alloc(64, bytes);
    if (!w->Z)
        return il_fail(IL_ENOMEM, "out of memory for a batch of %zu samples",
                       cap);
    memset(w->Z, 0, bytes);
    w->block = (double *)((char *)w->Z + head);
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
    free(w->Z); /* w->block too: see il_work_init */
    w->Z = w->A = w->G = NULL;
    w->block = NULL;
}

/* Copies sample columns of src (rows values each, public layout) into the
 * unit-major batch.  Eight samples at a time: each unit's eight values are
 * then one cache line written whole, and the eight source columns are read
 * in order, where a sample at a time wrote one value to every unit's
 * column, ld apart, and missed the cache on each.  Units [begin, end) only,
 * so that threads can share the copy. */
static void transpose_in(double *dst, const double *src, size_t rows,
                         const size_t *cols, size_t m, size_t ld,
                         size_t begin, size_t end)
{
    size_t i, j0, r;
    for (j0 = 0; j0 < m; j0 += 8) {
        const double *col[8] = {0};
        size_t nb = m - j0 < 8 ? m - j0 : 8;
        for (r = 0; r < nb; r++)
            col[r] = src + (cols ? cols[j0 + r] : j0 + r) * rows;
        if (nb == 8)
            for (i = begin; i < end; i++)
                for (r = 0; r < 8; r++)
                    dst[j0 + r + i * ld] = col[r][i];
        else
            for (i = begin; i < end; i++)
                for (r = 0; r < nb; r++)
                    dst[j0 + r + i * ld] = col[r][i];
    }
}

typedef struct {
    double *dst;
    const double *src;
    size_t rows, m, ld;
    const size_t *cols;
} copy_task;

static void copy_units(void *ctx, size_t begin, size_t end)
{
    const copy_task *c = ctx;
    transpose_in(c->dst, c->src, c->rows, c->cols, c->m, c->ld, begin, end);
}

/* Below this many values a layer's elementwise work stays on one thread:
 * waking the others costs more (~10 us) than it saves. */
#define THREAD_MIN_VALUES 65536

static il_pool *pool_for(il_pool *pool, size_t units, size_t m)
{
    return (double)units * (double)m >= THREAD_MIN_VALUES ? pool : NULL;
}

static void load_units(il_work *w, double *dst, const double *src,
                       size_t rows, const size_t *cols, size_t m)
{
    copy_task c;
    c.dst = dst;
    c.src = src;
    c.rows = rows;
    c.cols = cols;
    c.m = m;
    c.ld = w->ld;
    il_pool_run(pool_for(w->pool, rows, m), copy_units, &c, rows, 1);
}

void il_work_load(il_work *w, const il_net *net, const double *X,
                  const double *Y, const size_t *cols, size_t m)
{
    w->m = m;
    w->ld = il_work_ld(m);
    load_units(w, w->A[0], X, net->n[0], cols, m);
    if (Y)
        load_units(w, w->Y, Y, net->n[net->L], cols, m);
}

/* ---- elementwise work over a layer's units, shared by the threads ------- */

typedef struct {
    il_act act;
    size_t m, ld;
    const double *b;  /* the bias, for fill_bias */
    double *Z, *A, *G, *db;
    int slope;        /* bias_sums: G times act's slope at Z, A first */
    /* act_forward_units: the activation of n units, and the bias of the
     * next layer's fill_n units put into fill_Z (0: none) */
    size_t n, fill_n;
    const double *fill_b;
    double *fill_Z;
} layer_task;

/* Z's rows [begin, end) set to the bias, each its unit's value. */
static void fill_rows(double *Z, const double *b, size_t m, size_t ld,
                      size_t begin, size_t end)
{
    size_t i, j;
    for (i = begin; i < end; i++)
        for (j = 0; j < m; j++)
            Z[j + i * ld] = b[i];
}

static void fill_bias(void *ctx, size_t begin, size_t end)
{
    const layer_task *t = ctx;
    fill_rows(t->Z, t->b, t->m, t->ld, begin, end);
}

/* The activation and the next layer's bias fill unit by unit: the fill's
 * stores drain while the activation computes, where as a task of its own
 * the fill waited on them (and on its own handoff to the threads). */
static void act_forward_units(void *ctx, size_t begin, size_t end)
{
    const layer_task *t = ctx;
    size_t i;
    for (i = begin; i < end; i++) {
        if (i < t->n)
            il_act_forward(t->act, t->Z + i * t->ld, t->A + i * t->ld, t->m);
        if (i < t->fill_n)
            fill_rows(t->fill_Z, t->fill_b, t->m, t->ld, i, i + 1);
    }
}

/* Runs one of the tasks above over the n units of a layer. */
static void over_units(il_pool *pool, il_task task, layer_task *t, size_t n)
{
    il_pool_run(pool_for(pool, n, t->m), task, t, n, 1);
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

/* The small kernels work on vectors of 8 samples (GCC's vector extension:
 * one AVX-512 register, two AVX2 or four SSE2 ones).  memcpy is how an
 * unaligned vector is loaded without breaking aliasing rules; it compiles to
 * one load. */
typedef double vec8 __attribute__((vector_size(64)));
typedef long long8 __attribute__((vector_size(64)));

#define LOAD8(v, p) memcpy(&(v), (p), sizeof(vec8))
#define STORE8(p, v) memcpy((p), &(v), sizeof(vec8))

/* A tile's loops run a compile-time number of times once inlined into the
 * function that picks the tile, so its accumulators live in registers. */
#define TILE_INLINE static inline __attribute__((always_inline))

/* An adder takes 4 cycles and two can start each cycle, so a kernel needs
 * 8 sums under way at once to keep them busy; a single running sum leaves
 * them idle 7 cycles in 8.  Every tile below therefore computes up to 8
 * vectors of independent sums together, each summed in exactly the order
 * it would be alone: grouping them changes the speed, never the bits. */
#define CHAINS 8

/* The small kernels' products are fused multiply-adds, written out rather
 * than left to -ffp-contract (which this build turns off and which would
 * let the compiler decide): fma rounds x y + a once, exactly as IEEE 754
 * defines it, so the bits are the same whichever path computes it.  The
 * AVX-512 and AVX2 paths compile each lane's __builtin_fma to a vector
 * vfmadd; the plain x86-64 path, which has no FMA instruction, calls libm's
 * fma (correctly rounded in software: slow, but the same bits).  Half the
 * instructions of a multiply then an add, and one rounding instead of two. */
typedef void fma_fn(vec8 *acc, const vec8 *x, const vec8 *y);
/* v = c in every lane */
typedef void bcast_fn(vec8 *v, double c);
/* v = the 8 values at p, in registers */
typedef void load_fn(vec8 *v, const double *p);
/* the 8 values at p = z > 0 ? v : 0 (FOLD_RELU) or slope v (FOLD_LEAKY),
 * lane by lane, z the 8 values at z (NULL: v itself); a path without one
 * (NULL) has fold_select inlined, which its compiler does well */
typedef void select_fn(int fold, const vec8 *v, const double *z,
                       double slope, double *p);

/* What a kernel's store folds in where the activation is a select (relu,
 * leaky relu) rather than arithmetic of its own: the forward pass stores
 * both z and the activation, the backward pass the gradient times the
 * slope, so il_act_forward and il_act_backward need no pass of their own. */
enum { FOLD_NONE, FOLD_RELU, FOLD_LEAKY };

/* il_act_forward's z > 0 ? z : 0 (or slope z), and il_act_backward's
 * z > 0 ? g : 0 (or slope g): the same select, the same product. */
TILE_INLINE void fold_select(int fold, vec8 *v, const vec8 *z, double slope)
{
    long8 pos = *z > (vec8){0};
    if (fold == FOLD_RELU)
        *v = (vec8)((long8)*v & pos);
    else {
        vec8 neg = slope * *v;
        *v = (vec8)(((long8)*v & pos) | ((long8)neg & ~pos));
    }
}

/* acc = fma(x, y, acc) lane by lane (and the broadcast and load below),
 * one per instruction set.  A tile takes the ones it is compiled for as
 * constant arguments: once the tile is inlined into its path's function,
 * the calls are direct and their intrinsics are inlined where their
 * instruction set is enabled.  (An intrinsic cannot be inlined into the
 * tiles themselves, which have no target; leaving eight scalar
 * __builtin_fma to the SLP vectorizer turned some tiles back into scalar
 * code; and a vec8 of c built in the tiles became eight masked loads.) */
static inline __attribute__((always_inline)) void fma_base(vec8 *acc,
                                                           const vec8 *x,
                                                           const vec8 *y)
{
    int i;
    for (i = 0; i < 8; i++)
        (*acc)[i] = fma((*x)[i], (*y)[i], (*acc)[i]);
}

static inline __attribute__((always_inline)) void bcast_base(vec8 *v,
                                                             double c)
{
    int i;
    for (i = 0; i < 8; i++)
        (*v)[i] = c;
}

static inline __attribute__((always_inline)) void load_base(vec8 *v,
                                                            const double *p)
{
    LOAD8(*v, p);
}

#if IL_FMA_PATHS
/* The halves as separate variables, not arrays: arrays indexed in a loop
 * stayed in memory, and every accumulator went through the stack. */
__attribute__((target("avx2,fma"), always_inline)) static inline void
fma_avx2(vec8 *acc, const vec8 *x, const vec8 *y)
{
    const char *xp = (const char *)x, *yp = (const char *)y;
    char *ap = (char *)acc;
    __m256d a0, a1, x0, x1, y0, y1;
    memcpy(&a0, ap, 32);
    memcpy(&a1, ap + 32, 32);
    memcpy(&x0, xp, 32);
    memcpy(&x1, xp + 32, 32);
    memcpy(&y0, yp, 32);
    memcpy(&y1, yp + 32, 32);
    a0 = _mm256_fmadd_pd(x0, y0, a0);
    a1 = _mm256_fmadd_pd(x1, y1, a1);
    memcpy(ap, &a0, 32);
    memcpy(ap + 32, &a1, 32);
}

__attribute__((target("avx2,fma"), always_inline)) static inline void
bcast_avx2(vec8 *v, double c)
{
    __m256d cv = _mm256_set1_pd(c);
    memcpy(v, &cv, 32);
    memcpy((char *)v + 32, &cv, 32);
}

/* A vector the tile uses several times, loaded once into registers: the
 * empty asm says the value must be in a register, where GCC otherwise
 * folds the load into every fma that uses it (vfmadd231pd mem, ...), one
 * load each, and this core loads about one vector a cycle. */
__attribute__((target("avx2,fma"), always_inline)) static inline void
load_avx2(vec8 *v, const double *p)
{
    __m256d lo, hi;
    memcpy(&lo, p, 32);
    memcpy(&hi, p + 4, 32);
    __asm__("" : "+x"(lo), "+x"(hi));
    memcpy(v, &lo, 32);
    memcpy((char *)v + 32, &hi, 32);
}

/* fold_select in halves, from and to memory: GCC compiled the 8-lane
 * compare for AVX2 into a scalar compare and branch a lane, and a vec8
 * moved between halves went through the stack (the relu layers' combine
 * took ten times the AVX-512 path's time). */
__attribute__((target("avx2,fma"), always_inline)) static inline void
select_avx2(int fold, const vec8 *v, const double *z, double slope,
            double *p)
{
    __m256d lo, hi, zlo, zhi, plo, phi;
    memcpy(&lo, v, 32);
    memcpy(&hi, (const char *)v + 32, 32);
    if (z) {
        memcpy(&zlo, z, 32);
        memcpy(&zhi, z + 4, 32);
    } else {
        zlo = lo;
        zhi = hi;
    }
    plo = _mm256_cmp_pd(zlo, _mm256_setzero_pd(), _CMP_GT_OQ);
    phi = _mm256_cmp_pd(zhi, _mm256_setzero_pd(), _CMP_GT_OQ);
    if (fold == FOLD_RELU) {
        lo = _mm256_and_pd(lo, plo);
        hi = _mm256_and_pd(hi, phi);
    } else {
        __m256d c = _mm256_set1_pd(slope);
        lo = _mm256_blendv_pd(_mm256_mul_pd(c, lo), lo, plo);
        hi = _mm256_blendv_pd(_mm256_mul_pd(c, hi), hi, phi);
    }
    memcpy(p, &lo, 32);
    memcpy(p + 4, &hi, 32);
}

__attribute__((target("avx512f,fma"), always_inline)) static inline void
fma_avx512(vec8 *acc, const vec8 *x, const vec8 *y)
{
    __m512d a, b, c;
    memcpy(&a, acc, sizeof a);
    memcpy(&b, x, sizeof b);
    memcpy(&c, y, sizeof c);
    a = _mm512_fmadd_pd(b, c, a);
    memcpy(acc, &a, sizeof a);
}

__attribute__((target("avx512f,fma"), always_inline)) static inline void
bcast_avx512(vec8 *v, double c)
{
    __m512d cv = _mm512_set1_pd(c);
    memcpy(v, &cv, sizeof cv);
}

__attribute__((target("avx512f,fma"), always_inline)) static inline void
load_avx512(vec8 *v, const double *p)
{
    __m512d x;
    memcpy(&x, p, sizeof x);
    __asm__("" : "+v"(x));
    memcpy(v, &x, sizeof x);
}

#endif

/* The value stored at out + at (and act + at) for the sum s: s itself, or
 * with fold the select of fold_select, by s (into act) or by Z.  fold and
 * which of act and Z is given are constants where this is inlined (see
 * combine_all), so each block stores in straight-line code; a test of
 * fold at every store kept GCC from holding the sums in registers. */
TILE_INLINE void combine_store(select_fn *select, int fold, const vec8 *sum,
                               size_t at, double *out, const double *Z,
                               double *act, double slope)
{
    vec8 s, z;
    if (fold != FOLD_NONE && select) {
        if (act)
            STORE8(out + at, *sum);
        select(fold, sum, act ? NULL : Z + at, slope,
               act ? act + at : out + at);
        return;
    }
    s = *sum;
    if (fold == FOLD_NONE) {
        STORE8(out + at, s);
    } else if (act) {
        STORE8(out + at, s);
        z = s;
        fold_select(fold, &s, &z, slope);
        STORE8(act + at, s);
    } else {
        LOAD8(z, Z + at);
        fold_select(fold, &s, &z, slope);
        STORE8(out + at, s);
    }
}

/* The most outputs and vectors a combine block holds (each path has its
 * own limits, see KERNEL_PATH). */
#define COMBINE_MAX_Q 5
#define COMBINE_MAX_V 4

/* out_q = init_q + c_q0 in_0 + c_q1 in_1 + ... for Q outputs over V vectors
 * of 8 samples from j0: the shape of both Z = A W' + b (output q a unit:
 * c_qr = W[q + r n]) and dA = G W (output q an input: c_qr = W[r + q n]).
 * Each value is 0 + init_q (when given) and then its products fused in,
 * fma(c_qr, in_r, sum), in r order; the block only decides which values
 * are computed side by side.  in and out are columns ld apart, c_qr is
 * coef[q cq + r cr].  With fold, act (when not NULL) receives the
 * activation of out; otherwise out receives out times the slope at Z.
 *
 * Each loaded input vector feeds Q sums and each broadcast coefficient V:
 * this core loads about one 64-byte vector a cycle and issues one 8-wide
 * fma a cycle, so one output at a time (a load per fma) waited on its
 * loads, where 5 x 4 needs 9 loads per 20 fmas. */
TILE_INLINE void combine_block(fma_fn *fma, bcast_fn *bcast,
                               select_fn *select, int Q, int V, size_t j0,
                               size_t ld, size_t nin, const double *in,
                               const double *coef, size_t cq, size_t cr,
                               const double *init, double *out, int fold,
                               const double *Z, double *act, double slope)
{
    vec8 acc[COMBINE_MAX_Q][COMBINE_MAX_V];
    size_t r;
    int q, v;
    for (q = 0; q < Q; q++) {
        vec8 b;
        bcast(&b, init ? 0.0 + init[q] : 0.0);
        for (v = 0; v < V; v++)
            acc[q][v] = b;
    }
    for (r = 0; r < nin; r++) {
        vec8 x[COMBINE_MAX_V];
        for (v = 0; v < V; v++)
            LOAD8(x[v], in + r * ld + j0 + 8 * v);
        for (q = 0; q < Q; q++) {
            vec8 c;
            bcast(&c, coef[q * cq + r * cr]);
            for (v = 0; v < V; v++)
                fma(&acc[q][v], &c, &x[v]);
        }
    }
    for (q = 0; q < Q; q++)
        for (v = 0; v < V; v++)
            combine_store(select, fold, &acc[q][v], q * ld + j0 + 8 * v, out,
                          Z, act, slope);
}

#define COMBINE_TAIL(v)                                                      \
    case v:                                                                 \
        if (v < max_v)                                                      \
            combine_block(fma, bcast, select, Q, v, full, ld, nin, in,    \
                          coef, cq, cr, init, out, fold, Z, act, slope);    \
        break;

/* Q outputs over their whole columns, padding included (ld is a multiple
 * of 8: what lands there is finite and never read, and no sample pays for
 * a scalar tail): blocks of max_v vectors, then the vectors left over in
 * one narrower block. */
TILE_INLINE void combine_outputs(fma_fn *fma, bcast_fn *bcast,
                                 select_fn *select, int Q, int max_v,
                                 size_t ld, size_t nin, const double *in,
                                 const double *coef, size_t cq, size_t cr,
                                 const double *init, double *out, int fold,
                                 const double *Z, double *act, double slope)
{
    size_t j0, full = ld / (8 * (size_t)max_v) * (8 * (size_t)max_v);
    for (j0 = 0; j0 < full; j0 += 8 * (size_t)max_v)
        combine_block(fma, bcast, select, Q, max_v, j0, ld, nin, in, coef,
                      cq, cr, init, out, fold, Z, act, slope);
    switch ((ld - full) / 8) {
        COMBINE_TAIL(1) COMBINE_TAIL(2) COMBINE_TAIL(3)
    default: /* no vectors left over */
        break;
    }
}
#undef COMBINE_TAIL

/* combine_outputs with fold and the choice of act or Z as constants (see
 * combine_store). */
TILE_INLINE void combine_folded(fma_fn *fma, bcast_fn *bcast,
                                select_fn *select, int Q, int max_v,
                                size_t ld, size_t nin, const double *in,
                                const double *coef, size_t cq, size_t cr,
                                const double *init, double *out, int fold,
                                const double *Z, double *act, double slope)
{
    if (fold == FOLD_NONE)
        combine_outputs(fma, bcast, select, Q, max_v, ld, nin, in, coef, cq,
                        cr, init, out, FOLD_NONE, NULL, NULL, slope);
    else if (fold == FOLD_RELU && act)
        combine_outputs(fma, bcast, select, Q, max_v, ld, nin, in, coef, cq,
                        cr, init, out, FOLD_RELU, NULL, act, slope);
    else if (fold == FOLD_RELU)
        combine_outputs(fma, bcast, select, Q, max_v, ld, nin, in, coef, cq,
                        cr, init, out, FOLD_RELU, Z, NULL, slope);
    else if (act)
        combine_outputs(fma, bcast, select, Q, max_v, ld, nin, in, coef, cq,
                        cr, init, out, FOLD_LEAKY, NULL, act, slope);
    else
        combine_outputs(fma, bcast, select, Q, max_v, ld, nin, in, coef, cq,
                        cr, init, out, FOLD_LEAKY, Z, NULL, slope);
}

#define COMBINE_CASE(q)                                                      \
    case q:                                                                 \
        if (q <= max_q)                                                     \
            combine_folded(fma, bcast, select, q, max_v, ld, nin, in,     \
                           coef, cq, cr, init, out, fold, Z, act, slope);   \
        break;

/* Every output, max_q at a time (the rest in one narrower group), blocks
 * of at most max_q x max_v sums: as many as the path's registers hold. */
TILE_INLINE void combine_all(fma_fn *fma, bcast_fn *bcast, select_fn *select,
                             int max_q, int max_v, size_t ld, size_t nout,
                             size_t nin, const double *in, const double *coef,
                             size_t cq, size_t cr, const double *init,
                             double *out, int fold, const double *Z,
                             double *act, double slope)
{
    size_t q0, Q;
    for (q0 = 0; q0 < nout; q0 += Q) {
        Q = nout - q0 < (size_t)max_q ? nout - q0 : (size_t)max_q;
        switch (Q) {
            COMBINE_CASE(1) COMBINE_CASE(2) COMBINE_CASE(3) COMBINE_CASE(4)
            COMBINE_CASE(5)
        default:
            break;
        }
        coef += Q * cq;
        if (init)
            init += Q;
        out += Q * ld;
        if (Z)
            Z += Q * ld;
        if (act)
            act += Q * ld;
    }
}
#undef COMBINE_CASE

/* Z (m x n) = A (m x k) * W' + b, W n x k column-major, columns ld apart.
 * On the small path each value is b + w1 a1 + w2 a2 + ... in that order,
 * and with fold the activation is stored into act as well.  On the blas
 * path Z starts as the bias, put there unless filled says it already is.
 * Returns whether it folded (the blas path does not: the caller then
 * applies the activation). */
IL_HOT static int dense_forward(size_t m, size_t ld, size_t n, size_t k,
                                 const double *A, const double *W,
                                 const double *b, double *Z, int fold,
                                 double *act, double slope, int filled,
                                 il_pool *pool)
{
    if (use_blas(m, n, k)) {
        layer_task t = {0};
        t.m = m;
        t.ld = ld;
        t.b = b;
        t.Z = Z;
        if (!filled)
            over_units(pool, fill_bias, &t, n);
        cblas_dgemm(CblasColMajor, CblasNoTrans, CblasTrans, (int)m, (int)n,
                    (int)k, 1.0, A, (int)ld, W, (int)n, 1.0, Z, (int)ld);
        return 0;
    }
    il_kernel_combine(IL_PATH_AUTO, ld, n, k, A, W, 1, n, b, Z, fold, NULL,
                      act, slope);
    return fold != FOLD_NONE;
}

/* The eight lanes of v added in a fixed order. */
static double lane_sum(const vec8 *p)
{
    vec8 v = *p;
    return ((v[0] + v[1]) + (v[2] + v[3])) + ((v[4] + v[5]) + (v[6] + v[7]));
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

/* sum of R rows (ld apart) at once, each added exactly as sum adds it. */
TILE_INLINE void sum_tile(int R, const double *x, size_t ld, size_t m,
                          double *out)
{
    vec8 acc[CHAINS];
    size_t j, m8 = m - m % 8;
    int r;
    for (r = 0; r < R; r++)
        acc[r] = (vec8){0};
    for (j = 0; j < m8; j += 8)
        for (r = 0; r < R; r++) {
            vec8 v;
            LOAD8(v, x + r * ld + j);
            acc[r] += v;
        }
    for (r = 0; r < R; r++) {
        double s = lane_sum(&acc[r]);
        for (j = m8; j < m; j++)
            s += x[r * ld + j];
        out[r] = s;
    }
}

IL_HOT static void sum_rows_block(const double *x, size_t ld, size_t R,
                                  size_t m, double *out)
{
    switch (R) {
    case 1: sum_tile(1, x, ld, m, out); break;
    case 2: sum_tile(2, x, ld, m, out); break;
    case 3: sum_tile(3, x, ld, m, out); break;
    case 4: sum_tile(4, x, ld, m, out); break;
    case 5: sum_tile(5, x, ld, m, out); break;
    case 6: sum_tile(6, x, ld, m, out); break;
    case 7: sum_tile(7, x, ld, m, out); break;
    default: sum_tile(8, x, ld, m, out); break;
    }
}

/* il_sum_pairwise of R <= 8 rows (ld apart) at once: the same splits, so
 * each row's sum is the one il_sum_pairwise gives it. */
static void sum_rows_pairwise(const double *x, size_t ld, size_t R, size_t m,
                              double *out)
{
    double right[CHAINS];
    size_t half, r;
    if (m <= 128) {
        sum_rows_block(x, ld, R, m, out);
        return;
    }
    half = m / 2;
    half -= half % 8;
    sum_rows_pairwise(x, ld, R, half, out);
    sum_rows_pairwise(x + half, ld, R, m - half, right);
    for (r = 0; r < R; r++)
        out[r] += right[r];
}

/* The bias gradients of units [begin, end), up to CHAINS rows at once;
 * with slope, each row of G is first multiplied by the activation's slope
 * (il_act_backward), while the rows are in the cache for their sums: the
 * pass of its own over a layer's G, A and Z cost more than the sums. */
static void bias_sums(void *ctx, size_t begin, size_t end)
{
    const layer_task *t = ctx;
    size_t i, r, R;
    for (i = begin; i < end; i += R) {
        R = end - i < CHAINS ? end - i : CHAINS;
        if (t->slope)
            for (r = i; r < i + R; r++)
                il_act_backward(t->act, t->Z + r * t->ld, t->A + r * t->ld,
                                t->G + r * t->ld, t->m);
        sum_rows_pairwise(t->G + i * t->ld, t->ld, R, t->m, t->db + i);
    }
}

/* The most pairwise-sum blocks (leaves) a row may have for weight_grad_all
 * to add the bias gradients in its tiles (every batch up to 2048 samples
 * and more: a leaf holds 64 to 128 values); past that the rows are summed
 * on their own (il_sum_pairwise, the same bits). */
#define LEAF_CAP 32

/* il_sum_pairwise's blocks (leaves) over a row and its tree as a
 * sequence of steps, left to right and children before parents: push the
 * next leaf's sum, or add the top two sums (left + right).  Built once per
 * weight_grad_all call; a tile then adds its rows' leaves by the steps. */
typedef struct {
    size_t leaves, steps;
    size_t ends[LEAF_CAP];             /* where each leaf ends */
    unsigned char add[2 * LEAF_CAP];   /* 1: add, 0: push a leaf */
} pairwise_plan;

/* The plan's leaves and steps for the values [start, start + n); past
 * LEAF_CAP leaves it only counts them. */
static void plan_pairwise(pairwise_plan *plan, size_t start, size_t n)
{
    size_t half;
    if (n <= 128) {
        if (plan->leaves < LEAF_CAP) {
            plan->ends[plan->leaves] = start + n;
            plan->add[plan->steps++] = 0;
        }
        plan->leaves++;
        return;
    }
    half = n / 2;
    half -= half % 8;
    plan_pairwise(plan, start, half);
    plan_pairwise(plan, start + half, n - half);
    if (plan->leaves <= LEAF_CAP)
        plan->add[plan->steps++] = 1;
}

/* The tree of plan over the leaves' sums, lane by lane (each lane its own
 * row): the additions of il_sum_pairwise in its order.  A tree of at most
 * LEAF_CAP leaves is at most 7 deep, 64 to 128 values a leaf. */
TILE_INLINE void add_leaves(const pairwise_plan *plan, const vec8 *leaf,
                            vec8 *total)
{
    vec8 stack[16];
    size_t step, next = 0, top = 0;
    for (step = 0; step < plan->steps; step++)
        if (plan->add[step]) {
            top--;
            stack[top - 1] += stack[top];
        } else
            stack[top++] = leaf[next++];
    *total = stack[0];
}

/* The lanes of a and b picked by constant indices (0-7 a's, 8-15 b's), in
 * each compiler's spelling. */
#ifdef __clang__
#define SHUFFLE8(a, b, i0, i1, i2, i3, i4, i5, i6, i7)                        \
    __builtin_shufflevector(a, b, i0, i1, i2, i3, i4, i5, i6, i7)
#else
#define SHUFFLE8(a, b, i0, i1, i2, i3, i4, i5, i6, i7)                        \
    __builtin_shuffle(a, b, (long8){i0, i1, i2, i3, i4, i5, i6, i7})
#endif

/* Lane i of *out = lane_sum(&in[i]) for the n <= 8 vectors in (the other
 * lanes 0): the same additions, ((v0 + v1) + (v2 + v3)) + ((v4 + v5) +
 * (v6 + v7)) with the same operands, eight sums at a time in three steps
 * of two shuffles and an add, where lane_sum moves each lane out and adds
 * them one at a time. */
TILE_INLINE void lane_sums(const vec8 *in, int n, vec8 *out)
{
    vec8 v[8], p[4], q[2];
    int i;
    for (i = 0; i < 8; i++)
        v[i] = i < n ? in[i] : (vec8){0};
    for (i = 0; i < 4; i++)
        p[i] = SHUFFLE8(v[2 * i], v[2 * i + 1], 0, 8, 2, 10, 4, 12, 6, 14) +
               SHUFFLE8(v[2 * i], v[2 * i + 1], 1, 9, 3, 11, 5, 13, 7, 15);
    for (i = 0; i < 2; i++)
        q[i] = SHUFFLE8(p[2 * i], p[2 * i + 1], 0, 1, 8, 9, 4, 5, 12, 13) +
               SHUFFLE8(p[2 * i], p[2 * i + 1], 2, 3, 10, 11, 6, 7, 14, 15);
    *out = SHUFFLE8(q[0], q[1], 0, 1, 2, 3, 8, 9, 10, 11) +
           SHUFFLE8(q[0], q[1], 4, 5, 6, 7, 12, 13, 14, 15);
}

/* The most rows of G and columns of A a weight-gradient tile holds (each
 * path has its own limits, see KERNEL_PATH). */
#define DOT_MAX_R 5
#define DOT_MAX_C 4

/* dW[r + c n] for R rows g of G and C columns a of A at once: each the dot
 * product of one g and one a in eight lanes (lane r fuses in the products
 * at j = r mod 8), the lanes added in a fixed order and then the last m
 * mod 8 products fused in one by one, so the result does not depend on how
 * wide the hardware vectors are, nor on the tile it was computed in.
 * With bias, also db[r] = il_sum_pairwise of g, from the g already loaded:
 * each of its blocks (plan's leaves) added in eight lanes as sum adds it,
 * the blocks' sums then added in il_sum_pairwise's tree (add_leaves). */
TILE_INLINE void dot_tile(fma_fn *fma, bcast_fn *bcast, load_fn *load,
                          int R, int C, int bias, size_t m, size_t ld,
                          size_t n, const double *G, const double *A,
                          double *dW, double *db, const pairwise_plan *plan)
{
    vec8 s[DOT_MAX_R][DOT_MAX_C], b[DOT_MAX_R], leaf[LEAF_CAP];
    vec8 dots[DOT_MAX_R > DOT_MAX_C ? DOT_MAX_R : DOT_MAX_C];
    size_t j = 0, l, end, m8 = m - m % 8;
    int r, c;
    for (r = 0; r < R; r++)
        for (c = 0; c < C; c++)
            s[r][c] = (vec8){0};
    for (l = 0; l < (bias ? plan->leaves : 1); l++) {
        end = bias && plan->ends[l] < m8 ? plan->ends[l] : m8;
        for (r = 0; r < R; r++)
            b[r] = (vec8){0};
        for (; j < end; j += 8) {
            vec8 a[DOT_MAX_C];
            for (c = 0; c < C; c++)
                load(&a[c], A + c * ld + j);
            for (r = 0; r < R; r++) {
                vec8 g;
                load(&g, G + r * ld + j);
                if (bias)
                    b[r] += g;
                for (c = 0; c < C; c++)
                    fma(&s[r][c], &g, &a[c]);
            }
        }
        if (bias) {
            size_t i;
            lane_sums(b, R, &leaf[l]);
            for (r = 0; r < R; r++)
                for (i = end; i < plan->ends[l]; i++)
                    leaf[l][r] += G[r * ld + i];
        }
    }
    /* the sums along the longer side of the tile in the lanes of one
     * vector (a column's R, or a row's C), then the last products fused in
     * j by j into all of them at once (each lane fma(g_j, a_j, sum), as
     * one at a time): where each was a chain of scalar fmas and loads */
    {
        int by_rows = R >= C, vecs = by_rows ? C : R, lanes = by_rows ? R : C;
        const double *lane_src = by_rows ? G : A, *vec_src = by_rows ? A : G;
        int v, w;
        for (v = 0; v < vecs; v++) {
            vec8 line[DOT_MAX_R > DOT_MAX_C ? DOT_MAX_R : DOT_MAX_C];
            for (w = 0; w < lanes; w++)
                line[w] = by_rows ? s[w][v] : s[v][w];
            lane_sums(line, lanes, &dots[v]);
        }
        for (j = m8; j < m; j++) {
            vec8 x = {0};
            for (w = 0; w < lanes; w++)
                x[w] = lane_src[w * ld + j];
            for (v = 0; v < vecs; v++) {
                vec8 y;
                bcast(&y, vec_src[v * ld + j]);
                fma(&dots[v], &x, &y);
            }
        }
        for (v = 0; v < vecs; v++)
            for (w = 0; w < lanes; w++)
                dW[by_rows ? w + v * n : v + w * n] = dots[v][w];
    }
    if (bias) {
        vec8 total;
        add_leaves(plan, leaf, &total);
        for (r = 0; r < R; r++)
            db[r] = total[r];
    }
}

#define DOT_CASE(r, c)                                                       \
    case (r) * 8 + (c):                                                     \
        if ((r) <= max_r && (c) <= max_c) {                                 \
            if (bias)                                                       \
                dot_tile(fma, bcast, load, r, c, 1, m, ld, n, G + i * ld,  \
                         A + p * ld, dW + i + p * n, db + i, &plan);       \
            else                                                            \
                dot_tile(fma, bcast, load, r, c, 0, m, ld, n, G + i * ld,  \
                         A + p * ld, dW + i + p * n, NULL, &plan);         \
        }                                                                   \
        break;

/* dW = G' A on the small path, and db[i] = il_sum_pairwise of G's row i
 * when db is not NULL: tiles of up to max_r rows of G by max_c columns of
 * A, as many sums as the path's registers hold (each loaded vector then
 * feeds several), the rows and columns split evenly (10 columns as 4, 3,
 * 3, not 4, 4, 2).  The bias sums ride in the tiles of the first columns,
 * which load every row of G anyway. */
TILE_INLINE void weight_grad_all(fma_fn *fma, bcast_fn *bcast,
                                 load_fn *load, int max_r, int max_c,
                                 size_t m, size_t ld, size_t n, size_t k,
                                 const double *G, const double *A, double *dW,
                                 double *db)
{
    pairwise_plan plan;
    size_t i, p, R, C;
    size_t row_tiles = (n + (size_t)max_r - 1) / (size_t)max_r, rt, ct;
    size_t col_tiles = (k + (size_t)max_c - 1) / (size_t)max_c;
    plan.leaves = plan.steps = 0;
    if (db)
        plan_pairwise(&plan, 0, m);
    if (plan.leaves > LEAF_CAP) {
        for (i = 0; i < n; i++)
            db[i] = il_sum_pairwise(G + i * ld, m);
        db = NULL;
    }
    for (i = 0, rt = row_tiles; rt > 0; i += R, rt--) {
        R = (n - i + rt - 1) / rt;
        for (p = 0, ct = col_tiles; ct > 0; p += C, ct--) {
            int bias = db && p == 0;
            C = (k - p + ct - 1) / ct;
            switch (R * 8 + C) {
                DOT_CASE(1, 1) DOT_CASE(1, 2) DOT_CASE(1, 3) DOT_CASE(1, 4)
                DOT_CASE(2, 1) DOT_CASE(2, 2) DOT_CASE(2, 3) DOT_CASE(2, 4)
                DOT_CASE(3, 1) DOT_CASE(3, 2) DOT_CASE(3, 3) DOT_CASE(3, 4)
                DOT_CASE(4, 1) DOT_CASE(4, 2) DOT_CASE(4, 3) DOT_CASE(4, 4)
                DOT_CASE(5, 1) DOT_CASE(5, 2) DOT_CASE(5, 3) DOT_CASE(5, 4)
            default:
                break;
            }
        }
    }
}
#undef DOT_CASE

/* The paths whose compiler does fold_select well (see select_fn). */
#define select_avx512 NULL
#define select_base NULL

/* Each path's combine block (outputs by vectors): as many sums as its
 * registers hold beside the inputs, 32 zmm for AVX-512 (5 x 4: 20 sums
 * and 4 inputs); for AVX2, whose 16 ymm hold a vec8 in halves, 5 x 1
 * measured fastest of the blocks up to 8 sums on the coursework shapes;
 * the plain path calls fma, so its registers go through the stack anyway. */
#define COMBINE_Q_avx512 5
#define COMBINE_V_avx512 4
#define COMBINE_Q_avx2 5
#define COMBINE_V_avx2 1
#define COMBINE_Q_base 2
#define COMBINE_V_base 1
/* And its weight-gradient tile (rows of G by columns of A): 5 x 4 sums,
 * the 5 rows and their 5 bias sums in 30 zmm; for AVX2 5 x 1, measured
 * as the combine block was (fewer tiles, fewer bias blocks to add). */
#define DOT_R_avx512 5
#define DOT_C_avx512 4
#define DOT_R_avx2 5
#define DOT_C_avx2 1
#define DOT_R_base 2
#define DOT_C_base 2

/* combine_all and weight_grad_all compiled once per instruction set.  Not
 * target_clones: the avx2 clone would have no FMA (it is a separate
 * extension), and a test must be able to run each path on one machine to
 * show they agree (tests/c/test_kernels.c). */
#define KERNEL_PATH(name, target)                                            \
    target static void combine_##name(                                      \
        size_t ld, size_t nout, size_t nin, const double *in,               \
        const double *coef, size_t cq, size_t cr, const double *init,       \
        double *out, int fold, const double *Z, double *act, double slope)  \
    {                                                                       \
        combine_all(fma_##name, bcast_##name, select_##name,                \
                    COMBINE_Q_##name, COMBINE_V_##name, ld, nout, nin, in,  \
                    coef, cq, cr, init, out, fold, Z, act, slope);          \
    }                                                                       \
    target static void weight_grad_##name(size_t m, size_t ld, size_t n,    \
                                          size_t k, const double *G,        \
                                          const double *A, double *dW,      \
                                          double *db)                       \
    {                                                                       \
        weight_grad_all(fma_##name, bcast_##name, load_##name,              \
                        DOT_R_##name, DOT_C_##name, m, ld, n, k, G, A, dW,  \
                        db);                                                \
    }

KERNEL_PATH(base, )
#if IL_FMA_PATHS
KERNEL_PATH(avx2, __attribute__((target("avx2,fma"))))
KERNEL_PATH(avx512, __attribute__((target("avx512f,fma"))))
#endif
#undef KERNEL_PATH

int il_kernel_path_available(int path)
{
    switch (path) {
    case IL_PATH_BASE:
        return 1;
#if IL_FMA_PATHS
    case IL_PATH_AVX2:
        return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    case IL_PATH_AVX512:
        return __builtin_cpu_supports("avx512f") &&
               __builtin_cpu_supports("fma");
#endif
    default:
        return 0;
    }
}

/* Two tests of a word libgcc filled in at start-up: cheap beside a kernel
 * call. */
int il_kernel_best_path(void)
{
    return il_kernel_path_available(IL_PATH_AVX512) ? IL_PATH_AVX512
         : il_kernel_path_available(IL_PATH_AVX2)   ? IL_PATH_AVX2
                                                    : IL_PATH_BASE;
}

void il_kernel_combine(int path, size_t ld, size_t nout, size_t nin,
                       const double *in, const double *coef, size_t cq,
                       size_t cr, const double *init, double *out, int fold,
                       const double *Z, double *act, double slope)
{
    if (path == IL_PATH_AUTO)
        path = il_kernel_best_path();
    switch (path) {
#if IL_FMA_PATHS
    case IL_PATH_AVX512:
        combine_avx512(ld, nout, nin, in, coef, cq, cr, init, out, fold, Z,
                       act, slope);
        return;
    case IL_PATH_AVX2:
        combine_avx2(ld, nout, nin, in, coef, cq, cr, init, out, fold, Z, act,
                     slope);
        return;
#endif
    default:
        combine_base(ld, nout, nin, in, coef, cq, cr, init, out, fold, Z, act,
                     slope);
    }
}

void il_kernel_weight_grad(int path, size_t m, size_t ld, size_t n, size_t k,
                           const double *G, const double *A, double *dW,
                           double *db)
{
    if (path == IL_PATH_AUTO)
        path = il_kernel_best_path();
    switch (path) {
#if IL_FMA_PATHS
    case IL_PATH_AVX512:
        weight_grad_avx512(m, ld, n, k, G, A, dW, db);
        return;
    case IL_PATH_AVX2:
        weight_grad_avx2(m, ld, n, k, G, A, dW, db);
        return;
#endif
    default:
        weight_grad_base(m, ld, n, k, G, A, dW, db);
    }
}

/* dW (n x k) = G' * A, db = column sums of G; G is m x n, A is m x k.
 * With slope (not NULL), G is first multiplied by the slope of slope->act
 * at slope->Z, slope->A, by bias_sums as it sums the rows.  Otherwise the
 * small path's kernel adds db from the rows of G it loads for dW (the same
 * sums: il_sum_pairwise's blocks and tree). */
static void dense_weight_grad(size_t m, size_t ld, size_t n, size_t k,
                              double *G, const double *A, double *dW,
                              double *db, const layer_task *slope,
                              il_pool *pool)
{
    int blas = use_blas(m, n, k);
    if (blas || slope) {
        layer_task t = {0};
        if (slope) {
            t = *slope;
            t.slope = 1;
        }
        t.m = m;
        t.ld = ld;
        t.G = G;
        t.db = db;
        over_units(pool, bias_sums, &t, n);
    }
    if (blas) {
        cblas_dgemm(CblasColMajor, CblasTrans, CblasNoTrans, (int)n, (int)k,
                    (int)m, 1.0, G, (int)ld, A, (int)ld, 0.0, dW, (int)n);
        return;
    }
    il_kernel_weight_grad(IL_PATH_AUTO, m, ld, n, k, G, A, dW,
                          slope ? NULL : db);
}

/* dA (m x k) = G (m x n) * W (n x k); each value 0 + w1 g1 + w2 g2 + ...,
 * through the padding as in dense_forward.  fold (with Z, the layer below's
 * pre-activations, and its slope) is applied as the values are stored;
 * returns whether it was (not on the blas path). */
IL_HOT static int dense_input_grad(size_t m, size_t ld, size_t n, size_t k,
                                    const double *G, const double *W,
                                    double *dA, int fold, const double *Z,
                                    double slope)
{
    if (use_blas(m, n, k)) {
        cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, (int)m, (int)k,
                    (int)n, 1.0, G, (int)ld, W, (int)n, 0.0, dA, (int)ld);
        return 0;
    }
    il_kernel_combine(IL_PATH_AUTO, ld, k, n, G, W, n, 1, NULL, dA, fold, Z,
                      NULL, slope);
    return fold != FOLD_NONE;
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

/* What the small kernels can fold into their stores (see FOLD_RELU). */
static int fold_of(il_act act)
{
    return act.kind == IL_RELU         ? FOLD_RELU
         : act.kind == IL_LEAKY_RELU ? FOLD_LEAKY
                                       : FOLD_NONE;
}

void il_pass_forward(const il_net *net, il_work *w)
{
    size_t l, m = w->m, ld = w->ld;
    int filled = 0; /* Z[l] holds its bias already (see act_forward_units) */
    for (l = 1; l <= net->L; l++) {
        size_t n = net->n[l], k = net->n[l - 1];
        int folded = dense_forward(m, ld, n, k, w->A[l - 1],
                                   net->params + net->w_off[l],
                                   net->params + net->b_off[l], w->Z[l],
                                   fold_of(net->act[l]), w->A[l],
                                   net->act[l].param, filled, w->pool);
        filled = 0;
        if (folded)
            continue;
        if (net->act[l].kind == IL_SOFTMAX)
            softmax_forward(m, ld, n, w->Z[l], w->A[l], w->scratch,
                            w->scratch + w->cap);
        else {
            layer_task t = {0};
            t.act = net->act[l];
            t.m = m;
            t.ld = ld;
            t.Z = w->Z[l];
            t.A = w->A[l];
            t.n = n;
            if (l < net->L && use_blas(m, net->n[l + 1], n)) {
                t.fill_n = net->n[l + 1];
                t.fill_b = net->params + net->b_off[l + 1];
                t.fill_Z = w->Z[l + 1];
                filled = 1;
            }
            over_units(w->pool, act_forward_units, &t,
                       n > t.fill_n ? n : t.fill_n);
        }
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
 * softmax + sce; for mse (a - y)/m times the output activation's slope.
 * (IL_HOT: its loop is elementwise, so vectors of any width give the same
 * bits.) */
IL_HOT static void output_grad(const il_net *net, il_work *w)
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
    size_t l, m = w->m, ld = w->ld;
    layer_task slope = {0};
    int pending = 0; /* G[l] still wants its activation's slope */
    output_grad(net, w);
    for (l = net->L; l >= 1; l--) {
        size_t n = net->n[l], k = net->n[l - 1];
        dense_weight_grad(m, ld, n, k, w->G[l], w->A[l - 1],
                          grad + net->w_off[l], grad + net->b_off[l],
                          pending ? &slope : NULL, w->pool);
        if (l == 1)
            break;
        /* the small path folds the slope into its stores; after the BLAS
         * product it is applied where the sums of layer l - 1 read G */
        pending = !dense_input_grad(m, ld, n, k, w->G[l],
                                    net->params + net->w_off[l], w->G[l - 1],
                                    fold_of(net->act[l - 1]), w->Z[l - 1],
                                    net->act[l - 1].param);
        slope.act = net->act[l - 1];
        slope.Z = w->Z[l - 1];
        slope.A = w->A[l - 1];
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
