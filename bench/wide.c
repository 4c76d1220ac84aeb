/*
 * wide.c - the engine on a wide model, [784 1000 1000 1000 10]
 * tanh/softmax, mini-batches of 256, against dgemm on the engine's own
 * matrix products: the very shapes, transpositions and leading dimensions
 * its forward and backward passes hand to cblas_dgemm, one iteration's worth
 * in the engine's order.  Measured with 1 BLAS thread and with 2, the
 * engine and its dgemm reference with the same count, the four taking turns
 * round by round, the best of each.  The flop count is that of the matrix
 * products alone: the activations, the loss, the update and the copy of
 * the batch are the engine's overhead.
 *
 *   wide [DIR]   with DIR, also writes the data and the initial weights there
 *                (raw float64) for bench/numpy_models.py, and trains from
 *                them NUMPY_ITERS in-order mini-batches to print the loss
 *                on the whole data NumPy must reach.
 */
#define _GNU_SOURCE /* RTLD_DEFAULT */
#include <cblas.h>
#include <dlfcn.h>
#include <math.h>
#include <string.h>

#include "common.h"

#define L 4
#define M 2560
#define BATCH 256
#define BLOCK 10 /* iterations timed per il_train call */
#define ROUNDS 4
#define NUMPY_ITERS 10

static const size_t sizes[L + 1] = {784, 1000, 1000, 1000, 10};

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

/* The engine's buffers, as src/pass.c lays them out: a layer's activations
 * m x n column-major (ld = the batch padded to 8), W n x k. */
typedef struct {
    double *A[L + 1], *W[L + 1], *G[L + 1], *dW[L + 1];
} shapes;

/* OpenBLAS's thread count, looked up at run time: the engine links the
 * generic -lblas, which on Debian is OpenBLAS through the alternatives. */
static void set_threads(int n)
{
    static void (*set)(int);
    if (!set)
        *(void **)&set = dlsym(RTLD_DEFAULT, "openblas_set_num_threads");
    if (!set) {
        fprintf(stderr, "wide: the BLAS is not OpenBLAS "
                        "(no openblas_set_num_threads)\n");
        exit(1);
    }
    set(n);
}

static double *filled(size_t n, double v)
{
    double *p = malloc(n * sizeof *p);
    size_t i;
    if (!p) {
        fprintf(stderr, "wide: out of memory\n");
        exit(1);
    }
    for (i = 0; i < n; i++)
        p[i] = v * (double)(1 + i % 7);
    return p;
}

/* One iteration's matrix products, those of dense_forward,
 * dense_weight_grad and dense_input_grad (src/pass.c). */
static void gemm_iteration(shapes *s)
{
    const int m = BATCH, ld = BATCH;
    int l;
    for (l = 1; l <= L; l++) {
        int n = (int)sizes[l], k = (int)sizes[l - 1];
        cblas_dgemm(CblasColMajor, CblasNoTrans, CblasTrans, m, n, k, 1.0,
                    s->A[l - 1], ld, s->W[l], n, 1.0, s->A[l], ld);
    }
    for (l = L; l >= 1; l--) {
        int n = (int)sizes[l], k = (int)sizes[l - 1];
        cblas_dgemm(CblasColMajor, CblasTrans, CblasNoTrans, n, k, m, 1.0,
                    s->G[l], ld, s->A[l - 1], ld, 0.0, s->dW[l], n);
        if (l > 1)
            cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, m, k, n,
                        1.0, s->G[l], ld, s->W[l], n, 0.0, s->G[l - 1], ld);
    }
}

static void write_raw(const char *dir, const char *name, const double *p,
                      size_t n)
{
    char path[512];
    FILE *f;
    snprintf(path, sizeof path, "%s/%s.bin", dir, name);
    if (!(f = fopen(path, "wb")) || fwrite(p, sizeof *p, n, f) != n) {
        perror(path);
        exit(1);
    }
    fclose(f);
}

/* Mean softmax cross-entropy of net on the whole data. */
static double loss_on(const il_net *net, const double *X, const double *Y)
{
    double *P = malloc(10 * (size_t)M * sizeof *P), s = 0;
    size_t i;
    if (!P) {
        fprintf(stderr, "wide: out of memory\n");
        exit(1);
    }
    check(il_forward(net, X, M, P, NULL, NULL));
    for (i = 0; i < 10 * (size_t)M; i++)
        if (Y[i] != 0)
            s -= Y[i] * log(P[i]);
    free(P);
    return s / M;
}

