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
    IL_ETOOBIG,   /* initlab:tooBig    more memory than the call's cap allows */
    IL_EBADOPTION,   /* initlab:badOption   an option name the call has not  */
    IL_EINTERRUPTED, /* initlab:interrupted the caller's interrupt check said
                        stop (Ctrl-C) during a long call                     */
    IL_EBADINDEX,    /* initlab:badIndex    a layer or entry that is not there */
    IL_EIO           /* initlab:io          a file that cannot be written   */
} il_status;

const char *il_status_id(il_status status);
const char *il_last_error(void);

/* A check that long calls (initializers, datasets, statistics, training)
 * make now and then; a nonzero return stops the call with IL_EINTERRUPTED
 * (training: with a recorded stop, see il_train).  Front ends poll Ctrl-C
 * here.  NULL: never interrupted. */
typedef int (*il_interrupt)(void *ctx);

/* What one call may allocate for results (recordings, statistics,
 * datasets) unless its max_bytes option says otherwise: half the machine's
 * physical memory (1 GiB where that cannot be read).  Past it a call fails
 * with IL_ETOOBIG before allocating, naming the option that raises it
 * ("... more than the cap of N MB (max_bytes); ...").  A max_bytes of 0
 * means this default; SIZE_MAX means no cap. */
size_t il_default_max_bytes(void);

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

/* A stream as a value (il_rand's g.state, il.rand's g): its whole state as
 * doubles, which hold every 32-bit word exactly.  The layout is a contract:
 *   numpy    [tag, 1, key(1..624), pos, has_gauss, gauss]: after the first
 *            two, np.random.get_state()'s numbers in its order (MT19937's
 *            624 words, the position in them, and the kept Gaussian);
 *   xoshiro  [tag, 0, s0 low, s0 high, ..., s3 high, has_spare, spare]: the
 *            four 64-bit words as 32-bit halves, then the kept normal.
 * tag is IL_RNG_STATE_TAG ('ILS1'); a kept value that was used up is 0.
 * il_rng_load refuses what saving cannot give (another tag or kind, a
 * wrong length, a word that is not a whole number in 0..2^32-1, a
 * position past 624, a flag not 0/1, a kept value not finite, all words
 * 0), naming the entry (IL_EBADVALUE, IL_EBADSIZE for the length). */
#define IL_RNG_STATE_TAG 1229738801.0
size_t il_rng_state_size(int kind);      /* 629 numpy, 12 xoshiro; 0 else */
void il_rng_save(const il_rng *rng, double *state);
il_status il_rng_load(il_rng *rng, const double *state, size_t n);

/* What np.random draws, from either stream, by these names:
 *   normal       mean + std * N(0, 1)   (randn; normal(loc, scale))
 *   uniform      low + (high - low) * U (rand, random_sample; uniform)
 *   integers     low .. high-1           (randint(low, high)), by masked
 *                rejection as RandomState: a range of one value draws
 *                nothing; the xoshiro stream uses il_rng_below
 *   permutation  low, low+1, ..., shuffled (permutation(n) + low) by
 *                RandomState.shuffle's Fisher-Yates from the end.
 * The numbers are NumPy's exactly with the numpy stream: integers and
 * permutation count from low (NumPy's 0 by default; 1 for 1-based
 * indices draws the same and adds 1). */
typedef enum {
    IL_DRAW_NORMAL, IL_DRAW_UNIFORM, IL_DRAW_INTEGERS, IL_DRAW_PERMUTATION
} il_draw_kind;

typedef struct {
    il_draw_kind kind;
    double low, high;   /* uniform (0, 1); integers (0, required: NaN is
                           "not given"), whole, low < high, in +-2^53;
                           permutation: the first value (0)             */
    double mean, std;   /* normal (0, 1)                                */
    il_interrupt interrupt;
    void *interrupt_ctx;
} il_draw_opts;

void il_draw_opts_default(il_draw_opts *opts, il_draw_kind kind);
il_status il_draw_from_name(const char *name, il_draw_kind *kind);
const char *il_draw_name(il_draw_kind kind);
/* Checks the options and that rows x cols doubles fit in max_bytes (0: the
 * default cap), before a caller allocates them (IL_ETOOBIG). */
il_status il_draw_check(const il_draw_opts *opts, size_t rows, size_t cols,
                        size_t max_bytes);
/* x (rows x cols, column-major) receives rows x cols draws made in
 * NumPy's order, row by row, so that x(i, j) is NumPy's a[i-1][j-1] of the
 * same draw (permutation: the rows x cols values in x's own order).  On
 * failure (IL_EINTERRUPTED) rng has moved on and x is unfinished. */
il_status il_rng_draw(il_rng *rng, const il_draw_opts *opts, size_t rows,
                      size_t cols, double *x);

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
/* The names a nonlinearity goes by for il_gain and he_*'s nonlinearity:
 * every activation name, and PyTorch's calculate_gain names for layers
 * initlab does not have (conv1d, conv2d, conv3d, conv_transpose1d,
 * conv_transpose2d, conv_transpose3d), whose gain is linear's 1. */
il_status il_nonlinearity_from_name(const char *name, il_act *act);

/* ---- initializers ------------------------------------------------------ */

typedef enum {
    IL_INIT_DEFAULT,          /* weights: what il_net_init_default gives
                                 the layer's activation; biases: zeros, or
                                 what the weight initializer sets
                                 (nguyen_widrow; critical: N(0, sigma_b2)) */
    IL_INIT_ZEROS, IL_INIT_ONES, IL_INIT_CONSTANT,
    IL_INIT_UNIFORM, IL_INIT_NORMAL, IL_INIT_TRUNCATED_NORMAL,
    IL_INIT_SCALED_NORMAL,    /* randn * scale                            */
    IL_INIT_XAVIER_UNIFORM, IL_INIT_XAVIER_NORMAL,
    IL_INIT_HE_UNIFORM, IL_INIT_HE_NORMAL,
    IL_INIT_LECUN_UNIFORM, IL_INIT_LECUN_NORMAL,
    IL_INIT_VARIANCE_SCALING,
    IL_INIT_ORTHOGONAL, IL_INIT_IDENTITY, IL_INIT_SPARSE,
    IL_INIT_NGUYEN_WIDROW, IL_INIT_LSUV, IL_INIT_MATRIX,
    IL_INIT_CRITICAL,         /* N(0, sigma_w2^* / fan_in), sigma_w2^* the edge
                                 of chaos (mean-field chi1 = 1) of the
                                 layer's activation at sigma_b2; default
                                 biases N(0, sigma_b2)                    */
    IL_INIT_HADAMARD,         /* ZerO (Zhao et al. 2022, Algorithm 1): I,
                                 the partial identity where the layer
                                 narrows, 2^(-(m-1)/2) I* H_m I* where it
                                 widens (m = ceil(log2 n(l))); no draws   */
    IL_INIT_COUNT
} il_init_kind;

typedef enum { IL_FAN_IN, IL_FAN_OUT, IL_FAN_AVG } il_fan_mode;
typedef enum { IL_DIST_NORMAL, IL_DIST_UNIFORM, IL_DIST_TRUNCATED } il_distribution;

/* One initializer with its parameters.  il_init_spec_default() fills the
 * defaults of a kind; change only the fields that kind reads (il_init_reads
 * says which). */
