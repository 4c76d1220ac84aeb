/*
 * initlab.h - the public C API of the initlab engine.
 *
 * Fully connected networks whose weights you choose how to start, train and
 * inspect at every iteration.  Conventions used throughout:
 *
 *   - Matrices are column-major arrays of double, as Octave and BLAS hold
 *     them.  Samples are columns: X is n0 x m, targets Y are nL x m.
 *   - Layer l = 1..L connects n(l-1) inputs to n(l) units: W{l} is
 *     n(l) x n(l-1), b{l} has n(l) entries.  sizes[] has L+1 entries n0..nL.
 *   - Every function that can fail returns an il_status; on failure
 *     il_last_error() gives a message for the calling thread that names the
 *     argument and what was expected, and il_status_id() an identifier such
 *     as "initlab:badSize".  The library never prints, exits or aborts.
 *   - Randomness comes from the engine's own generator (il_rng), seeded per
 *     call.  There is no global random state.
 */
#ifndef INITLAB_H
#define INITLAB_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define IL_VERSION "0.1.0"

/* ---- status codes ------------------------------------------------------ */

typedef enum {
    IL_OK = 0,
    IL_EBADARG,   /* initlab:badArg    a NULL pointer, a zero count, ...      */
    IL_EBADSIZE,  /* initlab:badSize   dimensions that do not fit together    */
    IL_EBADVALUE, /* initlab:badValue  NaN/Inf or a value out of its range    */
    IL_EBADNAME,  /* initlab:badName   an unknown activation, initializer ... */
    IL_ENOMEM,    /* initlab:noMemory  an allocation failed                   */
    IL_ETOOBIG    /* initlab:tooBig    a recording larger than its memory cap */
} il_status;

const char *il_status_id(il_status status);
const char *il_last_error(void);

/* ---- random numbers ---------------------------------------------------- */

/* Two streams.  The default is xoshiro256** seeded through splitmix64;
 * normals come from Marsaglia's polar method, whose second value is kept
 * for the next call.  The numpy stream is NumPy's legacy RandomState:
 * MT19937 seeded as np.random.seed(s) seeds it, and NumPy's own uniform,
 * Gaussian and bounded-integer algorithms, so that a script written with
 * np.random can be reproduced number for number (rng.c gives both
 * contracts exactly).  The struct is public so that it can live on the
 * stack; treat its fields as private. */
typedef struct {
    int kind;           /* IL_RNG_XOSHIRO or IL_RNG_NUMPY */
    uint64_t s[4];
    uint32_t mt[624];
    int mt_pos;
    int has_spare;
    double spare;
} il_rng;

enum { IL_RNG_XOSHIRO = 0, IL_RNG_NUMPY = 1 };

void il_rng_seed(il_rng *rng, uint64_t seed);       /* the default stream */
void il_rng_seed_numpy(il_rng *rng, uint32_t seed); /* np.random.seed     */
/* Seeds the stream kind names; a numpy seed must fit in 32 bits. */
il_status il_rng_start(il_rng *rng, int kind, uint64_t seed);
il_status il_rng_from_name(const char *name, int *kind); /* "xoshiro", "numpy" */
const char *il_rng_name(int kind);
uint64_t il_rng_next(il_rng *rng);             /* 64 random bits            */
double il_rng_uniform(il_rng *rng);            /* [0, 1), 53 random bits    */
double il_rng_normal(il_rng *rng);             /* N(0, 1)                   */
uint64_t il_rng_below(il_rng *rng, uint64_t n); /* [0, n) without bias, n>0 */

/* ---- activations and losses -------------------------------------------- */

typedef enum {
    IL_LINEAR, IL_SIGMOID, IL_TANH, IL_RELU, IL_LEAKY_RELU, IL_ELU, IL_SELU,
    IL_SOFTSIGN, IL_SOFTPLUS, IL_SOFTMAX,
    IL_ACT_COUNT
} il_act_kind;

/* param is the negative slope of leaky_relu (default 0.01) and the alpha of
 * elu (default 1); other activations ignore it. */
typedef struct {
    il_act_kind kind;
    double param;
} il_act;

