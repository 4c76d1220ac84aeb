/*
 * train.c - gradient descent with the optimizers, mini-batches, the NaN/Inf
 * stop and the recording hooks.  Everything the loop needs is allocated
 * before it starts.
 */
#include <limits.h>
#include <math.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

void il_train_opts_default(il_train_opts *o)
{
    memset(o, 0, sizeof *o);
    o->iters = 1000;
    o->lr = 0.01;
    o->shuffle = 1;
    o->opt = IL_OPT_SGD;
    o->momentum = 0.9;
    o->beta1 = 0.9;
    o->beta2 = 0.999;
    o->rho = 0.9;
    o->eps = 1e-8;
    o->hook_every = 100;
}

static il_status check_opts(const il_train_opts *o)
{
    if (o->iters < 0 || o->epochs < 0)
        return il_fail(IL_EBADVALUE, "iters and epochs must be >= 0, got %ld "
                       "and %ld", o->iters, o->epochs);
    if (!(isfinite(o->lr) && o->lr >= 0))
        return il_fail(IL_EBADVALUE, "lr must be finite and >= 0, got %g", o->lr);
    if ((unsigned)o->opt >= IL_OPT_COUNT)
        return il_fail(IL_EBADNAME, "unknown optimizer %d", (int)o->opt);
    if (!(o->momentum >= 0 && o->momentum < 1))
        return il_fail(IL_EBADVALUE, "momentum must be in [0, 1), got %g",
                       o->momentum);
    if (!(o->beta1 >= 0 && o->beta1 < 1) || !(o->beta2 >= 0 && o->beta2 < 1))
        return il_fail(IL_EBADVALUE, "beta1 and beta2 must be in [0, 1), got "
                       "%g and %g", o->beta1, o->beta2);
    if (!(o->rho >= 0 && o->rho < 1))
        return il_fail(IL_EBADVALUE, "rho must be in [0, 1), got %g", o->rho);
    if (!(o->eps > 0 && isfinite(o->eps)))
        return il_fail(IL_EBADVALUE, "eps must be finite and > 0, got %g",
                       o->eps);
    if (!(o->l2 >= 0 && isfinite(o->l2)))
        return il_fail(IL_EBADVALUE, "l2 must be finite and >= 0, got %g", o->l2);
    if (!(o->lambda >= 0 && isfinite(o->lambda)))
        return il_fail(IL_EBADVALUE, "lambda must be finite and >= 0, got %g",
                       o->lambda);
    if (o->threads < 0 || o->threads > IL_MAX_THREADS)
        return il_fail(IL_EBADVALUE, "threads must be in 0..%d (0: as many as "
                       "the BLAS uses), got %d", IL_MAX_THREADS, o->threads);
    if (o->hook && o->hook_every < 1)
        return il_fail(IL_EBADVALUE, "hook_every must be >= 1, got %ld",
                       o->hook_every);
    return IL_OK;
}

/* Everything one run owns, so that one function can free it all. */
typedef struct {
    il_work batch, probe, val;
    double *grad, *state1, *state2;
    size_t *perm;
    long *schedule;
    size_t n_schedule, next;   /* next: index of the next iteration to record */
    il_record *rec;
    il_pool *pool;             /* NULL: one thread */
    il_rng rng;
    size_t m, B, steps_per_epoch;
    double decay;              /* on W each step: lambda/m + l2 */
    long step;                 /* updates made, for adam's bias correction */
} run;

static void run_free(run *r)
{
    il_work_free(&r->batch);
    il_work_free(&r->probe);
    il_work_free(&r->val);
    free(r->grad);
    free(r->state1);
    free(r->state2);
    free(r->perm);
    free(r->schedule);
    il_pool_free(r->pool);
}

/* Loads the batch that iteration t trains on. */
static void load_batch(run *r, const il_net *net, const double *X,
                       const double *Y, long t)
{
    size_t pos, i;
    if (r->B == r->m)
        return; /* full batch: loaded once */
    pos = (size_t)(t % (long)r->steps_per_epoch) * r->B;
    if (pos == 0 && r->perm[r->m]) {
        /* a new epoch: Fisher-Yates on the sample order */
        for (i = r->m - 1; i > 0; i--) {
            size_t j = (size_t)il_rng_below(&r->rng, i + 1), tmp = r->perm[i];
            r->perm[i] = r->perm[j];
            r->perm[j] = tmp;
        }
    }
    il_work_load(&r->batch, net, X, Y, r->perm + pos,
                 r->m - pos < r->B ? r->m - pos : r->B);
}

