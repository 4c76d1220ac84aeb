/*
 * test_figure.c - the figures' contract: the table of plot kinds, padded
 * axis ranges, the weight colour floor and the diverging palette, and the
 * commands that hand them to the front ends.
 */
#include <stdlib.h>

#include "check.h"
#include "initlab.h"

static void test_the_kinds_table(void)
{
    const char *want[] = {"loss", "accuracy", "saturation", "sat_low",
                          "sat_high", "dead", "distinct", "grad_std",
                          "act_mean", "act_std", "act_min", "act_max", "act",
                          "update_ratio", "weight_norm", "hist", "weights",
                          "boundary", "spectrum"};
    size_t i, n = sizeof want / sizeof want[0];
    CHECK(il_plot_count() == n);
    for (i = 0; i < n && i < il_plot_count(); i++) {
        const il_plot_info *k = il_plot_at(i);
        CHECK(strcmp(k->name, want[i]) == 0);
        CHECK(k->title[0] && k->ylabel[0] && k->doc[0]);
        CHECK(il_plot_find(want[i]) == k);
    }
    CHECK(il_plot_at(n) == NULL);
    CHECK(il_plot_find("distinct")->axis == IL_AXIS_INTEGER);
    CHECK(il_plot_find("loss")->axis == IL_AXIS_LOG);
    CHECK(strcmp(il_plot_find("loss")->validation, "val_loss") == 0);
    CHECK(il_plot_find("weights")->layout == IL_LAYOUT_MULTIPLES);
    CHECK(il_plot_find("saturation")->layout == IL_LAYOUT_OVERLAY);
    CHECK(il_plot_find("spectrum")->axis == IL_AXIS_LOG);
    CHECK(strcmp(il_plot_find("spectrum")->field, "sv") == 0);
    CHECK(il_plot_find("los") == NULL);
    CHECK(strstr(il_last_error(), "unknown plot 'los'; expected loss, "));
}

/* The zero-init record's one distinct unit sits inside the frame. */
static void test_integer_axis_of_a_zero_init_record(void)
{
    double ones[5] = {1, 1, 1, 1, 1}, spread[3] = {1, 4, 10}, lo, hi;
    il_axis_range(ones, 5, IL_AXIS_INTEGER, &lo, &hi);
    CHECK_NEAR(lo, 0.5, 0);
    CHECK_NEAR(hi, 1.5, 0);
    il_axis_range(spread, 3, IL_AXIS_INTEGER, &lo, &hi);
    CHECK_NEAR(lo, 0.5, 0);
    CHECK_NEAR(hi, 10.5, 0);
}

static void test_linear_axis_is_padded(void)
{
    double x[4] = {0, NAN, 1, INFINITY}, c = 3, z = 0, lo, hi;
    il_axis_range(x, 4, IL_AXIS_LINEAR, &lo, &hi);
    CHECK_NEAR(lo, -0.05, 1e-15);
    CHECK_NEAR(hi, 1.05, 1e-15);
    il_axis_range(&c, 1, IL_AXIS_LINEAR, &lo, &hi);
    CHECK_NEAR(lo, 2.7, 1e-15);
    CHECK_NEAR(hi, 3.3, 1e-15);
    il_axis_range(&z, 1, IL_AXIS_LOG, &lo, &hi);
    CHECK(lo == -1 && hi == 1);
    il_axis_range(x + 1, 1, IL_AXIS_LINEAR, &lo, &hi);
    CHECK(lo == 0 && hi == 1);
    il_axis_range(NULL, 0, IL_AXIS_LINEAR, &lo, &hi);
    CHECK(lo == 0 && hi == 1);
}