typedef enum { IL_LOSS_MSE, IL_LOSS_BCE, IL_LOSS_SCE, IL_LOSS_COUNT } il_loss;

il_act il_act_make(il_act_kind kind);           /* with its default param */
il_status il_act_from_name(const char *name, il_act *act);
const char *il_act_name(il_act_kind kind);
il_status il_loss_from_name(const char *name, il_loss *loss);
const char *il_loss_name(il_loss loss);
/* The loss that fits an output activation: sigmoid -> bce, softmax -> sce,
 * anything else -> mse. */
il_loss il_loss_for_output(il_act_kind output);

/* gain(nonlinearity): linear, sigmoid 1; tanh 5/3; relu sqrt(2); leaky_relu
 * sqrt(2/(1+a^2)); selu 3/4 (the literature's values).  elu, softsign,
 * softplus have no textbook value: their gain is computed as
 * 1/sqrt(E[f(x)^2]) for x ~ N(0,1), and *computed is set to 1.  computed may
 * be NULL. */
il_status il_gain(il_act act, double *gain, int *computed);

/* ---- initializers ------------------------------------------------------ */

typedef enum {
    IL_INIT_DEFAULT,          /* weights: what il_net_init_default gives
                                 the layer's activation; biases: zeros, or
                                 what the weight initializer sets
                                 (nguyen_widrow)                          */
    IL_INIT_ZEROS, IL_INIT_ONES, IL_INIT_CONSTANT,
    IL_INIT_UNIFORM, IL_INIT_NORMAL, IL_INIT_TRUNCATED_NORMAL,
    IL_INIT_SCALED_NORMAL,    /* randn * scale                            */
    IL_INIT_XAVIER_UNIFORM, IL_INIT_XAVIER_NORMAL,
    IL_INIT_HE_UNIFORM, IL_INIT_HE_NORMAL,
    IL_INIT_LECUN_UNIFORM, IL_INIT_LECUN_NORMAL,
    IL_INIT_VARIANCE_SCALING,
    IL_INIT_ORTHOGONAL, IL_INIT_IDENTITY, IL_INIT_SPARSE,
    IL_INIT_NGUYEN_WIDROW, IL_INIT_LSUV, IL_INIT_MATRIX,
    IL_INIT_COUNT
} il_init_kind;

typedef enum { IL_FAN_IN, IL_FAN_OUT, IL_FAN_AVG } il_fan_mode;
typedef enum { IL_DIST_NORMAL, IL_DIST_UNIFORM, IL_DIST_TRUNCATED } il_distribution;

/* One initializer with its parameters.  il_init_spec_default() fills the
 * defaults of a kind; change only the fields that kind reads. */
typedef struct {
    il_init_kind kind;
    double value;          /* constant                                    */
    double low, high;      /* uniform (default -0.05, 0.05)               */
    double mean, std;      /* normal, truncated_normal (cut at mean +- 2
                              std), sparse (std of the nonzeros)          */
    double scale;          /* scaled_normal (default 0.01), variance_scaling
                              (default 1)                                 */
    double gain;           /* xavier_*, orthogonal, identity, lsuv (1);
                              he_* use sqrt(2/(1+slope^2)) times gain      */
    double slope;          /* he_*: negative slope of a leaky relu (0)    */
    il_fan_mode mode;      /* he_*, lecun_*, variance_scaling             */
    il_distribution dist;  /* variance_scaling                            */
    double fraction;       /* sparse: fraction of zeros in each column    */
    const double *matrix;  /* matrix: n(l) x n(l-1) for W, n(l) for b, */
    size_t matrix_rows;    /* with its size, which must match           */
    size_t matrix_cols;
} il_init_spec;

void il_init_spec_default(il_init_spec *spec, il_init_kind kind);
il_status il_init_from_name(const char *name, il_init_kind *kind);
const char *il_init_name(il_init_kind kind);
il_status il_fan_from_name(const char *name, il_fan_mode *mode);
il_status il_dist_from_name(const char *name, il_distribution *dist);

