/*
 * hostrec.c - a training record as a host hands it back: its fields as
 * name/value pairs, read into one plain form for the run report and the
 * animations.
 *
 * The two hosts lay a record out differently: Octave gives arrays (a
 * per-layer n x k x R array arrives as an n x k*R matrix, a per-layer
 * statistic as L x R), Lua gives nested lists (W[l][r] one matrix per
 * recorded iteration).  Where a layout is already the engine's order the
 * form points into the host's data; where it is not, it holds a copy, so
 * that the readers' callers never see which host it was.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define MAX_LAYERS 4096

static il_status no_memory(void)
{
    return il_fail(IL_ENOMEM, "out of memory for the record");
}

/* p, or NULL after failing: kept to be freed with the record. */
static void *keep(il_hostrec *h, void *p)
{
    if (p)
        h->owned[h->n_owned++] = p;
    return p;
}

/* The numbers a value holds, matrices column by column and lists item by
 * item, counted (out NULL) or copied; -1 when something in it is not a
 * number. */
static long long leaves(const il_value *v, double *out, int depth)
{
    long long n = 0, m;
    size_t i;
    if (v->kind == IL_VAL_NUMBERS && !v->is_logical) {
        if (out)
            memcpy(out, v->data, v->rows * v->cols * sizeof *out);
        return (long long)(v->rows * v->cols);
    }
    if (v->kind != IL_VAL_LIST || depth > 8)
        return -1;
    for (i = 0; i < v->n_items; i++) {
        if ((m = leaves(&v->items[i], out ? out + n : NULL, depth + 1)) < 0)
            return -1;
        n += m;
    }
    return n;
}

/* Exactly want numbers from v, copied into a new array *out (scratch the
 * caller frees, or kept with the record). */
static il_status flat(il_hostrec *h, const il_value *v, size_t want,
                      double **out, const char *field)
{
    long long n = leaves(v, NULL, 0);
    size_t bytes;
    if (n < 0)
        return il_fail(IL_EBADARG, "%s.%s must hold numbers only", h->where,
                       field);
    if ((size_t)n != want)
        return il_fail(IL_EBADSIZE, "%s.%s must hold %zu numbers, got %zu",
                       h->where, field, want, (size_t)n);
    if (il_doubles_overflow(want ? want : 1, 1, &bytes) ||
        !(*out = malloc(bytes)))
        return no_memory();
    leaves(v, *out, 0);
    return IL_OK;
}

/* Every field must have a name of its own: a host's struct or table cannot
 * say otherwise, so a record that does was not made by one. */
il_status il_hostrec_open(il_hostrec *h, const il_value *rec,
                          const char *where)
{
    size_t i, j;
    memset(h, 0, sizeof *h);
    snprintf(h->where, sizeof h->where, "%s", where);
    h->rec = rec;
    if (rec->kind != IL_VAL_LIST || rec->n_items % 2)
        return il_fail(IL_EBADARG, "%s must be a record's fields as name, "
                       "value pairs", where);
    for (i = 0; i < rec->n_items; i += 2) {
        if (rec->items[i].kind != IL_VAL_STRING)
            return il_fail(IL_EBADARG, "%s: entry %zu must be a field name",
                           where, i + 1);
        for (j = 0; j < i; j += 2)
            if (strcmp(rec->items[i].str, rec->items[j].str) == 0)
                return il_fail(IL_EBADARG, "%s: field '%.40s' is given twice",
                               where, rec->items[i].str);
    }
    return IL_OK;
}

const il_value *il_hostrec_field(const il_hostrec *h, const char *name)
{
    size_t i;
    for (i = 0; i + 1 < h->rec->n_items; i += 2)
        if (strcmp(h->rec->items[i].str, name) == 0)
            return &h->rec->items[i + 1];
    return NULL;
}

il_status il_hostrec_iter(il_hostrec *h, const il_value *v)
{
    long long n = leaves(v, NULL, 0);
    il_status st;
    if (n < 0)
        return il_fail(IL_EBADARG, "%s.iter must be numbers", h->where);
    if (n == 0)
        return il_fail(IL_EBADSIZE, "%s.iter must hold at least one "
                       "recorded iteration", h->where);
    h->R = (size_t)n;
    if ((st = flat(h, v, h->R, &h->iter, "iter")) != IL_OK)
        return st;
    keep(h, h->iter);
    return IL_OK;
}

