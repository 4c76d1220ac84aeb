/*
 * report.c - the run report: records handed back by a host, written as one
 * HTML page with its data embedded as JSON.
 *
 * The page (src/report.html, compiled in as il_report_template by
 * tools/embed-text) holds one placeholder, @INITLAB_DATA@, which becomes
 * the JSON written here.  Numbers are formatted by this file alone (%.17g,
 * NaN and Inf as null), so the same records give the same bytes whichever
 * front end hands them over.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

extern const char il_report_template[];

#define PLACEHOLDER "@INITLAB_DATA@"
#define PALETTE_STEPS 200
#define MAX_LAYERS 4096

/* ---- a growing text ------------------------------------------------------- */

typedef struct {
    char *s;
    size_t len, cap, max;
    il_status st;
} text;

static void put(text *t, const char *s, size_t n)
{
    size_t want;
    char *grown;
    if (t->st != IL_OK)
        return;
    if (il_add_overflows(t->len, n + 1, &want) || want > t->max) {
        t->st = il_too_big("the report", (double)t->len / 1e6 + (double)n / 1e6,
                           t->max, "record fewer iterations or weights, or "
                           "show fewer layers");
        return;
    }
    if (want > t->cap) {
        size_t cap = t->cap ? t->cap : 4096;
        while (cap < want)
            cap = cap > (size_t)-1 / 2 ? want : 2 * cap;
        if (!(grown = realloc(t->s, cap))) {
            t->st = il_fail(IL_ENOMEM, "out of memory for the report");
            return;
        }
        t->s = grown;
        t->cap = cap;
    }
    memcpy(t->s + t->len, s, n);
    t->len += n;
    t->s[t->len] = '\0';
}

static void puts_(text *t, const char *s) { put(t, s, strlen(s)); }

static void number(text *t, double x)
{
    char buf[32];
    if (!isfinite(x)) {
        puts_(t, "null");
        return;
    }
    snprintf(buf, sizeof buf, "%.17g", x == 0 ? 0.0 : x); /* -0 as 0 */
    puts_(t, buf);
}

/* A JSON string that is also safe inside a <script> element: '<' as
 * \u003c, so that no label can close it. */
static void string(text *t, const char *s)
{
    char buf[8];
    puts_(t, "\"");
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\') {
            buf[0] = '\\', buf[1] = (char)c;
            put(t, buf, 2);
        } else if (c < 0x20 || c == '<' || c == '>' || c == '&') {
            snprintf(buf, sizeof buf, "\\u%04x", c);
            puts_(t, buf);
        } else {
            put(t, s, 1);
        }
    }
    puts_(t, "\"");
}

/* n numbers x[offset + i * stride] as a JSON array */
static void numbers(text *t, const double *x, size_t n, size_t stride,
                    size_t offset)
{
    size_t i;
    puts_(t, "[");
    for (i = 0; i < n && t->st == IL_OK; i++) {
        if (i)
            puts_(t, ",");
        number(t, x[offset + i * stride]);
    }
    puts_(t, "]");
}

/* ---- reading a run ---------------------------------------------------------- */

typedef struct {
    il_hostrec h;
    const double *loss;                  /* R, or NULL                   */
    const double *saturation, *distinct; /* L x R, or NULL               */
    double *range;                       /* per layer, with W            */
} run;

static void run_free(run *r)
{
    il_hostrec_free(&r->h);
    free(r->range);
    memset(r, 0, sizeof *r);
}

static double largest_abs(const double *x, size_t n, double m)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (isfinite(x[i]) && fabs(x[i]) > m)
            m = fabs(x[i]);
    return m;
}