/* Fills the rows x cols matrix A (column-major) as spec says, drawing from
 * rng.  fan_in and fan_out are those of the layer A belongs to (for a bias
 * vector: rows = n(l), cols = 1, and the layer's fans).  Kinds that need a
 * whole layer or a batch (nguyen_widrow, lsuv) are refused here. */
il_status il_init_fill(double *A, size_t rows, size_t cols, size_t fan_in,
                       size_t fan_out, const il_init_spec *spec, il_rng *rng);

/* ---- networks ---------------------------------------------------------- */

typedef struct il_net il_net;

il_status il_net_new(il_net **net, size_t n_layers, const size_t *sizes,
                     const il_act *acts, il_loss loss);
il_status il_net_copy(const il_net *net, il_net **copy);
void il_net_free(il_net *net);

size_t il_net_layers(const il_net *net);
size_t il_net_size(const il_net *net, size_t l);     /* n(l), l = 0..L    */
il_act il_net_act(const il_net *net, size_t l);      /* l = 1..L          */
il_loss il_net_loss(const il_net *net);
double *il_net_W(il_net *net, size_t l);             /* n(l) x n(l-1)     */
double *il_net_b(il_net *net, size_t l);             /* n(l)              */
const double *il_net_cW(const il_net *net, size_t l);
const double *il_net_cb(const il_net *net, size_t l);

/* Copies W (rows x cols) and b (b_len) into layer l after checking that the
 * sizes match the layer and every value is finite. */
il_status il_net_set_layer(il_net *net, size_t l, const double *W,
                           size_t rows, size_t cols, const double *b,
                           size_t b_len);

/* What initializes a network: either one spec for every layer (n_specs = 1)
 * or one per layer (n_specs = L), for weights and for biases.  A fresh
 * stream seeded with seed draws layer 1's W, then its b, then layer 2's ...
 * With rng = IL_RNG_NUMPY the stream is NumPy's and every matrix is drawn
 * in row-major order, as np.random fills an n(l) x n(l-1) array, so that
 * he_normal with seed 3 is np.random.seed(3); randn(n, n_in) * sqrt(2/n_in).
 * X (n0 x m) is optional: nguyen_widrow reads its input ranges from it
 * (default [-1, 1]); lsuv needs it.  */
typedef struct {
    const il_init_spec *weights;
    const il_init_spec *biases;   /* NULL: IL_INIT_DEFAULT everywhere   */
    size_t n_specs;
    uint64_t seed;
    int rng;                      /* IL_RNG_XOSHIRO (default) or _NUMPY */
    const double *X;
    size_t m;
    double lsuv_tol;              /* |var - 1| accepted (default 0.05)  */
    int lsuv_max_trials;          /* default 10                         */
    int *lsuv_trials;             /* out, optional: L entries, 0 where a
                                     layer is not lsuv                  */
} il_init_opts;

void il_init_opts_default(il_init_opts *opts);
il_status il_net_init(il_net *net, const il_init_opts *opts);

/* The initializer a fresh network gets from the front ends: he_normal for
 * the relu family, lecun_normal for selu, xavier_uniform otherwise; zero
 * biases. */
il_status il_net_init_default(il_net *net, uint64_t seed);

/* ---- forward and backward ---------------------------------------------- */

/* out (nL x m) receives the network output.  Z and A, when not NULL, are
 * arrays of L pointers; Z[l-1] and A[l-1], when not NULL, receive layer l's
 * pre-activations and activations (n(l) x m). */
il_status il_forward(const il_net *net, const double *X, size_t m,
                     double *out, double *const *Z, double *const *A);

/* Loss of the network on (X, Y) and, when dW/db are not NULL, its gradient:
 * dW[l-1] (n(l) x n(l-1)) and db[l-1] (n(l)), any entry may be NULL. */
il_status il_gradients(const il_net *net, const double *X, const double *Y,
                       size_t m, double *loss, double *const *dW,
                       double *const *db);

/* Loss and accuracy (NaN for mse) of the network on (X, Y). */
il_status il_evaluate(const il_net *net, const double *X, const double *Y,
                      size_t m, double *loss, double *accuracy);

