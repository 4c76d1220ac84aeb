/*
 * internal.h - what the engine's own files share and callers never see.
 */
#ifndef IL_INTERNAL_H
#define IL_INTERNAL_H

/* Bit parity between callers needs every a + x*y rounded as written: never
 * fused into an FMA by the compiler, whatever flags a build passes (a rock,
 * an Octave package).  Where the engine wants a fused multiply-add it says
 * so (fma, as the small kernels of pass.c do), the same on every path. */
#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#elif defined(__GNUC__)
#pragma GCC optimize("fp-contract=off")
#endif

#include "initlab.h"

/* The hot loops are compiled for AVX-512, AVX2 and plain x86-64, and the
 * widest the CPU has is picked at load time.  Each clone does the same
 * operations in the same order on every value (no FMA, see above), so the
 * bits do not depend on which one runs.  (Not under AddressSanitizer, whose
 * start-up cannot run before the ifunc resolvers.) */
#if defined(__GNUC__) && defined(__x86_64__) && !defined(__clang__) && \
    !defined(__SANITIZE_ADDRESS__)
#define IL_HOT __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define IL_HOT
#endif

#if defined(__GNUC__)
#define IL_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define IL_PRINTF(f, a)
#endif

/* Sets the calling thread's error message and returns status, so that a
 * failure reads: return il_fail(IL_EBADSIZE, "layer %zu: ...", l); */
il_status il_fail(il_status status, const char *fmt, ...) IL_PRINTF(2, 3);

/* ---- the engine's own elementary functions (vmath.c) ------------------- */

/* The same bits on every instruction set, for one value or an array (in
 * place allowed); errors below 1 ulp (tests/c/test_vmath.c). */
double il_exp(double x);
/* log(1 + u) for 0 <= u <= 1 only (softplus's range). */
double il_log1p(double u);
double il_tanh(double x);
double il_sigmoid(double z);
void il_exp_array(const double *x, double *y, size_t n);
void il_tanh_array(const double *x, double *y, size_t n);
/* il_tanh_array on one of pass.c's paths (IL_PATH_*; AUTO the widest this
 * CPU runs), for tests/c/test_vmath.c, which compares them bit for bit. */
void il_tanh_array_path(int path, const double *x, double *y, size_t n);
void il_sigmoid_array(const double *x, double *y, size_t n);
void il_softplus_array(const double *x, double *y, size_t n);
/* term[i] += -[y log a + (1-y) log(1-a)], a = sigmoid(z[i]), y = y[i]. */
void il_bce_add(const double *z, const double *y, double *term, size_t n);

/* ---- sizes and counts ---------------------------------------------------- */

/* Every size or count a caller gives goes through these before it is used
 * to allocate or to bound a loop: a product that wraps around would
 * allocate a few bytes and then write past them.  1 when a*b (a+b) does
 * not fit in a size_t; *out is then unspecified. */
static inline int il_mul_overflows(size_t a, size_t b, size_t *out)
{
#if defined(__GNUC__) || defined(__clang__)
    return __builtin_mul_overflow(a, b, out);
#else
    if (a != 0 && b > SIZE_MAX / a)
        return 1;
    *out = a * b;
    return 0;
#endif
}

static inline int il_add_overflows(size_t a, size_t b, size_t *out)
{
#if defined(__GNUC__) || defined(__clang__)
    return __builtin_add_overflow(a, b, out);
#else
    if (b > SIZE_MAX - a)
        return 1;
    *out = a + b;
    return 0;
#endif
}

/* Bytes of a * b doubles, or 1 on overflow (as il_mul_overflows). */
static inline int il_doubles_overflow(size_t a, size_t b, size_t *bytes)
{
    size_t n;
    return il_mul_overflows(a, b, &n) || il_mul_overflows(n, sizeof(double), bytes);
}

/* The cap a max_bytes option stands for: 0 means il_default_max_bytes(). */
size_t il_cap_of(size_t max_bytes);

/* The IL_ETOOBIG failure of a call whose results would pass its cap, in one
 * wording everywhere: "<what> needs 16000.0 MB, more than the cap of
 * 8000.0 MB (max_bytes); <advice>".  mb is the size asked for, in MB
 * (a double, so that it can be told even when it overflows a size_t). */
