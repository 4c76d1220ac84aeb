/* common.h - what the benchmark programs share. */
#ifndef IL_BENCH_COMMON_H
#define IL_BENCH_COMMON_H

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "initlab.h"

static double seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static void check(il_status s)
{
    if (s != IL_OK) {
        fprintf(stderr, "%s: %s\n", il_status_id(s), il_last_error());
        exit(1);
    }
}

/* Seconds of one full-batch training run of iters sgd steps at lr on the m
 * samples of X, Y from a copy of start, recorded as ro says (NULL: not);
 * *final_loss its loss. */
static inline double time_training(const il_net *start, const double *X,
                                   const double *Y, size_t m, long iters,
                                   double lr, const il_record_opts *ro,
                                   double *final_loss)
{
    il_net *net;
    il_train_opts o;
    il_train_info info;
    il_record *rec = NULL;
    double t;
    check(il_net_copy(start, &net));
    il_train_opts_default(&o);
    o.iters = iters;
    o.lr = lr;
    t = seconds();
    check(il_train(net, X, Y, m, &o, ro, ro ? &rec : NULL, &info));
    t = seconds() - t;
    *final_loss = info.final_loss;
    il_record_free(rec);
    il_net_free(net);
    return t;
}

#endif
