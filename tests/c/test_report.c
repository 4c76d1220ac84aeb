/*
 * test_report.c - the run report: records handed back as a host holds
 * them (Octave's arrays, Lua's nested lists) become one self-contained
 * HTML page whose JSON parses, the same bytes for the same records, and
 * bad runs are refused naming what is wrong.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "values.h"

#define MAX_FIELDS 32
#define CELLS 4096

/* A record as a host hands it back: the name/value list and the storage
 * its values point into. */
typedef struct {
    il_value pairs[2 * MAX_FIELDS];
    size_t n;
    il_value items[CELLS];    /* list items (layers, records)            */
    size_t used;
    double *data[MAX_FIELDS * 8];
    size_t n_data;
} host_rec;

static il_record *train(const char *init, unsigned what)
{
    size_t sizes[] = {2, 4, 3, 1};
    il_act acts[] = {il_act_make(IL_TANH), il_act_make(IL_TANH),
                     il_act_make(IL_SIGMOID)};
    double X[2 * 20], Y[20];
    il_net *net = NULL;
    il_init_spec spec;
    il_init_opts io;
    il_train_opts to;
    il_record_opts ro;
    il_record *rec = NULL;
    il_train_info info;
    il_init_kind kind = IL_INIT_ZEROS;
    size_t j;
    for (j = 0; j < 20; j++) {
        X[2 * j] = (double)j / 10 - 1;
        X[2 * j + 1] = (double)(j % 7) / 3 - 1;
        Y[j] = X[2 * j] * X[2 * j + 1] > 0;
    }
    CHECK_OK(il_net_new(&net, 3, sizes, acts, IL_LOSS_BCE));
    CHECK_OK(il_init_from_name(init, &kind));
    il_init_spec_default(&spec, kind);
    il_init_opts_default(&io);
    io.weights = &spec;
    io.n_specs = 1;
    io.seed = 3;
    CHECK_OK(il_net_init(net, &io));
    il_train_opts_default(&to);
    to.iters = 30;
    to.lr = 0.5;
    il_record_opts_default(&ro);
    ro.every = 10;
    ro.what = what;
    ro.hist_bins = 5;
    CHECK_OK(il_train(net, X, Y, 20, &to, &ro, &rec, &info));
    il_net_free(net);
    return rec;
}

static double *keep(host_rec *h, size_t n)
{
    double *x = calloc(n ? n : 1, sizeof *x);
    h->data[h->n_data++] = x;
    return x;
}

static il_value *items(host_rec *h, size_t n)
{
    il_value *v = &h->items[h->used];
    h->used += n;
    return v;
}

static void free_host(host_rec *h)
{
    size_t i;
    for (i = 0; i < h->n_data; i++)
        free(h->data[i]);
}

/* Field i in Octave's layout: arrays (an N-d one as rows x the rest), a
 * cell per layer for W and b. */
static il_value octave_field(host_rec *h, const il_record *rec, size_t i)
{
    const il_field_info *f = il_record_field_at(i);
    size_t d[3], l, L = il_record_layers(rec);
    int present;
    double *x;
    if (f->shape == IL_SHAPE_PER_LAYER) {
        il_value *layers = items(h, L);
        for (l = 1; l <= L; l++) {
            CHECK_OK(il_record_field(rec, i, l, d, NULL, &present));
            x = keep(h, d[0] * d[1] * d[2]);
            CHECK_OK(il_record_field(rec, i, l, d, x, &present));
            layers[l - 1] = numbers(x, d[0], d[1] * d[2]);
        }
        return list(layers, L);
    }
    CHECK_OK(il_record_field(rec, i, 0, d, NULL, &present));
    x = keep(h, d[0] * d[1] * d[2]);
    CHECK_OK(il_record_field(rec, i, 0, d, x, &present));
    return numbers(x, d[0], d[1] * d[2]);
}

/* Field i in Lua's layout (as its gateway reads nested tables back):
 * ROW a list of numbers; LAYERS a table of rows (a matrix); LAYER_ITEMS a
 * list per layer of records x items matrices; PER_LAYER lists of
 * matrices. */