il_status il_too_big(const char *what, double mb, size_t cap,
                     const char *advice);

/* ---- interrupts ----------------------------------------------------------- */

/* The caller's interrupt check, consulted once about IL_POLL_WORK units of
 * work (values drawn or touched, multiply-adds) have been done since the
 * last look, so that a long call answers Ctrl-C within milliseconds and a
 * short one never pays for it.  Once the check has said stop, the poller
 * remembers it (a front end may clear its flag when asked). */
typedef struct {
    il_interrupt check;
    void *ctx;
    size_t work;
    int stopped;
} il_poller;

#define IL_POLL_WORK ((size_t)1 << 20)

static inline void il_poller_init(il_poller *p, il_interrupt check, void *ctx)
{
    p->check = check;
    p->ctx = ctx;
    p->work = 0;
    p->stopped = 0;
}

/* Counts work done; 1 when the call must stop. */
static inline int il_poll(il_poller *p, size_t work)
{
    if (p->stopped)
        return 1;
    if (!p->check)
        return 0;
    if (work < IL_POLL_WORK - p->work) {
        p->work += work;
        return 0;
    }
    p->work = 0;
    p->stopped = p->check(p->ctx) != 0;
    return p->stopped;
}

/* The failure every interrupted call returns: IL_EINTERRUPTED,
 * "interrupted (Ctrl-C)". */
il_status il_interrupted(void);

/* A network: sizes n[0..L], activations act[1..L] (act[0] unused), and every
 * parameter in one block so that optimizers sweep it in one loop.  Layer l's
 * W starts at params + w_off[l], its b at params + b_off[l]. */
struct il_net {
    size_t L;
    size_t *n;
    il_act *act;
    il_loss loss;
    size_t n_params;
    size_t *w_off, *b_off;
    double *params;
};

/* il_options_new's set in the caller's storage (bytes of it, aligned for
 * any type), or on the heap when it does not fit; il_options_free frees
 * what it holds, not the storage. */
il_status il_options_start(il_call call, void *room, size_t bytes,
                           il_options **opts);

/* v as users of Octave and Lua write it: NaN, Inf, -Inf, or %g. */
const char *il_number(double v, char buf[32]);

/* A name users may type and the enum value it stands for; a table may hold
 * aliases (several names for one value). */
typedef struct {
    const char *name;
    int value;
} il_name;

/* Looks name up in table; on a miss, fails with IL_EBADNAME and a message
 * that lists every name the table knows, e.g. "unknown activation 'rleu';
 * expected one of: linear, sigmoid, ...". */
il_status il_lookup(const char *what, const char *name, const il_name *table,
                    size_t count, int *value);
/* The first name in table for value (its canonical name), or "?". */
const char *il_name_of(const il_name *table, size_t count, int value);

/* Whether act's parameter is one it can take: leaky_relu's slope and elu's
 * alpha finite and >= 0 (the others have none). */
int il_act_param_ok(il_act act);
/* Activation f applied to n values in place: z -> a. */
void il_act_forward(il_act act, const double *z, double *a, size_t n);
/* Multiplies g (dL/da) by f'(z) in place, n values; a = f(z). */
void il_act_backward(il_act act, const double *z, const double *a,
                     double *g, size_t n);
/* f(z) for one value (not for softmax). */
double il_act_value(il_act act, double z);
/* log(1 + exp(z)) without overflow (vmath.c, as the array forms). */
double il_softplus(double z);
/* |f'(z)| for one value, given a = f(z); softmax uses a(1-a). */
double il_act_slope(il_act act, double z, double a);
/* The largest |f'| over the real line (the reference of "saturated"). */
double il_act_max_slope(il_act act);
/* Whether "dead" is defined for this activation (the relu family). */
int il_act_can_die(il_act act);
/* The interval an activation's outputs lie in (may be infinite). */
void il_act_range(il_act act, double *lo, double *hi);

/* ---- threads (threads.c) ------------------------------------------------- */

/* Worker threads of one run.  il_pool_run calls task(ctx, begin, end) on
 * contiguous pieces of [0, n) (starting at multiples of align), shared by
 * the caller and the workers, and returns when all are done; a task must
 * compute each item from its own inputs only, so that who runs which piece
 * changes no bit.  A NULL pool (or n too small to split) runs
 * task(ctx, 0, n) on the caller's thread. */