il_status il_hostrec_series(il_hostrec *h, const il_value *v,
                            const char *field, const double **out)
{
    double *copy = NULL;
    il_status st;
    if (v->kind == IL_VAL_NUMBERS && !v->is_logical &&
        v->rows * v->cols == h->R) {
        *out = v->data;
        return IL_OK;
    }
    if ((st = flat(h, v, h->R, &copy, field)) != IL_OK)
        return st;
    *out = keep(h, copy);
    return IL_OK;
}

/* A new field's layer count against the ones read before it. */
static il_status layer_count(il_hostrec *h, size_t L, const char *field)
{
    if (L == 0 || L > MAX_LAYERS || (h->L && L != h->L))
        return il_fail(IL_EBADSIZE, "%s.%s must have %zu rows (one per layer), "
                       "got %zu", h->where, field, h->L ? h->L : 1, L);
    h->L = L;
    return IL_OK;
}

il_status il_hostrec_layers(il_hostrec *h, const il_value *v,
                            const char *field, const double **out)
{
    double *all, *row = NULL;
    size_t l, j, L = v->kind == IL_VAL_LIST ? v->n_items : v->rows, cells;
    il_status st;
    if ((v->kind != IL_VAL_LIST && v->kind != IL_VAL_NUMBERS) ||
        (v->kind == IL_VAL_NUMBERS && v->is_logical))
        return il_fail(IL_EBADARG, "%s.%s must be a layers x records matrix",
                       h->where, field);
    if ((st = layer_count(h, L, field)) != IL_OK)
        return st;
    if (v->kind == IL_VAL_NUMBERS) {
        if (v->cols != h->R)
            return il_fail(IL_EBADSIZE, "%s.%s must have %zu columns (one per "
                           "iteration), got %zu", h->where, field, h->R,
                           v->cols);
        *out = v->data;
        return IL_OK;
    }
    if (il_mul_overflows(L, h->R, &cells) ||
        !(all = keep(h, malloc((cells ? cells : 1) * sizeof *all))))
        return no_memory();
    for (l = 0; l < L; l++) {
        if ((st = flat(h, &v->items[l], h->R, &row, field)) != IL_OK)
            return st;
        for (j = 0; j < h->R; j++)
            all[l + L * j] = row[j];
        free(row);
        row = NULL;
    }
    *out = all;
    return IL_OK;
}

/* Layer l's matrices over the R entries, n x k each: Octave's n x k*R
 * array, or Lua's list of R matrices.  k = 0: learn it. */
static il_status stack(const il_hostrec *h, const il_value *v,
                       const char *field, size_t l, size_t *n, size_t *k,
                       const double **at)
{
    size_t r, R = h->R;
    if (v->kind == IL_VAL_NUMBERS && v->rows > 0 && v->cols % R == 0 &&
        (!*k || v->cols / R == *k) && (!*n || v->rows == *n)) {
        *n = v->rows;
        *k = v->cols / R;
        for (r = 0; r < R; r++)
            at[r] = v->data + *n * *k * r;
        return *k ? IL_OK : il_fail(IL_EBADSIZE, "%s.%s layer %zu is empty",
                                    h->where, field, l);
    }
    if (v->kind == IL_VAL_LIST && v->n_items == R) {
        for (r = 0; r < R; r++) {
            const il_value *m = &v->items[r];
            if (m->kind != IL_VAL_NUMBERS || !m->rows || !m->cols ||
                (*n && m->rows != *n) || (*k && m->cols != *k))
                break;
            *n = m->rows;
            *k = m->cols;
            at[r] = m->data;
        }
        if (r == R)
            return IL_OK;
    }
    if (*n && *k)
        return il_fail(IL_EBADSIZE, "%s.%s layer %zu must be %zu x %zu at "
                       "each of the %zu recorded iterations", h->where, field,
                       l, *n, *k, R);
    return il_fail(IL_EBADSIZE, "%s.%s layer %zu must hold one matrix per "
                   "recorded iteration (%zu)", h->where, field, l, R);
}