static il_value lua_field(host_rec *h, const il_record *rec, size_t i)
{
    const il_field_info *f = il_record_field_at(i);
    size_t d[3], l, r, j, L = il_record_layers(rec), R = il_record_count(rec);
    int present;
    double *x, *m;
    il_value *v;
    if (f->shape == IL_SHAPE_PER_LAYER) {
        il_value *layers = items(h, L);
        for (l = 1; l <= L; l++) {
            CHECK_OK(il_record_field(rec, i, l, d, NULL, &present));
            x = keep(h, d[0] * d[1] * d[2]);
            CHECK_OK(il_record_field(rec, i, l, d, x, &present));
            v = items(h, R);
            for (r = 0; r < R; r++)
                v[r] = numbers(x + d[0] * d[1] * r, d[0], d[1]);
            layers[l - 1] = list(v, R);
        }
        return list(layers, L);
    }
    CHECK_OK(il_record_field(rec, i, 0, d, NULL, &present));
    x = keep(h, d[0] * d[1] * d[2]);
    CHECK_OK(il_record_field(rec, i, 0, d, x, &present));
    if (f->shape == IL_SHAPE_ROW || f->shape == IL_SHAPE_EDGES) {
        v = items(h, d[1]);
        for (j = 0; j < d[1]; j++)
            v[j] = number(x + j);
        return list(v, d[1]);
    }
    if (f->shape == IL_SHAPE_LAYERS)
        return numbers(x, d[0], d[1]);
    v = items(h, d[0]); /* L x k x R: per layer, records x items */
    for (l = 0; l < d[0]; l++) {
        m = keep(h, d[1] * d[2]);
        for (r = 0; r < d[2]; r++)
            for (j = 0; j < d[1]; j++)
                m[r + d[2] * j] = x[l + d[0] * (j + d[1] * r)];
        v[l] = numbers(m, d[2], d[1]);
    }
    return list(v, d[0]);
}

/* The record's fields as name/value pairs, in reverse order (the engine
 * matches names, whatever order a host's table walks in). */
static il_value as_host(host_rec *h, const il_record *rec, int lua)
{
    size_t i, d[3];
    int present;
    memset(h, 0, sizeof *h);
    for (i = il_record_field_count(); i-- > 0;) {
        const il_field_info *f = il_record_field_at(i);
        if (f->shape == IL_SHAPE_SCALAR || f->shape == IL_SHAPE_STRING)
            continue;
        CHECK_OK(il_record_field(rec, i, 1, d, NULL, &present));
        if (!present)
            continue;
        h->pairs[h->n++] = text(f->name);
        h->pairs[h->n++] = lua ? lua_field(h, rec, i) : octave_field(h, rec, i);
    }
    return list(h->pairs, h->n);
}

/* The page of runs (NULL on failure), malloc'd. */
static char *page(const il_value *runs, size_t n, const char *const *labels,
                  size_t *length)
{
    il_report_opts o;
    char *text[1] = {NULL};
    il_report_opts_default(&o);
    o.labels = labels;
    o.n_labels = labels ? n : 0;
    o.title = "zeros vs he";
    CHECK_OK(il_report_text(runs, n, &o, text, length));
    return text[0];
}

/* ---- a small JSON checker ------------------------------------------------- */

static const char *ws(const char *s)
{
    while (*s == ' ' || *s == '\n' || *s == '\r' || *s == '\t')
        s++;
    return s;
}

/* The end of the JSON value at s, or NULL when it is not one. */
static const char *json(const char *s, int depth)
{
    s = ws(s);
    if (depth > 32)
        return NULL;
    if (*s == '{' || *s == '[') {
        char close = *s == '{' ? '}' : ']';
        s = ws(s + 1);
        if (*s == close)
            return s + 1;
        for (;;) {
            s = ws(s);
            if (close == '}') {
                if (*s != '"' || !(s = json(s, depth + 1)))
                    return NULL;
                if (*(s = ws(s)) != ':')
                    return NULL;
                s++;
            }
            if (!(s = json(s, depth + 1)))
                return NULL;
            s = ws(s);
            if (*s == close)
                return s + 1;
            if (*s != ',')
                return NULL;
            s++;
        }
    }
    if (*s == '"') {
        for (s++; *s && *s != '"'; s++)
            if (*s == '\\' && !*++s)
                return NULL;
            else if ((unsigned char)*s < 0x20)
                return NULL;
        return *s ? s + 1 : NULL;
    }
    if (strncmp(s, "null", 4) == 0 || strncmp(s, "true", 4) == 0)
        return s + 4;
    if (strncmp(s, "false", 5) == 0)
        return s + 5;
    {
        char *end;
        strtod(s, &end);
        if (end == s || strncmp(s, "nan", 3) == 0 || strncmp(s, "inf", 3) == 0 ||
            strncmp(s, "-nan", 4) == 0 || strncmp(s, "-inf", 4) == 0)
            return NULL;
        return end;
    }
}

/* The JSON block of a page, as a new string. */
static char *data_of(const char *t)
{
    const char *open = "<script id=\"initlab-data\" type=\"application/json\">";
    const char *a = strstr(t, open), *b;
    char *d;
    if (!a)
        return NULL;
    a += strlen(open);
    if (!(b = strstr(a, "</script>")) || !(d = malloc((size_t)(b - a) + 1)))
        return NULL;
    memcpy(d, a, (size_t)(b - a));
    d[b - a] = '\0';
    return d;
}

