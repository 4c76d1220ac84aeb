/*
 * wide.c - the engine's sustained GFLOP/s on a wide model, [784 1000 1000
 * 1000 10] tanh/softmax, mini-batches of 256, against the machine's dgemm
 * rate measured in the same run.
 */
#include <cblas.h>
#include <math.h>
#include <string.h>

#include "common.h"

#define M 2560
#define BATCH 256
#define ITERS 30

int main(void)
{
    size_t sizes[] = {784, 1000, 1000, 1000, 10}, i, l, n = 2000;
    il_act acts[] = {il_act_make(IL_TANH), il_act_make(IL_TANH),
                     il_act_make(IL_TANH), il_act_make(IL_SOFTMAX)};
    double *X = malloc(784 * M * sizeof *X), *Y = calloc(10 * M, sizeof *Y);
    double *A = malloc(n * n * sizeof *A), *B = malloc(n * n * sizeof *B),
           *C = malloc(n * n * sizeof *C);
    double flops = 0, t, best_engine = 1e30, best_gemm = 1e30;
    il_net *net;
    il_train_opts o;
    il_rng rng;
    int r;

    il_rng_seed(&rng, 1);
    for (i = 0; i < 784 * (size_t)M; i++)
        X[i] = il_rng_uniform(&rng);
    for (i = 0; i < M; i++)
        Y[10 * i + il_rng_below(&rng, 10)] = 1.0;
    check(il_net_new(&net, 4, sizes, acts, IL_LOSS_SCE));
    check(il_net_init_default(net, 2));
    il_train_opts_default(&o);
    o.batch = BATCH;
    o.lr = 0.01;
    /* forward 2nkB per layer; backward 2nkB for dW, and 2nkB for dA except
     * at the first layer */
    for (l = 1; l <= 4; l++)
        flops += 2.0 * (double)(sizes[l] * sizes[l - 1] * BATCH) * (l == 1 ? 2 : 3);
    o.iters = 2;
    check(il_train(net, X, Y, M, &o, NULL, NULL, NULL)); /* warm up */
    o.iters = ITERS;
    for (i = 0; i < n * n; i++) {
        A[i] = 1e-3 * (double)(i % 1000);
        B[i] = 1.0 - 1e-3 * (double)(i % 997);
    }
    /* engine and dgemm in turn, the best of each: a change in the
     * machine's speed part way does not tilt the ratio */
    for (r = 0; r < 3; r++) {
        int g;
        t = seconds();
        check(il_train(net, X, Y, M, &o, NULL, NULL, NULL));
        t = seconds() - t;
        best_engine = t < best_engine ? t : best_engine;
        for (g = 0; g < 2; g++) {
            t = seconds();
            cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, (int)n, (int)n,
                        (int)n, 1.0, A, (int)n, B, (int)n, 0.0, C, (int)n);
            t = seconds() - t;
            best_gemm = t < best_gemm ? t : best_gemm;
        }
    }
    printf("wide_ms_per_iter %.2f\n", best_engine / ITERS * 1e3);
    printf("wide_engine_gflops %.1f\n", flops * ITERS / best_engine / 1e9);
    printf("dgemm_gflops %.1f\n", 2.0 * n * n * n / best_gemm / 1e9);
    il_net_free(net);
    free(X);
    free(Y);
    free(A);
    free(B);
    free(C);
    return 0;
}