il_status il_hostrec_weights(il_hostrec *h, const il_value *W,
                             const il_value *b)
{
    size_t l, L, R = h->R, one = 1, cells;
    il_status st;
    /* a size, not a type: a host's W stops being a list when a layer of it
     * is cut short (Lua's W[1] = {}), and scripts test for badSize */
    if (W->kind != IL_VAL_LIST || b->kind != IL_VAL_LIST)
        return il_fail(IL_EBADSIZE, "%s.W and %s.b must be lists of one entry "
                       "per layer", h->where, h->where);
    L = W->n_items;
    if (L == 0 || L > MAX_LAYERS || (h->L && L != h->L) || b->n_items != L)
        return il_fail(IL_EBADSIZE, "%s.W and %s.b must have %zu layers, got "
                       "%zu", h->where, h->where, h->L ? h->L : L,
                       h->L && L == h->L ? b->n_items : L);
    h->L = L;
    if (il_mul_overflows(L, R, &cells) || cells > SIZE_MAX / sizeof *h->W - 1 ||
        !(h->sizes = keep(h, calloc(L + 1, sizeof *h->sizes))) ||
        !(h->W = keep(h, malloc((cells + 1) * sizeof *h->W))) ||
        !(h->b = keep(h, malloc((cells + 1) * sizeof *h->b))))
        return no_memory();
    for (l = 1; l <= L; l++) {
        size_t n = 0, k = l > 1 ? h->sizes[l - 1] : 0;
        if ((st = stack(h, &W->items[l - 1], "W", l, &n, &k,
                        h->W + (l - 1) * R)) != IL_OK ||
            (st = stack(h, &b->items[l - 1], "b", l, &n, &one,
                        h->b + (l - 1) * R)) != IL_OK)
            return st;
        h->sizes[l - 1] = k;
        h->sizes[l] = n;
    }
    return IL_OK;
}

il_status il_hostrec_hist(il_hostrec *h, const il_value *hist,
                          const il_value *edges)
{
    const il_value *v = hist;
    size_t L = v->kind == IL_VAL_LIST ? v->n_items : v->rows, l, i, j, B, R = h->R;
    size_t cells;
    double *all, *part = NULL;
    long long n = leaves(edges, NULL, 0);
    il_status st;
    if (n < 0)
        return il_fail(IL_EBADARG, "%s.hist_edges must be numbers", h->where);
    if (n < 2)
        return il_fail(IL_EBADSIZE, "%s.hist_edges must hold at least two "
                       "edges, got %lld", h->where, n);
    if ((st = flat(h, edges, (size_t)n, &h->edges, "hist_edges")) != IL_OK)
        return st;
    keep(h, h->edges);
    B = h->bins = (size_t)n - 1;
    if ((v->kind != IL_VAL_LIST && v->kind != IL_VAL_NUMBERS) ||
        (v->kind == IL_VAL_NUMBERS && v->is_logical))
        return il_fail(IL_EBADARG, "%s.hist must be layers x bins x records",
                       h->where);
    if ((st = layer_count(h, L, "hist")) != IL_OK)
        return st;
    if (v->kind == IL_VAL_NUMBERS) {
        if (v->cols != B * R)
            return il_fail(IL_EBADSIZE, "%s.hist must be layers x %zu bins x "
                           "%zu recorded iterations", h->where, B, R);
        h->hist = v->data;
        return IL_OK;
    }
    if (il_mul_overflows(L * B, R, &cells) || cells > SIZE_MAX / sizeof(double) ||
        !(all = keep(h, malloc(cells * sizeof *all))))
        return no_memory();
    for (l = 0; l < L; l++) {
        const il_value *p = &v->items[l];
        /* Lua's [record][bin]: a table of rows, one row per record */
        int rows = p->kind == IL_VAL_NUMBERS && p->rows == R;
        if (leaves(p, NULL, 0) != (long long)(B * R))
            return il_fail(IL_EBADSIZE, "%s.hist layer %zu must be %zu "
                           "recorded iterations x %zu bins", h->where, l + 1,
                           R, B);
        if ((st = flat(h, p, B * R, &part, "hist")) != IL_OK)
            return st;
        for (i = 0; i < R; i++)
            for (j = 0; j < B; j++)
                all[l + L * (j + B * i)] = rows ? part[i + R * j]
                                                : part[j + B * i];
        free(part);
        part = NULL;
    }
    h->hist = all;
    return IL_OK;
}

void il_hostrec_free(il_hostrec *h)
{
    size_t i;
    if (!h)
        return;
    for (i = 0; i < h->n_owned; i++)
        free(h->owned[i]);
    h->n_owned = 0;
}
