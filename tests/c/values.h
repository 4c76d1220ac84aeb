/*
 * values.h - the host values (il_value) the C tests hand the contract and
 * the command layer, as a front end would make them.  static inline: a
 * test file takes the ones it uses.
 */
#ifndef IL_VALUES_H
#define IL_VALUES_H

#include <string.h>

#include "initlab.h"

static inline il_value numbers(const double *x, size_t rows, size_t cols)
{
    il_value v;
    memset(&v, 0, sizeof v);
    v.kind = IL_VAL_NUMBERS;
    v.data = x;
    v.rows = rows;
    v.cols = cols;
    return v;
}

static inline il_value number(const double *x) { return numbers(x, 1, 1); }

/* true/false, as Octave's logical scalars come */
static inline il_value logical(const double *x)
{
    il_value v = number(x);
    v.is_logical = 1;
    return v;
}

static inline il_value text(const char *s)
{
    il_value v;
    memset(&v, 0, sizeof v);
    v.kind = IL_VAL_STRING;
    v.str = s;
    return v;
}

static inline il_value list(const il_value *items, size_t n)
{
    il_value v;
    memset(&v, 0, sizeof v);
    v.kind = IL_VAL_LIST;
    v.items = items;
    v.n_items = n;
    return v;
}

/* a host value of a kind the engine does not take (a struct, a handle) */
static inline il_value other(const char *what)
{
    il_value v;
    memset(&v, 0, sizeof v);
    v.kind = IL_VAL_OTHER;
    v.host_type = what;
    return v;
}

#endif