typedef struct {
    il_init_kind kind;
    double value;          /* constant                                    */
    double low, high;      /* uniform: its ends (default -0.05, 0.05);
                              truncated_normal: PyTorch's absolute bounds
                              [low, high], or both NaN (its default): cut
                              at mean +- 2 std, Keras's                   */
    double mean, std;      /* normal, truncated_normal, sparse (std of the
                              nonzeros; its default 0.01, else 1)        */
    double scale;          /* scaled_normal (default 0.01), variance_scaling
                              (default 1)                                 */
    double gain;           /* xavier_*, orthogonal, identity, lsuv (1);
                              he_*: times il_gain(nonlinearity, slope)    */
    double slope;          /* he_*: leaky_relu's negative slope (0), read
                              when nonlinearity is leaky_relu            */
    il_fan_mode mode;      /* he_*, lecun_*, variance_scaling             */
    il_distribution dist;  /* variance_scaling; xavier_normal, he_normal,
                              lecun_normal: NORMAL (default, PyTorch's) or
                              TRUNCATED (Keras's: cut at 2 std, the std
                              divided by 0.8796 so the variance stays)   */
    double fraction;       /* sparse: fraction of zeros in each column    */
    const double *matrix;  /* matrix: n(l) x n(l-1) for W, n(l) for b, */
    size_t matrix_rows;    /* with its size, which must match           */
    size_t matrix_cols;
    il_act_kind nonlinearity; /* he_*: whose gain (PyTorch's kaiming_*
                              nonlinearity): default IL_LEAKY_RELU, with
                              slope 0 relu's sqrt(2).  critical in
                              il_init_fill and il_init_moments: the
                              activation (leaky_relu's slope: slope);
                              il_net_init uses the layer's own instead    */
    double sigma_b2;       /* critical: the bias variance the edge of chaos
                              is found at, and the default biases'
                              (default 0.05)                              */
} il_init_spec;

/* The fields of il_init_spec a kind reads, as bits of il_init_reads. */
enum {
    IL_READS_VALUE = 1u << 0,        /* value                              */
    IL_READS_BOUNDS = 1u << 1,       /* low, high                          */
    IL_READS_MEAN = 1u << 2,
    IL_READS_STD = 1u << 3,
    IL_READS_SCALE = 1u << 4,
    IL_READS_GAIN = 1u << 5,
    IL_READS_SLOPE = 1u << 6,
    IL_READS_MODE = 1u << 7,
    IL_READS_DIST = 1u << 8,
    IL_READS_FRACTION = 1u << 9,
    IL_READS_MATRIX = 1u << 10,      /* matrix and its size                */
    IL_READS_NONLINEARITY = 1u << 11,
    IL_READS_BATCH = 1u << 12,       /* il_init_opts' X (nguyen_widrow's
                                        input ranges, lsuv's batch)       */
    IL_READS_LSUV = 1u << 13,        /* il_init_opts' lsuv_tol, _max_trials */
    IL_READS_SIGMA_B2 = 1u << 14     /* sigma_b2                           */
};
/* What kind reads (0 for an unknown kind): front ends refuse an option that
 * no initializer of the call reads, rather than ignore it. */
unsigned il_init_reads(il_init_kind kind);

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

/* The expected mean and mean square of an entry of the rows x cols matrix
 * spec fills (as il_init_fill would, with these fans), by the definitions
 * the fills use: uniform (a+b)/2 and (a^2+ab+b^2)/3; normals mean and
 * std^2+mean^2, truncated ones by the truncated distribution's moments;
 * the variance-scaling family its variance (0 mean); sparse std^2 times
 * the share of nonzeros; orthogonal 0 and gain^2/max(rows, cols); identity
 * and hadamard their entries' exact mean and mean square; critical 0 and
  * sigma_w2^* / fan_in (activation: nonlinearity, as il_init_fill); constant,
 * zeros, ones, default (a bias's zeros) their values.  nguyen_widrow, lsuv
 * and matrix depend on the data: IL_EBADVALUE.  The mean-field prediction
 * reads sigma_w2 = fan_in * second_moment from it. */
il_status il_init_moments(const il_init_spec *spec, size_t rows, size_t cols,
                          size_t fan_in, size_t fan_out, double *mean,
                          double *second_moment);

/* ---- networks ---------------------------------------------------------- */

typedef struct il_net il_net;

/* sizes are 1 .. INT_MAX (BLAS's dimensions), and the parameters must fit
 * in memory's address range: IL_EBADSIZE otherwise, before allocating. */
il_status il_net_new(il_net **net, size_t n_layers, const size_t *sizes,
                     const il_act *acts, il_loss loss);
il_status il_net_copy(const il_net *net, il_net **copy);
void il_net_free(il_net *net);

size_t il_net_layers(const il_net *net);
size_t il_net_size(const il_net *net, size_t l);     /* n(l), l = 0..L    */
il_act il_net_act(const il_net *net, size_t l);      /* l = 1..L          */
/* Layer l's activation parameter as the front ends show it (net.act_param):
 * NaN when it is the activation's own, which NaN also asks for. */
double il_net_act_param(const il_net *net, size_t l);
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
    il_interrupt interrupt;       /* optional, see il_interrupt         */
    void *interrupt_ctx;
} il_init_opts;

void il_init_opts_default(il_init_opts *opts);
/* On any failure the network is left as it was.  Options that are finite
 * but make values that are not (xavier with gain 1e200: gain^2 is Inf) are
 * IL_EBADVALUE naming them; interrupt is polled as the values are drawn,
 * through orthogonal's QR and per lsuv trial (IL_EINTERRUPTED). */
il_status il_net_init(il_net *net, const il_init_opts *opts);

/* The initializer a fresh network gets from the front ends: he_normal for
 * the relu family, lecun_normal for selu, xavier_uniform otherwise; zero
 * biases. */
il_status il_net_init_default(il_net *net, uint64_t seed);

/* A network at a glance, the text Octave's il_summary and Lua's
 * net:summary() print.  Its first line is the one-line form (Lua's
 * tostring(net)): "initlab net 2-3-1 (tanh, sigmoid; loss bce), 13
 * parameters"; then a table with a row per layer: units, activation (with
 * its parameter: leaky_relu(0.01), elu(1)), parameters n(l) (n(l-1) + 1),
 * mean and population std of W and of b (as %g writes them; NaN, Inf),
 * and distinct units (il_record_opts' measure at its default tolerance);
 * and a total row.  Lines are separated by '\n', with none after the last.
 * As snprintf: buf gets at most size - 1 characters and a NUL (buf may be
 * NULL when size is 0), and *length (may be NULL) the length of the whole
 * text, so buf holds all of it when *length < size. */
il_status il_net_summary(const il_net *net, char *buf, size_t size,
                         size_t *length);
/* The summary's first line alone, without the statistics the table
 * computes (Lua's tostring(net)), as il_net_summary writes into buf. */
il_status il_net_describe(const il_net *net, char *buf, size_t size,
                          size_t *length);

/* ---- forward and backward ---------------------------------------------- */

/* out (nL x m) receives the network output.  Z and A, when not NULL, are
 * arrays of L pointers; Z[l-1] and A[l-1], when not NULL, receive layer l's
 * pre-activations and activations (n(l) x m). */
il_status il_forward(const il_net *net, const double *X, size_t m,
                     double *out, double *const *Z, double *const *A);

/* The penalty on the weights (never the biases) that training adds to the
 * loss: cost = loss + (lambda/m + l2)/2 * sum over layers of sum W.^2, m the
 * samples of the training set; its gradient adds (lambda/m + l2) W to dW.
 * lambda is a course's regularization (ex4's lambda/(2m) sum Theta^2), l2
 * the per-step weight decay of the deep-learning libraries. */
typedef struct {
    double lambda;   /* >= 0, default 0 */
    double l2;       /* >= 0, default 0 */
} il_penalty;

/* The cost of the network on (X, Y), loss plus penalty (NULL: none), and,
 * when dW/db are not NULL, its gradient: dW[l-1] (n(l) x n(l-1)) and
 * db[l-1] (n(l)), any entry may be NULL. */
il_status il_gradients(const il_net *net, const double *X, const double *Y,
                       size_t m, const il_penalty *penalty, double *cost,
                       double *const *dW, double *const *db);

/* The same cost with the gradient unrolled as a course unrolls it: layer by
 * layer, Theta_l = [b_l W_l] (n(l) x (n(l-1) + 1), the bias first) taken
 * column by column, so grad = [Theta_1(:); Theta_2(:); ...], of
 * il_net_param_count(net) entries (grad may be NULL). */
il_status il_cost(const il_net *net, const double *X, const double *Y,
                  size_t m, const il_penalty *penalty, double *cost,
                  double *grad);

/* The weights and biases in that unrolled order, and back. */
size_t il_net_param_count(const il_net *net);  /* sum n(l) (n(l-1) + 1) */
void il_net_unroll(const il_net *net, double *theta);
il_status il_net_reroll(il_net *net, const double *theta);

