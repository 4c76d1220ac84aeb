/*
 * figure.c - what the figures of il_plot / il.plot show, and the rules for
 * their axes and colours.
 *
 * The front ends draw (Octave with its own graphics, Lua through gnuplot);
 * which record fields a kind reads, how its y-axis is chosen, how several
 * records are laid out and what the titles say are decided here, so a
 * figure means the same in both languages and an animation (il_animate)
 * colours weights as a still figure does.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"

#define TEXT_OF(x) #x
#define TEXT(x) TEXT_OF(x)

#define ROW(name, field, field2, val, layer, axis, layout, title, ylabel, doc) \
    {name, field, field2, val, layer, axis, layout, title, ylabel, doc}

static const il_plot_info kinds[] = {
    ROW("loss", "loss", "", "val_loss", 0, IL_AXIS_LOG, IL_LAYOUT_OVERLAY,
        "loss", "loss",
        "training loss over iterations, one line per record; validation "
        "loss dashed"),
    ROW("accuracy", "accuracy", "", "val_accuracy", 0, IL_AXIS_LINEAR,
        IL_LAYOUT_OVERLAY, "accuracy", "accuracy",
        "training accuracy over iterations; validation accuracy dashed"),
    ROW("saturation", "saturation", "", "", 1, IL_AXIS_LINEAR,
        IL_LAYOUT_OVERLAY, "saturated units", "saturated fraction",
        "fraction of saturated unit-samples per layer"),
    ROW("sat_low", "sat_low", "", "", 1, IL_AXIS_LINEAR, IL_LAYOUT_OVERLAY,
        "saturated low", "fraction saturated low",
        "fraction saturated on the low side per layer"),
    ROW("sat_high", "sat_high", "", "", 1, IL_AXIS_LINEAR, IL_LAYOUT_OVERLAY,
        "saturated high", "fraction saturated high",
        "fraction saturated on the high side per layer"),
    ROW("dead", "dead", "", "", 1, IL_AXIS_LINEAR, IL_LAYOUT_OVERLAY,
        "dead units", "dead fraction",
        "fraction of dead units (zero for every sample) per layer"),
    ROW("distinct", "distinct", "", "", 1, IL_AXIS_INTEGER, IL_LAYOUT_OVERLAY,
        "distinct units", "distinct units",
        "number of distinct units per layer (1 forever under zero init)"),
    ROW("grad_std", "grad_std", "", "", 1, IL_AXIS_LOG, IL_LAYOUT_OVERLAY,
        "back-propagated gradient", "std of dL/dZ",
        "std of the back-propagated gradient per layer"),
    ROW("act_mean", "act_mean", "", "", 1, IL_AXIS_LINEAR, IL_LAYOUT_OVERLAY,
        "activation mean", "activation mean", "activation mean per layer"),
    ROW("act_std", "act_std", "", "", 1, IL_AXIS_LINEAR, IL_LAYOUT_OVERLAY,
        "activation std", "activation std", "activation std per layer"),
    ROW("act_min", "act_min", "", "", 1, IL_AXIS_LINEAR, IL_LAYOUT_OVERLAY,
        "activation min", "activation min", "smallest activation per layer"),
    ROW("act_max", "act_max", "", "", 1, IL_AXIS_LINEAR, IL_LAYOUT_OVERLAY,
        "activation max", "activation max", "largest activation per layer"),
    ROW("act", "act_mean", "act_std", "", 1, IL_AXIS_LINEAR,
        IL_LAYOUT_OVERLAY, "activations", "activation mean +- std",
        "activation mean per layer, with bars at +- one std"),
    ROW("update_ratio", "update_ratio", "", "", 1, IL_AXIS_LOG,
        IL_LAYOUT_OVERLAY, "update ratio", "||dW|| / ||W||",
        "size of each step relative to the weights, per layer"),
    ROW("weight_norm", "weight_norm", "", "", 1, IL_AXIS_LOG,
        IL_LAYOUT_OVERLAY, "weight norm", "||W||",
        "Frobenius norm of each layer's weights"),
    ROW("hist", "hist", "hist_edges", "", 1, IL_AXIS_LINEAR,
        IL_LAYOUT_MULTIPLES, "activation histograms", "unit-samples",
        "activation histograms (unit-samples per bin) per layer at iters "
        "(default first and last); a panel per record and iteration"),
    ROW("weights", "W", "b", "", 0, IL_AXIS_LINEAR, IL_LAYOUT_MULTIPLES,
        "weights", "unit",
        "heat map of layer's [W b] at iters, blue < 0 < red; a panel per "
        "record and iteration"),
    ROW("boundary", "", "", "", 0, IL_AXIS_LINEAR, IL_LAYOUT_MULTIPLES,
        "decision boundary", "x2",
        "a network's predicted class over 2-D data X with its points "
        "coloured by Y; a panel per network, accuracy in its title"),
    ROW("spectrum", "sv", "", "", 0, IL_AXIS_LOG, IL_LAYOUT_MULTIPLES,
        "Jacobian singular values", "singular values per bin",
        "histogram of il_jacobian results' singular values (all of J.sv) "
        "in " TEXT(IL_SPECTRUM_BINS) " bins over a shared x-axis that "
        "takes in 1 (axis rule: log when they span 10x, bins then "
        "log-spaced), dashed line at 1 (isometry); a panel per result, "
        "max and condition in its title"),
};

#define N_KINDS (sizeof kinds / sizeof kinds[0])

const char *il_axis_name(int rule)
{
    static const char *const names[] = {"linear", "log", "integer"};
    return rule >= 0 && rule < 3 ? names[rule] : NULL;
}

const char *il_layout_name(int layout)
{
    return layout == IL_LAYOUT_OVERLAY ? "overlay"
         : layout == IL_LAYOUT_MULTIPLES ? "multiples" : NULL;
}

static const char *const columns[] = {"name", "field", "field2", "validation",
                                      "per_layer", "axis", "layout", "title",
                                      "ylabel", "doc"};
#define N_COLUMNS (sizeof columns / sizeof columns[0])

size_t il_plot_columns(void) { return N_COLUMNS; }

const char *il_plot_column(size_t k) { return k < N_COLUMNS ? columns[k] : NULL; }

il_cell il_plot_cell(size_t i, size_t k)
{
    il_cell c = {IL_CELL_TEXT, "", 0};
    const il_plot_info *p = il_plot_at(i);
    const char *text[N_COLUMNS];
    if (!p || k >= N_COLUMNS)
        return c;
    text[0] = p->name;
    text[1] = p->field;
    text[2] = p->field2;
    text[3] = p->validation;
    text[4] = NULL;
    text[5] = il_axis_name(p->axis);
    text[6] = il_layout_name(p->layout);
    text[7] = p->title;
    text[8] = p->ylabel;
    text[9] = p->doc;
    if (text[k]) {
        c.text = text[k];
        return c;
    }
    c.kind = IL_CELL_FLAG;
    c.number = p->per_layer != 0;
    return c;
}

size_t il_plot_rules(void) { return 6; }

const char *il_plot_rule(size_t k, double *value)
{
    static const char *const names[] = {"markers_below", "color_relative",
                                        "color_absolute", "axis_pad",
                                        "axis_decades", "spectrum_bins"};
    const double values[] = {IL_PLOT_MARKERS_BELOW, IL_COLOR_RELATIVE,
                             IL_COLOR_ABSOLUTE, IL_AXIS_PAD, IL_AXIS_DECADES,
                             IL_SPECTRUM_BINS};
    if (k >= sizeof names / sizeof names[0])
        return NULL;
    *value = values[k];
    return names[k];
}

size_t il_plot_count(void)
{
    return N_KINDS;
}

const il_plot_info *il_plot_at(size_t i)
{
    return i < N_KINDS ? &kinds[i] : NULL;
}

const il_plot_info *il_plot_find(const char *name)
{
    char known[400] = "";
    size_t i, used = 0;
    for (i = 0; name && i < N_KINDS; i++)
        if (strcmp(name, kinds[i].name) == 0)
            return &kinds[i];
    for (i = 0; i < N_KINDS && used < sizeof known; i++)
        used += (size_t)snprintf(known + used, sizeof known - used, "%s%s",
                                 i ? ", " : "", kinds[i].name);
    il_fail(IL_EBADNAME, "unknown plot '%.40s'; expected %s",
            name ? name : "", known);
    return NULL;
}

/* The smallest and largest finite value; 0 when there is none. */
static int finite_extent(const double *x, size_t n, double *lo, double *hi)
{
    size_t i;
    int any = 0;
    for (i = 0; x && i < n; i++) {
        if (!isfinite(x[i]))
            continue;
        if (!any || x[i] < *lo)
            *lo = x[i];
        if (!any || x[i] > *hi)
            *hi = x[i];
        any = 1;
    }
    return any;
}