/* ---- recording --------------------------------------------------------- */

enum {
    IL_REC_LOSS        = 1u << 0,  /* loss, accuracy                         */
    IL_REC_WEIGHTS     = 1u << 1,  /* W and b snapshots                      */
    IL_REC_ACT         = 1u << 2,  /* activation mean, std, min, max         */
    IL_REC_PERCENTILES = 1u << 3,
    IL_REC_HIST        = 1u << 4,
    IL_REC_SATURATION  = 1u << 5,  /* saturation (low, high), dead           */
    IL_REC_GRAD        = 1u << 6,  /* std of dL/dZ per layer                 */
    IL_REC_NORMS       = 1u << 7,  /* weight norm, update ratio              */
    IL_REC_DISTINCT    = 1u << 8,  /* distinct units                         */
    IL_REC_ALL         = (1u << 9) - 1
};

/* The IL_REC_* bit of a part name: loss, weights, act, percentiles, hist,
 * saturation, grad, norms, distinct, all. */
il_status il_record_part_from_name(const char *name, unsigned *bits);

/* Per-layer scalar statistics, stored L x R. */
typedef enum {
    IL_STAT_ACT_MEAN, IL_STAT_ACT_STD, IL_STAT_ACT_MIN, IL_STAT_ACT_MAX,
    IL_STAT_SATURATION, IL_STAT_SAT_LOW, IL_STAT_SAT_HIGH, IL_STAT_DEAD,
    IL_STAT_GRAD_STD, IL_STAT_WEIGHT_NORM, IL_STAT_UPDATE_RATIO,
    IL_STAT_DISTINCT,
    IL_STAT_COUNT
} il_stat;

const char *il_stat_name(il_stat stat);   /* "act_mean", "saturation", ... */

typedef struct {
    long every;                   /* record every k-th iteration (0: no)  */
    const long *iters;            /* and these iterations                 */
    size_t n_iters;
    unsigned what;                /* IL_REC_* bits (default IL_REC_ALL but
                                     IL_REC_WEIGHTS)                       */
    const double *percentiles;    /* in [0, 100] (default 5 25 50 75 95)  */
    size_t n_percentiles;
    size_t hist_bins;             /* default 50                           */
    double hist_lo, hist_hi;      /* default -1, 1; values outside fall in
                                     the end bins                          */
    double sat_theta;             /* default 0.05                         */
    double distinct_tol;          /* default 1e-12, relative              */
    const double *probe_X;        /* optional n0 x probe_m batch for the
                                     activation statistics                */
    size_t probe_m;
    size_t max_bytes;             /* refuse larger recordings (0: no cap) */
} il_record_opts;

void il_record_opts_default(il_record_opts *opts);

typedef struct il_record il_record;

size_t il_record_count(const il_record *rec);          /* R                */
size_t il_record_layers(const il_record *rec);         /* L                */
const long *il_record_iters(const il_record *rec);     /* R                */
const double *il_record_loss(const il_record *rec);    /* R, or NULL       */
const double *il_record_accuracy(const il_record *rec);
const double *il_record_stat(const il_record *rec, il_stat stat); /* L x R */
const double *il_record_percentiles(const il_record *rec, size_t *n_p);
                                                       /* L x P x R        */
const double *il_record_hist(const il_record *rec, size_t *bins, double *lo,
                             double *hi);              /* L x bins x R     */
const double *il_record_W(const il_record *rec, size_t l); /* n(l) x n(l-1) x R */
const double *il_record_b(const il_record *rec, size_t l); /* n(l) x R      */
size_t il_record_bytes(const il_record *rec);
void il_record_free(il_record *rec);

/* The statistics of a network on a batch, without training: a record of one
 * entry, iteration 0.  Y may be NULL (then no loss and no gradients). */
il_status il_net_stats(const il_net *net, const double *X, const double *Y,
                       size_t m, const il_record_opts *opts,
                       il_record **rec);

/* ---- training ---------------------------------------------------------- */

typedef enum {
    IL_OPT_SGD, IL_OPT_MOMENTUM, IL_OPT_NESTEROV, IL_OPT_RMSPROP, IL_OPT_ADAM,
    IL_OPT_COUNT
} il_optimizer;

