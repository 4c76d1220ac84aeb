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

#endif