int il_axis_log(const double *x, size_t n, int rule)
{
    double lo = 0, hi = 0;
    size_t i;
    if (rule != IL_AXIS_LOG || !finite_extent(x, n, &lo, &hi) || lo <= 0)
        return 0;
    for (i = 0; i < n; i++) /* a log axis cannot show 0 or a negative */
        if (!(x[i] > 0) && !isnan(x[i]))
            return 0;
    return hi / lo >= IL_AXIS_DECADES;
}

void il_axis_range(const double *x, size_t n, int rule, double *lo,
                   double *hi)
{
    double a = 0, b = 0, pad;
    if (!finite_extent(x, n, &a, &b)) {
        *lo = 0, *hi = 1;
        return;
    }
    if (rule == IL_AXIS_INTEGER) {
        *lo = floor(a) - 0.5, *hi = ceil(b) + 0.5;
        return;
    }
    if (il_axis_log(x, n, rule)) {
        pad = IL_AXIS_PAD * (log10(b) - log10(a));
        *lo = a / pow(10, pad), *hi = b * pow(10, pad);
        return;
    }
    pad = b > a ? IL_AXIS_PAD * (b - a) : a != 0 ? 0.1 * fabs(a) : 1;
    *lo = a - pad, *hi = b + pad;
}

int il_hist_edges(const double *x, size_t n, int rule, size_t bins,
                  double *edges)
{
    double lo, hi, a, b;
    int log_axis = il_axis_log(x, n, rule);
    size_t k;
    il_axis_range(x, n, rule, &lo, &hi);
    if (bins == 0)
        return log_axis;
    a = log_axis ? log10(lo) : lo;
    b = log_axis ? log10(hi) : hi;
    for (k = 1; k < bins; k++) {
        double t = a + (b - a) * (double)k / (double)bins;
        edges[k] = log_axis ? pow(10, t) : t;
    }
    edges[0] = lo, edges[bins] = hi;
    return log_axis;
}