/* Eight parameters at a time in one vector (GCC's vector extension: one
 * AVX-512 register, two AVX2 or four SSE2 ones).  memcpy is how an
 * unaligned vector is loaded without breaking aliasing rules. */
typedef double step_lanes __attribute__((vector_size(64)));
#define STEP_LANES 8
#define STEP_INLINE static inline __attribute__((always_inline))

/* The optimizer's constants, in locals the compiler can keep in registers
 * (through o, every store to a parameter could have changed them). */
typedef struct {
    double lr, l2, momentum, rho, beta1, beta2, eps, c1, c2;
} step_consts;

STEP_INLINE void sqrt_lanes(step_lanes *v)
{
    int l;
    for (l = 0; l < STEP_LANES; l++)
        (*v)[l] = __builtin_sqrt((*v)[l]);
}

/* One vector of eight parameters from w, g, s1, s2, stepped by opt (a
 * constant once inlined); each lane does what one parameter's scalar step
 * did, in the same order, so the bits are those of a parameter at a time.
 * ss (when want_ss) and bad gather lane by lane the squared steps and the
 * new values times 0. */
STEP_INLINE void step8(il_optimizer opt, int want_ss, const step_consts *k,
                       double *w, const double *g, double *s1, double *s2,
                       step_lanes *ss, step_lanes *bad)
{
    step_lanes wv, gi, a, b, step;
    memcpy(&wv, w, sizeof wv);
    memcpy(&gi, g, sizeof gi);
    gi = gi + k->l2 * wv;
    switch (opt) {
    case IL_OPT_SGD:
        step = k->lr * gi;
        break;
    case IL_OPT_MOMENTUM:
        memcpy(&a, s1, sizeof a);
        a = k->momentum * a + gi;
        memcpy(s1, &a, sizeof a);
        step = k->lr * a;
        break;
    case IL_OPT_NESTEROV:
        memcpy(&a, s1, sizeof a);
        a = k->momentum * a + gi;
        memcpy(s1, &a, sizeof a);
        step = k->lr * (gi + k->momentum * a);
        break;
    case IL_OPT_RMSPROP:
        memcpy(&b, s2, sizeof b);
        b = k->rho * b + (1.0 - k->rho) * gi * gi;
        memcpy(s2, &b, sizeof b);
        sqrt_lanes(&b);
        step = k->lr * gi / (b + k->eps);
        break;
    default: /* adam */
        memcpy(&a, s1, sizeof a);
        memcpy(&b, s2, sizeof b);
        a = k->beta1 * a + (1.0 - k->beta1) * gi;
        b = k->beta2 * b + (1.0 - k->beta2) * gi * gi;
        memcpy(s1, &a, sizeof a);
        memcpy(s2, &b, sizeof b);
        b = b / k->c2;
        sqrt_lanes(&b);
        step = k->lr * (a / k->c1) / (b + k->eps);
        break;
    }
    wv -= step;
    memcpy(w, &wv, sizeof wv);
    if (want_ss)
        *ss += step * step;
    *bad += wv * 0.0;
}

/* The last n < 8 parameters: copied into zero-padded vectors, stepped as
 * a whole vector and copied back.  A zero parameter with a zero gradient
 * and state steps by +0 under every optimizer (c1, c2 > 0), so the padding
 * adds nothing to ss or bad, and lane r is what parameter r would be. */
STEP_INLINE void step_tail(il_optimizer opt, int want_ss, const step_consts *k,
                           double *w, const double *g, double *s1,
                           double *s2, size_t n, step_lanes *ss,
                           step_lanes *bad)
{
    double wt[STEP_LANES] = {0}, gt[STEP_LANES] = {0}, s1t[STEP_LANES] = {0},
           s2t[STEP_LANES] = {0};
    memcpy(wt, w, n * sizeof *w);
    memcpy(gt, g, n * sizeof *g);
    if (s1)
        memcpy(s1t, s1, n * sizeof *s1);
    if (s2)
        memcpy(s2t, s2, n * sizeof *s2);
    step8(opt, want_ss, k, wt, gt, s1t, s2t, ss, bad);
    memcpy(w, wt, n * sizeof *w);
    if (s1)
        memcpy(s1, s1t, n * sizeof *s1);
    if (s2)
        memcpy(s2, s2t, n * sizeof *s2);
}