static void test_log_axis_only_over_decades(void)
{
    double decades[3] = {1, 0.1, 0.001}, narrow[2] = {0.5, 0.7},
           with_zero[2] = {0, 10}, lo, hi;
    CHECK(il_axis_log(decades, 3, IL_AXIS_LOG));
    il_axis_range(decades, 3, IL_AXIS_LOG, &lo, &hi);
    CHECK_NEAR(log10(lo), -3.15, 1e-12);
    CHECK_NEAR(log10(hi), 0.15, 1e-12);
    CHECK(!il_axis_log(decades, 3, IL_AXIS_LINEAR));
    CHECK(!il_axis_log(narrow, 2, IL_AXIS_LOG));
    CHECK(!il_axis_log(with_zero, 2, IL_AXIS_LOG));
    il_axis_range(narrow, 2, IL_AXIS_LOG, &lo, &hi);
    CHECK_NEAR(lo, 0.49, 1e-12);
    CHECK_NEAR(hi, 0.71, 1e-12);
}

/* Round-off weights (~1e-45) next to ordinary ones get the ordinary
 * ones' floor, and so render near-white; a figure of round-off alone gets
 * the absolute floor. */
static void test_colour_floor(void)
{
    unsigned char rgb[3];
    double r = il_color_range(1e-45, 2.5);
    CHECK_NEAR(r, 2.5e-3, 1e-18);
    il_palette_rgb(1e-45 / r, rgb);
    CHECK(rgb[0] == 255 && rgb[1] == 255 && rgb[2] == 255);
    CHECK_NEAR(il_color_range(2.5, 2.5), 2.5, 0);
    CHECK_NEAR(il_color_range(1e-45, 1e-45), 1e-12, 0);
    CHECK_NEAR(il_color_range(0, 0), 1e-12, 0);
    CHECK_NEAR(il_color_range(NAN, 4), 4e-3, 1e-18);
    CHECK_NEAR(il_color_range(-3, 1), 3, 0);
}

static void test_palette(void)
{
    unsigned char rgb[3];
    il_palette_rgb(-1, rgb);
    CHECK(rgb[0] == 33 && rgb[1] == 102 && rgb[2] == 172);
    il_palette_rgb(-7, rgb);
    CHECK(rgb[0] == 33 && rgb[1] == 102 && rgb[2] == 172);
    il_palette_rgb(0, rgb);
    CHECK(rgb[0] == 255 && rgb[1] == 255 && rgb[2] == 255);
    il_palette_rgb(NAN, rgb);
    CHECK(rgb[0] == 255 && rgb[1] == 255 && rgb[2] == 255);
    il_palette_rgb(1, rgb);
    CHECK(rgb[0] == 178 && rgb[1] == 24 && rgb[2] == 43);
    il_palette_rgb(0.5, rgb);
    CHECK(rgb[0] == 217 && rgb[1] == 140 && rgb[2] == 149);
}

/* The spectrum figure's bins, which both front ends draw: edges over the
 * padded axis of the pooled values, log-spaced on a log axis, and each
 * value counted once, in [edges[k], edges[k + 1]). The literals are also
 * in octave/il_plot.m's and tests/lua/plot_spec.lua's tests. */
static void test_histogram_bins(void)
{
    /* two il_jacobian results' sv, and 1 */
    double a[6] = {0.4, 0.05, 0.001, 3, 0.9, 0.2}, b[3] = {2, 1.5, 0.7},
           over[10] = {0.4, 0.05, 0.001, 3, 0.9, 0.2, 2, 1.5, 0.7, 1},
           edges[41], counts[40], total = 0, span = log10(3) + 3;
    size_t k, nonzero_a[6] = {2, 20, 26, 30, 33, 39}, nonzero_b[3] = {32, 36, 37};
    CHECK(il_hist_edges(over, 10, IL_AXIS_LOG, 40, edges) == 1);
    CHECK_NEAR(log10(edges[0]), -3 - IL_AXIS_PAD * span, 1e-12);
    CHECK_NEAR(log10(edges[40]), log10(3) + IL_AXIS_PAD * span, 1e-12);
    for (k = 1; k <= 40; k++)
        CHECK_NEAR(log10(edges[k]) - log10(edges[k - 1]),
                   (1 + 2 * IL_AXIS_PAD) * span / 40, 1e-12);
    il_hist_count(a, 6, edges, 40, counts);
    for (k = 0; k < 40; k++)
        total += counts[k];
    CHECK(total == 6);
    for (k = 0; k < 6; k++) /* 1-based bins, as the front ends' tests say */
        CHECK(counts[nonzero_a[k] - 1] == 1);
    il_hist_count(b, 3, edges, 40, counts);
    for (k = 0; k < 3; k++)
        CHECK(counts[nonzero_b[k] - 1] == 1);
    /* linear: a 0 among them; the last edge belongs to the last bin, a
     * value outside (or NaN) to none */
    {
        double x[5] = {0, 1, 2, NAN, 5}, e[5], c[4];
        CHECK(il_hist_edges(x, 3, IL_AXIS_LOG, 4, e) == 0);
        CHECK_NEAR(e[0], -0.1, 1e-15);
        CHECK_NEAR(e[2], 1, 1e-15);
        CHECK_NEAR(e[4], 2.1, 1e-15);
        il_hist_count(x, 5, e, 4, c);
        CHECK(c[0] == 1 && c[1] == 0 && c[2] == 1 && c[3] == 1);
        e[4] = 2;
        il_hist_count(x, 3, e, 4, c);
        CHECK(c[3] == 1);
    }
}