int main(int argc, char **argv)
{
    il_act acts[] = {il_act_make(IL_TANH), il_act_make(IL_TANH),
                     il_act_make(IL_TANH), il_act_make(IL_SOFTMAX)};
    double *X = malloc(784 * M * sizeof *X), *Y = calloc(10 * M, sizeof *Y);
    double flops = 0, t, best_engine[3] = {1e30, 1e30, 1e30},
           best_gemm[3] = {1e30, 1e30, 1e30};
    size_t i, l;
    il_net *net;
    il_train_opts o;
    il_rng rng;
    clock_ctx clk;
    shapes s;
    int r, nt, g;

    if (!X || !Y) {
        fprintf(stderr, "wide: out of memory\n");
        return 1;
    }
    il_rng_seed(&rng, 1);
    for (i = 0; i < 784 * (size_t)M; i++)
        X[i] = il_rng_uniform(&rng);
    for (i = 0; i < M; i++)
        Y[10 * i + il_rng_below(&rng, 10)] = 1.0;
    check(il_net_new(&net, L, sizes, acts, IL_LOSS_SCE));
    check(il_net_init_default(net, 2));
    if (argc > 1) {
        il_net *copy;
        double m = M;
        char name[16];
        write_raw(argv[1], "wide_m", &m, 1);
        write_raw(argv[1], "wide_X", X, 784 * (size_t)M);
        write_raw(argv[1], "wide_Y", Y, 10 * (size_t)M);
        for (l = 1; l <= L; l++) {
            snprintf(name, sizeof name, "wide_W%zu", l);
            write_raw(argv[1], name, il_net_W(net, l), sizes[l] * sizes[l - 1]);
            snprintf(name, sizeof name, "wide_b%zu", l);
            write_raw(argv[1], name, il_net_b(net, l), sizes[l]);
        }
        check(il_net_copy(net, &copy));
        il_train_opts_default(&o);
        o.batch = BATCH;
        o.shuffle = 0;
        o.lr = 0.01;
        o.iters = NUMPY_ITERS;
        check(il_train(copy, X, Y, M, &o, NULL, NULL, NULL));
        printf("wide_numpy_iters %d\n", NUMPY_ITERS);
        printf("wide_final_loss %.17g\n", loss_on(copy, X, Y));
        il_net_free(copy);
    }
    for (l = 0; l <= L; l++) {
        s.A[l] = filled(BATCH * sizes[l], 1e-3);
        s.G[l] = filled(BATCH * sizes[l], 1e-3);
        s.W[l] = l ? filled(sizes[l] * sizes[l - 1], 1e-3) : NULL;
        s.dW[l] = l ? filled(sizes[l] * sizes[l - 1], 0) : NULL;
    }
    il_train_opts_default(&o);
    o.batch = BATCH;
    o.lr = 0.01;
    /* forward 2nkB per layer; backward 2nkB for dW, and 2nkB for dA except
     * at the first layer */
    for (l = 1; l <= L; l++)
        flops += 2.0 * (double)(sizes[l] * sizes[l - 1] * BATCH) * (l == 1 ? 2 : 3);
    o.iters = 2;
    check(il_train(net, X, Y, M, &o, NULL, NULL, NULL)); /* warm up */
    gemm_iteration(&s); /* and BLAS starts its threads */
    o.iters = BLOCK + 2;
    o.hook = stamp;
    o.hook_ctx = &clk;
    o.hook_every = 1;
    /* Engine blocks and dgemm blocks of the same number of iterations take
     * turns, and each keeps its best: on a shared machine a short block is
     * more likely than a long one to fall in a quiet moment, so blocks of
     * unequal length would tilt the ratio. */
    for (r = 0; r < ROUNDS; r++)
        for (nt = 1; nt <= 2; nt++) {
            set_threads(nt);
            check(il_train(net, X, Y, M, &o, NULL, NULL, NULL));
            t = clk.stamp[BLOCK + 1] - clk.stamp[1];
            best_engine[nt] = t < best_engine[nt] ? t : best_engine[nt];
            t = seconds();
            for (g = 0; g < BLOCK; g++)
                gemm_iteration(&s);
            t = seconds() - t;
            best_gemm[nt] = t < best_gemm[nt] ? t : best_gemm[nt];
        }
    for (nt = 1; nt <= 2; nt++) {
        printf("wide%d_ms_per_iter %.3f\n", nt, best_engine[nt] / BLOCK * 1e3);
        printf("wide%d_engine_gflops %.2f\n", nt, flops * BLOCK / best_engine[nt] / 1e9);
        printf("wide%d_dgemm_ms_per_iter %.3f\n", nt, best_gemm[nt] / BLOCK * 1e3);
        printf("wide%d_dgemm_gflops %.2f\n", nt, flops * BLOCK / best_gemm[nt] / 1e9);
    }
    il_net_free(net);
    for (l = 0; l <= L; l++) {
        free(s.A[l]);
        free(s.G[l]);
        free(s.W[l]);
        free(s.dW[l]);
    }
    free(X);
    free(Y);
    return 0;
}
