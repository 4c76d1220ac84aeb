/*
 * dataset.c - small seeded 2-D datasets for self-contained lessons.
 *
 * Every set draws from one il_rng seeded with the caller's seed (either
 * stream; with the numpy one, circles and moons are scikit-learn's), in the
 * order documented at each generator, so a seed gives the same points in C,
 * Octave and Lua.  X is 2 x n (point i at X[2i], X[2i+1]); labels are
 * 0..classes-1.  Those orders are part of the contract: changing one changes
 * every lesson's data.  opts NULL means il_dataset_opts_default's values.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define PI 3.14159265358979323846

static const il_name dataset_names[] = {
    {"circles", IL_DATA_CIRCLES}, {"moons", IL_DATA_MOONS},
    {"spirals", IL_DATA_SPIRALS}, {"xor", IL_DATA_XOR},
    {"blobs", IL_DATA_BLOBS},
};
#define N_DATASET_NAMES (sizeof dataset_names / sizeof dataset_names[0])

il_status il_dataset_from_name(const char *name, il_dataset_kind *kind)
{
    int v;
    il_status s = il_lookup("dataset", name, dataset_names, N_DATASET_NAMES, &v);
    if (s == IL_OK)
        *kind = (il_dataset_kind)v;
    return s;
}

const char *il_dataset_name(il_dataset_kind kind)
{
    return il_name_of(dataset_names, N_DATASET_NAMES, (int)kind);
}

void il_dataset_opts_default(il_dataset_opts *o, il_dataset_kind kind)
{
    memset(o, 0, sizeof *o);
    o->noise = kind == IL_DATA_SPIRALS ? 0.2
             : kind == IL_DATA_XOR     ? 0.1
             : kind == IL_DATA_BLOBS   ? 1.0
                                       : 0.05;
    o->factor = 0.8;
    o->classes = kind == IL_DATA_SPIRALS || kind == IL_DATA_BLOBS ? 3 : 2;
    o->rng = IL_RNG_XOSHIRO;
    o->max_bytes = il_default_max_bytes();
}

/* The generators look for Ctrl-C every this many points (a few ms of
 * work), and return 1 when told to stop, 0 when done.  The draws do not
 * depend on it. */
#define POLL_POINTS ((size_t)1 << 16)
#define POLL(p, i)                                                          \
    if ((i) % POLL_POINTS == 0 && il_poll((p), IL_POLL_WORK))              \
        return 1

/* Fisher-Yates over the points and their labels together, so that the
 * classes, generated one after the other, come mixed: for i = n-1 down to
 * 1, swap point i with point below(i + 1). */
static int shuffle(double *X, double *labels, size_t n, il_rng *rng,
                   il_poller *poll)
{
    size_t i;
    for (i = n; i > 1; i--) {
        size_t j, k = i - 1;
        double t;
        POLL(poll, i);
        j = (size_t)il_rng_below(rng, i);
        t = X[2 * k]; X[2 * k] = X[2 * j]; X[2 * j] = t;
        t = X[2 * k + 1]; X[2 * k + 1] = X[2 * j + 1]; X[2 * j + 1] = t;
        t = labels[k]; labels[k] = labels[j]; labels[j] = t;
    }
    return 0;
}

static int add_noise(double *X, size_t n, double noise, il_rng *rng,
                     il_poller *poll)
{
    size_t i;
    for (i = 0; i < 2 * n; i++) {
        POLL(poll, i);
        X[i] += noise * il_rng_normal(rng);
    }
    return 0;
}

/* Angle i of count evenly spaced ones from 0 to span, as np.linspace
 * computes them (i times the step; with endpoint the last is span itself),
 * so that the numpy stream gives scikit-learn's points bit for bit. */
static double spaced(size_t i, size_t count, double span, int endpoint)
{
    size_t div = endpoint ? count - 1 : count;
    if (endpoint && i + 1 == count && count > 1)
        return span;
    return div > 0 ? (double)i * (span / (double)div) : 0.0;
}