/* ---- the tests ---------------------------------------------------------- */

static void test_page_is_self_contained(void)
{
    il_record *z = train("zeros", IL_REC_ALL), *he = train("he_normal", IL_REC_ALL);
    static host_rec hz, hh;
    il_value runs[2];
    const char *labels[] = {"zeros", "He </script><b>"};
    size_t n = 0;
    char *t, *d;
    const char *end;
    runs[0] = as_host(&hz, z, 0);
    runs[1] = as_host(&hh, he, 0);
    t = page(runs, 2, labels, &n);
    CHECK(t && strlen(t) == n);
    CHECK(t && strncmp(t, "<!DOCTYPE html>", 15) == 0);
    CHECK(t && !strstr(t, "http://") && !strstr(t, "https://"));
    CHECK(t && !strstr(t, " src=") && !strstr(t, "@INITLAB_DATA@"));
    /* the label cannot close the data's script element */
    CHECK(t && strstr(t, "He \\u003c/script\\u003e\\u003cb\\u003e"));
    d = t ? data_of(t) : NULL;
    CHECK(d != NULL);
    end = d ? json(d, 0) : NULL;
    CHECK(end && *ws(end) == '\0');
    CHECK(d && strstr(d, "\"runs\":[") && strstr(d, "\"label\":\"zeros\""));
    CHECK(d && strstr(d, "\"iter\":[0,10,20,30]"));
    CHECK(d && strstr(d, "\"layers\":[1,2,3]"));
    CHECK(d && strstr(d, "\"sizes\":[2,4,3,1]"));
    CHECK(d && strstr(d, "\"title\":\"zeros vs he\""));
    /* zeros: one distinct unit in the first layer at every entry */
    CHECK(d && strstr(d, "\"distinct\":[[1,1,1,1]"));
    free(d);
    free(t);
    free_host(&hz);
    free_host(&hh);
    il_record_free(z);
    il_record_free(he);
}

static void test_same_bytes_from_both_layouts(void)
{
    il_record *he = train("he_normal", IL_REC_ALL);
    static host_rec o, o2, l;
    il_value a = as_host(&o, he, 0), b = as_host(&o2, he, 0),
             c = as_host(&l, he, 1);
    size_t na = 0, nb = 0, nc = 0;
    char *ta = page(&a, 1, NULL, &na), *tb = page(&b, 1, NULL, &nb),
         *tc = page(&c, 1, NULL, &nc);
    CHECK(ta && tb && na == nb && memcmp(ta, tb, na) == 0);
    CHECK(ta && tc && na == nc && memcmp(ta, tc, na) == 0);
    CHECK(ta && strstr(ta, "\"label\":\"run 1\""));
    free(ta);
    free(tb);
    free(tc);
    free_host(&o);
    free_host(&o2);
    free_host(&l);
    il_record_free(he);
}

static void test_missing_parts_are_not_recorded(void)
{
    il_record *rec = train("he_normal", IL_REC_LOSS | IL_REC_SATURATION);
    static host_rec h;
    il_value run = as_host(&h, rec, 0);
    size_t n;
    char *t = page(&run, 1, NULL, &n), *d = t ? data_of(t) : NULL;
    CHECK(d && strstr(d, "\"W\":null") && strstr(d, "\"hist\":null") &&
          strstr(d, "\"distinct\":null"));
    CHECK(d && strstr(d, "\"saturation\":[["));
    CHECK(t && strstr(t, "not recorded"));
    free(d);
    free(t);
    free_host(&h);
    il_record_free(rec);
}