typedef struct il_pool il_pool;
typedef void (*il_task)(void *ctx, size_t begin, size_t end);
/* NULL for threads < 2, or when not even one worker could start. */
il_pool *il_pool_new(int threads);
void il_pool_free(il_pool *pool);
void il_pool_run(il_pool *pool, il_task task, void *ctx, size_t n,
                 size_t align);
/* The threads the BLAS uses (OpenBLAS's count, found at run time), or 1. */
int il_threads_of_blas(void);

/* ---- passes (pass.c) ---------------------------------------------------- */

/* Buffers of one forward/backward pass over a batch of up to cap samples.
 * Inside the engine a batch is held unit-major: each m x n(l) array is
 * column-major with leading dimension ld (m rounded up to 8, the rest of a
 * column being padding that no result reads), so one unit's values over the
 * batch are contiguous and aligned, and the kernels vectorize over samples
 * whatever the layer width.  A[0] is the input, Z[l], A[l], G[l] (dL/dZ, and dL/dA before the
 * activation's slope is applied) exist for l = 1..L; Y holds the targets. */
typedef struct {
    size_t L, cap, m;
    size_t ld;         /* stride between units: m rounded up to 8 samples
                          (see padded() in pass.c) */
    double **Z, **A, **G;
    double *Y;
    double *scratch;   /* cap values, for softmax and per-sample sums */
    double *block;
    il_pool *pool;     /* threads for the elementwise work; NULL: none */
} il_work;

/* The samples a unit's column holds for a batch of m (the padding il_work_init
 * gives it; the Jacobians' memory plan counts with it too). */
size_t il_work_ld(size_t m);
il_status il_work_init(il_work *w, const il_net *net, size_t cap);
void il_work_free(il_work *w);
/* Copies columns cols[0..m-1] of X (n0 x ld, public layout) and of Y (when
 * not NULL) into the batch, transposing; cols NULL means 0..m-1. */
void il_work_load(il_work *w, const il_net *net, const double *X,
                  const double *Y, const size_t *cols, size_t m);
void il_pass_forward(const il_net *net, il_work *w);
/* The start of a one-shot call on a batch already checked: w allocated for
 * m samples (il_work_free frees it), X and Y (may be NULL) loaded, and the
 * forward pass run. */
il_status il_pass_start(const il_net *net, const double *X, const double *Y,
                        size_t m, il_work *w);
/* Loss of the batch, and its accuracy when accuracy is not NULL. */
/* The loss on w's batch and, when accuracy is not NULL, the accuracy by
 * rule (an il_accuracy_rule). */
double il_pass_loss(const il_net *net, const il_work *w, double *accuracy,
                    int rule);
/* Back-propagates from the loss into G[1..L] and grad (laid out as
 * net->params). */
void il_pass_backward(const il_net *net, il_work *w, double *grad);
/* Sum of n values by pairwise summation (NumPy's order), so that a sum of
 * many equal terms, such as ln 2 per sample of an all-zero net, keeps its
 * last bits. */
double il_sum_pairwise(const double *x, size_t n);

/* The small kernels (pass.c) fuse their products (fma), compiled for each
 * instruction set that has FMA and for plain x86-64 (libm's fma): the same
 * bits on every path.  AUTO is the widest this CPU runs; a path it does not
 * run must not be passed.  Public for tests/c/test_kernels.c, which runs
 * every available path on the same shapes and compares the bits. */
#if defined(__GNUC__) && defined(__x86_64__) && !defined(__clang__)
#define IL_FMA_PATHS 1
#else
#define IL_FMA_PATHS 0
#endif
enum { IL_PATH_AUTO, IL_PATH_AVX512, IL_PATH_AVX2, IL_PATH_BASE };
int il_kernel_path_available(int path);
/* The widest path this CPU runs (what AUTO picks). */
int il_kernel_best_path(void);
/* out (nout columns ld apart) = init + sum_r coef[q cq + r cr] in_r over
 * each column's ld values; fold 1 (relu) or 2 (leaky relu, slope) stores
 * the activation into act (when not NULL) or multiplies out by the slope
 * at Z; fold 0 none. */