/* step_block's loop for one optimizer, with or without the squared norm
 * (a constant once inlined): the choice is made outside the loop. */
STEP_INLINE void step_run(il_optimizer opt, int want_ss, const step_consts *k,
                          double *w, const double *g, double *s1, double *s2,
                          size_t n, step_lanes *ss, step_lanes *bad)
{
    size_t i, n8 = n - n % STEP_LANES;
    for (i = 0; i < n8; i += STEP_LANES)
        step8(opt, want_ss, k, w + i, g + i, s1 ? s1 + i : NULL,
              s2 ? s2 + i : NULL, ss, bad);
    if (i < n)
        step_tail(opt, want_ss, k, w + i, g + i, s1 ? s1 + i : NULL,
                  s2 ? s2 + i : NULL, n - i, ss, bad);
}

#define STEP_CASE(opt)                                                      \
    case opt:                                                               \
        if (want_ss)                                                        \
            step_run(opt, 1, &k, w, g, s1, s2, n, &ss, &bad);               \
        else                                                                \
            step_run(opt, 0, &k, w, g, s1, s2, n, &ss, &bad);               \
        break;

/* One optimizer step on n parameters w with gradient g, l2 added to g.
 * One loop per optimizer (and per want_ss), eight parameters to a vector:
 * lane r of the running sum adds the squared steps at i = r mod 8, in
 * order.  Returns the squared norm of the step when want_ss (0 otherwise:
 * the sums' multiply-adds were a third of a large model's step); *finite
 * is cleared when a new value is NaN or Inf (x*0 is 0 only for finite x). */
IL_HOT static double step_block(const il_train_opts *o, double *w,
                                const double *g, double *s1, double *s2,
                                size_t n, double l2, double c1, double c2,
                                int want_ss, int *finite)
{
    step_lanes ss = {0}, bad = {0};
    step_consts k;
    double total = 0.0;
    int r;
    k.lr = o->lr;
    k.l2 = l2;
    k.momentum = o->momentum;
    k.rho = o->rho;
    k.beta1 = o->beta1;
    k.beta2 = o->beta2;
    k.eps = o->eps;
    k.c1 = c1;
    k.c2 = c2;
    switch (o->opt) {
        STEP_CASE(IL_OPT_SGD)
        STEP_CASE(IL_OPT_MOMENTUM)
        STEP_CASE(IL_OPT_NESTEROV)
        STEP_CASE(IL_OPT_RMSPROP)
    default:
        STEP_CASE(IL_OPT_ADAM)
    }
    for (r = 0; r < STEP_LANES; r++) {
        total += ss[r];
        if (bad[r] != 0.0)
            *finite = 0;
    }
    return total;
}
#undef STEP_CASE

/* A layer's weights stepped by the threads, each a slice of them. */
typedef struct {
    const il_train_opts *o;
    double *w, *s1, *s2;
    const double *g;
    double l2, c1, c2;
    atomic_int finite;
} step_task;

static void step_slice(void *ctx, size_t begin, size_t end)
{
    step_task *t = ctx;
    int finite = 1;
    step_block(t->o, t->w + begin, t->g + begin, t->s1 ? t->s1 + begin : NULL,
               t->s2 ? t->s2 + begin : NULL, end - begin, t->l2, t->c1, t->c2,
               0, &finite);
    if (!finite)
        atomic_store_explicit(&t->finite, 0, memory_order_relaxed);
}

/* Below this many parameters a step stays on one thread. */
#define THREAD_MIN_WEIGHTS 65536

/* The step on n_w parameters from offset wo, l2 added to their gradient.
 * The squared norm of the step is summed (in step_block's eight lanes, one
 * pass) only when want_ss: the threads would each sum their own slice, in
 * another order, so a step whose norm is recorded is taken on one thread,
 * and the record's bits do not depend on the thread count. */
static double step_weights(run *r, il_net *net, const il_train_opts *o,
                           size_t wo, size_t n_w, double l2, double c1,
                           double c2, int want_ss, int *finite)
{
    step_task t;
    if (want_ss || !r->pool || n_w < THREAD_MIN_WEIGHTS)
        return step_block(o, net->params + wo, r->grad + wo,
                          r->state1 ? r->state1 + wo : NULL,
                          r->state2 ? r->state2 + wo : NULL, n_w, l2, c1, c2,
                          want_ss, finite);
    t.o = o;
    t.w = net->params + wo;
    t.g = r->grad + wo;
    t.s1 = r->state1 ? r->state1 + wo : NULL;
    t.s2 = r->state2 ? r->state2 + wo : NULL;
    t.l2 = l2;
    t.c1 = c1;
    t.c2 = c2;
    atomic_init(&t.finite, 1);
    /* slices of whole cache lines: no two threads write one */
    il_pool_run(r->pool, step_slice, &t, n_w, 8);
    if (!atomic_load(&t.finite))
        *finite = 0;
    return 0.0;
}

