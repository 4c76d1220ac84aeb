/*
 * batch.c - the per-sample cost of a mini-batch of 1024 against one of 1000
 * on [784 1000 10] tanh/softmax: a power of two should not cost more per
 * sample than a round number (cache-line aliasing of the leading dimension
 * would show here).  Each batch size trains on 4 mini-batches' worth of the
 * same data; blocks of BLOCK iterations, timed between hook calls as in
 * wide.c, alternate between the two sizes, the best of each.
 */
#include "common.h"

#define BLOCK 5
#define ROUNDS 4
#define MAXM (4 * 1024)

typedef struct {
    double stamp[BLOCK + 2];
} clock_ctx;

static int stamp(void *ctx, const il_progress *p)
{
    ((clock_ctx *)ctx)->stamp[p->iter] = seconds();
    return 0;
}

int main(void)
{
    size_t sizes[] = {784, 1000, 10}, batches[2] = {1000, 1024}, i;
    il_act acts[] = {il_act_make(IL_TANH), il_act_make(IL_SOFTMAX)};
    double *X = malloc(784 * (size_t)MAXM * sizeof *X),
           *Y = calloc(10 * (size_t)MAXM, sizeof *Y);
    double best[2] = {1e30, 1e30}, t;
    il_net *net;
    il_train_opts o;
    il_rng rng;
    clock_ctx clk;
    int r, b;

    if (!X || !Y) {
        fprintf(stderr, "batch: out of memory\n");
        return 1;
    }
    il_rng_seed(&rng, 5);
    for (i = 0; i < 784 * (size_t)MAXM; i++)
        X[i] = il_rng_uniform(&rng);
    for (i = 0; i < MAXM; i++)
        Y[10 * i + il_rng_below(&rng, 10)] = 1.0;
    check(il_net_new(&net, 2, sizes, acts, IL_LOSS_SCE));
    check(il_net_init_default(net, 5));
    il_train_opts_default(&o);
    o.lr = 0.01;
    o.iters = 2;
    for (b = 0; b < 2; b++) { /* warm up */
        o.batch = batches[b];
        check(il_train(net, X, Y, 4 * batches[b], &o, NULL, NULL, NULL));
    }
    o.iters = BLOCK + 2;
    o.hook = stamp;
    o.hook_ctx = &clk;
    o.hook_every = 1;
    for (r = 0; r < ROUNDS; r++)
        for (b = 0; b < 2; b++) {
            o.batch = batches[b];
            check(il_train(net, X, Y, 4 * batches[b], &o, NULL, NULL, NULL));
            t = clk.stamp[BLOCK + 1] - clk.stamp[1];
            best[b] = t < best[b] ? t : best[b];
        }
    for (b = 0; b < 2; b++)
        printf("batch%zu_us_per_sample %.4f\n", batches[b],
               best[b] / BLOCK / (double)batches[b] * 1e6);
    il_net_free(net);
    free(X);
    free(Y);
    return 0;
}