/* How accuracy counts, for bce and sce outputs (mse has none: NaN).
 * AUTO: with one output, a sample is right when the output and the target
 * fall on the same side of 0.5; with several outputs and every target
 * column one-hot (a single 1, the rest 0), when the largest output is the
 * target's class (categorical), else as BINARY.  CATEGORICAL: the largest
 * output against the largest target, always (Keras's
 * categorical_accuracy).  BINARY: the fraction of outputs on the target's
 * side of 0.5, each output counted (Keras's binary_accuracy; multi-label).
 * softmax outputs count categorically under AUTO and BINARY alike. */
typedef enum {
    IL_ACCURACY_AUTO, IL_ACCURACY_CATEGORICAL, IL_ACCURACY_BINARY
} il_accuracy_rule;

il_status il_accuracy_from_name(const char *name, il_accuracy_rule *rule);
const char *il_accuracy_name(il_accuracy_rule rule);

/* Loss and accuracy (NaN for mse) of the network on (X, Y), accuracy by
 * IL_ACCURACY_AUTO; il_evaluate_as takes the rule. */
il_status il_evaluate(const il_net *net, const double *X, const double *Y,
                      size_t m, double *loss, double *accuracy);
il_status il_evaluate_as(const il_net *net, const double *X, const double *Y,
                         size_t m, il_accuracy_rule rule, double *loss,
                         double *accuracy);

/* ---- Jacobians ----------------------------------------------------------- */

/* The Jacobian of the network's output with respect to its input, at each
 * of the m samples of X (n0 x m): J_j = d out / d x at X(:, j), nL x n0,
 *   J_j = D_L W_L ... D_2 W_2 D_1 W_1,
 * D_l = diag(f_l'(z_l)) for an elementwise activation (at z = 0 exactly,
 * the slope of z < 0, as the backward pass takes it: relu's 0) and
 * diag(a) - a a' for a softmax layer.  J (nL x n0 x m) receives sample j's
 * Jacobian, column-major, at J + j*nL*n0.  The product is taken from the
 * input side (forward mode) or from the output side (reverse mode),
 * whichever makes fewer multiply-adds: forward when n0 is the smaller.
 * X must be finite (IL_EBADVALUE naming the entry), m at least 1
 * (IL_EBADSIZE); the weights must be finite (IL_EBADVALUE naming the layer
 * and entry).  A result that overflows (a very deep net with large
 * weights) holds Inf or NaN as it comes.  Besides a batch's forward pass,
 * the call allocates two buffers of about max n(l) x min(n0, nL) x m
 * doubles, once; il_jacobian_check caps the total. */
il_status il_jacobian(const il_net *net, const double *X, size_t m,
                      double *J);

/* The singular values of every sample's Jacobian, descending: S (k x m,
 * k = min(nL, n0)) receives sample j's at S + j*k.  LAPACK's dgesdd
 * computes them (values only), from a Jacobian that must be finite: one
 * that overflowed, or that dgesdd cannot bring to convergence, is
 * IL_EBADVALUE naming the sample.  The failures of il_jacobian otherwise. */
il_status il_jacobian_sv(const il_net *net, const double *X, size_t m,
                         double *S);

/* A set of n singular values at a glance (pooled over samples: all of S):
 * *max the largest, *mean_sq the mean of their squares, and *condition
 * max / min (Inf when the smallest is 0).  For one sample with nL <= n0,
 * mean_sq is the normalized trace tr(J J') / nL, 1 at isometry; pooled
 * over samples, its mean.  Any NaN among the values, or n = 0 (s may then
 * be NULL), makes all three NaN.  Any output may be NULL. */
void il_sv_summary(const double *s, size_t n, double *max, double *mean_sq,
                   double *condition);

/* Whether il_jacobian_sv (and so il_jacobian, which needs less) may run
 * on m samples within max_bytes (0: il_default_max_bytes(); SIZE_MAX: no
 * cap), counting its result (S; il_jacobian's J is as big as the sv
 * call's Jacobian scratch), its scratch and the batch's forward pass:
 * IL_ETOOBIG naming max_bytes past the cap, before anything is
 * allocated.  m is 1 .. INT_MAX - 7, as a batch (IL_EBADSIZE).  Front ends
 * call it before allocating J or S. */
il_status il_jacobian_check(const il_net *net, size_t m, size_t max_bytes);

/* The bytes il_jacobian_check compares with the cap, into *bytes
 * (IL_ETOOBIG when they do not fit in a size_t). */
il_status il_jacobian_bytes(const il_net *net, size_t m, size_t *bytes);

/* ---- mean-field theory --------------------------------------------------- */

/*
 * What a wide random fully connected network does to its inputs, layer by
 * layer, before any training: Poole et al. (2016), "Exponential
 * expressivity in deep neural networks through transient chaos", and
 * Schoenholz et al. (2017), "Deep information propagation".  Conventions:
 * weights W_ij ~ N(0, sigma_w2 / fan_in), biases N(0, sigma_b2), z ~ N(0,1).
 * A layer's pre-activations are Gaussian with variance q; two inputs of equal
 * variance q are correlated c.  Through one layer of activation phi:
 *
 *   q_next = sigma_w2 E[phi(sqrt(q) z)^2] + sigma_b2                (Poole 3)
 *   c_next = (sigma_w2 E[phi(u1) phi(u2)] + sigma_b2) / q_next      (Poole 5)
 *            u1 = sqrt(q) z1,  u2 = sqrt(q) (c z1 + sqrt(1-c^2) z2)
 *
 * Every activation except softmax is covered (softmax couples the units of
 * a layer; the theory is per unit: IL_EBADVALUE).  leaky_relu and elu use
 * their param.  linear, relu and leaky_relu are computed in closed form
 * (the arc-cosine kernel of Cho & Saul 2009); the others by Gauss-Legendre
 * panels weighted by the normal density, split at the activation's kink and
 * graded towards it, to better than 1e-10.
 */


/* ordered: chi1 < 1, nearby inputs converge (c -> 1) and gradients vanish;
 * chaotic: chi1 > 1, nearby inputs decorrelate and gradients explode;
 * critical: |chi1 - 1| <= 1e-9, the edge of chaos where both depth scales
 * diverge and deep networks train (Schoenholz et al. sec. 3). */
typedef enum { IL_PHASE_ORDERED, IL_PHASE_CRITICAL, IL_PHASE_CHAOTIC } il_phase;

/* "ordered", "critical", "chaotic"; "?" for anything else. */
const char *il_phase_name(il_phase phase);

/* The theory at one point (sigma_w2, sigma_b2):
 *   q_star  the fixed point of the variance map reached from q = 1; +Inf when
 *           q grows without bound (possible only for unbounded activations:
 *           linear with sigma_w2 >= 1, relu with sigma_w2 >= 2, ...), 0 when
 *           the signal dies out (e.g. tanh with sigma_b2 = 0, sigma_w2 <= 1);
 *   chi1    sigma_w2 E[phi'(sqrt(q*) z)^2], the slope of the c map at c = 1
 *           and the mean squared singular value of a layer's Jacobian
 *           (Poole eq. 7); at q* = +Inf its limit, sigma_w2 (phi'(+inf)^2 +
 *           phi'(-inf)^2) / 2;
 *   c_star  the stable fixed point of the c map at q*: 1 when chi1 <= 1,
 *           else the one in [0, 1) (the map is convex on [0, 1], its Mehler
 *           series having nonnegative coefficients, so there is exactly one);
 *           1 when q* is +Inf (the limiting map's slope at 1 is then 1);
 *   chi_c   sigma_w2 E[phi'(u1) phi'(u2)] at c*, the slope of the c map
 *           there (chi1 when c* = 1);
 *   xi_q    -1 / log(slope of the variance map at q*), the depth over which
 *           q approaches q* (Schoenholz eq. 5); +Inf when the slope is >= 1
 *           or q* is +Inf;
 *   xi_c    -1 / log(chi_c), the depth over which c approaches c*
 *           (Schoenholz eq. 9); +Inf when chi_c >= 1 (criticality) or q* is
 *           +Inf;
 *   phase   from chi1, as il_phase. */
typedef struct {
    double sigma_w2, sigma_b2;
    double q_star, c_star, chi1, chi_c, xi_q, xi_c;
    il_phase phase;
} il_theory_point;

