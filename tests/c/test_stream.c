/*
 * test_stream.c - src/stream.c: streams saved as doubles and loaded back
 * (every corruption refused), the draws' meaning on both streams, and the
 * "rand" and "draw" commands a front end runs.  The numpy stream's draws
 * against NumPy itself are tests/numpy's.
 */
#include <stdlib.h>

#include "check.h"
#include "initlab.h"
#include "values.h"

#define NP_STATE 629
#define XO_STATE 12

static int same(const double *a, const double *b, size_t n)
{
    return memcmp(a, b, n * sizeof *a) == 0;
}

static void test_a_saved_stream_goes_on_as_the_original(void)
{
    int kinds[] = {IL_RNG_NUMPY, IL_RNG_XOSHIRO}, k, i;
    for (k = 0; k < 2; k++) {
        il_rng a, b;
        double sa[NP_STATE], sb[NP_STATE], x, y;
        size_t n = il_rng_state_size(kinds[k]);
        CHECK(n == (kinds[k] == IL_RNG_NUMPY ? NP_STATE : XO_STATE));
        CHECK_OK(il_rng_start(&a, kinds[k], 5));
        for (i = 0; i < 3; i++) /* an odd count: a normal is kept */
            (void)il_rng_normal(&a);
        il_rng_save(&a, sa);
        CHECK(sa[0] == IL_RNG_STATE_TAG && sa[1] == kinds[k]);
        CHECK(sa[n - 2] == 1); /* the kept normal travels with the state */
        CHECK_OK(il_rng_load(&b, sa, n));
        for (i = 0; i < 2000; i++) {
            x = il_rng_normal(&a);
            y = il_rng_normal(&b);
            CHECK(memcmp(&x, &y, sizeof x) == 0);
            CHECK(il_rng_below(&a, 1000) == il_rng_below(&b, 1000));
        }
        il_rng_save(&a, sa);
        il_rng_save(&b, sb);
        CHECK(same(sa, sb, n));
    }
}

static void test_a_numpy_state_is_get_state(void)
{
    il_rng r;
    double s[NP_STATE];
    uint32_t key1 = 1812433253u * (42u ^ (42u >> 30)) + 1u;
    CHECK_OK(il_rng_start(&r, IL_RNG_NUMPY, 42));
    il_rng_save(&r, s);
    /* init_genrand's words, the position 624 (regenerate first), no
     * Gaussian kept: what np.random.seed(42); get_state() says */
    CHECK(s[2] == 42 && s[3] == key1);
    CHECK(s[2 + 624] == 624 && s[627] == 0 && s[628] == 0);
    (void)il_rng_normal(&r);
    (void)il_rng_normal(&r); /* the kept one used up: 0 again */
    il_rng_save(&r, s);
    CHECK(s[627] == 0 && s[628] == 0 && s[626] > 0 && s[626] < 624);
}

