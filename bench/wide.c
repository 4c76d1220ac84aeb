/*
 * wide.c - the engine's sustained GFLOP/s on a wide model, [784 1000 1000
 * 1000 10] tanh/softmax, mini-batches of 256, against the machine's dgemm
 * rate measured in the same run (square n = 2000 products).  The flop
 * count is that of the matrix products alone, as a dgemm would do them:
 * the activations, the loss and the update are the engine's overhead.
 */
#include <cblas.h>
#include <math.h>
#include <string.h>

#include "common.h"

#define M 2560
#define BATCH 256
#define BLOCK 10 /* iterations timed per il_train call */
#define ROUNDS 4

/* Each il_train call sets up its workspace and ends with a pass that
 * measures the final state; a sustained rate leaves both out.  The hook runs
 * once per iteration, between the backward pass and the update, and notes
 * the time: stamp[t + 1] - stamp[1] covers exactly t whole iterations. */
typedef struct {
    double stamp[BLOCK + 2];
} clock_ctx;

static int stamp(void *ctx, const il_progress *p)
{
    ((clock_ctx *)ctx)->stamp[p->iter] = seconds();
    return 0;
}

static void gemm(size_t n, const double *A, const double *B, double *C)
{
    cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, (int)n, (int)n,
                (int)n, 1.0, A, (int)n, B, (int)n, 0.0, C, (int)n);
}

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
    clock_ctx clk;
    int r;

    if (!X || !Y || !A || !B || !C) {
        fprintf(stderr, "wide: out of memory\n");
        return 1;
    }
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
    o.iters = BLOCK + 2;
    o.hook = stamp;
    o.hook_ctx = &clk;
    o.hook_every = 1;
    for (i = 0; i < n * n; i++) {
        A[i] = 1e-3 * (double)(i % 1000);
        B[i] = 1.0 - 1e-3 * (double)(i % 997);
    }
    gemm(n, A, B, C); /* warm up, and BLAS starts its threads */
    /* Engine blocks and dgemm blocks of about the same length take turns,
     * and each keeps its best: on a shared machine a short block is more
     * likely than a long one to fall in a quiet moment, so blocks of
     * unequal length would tilt the ratio. */
    for (r = 0; r < ROUNDS; r++) {
        int g, calls;
        check(il_train(net, X, Y, M, &o, NULL, NULL, NULL));
        t = clk.stamp[BLOCK + 1] - clk.stamp[1];
        best_engine = t < best_engine ? t : best_engine;
        t = seconds();
        gemm(n, A, B, C);
        t = seconds() - t;
        calls = (int)ceil(best_engine / t);
        calls = calls < 1 ? 1 : calls;
        t = seconds();
        for (g = 0; g < calls; g++)
            gemm(n, A, B, C);
        t = (seconds() - t) / calls;
        best_gemm = t < best_gemm ? t : best_gemm;
    }
    printf("wide_ms_per_iter %.2f\n", best_engine / BLOCK * 1e3);
    printf("wide_engine_gflops %.1f\n", flops * BLOCK / best_engine / 1e9);
    printf("dgemm_gflops %.1f\n", 2.0 * n * n * n / best_gemm / 1e9);
    il_net_free(net);
    free(X);
    free(Y);
    free(A);
    free(B);
    free(C);
    return 0;
}