static il_value numbers(const double *x, size_t n)
{
    il_value v;
    memset(&v, 0, sizeof v);
    v.kind = IL_VAL_NUMBERS, v.data = x, v.rows = 1, v.cols = n;
    return v;
}

static void test_the_commands(void)
{
    double ones[3] = {1, 1, 1}, w = 1e-45, ref = 2, n = 3, rgb[9];
    il_value x = numbers(ones, 3), rule, a = numbers(&w, 1),
             b = numbers(&ref, 1), count = numbers(&n, 1);
    il_command *c = NULL;
    memset(&rule, 0, sizeof rule);
    rule.kind = IL_VAL_STRING, rule.str = "integer";
    CHECK_OK(il_command_new("axis_range", &c));
    CHECK_OK(il_command_arg(c, &x));
    CHECK_OK(il_command_arg(c, &rule));
    CHECK_OK(il_command_prepare(c, 3));
    CHECK_OK(il_command_run(c, NULL));
    CHECK(il_command_number(c, 0) == 0.5 && il_command_number(c, 1) == 1.5);
    CHECK(il_command_result_kind(c, 2) == IL_RES_BOOL);
    il_command_free(c);
    rule.str = "cubic";
    CHECK_OK(il_command_new("axis_range", &c));
    CHECK_OK(il_command_arg(c, &x));
    CHECK_OK(il_command_arg(c, &rule));
    CHECK_FAILS(il_command_prepare(c, 1), IL_EBADNAME, "linear, log or integer");
    il_command_free(c);
    CHECK_OK(il_command_new("color_range", &c));
    CHECK_OK(il_command_arg(c, &a));
    CHECK_OK(il_command_arg(c, &b));
    CHECK_OK(il_command_prepare(c, 1));
    CHECK_OK(il_command_run(c, NULL));
    CHECK_NEAR(il_command_number(c, 0), 2e-3, 1e-18);
    il_command_free(c);
    CHECK_OK(il_command_new("palette", &c));
    CHECK_OK(il_command_arg(c, &count));
    CHECK_OK(il_command_prepare(c, 1));
    {
        size_t rows, cols;
        il_command_dims(c, 0, 0, &rows, &cols);
        CHECK(rows == 3 && cols == 3);
    }
    il_command_bind(c, 0, 0, rgb);
    CHECK_OK(il_command_run(c, NULL));
    CHECK_NEAR(rgb[0], 33 / 255.0, 1e-15);   /* -1: blue  */
    CHECK_NEAR(rgb[1], 1, 1e-15);            /*  0: white */
    CHECK_NEAR(rgb[2 + 6], 43 / 255.0, 1e-15); /* 1: red's blue */
    il_command_free(c);
    n = 1;
    CHECK_OK(il_command_new("palette", &c));
    CHECK_OK(il_command_arg(c, &count));
    CHECK_FAILS(il_command_prepare(c, 1), IL_EBADVALUE, "2..4096");
    il_command_free(c);
    {
        double v[3] = {0, 1, 2}, two = 2, edges[3], counts[2];
        size_t rows, cols;
        il_value values = numbers(v, 3), bins = numbers(&two, 1);
        rule.str = "linear";
        CHECK_OK(il_command_new("histogram", &c));
        CHECK_OK(il_command_arg(c, &values));
        CHECK_OK(il_command_arg(c, &values));
        CHECK_OK(il_command_arg(c, &rule));
        CHECK_OK(il_command_arg(c, &bins));
        CHECK_OK(il_command_prepare(c, 3));
        il_command_dims(c, 0, 0, &rows, &cols);
        CHECK(rows == 1 && cols == 3);
        il_command_dims(c, 1, 0, &rows, &cols);
        CHECK(rows == 1 && cols == 2);
        CHECK(il_command_result_kind(c, 2) == IL_RES_BOOL);
        il_command_bind(c, 0, 0, edges);
        il_command_bind(c, 1, 0, counts);
        CHECK_OK(il_command_run(c, NULL));
        CHECK_NEAR(edges[0], -0.1, 1e-15);
        CHECK_NEAR(edges[1], 1, 1e-15);
        CHECK(counts[0] == 1 && counts[1] == 2);
        CHECK(il_command_number(c, 2) == 0);
        il_command_free(c);
        two = 0.5;
        CHECK_OK(il_command_new("histogram", &c));
        CHECK_OK(il_command_arg(c, &values));
        CHECK_OK(il_command_arg(c, &values));
        CHECK_OK(il_command_arg(c, &rule));
        CHECK_OK(il_command_arg(c, &bins));
        CHECK_FAILS(il_command_prepare(c, 2), IL_EBADVALUE, "1..10000");
        il_command_free(c);
        rule.str = "cubic";
        CHECK_OK(il_command_new("histogram", &c));
        CHECK_OK(il_command_arg(c, &values));
        CHECK_OK(il_command_arg(c, &values));
        CHECK_OK(il_command_arg(c, &rule));
        CHECK_OK(il_command_arg(c, &bins));
        CHECK_FAILS(il_command_prepare(c, 2), IL_EBADNAME,
                    "histogram's rule must be linear, log or integer");
        il_command_free(c);
    }
}

