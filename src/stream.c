/*
 * stream.c - the random streams as values a front end can hold: a state
 * saved as plain doubles and loaded back after checking every number of
 * it, and the draws NumPy's legacy RandomState makes from such a stream
 * (randn, rand / uniform, randint, permutation), so that a script's whole
 * sequence of np.random calls can be redone from Octave or Lua.
 *
 * A state is never trusted: it comes back from a user, who may have edited
 * it, cut it short or made it some other way.  Loading refuses anything
 * the saving could not have written (or NumPy's get_state could not give,
 * for the numpy stream), so that a corrupted state is an error, never a
 * generator left in a state no seed reaches.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"

/* The words of each stream's state as 32-bit halves: xoshiro's four
 * 64-bit words low half first, MT19937's 624 as they are. */
#define XO_WORDS 8
#define MT_WORDS 624
#define HEAD 2 /* the tag and the kind */

size_t il_rng_state_size(int kind)
{
    /* the words, then the kept Gaussian: its flag (MT: after pos) and value */
    return kind == IL_RNG_XOSHIRO ? HEAD + XO_WORDS + 2
         : kind == IL_RNG_NUMPY   ? HEAD + MT_WORDS + 3
                                  : 0;
}

void il_rng_save(const il_rng *rng, double *state)
{
    double *tail;
    int i;
    state[0] = IL_RNG_STATE_TAG;
    state[1] = rng->kind;
    if (rng->kind == IL_RNG_NUMPY) {
        for (i = 0; i < MT_WORDS; i++)
            state[HEAD + i] = rng->mt[i];
        tail = state + HEAD + MT_WORDS;
        *tail++ = rng->mt_pos;
    } else {
        for (i = 0; i < 4; i++) {
            state[HEAD + 2 * i] = (double)(rng->s[i] & 0xffffffffu);
            state[HEAD + 2 * i + 1] = (double)(rng->s[i] >> 32);
        }
        tail = state + HEAD + XO_WORDS;
    }
    /* a spare that was used up is 0, as NumPy's get_state shows it, so that
     * equal streams have equal states */
    tail[0] = rng->has_spare != 0;
    tail[1] = rng->has_spare ? rng->spare : 0.0;
}

static int is_word(double x)
{
    return x >= 0 && x <= 4294967295.0 && x == floor(x);
}

il_status il_rng_load(il_rng *rng, const double *state, size_t n)
{
    size_t words, i, want;
    double kind, flag, spare;
    char got[32];
    int zero = 1;
    if (!rng || (!state && n))
        return il_fail(IL_EBADARG, "rng and state must not be NULL");
    if (n < HEAD || state[0] != IL_RNG_STATE_TAG)
        return il_fail(IL_EBADVALUE, "state must be a stream's state from "
                       "il_rand (its first number is %.0f), got %s",
                       IL_RNG_STATE_TAG, n < HEAD ? "too few numbers"
                       : il_number(state[0], got));
    kind = state[1];
    if (kind != IL_RNG_XOSHIRO && kind != IL_RNG_NUMPY)
        return il_fail(IL_EBADVALUE, "state(2) must be %d (xoshiro) or %d "
                       "(numpy), got %s", IL_RNG_XOSHIRO, IL_RNG_NUMPY,
                       il_number(kind, got));
    want = il_rng_state_size((int)kind);
    if (n != want)
        return il_fail(IL_EBADSIZE, "the state of a %s stream has %zu "
                       "numbers, got %zu", il_rng_name((int)kind), want, n);
    words = kind == IL_RNG_NUMPY ? MT_WORDS : XO_WORDS;
    for (i = HEAD; i < HEAD + words; i++) {
        if (!is_word(state[i]))
            return il_fail(IL_EBADVALUE, "state(%zu) must be a whole number "
                           "in 0..4294967295, got %s", i + 1,
                           il_number(state[i], got));
        zero = zero && state[i] == 0;
    }
    /* no seed leads there, and neither generator ever leaves it */
    if (zero)
        return il_fail(IL_EBADVALUE, "state: every word of the generator is "
                       "0, which would draw only zeros");
    i = HEAD + words;
    if (kind == IL_RNG_NUMPY &&
        !(state[i] >= 0 && state[i] <= MT_WORDS && state[i] == floor(state[i])))
        return il_fail(IL_EBADVALUE, "state(%zu), the position in the "
                       "generator, must be a whole number in 0..%d, got %s",
                       i + 1, MT_WORDS, il_number(state[i], got));
    i += kind == IL_RNG_NUMPY;
    flag = state[i];
    spare = state[i + 1];
    if (flag != 0 && flag != 1)
        return il_fail(IL_EBADVALUE, "state(%zu), whether a normal is kept, "
                       "must be 0 or 1, got %s", i + 1, il_number(flag, got));
    if (!isfinite(spare) || (flag == 0 && spare != 0))
        return il_fail(IL_EBADVALUE, "state(%zu), the normal kept, must be "
                       "%s, got %s", i + 2, flag ? "finite" : "0 (none is kept)",
                       il_number(spare, got));
    memset(rng, 0, sizeof *rng);
    rng->kind = (int)kind;
    if (kind == IL_RNG_NUMPY) {
        for (i = 0; i < MT_WORDS; i++)
            rng->mt[i] = (uint32_t)state[HEAD + i];
        rng->mt_pos = (int)state[HEAD + MT_WORDS];
    } else {
        for (i = 0; i < 4; i++)
            rng->s[i] = (uint64_t)state[HEAD + 2 * i] |
                        (uint64_t)state[HEAD + 2 * i + 1] << 32;
    }
    rng->has_spare = flag != 0;
    rng->spare = spare;
    return IL_OK;
}

/* ---- draws --------------------------------------------------------------- */