void il_kernel_combine(int path, size_t ld, size_t nout, size_t nin,
                       const double *in, const double *coef, size_t cq,
                       size_t cr, const double *init, double *out, int fold,
                       const double *Z, double *act, double slope);
/* dW (n x k) = G' A over m samples, columns ld apart, and (db not NULL)
 * db[i] = il_sum_pairwise of G's row i. */
void il_kernel_weight_grad(int path, size_t m, size_t ld, size_t n, size_t k,
                           const double *G, const double *A, double *dW,
                           double *db);

/* Layer l's W (n x k) and b (n) are finite: else IL_EBADVALUE naming the
 * first entry that is not. */
il_status il_check_layer(size_t l, const double *W, size_t n, size_t k,
                         const double *b);
/* Validates X (and Y) against the network: sizes, finiteness. */
il_status il_check_batch(const il_net *net, const double *X, const double *Y,
                         size_t m);

/* 1 when every one of the n values is finite (NaN/Inf-free). */
int il_all_finite(const double *x, size_t n);

/* ---- statistics (stats.c) ------------------------------------------------ */

/* The sum of squares of n values, in order (the squared Frobenius norm of a
 * weight matrix, for weight_norm and update_ratio). */
double il_sum_squares(const double *x, size_t n);
/* sum over layers of sum W.^2, biases left out: the penalty's sum. */
double il_weight_squares(const il_net *net);
/* The factor on W the penalty adds to the gradient: lambda/m + l2. */
double il_penalty_decay(double lambda, double l2, size_t m);

/* Mean, population std, min and max of n values. */
void il_moments(const double *x, size_t n, double *mean, double *std,
                double *min, double *max);
/* What il_layer_stats computes of a layer; a NULL output is not computed. */
typedef struct {
    double *mean, *std, *min, *max; /* of x (min and max together)       */
    double *std_y;                  /* of y                               */
    double *hist;                   /* counts in bins equal bins over
                                       [hist_lo, hist_hi]: values outside
                                       in the end bins, NaN in none      */
    size_t bins;
    double hist_lo, hist_hi;
    double *pct;                    /* percentiles at levels (ascending,
                                       in [0, 100]) by linear
                                       interpolation between order
                                       statistics, as Octave's quantile
                                       method 7 and NumPy's default:
                                       position p/100 (n-1)              */
    const double *levels;
    size_t n_levels;
    size_t stride;                  /* between the values of hist and of
                                       pct (their places in a record)    */
    int path;                       /* IL_PATH_AUTO; IL_PATH_AVX512 or
                                       IL_PATH_BASE (the loops all paths
                                       share) for tests                  */
} il_layer_want;
/* The statistics w asks for of a layer over a batch: x its cols columns of
 * m values, ld apart (the padding past m is never read), y (the gradient,
 * may be NULL when w->std_y is) of the same layout.  The moments are those
 * of il_moments of the values end to end, to the bit.  scratch holds
 * il_layer_scratch(cols * ld, w->pct != NULL, w->hist ? w->bins : 0)
 * values. */
void il_layer_stats(const double *x, const double *y, size_t m, size_t ld,
                    size_t cols, const il_layer_want *w, double *scratch);
size_t il_layer_scratch(size_t len, int percentiles, size_t bins);
/* Distinct units of a layer: the number of rows of [W b] (W n x k) that
 * differ from every earlier row by more than tol times the largest |entry|
 * of [W b] in some entry.  Exact copies count once. */
size_t il_distinct_units(const double *W, const double *b, size_t n, size_t k,
                         double tol);

/* ---- recording (record.c) ------------------------------------------------ */

/* The number of sorted, unique iterations to record for a run of T
 * updates: 0, every k-th, the listed ones in [0, T], and T - counted
 * arithmetically, so that a schedule too large for o->max_bytes is refused
 * (IL_ETOOBIG, naming record_every and record_iters) before anything of
 * its size is allocated or looped over. */
il_status il_record_schedule_count(const il_record_opts *o, long T,
                                   size_t *count);
/* Those iterations, ascending; *iters is malloc'd, *count as above. */
il_status il_record_schedule(const il_record_opts *o, long T, long **iters,
                             size_t *count);
/* A record with room for cap entries of net, for batches of up to max_m
 * samples; fails with IL_ETOOBIG past o->max_bytes (0: the default cap),
 * naming the option that takes the most. */