/* The fixed points, slopes, depth scales and phase of act at (sigma_w2,
 * sigma_b2).  sigma_w2 must be finite and > 0, sigma_b2 finite and >= 0
 * (IL_EBADVALUE naming them), out not NULL (IL_EBADARG). */
il_status il_theory(il_act act, double sigma_w2, double sigma_b2,
                    il_theory_point *out);

/* The critical sigma_w2 for sigma_b2: where chi1(sigma_w2, sigma_b2) = 1,
 * q* moving with sigma_w2 (Schoenholz fig. 1's critical line).  The first
 * crossing on a log grid of sigma_w2 over [1e-4, 1e5] is solved by Brent's
 * method to about 1e-13 relative; linear (1), relu (2) and leaky_relu
 * (2 / (1 + a^2)) are exact.  IL_EBADVALUE, naming sigma_b2 and the
 * activation, when chi1 never reaches 1 there.  out (may be NULL) receives
 * il_theory at the answer. */
il_status il_theory_critical(il_act act, double sigma_b2, double *sigma_w2,
                             il_theory_point *out);

/* One step of each map at q >= 0 finite, c in [-1, 1] (at q = 0 the c map
 * is its limit q -> 0+, which is 1 unless phi(0) = 0 and sigma_b2 = 0). */
il_status il_theory_q_map(il_act act, double sigma_w2, double sigma_b2,
                          double q, double *q_next);
il_status il_theory_c_map(il_act act, double sigma_w2, double sigma_b2,
                          double q, double c, double *c_next);

/* The Gaussian expectations the maps are made of, at variance q >= 0 finite
 * and correlation c in [-1, 1], exposed so that they can be checked
 * independently (z, z1, z2 independent N(0,1), u = u1 = sqrt(q) z1):
 *   phi2       E[phi(u)^2]
 *   dphi2      E[phi'(u)^2]                        (chi1 = sigma_w2 dphi2)
 *   slope_q    E[phi'(u) phi(u) z] / sqrt(q) = d E[phi(u)^2] / dq, the
 *              slope of the variance map over sigma_w2 (its limit at q = 0)
 *   phi12      E[phi(u1) phi(u2)]
 *   dphi12     E[phi'(u1) phi'(u2)]               (chi_c = sigma_w2 dphi12)
 * phi' is the signed derivative, the right one at a kink's z > 0 side. */
typedef struct {
    double phi2, dphi2, slope_q, phi12, dphi12;
} il_theory_moments;

il_status il_theory_expect(il_act act, double q, double c,
                           il_theory_moments *out);

/* The path through depth: q[0] = q0, c[0] = c0 (layer 1's pre-activations),
 * then q[l], c[l] for l = 1..depth by the maps (the c map at q[l-1]).  q and
 * c have depth + 1 entries; c may be NULL (then c0 is ignored).  q0 >= 0
 * finite, c0 in [-1, 1].  Once q overflows to +Inf it stays there and c
 * follows the limiting map of the activation's slopes at +-infinity. */
il_status il_theory_path(il_act act, double sigma_w2, double sigma_b2,
                         double q0, double c0, size_t depth, double *q,
                         double *c);

/* Prediction for a whole network with per-layer widths, activations and
 * variances: the forward pre-activation second moment and the backward
 * gradient second moment of every layer, per sample then averaged.
 *   n[0..L] widths (>= 1), acts[1..L] (acts[0] unused, as il_net's),
 *   sigma_w2[1..L], sigma_b2[1..L] (index 0 unused);
 *   input_sq[j] = ||x_j||^2 / n0 for each of m samples (>= 0, finite);
 *   out_grad_sq[j] = the output layer's measured mean over units of
 *   (dl_j / dz_L)^2 for sample j; NULL stands for 1 for every sample, which
 *   makes grad_pred the ratios g_l / g_L.
 * Outputs, L entries each, index l-1 for layer l:
 *   q_pred[l-1]    mean over j of q_l(j): q_1(j) = sigma_w2_1 input_sq[j] +
 *                  sigma_b2_1, q_l(j) = sigma_w2_l E[phi_{l-1}(sqrt(q_{l-1}(j))
 *                  z)^2] + sigma_b2_l;
 *   a2_pred[l-1]   mean over j of E[phi_l(sqrt(q_l(j)) z)^2], NaN for a
 *                  softmax layer;
 *   grad_pred[l-1] (may be NULL) g_L(j) = out_grad_sq[j], g_l(j) =
 *                  E[phi_l'(sqrt(q_l(j)) z)^2] (n_{l+1} / n_l) sigma_w2_{l+1}
 *                  g_{l+1}(j), averaged over j: the gradient-independence
 *                  assumption of Schoenholz et al. sec. 4.
 * Softmax is allowed only as the last layer. */
il_status il_theory_network(size_t L, const size_t *n, const il_act *acts,
                            const double *sigma_w2, const double *sigma_b2,
                            const double *input_sq, size_t m,
                            const double *out_grad_sq, double *q_pred,
                            double *a2_pred, double *grad_pred);

/* ---- predicted against measured ------------------------------------------ */

/* What the mean-field theory predicts for this network on X, layer by
 * layer, beside what the network does (each array L entries, layer l at
 * l-1).  The prediction sees each layer as sigma_w2 = n(l-1) mean(W.^2)
 * and sigma_b2 = mean(b.^2), read off the network, and follows each
 * sample from q_1 = sigma_w2 ||x||^2/n0 + sigma_b2 by the variance map
 * (il_theory_network); the backward prediction starts from the measured
 * output gradient of each sample and multiplies by E[f'(h)^2] n(l+1)/n(l)
 * sigma_w2(l+1) per layer (the gradient-independence assumption).  Wide
 * layers follow it; narrow ones, data far from Gaussian and weights that
 * are not i.i.d. with mean zero show where it stops holding.
 *   q:    the mean of Z.^2 (pre-activations), over units and samples
 *   a2:   the mean of A.^2 (activations; NaN predicted for softmax)
 *   grad: the mean of (dl_j/dZ).^2, the gradient of each sample's own loss
 *         (NaN without Y)
 * softmax is allowed as the output layer only (IL_EBADVALUE). */
typedef struct {
    double *sigma_w2, *sigma_b2;
    double *q_pred, *q_meas;
    double *a2_pred, *a2_meas;
    double *grad_pred, *grad_meas;
} il_propagation;

il_status il_net_propagation(const il_net *net, const double *X,
                             const double *Y, size_t m, il_propagation *p);

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
    size_t max_bytes;             /* refuse larger recordings, schedules
                                     and statistics (default, and 0:
                                     il_default_max_bytes())              */
    int accuracy;                 /* il_accuracy_rule (IL_ACCURACY_AUTO)  */
    const double *val_X, *val_Y;  /* il_train: a held-out set (n0 x val_m,
                                     nL x val_m) whose loss and accuracy
                                     are recorded at every entry          */
    size_t val_m;
    il_interrupt interrupt;       /* il_net_stats: optional               */
    void *interrupt_ctx;
} il_record_opts;

void il_record_opts_default(il_record_opts *opts);

typedef struct il_record il_record;

size_t il_record_count(const il_record *rec);          /* R                */
size_t il_record_layers(const il_record *rec);         /* L                */
size_t il_record_size(const il_record *rec, size_t l); /* n(l), l = 0..L   */
const long *il_record_iters(const il_record *rec);     /* R                */
const double *il_record_loss(const il_record *rec);    /* R, or NULL       */
const double *il_record_accuracy(const il_record *rec);
/* R each: the penalty of il_penalty at each entry and cost = loss + penalty
 * (with the loss), the validation set's loss and accuracy (when one was
 * given); NULL when not recorded. */
const double *il_record_penalty(const il_record *rec);
const double *il_record_cost(const il_record *rec);
const double *il_record_val_loss(const il_record *rec);
const double *il_record_val_accuracy(const il_record *rec);
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
 * entry, iteration 0.  Y may be NULL (then no loss and no gradients).
 * Refused past opts->max_bytes (IL_ETOOBIG naming hist_bins, percentiles
 * or what takes the most); polls opts->interrupt layer by layer. */
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
    double penalty;        /* of il_penalty: the cost is loss + penalty */
    const il_record *rec;
    /* The latest recorded saturation of each of the `layers` layers (of
     * rec's last entry), or NULL when none is recorded. */
    const double *saturation;
    size_t layers;
} il_progress;