static const il_name draw_names[] = {
    {"normal", IL_DRAW_NORMAL}, {"uniform", IL_DRAW_UNIFORM},
    {"integers", IL_DRAW_INTEGERS}, {"permutation", IL_DRAW_PERMUTATION}};

il_status il_draw_from_name(const char *name, il_draw_kind *kind)
{
    int v = 0;
    il_status st = il_lookup("distribution", name, draw_names, 4, &v);
    if (st == IL_OK)
        *kind = (il_draw_kind)v;
    return st;
}

const char *il_draw_name(il_draw_kind kind)
{
    return il_name_of(draw_names, 4, (int)kind);
}

void il_draw_opts_default(il_draw_opts *o, il_draw_kind kind)
{
    memset(o, 0, sizeof *o);
    o->kind = kind;
    o->high = kind == IL_DRAW_INTEGERS ? NAN : 1.0;
    o->std = 1.0;
}

/* Whole numbers a double holds exactly, and so do their sums below. */
#define EXACT 9007199254740992.0 /* 2^53 */

static int whole(double x)
{
    return x >= -EXACT && x <= EXACT && x == floor(x);
}

il_status il_draw_check(const il_draw_opts *o, size_t rows, size_t cols,
                        size_t max_bytes)
{
    size_t bytes, cap = il_cap_of(max_bytes), n;
    char a[32], b[32], what[80];
    if (!o)
        return il_fail(IL_EBADARG, "the draw's options must not be NULL");
    if ((unsigned)o->kind > IL_DRAW_PERMUTATION)
        return il_fail(IL_EBADARG, "unknown distribution %d", (int)o->kind);
    if (il_doubles_overflow(rows, cols, &bytes) || bytes > cap) {
        snprintf(what, sizeof what, "a %zux%zu draw", rows, cols);
        return il_too_big(what, (double)rows * (double)cols * 8 / 1e6, cap,
                          "draw fewer values, or raise max_bytes");
    }
    n = rows * cols;
    switch (o->kind) {
    case IL_DRAW_NORMAL:
        if (!isfinite(o->mean) || !(o->std >= 0 && isfinite(o->std)))
            return il_fail(IL_EBADVALUE, "normal needs a finite mean and a "
                           "finite std >= 0, got %s and %s",
                           il_number(o->mean, a), il_number(o->std, b));
        break;
    case IL_DRAW_UNIFORM:
        /* NumPy refuses the same: its uniform scales by high - low */
        if (!isfinite(o->low) || !isfinite(o->high) ||
            !isfinite(o->high - o->low))
            return il_fail(IL_EBADVALUE, "uniform needs finite low and high "
                           "whose difference is finite, got %s and %s",
                           il_number(o->low, a), il_number(o->high, b));
        break;
    case IL_DRAW_INTEGERS:
        if (isnan(o->high))
            return il_fail(IL_EBADARG, "integers needs high (the values are "
                           "low..high-1, as np.random.randint(low, high))");
        if (!whole(o->low) || !whole(o->high) || !(o->low < o->high))
            return il_fail(IL_EBADVALUE, "integers needs whole numbers low < "
                           "high in -2^53..2^53, got low %s and high %s",
                           il_number(o->low, a), il_number(o->high, b));
        break;
    case IL_DRAW_PERMUTATION:
        if (!whole(o->low) || !whole(o->low + (double)n) ||
            (double)n > EXACT)
            return il_fail(IL_EBADVALUE, "permutation needs a whole low whose "
                           "low + n stays within -2^53..2^53, got low %s",
                           il_number(o->low, a));
        break;
    }
    return IL_OK;
}

il_status il_rng_draw(il_rng *rng, const il_draw_opts *o, size_t rows,
                      size_t cols, double *x)
{
    size_t n, k, i, j;
    int64_t low;
    uint64_t span = 0;
    il_poller poll;
    il_status st;
    if (!rng || (!x && rows && cols))
        return il_fail(IL_EBADARG, "rng and x must not be NULL");
    if ((st = il_draw_check(o, rows, cols, SIZE_MAX)) != IL_OK)
        return st;
    n = rows * cols;
    il_poller_init(&poll, o->interrupt, o->interrupt_ctx);
    low = (int64_t)o->low;
    if (o->kind == IL_DRAW_PERMUTATION) {
        for (k = 0; k < n; k++)
            x[k] = (double)(low + (int64_t)k);
        /* Fisher-Yates from the end, as RandomState.shuffle: it swaps
         * entry k with one drawn from 0..k */
        for (k = n; k > 1; k--) {
            double t;
            if (il_poll(&poll, 1))
                return il_interrupted();
            j = (size_t)il_rng_below(rng, k);
            t = x[k - 1];
            x[k - 1] = x[j];
            x[j] = t;
        }
        return IL_OK;
    }
    if (o->kind == IL_DRAW_INTEGERS)
        span = (uint64_t)((int64_t)o->high - 1 - low); /* < 2^54 */
    /* value k of NumPy's C order is row k / cols, column k % cols */
    for (i = 0; i < rows; i++)
        for (j = 0; j < cols; j++) {
            double v;
            if (il_poll(&poll, 1))
                return il_interrupted();
            switch (o->kind) {
            case IL_DRAW_NORMAL:
                v = il_rng_normal(rng);
                if (o->mean != 0 || o->std != 1)
                    v = o->mean + o->std * v;
                break;
            case IL_DRAW_UNIFORM:
                v = o->low + (o->high - o->low) * il_rng_uniform(rng);
                break;
            default:
                /* a range of one value draws nothing (randint's rule) */
                v = (double)(low + (int64_t)(span ? il_rng_below(rng, span + 1)
                                                  : 0));
                break;
            }
            x[i + j * rows] = v;
        }
    return IL_OK;
}