/* Two concentric circles as scikit-learn's make_circles: n/2 (rounded
 * down) points on the outer circle (label 0) at angles 2 pi i / n_out, the
 * rest on the inner one (radius factor, label 1); shuffled, then noise. */
static int circles(size_t n, double factor, double *X, double *labels,
                   il_poller *poll)
{
    size_t n_out = n / 2, n_in = n - n_out, i;
    for (i = 0; i < n_out; i++) {
        double t = spaced(i, n_out, 2 * PI, 0);
        POLL(poll, i);
        X[2 * i] = cos(t);
        X[2 * i + 1] = sin(t);
        labels[i] = 0;
    }
    for (i = 0; i < n_in; i++) {
        double t = spaced(i, n_in, 2 * PI, 0);
        POLL(poll, i);
        X[2 * (n_out + i)] = cos(t) * factor;
        X[2 * (n_out + i) + 1] = sin(t) * factor;
        labels[n_out + i] = 1;
    }
    return 0;
}

/* Two interleaving half circles as make_moons: the upper (cos t, sin t)
 * for t in [0, pi] (label 0, n/2 points rounded down) and the lower
 * (1 - cos t, 1 - sin t - 1/2) (label 1), evenly spaced including both
 * ends. */
static int moons(size_t n, double *X, double *labels, il_poller *poll)
{
    size_t n_out = n / 2, n_in = n - n_out, i;
    for (i = 0; i < n_out; i++) {
        double t = spaced(i, n_out, PI, 1);
        POLL(poll, i);
        X[2 * i] = cos(t);
        X[2 * i + 1] = sin(t);
        labels[i] = 0;
    }
    for (i = 0; i < n_in; i++) {
        double t = spaced(i, n_in, PI, 1);
        POLL(poll, i);
        X[2 * (n_out + i)] = 1.0 - cos(t);
        X[2 * (n_out + i) + 1] = 1.0 - sin(t) - 0.5;
        labels[n_out + i] = 1;
    }
    return 0;
}

/* k arms as in CS231n's spiral data: class c gets n/k points (the first
 * n mod k classes one more), at radius r = j/(count-1) and angle
 * 4c + 4r + noise * N(0,1), placed at r (sin t, cos t).  The noise is on
 * the angle, drawn in point order; no shuffle.  (k is at most MAX_CLASSES,
 * so the classes without points cost nothing worth polling for.) */
static int spirals(size_t n, size_t k, double noise, il_rng *rng, double *X,
                   double *labels, il_poller *poll)
{
    size_t c, j, i = 0;
    for (c = 0; c < k; c++) {
        size_t count = n / k + (c < n % k);
        for (j = 0; j < count; j++, i++) {
            double r = count > 1 ? (double)j / (double)(count - 1) : 0.0;
            double t;
            POLL(poll, i);
            t = 4.0 * (double)c + 4.0 * r + noise * il_rng_normal(rng);
            X[2 * i] = r * sin(t);
            X[2 * i + 1] = r * cos(t);
            labels[i] = (double)c;
        }
    }
    return 0;
}

/* Points uniform in [-1, 1]^2, label 1 where x and y have opposite signs
 * (x * y < 0), then Gaussian noise on the coordinates (labels keep the
 * noise-free quadrant). */
static int xor_points(size_t n, il_rng *rng, double *X, double *labels,
                      il_poller *poll)
{
    size_t i;
    for (i = 0; i < n; i++) {
        POLL(poll, i);
        X[2 * i] = 2.0 * il_rng_uniform(rng) - 1.0;
        X[2 * i + 1] = 2.0 * il_rng_uniform(rng) - 1.0;
        labels[i] = X[2 * i] * X[2 * i + 1] < 0 ? 1.0 : 0.0;
    }
    return 0;
}

/* k centres uniform in [-10, 10]^2 (scikit-learn's center_box) drawn
 * first, x then y of each, then point i in cluster i mod k at centre +
 * noise * N(0, I), x then y.  centre holds 2k values. */