/* Called every hook_every iterations (iteration 0 included); a nonzero
 * return stops training (IL_STOP_HOOK).  Front ends print progress and
 * poll for Ctrl-C here. */
typedef int (*il_hook)(void *ctx, const il_progress *progress);

/* More threads than this add nothing on the layers the engine trains. */
#define IL_MAX_THREADS 64

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
    double lambda;         /* a course's regularization (0): see il_penalty;
                              m is the training set's samples, also with
                              mini-batches                                 */
    il_hook hook;
    void *hook_ctx;
    long hook_every;
    il_interrupt interrupt;   /* polled every few iterations: a nonzero
                                 return ends training with IL_STOP_INTERRUPT
                                 (a normal return, what was recorded kept) */
    void *interrupt_ctx;
    int threads;           /* for the elementwise work of large layers: 0
                              (default) as many as the BLAS uses (OpenBLAS's
                              count, else 1), at most IL_MAX_THREADS; the
                              results are the same bits whatever the count */
} il_train_opts;

typedef enum {
    IL_STOP_NONE, IL_STOP_NONFINITE, IL_STOP_HOOK, IL_STOP_INTERRUPT
} il_stop;

typedef struct {
    long iters_done;
    il_stop stopped;
    long stop_iter;        /* iteration of the stop: whose gradient or
                              update was not finite (NaN/Inf), or where the
                              hook or the interrupt stopped the run       */
    size_t stop_layer;     /* its layer (non-finite stops), else 0        */
    double final_loss;     /* loss of the network returned, on the batch of
                              iteration iters_done (the whole data in full
                              batch).  After an update that overflowed the
                              network holds non-finite weights and this is
                              NaN or Inf                                  */
    char message[200];     /* why training stopped, for people            */
} il_train_info;

void il_train_opts_default(il_train_opts *opts);

/* Trains net in place on X (n0 x m) and Y (nL x m).  When rec_opts and rec
 * are not NULL, *rec receives the recording (also when training stopped
 * early: it then holds the iterations reached).  Iteration t means the
 * state after t updates; iteration 0 and the last iteration are always
 * recorded.  A run whose length (epochs x batches per epoch) or schedule
 * does not fit is refused before it starts (IL_EBADVALUE, IL_ETOOBIG).
 *
 * A stop is a normal return with info->stopped set; the record's last
 * entry is then the state of the network returned, iteration iters_done.
 * A gradient that is not finite at t stops there (iters_done = t); an
 * update at t that overflows is completed in every layer and stops after
 * it (iters_done = t + 1: the network, its last record entry and
 * final_loss hold the non-finite state, for the user to see where it went
 * wrong).  The hook and the interrupt stop at t (IL_STOP_HOOK,
 * IL_STOP_INTERRUPT); an interrupt inside a large record drops that
 * entry. */
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
    size_t max_bytes;  /* refuse larger datasets: X, labels and the
                          targets a front end makes of them (default,
                          and 0: il_default_max_bytes())                */
    il_interrupt interrupt;
    void *interrupt_ctx;
} il_dataset_opts;

void il_dataset_opts_default(il_dataset_opts *opts, il_dataset_kind kind);
il_status il_dataset_from_name(const char *name, il_dataset_kind *kind);
const char *il_dataset_name(il_dataset_kind kind);

/* Checks a request without generating it: names, n >= 1, the options
 * (spirals and blobs take 2..1000000 classes), and that X (2 x n), the
 * labels (n) and their targets (1 x n, or classes x n one-hot for more
 * than two classes) fit in max_bytes (IL_ETOOBIG naming n).  Front ends
 * call it before they allocate X; il_dataset calls it too. */
il_status il_dataset_check(il_dataset_kind kind, size_t n,
                           const il_dataset_opts *opts);

/* X (2 x n) receives the points, labels (n) their class 0..classes-1.
 * Polls opts->interrupt every 65536 points (IL_EINTERRUPTED, X and labels
 * then unfinished). */
il_status il_dataset(il_dataset_kind kind, size_t n,
                     const il_dataset_opts *opts, uint64_t seed, double *X,
                     double *labels);

/* Y (k x n) = one-hot of labels in 0..k-1. */
il_status il_onehot(const double *labels, size_t n, size_t k, double *Y);

/* The targets of a dataset's labels (0..classes-1), as the output layer
 * that fits them wants: with 2 classes one row of 0/1 (a sigmoid's), with
 * more one-hot, classes x n (a softmax's).  Y has
 * il_dataset_target_rows(classes) x n entries. */
size_t il_dataset_target_rows(size_t classes);
il_status il_dataset_targets(const double *labels, size_t n, size_t classes,
                             double *Y);


/* ---- figures: what il_plot / il.plot draw, and how ---------------------- */

/* The figures both front ends draw are described here once: each kind's
 * name, what it reads, its axis rule and layout, title and y-label; and
 * the rules for axis limits and weight colours, so that Octave and Lua
 * (and the animations) draw the same limits and the same colours. */

/* How a y-axis is chosen (il_axis_range). */
enum {
    IL_AXIS_LINEAR = 0,  /* padded by IL_AXIS_PAD of the span each side     */
    IL_AXIS_LOG = 1,     /* log when every value is > 0 and max/min >=
                            IL_AXIS_DECADES (padded in log space); linear
                            otherwise                                      */
    IL_AXIS_INTEGER = 2  /* counts: [floor(min) - 0.5, ceil(max) + 0.5]     */
};
#define IL_AXIS_PAD 0.05
#define IL_AXIS_DECADES 10.0
/* Lines with fewer recorded iterations than this get a marker at each. */
#define IL_PLOT_MARKERS_BELOW 30
/* Weight heat maps: r = max(max|W| of the panel, IL_COLOR_RELATIVE x the
 * largest |weight| in the figure, IL_COLOR_ABSOLUTE). */
#define IL_COLOR_RELATIVE 1e-3
#define IL_COLOR_ABSOLUTE 1e-12
/* Spectrum figures: this many bins over the shared x-axis (il_hist_edges). */
#define IL_SPECTRUM_BINS 40

/* How a figure lays out several records (or networks). */
enum {
    IL_LAYOUT_OVERLAY = 0,   /* one axes, a line per record (and layer)     */
    IL_LAYOUT_MULTIPLES = 1  /* a panel per record, axes and colours shared */
};

typedef struct {
    const char *name;     /* "loss", "saturation", "weights", ...          */
    const char *field;    /* the record field drawn (boundary: "" - it
                             draws networks)                              */
    const char *field2;   /* a second field: act's act_std band, weights'
                             b, hist's hist_edges; "" for none            */
    const char *validation; /* drawn dashed when the record has it, or "" */
    int per_layer;        /* a line (or curve) per layer                  */
    int axis;             /* IL_AXIS_* of the y-axis                      */
    int layout;           /* IL_LAYOUT_*                                  */
    const char *title;    /* the figure's title                           */
    const char *ylabel;
    const char *doc;      /* one line                                     */
} il_plot_info;

/* "linear", "log", "integer"; "overlay", "multiples" (NULL for others). */
const char *il_axis_name(int rule);
const char *il_layout_name(int layout);

size_t il_plot_count(void);
const il_plot_info *il_plot_at(size_t i);
/* The kind of a name (exact), or NULL with IL_EBADNAME naming the kinds. */
const il_plot_info *il_plot_find(const char *name);

/* The kinds table and the figure rules as a front end hands them to its
 * users, without naming a column: il_plot_columns() columns named by
 * il_plot_column(k), each cell of kind i a text, a number or a flag; the
 * rules (markers_below, color_relative, ...) as named numbers. */
typedef enum { IL_CELL_TEXT, IL_CELL_NUMBER, IL_CELL_FLAG } il_cell_kind;
typedef struct {
    il_cell_kind kind;
    const char *text;     /* IL_CELL_TEXT                                  */
    double number;        /* IL_CELL_NUMBER, IL_CELL_FLAG (0 or 1)         */
} il_cell;
size_t il_plot_columns(void);
const char *il_plot_column(size_t k);
il_cell il_plot_cell(size_t i, size_t k);
size_t il_plot_rules(void);
const char *il_plot_rule(size_t k, double *value);