/* Adam's bias corrections 1 - beta^t for this step (1 for the others). */
static void bias_corrections(const il_train_opts *o, const run *r, double *c1,
                             double *c2)
{
    *c1 = *c2 = 1.0;
    if (o->opt == IL_OPT_ADAM) {
        *c1 = 1.0 - pow(o->beta1, (double)r->step);
        *c2 = 1.0 - pow(o->beta2, (double)r->step);
    }
}

/* One optimizer step over layer l (weight decay on W only); returns the
 * squared norm of the step taken on W, for the update ratio, when want_ss
 * (0 otherwise). */
static double update_layer(il_net *net, run *r, const il_train_opts *o,
                           size_t l, int want_ss, int *finite)
{
    size_t wo = net->w_off[l], bo = net->b_off[l];
    size_t n_w = net->n[l] * net->n[l - 1];
    double c1, c2, ss;

    bias_corrections(o, r, &c1, &c2);
    ss = step_weights(r, net, o, wo, n_w, r->decay, c1, c2, want_ss, finite);
    step_block(o, net->params + bo, r->grad + bo,
               r->state1 ? r->state1 + bo : NULL,
               r->state2 ? r->state2 + bo : NULL, net->n[l], 0.0, c1, c2, 0,
               finite);
    return ss;
}

/* One optimizer step over every parameter of a network at once, when no
 * step norm is wanted and there is no weight decay: W and b are then
 * stepped alike, value by value, and lie one after the other in params, so
 * one pass gives each value the bits update_layer would (the coursework
 * model's 91 parameters were six calls, five of them with a scalar tail;
 * on threads, one task where there was one a large layer, and the small
 * layers and the biases with it).  Returns 0, or the first layer with a
 * value that is not finite. */
static size_t update_all(il_net *net, run *r, const il_train_opts *o)
{
    size_t n = net->n_params, l;
    double c1, c2;
    int finite = 1;

    bias_corrections(o, r, &c1, &c2);
    step_weights(r, net, o, 0, n, 0.0, c1, c2, 0, &finite);
    if (finite)
        return 0;
    for (l = 1; l <= net->L; l++)
        if (!il_all_finite(net->params + net->w_off[l],
                           net->b_off[l] + net->n[l] - net->w_off[l]))
            return l;
    return 0;
}

/* Whether update_all may take this step (see there). */
static int can_update_all(const run *r, int want_ss)
{
    return !want_ss && r->decay == 0.0;
}

/* Below this many multiply-adds an iteration (batch x parameters) a run
 * starts no threads: its layers are too small for any task to be split. */
#define RUN_THREAD_MIN_WORK 4194304.0

/* The threads a run uses: o->threads, or (0) as many as the BLAS does, so
 * that the cores the products use are also used between them. */
static int run_threads(const il_train_opts *o, const il_net *net, size_t B)
{
    if ((double)B * (double)net->n_params < RUN_THREAD_MIN_WORK)
        return 1;
    return o->threads > 0 ? o->threads : il_threads_of_blas();
}

