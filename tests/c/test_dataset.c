/*
 * test_dataset.c - the lesson datasets: geometry, balance, determinism,
 * errors.
 */
#include <stdlib.h>

#include "check.h"
#include "initlab.h"

static void test_circles_geometry(void)
{
    il_dataset_opts o;
    double X[2 * 101], labels[101];
    size_t i, ones = 0;
    il_dataset_opts_default(&o, IL_DATA_CIRCLES);
    o.noise = 0;
    o.factor = 0.3;
    CHECK_OK(il_dataset(IL_DATA_CIRCLES, 101, &o, 1, X, labels));
    for (i = 0; i < 101; i++) {
        double r = hypot(X[2 * i], X[2 * i + 1]);
        CHECK_NEAR(r, labels[i] == 1 ? 0.3 : 1.0, 1e-15);
        ones += labels[i] == 1;
    }
    CHECK(ones == 51); /* outer n/2 = 50, inner the rest */
}

static void test_moons_on_their_arcs(void)
{
    il_dataset_opts o;
    double X[2 * 40], labels[40];
    size_t i;
    il_dataset_opts_default(&o, IL_DATA_MOONS);
    o.noise = 0;
    CHECK_OK(il_dataset(IL_DATA_MOONS, 40, &o, 2, X, labels));
    for (i = 0; i < 40; i++) {
        double x = X[2 * i], y = X[2 * i + 1];
        if (labels[i] == 0)
            CHECK_NEAR(hypot(x, y), 1.0, 1e-15);
        else
            CHECK_NEAR(hypot(x - 1.0, y - 0.5), 1.0, 1e-15);
        CHECK(labels[i] == 0 ? y >= -1e-15 : y <= 0.5 + 1e-15);
    }
}

static void test_spirals_xor_blobs(void)
{
    il_dataset_opts o;
    double X[2 * 300], labels[300];
    size_t i, count[4] = {0};
    il_dataset_opts_default(&o, IL_DATA_SPIRALS);
    o.classes = 4;
    CHECK_OK(il_dataset(IL_DATA_SPIRALS, 300, &o, 3, X, labels));
    for (i = 0; i < 300; i++) {
        count[(size_t)labels[i]]++;
        CHECK(hypot(X[2 * i], X[2 * i + 1]) <= 1.0 + 1e-15);
    }
    CHECK(count[0] == 75 && count[1] == 75 && count[2] == 75 && count[3] == 75);

    il_dataset_opts_default(&o, IL_DATA_XOR);
    o.noise = 0;
    CHECK_OK(il_dataset(IL_DATA_XOR, 300, &o, 4, X, labels));
    for (i = 0; i < 300; i++) {
        CHECK(fabs(X[2 * i]) <= 1 && fabs(X[2 * i + 1]) <= 1);
        CHECK(labels[i] == (X[2 * i] * X[2 * i + 1] < 0));
    }

    il_dataset_opts_default(&o, IL_DATA_BLOBS);
    o.noise = 0.1;
    CHECK_OK(il_dataset(IL_DATA_BLOBS, 300, &o, 5, X, labels));
    for (i = 3; i < 300; i++) /* each point near its cluster's first point */
        CHECK(hypot(X[2 * i] - X[2 * (i % 3)], X[2 * i + 1] - X[2 * (i % 3) + 1]) < 1.2);
}

static void test_seeded(void)
{
    double A[2 * 50], B[2 * 50], C[2 * 50], la[50], lb[50], lc[50];
    il_dataset_kind k;
    for (k = IL_DATA_CIRCLES; k < IL_DATA_COUNT; k++) {
        CHECK_OK(il_dataset(k, 50, NULL, 9, A, la));
        CHECK_OK(il_dataset(k, 50, NULL, 9, B, lb));
        CHECK_OK(il_dataset(k, 50, NULL, 10, C, lc));
        CHECK(memcmp(A, B, sizeof A) == 0 && memcmp(la, lb, sizeof la) == 0);
        CHECK(memcmp(A, C, sizeof A) != 0);
    }
}

static void test_names_errors_onehot(void)
{
    il_dataset_kind k;
    il_dataset_opts o;
    double X[4], labels[2] = {2, 0}, Y[6], bad[1] = {1.5};
    CHECK_OK(il_dataset_from_name("moons", &k));
    CHECK(k == IL_DATA_MOONS && strcmp(il_dataset_name(k), "moons") == 0);
    CHECK_FAILS(il_dataset_from_name("circle", &k), IL_EBADNAME,
                "unknown dataset 'circle'; expected one of: circles, moons");
    il_dataset_opts_default(&o, IL_DATA_CIRCLES);
    o.factor = 1.5;
    CHECK_FAILS(il_dataset(IL_DATA_CIRCLES, 2, &o, 1, X, labels), IL_EBADVALUE,
                "circles: factor must be in [0, 1), got 1.5");
    o.factor = 0.5;
    o.noise = -1;
    CHECK_FAILS(il_dataset(IL_DATA_CIRCLES, 2, &o, 1, X, labels), IL_EBADVALUE,
                "noise must be finite and >= 0");
    CHECK_FAILS(il_dataset(IL_DATA_XOR, 0, NULL, 1, X, labels), IL_EBADSIZE,
                "n must be at least 1");
    il_dataset_opts_default(&o, IL_DATA_BLOBS);
    o.classes = 1;
    CHECK_FAILS(il_dataset(IL_DATA_BLOBS, 2, &o, 1, X, labels), IL_EBADVALUE,
                "classes must be in 2..64, got 1");
    CHECK_OK(il_onehot(labels, 2, 3, Y));
    CHECK(Y[0] == 0 && Y[1] == 0 && Y[2] == 1 && Y[3] == 1 && Y[4] == 0 && Y[5] == 0);
    CHECK_FAILS(il_onehot(bad, 1, 3, Y), IL_EBADVALUE,
                "labels(1) must be a whole number in 0..2, got 1.5");
}

int main(void)
{
    RUN(test_circles_geometry);
    RUN(test_moons_on_their_arcs);
    RUN(test_spirals_xor_blobs);
    RUN(test_seeded);
    RUN(test_names_errors_onehot);
    return check_finish(__FILE__);
}
