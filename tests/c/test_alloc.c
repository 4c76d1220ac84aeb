/*
 * test_alloc.c - training allocates before its loop, never inside it.
 *
 * Linked with -Wl,--wrap=malloc (and calloc, realloc), so every allocation
 * the engine's objects make passes through the counters below.  A run of
 * 10 iterations and a run of 1000 must allocate the same number of times.
 */
#include <stdlib.h>

#include "check.h"
#include "initlab.h"

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t n);
static long allocations;

void *__wrap_malloc(size_t n)
{
    allocations++;
    return __real_malloc(n);
}

void *__wrap_calloc(size_t n, size_t size)
{
    allocations++;
    return __real_calloc(n, size);
}

void *__wrap_realloc(void *p, size_t n)
{
    allocations++;
    return __real_realloc(p, n);
}

static long allocations_for(long iters, size_t batch, il_optimizer opt,
                            int record)
{
    size_t sizes[] = {2, 8, 3}, m = 64, j;
    il_act acts[] = {il_act_make(IL_TANH), il_act_make(IL_SOFTMAX)};
    double X[128], Y[192] = {0};
    il_net *net;
    il_train_opts o;
    il_record_opts ro;
    il_record *rec = NULL;
    long before;
    il_rng rng;

    il_rng_seed(&rng, 1);
    for (j = 0; j < 128; j++)
        X[j] = il_rng_normal(&rng);
    for (j = 0; j < m; j++)
        Y[3 * j + j % 3] = 1;
    il_net_new(&net, 2, sizes, acts, IL_LOSS_SCE);
    il_net_init_default(net, 4);
    il_train_opts_default(&o);
    o.iters = iters;
    o.batch = batch;
    o.opt = opt;
    il_record_opts_default(&ro);
    ro.what = IL_REC_ALL;
    ro.every = 0; /* the same number of records however long the run */
    before = allocations;
    CHECK_OK(il_train(net, X, Y, m, &o, record ? &ro : NULL,
                      record ? &rec : NULL, NULL));
    before = allocations - before;
    il_record_free(rec);
    il_net_free(net);
    return before;
}

static void test_no_allocation_in_the_loop(void)
{
    il_optimizer opt;
    for (opt = IL_OPT_SGD; opt < IL_OPT_COUNT; opt++) {
        long short_run = allocations_for(10, 0, opt, 1);
        long long_run = allocations_for(1000, 0, opt, 1);
        CHECK(short_run > 0); /* the counters do see the engine */
        CHECK(short_run == long_run);
        CHECK(allocations_for(10, 16, opt, 0) == allocations_for(1000, 16, opt, 0));
    }
}

int main(void)
{
    RUN(test_no_allocation_in_the_loop);
    return check_finish(__FILE__);
}