static il_status prepare(run *r, const il_net *net, size_t m,
                         const il_train_opts *o, const il_record_opts *ro,
                         long T)
{
    il_status s;
    size_t n = net->n_params, i, max_m, count;

    r->m = m;
    r->decay = il_penalty_decay(o->lambda, o->l2, m);
    r->B = (o->batch == 0 || o->batch >= m) ? m : o->batch;
    r->steps_per_epoch = m / r->B + (m % r->B != 0);
    il_rng_seed(&r->rng, o->seed);
    if ((s = il_work_init(&r->batch, net, r->B)) != IL_OK)
        return s;
    r->pool = il_pool_new(run_threads(o, net, r->B));
    r->batch.pool = r->pool;
    r->grad = malloc(n * sizeof *r->grad);
    if (o->opt != IL_OPT_SGD)
        r->state1 = calloc(n, sizeof *r->state1);
    if (o->opt == IL_OPT_RMSPROP || o->opt == IL_OPT_ADAM)
        r->state2 = calloc(n, sizeof *r->state2);
    /* perm[m] is the "shuffle" flag, kept beside the order it controls */
    r->perm = m < SIZE_MAX / sizeof *r->perm ? malloc((m + 1) * sizeof *r->perm)
                                              : NULL;
    if (!r->grad || !r->perm || (o->opt != IL_OPT_SGD && !r->state1) ||
        ((o->opt == IL_OPT_RMSPROP || o->opt == IL_OPT_ADAM) && !r->state2))
        return il_fail(IL_ENOMEM, "out of memory for training state (%zu "
                       "parameters)", n);
    for (i = 0; i < m; i++)
        r->perm[i] = i;
    r->perm[m] = (size_t)(o->shuffle != 0);
    if (!ro)
        return IL_OK;
    if (ro->probe_X) {
        if (ro->probe_m == 0)
            return il_fail(IL_EBADSIZE, "probe X must have at least one column");
        /* the buffers first: they refuse a probe_m no array can have
         * before probe X is read */
        if ((s = il_work_init(&r->probe, net, ro->probe_m)) != IL_OK)
            return s;
        r->probe.pool = r->pool;
        if (!il_all_finite(ro->probe_X, net->n[0] * ro->probe_m))
            return il_fail(IL_EBADVALUE, "probe X must be finite");
    }
    if (ro->val_X) {
        if ((s = il_work_init(&r->val, net, ro->val_m)) != IL_OK)
            return s;
        r->val.pool = r->pool;
        if ((s = il_check_batch(net, ro->val_X, ro->val_Y, ro->val_m)) != IL_OK) {
            char why[400];
            snprintf(why, sizeof why, "%s", il_last_error());
            return il_fail(s, "validation: %s", why);
        }
        il_work_load(&r->val, net, ro->val_X, ro->val_Y, NULL, ro->val_m);
    }
    max_m = ro->probe_X && ro->probe_m > r->B ? ro->probe_m : r->B;
    /* The schedule's length is counted first and the record, which checks
     * it against the cap, allocated next: a request for 2^50 entries is
     * refused before a schedule of that size is built.  A run that stops
     * early at an unscheduled t records t in place of the last entry T,
     * which it never reaches: the schedule's size suffices. */
    if ((s = il_record_schedule_count(ro, T, &count)) != IL_OK ||
        (s = il_record_new(net, ro, count, max_m, &r->rec)) != IL_OK)
        return s;
    il_record_set_decay(r->rec, r->decay);
    return il_record_schedule(ro, T, &r->schedule, &r->n_schedule);
}

/* Records iteration t from the current batch (forward, and backward when
 * have_grad, already done); poll may interrupt it (IL_EINTERRUPTED, the
 * entry dropped). */
static il_status record_now(run *r, const il_net *net, long t, int have_grad,
                            il_poller *poll, size_t *slot)
{
    const il_work *act = &r->batch;
    size_t at;
    double loss, accuracy;
    il_status s;
    if (r->probe.block) {
        il_pass_forward(net, &r->probe);
        act = &r->probe;
    }
    while (r->next < r->n_schedule && r->schedule[r->next] <= t)
        r->next++;
    s = il_record_take(r->rec, t, net, &r->batch, act, 1, have_grad, poll,
                       &at);
    if (s == IL_OK && r->val.block) {
        il_pass_forward(net, &r->val);
        loss = il_pass_loss(net, &r->val, &accuracy, il_record_rule(r->rec));
        il_record_set_validation(r->rec, at, loss, accuracy);
    }
    if (slot)
        *slot = at;
    return s;
}

/* Records the state a stop left (when recording, and not done already) as
 * the record's last entry.  Not interruptible: it is one entry, and the
 * stop is already under way. */
static void record_stop(run *r, const il_net *net, long t, int recorded)
{
    il_poller none;
    if (!r->rec || recorded)
        return;
    il_poller_init(&none, NULL, NULL);
    record_now(r, net, t, 1, &none, NULL);
}

/* reached: the iteration of the network returned (t, or t + 1 after an
 * update that overflowed) */