static il_status read_run(const il_value *v, size_t k, run *r)
{
    il_hostrec *h = &r->h;
    const il_value *f, *W, *b, *edges;
    size_t i, l, j;
    char where[32];
    il_status st;
    snprintf(where, sizeof where, "runs(%zu)", k + 1);
    if ((st = il_hostrec_open(h, v, where)) != IL_OK)
        return st;
    if (!(f = il_hostrec_field(h, "iter")))
        return il_fail(IL_EBADARG, "runs(%zu) has no iter: a record from "
                       "il_train or il_stats is needed", k + 1);
    if ((st = il_hostrec_iter(h, f)) != IL_OK)
        return st;
    for (i = 0; i < h->R; i++)
        if (!(h->iter[i] >= 0 && h->iter[i] == floor(h->iter[i]) &&
              h->iter[i] <= 9007199254740992.0) ||
            (i && h->iter[i] <= h->iter[i - 1]))
            return il_fail(IL_EBADVALUE, "runs(%zu).iter: entry %zu must be a "
                           "whole number >= 0, after the one before", k + 1,
                           i + 1);
    if ((f = il_hostrec_field(h, "loss")) && f->kind != IL_VAL_NONE &&
        (st = il_hostrec_series(h, f, "loss", &r->loss)) != IL_OK)
        return st;
    if ((f = il_hostrec_field(h, "saturation")) &&
        (st = il_hostrec_layers(h, f, "saturation", &r->saturation)) != IL_OK)
        return st;
    if ((f = il_hostrec_field(h, "distinct")) &&
        (st = il_hostrec_layers(h, f, "distinct", &r->distinct)) != IL_OK)
        return st;
    edges = il_hostrec_field(h, "hist_edges");
    if ((f = il_hostrec_field(h, "hist")) && edges &&
        (st = il_hostrec_hist(h, f, edges)) != IL_OK)
        return st;
    W = il_hostrec_field(h, "W");
    b = il_hostrec_field(h, "b");
    if (W && b) {
        if ((st = il_hostrec_weights(h, W, b)) != IL_OK)
            return st;
        if (!(r->range = calloc(h->L, sizeof *r->range)))
            return il_fail(IL_ENOMEM, "out of memory for the report");
        for (l = 0; l < h->L; l++)
            for (j = 0; j < h->R; j++) {
                r->range[l] = largest_abs(h->W[l * h->R + j],
                                          h->sizes[l + 1] * h->sizes[l],
                                          r->range[l]);
                r->range[l] = largest_abs(h->b[l * h->R + j], h->sizes[l + 1],
                                          r->range[l]);
            }
    }
    if (!h->L)
        return il_fail(IL_EBADARG, "runs(%zu) has no per-layer field "
                       "(saturation, distinct, hist, W): nothing to show",
                       k + 1);
    return IL_OK;
}

/* ---- writing ---------------------------------------------------------------- */

/* A list per layer of a per-record list of items: x[l + L*(j + B*r)]. */
static void per_layer(text *t, const double *x, size_t L, size_t B, size_t R)
{
    size_t l, i;
    puts_(t, "[");
    for (l = 0; l < L; l++) {
        if (l)
            puts_(t, ",");
        if (!B) { /* a statistic: one number per record */
            numbers(t, x, R, L, l);
            continue;
        }
        puts_(t, "[");
        for (i = 0; i < R; i++) {
            if (i)
                puts_(t, ",");
            numbers(t, x, B, L, l + L * B * i);
        }
        puts_(t, "]");
    }
    puts_(t, "]");
}

/* Each layer's matrices, one list of n*k numbers per record. */
static void matrices(text *t, const double *const *x, const size_t *sizes,
                     size_t L, size_t R, int bias)
{
    size_t l, i, cells;
    puts_(t, "[");
    for (l = 0; l < L; l++) {
        cells = sizes[l + 1] * (bias ? 1 : sizes[l]);
        puts_(t, l ? ",[" : "[");
        for (i = 0; i < R; i++) {
            if (i)
                puts_(t, ",");
            numbers(t, x[l * R + i], cells, 1, 0);
        }
        puts_(t, "]");
    }
    puts_(t, "]");
}

static void write_run(text *t, const run *r, const char *label, double largest)
{
    const il_hostrec *h = &r->h;
    size_t l;
    char buf[32];
    puts_(t, "{\"label\":");
    string(t, label);
    puts_(t, ",\"layers\":");
    snprintf(buf, sizeof buf, "%zu", h->L);
    puts_(t, buf);
    puts_(t, ",\"iter\":");
    numbers(t, h->iter, h->R, 1, 0);
    puts_(t, ",\n\"loss\":");
    r->loss ? numbers(t, r->loss, h->R, 1, 0) : puts_(t, "null");
    puts_(t, ",\n\"saturation\":");
    r->saturation ? per_layer(t, r->saturation, h->L, 0, h->R) : puts_(t, "null");
    puts_(t, ",\n\"distinct\":");
    r->distinct ? per_layer(t, r->distinct, h->L, 0, h->R) : puts_(t, "null");
    puts_(t, ",\n\"hist\":");
    h->hist ? per_layer(t, h->hist, h->L, h->bins, h->R) : puts_(t, "null");
    puts_(t, ",\n\"edges\":");
    h->hist ? numbers(t, h->edges, h->bins + 1, 1, 0) : puts_(t, "null");
    if (!h->W) {
        puts_(t, ",\n\"sizes\":null,\"range\":null,\"W\":null,\"b\":null}");
        return;
    }
    puts_(t, ",\n\"sizes\":[");
    for (l = 0; l <= h->L; l++) {
        snprintf(buf, sizeof buf, "%s%zu", l ? "," : "", h->sizes[l]);
        puts_(t, buf);
    }
    puts_(t, "],\"range\":[");
    for (l = 0; l < h->L; l++) {
        if (l)
            puts_(t, ",");
        number(t, il_color_range(r->range[l], largest));
    }
    puts_(t, "],\n\"W\":");
    matrices(t, h->W, h->sizes, h->L, h->R, 0);
    puts_(t, ",\n\"b\":");
    matrices(t, h->b, h->sizes, h->L, h->R, 1);
    puts_(t, "}");
}

