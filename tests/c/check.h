/*
 * check.h - the C tests' harness: one binary per test file, one line per
 * test ("ok - name" / "not ok - name"), failures with file and line, and a
 * closing "# <file>: N ok, M not ok" that tests/run-c.sh adds up.
 */
#ifndef IL_CHECK_H
#define IL_CHECK_H

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static int check_passed, check_failed, check_current_failed;

/* Generated inputs: splitmix64's next 64 bits from *state (a test's own
 * fixed sequence, independent of the engine's streams under test). */
static inline uint64_t check_bits(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

#define CHECK(cond)                                                          \
    do {                                                                     \
        if (!(cond)) {                                                       \
            printf("#   %s:%d: failed: %s\n", __FILE__, __LINE__, #cond);    \
            check_current_failed = 1;                                        \
        }                                                                    \
    } while (0)

/* |got - want| <= tol, and both NaN counts as equal. */
#define CHECK_NEAR(got, want, tol)                                           \
    do {                                                                     \
        double check_g_ = (got), check_w_ = (want), check_t_ = (tol);        \
        if (!(fabs(check_g_ - check_w_) <= check_t_ ||                       \
              (isnan(check_g_) && isnan(check_w_)))) {                       \
            printf("#   %s:%d: %s = %.17g, want %.17g (tol %g)\n", __FILE__, \
                   __LINE__, #got, check_g_, check_w_, check_t_);            \
            check_current_failed = 1;                                        \
        }                                                                    \
    } while (0)

/* A call that must succeed; prints the engine's message if it does not. */
#define CHECK_OK(call)                                                       \
    do {                                                                     \
        il_status check_s_ = (call);                                         \
        if (check_s_ != IL_OK) {                                             \
            printf("#   %s:%d: %s -> %s: %s\n", __FILE__, __LINE__, #call,   \
                   il_status_id(check_s_), il_last_error());                 \
            check_current_failed = 1;                                        \
        }                                                                    \
    } while (0)

/* A call that must fail with status, and whose message contains text. */
#define CHECK_FAILS(call, status, text)                                      \
    do {                                                                     \
        il_status check_s_ = (call);                                         \
        if (check_s_ != (status) || !strstr(il_last_error(), (text))) {      \
            printf("#   %s:%d: %s -> %s '%s', want %s containing '%s'\n",    \
                   __FILE__, __LINE__, #call, il_status_id(check_s_),        \
                   il_last_error(), il_status_id(status), (text));           \
            check_current_failed = 1;                                        \
        }                                                                    \
    } while (0)

static void check_run(const char *name, void (*test)(void))
{
    check_current_failed = 0;
    test();
    if (check_current_failed) {
        check_failed++;
        printf("not ok - %s\n", name);
    } else {
        check_passed++;
        printf("ok - %s\n", name);
    }
    fflush(stdout);
}

#define RUN(test) check_run(#test, test)

static int check_finish(const char *file)
{
    printf("# %s: %d ok, %d not ok\n", file, check_passed, check_failed);
    return check_failed ? 1 : 0;
}

#endif