/* The y-limits [*lo, *hi] for the n values x (NaN and Inf are skipped) by
 * rule (IL_AXIS_*): padded so that no value sits on the frame; a constant
 * series c gets c -+ 10% of |c| (-+ 1 for 0; integer: -+ 0.5); no finite
 * value: [0, 1].  il_axis_log says whether rule IL_AXIS_LOG draws these
 * values on a log axis. */
void il_axis_range(const double *x, size_t n, int rule, double *lo,
                   double *hi);
int il_axis_log(const double *x, size_t n, int rule);

/* The bins + 1 edges of a histogram over the axis il_axis_range(x, n,
 * rule) draws: equal steps in log10 when il_axis_log(x, n, rule), equal
 * steps otherwise; the ends are that range's lo and hi exactly.  Returns
 * il_axis_log.  il_hist_count: counts[k] = how many of the n values x lie
 * in [edges[k], edges[k + 1]) (the last bin also takes edges[bins]);
 * values outside, NaN and Inf are not counted.  Both front ends' spectrum
 * figures draw these bins ("histogram" command). */
int il_hist_edges(const double *x, size_t n, int rule, size_t bins,
                  double *edges);
void il_hist_count(const double *x, size_t n, const double *edges,
                   size_t bins, double *counts);

/* The half-width r of a weight heat map's symmetric colour range [-r, r]
 * for weights whose largest magnitude is max_abs, in a figure whose
 * largest magnitude anywhere is reference (the floor rule above). */
double il_color_range(double max_abs, double reference);
/* The diverging palette: t in [-1, 1] (value / r, clamped) -> rgb:
 * blue (33, 102, 172) at -1, white at 0, red (178, 24, 43) at 1, linear
 * in between. */
void il_palette_rgb(double t, unsigned char rgb[3]);

/* ---- animations: recorded iterations as an animated GIF --------------- */

/* A GIF89a writer: a global palette of `colors` rgb triples (1..256), then
 * frames of width x height palette indices (row by row from the top), each
 * shown for delay_ms (GIF counts 10 ms steps; many viewers show delays
 * under 20 ms as 100 ms).  loop: the NETSCAPE2.0 extension, play forever.
 * A file that cannot be opened or written is IL_EIO naming the path;
 * il_gif_close writes the trailer and frees, il_gif_discard frees after a
 * failure, leaving what was written. */
typedef struct il_gif il_gif;
il_status il_gif_open(il_gif **gif, const char *path, size_t width,
                      size_t height, const unsigned char *palette,
                      size_t colors, int loop);
il_status il_gif_frame(il_gif *gif, const unsigned char *pixels,
                       double delay_ms);
il_status il_gif_close(il_gif *gif);
void il_gif_discard(il_gif *gif);

/* What an animation shows, one frame per recorded iteration, labelled
 * "iter N":
 *   weights  the heat map of [W b] of each layer (or of one), in
 *            il_palette_rgb's colours; each layer's colour range r is
 *            il_color_range(its largest |weight| over every frame, the
 *            largest |weight| of the animation), the same in every frame,
 *            so that a growing weight is a deepening colour;
 *   hist     each layer's activation histogram as bars, the height scale
 *            of a layer the same in every frame. */
typedef enum { IL_ANIM_WEIGHTS, IL_ANIM_HIST, IL_ANIM_COUNT } il_anim_kind;

il_status il_anim_from_name(const char *name, il_anim_kind *kind);
const char *il_anim_name(il_anim_kind kind);

typedef struct {
    size_t layer;      /* 0 (default): every layer side by side; else 1..L */
    double delay_ms;   /* per frame (100)                                   */
    size_t scale;      /* pixels per weight cell or histogram bin; 0
                          (default): chosen for a frame about 400 px wide  */
    int loop;          /* 1 (default): play forever; 0: once               */
    size_t max_bytes;  /* a frame's pixels past this: IL_ETOOBIG (0: the
                          default cap)                                     */
} il_anim_opts;

void il_anim_opts_default(il_anim_opts *opts);

/* The frames, as a record holds them: R entries, L layers.  weights: the
 * sizes n0..nL, and layer l's W (n(l) x n(l-1)) and b (n(l)) of entry r at
 * W[(l-1) R + r] and b[(l-1) R + r].  hist: L x bins x R counts over
 * [lo, hi] (il_record_hist's). */
typedef struct {
    size_t layers, frames;
    const double *iters;            /* R: the labels                      */
    const size_t *sizes;
    const double *const *W;
    const double *const *b;
    const double *hist;
    size_t bins;
    double lo, hi;
    void *owned;                    /* il_anim_frames_read's             */
} il_anim_frames;

/* Writes the animation to path: IL_EBADSIZE / IL_EBADINDEX for frames or
 * a layer that do not fit, IL_ETOOBIG past max_bytes or a GIF's 65535
 * pixels, IL_EIO for the file. */
il_status il_animate(const char *path, il_anim_kind kind,
                     const il_anim_frames *frames, const il_anim_opts *opts);
/* The frames of a record as a host hands it back: a list of name, value,
 * ... of its fields (as il_report_write takes a run), read in either front
 * end's layout (Octave's arrays, an n x k x R array as n x k*R; Lua's
 * lists of matrices).  The frames point into the host's values, which
 * must outlive them; il_anim_frames_free frees what the reading made. */
struct il_value;
il_status il_anim_frames_read(const struct il_value *rec, il_anim_kind kind,
                              il_anim_frames *frames);
void il_anim_frames_free(il_anim_frames *frames);
/* The same from a record (weights: recorded with IL_REC_WEIGHTS; hist:
 * IL_REC_HIST), IL_EBADARG naming what it lacks. */
il_status il_animate_record(const char *path, il_anim_kind kind,
                            const il_record *rec, const il_anim_opts *opts);

/* ---- the contract: options and records, described once --------------- */

/* The front ends (Octave, Lua) restate no option name, default or limit:
 * they walk the host's name/value pairs, turn each value into an il_value
 * and hand it to il_options_set, which checks it against the call's table;
 * a finisher (il_options_train, ...) then fills the engine structs above.
 * Records are built by walking il_record_field_at.  So an option is added
 * by one row in src/contract.c and the code that uses it. */

typedef enum {
    IL_CALL_NET,      /* il_net(sizes, act, ...) / il.net{...}            */
    IL_CALL_INIT,     /* il_init(net, name, ...) / net:init(name, {...})  */
    IL_CALL_TRAIN,    /* il_train / net:train: training and recording     */
    IL_CALL_STATS,    /* il_stats / net:stats: recording options          */
    IL_CALL_DATASET,  /* il_dataset(name, n, ...) / il.dataset(name, {...}) */
    IL_CALL_GAIN,     /* il_gain(name, param) / il.gain                   */
    IL_CALL_EVALUATE, /* il_accuracy / net:evaluate                       */
    IL_CALL_THEORY,   /* il_theory(act, ...) / il.theory(act, {...})      */
    IL_CALL_JACOBIAN, /* il_jacobian(net, X) / il.jacobian(net, X)        */
    IL_CALL_COST,     /* il_cost, il_gradients / net:cost, net:gradients  */
    IL_CALL_RAND,     /* il_rand(stream, seed) / il.rand: a new stream    */
    IL_CALL_DRAW,     /* il_rand(g, distribution, size...) / g:normal ... */
    IL_CALL_REPORT,   /* il_report(recs, file, ...) / il.report: a page   */
    IL_CALL_ANIMATE,  /* il_animate(rec, kind, file, ...) / il.animate    */
    IL_CALL_COUNT
} il_call;

const char *il_call_name(il_call call);           /* "net", "init", ...   */
il_status il_call_from_name(const char *name, il_call *call);