static void stop(il_train_info *info, il_stop why, long t, long reached,
                 size_t layer, const char *what)
{
    info->stopped = why;
    info->stop_iter = t;
    info->stop_layer = layer;
    if (why == IL_STOP_HOOK)
        snprintf(info->message, sizeof info->message,
                 "training stopped by the caller at iteration %ld", t);
    else if (why == IL_STOP_INTERRUPT)
        snprintf(info->message, sizeof info->message,
                 "training interrupted (Ctrl-C) at iteration %ld", t);
    else if (reached != t)
        snprintf(info->message, sizeof info->message,
                 "training stopped at iteration %ld: %s of layer %zu is not "
                 "finite (NaN or Inf); the network returned is iteration "
                 "%ld", t, what, layer, reached);
    else
        snprintf(info->message, sizeof info->message,
                 "training stopped at iteration %ld: %s of layer %zu is not "
                 "finite (NaN or Inf)",
                 t, what, layer);
}

/* The most updates a run may make: 2^53, the largest count whose every
 * iteration number a record (and Octave's and Lua's doubles) holds exactly.
 * iters, or epochs times the batches of an epoch, past it is refused before
 * anything starts (a product that wrapped would be a run of any length). */
#define MAX_RUN 9007199254740992L

static il_status run_length(const il_train_opts *o, size_t m, long *T)
{
    size_t B = (o->batch == 0 || o->batch >= m) ? m : o->batch;
    size_t steps = m / B + (m % B != 0);
    if (o->iters > 0) {
        if (o->iters > MAX_RUN)
            return il_fail(IL_EBADVALUE, "iters must be at most 2^53 "
                           "(9007199254740992), got %ld", o->iters);
        *T = o->iters;
        return IL_OK;
    }
    if (steps > (size_t)MAX_RUN || o->epochs > MAX_RUN / (long)steps)
        return il_fail(IL_EBADVALUE, "epochs %ld of %zu batches each (batch "
                       "%zu of %zu samples) make more than 2^53 iterations "
                       "(the most a record can number exactly); ask for fewer "
                       "epochs or a larger batch", o->epochs, steps, B, m);
    *T = o->epochs * (long)steps;
    return IL_OK;
}

