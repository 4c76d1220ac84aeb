/*
 * test_dataset.c - the lesson datasets: geometry, balance, noise,
 * determinism, names and every error path; il_onehot.
 */
#include <stdlib.h>

#include "check.h"
#include "initlab.h"

#define N 400

static double X[2 * N], X2[2 * N], labels[N], labels2[N];

/* Counts of each label 0..k-1 among n; 1 if some label is not one. */
static int count_labels(const double *lab, size_t n, size_t k, size_t *count)
{
    size_t i;
    memset(count, 0, k * sizeof *count);
    for (i = 0; i < n; i++) {
        if (!(lab[i] >= 0 && lab[i] < (double)k && lab[i] == floor(lab[i])))
            return 1;
        count[(size_t)lab[i]]++;
    }
    return 0;
}

static void test_names(void)
{
    static const char *names[] = {"circles", "moons", "spirals", "xor", "blobs"};
    il_dataset_kind k, got;
    for (k = IL_DATA_CIRCLES; k < IL_DATA_COUNT; k++) {
        CHECK(strcmp(il_dataset_name(k), names[k]) == 0);
        CHECK_OK(il_dataset_from_name(names[k], &got));
        CHECK(got == k);
    }
    CHECK(strcmp(il_dataset_name(IL_DATA_COUNT), "?") == 0);
    CHECK_FAILS(il_dataset_from_name("circle", &got), IL_EBADNAME,
                "unknown dataset 'circle'; expected one of: circles, moons, "
                "spirals, xor, blobs");
    CHECK_FAILS(il_dataset_from_name(NULL, &got), IL_EBADNAME,
                "unknown dataset");
}

static void test_defaults(void)
{
    il_dataset_opts o;
    il_dataset_opts_default(&o, IL_DATA_CIRCLES);
    CHECK(o.noise == 0.05 && o.factor == 0.8 && o.classes == 2);
    il_dataset_opts_default(&o, IL_DATA_MOONS);
    CHECK(o.noise == 0.05 && o.classes == 2);
    il_dataset_opts_default(&o, IL_DATA_SPIRALS);
    CHECK(o.noise == 0.2 && o.classes == 3);
    il_dataset_opts_default(&o, IL_DATA_XOR);
    CHECK(o.noise == 0.1 && o.classes == 2);
    il_dataset_opts_default(&o, IL_DATA_BLOBS);
    CHECK(o.noise == 1.0 && o.classes == 3);
}

/* Same seed, same bits; NULL opts are the defaults; another seed differs. */
static void test_seeded(void)
{
    il_dataset_opts o;
    il_dataset_kind k;
    for (k = IL_DATA_CIRCLES; k < IL_DATA_COUNT; k++) {
        il_dataset_opts_default(&o, k);
        CHECK_OK(il_dataset(k, 50, NULL, 9, X, labels));
        CHECK_OK(il_dataset(k, 50, &o, 9, X2, labels2));
        CHECK(memcmp(X, X2, 100 * sizeof *X) == 0);
        CHECK(memcmp(labels, labels2, 50 * sizeof *labels) == 0);
        CHECK_OK(il_dataset(k, 50, NULL, 10, X2, labels2));
        CHECK(memcmp(X, X2, 100 * sizeof *X) != 0);
    }
}

/* Without noise every point lies on its circle; the outer one holds n/2
 * rounded down (scikit-learn's split), at evenly spaced angles. */
static void test_circles(void)
{
    il_dataset_opts o;
    size_t i, count[2], n = 101;
    il_dataset_opts_default(&o, IL_DATA_CIRCLES);
    o.noise = 0;
    o.factor = 0.3;
    CHECK_OK(il_dataset(IL_DATA_CIRCLES, n, &o, 1, X, labels));
    CHECK(count_labels(labels, n, 2, count) == 0);
    CHECK(count[0] == 50 && count[1] == 51);
    for (i = 0; i < n; i++) {
        double r = hypot(X[2 * i], X[2 * i + 1]);
        CHECK_NEAR(r, labels[i] == 1 ? 0.3 : 1.0, 1e-15);
    }
    /* evenly spaced points sum to zero as vectors */
    {
        double sx[2] = {0, 0}, sy[2] = {0, 0};
        for (i = 0; i < n; i++) {
            sx[(size_t)labels[i]] += X[2 * i];
            sy[(size_t)labels[i]] += X[2 * i + 1];
        }
        CHECK_NEAR(sx[0], 0, 1e-12);
        CHECK_NEAR(sy[0], 0, 1e-12);
        CHECK_NEAR(sx[1], 0, 1e-12);
        CHECK_NEAR(sy[1], 0, 1e-12);
    }
    /* shuffled: the two classes are not one block after the other */
    {
        size_t changes = 0;
        for (i = 1; i < n; i++)
            changes += labels[i] != labels[i - 1];
        CHECK(changes > 10);
    }
    o.factor = 0;
    CHECK_OK(il_dataset(IL_DATA_CIRCLES, 10, &o, 1, X, labels));
    for (i = 0; i < 10; i++)
        if (labels[i] == 1)
            CHECK(X[2 * i] == 0 && X[2 * i + 1] == 0);
}