void il_report_opts_default(il_report_opts *opts)
{
    memset(opts, 0, sizeof *opts);
}

il_status il_report_text(const il_value *runs, size_t n_runs,
                         const il_report_opts *opts, char **out,
                         size_t *length)
{
    text t = {NULL, 0, 0, 0, IL_OK};
    run *rs = NULL;
    size_t k, l, L = MAX_LAYERS;
    double largest = 0;
    const char *at_data;
    unsigned char rgb[3];
    char buf[64];
    il_status st = IL_OK;

    if (!out || !opts || (n_runs && !runs))
        return il_fail(IL_EBADARG, "runs, opts and text must not be NULL");
    *out = NULL;
    if (length)
        *length = 0;
    if (n_runs == 0)
        return il_fail(IL_EBADSIZE, "runs must give at least one record");
    if (opts->labels && opts->n_labels != n_runs)
        return il_fail(IL_EBADSIZE, "labels must give one name per run (%zu), "
                       "got %zu", n_runs, opts->n_labels);
    if (!(rs = calloc(n_runs, sizeof *rs)))
        return il_fail(IL_ENOMEM, "out of memory for the report");
    for (k = 0; k < n_runs && st == IL_OK; k++) {
        st = read_run(&runs[k], k, &rs[k]);
        L = st == IL_OK && rs[k].h.L < L ? rs[k].h.L : L;
        for (l = 0; st == IL_OK && rs[k].range && l < rs[k].h.L; l++)
            largest = rs[k].range[l] > largest ? rs[k].range[l] : largest;
    }
    for (k = 0; st == IL_OK && opts->layers && k < opts->n_layers; k++)
        if (!(opts->layers[k] >= 1 && opts->layers[k] <= (double)L &&
              opts->layers[k] == floor(opts->layers[k])))
            st = il_fail(IL_EBADINDEX, "layers(%zu) must be a layer 1..%zu "
                         "(of every run)", k + 1, L);
    t.max = il_cap_of(opts->max_bytes);
    at_data = strstr(il_report_template, PLACEHOLDER);
    if (st == IL_OK && !at_data)
        st = il_fail(IL_EBADARG, "the report's template has no data slot");
    if (st == IL_OK) {
        put(&t, il_report_template, (size_t)(at_data - il_report_template));
        puts_(&t, "{\"title\":");
        string(&t, opts->title ? opts->title : "initlab run report");
        puts_(&t, ",\"version\":\"" IL_VERSION "\",\"layers\":[");
        for (l = 0; l < (opts->layers ? opts->n_layers : L); l++) {
            snprintf(buf, sizeof buf, "%s%.0f", l ? "," : "",
                     opts->layers ? opts->layers[l] : (double)(l + 1));
            puts_(&t, buf);
        }
        puts_(&t, "],\n\"palette\":[");
        for (l = 0; l <= PALETTE_STEPS; l++) {
            il_palette_rgb(-1 + 2.0 * (double)l / PALETTE_STEPS, rgb);
            snprintf(buf, sizeof buf, "%s[%u,%u,%u]", l ? "," : "", rgb[0],
                     rgb[1], rgb[2]);
            puts_(&t, buf);
        }
        puts_(&t, "],\n\"runs\":[\n");
        for (k = 0; k < n_runs; k++) {
            snprintf(buf, sizeof buf, "run %zu", k + 1);
            if (k)
                puts_(&t, ",\n");
            write_run(&t, &rs[k], opts->labels ? opts->labels[k] : buf,
                      largest);
        }
        puts_(&t, "]}");
        puts_(&t, at_data + strlen(PLACEHOLDER));
        st = t.st;
    }
    for (k = 0; k < n_runs; k++)
        run_free(&rs[k]);
    free(rs);
    if (st != IL_OK) {
        free(t.s);
        return st;
    }
    *out = t.s;
    if (length)
        *length = t.len;
    return IL_OK;
}

il_status il_report_write(const il_value *runs, size_t n_runs,
                          const il_report_opts *opts, size_t *bytes)
{
    char *page;
    size_t n;
    FILE *f;
    int bad;
    il_status st;
    if (bytes)
        *bytes = 0;
    if (!opts || !opts->file || !opts->file[0])
        return il_fail(IL_EBADARG, "file must name the page to write");
    if ((st = il_report_text(runs, n_runs, opts, &page, &n)) != IL_OK)
        return st;
    if (!(f = fopen(opts->file, "wb"))) {
        free(page);
        return il_fail(IL_EBADVALUE, "cannot write the report to '%.200s'",
                       opts->file);
    }
    bad = fwrite(page, 1, n, f) != n;
    bad = fclose(f) != 0 || bad;
    free(page);
    if (bad)
        return il_fail(IL_EBADVALUE, "writing the report to '%.200s' failed",
                       opts->file);
    if (bytes)
        *bytes = n;
    return IL_OK;
}
