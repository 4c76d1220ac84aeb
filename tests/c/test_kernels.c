/*
 * test_kernels.c - the small kernels of src/pass.c (Z = A W' + b, dA = G W
 * and dW = G' A with fused multiply-adds, the bias gradients beside dW)
 * give the same bits on every instruction-set path this CPU runs: AVX-512,
 * AVX2 and plain x86-64 (libm's fma).  Generated shapes cover every block
 * the kernels pick (1 to 5 outputs by 1 to 4 vectors; 1 to 5 rows by 1 to
 * 4 columns, split evenly), sample counts with and without a tail of m mod
 * 8, and the relu and leaky relu folds.  Also that a value is the fused
 * sum the comments promise: fma(c_r, in_r, sum) in r order; and that the
 * bias sums are il_sum_pairwise's, also past the blocks the tiles hold.
 */
#include <stdint.h>
#include <stdlib.h>

#include "check.h"
#include "internal.h"

#define MAX_LD 208 /* 26 vectors: three tiles of 8 and one of 2 */
#define MAX_IN 12
#define MAX_OUT 11

static uint64_t rng_state = 0x2545f4914f6cdd1dULL;

/* Mostly in [-2, 2), some values a few binades off and some zeros, so that
 * a product's rounding and a sum's cancellation both show. */
static double value(void)
{
    uint64_t b = check_bits(&rng_state);
    double u = (double)(b >> 11) / 9007199254740992.0 * 4.0 - 2.0;
    switch (b & 15) {
    case 0: return 0.0;
    case 1: return u * 1e-3;
    case 2: return u * 1e3;
    default: return u;
    }
}

static void fill(double *x, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        x[i] = value();
}

static const int paths[] = {IL_PATH_AVX512, IL_PATH_AVX2, IL_PATH_BASE};
static const char *const path_names[] = {"avx512", "avx2", "base"};
#define NPATHS (sizeof paths / sizeof *paths)

static double in[MAX_IN * MAX_LD], coef[MAX_IN * MAX_OUT], init[MAX_OUT],
    Z[MAX_OUT * MAX_LD];
static double out[NPATHS][MAX_OUT * MAX_LD], act[NPATHS][MAX_OUT * MAX_LD];

/* variant: the fold (combine) or whether db was asked for (weight grad) */
static int report_path(const char *what, size_t p, size_t a, size_t b,
                       size_t c, int variant)
{
    printf("#   %s: path %s differs from base at shape %zu %zu %zu "
           "variant %d\n", what, path_names[p], a, b, c, variant);
    return 1;
}

/* Every shape through every path, compared with the base path bit for bit
 * (memcmp: -0 and +0 differ, as they would in a trained net). */
static void test_combine_paths_agree(void)
{
    size_t ld, nin, nout, p, mismatches = 0, runs = 0;
    int fold;
    for (ld = 8; ld <= MAX_LD; ld += 8)
        for (nin = 1; nin <= MAX_IN; nin += 1 + (ld > 64))
            for (nout = 1; nout <= MAX_OUT; nout += 1 + (nout > 4) * 4)
                for (fold = 0; fold <= 2; fold++) {
                    int to_act = (ld / 8 + nin) % 2; /* fold into act or by Z */
                    double slope = 0.01 * (double)(fold == 2);
                    const double *bias = nin % 3 ? init : NULL;
                    fill(in, nin * ld);
                    fill(coef, nin * nout);
                    fill(init, nout);
                    fill(Z, nout * ld);
                    for (p = NPATHS; p-- > 0;) {
                        if (!il_kernel_path_available(paths[p]))
                            continue;
                        memset(out[p], 0, sizeof out[p]);
                        memset(act[p], 0, sizeof act[p]);
                        il_kernel_combine(paths[p], ld, nout, nin, in, coef,
                                          1, nout, bias, out[p], fold,
                                          fold && !to_act ? Z : NULL,
                                          fold && to_act ? act[p] : NULL,
                                          slope);
                        runs++;
                        if (memcmp(out[p], out[NPATHS - 1],
                                   sizeof out[p]) ||
                            memcmp(act[p], act[NPATHS - 1], sizeof act[p]))
                            mismatches += report_path("combine", p, ld, nin,
                                                      nout, fold);
                    }
                }
    printf("#   combine: %zu runs\n", runs);
    CHECK(mismatches == 0);
}

static double G[MAX_OUT * MAX_LD], A[MAX_IN * MAX_LD];
static double dW[NPATHS][MAX_OUT * MAX_IN], db[NPATHS][MAX_OUT];

/* dW and db on every path against the base path's, and db against
 * il_sum_pairwise of each row (the order the numpy suite pins). */
