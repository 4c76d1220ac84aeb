/*
 * summary.c - a network at a glance, as text.
 *
 * The one place the summary is written: Octave's il_summary, Lua's
 * net:summary() and tostring(net) print what this makes, so they show the
 * same characters.  The table's columns are as wide as their widest cell,
 * so the per-layer numbers are computed once, before anything is written.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* Text written into the caller's buffer as far as it goes; len counts it
 * all, as snprintf does. */
typedef struct {
    char *buf;
    size_t size, len;
} text;

static void put(text *t, const char *fmt, ...) IL_PRINTF(2, 3);

static void put(text *t, const char *fmt, ...)
{
    int n;
    va_list ap;
    va_start(ap, fmt);
    n = t->len < t->size ? vsnprintf(t->buf + t->len, t->size - t->len, fmt, ap)
                         : vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    t->len += n > 0 ? (size_t)n : 0;
}

/* "tanh", or "leaky_relu(0.2)" for the activations that take a parameter */
static const char *act_text(il_act a, char buf[64])
{
    char num[32];
    if (a.kind != IL_LEAKY_RELU && a.kind != IL_ELU)
        return il_act_name(a.kind);
    snprintf(buf, 64, "%s(%s)", il_act_name(a.kind), il_number(a.param, num));
    return buf;
}

enum { W_MEAN, W_STD, B_MEAN, B_STD, DISTINCT, PER_LAYER };
enum { COLS = 9 };

static const char *const heads[COLS] = {
    "layer", "units", "activation", "params", "W mean", "W std", "b mean",
    "b std", "distinct"};

/* Cell col of table row r (0: the header, 1..L: the layers, L + 1: the
 * total), from the per-layer numbers s. */
static const char *cell(const il_net *net, const double *s, size_t r, int col,
                        char buf[64])
{
    const double *x;
    if (r == 0)
        return heads[col];
    if (r == net->L + 1) {
        if (col == 0)
            return "total";
        if (col != 3)
            return "";
        snprintf(buf, 64, "%zu", net->n_params);
        return buf;
    }
    x = s + PER_LAYER * (r - 1);
    switch (col) {
    case 0: snprintf(buf, 64, "%zu", r); return buf;
    case 1: snprintf(buf, 64, "%zu", net->n[r]); return buf;
    case 2: return act_text(net->act[r], buf);
    case 3:
        snprintf(buf, 64, "%zu", net->n[r] * (net->n[r - 1] + 1));
        return buf;
    case 8: snprintf(buf, 64, "%.0f", x[DISTINCT]); return buf;
    default: return il_number(x[W_MEAN + col - 4], buf);
    }
}

/* The one-line form, which begins the summary. */
static void describe(text *t, const il_net *net)
{
    size_t l;
    char cbuf[64];
    put(t, "initlab net %zu", net->n[0]);
    for (l = 1; l <= net->L; l++)
        put(t, "-%zu", net->n[l]);
    for (l = 1; l <= net->L; l++)
        put(t, "%s%s", l == 1 ? " (" : ", ", act_text(net->act[l], cbuf));
    put(t, "; loss %s), %zu parameters", il_loss_name(net->loss),
        net->n_params);
}

/* The caller's buffer as the summary's text starts it. */
static il_status start_text(const il_net *net, char *buf, size_t size,
                            size_t *length)
{
    if (length)
        *length = 0;
    if (!net || (!buf && size))
        return il_fail(IL_EBADARG, "net must not be NULL, nor buf when size "
                       "is not 0");
    if (size)
        buf[0] = '\0';
    return IL_OK;
}

il_status il_net_describe(const il_net *net, char *buf, size_t size,
                          size_t *length)
{
    text t = {buf, size, 0};
    il_status st = start_text(net, buf, size, length);
    if (st != IL_OK)
        return st;
    describe(&t, net);
    if (length)
        *length = t.len;
    return IL_OK;
}

il_status il_net_summary(const il_net *net, char *buf, size_t size,
                         size_t *length)
{
    text t = {buf, size, 0};
    size_t l, r, L, width[COLS] = {0};
    double *s, ignored;
    il_record_opts defaults;
    char cbuf[64];
    int col;
    il_status st = start_text(net, buf, size, length);
    if (st != IL_OK)
        return st;
    L = net->L;
    if (!(s = malloc(L * PER_LAYER * sizeof *s)))
        return il_fail(IL_ENOMEM, "out of memory for a summary of %zu layers",
                       L);
    il_record_opts_default(&defaults);
    for (l = 1; l <= L; l++) {
        const double *W = il_net_cW(net, l), *b = il_net_cb(net, l);
        double *x = s + PER_LAYER * (l - 1);
        size_t n = net->n[l], k = net->n[l - 1];
        il_moments(W, n * k, &x[W_MEAN], &x[W_STD], &ignored, &ignored);
        il_moments(b, n, &x[B_MEAN], &x[B_STD], &ignored, &ignored);
        x[DISTINCT] = (double)il_distinct_units(W, b, n, k,
                                                defaults.distinct_tol);
    }
    for (r = 0; r <= L + 1; r++)
        for (col = 0; col < COLS; col++) {
            size_t w = strlen(cell(net, s, r, col, cbuf));
            width[col] = w > width[col] ? w : width[col];
        }

    describe(&t, net);
    for (r = 0; r <= L + 1; r++) {
        put(&t, "\n");
        /* the total row stops at its count: no spaces end a line */
        for (col = 0; col < (r == L + 1 ? 4 : COLS); col++) {
            const char *c = cell(net, s, r, col, cbuf);
            /* the activation reads left to right; numbers line up right */
            if (col == 2)
                put(&t, "  %-*s", (int)width[col], c);
            else
                put(&t, "%s%*s", col ? "  " : "", (int)width[col], c);
        }
    }
    free(s);
    if (length)
        *length = t.len;
    return IL_OK;
}