il_status il_opt_from_name(const char *name, il_optimizer *opt);
const char *il_opt_name(il_optimizer opt);

/* What a hook sees: the iteration reached, the run's length, the loss of
 * the current batch, and the recording so far (NULL when not recording;
 * its last entry is the latest recorded iteration). */
typedef struct {
    long iter;
    long iters;
    double loss;
    const il_record *rec;
} il_progress;

/* Called every hook_every iterations (iteration 0 included); a nonzero
 * return stops training (IL_STOP_HOOK).  Front ends print progress and
 * poll for Ctrl-C here. */
typedef int (*il_hook)(void *ctx, const il_progress *progress);

typedef struct {
    long iters;            /* updates to make; 0: from epochs              */
    long epochs;           /* passes over the data, used when iters is 0   */
    double lr;             /* default 0.01                                 */
    size_t batch;          /* 0 or >= m: full batch                        */
    int shuffle;           /* reshuffle every epoch in mini-batch (1)      */
    uint64_t seed;         /* of the shuffling                             */
    il_optimizer opt;
    double momentum;       /* momentum, nesterov (0.9)                     */
    double beta1, beta2;   /* adam (0.9, 0.999)                            */
    double rho;            /* rmsprop decay (0.9)                          */
    double eps;            /* adam, rmsprop (1e-8)                         */
    double l2;             /* weight decay on W, not b (0)                 */
    il_hook hook;
    void *hook_ctx;
    long hook_every;
} il_train_opts;

typedef enum { IL_STOP_NONE, IL_STOP_NONFINITE, IL_STOP_HOOK } il_stop;

typedef struct {
    long iters_done;
    il_stop stopped;
    long stop_iter;        /* iteration whose update made the NaN/Inf     */
    size_t stop_layer;     /* its layer, 0 when the loss was the first    */
    double final_loss;     /* loss of the last batch seen                 */
    char message[200];     /* why training stopped, for people            */
} il_train_info;

void il_train_opts_default(il_train_opts *opts);

/* Trains net in place on X (n0 x m) and Y (nL x m).  When rec_opts and rec
 * are not NULL, *rec receives the recording (also when training stopped
 * early: it then holds the iterations reached).  Iteration t means the
 * state after t updates; iteration 0 and the last iteration are always
 * recorded. */
il_status il_train(il_net *net, const double *X, const double *Y, size_t m,
                   const il_train_opts *opts, const il_record_opts *rec_opts,
                   il_record **rec, il_train_info *info);

/* ---- datasets ---------------------------------------------------------- */

typedef enum {
    IL_DATA_CIRCLES, IL_DATA_MOONS, IL_DATA_SPIRALS, IL_DATA_XOR,
    IL_DATA_BLOBS,
    IL_DATA_COUNT
} il_dataset_kind;

typedef struct {
    double noise;      /* std of the Gaussian noise (circles, moons 0.05;
                          spirals 0.2; xor 0.1; blobs: cluster std 1)   */
    double factor;     /* circles: inner radius / outer radius (0.8)    */
    size_t classes;    /* spirals, blobs (3); the others have 2         */
    int rng;           /* IL_RNG_XOSHIRO (default), or IL_RNG_NUMPY:
                          with it circles and moons are scikit-learn's
                          make_circles / make_moons after
                          np.random.seed(seed), point for point        */
} il_dataset_opts;

void il_dataset_opts_default(il_dataset_opts *opts, il_dataset_kind kind);
il_status il_dataset_from_name(const char *name, il_dataset_kind *kind);
const char *il_dataset_name(il_dataset_kind kind);

/* X (2 x n) receives the points, labels (n) their class 0..classes-1. */
il_status il_dataset(il_dataset_kind kind, size_t n,
                     const il_dataset_opts *opts, uint64_t seed, double *X,
                     double *labels);

/* Y (k x n) = one-hot of labels in 0..k-1. */
il_status il_onehot(const double *labels, size_t n, size_t k, double *Y);

#ifdef __cplusplus
}
#endif

#endif