static void test_moons(void)
{
    il_dataset_opts o;
    size_t i, count[2], n = 41;
    il_dataset_opts_default(&o, IL_DATA_MOONS);
    o.noise = 0;
    CHECK_OK(il_dataset(IL_DATA_MOONS, n, &o, 2, X, labels));
    CHECK(count_labels(labels, n, 2, count) == 0);
    CHECK(count[0] == 20 && count[1] == 21);
    for (i = 0; i < n; i++) {
        double x = X[2 * i], y = X[2 * i + 1];
        if (labels[i] == 0) {
            CHECK_NEAR(hypot(x, y), 1.0, 1e-15);
            CHECK(y >= 0);
        } else {
            CHECK_NEAR(hypot(x - 1.0, y - 0.5), 1.0, 1e-15);
            CHECK(y <= 0.5);
        }
    }
    /* both ends of each arc are included, as linspace(0, pi, k); sin(pi)
     * is 1.2e-16, not 0 */
    {
        int ends = 0;
        for (i = 0; i < n; i++) {
            double x = X[2 * i], y = X[2 * i + 1];
            ends += (labels[i] == 0 && fabs(fabs(x) - 1) < 1e-15 &&
                     fabs(y) < 1e-15) ||
                    (labels[i] == 1 && fabs(fabs(x - 1) - 1) < 1e-15 &&
                     fabs(y - 0.5) < 1e-15);
        }
        CHECK(ends == 4);
    }
}

/* Class c of k gets n/k points, the first n mod k one more, in order; with
 * no noise point j of a class lies at radius j/(count-1). */
static void test_spirals(void)
{
    il_dataset_opts o;
    size_t i, count[4];
    il_dataset_opts_default(&o, IL_DATA_SPIRALS);
    o.classes = 4;
    CHECK_OK(il_dataset(IL_DATA_SPIRALS, 300, &o, 3, X, labels));
    CHECK(count_labels(labels, 300, 4, count) == 0);
    CHECK(count[0] == 75 && count[1] == 75 && count[2] == 75 && count[3] == 75);
    for (i = 0; i < 300; i++)
        CHECK(hypot(X[2 * i], X[2 * i + 1]) <= 1.0 + 1e-15);

    o.classes = 3;
    o.noise = 0;
    CHECK_OK(il_dataset(IL_DATA_SPIRALS, 11, &o, 3, X, labels));
    CHECK(count_labels(labels, 11, 3, count) == 0);
    CHECK(count[0] == 4 && count[1] == 4 && count[2] == 3);
    for (i = 1; i < 11; i++)
        CHECK(labels[i] >= labels[i - 1]);
    /* class 1, point 2 of 4: r = 2/3, t = 4 + 4r */
    CHECK_NEAR(X[2 * 6], 2.0 / 3 * sin(4 + 8.0 / 3), 1e-14);
    CHECK_NEAR(X[2 * 6 + 1], 2.0 / 3 * cos(4 + 8.0 / 3), 1e-14);
    CHECK(X[0] == 0 && X[1] == 0); /* every arm starts at the centre */
}

static void test_xor(void)
{
    il_dataset_opts o;
    size_t i, count[2];
    il_dataset_opts_default(&o, IL_DATA_XOR);
    o.noise = 0;
    CHECK_OK(il_dataset(IL_DATA_XOR, N, &o, 4, X, labels));
    CHECK(count_labels(labels, N, 2, count) == 0);
    CHECK(count[0] > N / 2 - 60 && count[0] < N / 2 + 60);
    for (i = 0; i < N; i++) {
        CHECK(X[2 * i] >= -1 && X[2 * i] < 1);
        CHECK(X[2 * i + 1] >= -1 && X[2 * i + 1] < 1);
        CHECK(labels[i] == (X[2 * i] * X[2 * i + 1] < 0 ? 1 : 0));
    }
}

/* With noise 0 each cluster is its centre, a point in [-10, 10]^2; point i
 * belongs to cluster i mod k.  With noise, points scatter around it. */