il_status il_train(il_net *net, const double *X, const double *Y, size_t m,
                   const il_train_opts *o, const il_record_opts *ro,
                   il_record **rec_out, il_train_info *info)
{
    run r;
    il_status s;
    il_train_info local;
    il_poller poll;
    long T = 0, t;
    size_t l, iter_work;

    if (!info)
        info = &local;
    memset(info, 0, sizeof *info);
    info->final_loss = NAN;
    if (rec_out)
        *rec_out = NULL;
    if (!net || !o)
        return il_fail(IL_EBADARG, "net and options must not be NULL");
    if (!Y)
        return il_fail(IL_EBADARG, "Y must not be NULL");
    if ((s = il_check_batch(net, X, Y, m)) != IL_OK ||
        (s = check_opts(o)) != IL_OK || (s = run_length(o, m, &T)) != IL_OK)
        return s;
    if (!rec_out)
        ro = NULL;

    memset(&r, 0, sizeof r);
    if ((s = prepare(&r, net, m, o, ro, T)) != IL_OK) {
        run_free(&r);
        il_record_free(r.rec);
        return s;
    }
    if (r.probe.block)
        il_work_load(&r.probe, net, ro->probe_X, NULL, NULL, ro->probe_m);
    if (r.B == m)
        il_work_load(&r.batch, net, X, Y, NULL, m);
    /* Ctrl-C is looked for at least every 32 iterations, and at every one
     * whose forward and backward passes are about a millisecond's work */
    il_poller_init(&poll, o->interrupt, o->interrupt_ctx);
    if (il_mul_overflows(r.B, net->n_params, &iter_work))
        iter_work = SIZE_MAX;
    if (iter_work < IL_POLL_WORK / 32)
        iter_work = IL_POLL_WORK / 32;

    for (t = 0; t < T; t++) {
        int want_rec = r.rec && r.next < r.n_schedule && r.schedule[r.next] == t;
        /* only a recorded update ratio needs the layers stepped one by one
         * with their squared norms (on one thread): a record without it
         * takes the same step as an unrecorded iteration */
        int want_ratio = want_rec && il_record_wants(r.rec, IL_REC_NORMS);
        int want_hook = o->hook && t % o->hook_every == 0;
        size_t slot = 0, bad_layer = 0;

        load_batch(&r, net, X, Y, t);
        il_pass_forward(net, &r.batch);
        il_pass_backward(net, &r.batch, r.grad);
        if (want_rec && record_now(&r, net, t, 1, &poll, &slot) != IL_OK) {
            /* interrupted inside a large record: stop now, without it */
            info->final_loss = il_pass_loss(net, &r.batch, NULL, 0);
            stop(info, IL_STOP_INTERRUPT, t, t, 0, "");
            break;
        }
        if (want_hook) {
            il_progress p = {0};
            info->final_loss = il_pass_loss(net, &r.batch, NULL, 0);
            p.iter = t;
            p.iters = T;
            p.loss = info->final_loss;
            p.penalty = r.decay > 0 ? 0.5 * r.decay * il_weight_squares(net) : 0;
            p.rec = r.rec;
            if (r.rec && il_record_count(r.rec) > 0 &&
                il_record_stat(r.rec, IL_STAT_SATURATION)) {
                p.layers = il_record_layers(r.rec);
                p.saturation = il_record_stat(r.rec, IL_STAT_SATURATION) +
                               p.layers * (il_record_count(r.rec) - 1);
            }
            if (o->hook(o->hook_ctx, &p)) {
                record_stop(&r, net, t, want_rec);
                stop(info, IL_STOP_HOOK, t, t, 0, "");
                break;
            }
        }
        if (il_poll(&poll, iter_work)) {
            record_stop(&r, net, t, want_rec);
            info->final_loss = il_pass_loss(net, &r.batch, NULL, 0);
            stop(info, IL_STOP_INTERRUPT, t, t, 0, "");
            break;
        }
        /* db is the column sums of dL/dZ, so it is finite exactly when
         * dL/dZ is: n values a layer tell what the whole gradient would.
         * (dW can still overflow on finite inputs; the check on the updated
         * weights below catches that.) */
        for (l = 1; l <= net->L; l++)
            if (!il_all_finite(r.grad + net->b_off[l], net->n[l]))
                break;
        if (l <= net->L) {
            /* the network stays at t: the loss and record are of it */
            record_stop(&r, net, t, want_rec);
            info->final_loss = il_pass_loss(net, &r.batch, NULL, 0);
            stop(info, IL_STOP_NONFINITE, t, t, l, "the gradient");
            break;
        }
        r.step++;
        /* every layer is updated even after one overflowed, so that the
         * network returned is the state after t + 1 updates, which the
         * record and final_loss then describe */
        if (can_update_all(&r, want_ratio))
            bad_layer = update_all(net, &r, o);
        else
            for (l = 1; l <= net->L; l++) {
                int finite = 1;
                double before =
                    want_ratio ? il_sum_squares(net->params + net->w_off[l],
                                                net->n[l] * net->n[l - 1])
                               : 0.0;
                double step_ss =
                    update_layer(net, &r, o, l, want_ratio, &finite);
                if (want_ratio)
                    il_record_set_update_ratio(r.rec, slot, l,
                                               sqrt(step_ss) / sqrt(before));
                if (!finite && !bad_layer)
                    bad_layer = l;
            }
        info->iters_done = t + 1;
        if (bad_layer) {
            load_batch(&r, net, X, Y, t + 1);
            il_pass_forward(net, &r.batch);
            info->final_loss = il_pass_loss(net, &r.batch, NULL, 0);
            if (r.rec) {
                if (il_record_wants(r.rec, IL_REC_GRAD))
                    il_pass_backward(net, &r.batch, r.grad);
                record_stop(&r, net, t + 1, 0);
            }
            stop(info, IL_STOP_NONFINITE, t, t + 1, bad_layer, "the update");
            break;
        }
    }
    if (info->stopped == IL_STOP_NONE) {
        /* The state after the last update: one more pass to measure it. */
        int want_rec = r.rec && r.next < r.n_schedule && r.schedule[r.next] == T;
        load_batch(&r, net, X, Y, T);
        il_pass_forward(net, &r.batch);
        info->final_loss = il_pass_loss(net, &r.batch, NULL, 0);
        if (want_rec) {
            int grad = il_record_wants(r.rec, IL_REC_GRAD);
            if (grad)
                il_pass_backward(net, &r.batch, r.grad);
            if (record_now(&r, net, T, grad, &poll, NULL) != IL_OK)
                stop(info, IL_STOP_INTERRUPT, T, T, 0, "");
        }
    }
    if (r.rec)
        il_record_done(r.rec);
    run_free(&r);
    if (rec_out)
        *rec_out = r.rec;
    return IL_OK;
}