/* What an option takes. */
typedef enum {
    IL_TYPE_NUMBER,    /* a real scalar in its range                      */
    IL_TYPE_COUNT,     /* a whole number in its range                     */
    IL_TYPE_SEED,      /* a whole number 0 .. 2^64-1 (numpy: 2^32-1)      */
    IL_TYPE_BOOL,      /* true/false (a logical, or the number 0 or 1)    */
    IL_TYPE_NAME,      /* one of the names of a kind ("optimizer")        */
    IL_TYPE_NAMES,     /* a name, or a list of names (one per layer ...)  */
    IL_TYPE_VECTOR,    /* real numbers in the range, as a vector or list  */
    IL_TYPE_MATRIX,    /* a real matrix                                   */
    IL_TYPE_MATRICES,  /* a matrix, or a list of them (one per layer)     */
    IL_TYPE_NAMES_OR_NUMBER, /* a number, or a name or list of names      */
    IL_TYPE_FUNCTION,  /* a host function (a progress callback)           */
    IL_TYPE_TEXT       /* any string (max_len 1), or a list of strings    */
} il_type;

typedef struct {
    const char *name;
    const char *alias;        /* another name it answers to, or NULL      */
    il_type type;
    double min, max;          /* NUMBER, COUNT, VECTOR entries: the range */
    int min_open, max_open;   /* 1: that bound is excluded                */
    size_t max_len;           /* VECTOR, NAMES: at most this many (0: any) */
    const char *names;        /* NAME, NAMES: whose names ("optimizer")  */
    const char *default_text; /* the default, as help and README show it  */
    const char *doc;          /* one line                                 */
} il_option_info;

/* The type's name, as the option introspection of both front ends gives
 * it: "number", "count", ..., "names_or_number", "function". */
const char *il_type_name(il_type type);

size_t il_option_count(il_call call);
const il_option_info *il_option_at(il_call call, size_t i);
/* What an option takes, in words: "a number in [0, 1)", "a whole number
 * >= 0", "true or false", "a name: sgd, momentum, ...", for help, the
 * README and messages alike. */
void il_option_describe(const il_option_info *option, char *buf, size_t size);
/* The names a NAME option's kind knows ("optimizer": sgd, momentum, ...),
 * comma-separated, for docs and messages. */
const char *il_names_of(const char *kind);

/* A host value as the front end found it.  Numbers of any host class
 * (double, single, integers, logical) arrive as doubles; is_logical marks
 * a host true or false (a logical scalar, a Lua boolean), while a logical
 * array is 0/1 data.  LIST items are values themselves (a cell, a Lua
 * sequence).  Anything else is IL_VAL_OTHER with host_type naming it
 * ("a struct", "a complex number", "a sparse matrix", "a function", ...)
 * so that the error can say what was given.  The engine copies what it
 * keeps, except MATRIX/MATRICES data, which must stay alive until the
 * finisher's result has been used. */
typedef enum {
    IL_VAL_NUMBERS, IL_VAL_STRING, IL_VAL_LIST, IL_VAL_FUNCTION,
    IL_VAL_OTHER,
    IL_VAL_NONE,   /* nothing given (a Lua nil): a positional option skipped */
    IL_VAL_NET,    /* an engine network the host holds (Lua's)            */
    IL_VAL_FIELDS  /* a host record of named values (an Octave struct),
                      read as a network: the fields il_net_field_name lists */
} il_val_kind;

typedef struct il_value {
    il_val_kind kind;
    const double *data;       /* NUMBERS: rows x cols, column-major       */
    size_t rows, cols;
    int is_logical;
    const char *str;          /* STRING (NUL-terminated)                  */
    const struct il_value *items; /* LIST, FIELDS (one per name)          */
    size_t n_items;
    const char *host_type;    /* OTHER                                    */
    il_net *net;              /* NET: borrowed; a command changes it      */
} il_value;

typedef struct il_options il_options;

il_status il_options_new(il_call call, il_options **opts);
void il_options_free(il_options *opts);
/* Sets an option by name (matched ignoring case; aliases too) after
 * checking the value's type and range: IL_EBADOPTION for an unknown name
 * ("unknown option 'itres' of train; expected one of: iters, epochs, ..."),
 * IL_EBADARG for a value of the wrong type ("option 'lr' must be a number,
 * got a string"), IL_EBADVALUE out of range ("option 'lr' must be a finite
 * number > 0, got NaN").  A later value replaces an earlier one. */
il_status il_options_set(il_options *opts, const char *name,
                         const il_value *value);
/* Whether an option was set; and the number a NUMBER/COUNT/BOOL option
 * holds (its default when not set), for what front ends do themselves
 * (progress printing). */
int il_options_given(const il_options *opts, const char *name);
double il_options_number(const il_options *opts, const char *name);

/* Finishers: the engine structs an option set stands for, checked as a
 * whole (what combines several options).  Pointers they fill point into
 * opts (and into the MATRIX values given), which must outlive their use. */
il_status il_options_net(il_options *opts, il_net **net);
/* The network the options describe with every parameter 0, for a front end
 * that copies its own weights in (a network struct read back). */
il_status il_options_layout(il_options *opts, il_net **net);
il_status il_options_init(il_options *opts, const il_net *net,
                          il_init_opts *init);
il_status il_options_train(il_options *opts, const il_net *net,
                           il_train_opts *train, il_record_opts *record);
/* How training reports progress: *print, whether to print the progress
 * line (verbose; a progress function replaces it unless verbose is given),
 * and *every, the iterations between hook calls (progress_every; 0 when
 * nothing is to be printed or called). */
void il_options_progress(const il_options *opts, int *print, long *every);
il_status il_options_stats(il_options *opts, const il_net *net,
                           il_record_opts *record);
il_status il_options_dataset(il_options *opts, il_dataset_kind *kind,
                             size_t *n, il_dataset_opts *dataset,
                             uint64_t *seed);
il_status il_options_gain(il_options *opts, il_act *act);
il_status il_options_evaluate(il_options *opts, il_accuracy_rule *rule);
il_status il_options_cost(il_options *opts, il_penalty *penalty);
/* What il_theory is asked: the theory at (sigma_w2, sigma_b2), or at the
 * critical sigma_w2 of sigma_b2, and optionally the path of depth layers
 * from (q0, c0). */
typedef struct {
    il_act act;
    double sigma_w2;       /* NaN when critical                          */
    double sigma_b2;
    int critical;
    size_t depth;
    double q0, c0;
} il_theory_opts;
il_status il_options_theory(il_options *opts, il_theory_opts *theory);
/* A stream to start, and a draw from one: *rows x *cols is the size (n
 * alone: 1 x n), checked with the draw's options and its max_bytes. */
il_status il_options_rand(il_options *opts, int *kind, uint64_t *seed);
il_status il_options_draw(il_options *opts, il_draw_opts *draw, size_t *rows,
                          size_t *cols);

/* ---- what a record holds ----------------------------------------------- */

/* The shape of a record field; R records, L layers.  Front ends lay each
 * out the same way: Octave as the array with these dimensions (PER_LAYER:
 * a 1 x L cell of them), Lua as nested lists indexed [layer][record]
 * [item] (ROW and EDGES: [record] / [item]; PER_LAYER: [layer][record] is
 * a matrix). */
typedef enum {
    IL_SHAPE_ROW,         /* 1 x R                                       */
    IL_SHAPE_LAYERS,      /* L x R                                       */
    IL_SHAPE_LAYER_ITEMS, /* L x k x R (k percentiles, or bins)          */
    IL_SHAPE_EDGES,       /* 1 x (bins + 1)                              */
    IL_SHAPE_PER_LAYER,   /* for each layer l: n(l) x k x R (k: n(l-1)
                             for W, 1 for b)                             */
    IL_SHAPE_SCALAR,      /* one number: a training result               */
    IL_SHAPE_STRING       /* one string: a training result               */
} il_shape;

typedef struct {
    const char *name;
    il_shape shape;
    unsigned part;            /* the IL_REC_* bit that records it (0: always;
                                 training results: IL_REC_TRAIN)          */
    const char *doc;
} il_field_info;

#define IL_REC_TRAIN (1u << 16)  /* a field il_train adds (iters_done, ...) */

size_t il_record_field_count(void);
const il_field_info *il_record_field_at(size_t i);

/* Field i of rec: its data and dims (d[0] x d[1] x d[2]; PER_LAYER: of layer
 * l = 1..L, others ignore l), or NULL when rec does not hold it.  The
 * numbers are copied out through out, which the caller sizes from dims:
 * first call with out NULL to learn dims. */
il_status il_record_field(const il_record *rec, size_t i, size_t l,
                          size_t dims[3], double *out, int *present);