static void test_bad_runs_are_refused(void)
{
    il_record *rec = train("he_normal", IL_REC_ALL);
    static host_rec h;
    il_value run = as_host(&h, rec, 0), bad[8], one;
    il_report_opts o;
    char *t = NULL;
    double iters[] = {0, 20, 10}, sat[6] = {0}, x = 1;
    size_t i;
    il_report_opts_default(&o);
    CHECK_FAILS(il_report_text(&run, 0, &o, &t, NULL), IL_EBADSIZE,
                "at least one record");
    /* no iter */
    for (i = 0; i + 1 < h.n && strcmp(h.pairs[i].str, "iter"); i += 2)
        ;
    memcpy(bad, &h.pairs[i], 2 * sizeof *bad);
    h.pairs[i] = text("not_iter");
    CHECK_FAILS(il_report_text(&run, 1, &o, &t, NULL), IL_EBADARG,
                "runs(1) has no iter");
    h.pairs[i] = bad[0];
    h.pairs[i + 1] = numbers(iters, 1, 3);
    CHECK_FAILS(il_report_text(&run, 1, &o, &t, NULL), IL_EBADVALUE,
                "runs(1).iter: entry 3");
    h.pairs[i + 1] = bad[1];
    /* saturation of the wrong size */
    for (i = 0; i + 1 < h.n && strcmp(h.pairs[i].str, "saturation"); i += 2)
        ;
    bad[2] = h.pairs[i + 1];
    h.pairs[i + 1] = numbers(sat, 2, 3);
    CHECK_FAILS(il_report_text(&run, 1, &o, &t, NULL), IL_EBADSIZE,
                "runs(1).saturation");
    h.pairs[i + 1] = text("x");
    CHECK_FAILS(il_report_text(&run, 1, &o, &t, NULL), IL_EBADARG,
                "runs(1).saturation");
    h.pairs[i + 1] = bad[2];
    /* not name/value pairs, a name that is not a string, a name twice */
    one = list(h.pairs, h.n - 1);
    CHECK_FAILS(il_report_text(&one, 1, &o, &t, NULL), IL_EBADARG,
                "name, value pairs");
    bad[3] = h.pairs[0];
    h.pairs[0] = number(&x);
    CHECK_FAILS(il_report_text(&run, 1, &o, &t, NULL), IL_EBADARG,
                "must be a field name");
    h.pairs[0] = h.pairs[2];
    CHECK_FAILS(il_report_text(&run, 1, &o, &t, NULL), IL_EBADARG,
                "given twice");
    h.pairs[0] = bad[3];
    /* labels, layers, the cap, the file */
    o.labels = (const char *const[]){"a", "b"};
    o.n_labels = 2;
    CHECK_FAILS(il_report_text(&run, 1, &o, &t, NULL), IL_EBADSIZE, "labels");
    il_report_opts_default(&o);
    o.layers = (const double[]){4};
    o.n_layers = 1;
    CHECK_FAILS(il_report_text(&run, 1, &o, &t, NULL), IL_EBADINDEX,
                "layers(1)");
    il_report_opts_default(&o);
    o.max_bytes = 1000;
    CHECK_FAILS(il_report_text(&run, 1, &o, &t, NULL), IL_ETOOBIG, "max_bytes");
    il_report_opts_default(&o);
    o.file = "/nonexistent-dir/run.html";
    CHECK_FAILS(il_report_write(&run, 1, &o, NULL), IL_EBADVALUE,
                "cannot write");
    CHECK(t == NULL);
    free_host(&h);
    il_record_free(rec);
}

/* The command a front end runs, file and labels as options. */
static void test_command_writes_the_file(void)
{
    il_record *rec = train("zeros", IL_REC_ALL);
    static host_rec h;
    il_value run = as_host(&h, rec, 0), runs = list(&run, 1);
    il_value file = text("/tmp/initlab-test-report.html"), labels = text("zeros");
    il_value title = text("t");
    il_command *c = NULL;
    FILE *f;
    long size = -1;
    CHECK_OK(il_command_new("report", &c));
    CHECK_FAILS(il_command_option(c, "file", &run), IL_EBADARG,
                "file must be a string");
    CHECK_FAILS(il_command_option(c, "colour", &title), IL_EBADOPTION,
                "unknown option 'colour'");
    CHECK_OK(il_command_arg(c, &runs));
    CHECK_OK(il_command_arg(c, &file));
    CHECK_OK(il_command_option(c, "labels", &labels));
    CHECK_OK(il_command_option(c, "title", &title));
    CHECK_OK(il_command_prepare(c, 1));
    CHECK_OK(il_command_run(c, NULL));
    if ((f = fopen("/tmp/initlab-test-report.html", "rb"))) {
        fseek(f, 0, SEEK_END);
        size = ftell(f);
        fclose(f);
    }
    CHECK(size > 1000 && (double)size == il_command_number(c, 0));
    il_command_free(c);
    remove("/tmp/initlab-test-report.html");
    /* no file: refused before anything is written */
    CHECK_OK(il_command_new("report", &c));
    CHECK_OK(il_command_arg(c, &runs));
    CHECK_FAILS(il_command_prepare(c, 1), IL_EBADARG, "file is required");
    il_command_free(c);
    /* runs that are not a list */
    CHECK_OK(il_command_new("report", &c));
    CHECK_OK(il_command_arg(c, &file));
    CHECK_FAILS(il_command_prepare(c, 1), IL_EBADARG, "runs must be a list");
    il_command_free(c);
    free_host(&h);
    il_record_free(rec);
}

int main(void)
{
    RUN(test_page_is_self_contained);
    RUN(test_same_bytes_from_both_layouts);
    RUN(test_missing_parts_are_not_recorded);
    RUN(test_bad_runs_are_refused);
    RUN(test_command_writes_the_file);
    return check_finish("tests/c/test_report.c");
}