static int blobs(size_t n, size_t k, double noise, il_rng *rng,
                 double *centre, double *X, double *labels, il_poller *poll)
{
    size_t i;
    for (i = 0; i < 2 * k; i++)
        centre[i] = 20.0 * il_rng_uniform(rng) - 10.0;
    for (i = 0; i < n; i++) {
        size_t c = i % k;
        POLL(poll, i);
        X[2 * i] = centre[2 * c] + noise * il_rng_normal(rng);
        X[2 * i + 1] = centre[2 * c + 1] + noise * il_rng_normal(rng);
        labels[i] = (double)c;
    }
    return 0;
}

/* More classes than this is no lesson's dataset, and a count such as 1e15
 * would loop (spirals) or allocate (blobs' centres) for ever. */
#define MAX_CLASSES 1000000

/* The rows of the targets Y a front end builds from the labels: 0/1 in one
 * row for two classes, one-hot otherwise. */
static size_t target_rows(il_dataset_kind kind, size_t classes)
{
    return (kind == IL_DATA_SPIRALS || kind == IL_DATA_BLOBS) && classes > 2
               ? classes : 1;
}

il_status il_dataset_check(il_dataset_kind kind, size_t n,
                           const il_dataset_opts *opts)
{
    il_dataset_opts o;
    const char *name = il_dataset_name(kind);
    size_t rows, bytes, cap;
    char buf[32], what[80];
    il_rng rng;
    il_status s;

    if ((unsigned)kind >= IL_DATA_COUNT)
        return il_fail(IL_EBADNAME, "unknown dataset %d", (int)kind);
    if (n == 0)
        return il_fail(IL_EBADARG, "%s: n must be at least 1, got 0", name);
    if (opts)
        o = *opts;
    else
        il_dataset_opts_default(&o, kind);
    if (!(isfinite(o.noise) && o.noise >= 0))
        return il_fail(IL_EBADVALUE, "%s: noise must be finite and >= 0, got %s",
                       name, il_number(o.noise, buf));
    if (kind == IL_DATA_CIRCLES && !(o.factor >= 0 && o.factor < 1))
        return il_fail(IL_EBADVALUE, "circles: factor must be in [0, 1), got %s",
                       il_number(o.factor, buf));
    if ((kind == IL_DATA_SPIRALS || kind == IL_DATA_BLOBS) && o.classes < 2)
        return il_fail(IL_EBADVALUE, "%s: classes must be at least 2, got %zu",
                       name, o.classes);
    if ((kind == IL_DATA_SPIRALS || kind == IL_DATA_BLOBS) &&
        o.classes > MAX_CLASSES)
        return il_fail(IL_EBADVALUE, "%s: classes must be at most %d, got %zu",
                       name, MAX_CLASSES, o.classes);
    if ((s = il_rng_start(&rng, o.rng, 0)) != IL_OK)
        return s;
    /* X (2 x n), the labels (n) and the targets front ends make of them */
    rows = target_rows(kind, o.classes);
    cap = il_cap_of(o.max_bytes);
    if (il_doubles_overflow(n, 3 + rows, &bytes) || bytes > cap) {
        snprintf(what, sizeof what, "%s: %zu points (X, labels and %zu x n "
                 "targets)", name, n, rows);
        return il_too_big(what, (double)n * (3.0 + (double)rows) *
                                    (double)sizeof(double) / 1e6,
                          cap, "ask for fewer points (n)");
    }
    return IL_OK;
}