il_status il_record_new(const il_net *net, const il_record_opts *o, size_t cap,
                        size_t max_m, il_record **rec);
/* Appends the state of net at iteration iter into *slot.  w is the training
 * batch after its forward pass (and backward pass when have_grad); act is
 * the batch the activation statistics come from (w itself, or a probe
 * batch after its own forward pass); have_targets says whether w->Y holds
 * targets.  poll is consulted layer by layer: on IL_EINTERRUPTED the entry
 * is not kept (the record holds the entries before it). */
il_status il_record_take(il_record *rec, long iter, const il_net *net,
                         const il_work *w, const il_work *act,
                         int have_targets, int have_grad, il_poller *poll,
                         size_t *slot);
/* Stores the update ratio of layer l for slot; no-op if not recorded. */
void il_record_set_update_ratio(il_record *rec, size_t slot, size_t l,
                                double ratio);
/* How the record counts accuracy (an il_accuracy_rule). */
int il_record_rule(const il_record *rec);
/* The penalty's coefficient, lambda/m + l2 (0 when not set). */
void il_record_set_decay(il_record *rec, double decay);
/* The validation set's loss and accuracy for slot; no-op without one. */
void il_record_set_validation(il_record *rec, size_t slot, double loss,
                              double accuracy);
int il_record_wants(const il_record *rec, unsigned what);
/* Frees the scratch used while recording. */
void il_record_done(il_record *rec);

/* ---- host records (hostrec.c) --------------------------------------------- */

/* A training record a front end hands back as its fields' name/value pairs
 * (Octave's arrays or Lua's nested lists), read field by field into the
 * engine's order for the run report and the animations.  Messages name the
 * record by where ("runs(2)", "rec").  What is read points into the host's
 * values where their layout allows, else into copies il_hostrec_free frees;
 * either way it lives no longer than the value and the il_hostrec. */
typedef struct {
    const il_value *rec;
    char where[32];
    size_t R, L;                   /* recorded iterations, layers          */
    double *iter;                  /* R                                    */
    size_t *sizes;                 /* n0..nL, after il_hostrec_weights     */
    const double **W, **b;         /* layer l's frame r at [(l-1)*R + r]   */
    size_t bins;
    const double *hist;            /* L x bins x R, after il_hostrec_hist  */
    double *edges;                 /* bins + 1                             */
    void *owned[10];
    size_t n_owned;
} il_hostrec;

/* Checks that rec is name/value pairs, each name a string given once. */
il_status il_hostrec_open(il_hostrec *h, const il_value *rec,
                          const char *where);
/* The value of field name, or NULL. */
const il_value *il_hostrec_field(const il_hostrec *h, const char *name);
/* The recorded iterations from v, at least one: sets R. */
il_status il_hostrec_iter(il_hostrec *h, const il_value *v);
/* A field of one number per recorded iteration, into *out. */
il_status il_hostrec_series(il_hostrec *h, const il_value *v,
                            const char *field, const double **out);
/* A per-layer statistic field, L x R, into *out. */
il_status il_hostrec_layers(il_hostrec *h, const il_value *v,
                            const char *field, const double **out);
/* The per-layer stacks of W and b frames, and the layer sizes. */
il_status il_hostrec_weights(il_hostrec *h, const il_value *W,
                             const il_value *b);
/* The histogram counts, L x bins x R, and their bins + 1 edges. */
il_status il_hostrec_hist(il_hostrec *h, const il_value *hist,
                          const il_value *edges);
void il_hostrec_free(il_hostrec *h);

/* ---- linear algebra (linalg.c) ------------------------------------------ */

/* Q (r x c, r >= c) with orthonormal columns from A = Q R, each column
 * multiplied by the sign of R's diagonal entry.  A is overwritten; v is
 * scratch for r + c values.  poll is consulted column by column; returns 1
 * when it said stop (Q is then unfinished), else 0. */
int il_orthonormal_columns(double *A, size_t r, size_t c, double *Q,
                           double *v, il_poller *poll);

/* 1/sqrt(E[f(x)^2]), x ~ N(0,1), by numerical integration (gain.c). */
double il_gain_numeric(il_act act);

#endif
