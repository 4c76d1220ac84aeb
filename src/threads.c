/*
 * threads.c - a small pool of worker threads owned by one training run, for
 * the elementwise work of large layers (activations and their slopes, the
 * bias fill and sums, the batch copy, the update) that would otherwise leave
 * the BLAS's other cores idle between products.
 *
 * A task is split into a few contiguous pieces per thread, and every task
 * given to the pool computes each value of its output from its own inputs
 * only, so where a piece starts and who runs it changes no bit: a run with
 * 1, 2 or 8 threads gives the same numbers.  Nothing here is global; the pool lives and dies with its
 * run, and a pool that could not start all its threads runs the rest of the
 * work on the threads it has.
 */
#define _POSIX_C_SOURCE 200809L
#if defined(__unix__) || defined(__APPLE__)
#define _GNU_SOURCE /* RTLD_DEFAULT */
#include <dlfcn.h>
#endif
#include <pthread.h>
#if defined(__linux__)
#include <sched.h>
#endif
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* Pieces of a task per thread: whoever is running takes the next piece, so
 * a worker the system has not scheduled yet (two cores shared with the
 * BLAS's own threads, or other programs) leaves its share to the others
 * instead of holding up the caller. */
#define PIECES_PER_THREAD 4

struct il_pool {
    pthread_mutex_t lock;
    pthread_cond_t start, done;
    size_t threads;           /* the workers + the caller */
    pthread_t *workers;
    unsigned long generation; /* counts the tasks given, to wake on a new one */
    int quit;
    il_task task;
    void *ctx;
    size_t n, align;
    size_t pieces, next, finished; /* of the current task */
#if defined(__linux__)
    /* The CPUs the caller may run on, and the one it ran on when the
     * workers were last kept off it (-1: never; see steer). */
    cpu_set_t allowed;
    int steering, caller_cpu;
#endif
};

/* The start of piece k of the task's n items, cut at multiples of align. */
static size_t cut(const il_pool *p, size_t k)
{
    size_t units = p->n / p->align;
    if (k >= p->pieces)
        return p->n;
    return units * k / p->pieces * p->align;
}

/* Runs pieces of the current task until none is left; called and returns
 * with the lock held. */
static void take_pieces(il_pool *p)
{
    while (p->next < p->pieces) {
        size_t k = p->next++, begin = cut(p, k), end = cut(p, k + 1);
        il_task task = p->task;
        void *ctx = p->ctx;
        pthread_mutex_unlock(&p->lock);
        if (begin < end)
            task(ctx, begin, end);
        pthread_mutex_lock(&p->lock);
        if (++p->finished == p->pieces)
            pthread_cond_signal(&p->done);
    }
}

static void *work(void *arg)
{
    il_pool *p = arg;
    unsigned long seen = 0;
    pthread_mutex_lock(&p->lock);
    for (;;) {
        while (p->generation == seen && !p->quit)
            pthread_cond_wait(&p->start, &p->lock);
        if (p->quit)
            break;
        seen = p->generation;
        take_pieces(p);
    }
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

int il_threads_of_blas(void)
{
#if defined(__unix__) || defined(__APPLE__)
    /* looked up at run time: the engine links the generic BLAS, which is
     * OpenBLAS on most systems but need not be */
    int (*get)(void);
    *(void **)&get = dlsym(RTLD_DEFAULT, "openblas_get_num_threads");
    if (get) {
        int n = get();
        return n < 1 ? 1 : n;
    }
#endif
    return 1;
}

/* Keeps the workers off the CPU the caller is on.  A woken worker is put
 * on its waker's CPU when no CPU is idle, and none is while the BLAS's own
 * threads spin between products (OpenBLAS's wait a tenth of a second with
 * sched_yield): the worker then preempted the caller, and the pieces ran
 * one after the other on one CPU while the spinner kept the other (20 such
 * preemptions an iteration of the wide model, whose elementwise work took
 * as long on two threads as on one).  The caller seldom moves, so the
 * masks are set again (one system call a worker) only when it has. */
static void steer(il_pool *p)
{
#if defined(__linux__)
    cpu_set_t others;
    size_t i;
    int cpu;
    if (!p->steering)
        return;
    cpu = sched_getcpu();
    if (cpu < 0 || cpu == p->caller_cpu || cpu >= CPU_SETSIZE)
        return;
    p->caller_cpu = cpu;
    others = p->allowed;
    CPU_CLR(cpu, &others);
    for (i = 0; i + 1 < p->threads; i++)
        pthread_setaffinity_np(p->workers[i], sizeof others, &others);
#else
    (void)p;
#endif
}

il_pool *il_pool_new(int threads)
{
    il_pool *p;
    sigset_t all, old;
    size_t i;
    if (threads < 2)
        return NULL;
    if (threads > IL_MAX_THREADS)
        threads = IL_MAX_THREADS;
    p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->workers = calloc((size_t)threads - 1, sizeof *p->workers);
    if (!p->workers || pthread_mutex_init(&p->lock, NULL) != 0) {
        free(p->workers);
        free(p);
        return NULL;
    }
    pthread_cond_init(&p->start, NULL);
    pthread_cond_init(&p->done, NULL);
    p->threads = 1;
    /* The workers start with every signal blocked (a thread inherits its
     * creator's mask), so that Ctrl-C reaches the caller's thread, where
     * the front ends' handlers and polls expect it. */
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    for (i = 0; i + 1 < (size_t)threads; i++) {
        if (pthread_create(&p->workers[i], NULL, work, p) != 0)
            break;
        p->threads++;
    }
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (p->threads == 1) {
        il_pool_free(p);
        return NULL;
    }
#if defined(__linux__)
    /* Only where the caller has CPUs to spare: on one CPU (taskset) the
     * workers share it, as they would anyway. */
    p->caller_cpu = -1;
    p->steering = sched_getaffinity(0, sizeof p->allowed, &p->allowed) == 0 &&
                  CPU_COUNT(&p->allowed) > 1;
#endif
    return p;
}

void il_pool_free(il_pool *p)
{
    size_t i;
    if (!p)
        return;
    pthread_mutex_lock(&p->lock);
    p->quit = 1;
    pthread_cond_broadcast(&p->start);
    pthread_mutex_unlock(&p->lock);
    for (i = 0; i + 1 < p->threads; i++)
        pthread_join(p->workers[i], NULL);
    pthread_cond_destroy(&p->start);
    pthread_cond_destroy(&p->done);
    pthread_mutex_destroy(&p->lock);
    free(p->workers);
    free(p);
}

void il_pool_run(il_pool *p, il_task task, void *ctx, size_t n, size_t align)
{
    size_t pieces;
    if (align == 0)
        align = 1;
    pieces = p ? p->threads * PIECES_PER_THREAD : 1;
    if (n / align < pieces)
        pieces = n / align;
    if (pieces < 2) {
        task(ctx, 0, n);
        return;
    }
    steer(p);
    pthread_mutex_lock(&p->lock);
    p->task = task;
    p->ctx = ctx;
    p->n = n;
    p->align = align;
    p->pieces = pieces;
    p->next = 0;
    p->finished = 0;
    p->generation++;
    pthread_cond_broadcast(&p->start);
    take_pieces(p);
    while (p->finished < p->pieces)
        pthread_cond_wait(&p->done, &p->lock);
    pthread_mutex_unlock(&p->lock);
}