static void test_blobs(void)
{
    il_dataset_opts o;
    size_t i, count[5];
    double sq = 0;
    il_dataset_opts_default(&o, IL_DATA_BLOBS);
    o.classes = 5;
    o.noise = 0;
    CHECK_OK(il_dataset(IL_DATA_BLOBS, 103, &o, 5, X2, labels2));
    CHECK(count_labels(labels2, 103, 5, count) == 0);
    CHECK(count[0] == 21 && count[2] == 21 && count[3] == 20 && count[4] == 20);
    for (i = 0; i < 103; i++) {
        CHECK(labels2[i] == (double)(i % 5));
        CHECK(X2[2 * i] == X2[2 * (i % 5)] && X2[2 * i + 1] == X2[2 * (i % 5) + 1]);
        CHECK(fabs(X2[2 * i]) <= 10 && fabs(X2[2 * i + 1]) <= 10);
    }
    o.noise = 0.1;
    CHECK_OK(il_dataset(IL_DATA_BLOBS, 103, &o, 5, X, labels));
    CHECK(memcmp(labels, labels2, 103 * sizeof *labels) == 0);
    for (i = 0; i < 103; i++) {
        double dx = X[2 * i] - X2[2 * i], dy = X[2 * i + 1] - X2[2 * i + 1];
        CHECK(hypot(dx, dy) < 0.6); /* 6 std: fails by chance ~never */
        sq += dx * dx + dy * dy;
    }
    CHECK_NEAR(sqrt(sq / 206), 0.1, 0.02);

    /* more classes than points, and many classes: centres only drawn */
    o.classes = 1000;
    CHECK_OK(il_dataset(IL_DATA_BLOBS, 7, &o, 5, X, labels));
    for (i = 0; i < 7; i++)
        CHECK(labels[i] == (double)i);
}

/* The noise is added last, N(0, noise^2) per coordinate: the same seed with
 * and without noise differs by exactly that. */
static void test_noise(void)
{
    il_dataset_kind kinds[] = {IL_DATA_CIRCLES, IL_DATA_MOONS, IL_DATA_XOR};
    size_t k, i;
    for (k = 0; k < 3; k++) {
        il_dataset_opts o;
        double sum = 0, sq = 0;
        il_dataset_opts_default(&o, kinds[k]);
        o.noise = 0;
        CHECK_OK(il_dataset(kinds[k], N, &o, 6, X2, labels2));
        o.noise = 0.25;
        CHECK_OK(il_dataset(kinds[k], N, &o, 6, X, labels));
        CHECK(memcmp(labels, labels2, sizeof labels) == 0);
        for (i = 0; i < 2 * N; i++) {
            sum += X[i] - X2[i];
            sq += (X[i] - X2[i]) * (X[i] - X2[i]);
        }
        CHECK_NEAR(sum / (2 * N), 0, 0.05);
        CHECK_NEAR(sqrt(sq / (2 * N)), 0.25, 0.03);
    }
}

static void test_errors(void)
{
    il_dataset_opts o;
    il_dataset_opts_default(&o, IL_DATA_CIRCLES);
    CHECK_FAILS(il_dataset(IL_DATA_CIRCLES, 10, NULL, 1, NULL, labels),
                IL_EBADARG, "circles: X must not be NULL");
    CHECK_FAILS(il_dataset(IL_DATA_MOONS, 10, NULL, 1, X, NULL), IL_EBADARG,
                "moons: labels must not be NULL");
    CHECK_FAILS(il_dataset(IL_DATA_XOR, 0, NULL, 1, X, labels), IL_EBADARG,
                "xor: n must be at least 1, got 0");
    CHECK_FAILS(il_dataset(IL_DATA_COUNT, 10, NULL, 1, X, labels), IL_EBADNAME,
                "unknown dataset 5");

    o.factor = 1.5;
    CHECK_FAILS(il_dataset(IL_DATA_CIRCLES, 10, &o, 1, X, labels), IL_EBADVALUE,
                "circles: factor must be in [0, 1), got 1.5");
    o.factor = 1;
    CHECK_FAILS(il_dataset(IL_DATA_CIRCLES, 10, &o, 1, X, labels), IL_EBADVALUE,
                "factor must be in [0, 1), got 1");
    o.factor = -0.25;
    CHECK_FAILS(il_dataset(IL_DATA_CIRCLES, 10, &o, 1, X, labels), IL_EBADVALUE,
                "factor must be in [0, 1), got -0.25");
    o.factor = NAN;
    CHECK_FAILS(il_dataset(IL_DATA_CIRCLES, 10, &o, 1, X, labels), IL_EBADVALUE,
                "factor must be in [0, 1), got NaN");
    o.factor = 1.5; /* the other sets ignore factor */
    CHECK_OK(il_dataset(IL_DATA_MOONS, 10, &o, 1, X, labels));

    o.factor = 0.5;
    o.noise = -1;
    CHECK_FAILS(il_dataset(IL_DATA_CIRCLES, 10, &o, 1, X, labels), IL_EBADVALUE,
                "circles: noise must be finite and >= 0, got -1");
    o.noise = NAN;
    CHECK_FAILS(il_dataset(IL_DATA_MOONS, 10, &o, 1, X, labels), IL_EBADVALUE,
                "moons: noise must be finite and >= 0, got NaN");
    o.noise = INFINITY;
    CHECK_FAILS(il_dataset(IL_DATA_XOR, 10, &o, 1, X, labels), IL_EBADVALUE,
                "xor: noise must be finite and >= 0, got Inf");

    il_dataset_opts_default(&o, IL_DATA_BLOBS);
    o.classes = 1;
    CHECK_FAILS(il_dataset(IL_DATA_BLOBS, 10, &o, 1, X, labels), IL_EBADVALUE,
                "blobs: classes must be at least 2, got 1");
    o.classes = 0;
    CHECK_FAILS(il_dataset(IL_DATA_SPIRALS, 10, &o, 1, X, labels), IL_EBADVALUE,
                "spirals: classes must be at least 2, got 0");
    /* absurd class counts are refused, not allocated or looped over */
    o.classes = (size_t)-1;
    CHECK_FAILS(il_dataset(IL_DATA_BLOBS, 10, &o, 1, X, labels), IL_EBADVALUE,
                "blobs: classes must be at most 1000000, got 18446744073709551615");
    /* circles, moons and xor have two classes whatever classes says */
    o.classes = 1;
    CHECK_OK(il_dataset(IL_DATA_XOR, 10, &o, 1, X, labels));
}