il_status il_dataset(il_dataset_kind kind, size_t n,
                     const il_dataset_opts *opts, uint64_t seed, double *X,
                     double *labels)
{
    il_dataset_opts o;
    il_rng rng;
    il_poller poll;
    const char *name = il_dataset_name(kind);
    double *centre;
    il_status s;
    int stopped = 0;

    if ((unsigned)kind >= IL_DATA_COUNT)
        return il_fail(IL_EBADNAME, "unknown dataset %d", (int)kind);
    if (!X)
        return il_fail(IL_EBADARG, "%s: X must not be NULL", name);
    if (!labels)
        return il_fail(IL_EBADARG, "%s: labels must not be NULL", name);
    if ((s = il_dataset_check(kind, n, opts)) != IL_OK)
        return s;
    if (opts)
        o = *opts;
    else
        il_dataset_opts_default(&o, kind);
    if ((s = il_rng_start(&rng, o.rng, seed)) != IL_OK)
        return s;
    il_poller_init(&poll, o.interrupt, o.interrupt_ctx);
    switch (kind) {
    case IL_DATA_CIRCLES:
        stopped = circles(n, o.factor, X, labels, &poll) ||
                  shuffle(X, labels, n, &rng, &poll) ||
                  add_noise(X, n, o.noise, &rng, &poll);
        break;
    case IL_DATA_MOONS:
        stopped = moons(n, X, labels, &poll) ||
                  shuffle(X, labels, n, &rng, &poll) ||
                  add_noise(X, n, o.noise, &rng, &poll);
        break;
    case IL_DATA_SPIRALS:
        stopped = spirals(n, o.classes, o.noise, &rng, X, labels, &poll);
        break;
    case IL_DATA_XOR:
        stopped = xor_points(n, &rng, X, labels, &poll) ||
                  add_noise(X, n, o.noise, &rng, &poll);
        break;
    default:
        /* every centre is drawn before any point, so they must all be held */
        if (!(centre = malloc(2 * o.classes * sizeof *centre)))
            return il_fail(IL_ENOMEM, "blobs: no memory for %zu centres",
                           o.classes);
        stopped = blobs(n, o.classes, o.noise, &rng, centre, X, labels, &poll);
        free(centre);
        break;
    }
    return stopped ? il_interrupted() : IL_OK;
}

il_status il_onehot(const double *labels, size_t n, size_t k, double *Y)
{
    size_t i, j, bytes;
    char buf[32];
    if (!labels)
        return il_fail(IL_EBADARG, "onehot: labels must not be NULL");
    if (!Y)
        return il_fail(IL_EBADARG, "onehot: Y must not be NULL");
    if (k == 0)
        return il_fail(IL_EBADARG, "onehot: k must be at least 1, got 0");
    if (il_doubles_overflow(n, k, &bytes))
        return il_fail(IL_EBADSIZE, "onehot: a %zu x %zu Y is more than memory "
                       "can hold", k, n);
    /* every label is checked before Y is touched, so a failure leaves the
     * caller's Y as it was */
    for (j = 0; j < n; j++) {
        double v = labels[j];
        if (!(v >= 0 && v < (double)k && v == floor(v)))
            return il_fail(IL_EBADVALUE,
                           "onehot: labels(%zu) must be a whole number in 0..%zu, got %s",
                           j + 1, k - 1, il_number(v, buf));
    }
    for (j = 0; j < n; j++)
        for (i = 0; i < k; i++)
            Y[i + j * k] = (double)(labels[j] == (double)i);
    return IL_OK;
}

size_t il_dataset_target_rows(size_t classes)
{
    return classes == 2 ? 1 : classes;
}

il_status il_dataset_targets(const double *labels, size_t n, size_t classes,
                             double *Y)
{
    size_t j;
    if (classes != 2)
        return il_onehot(labels, n, classes, Y);
    if (!labels || !Y)
        return il_fail(IL_EBADARG, "targets: labels and Y must not be NULL");
    /* one row of 0/1: the labels themselves, checked as il_onehot checks */
    for (j = 0; j < n; j++)
        if (!(labels[j] == 0 || labels[j] == 1))
            return il_fail(IL_EBADVALUE, "targets: labels(%zu) must be 0 or 1 "
                           "for 2 classes", j + 1);
    memcpy(Y, labels, n * sizeof *Y);
    return IL_OK;
}