static void test_corrupted_states_are_refused(void)
{
    il_rng r, before;
    double good[NP_STATE], s[NP_STATE], xo[XO_STATE];
    size_t i;
    CHECK_OK(il_rng_start(&r, IL_RNG_NUMPY, 1));
    (void)il_rng_normal(&r);
    il_rng_save(&r, good);
    before = r;
#define BROKEN(entry, value, status, text)                                   \
    do {                                                                     \
        memcpy(s, good, sizeof s);                                           \
        s[entry] = (value);                                                  \
        CHECK_FAILS(il_rng_load(&r, s, NP_STATE), status, text);             \
    } while (0)
    BROKEN(0, 0, IL_EBADVALUE, "a stream's state from il_rand");
    BROKEN(1, 2, IL_EBADVALUE, "state(2) must be 0 (xoshiro) or 1 (numpy)");
    BROKEN(1, 0, IL_EBADSIZE, "xoshiro stream has 12 numbers, got 629");
    BROKEN(7, 0.5, IL_EBADVALUE, "state(8) must be a whole number in 0..4294967295");
    BROKEN(7, -1, IL_EBADVALUE, "got -1");
    BROKEN(7, 4294967296.0, IL_EBADVALUE, "state(8)");
    BROKEN(7, NAN, IL_EBADVALUE, "got NaN");
    BROKEN(626, 625, IL_EBADVALUE, "state(627), the position");
    BROKEN(626, 3.5, IL_EBADVALUE, "state(627)");
    BROKEN(627, 2, IL_EBADVALUE, "state(628), whether a normal is kept");
    BROKEN(628, INFINITY, IL_EBADVALUE, "state(629), the normal kept, must be finite");
    memcpy(s, good, sizeof s);
    s[627] = 0; /* none kept, yet a value */
    CHECK_FAILS(il_rng_load(&r, s, NP_STATE), IL_EBADVALUE, "0 (none is kept)");
    CHECK_FAILS(il_rng_load(&r, good, NP_STATE - 1), IL_EBADSIZE,
                "numpy stream has 629 numbers, got 628");
    CHECK_FAILS(il_rng_load(&r, good, 1), IL_EBADVALUE, "too few numbers");
    CHECK_FAILS(il_rng_load(&r, NULL, 0), IL_EBADVALUE, "too few numbers");
    memcpy(s, good, sizeof s);
    for (i = 2; i < 2 + 624; i++)
        s[i] = 0;
    CHECK_FAILS(il_rng_load(&r, s, NP_STATE), IL_EBADVALUE, "every word");
    CHECK(memcmp(&r, &before, sizeof r) == 0); /* refusals change nothing */
    il_rng_seed(&r, 3);
    il_rng_save(&r, xo);
    for (i = 2; i < 10; i++)
        xo[i] = 0;
    CHECK_FAILS(il_rng_load(&r, xo, XO_STATE), IL_EBADVALUE, "every word");
#undef BROKEN
}

/* n draws of o from a fresh stream of kind and seed 9 */
static void drawn(int kind, const il_draw_opts *o, size_t rows, size_t cols,
                  double *x)
{
    il_rng r;
    CHECK_OK(il_rng_start(&r, kind, 9));
    CHECK_OK(il_rng_draw(&r, o, rows, cols, x));
}

static void test_draws_mean_what_they_say(void)
{
    int kinds[] = {IL_RNG_NUMPY, IL_RNG_XOSHIRO}, k;
    double x[600], y[600], seen[7];
    size_t i, j;
    il_draw_opts o;
    for (k = 0; k < 2; k++) {
        il_draw_opts_default(&o, IL_DRAW_INTEGERS);
        o.low = -3;
        o.high = 4;
        drawn(kinds[k], &o, 600, 1, x);
        memset(seen, 0, sizeof seen);
        for (i = 0; i < 600; i++) {
            CHECK(x[i] >= -3 && x[i] <= 3 && x[i] == floor(x[i]));
            seen[(int)x[i] + 3] = 1;
        }
        for (i = 0; i < 7; i++)
            CHECK(seen[i]);
        il_draw_opts_default(&o, IL_DRAW_PERMUTATION);
        o.low = 1;
        drawn(kinds[k], &o, 1, 300, x);
        memset(y, 0, sizeof y);
        for (i = 0; i < 300; i++)
            y[(int)x[i] - 1] += 1;
        for (i = 0; i < 300; i++)
            CHECK(y[i] == 1); /* each of 1..300 once */
        CHECK(x[0] != 1 || x[1] != 2 || x[2] != 3);
        il_draw_opts_default(&o, IL_DRAW_UNIFORM);
        o.low = -2;
        o.high = 3;
        drawn(kinds[k], &o, 600, 1, x);
        for (i = 0; i < 600; i++)
            CHECK(x[i] >= -2 && x[i] < 3);
        /* normal(mean, std) is mean + std * randn, draw for draw */
        il_draw_opts_default(&o, IL_DRAW_NORMAL);
        drawn(kinds[k], &o, 600, 1, y);
        o.mean = 1.5;
        o.std = 0.25;
        drawn(kinds[k], &o, 600, 1, x);
        for (i = 0; i < 600; i++)
            CHECK(x[i] == 1.5 + 0.25 * y[i]);
        /* rows x cols is drawn row by row: x(i, j) is draw i * cols + j */
        il_draw_opts_default(&o, IL_DRAW_NORMAL);
        drawn(kinds[k], &o, 20, 30, x);
        for (i = 0; i < 20; i++)
            for (j = 0; j < 30; j++)
                CHECK(x[i + j * 20] == y[i * 30 + j]);
    }
}