static void test_onehot(void)
{
    double lab[4] = {2, 0, 1, 2}, Y[12], want[12] = {0, 0, 1, 1, 0, 0,
                                                      0, 1, 0, 0, 0, 1};
    double bad[3] = {0, 1, 0}, before[12];
    size_t i, count[3];
    CHECK_OK(il_onehot(lab, 4, 3, Y));
    CHECK(memcmp(Y, want, sizeof Y) == 0);
    CHECK_OK(il_onehot(lab, 0, 3, Y)); /* nothing to do */

    memcpy(before, Y, sizeof Y);
    bad[2] = 1.5;
    CHECK_FAILS(il_onehot(bad, 3, 3, Y), IL_EBADVALUE,
                "onehot: labels(3) must be a whole number in 0..2, got 1.5");
    CHECK(memcmp(Y, before, sizeof Y) == 0); /* untouched on failure */
    bad[2] = 3;
    CHECK_FAILS(il_onehot(bad, 3, 3, Y), IL_EBADVALUE,
                "labels(3) must be a whole number in 0..2, got 3");
    bad[2] = -1;
    CHECK_FAILS(il_onehot(bad, 3, 3, Y), IL_EBADVALUE, "got -1");
    bad[2] = NAN;
    CHECK_FAILS(il_onehot(bad, 3, 3, Y), IL_EBADVALUE, "got NaN");
    CHECK_FAILS(il_onehot(NULL, 3, 3, Y), IL_EBADARG,
                "onehot: labels must not be NULL");
    CHECK_FAILS(il_onehot(lab, 4, 3, NULL), IL_EBADARG,
                "onehot: Y must not be NULL");
    CHECK_FAILS(il_onehot(lab, 4, 0, Y), IL_EBADARG,
                "onehot: k must be at least 1, got 0");

    /* a dataset's labels go straight in: every column has one 1 */
    {
        static double Ys[3 * N];
        il_dataset_opts o;
        il_dataset_opts_default(&o, IL_DATA_SPIRALS);
        CHECK_OK(il_dataset(IL_DATA_SPIRALS, N, &o, 8, X, labels));
        CHECK_OK(il_onehot(labels, N, 3, Ys));
        CHECK(count_labels(labels, N, 3, count) == 0);
        for (i = 0; i < N; i++)
            CHECK(Ys[3 * i] + Ys[3 * i + 1] + Ys[3 * i + 2] == 1 &&
                  Ys[3 * i + (size_t)labels[i]] == 1);
    }
}

int main(void)
{
    RUN(test_names);
    RUN(test_defaults);
    RUN(test_seeded);
    RUN(test_circles);
    RUN(test_moons);
    RUN(test_spirals);
    RUN(test_xor);
    RUN(test_blobs);
    RUN(test_noise);
    RUN(test_errors);
    RUN(test_onehot);
    return check_finish(__FILE__);
}