/* A training result field (SCALAR or STRING) from info. */
il_status il_train_field(const il_train_info *info, size_t i, double *number,
                         const char **text);

/* The progress line both front ends print: "iter 100/1000  loss 0.693 ..." */
void il_progress_line(const il_progress *p, char *buf, size_t size);

/* ---- commands: all a front end does ------------------------------------ */

/* A front end runs every call the same way, naming nothing itself:
 * il_command_new by the call's name ("net", "init", "train", "stats",
 * "dataset", "gain", "forward", "evaluate", "onehot", "summary", "rand"
 * (stream, seed -> state), "draw" (state, distribution, size, options -> x,
 * the state after it: a host keeps the state and hands it back); and for a
 * front end whose networks are handles, "layer" (net, l -> W, b),
 * "set_layer" (net, l, W, b) and "copy" (net -> a new one)); its
 * positional arguments in
 * order (il_command_arg: the inputs, then the options that may come
 * positionally), then name/value options (il_command_option);
 * il_command_prepare, given how many results the caller takes, which
 * checks everything and sizes the results; storage for each MATRIX and
 * MATRICES result (il_command_bind: the host's own arrays, written in
 * place); il_command_run; then the results, read back by kind. */

typedef struct il_command il_command;

typedef enum {
    IL_RES_NUMBER,   /* a number                                          */
    IL_RES_BOOL,     /* true or false                                     */
    IL_RES_MATRIX,   /* rows x cols doubles, in storage the host binds    */
    IL_RES_MATRICES, /* one matrix per layer, in storage the host binds   */
    IL_RES_NET,      /* a network: the one given (changed) or a new one   */
    IL_RES_RECORD,   /* a record, with training's results if it trained   */
    IL_RES_TEXT,     /* a string, owned by the command                    */
    IL_RES_FIELDS    /* named numbers, matrices and texts (a struct, a
                        table), owned by the command: il_command_field    */
} il_res_kind;

/* What a running command asks of its host; any may be NULL. */
typedef struct {
    void *ctx;
    int (*interrupt)(void *ctx);  /* a Ctrl-C pending: nonzero stops      */
    /* the progress function given as an option; nonzero stops training */
    int (*progress)(void *ctx, const il_progress *p);
    void (*print)(void *ctx, const char *line); /* progress lines, notices */
} il_host;

il_status il_command_new(const char *name, il_command **cmd);
/* The same command made in storage the caller owns (a front end's stack):
 * a call then allocates no block of the command's size, which glibc serves
 * from its large bins only after consolidating every small block freed
 * since - on a tiny call from Octave, more than the engine's work.
 * il_command_free ends it and leaves the storage to the caller. */
#define IL_COMMAND_BYTES 6144
typedef union {
    max_align_t align;
    unsigned char bytes[IL_COMMAND_BYTES];
} il_command_room;
il_status il_command_start(const char *name, il_command_room *room,
                           il_command **cmd);
void il_command_free(il_command *cmd);
/* How many positional arguments the command takes (SIZE_MAX: all, for a
 * command without options), and how they read: "net, X, Y". */
size_t il_command_positional(const il_command *cmd);
const char *il_command_usage(const il_command *cmd);
/* The next positional argument (a NONE value skips a positional option). */
il_status il_command_arg(il_command *cmd, const il_value *value);
/* An option by name, checked as il_options_set checks it. */
il_status il_command_option(il_command *cmd, const char *name,
                            const il_value *value);
/* Checks the arguments as a whole, for a caller taking nresults results
 * (0 counts as 1: a result is always given). */
il_status il_command_prepare(il_command *cmd, size_t nresults);
/* The results, after il_command_prepare: their count, names and kinds,
 * and the dims of MATRIX (item 0) and MATRICES (item l-1 for layer l) ones;
 * il_command_items is 1 for all but MATRICES. */
size_t il_command_results(const il_command *cmd);
const char *il_command_result_name(const il_command *cmd, size_t k);
il_res_kind il_command_result_kind(const il_command *cmd, size_t k);
size_t il_command_items(const il_command *cmd, size_t k);
void il_command_dims(const il_command *cmd, size_t k, size_t item,
                     size_t *rows, size_t *cols);
void il_command_bind(il_command *cmd, size_t k, size_t item, double *storage);
il_status il_command_run(il_command *cmd, const il_host *host);
/* NUMBER and BOOL results. */
double il_command_number(const il_command *cmd, size_t k);
/* The NET result; *given: 1 when it is the network the host passed (for a
 * FIELDS value, the network read from it), changed in place. */
const il_net *il_command_net(const il_command *cmd, int *given);
/* A new NET result handed over to the caller, who frees it (NULL if the
 * result is the given network). */
il_net *il_command_take_net(il_command *cmd);
/* A TEXT result, NUL-terminated, alive until il_command_free (NULL when
 * result k is not one). */
const char *il_command_text(const il_command *cmd, size_t k);
/* The FIELDS result, after il_command_run: how many values it holds, and
 * value i's name with either *text (a string; *data NULL) or *data, rows x
 * cols numbers; *matrix is 0 for a single number a host shows as a scalar
 * (Lua: a number, not a matrix), 1 for a matrix of any size.  NULL past the
 * last.  Alive until il_command_free. */
size_t il_command_field_count(const il_command *cmd);
const char *il_command_field(const il_command *cmd, size_t i,
                             const char **text, const double **data,
                             size_t *rows, size_t *cols, int *matrix);
/* The RECORD result; *info: training's results, or NULL when it did not
 * train. */
const il_record *il_command_record(const il_command *cmd,
                                   const il_train_info **info);
/* The fields a network read from a host record (FIELDS) has, in order:
 * sizes, act, act_param, loss, W, b. */
size_t il_net_field_count(void);
const char *il_net_field_name(size_t i);

/* ---- run reports ------------------------------------------------------- */

/* One self-contained HTML page (its script, style and data inside: it
 * opens from disk with no network) on which a reader scrubs through the
 * recorded iterations of several runs side by side: per run, for the layer
 * chosen, the heat map of [W b] (a diverging palette, il_palette_rgb, over
 * +-r, r = il_color_range(largest |weight| of the layer over the run,
 * largest |weight| of the report)), the activation histogram, saturation
 * and distinct units over the iterations and the loss (log scale), each
 * with a marker at the current iteration.  The slider runs over every
 * iteration any run recorded; a run shows its latest entry at or before
 * it.  A part a record lacks is shown as "not recorded".
 *
 * A run is a record as a host holds it, handed back as a list of name,
 * value, name, value ... of its fields (il_record_field_at's names, in any
 * order; names the report does not draw are skipped): iter is required;
 * loss, saturation, distinct, hist with hist_edges, W with b are drawn.
 * Values are read in either front end's layout (il_shape: Octave's arrays,
 * an N-d array given as rows x the rest; Lua's nested lists).  The data is
 * JSON the engine formats itself (%.17g; NaN and Inf as null), so equal
 * records give the same bytes from C, Octave and Lua. */
typedef struct {
    const char *file;            /* the page to write (required)          */
    const char *title;           /* NULL: "initlab run report"            */
    const char *const *labels;   /* one per run; NULL: "run 1", ...       */
    size_t n_labels;
    const double *layers;        /* the layers offered, 1-based; NULL: all */
    size_t n_layers;
    size_t max_bytes;            /* refuse a larger page (0: the default) */
} il_report_opts;

void il_report_opts_default(il_report_opts *opts);
/* The page as a malloc'd NUL-terminated text of *length bytes. */
il_status il_report_text(const il_value *runs, size_t n_runs,
                         const il_report_opts *opts, char **text,
                         size_t *length);
/* The page written to opts->file; *bytes (may be NULL) its size. */
il_status il_report_write(const il_value *runs, size_t n_runs,
                          const il_report_opts *opts, size_t *bytes);
/* The animate table's options: what to draw, where, and how. */
il_status il_options_animate(il_options *opts, il_anim_kind *kind,
                             const char **file, il_anim_opts *anim);
/* The report table's options for n_runs runs (labels: one per run). */
il_status il_options_report(il_options *opts, size_t n_runs,
                            il_report_opts *report);

#ifdef __cplusplus
}
#endif

#endif