/* The table as the front ends read it: every cell of every kind says
 * what il_plot_at does, and the rules are initlab.h's constants. */
static void test_the_table_as_cells(void)
{
    size_t i, k, n = il_plot_columns();
    double x = 0;
    CHECK(n >= 10 && il_plot_column(n) == NULL);
    for (i = 0; i < il_plot_count(); i++) {
        const il_plot_info *p = il_plot_at(i);
        for (k = 0; k < n; k++) {
            il_cell c = il_plot_cell(i, k);
            const char *col = il_plot_column(k);
            if (strcmp(col, "per_layer") == 0)
                CHECK(c.kind == IL_CELL_FLAG && c.number == (p->per_layer != 0));
            else
                CHECK(c.kind == IL_CELL_TEXT && c.text != NULL);
            if (strcmp(col, "name") == 0)
                CHECK(strcmp(c.text, p->name) == 0);
            if (strcmp(col, "axis") == 0)
                CHECK(strcmp(c.text, il_axis_name(p->axis)) == 0);
        }
    }
    CHECK(strcmp(il_plot_rule(0, &x), "markers_below") == 0 &&
          x == IL_PLOT_MARKERS_BELOW);
    CHECK(strcmp(il_plot_rule(1, &x), "color_relative") == 0 &&
          x == IL_COLOR_RELATIVE);
    CHECK(il_plot_rule(il_plot_rules(), &x) == NULL);
}

int main(void)
{
    RUN(test_the_kinds_table);
    RUN(test_the_table_as_cells);
    RUN(test_integer_axis_of_a_zero_init_record);
    RUN(test_linear_axis_is_padded);
    RUN(test_log_axis_only_over_decades);
    RUN(test_colour_floor);
    RUN(test_palette);
    RUN(test_histogram_bins);
    RUN(test_the_commands);
    return check_finish("tests/c/test_figure.c");
}