static void test_weight_grad_paths_agree(void)
{
    size_t m, n, k, p, i, mismatches = 0, runs = 0, sums_off = 0;
    for (m = 1; m <= MAX_LD; m += m < 24 ? 1 : 13)
        for (n = 1; n <= 9; n++)
            for (k = 1; k <= MAX_IN; k += 1 + (m > 20)) {
                size_t ld = (m + 7) / 8 * 8;
                int bias = (m + n + k) % 2;
                fill(G, n * ld);
                fill(A, k * ld);
                for (p = NPATHS; p-- > 0;) {
                    if (!il_kernel_path_available(paths[p]))
                        continue;
                    memset(dW[p], 0, sizeof dW[p]);
                    memset(db[p], 0, sizeof db[p]);
                    il_kernel_weight_grad(paths[p], m, ld, n, k, G, A, dW[p],
                                          bias ? db[p] : NULL);
                    runs++;
                    if (memcmp(dW[p], dW[NPATHS - 1], sizeof dW[p]) ||
                        memcmp(db[p], db[NPATHS - 1], sizeof db[p]))
                        mismatches += report_path("weight grad", p, m, n, k,
                                                  bias);
                    for (i = 0; bias && i < n; i++) {
                        double want = il_sum_pairwise(G + i * ld, m);
                        sums_off += memcmp(&db[p][i], &want, sizeof want) != 0;
                    }
                }
            }
    printf("#   weight grad: %zu runs\n", runs);
    CHECK(mismatches == 0);
    CHECK(sums_off == 0);
}

/* A batch with more pairwise blocks than the tiles hold (LEAF_CAP in
 * pass.c, 32 blocks: about 4096 samples): db from il_sum_pairwise there,
 * the same bits; and dW still agrees across paths. */
#define LONG_M 4999
static double long_G[3 * 5000], long_A[2 * 5000];

static void test_weight_grad_long_batch(void)
{
    double lw[NPATHS][6], lb[NPATHS][3];
    size_t p, i, ld = (LONG_M + 7) / 8 * 8;
    fill(long_G, 3 * ld);
    fill(long_A, 2 * ld);
    for (p = NPATHS; p-- > 0;) {
        if (!il_kernel_path_available(paths[p]))
            continue;
        il_kernel_weight_grad(paths[p], LONG_M, ld, 3, 2, long_G, long_A,
                              lw[p], lb[p]);
        CHECK(memcmp(lw[p], lw[NPATHS - 1], sizeof lw[p]) == 0);
        for (i = 0; i < 3; i++) {
            double want = il_sum_pairwise(long_G + i * ld, LONG_M);
            CHECK(memcmp(&lb[p][i], &want, sizeof want) == 0);
        }
    }
}

/* One unit, three inputs: b, then fma in r order, on every path; and the
 * pair the fusion is visible in (x y rounds to 1 before the subtraction
 * when not fused). */
static void test_values_are_fused_in_order(void)
{
    double x[3 * 8], w[3] = {1.0 + 0x1p-30, -1.0, 0.75}, b = -1.0, o[8];
    size_t j, p;
    for (j = 0; j < 8; j++) {
        x[j] = 1.0 - 0x1p-30 + (double)j * 0x1p-40;
        x[8 + j] = 0x1p-60 * (double)j;
        x[16 + j] = (double)j - 3.5;
    }
    for (p = 0; p < NPATHS; p++) {
        if (!il_kernel_path_available(paths[p]))
            continue;
        il_kernel_combine(paths[p], 8, 1, 3, x, w, 1, 1, &b, o, 0, NULL,
                          NULL, 0.0);
        for (j = 0; j < 8; j++) {
            double want = fma(w[0], x[j], 0.0 + b);
            want = fma(w[1], x[8 + j], want);
            want = fma(w[2], x[16 + j], want);
            CHECK(memcmp(&o[j], &want, sizeof want) == 0);
        }
    }
    /* (1 + 2^-30)(1 - 2^-30) - 1 = -2^-60 exactly; unfused it is 0 */
    CHECK(fma(w[0], x[0], b) == -0x1p-60);
}

static void test_some_wide_path_runs(void)
{
    /* not a failure on a CPU without FMA, but say which paths were tried */
    size_t p;
    for (p = 0; p < NPATHS; p++)
        printf("#   path %s: %s\n", path_names[p],
               il_kernel_path_available(paths[p]) ? "run" : "not on this CPU");
    CHECK(il_kernel_path_available(IL_PATH_BASE));
}

int main(void)
{
    RUN(test_some_wide_path_runs);
    RUN(test_values_are_fused_in_order);
    RUN(test_combine_paths_agree);
    RUN(test_weight_grad_paths_agree);
    RUN(test_weight_grad_long_batch);
    return check_finish(__FILE__);
}