static void test_a_range_of_one_value_draws_nothing(void)
{
    il_rng a, b;
    il_draw_opts o;
    double x[3];
    CHECK_OK(il_rng_start(&a, IL_RNG_NUMPY, 4));
    CHECK_OK(il_rng_start(&b, IL_RNG_NUMPY, 4));
    il_draw_opts_default(&o, IL_DRAW_INTEGERS);
    o.low = 7;
    o.high = 8;
    CHECK_OK(il_rng_draw(&a, &o, 1, 3, x));
    CHECK(x[0] == 7 && x[1] == 7 && x[2] == 7);
    CHECK(il_rng_uniform(&a) == il_rng_uniform(&b));
}

static void test_draw_options_are_checked(void)
{
    il_draw_opts o;
    il_draw_opts_default(&o, IL_DRAW_INTEGERS);
    CHECK_FAILS(il_draw_check(&o, 1, 1, 0), IL_EBADARG, "integers needs high");
    o.high = 0;
    CHECK_FAILS(il_draw_check(&o, 1, 1, 0), IL_EBADVALUE, "low < high");
    o.high = 9007199254740994.0;
    CHECK_FAILS(il_draw_check(&o, 1, 1, 0), IL_EBADVALUE, "-2^53..2^53");
    o.high = 9007199254740992.0;
    CHECK_OK(il_draw_check(&o, 1, 1, 0));
    il_draw_opts_default(&o, IL_DRAW_UNIFORM);
    o.low = -1e308;
    o.high = 1e308; /* high - low overflows, as NumPy says */
    CHECK_FAILS(il_draw_check(&o, 1, 1, 0), IL_EBADVALUE, "difference is finite");
    il_draw_opts_default(&o, IL_DRAW_NORMAL);
    o.std = -1;
    CHECK_FAILS(il_draw_check(&o, 1, 1, 0), IL_EBADVALUE, "std >= 0");
    o.std = 1;
    CHECK_FAILS(il_draw_check(&o, (size_t)1 << 40, (size_t)1 << 40, 0),
                IL_ETOOBIG, "draw fewer values");
    CHECK_FAILS(il_draw_check(&o, 1000, 1000, 1000), IL_ETOOBIG, "max_bytes");
    CHECK_OK(il_draw_check(&o, 0, 5, 1));
    il_draw_opts_default(&o, IL_DRAW_PERMUTATION);
    o.low = 9007199254740990.0;
    CHECK_FAILS(il_draw_check(&o, 1, 5, 0), IL_EBADVALUE, "low + n");
}

static int stop_now(void *ctx)
{
    (void)ctx;
    return 1;
}

static void test_a_long_draw_can_be_interrupted(void)
{
    size_t n = (size_t)1 << 21;
    double *x = malloc(n * sizeof *x);
    il_draw_opts o;
    il_rng r;
    il_draw_opts_default(&o, IL_DRAW_UNIFORM);
    o.interrupt = stop_now;
    il_rng_seed(&r, 1);
    CHECK(x != NULL);
    CHECK_FAILS(il_rng_draw(&r, &o, 1, n, x), IL_EINTERRUPTED, "interrupted");
    free(x);
}

/* A "draw" command given the n positional args, refused as it prepares. */
static void draw_refused(const il_value *args, size_t n, il_status status,
                         const char *text_in)
{
    il_command *c = NULL;
    size_t i;
    CHECK_OK(il_command_new("draw", &c));
    for (i = 0; i < n; i++)
        CHECK_OK(il_command_arg(c, &args[i]));
    CHECK_FAILS(il_command_prepare(c, 1), status, text_in);
    il_command_free(c);
}