void il_hist_count(const double *x, size_t n, const double *edges,
                   size_t bins, double *counts)
{
    size_t i, k, lo, hi;
    for (k = 0; k < bins; k++)
        counts[k] = 0;
    for (i = 0; bins && x && i < n; i++) {
        if (!(x[i] >= edges[0] && x[i] <= edges[bins]) || !isfinite(x[i]))
            continue;
        lo = 0, hi = bins; /* edges[lo] <= x < edges[hi] (or x is the end) */
        while (hi - lo > 1) {
            k = lo + (hi - lo) / 2;
            if (x[i] < edges[k])
                hi = k;
            else
                lo = k;
        }
        counts[lo]++;
    }
}

double il_color_range(double max_abs, double reference)
{
    double r = IL_COLOR_ABSOLUTE;
    if (isfinite(max_abs) && fabs(max_abs) > r)
        r = fabs(max_abs);
    if (isfinite(reference) && IL_COLOR_RELATIVE * fabs(reference) > r)
        r = IL_COLOR_RELATIVE * fabs(reference);
    return r;
}

void il_palette_rgb(double t, unsigned char rgb[3])
{
    static const double blue[3] = {33, 102, 172}, red[3] = {178, 24, 43};
    const double *end;
    int k;
    if (isnan(t))
        t = 0;
    t = t < -1 ? -1 : t > 1 ? 1 : t;
    end = t < 0 ? blue : red;
    for (k = 0; k < 3; k++)
        rgb[k] = (unsigned char)lround(255 + fabs(t) * (end[k] - 255));
}