/* The "rand" command's state for stream and seed. */
static void rand_command(const char *stream, double seed, double *state)
{
    il_command *c = NULL;
    il_value v;
    size_t rows, cols;
    CHECK_OK(il_command_new("rand", &c));
    v = text(stream);
    CHECK_OK(il_command_arg(c, &v));
    v = numbers(&seed, 1, 1);
    CHECK_OK(il_command_arg(c, &v));
    CHECK_OK(il_command_prepare(c, 1));
    CHECK(il_command_result_kind(c, 0) == IL_RES_MATRIX);
    il_command_dims(c, 0, 0, &rows, &cols);
    CHECK(rows == 1 && cols == il_rng_state_size(strcmp(stream, "numpy") == 0));
    il_command_bind(c, 0, 0, state);
    CHECK_OK(il_command_run(c, NULL));
    il_command_free(c);
}

static void test_the_commands_draw_as_the_engine(void)
{
    static const double size[] = {2, 3}, three[] = {2, 3, 4};
    double state[NP_STATE], after[NP_STATE], want_state[NP_STATE], x[6],
        want[6];
    il_command *c = NULL;
    il_draw_opts o;
    il_value v;
    il_rng r;
    size_t rows, cols;
    rand_command("numpy", 7, state);
    CHECK_OK(il_rng_start(&r, IL_RNG_NUMPY, 7));
    il_rng_save(&r, want_state);
    CHECK(same(state, want_state, NP_STATE));
    il_draw_opts_default(&o, IL_DRAW_NORMAL);
    CHECK_OK(il_rng_draw(&r, &o, 2, 3, want));
    il_rng_save(&r, want_state);

    CHECK_OK(il_command_new("draw", &c));
    CHECK(il_command_positional(c) == 3);
    v = numbers(state, 1, NP_STATE);
    CHECK_OK(il_command_arg(c, &v));
    v = text("normal");
    CHECK_OK(il_command_arg(c, &v));
    v = numbers(size, 1, 2);
    CHECK_OK(il_command_arg(c, &v));
    CHECK_OK(il_command_prepare(c, 2));
    il_command_dims(c, 0, 0, &rows, &cols);
    CHECK(rows == 2 && cols == 3);
    il_command_dims(c, 1, 0, &rows, &cols);
    CHECK(rows == 1 && cols == NP_STATE);
    il_command_bind(c, 0, 0, x);
    il_command_bind(c, 1, 0, after);
    CHECK_OK(il_command_run(c, NULL));
    CHECK(same(x, want, 6) && same(after, want_state, NP_STATE));
    il_command_free(c);

    /* refusals: a seed past np.random.seed's, a state that is not one, a
     * size of three numbers, a permutation of a matrix, integers without
     * high */
    CHECK_OK(il_command_new("rand", &c));
    v = text("numpy");
    CHECK_OK(il_command_arg(c, &v));
    x[0] = 4294967296.0;
    v = numbers(x, 1, 1);
    CHECK_OK(il_command_arg(c, &v));
    CHECK_FAILS(il_command_prepare(c, 1), IL_EBADVALUE, "0..4294967295");
    il_command_free(c);
    {
        il_value args[3];
        args[0] = text("numpy");
        draw_refused(args, 1, IL_EBADARG, "g.state");
        args[0] = numbers(state, 1, NP_STATE);
        args[1] = text("normal");
        args[2] = numbers(three, 1, 3);
        draw_refused(args, 3, IL_EBADSIZE, "n or [rows cols]");
        args[0] = numbers(state, NP_STATE, 1);
        args[1] = text("permutation");
        args[2] = numbers(size, 1, 2);
        draw_refused(args, 3, IL_EBADSIZE, "one number n");
        args[1] = text("integers");
        draw_refused(args, 2, IL_EBADARG, "integers needs high");
    }
}

int main(void)
{
    RUN(test_a_saved_stream_goes_on_as_the_original);
    RUN(test_a_numpy_state_is_get_state);
    RUN(test_corrupted_states_are_refused);
    RUN(test_draws_mean_what_they_say);
    RUN(test_a_range_of_one_value_draws_nothing);
    RUN(test_draw_options_are_checked);
    RUN(test_a_long_draw_can_be_interrupted);
    RUN(test_the_commands_draw_as_the_engine);
    return check_finish("tests/c/test_stream.c");
}
