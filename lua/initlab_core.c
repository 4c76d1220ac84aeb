/*
 * initlab_core.c - the Lua 5.4 binding of the engine: `require
 * "initlab.core"`.  lua/initlab.lua builds the friendly API on it.
 *
 * Two userdata types, each with its metatable: initlab.matrix (a
 * column-major double matrix, 1-based to Lua) and initlab.net (an engine
 * network).  Every argument is checked with luaL_check*; engine errors
 * become Lua errors worded as in Octave ("initlab:badSize: layer 2 W must
 * be 10x5, got 5x10").  luaL_error longjmps, so whatever the engine
 * allocated is freed before it is raised.
 */
#define _POSIX_C_SOURCE 200809L /* clock_gettime */
#include <math.h>
#include <signal.h>
#include <time.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lauxlib.h"
#include "lua.h"

#include "initlab.h"

#define MATRIX "initlab.matrix"
#define NET "initlab.net"

typedef struct {
    size_t rows, cols;
    double *data; /* NULL once closed */
} matrix;

typedef struct {
    il_net *net; /* NULL once closed */
} net_box;

/* Raises status's identifier and the engine's message; the caller has
 * freed what it owned. */
static int engine_error(lua_State *L, il_status s)
{
    return luaL_error(L, "%s: %s", il_status_id(s), il_last_error());
}

#define TRY(L, call)                                                          \
    do {                                                                      \
        il_status s_ = (call);                                                \
        if (s_ != IL_OK)                                                      \
            return engine_error((L), s_);                                     \
    } while (0)

/* ---- matrices ---------------------------------------------------------- */

static matrix *new_matrix(lua_State *L, size_t rows, size_t cols)
{
    matrix *m = lua_newuserdatauv(L, sizeof *m, 0);
    m->rows = rows;
    m->cols = cols;
    m->data = NULL;
    luaL_setmetatable(L, MATRIX);
    if (rows && cols > ((size_t)-1 / sizeof(double)) / rows)
        luaL_error(L, "initlab:noMemory: a %dx%d matrix is too large", (int)rows,
                   (int)cols);
    m->data = calloc(rows * cols > 0 ? rows * cols : 1, sizeof(double));
    if (!m->data)
        luaL_error(L, "initlab:noMemory: out of memory for a %dx%d matrix",
                   (int)rows, (int)cols);
    return m;
}

static matrix *check_matrix(lua_State *L, int idx)
{
    matrix *m = luaL_checkudata(L, idx, MATRIX);
    if (!m->data)
        luaL_argerror(L, idx, "initlab:badArg: the matrix is closed");
    return m;
}

static matrix *push_copy(lua_State *L, const double *data, size_t rows,
                         size_t cols)
{
    matrix *m = new_matrix(L, rows, cols);
    if (data)
        memcpy(m->data, data, rows * cols * sizeof(double));
    return m;
}

static size_t check_size(lua_State *L, int idx, const char *what)
{
    lua_Integer v = luaL_checkinteger(L, idx);
    if (v < 0 || v > 100000000)
        luaL_error(L, "initlab:badSize: %s must be in 0..1e8, got %d", what,
                   (int)v);
    return (size_t)v;
}

/* matrix(rows, cols [, fill]) or matrix{{1, 2}, {3, 4}} (a table of rows) */
static int l_matrix(lua_State *L)
{
    matrix *m;
    size_t i, j, rows, cols;
    if (lua_type(L, 1) == LUA_TTABLE) {
        rows = (size_t)lua_rawlen(L, 1);
        cols = 0;
        for (i = 1; i <= rows; i++) {
            size_t len;
            if (lua_rawgeti(L, 1, (lua_Integer)i) != LUA_TTABLE)
                return luaL_error(L, "initlab:badArg: row %d must be a table "
                                  "of numbers", (int)i);
            len = (size_t)lua_rawlen(L, -1);
            if (i == 1)
                cols = len;
            else if (len != cols)
                return luaL_error(L, "initlab:badSize: row %d has %d numbers, "
                                  "row 1 has %d", (int)i, (int)len, (int)cols);
            lua_pop(L, 1);
        }
        m = new_matrix(L, rows, cols);
        for (i = 0; i < rows; i++) {
            lua_rawgeti(L, 1, (lua_Integer)i + 1);
            for (j = 0; j < cols; j++) {
                int ok;
                lua_rawgeti(L, -1, (lua_Integer)j + 1);
                m->data[i + j * rows] = lua_tonumberx(L, -1, &ok);
                if (!ok)
                    return luaL_error(L, "initlab:badArg: entry (%d,%d) must be "
                                      "a number", (int)i + 1, (int)j + 1);
                lua_pop(L, 1);
            }
            lua_pop(L, 1);
        }
        return 1;
    }
    rows = check_size(L, 1, "rows");
    cols = check_size(L, 2, "cols");
    if (!lua_isnoneornil(L, 3)) {
        double fill = luaL_checknumber(L, 3);
        m = new_matrix(L, rows, cols);
        for (i = 0; i < rows * cols; i++)
            m->data[i] = fill;
    } else {
        new_matrix(L, rows, cols);
    }
    return 1;
}

static size_t check_index(lua_State *L, int idx, size_t limit, const char *what)
{
    lua_Integer v = luaL_checkinteger(L, idx);
    if (v < 1 || (size_t)v > limit)
        luaL_error(L, "initlab:badIndex: %s index %d is out of range 1..%d",
                   what, (int)v, (int)limit);
    return (size_t)v - 1;
}

static int m_get(lua_State *L)
{
    matrix *m = check_matrix(L, 1);
    size_t i = check_index(L, 2, m->rows, "row");
    size_t j = check_index(L, 3, m->cols, "column");
    lua_pushnumber(L, m->data[i + j * m->rows]);
    return 1;
}

static int m_set(lua_State *L)
{
    matrix *m = check_matrix(L, 1);
    size_t i = check_index(L, 2, m->rows, "row");
    size_t j = check_index(L, 3, m->cols, "column");
    m->data[i + j * m->rows] = luaL_checknumber(L, 4);
    return 0;
}

static int m_size(lua_State *L)
{
    matrix *m = check_matrix(L, 1);
    lua_pushinteger(L, (lua_Integer)m->rows);
    lua_pushinteger(L, (lua_Integer)m->cols);
    return 2;
}

static int m_len(lua_State *L)
{
    lua_pushinteger(L, (lua_Integer)check_matrix(L, 1)->rows);
    return 1;
}

static int m_totable(lua_State *L)
{
    matrix *m = check_matrix(L, 1);
    size_t i, j;
    lua_createtable(L, (int)m->rows, 0);
    for (i = 0; i < m->rows; i++) {
        lua_createtable(L, (int)m->cols, 0);
        for (j = 0; j < m->cols; j++) {
            lua_pushnumber(L, m->data[i + j * m->rows]);
            lua_rawseti(L, -2, (lua_Integer)j + 1);
        }
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    return 1;
}

/* Like Octave's disp: integers as integers, otherwise 5 significant digits,
 * columns right-aligned. */
static int m_tostring(lua_State *L)
{
    matrix *m = luaL_checkudata(L, 1, MATRIX);
    luaL_Buffer b;
    size_t i, j, n = m->rows * m->cols;
    int integers = 1, width = 1;
    char cell[64];
    if (!m->data) {
        lua_pushstring(L, "(closed matrix)");
        return 1;
    }
    for (i = 0; i < n; i++)
        if (m->data[i] != floor(m->data[i]) || fabs(m->data[i]) > 1e15)
            integers = 0;
    for (i = 0; i < n; i++) {
        int w = integers ? snprintf(cell, sizeof cell, "%.0f", m->data[i])
                         : snprintf(cell, sizeof cell, "%.5g", m->data[i]);
        width = w > width ? w : width;
    }
    luaL_buffinit(L, &b);
    if (n == 0) {
        snprintf(cell, sizeof cell, "[](%zux%zu)", m->rows, m->cols);
        luaL_addstring(&b, cell);
    }
    for (i = 0; i < m->rows; i++) {
        for (j = 0; j < m->cols; j++) {
            double v = m->data[i + j * m->rows];
            if (integers)
                snprintf(cell, sizeof cell, "   %*.0f", width, v);
            else
                snprintf(cell, sizeof cell, "   %*.5g", width, v);
            luaL_addstring(&b, cell);
        }
        if (i + 1 < m->rows)
            luaL_addchar(&b, '\n');
    }
    luaL_pushresult(&b);
    return 1;
}

static int m_eq(lua_State *L)
{
    matrix *a = luaL_testudata(L, 1, MATRIX), *b = luaL_testudata(L, 2, MATRIX);
    int same = a && b && a->data && b->data && a->rows == b->rows &&
               a->cols == b->cols;
    size_t i;
    for (i = 0; same && i < a->rows * a->cols; i++)
        same = a->data[i] == b->data[i];
    lua_pushboolean(L, same);
    return 1;
}

/* One function for __gc and __close, safe to call twice. */
static int m_close(lua_State *L)
{
    matrix *m = luaL_checkudata(L, 1, MATRIX);
    free(m->data);
    m->data = NULL;
    return 0;
}

/* m:bits(i) - the IEEE bits of element i (column-major) as 16 hex digits,
 * for exact comparisons across languages. */
static int m_hex(lua_State *L)
{
    matrix *m = check_matrix(L, 1);
    luaL_Buffer b;
    size_t i;
    char word[20];
    luaL_buffinit(L, &b);
    for (i = 0; i < m->rows * m->cols; i++) {
        unsigned long long bits;
        memcpy(&bits, &m->data[i], sizeof bits);
        snprintf(word, sizeof word, "%s%016llx", i ? " " : "", bits);
        luaL_addstring(&b, word);
    }
    luaL_pushresult(&b);
    return 1;
}

/* ---- networks ------------------------------------------------------------ */

static il_net *check_net(lua_State *L, int idx)
{
    net_box *box = luaL_checkudata(L, idx, NET);
    if (!box->net)
        luaL_argerror(L, idx, "initlab:badArg: the network is closed");
    return box->net;
}

/* core.net(sizes, acts, params, loss) with sizes and acts as tables */
static int l_net(lua_State *L)
{
    size_t L_layers, l, sizes[256];
    il_act acts[255];
    il_loss loss;
    net_box *box;
    const char *loss_name;

    luaL_checktype(L, 1, LUA_TTABLE);
    luaL_checktype(L, 2, LUA_TTABLE);
    luaL_checktype(L, 3, LUA_TTABLE);
    loss_name = luaL_optstring(L, 4, "auto");
    L_layers = (size_t)lua_rawlen(L, 1);
    if (L_layers < 2 || L_layers > 256)
        return luaL_error(L, "initlab:badSize: a network needs 2 to 256 layer "
                          "sizes, got %d", (int)L_layers);
    L_layers--;
    for (l = 0; l <= L_layers; l++) {
        lua_Integer v;
        int ok;
        lua_rawgeti(L, 1, (lua_Integer)l + 1);
        v = lua_tointegerx(L, -1, &ok);
        lua_pop(L, 1);
        if (!ok || v < 1)
            return luaL_error(L, "initlab:badSize: size %d must be a positive "
                              "integer", (int)l + 1);
        sizes[l] = (size_t)v;
    }
    if ((size_t)lua_rawlen(L, 2) != L_layers)
        return luaL_error(L, "initlab:badSize: act must name %d activations "
                          "(one per layer), got %d", (int)L_layers,
                          (int)lua_rawlen(L, 2));
    for (l = 0; l < L_layers; l++) {
        const char *name;
        lua_rawgeti(L, 2, (lua_Integer)l + 1);
        name = lua_tostring(L, -1);
        if (!name)
            return luaL_error(L, "initlab:badArg: act[%d] must be a name",
                              (int)l + 1);
        TRY(L, il_act_from_name(name, &acts[l]));
        lua_pop(L, 1);
        if (lua_rawgeti(L, 3, (lua_Integer)l + 1) == LUA_TNUMBER)
            acts[l].param = lua_tonumber(L, -1);
        lua_pop(L, 1);
    }
    if (strcmp(loss_name, "auto") == 0)
        loss = il_loss_for_output(acts[L_layers - 1].kind);
    else
        TRY(L, il_loss_from_name(loss_name, &loss));
    box = lua_newuserdatauv(L, sizeof *box, 0);
    box->net = NULL;
    luaL_setmetatable(L, NET);
    TRY(L, il_net_new(&box->net, L_layers, sizes, acts, loss));
    TRY(L, il_net_init_default(box->net, 0));
    return 1;
}

static int n_close(lua_State *L)
{
    net_box *box = luaL_checkudata(L, 1, NET);
    il_net_free(box->net);
    box->net = NULL;
    return 0;
}

/* net:info() -> sizes, act names, act params, loss name */
static int n_info(lua_State *L)
{
    il_net *net = check_net(L, 1);
    size_t L_layers = il_net_layers(net), l;
    lua_createtable(L, (int)L_layers + 1, 0);
    for (l = 0; l <= L_layers; l++) {
        lua_pushinteger(L, (lua_Integer)il_net_size(net, l));
        lua_rawseti(L, -2, (lua_Integer)l + 1);
    }
    lua_createtable(L, (int)L_layers, 0);
    lua_createtable(L, (int)L_layers, 0);
    for (l = 1; l <= L_layers; l++) {
        il_act a = il_net_act(net, l);
        lua_pushstring(L, il_act_name(a.kind));
        lua_rawseti(L, -3, (lua_Integer)l);
        lua_pushnumber(L, a.param);
        lua_rawseti(L, -2, (lua_Integer)l);
    }
    lua_pushstring(L, il_loss_name(il_net_loss(net)));
    return 4;
}

static size_t check_layer(lua_State *L, il_net *net, int idx)
{
    lua_Integer l = luaL_checkinteger(L, idx);
    if (l < 1 || (size_t)l > il_net_layers(net))
        luaL_error(L, "initlab:badArg: layer must be in 1..%d, got %d",
                   (int)il_net_layers(net), (int)l);
    return (size_t)l;
}

/* net:get(l) -> W, b as new matrices */
static int n_get(lua_State *L)
{
    il_net *net = check_net(L, 1);
    size_t l = check_layer(L, net, 2), n = il_net_size(net, l);
    push_copy(L, il_net_cW(net, l), n, il_net_size(net, l - 1));
    push_copy(L, il_net_cb(net, l), n, 1);
    return 2;
}

/* net:set(l, W, b) */
static int n_set(lua_State *L)
{
    il_net *net = check_net(L, 1);
    size_t l = check_layer(L, net, 2);
    matrix *W = check_matrix(L, 3), *b = check_matrix(L, 4);
    if (b->rows != 1 && b->cols != 1)
        return luaL_error(L, "initlab:badSize: layer %d b must be a vector, "
                          "got %dx%d", (int)l, (int)b->rows, (int)b->cols);
    TRY(L, il_net_set_layer(net, l, W->data, W->rows, W->cols, b->data,
                            b->rows * b->cols));
    return 0;
}

static int n_copy(lua_State *L)
{
    il_net *net = check_net(L, 1);
    net_box *box = lua_newuserdatauv(L, sizeof *box, 0);
    box->net = NULL;
    luaL_setmetatable(L, NET);
    TRY(L, il_net_copy(net, &box->net));
    return 1;
}

/* ---- option tables -------------------------------------------------------- */

static int opt_number(lua_State *L, int t, const char *name, double *v)
{
    int ok, type = lua_getfield(L, t, name);
    if (type == LUA_TNIL) {
        lua_pop(L, 1);
        return 0;
    }
    *v = lua_tonumberx(L, -1, &ok);
    lua_pop(L, 1);
    if (!ok)
        luaL_error(L, "initlab:badArg: %s must be a number", name);
    return 1;
}

static int opt_count(lua_State *L, int t, const char *name, long *v)
{
    double d;
    if (!opt_number(L, t, name, &d))
        return 0;
    if (!(d >= 0 && d <= 9e15 && d == floor(d))) {
        char shown[32];
        snprintf(shown, sizeof shown, "%g", d);
        luaL_error(L, "initlab:badValue: %s must be a whole number >= 0, got %s",
                   name, shown);
    }
    *v = (long)d;
    return 1;
}

static const char *opt_string(lua_State *L, int t, const char *name)
{
    const char *s;
    if (lua_getfield(L, t, name) == LUA_TNIL) {
        lua_pop(L, 1);
        return NULL;
    }
    s = lua_tostring(L, -1);
    if (!s || lua_type(L, -1) != LUA_TSTRING)
        luaL_error(L, "initlab:badArg: %s must be a string", name);
    lua_pop(L, 1); /* the string stays alive: the table holds it */
    return s;
}

static int opt_bool(lua_State *L, int t, const char *name, int dflt)
{
    int v = dflt;
    int type = lua_getfield(L, t, name);
    if (type == LUA_TBOOLEAN)
        v = lua_toboolean(L, -1);
    else if (type != LUA_TNIL)
        luaL_error(L, "initlab:badArg: %s must be true or false", name);
    lua_pop(L, 1);
    return v;
}

static const matrix *opt_matrix(lua_State *L, int t, const char *name)
{
    matrix *m;
    if (lua_getfield(L, t, name) == LUA_TNIL) {
        lua_pop(L, 1);
        return NULL;
    }
    m = luaL_testudata(L, -1, MATRIX);
    if (!m || !m->data)
        luaL_error(L, "initlab:badArg: %s must be an initlab matrix", name);
    lua_pop(L, 1); /* the option table keeps it alive */
    return m;
}

static const matrix *check_batch(lua_State *L, int idx, size_t rows,
                                 const char *name)
{
    matrix *m = luaL_testudata(L, idx, MATRIX);
    if (!m || !m->data)
        luaL_error(L, "initlab:badArg: %s must be an initlab matrix", name);
    if (m->rows != rows)
        luaL_error(L, "initlab:badSize: %s must have %d rows (one per %s), got %d",
                   name, (int)rows, strcmp(name, "X") == 0 ? "input" : "output unit",
                   (int)m->rows);
    return m;
}

/* ---- initialization --------------------------------------------------------- */

/* One spec from the table at t: {kind=..., value, a, b, mean, std, scale,
 * gain, slope, mode, distribution, fraction, matrix}. */
static void read_spec(lua_State *L, int t, il_init_spec *spec, int *status)
{
    const char *name = opt_string(L, t, "kind"), *s;
    il_init_kind kind;
    const matrix *M;
    il_status st;
    if (!name)
        luaL_error(L, "initlab:badArg: an initializer needs a kind");
    if ((st = il_init_from_name(name, &kind)) != IL_OK) {
        *status = st;
        return;
    }
    il_init_spec_default(spec, kind);
    opt_number(L, t, "value", &spec->value);
    opt_number(L, t, "a", &spec->low);
    opt_number(L, t, "b", &spec->high);
    opt_number(L, t, "mean", &spec->mean);
    opt_number(L, t, "std", &spec->std);
    opt_number(L, t, "scale", &spec->scale);
    opt_number(L, t, "gain", &spec->gain);
    opt_number(L, t, "slope", &spec->slope);
    opt_number(L, t, "fraction", &spec->fraction);
    if ((s = opt_string(L, t, "mode")) != NULL &&
        (st = il_fan_from_name(s, &spec->mode)) != IL_OK) {
        *status = st;
        return;
    }
    if ((s = opt_string(L, t, "distribution")) != NULL &&
        (st = il_dist_from_name(s, &spec->dist)) != IL_OK) {
        *status = st;
        return;
    }
    if ((M = opt_matrix(L, t, "matrix")) != NULL) {
        spec->matrix = M->data;
        spec->matrix_rows = M->rows;
        spec->matrix_cols = M->cols;
    }
}

/* The stream an optional rng name at index idx stands for. */
static int opt_rng(lua_State *L, int idx)
{
    int kind = IL_RNG_XOSHIRO;
    if (!lua_isnoneornil(L, idx))
        TRY(L, il_rng_from_name(luaL_checkstring(L, idx), &kind));
    return kind;
}

/* net:init(wspecs, bspecs, seed, X, tol, max_trials, rng) with spec lists
 * -> lsuv trials per layer */
static int n_init(lua_State *L)
{
    il_net *net = check_net(L, 1);
    size_t L_layers = il_net_layers(net), n_w, n_b, i;
    il_init_spec w[256], b[256];
    il_init_opts o;
    int trials[256], status = IL_OK;
    lua_Integer seed;

    luaL_checktype(L, 2, LUA_TTABLE);
    n_w = (size_t)lua_rawlen(L, 2);
    n_b = lua_istable(L, 3) ? (size_t)lua_rawlen(L, 3) : 0;
    seed = luaL_checkinteger(L, 4);
    if (seed < 0)
        return luaL_error(L, "initlab:badValue: seed must be >= 0");
    if ((n_w != 1 && n_w != L_layers) || (n_b && n_b != n_w))
        return luaL_error(L, "initlab:badSize: give one initializer for all "
                          "layers or one per layer (%d)", (int)L_layers);
    for (i = 0; i < n_w && status == IL_OK; i++) {
        lua_rawgeti(L, 2, (lua_Integer)i + 1);
        read_spec(L, lua_gettop(L), &w[i], &status);
        lua_pop(L, 1);
        if (n_b && status == IL_OK) {
            lua_rawgeti(L, 3, (lua_Integer)i + 1);
            read_spec(L, lua_gettop(L), &b[i], &status);
            lua_pop(L, 1);
        }
    }
    if (status != IL_OK)
        return engine_error(L, (il_status)status);
    il_init_opts_default(&o);
    o.weights = w;
    o.biases = n_b ? b : NULL;
    o.n_specs = n_w;
    o.seed = (uint64_t)seed;
    if (!lua_isnoneornil(L, 5)) {
        const matrix *X = check_batch(L, 5, il_net_size(net, 0), "X");
        o.X = X->data;
        o.m = X->cols;
    }
    o.lsuv_tol = luaL_optnumber(L, 6, 0.05);
    o.lsuv_max_trials = (int)luaL_optinteger(L, 7, 10);
    o.lsuv_trials = trials;
    o.rng = opt_rng(L, 8);
    TRY(L, il_net_init(net, &o));
    lua_createtable(L, (int)L_layers, 0);
    for (i = 0; i < L_layers; i++) {
        lua_pushinteger(L, trials[i]);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    return 1;
}

/* net:init_default(seed): what a fresh network gets for its activations */
static int n_init_default(lua_State *L)
{
    il_net *net = check_net(L, 1);
    lua_Integer seed = luaL_optinteger(L, 2, 0);
    if (seed < 0)
        return luaL_error(L, "initlab:badValue: seed must be >= 0");
    TRY(L, il_net_init_default(net, (uint64_t)seed));
    return 0;
}

/* ---- forward ---------------------------------------------------------------- */

/* net:forward(X, keep) -> out [, Z, A as tables of matrices] */
static int n_forward(lua_State *L)
{
    il_net *net = check_net(L, 1);
    size_t L_layers = il_net_layers(net), l, m;
    const matrix *X = check_batch(L, 2, il_net_size(net, 0), "X");
    int keep = lua_toboolean(L, 3);
    double *Zp[256], *Ap[256];
    matrix *out;

    m = X->cols;
    out = new_matrix(L, il_net_size(net, L_layers), m);
    if (keep) {
        lua_createtable(L, (int)L_layers, 0);
        lua_createtable(L, (int)L_layers, 0);
        for (l = 1; l <= L_layers; l++) {
            Zp[l - 1] = new_matrix(L, il_net_size(net, l), m)->data;
            lua_rawseti(L, -3, (lua_Integer)l);
            Ap[l - 1] = new_matrix(L, il_net_size(net, l), m)->data;
            lua_rawseti(L, -2, (lua_Integer)l);
        }
    }
    TRY(L, il_forward(net, X->data, m, out->data, keep ? Zp : NULL,
                      keep ? Ap : NULL));
    return keep ? 3 : 1;
}

/* net:evaluate(X, Y) -> loss, accuracy */
static int n_evaluate(lua_State *L)
{
    il_net *net = check_net(L, 1);
    const matrix *X = check_batch(L, 2, il_net_size(net, 0), "X");
    const matrix *Y = check_batch(L, 3, il_net_size(net, il_net_layers(net)), "Y");
    double loss, acc;
    if (X->cols != Y->cols)
        return luaL_error(L, "initlab:badSize: X and Y must have the same "
                          "number of columns (samples)");
    TRY(L, il_evaluate(net, X->data, Y->data, X->cols, &loss, &acc));
    lua_pushnumber(L, loss);
    lua_pushnumber(L, acc);
    return 2;
}

/* ---- recording -------------------------------------------------------------- */

/* Record options from the table at t; buffers that must outlive the call
 * (iteration list, percentile levels) are userdata left on the stack. */
static void read_record_opts(lua_State *L, int t, il_net *net,
                             il_record_opts *ro)
{
    size_t i, n;
    double v;
    long c;
    il_record_opts_default(ro);
    if (opt_count(L, t, "record_every", &c))
        ro->every = c;
    if (lua_getfield(L, t, "record_iters") == LUA_TTABLE) {
        long *iters;
        n = (size_t)lua_rawlen(L, -1);
        iters = lua_newuserdatauv(L, (n ? n : 1) * sizeof *iters, 0);
        for (i = 0; i < n; i++) {
            int ok;
            lua_rawgeti(L, -2, (lua_Integer)i + 1);
            v = lua_tonumberx(L, -1, &ok);
            lua_pop(L, 1);
            if (!ok || v < 0 || v != floor(v))
                luaL_error(L, "initlab:badValue: record_iters[%d] must be a "
                           "whole number >= 0", (int)i + 1);
            iters[i] = (long)v;
        }
        ro->iters = iters;
        ro->n_iters = n;
        lua_insert(L, -2); /* keep the buffer, drop the table below */
    }
    lua_pop(L, 1);
    if (lua_getfield(L, t, "record") != LUA_TNIL) {
        int single = lua_type(L, -1) == LUA_TSTRING;
        if (!single && !lua_istable(L, -1))
            luaL_error(L, "initlab:badArg: record must be a name or a list of names");
        n = single ? 1 : (size_t)lua_rawlen(L, -1);
        ro->what = 0;
        for (i = 0; i < n; i++) {
            const char *name;
            unsigned bits;
            il_status st;
            if (!single)
                lua_rawgeti(L, -1, (lua_Integer)i + 1);
            name = lua_tostring(L, -1);
            if ((st = il_record_part_from_name(name, &bits)) != IL_OK)
                engine_error(L, st);
            ro->what |= bits;
            if (!single)
                lua_pop(L, 1);
        }
    }
    lua_pop(L, 1);
    if (lua_getfield(L, t, "percentiles") == LUA_TTABLE) {
        double *levels;
        n = (size_t)lua_rawlen(L, -1);
        levels = lua_newuserdatauv(L, (n ? n : 1) * sizeof *levels, 0);
        for (i = 0; i < n; i++) {
            lua_rawgeti(L, -2, (lua_Integer)i + 1);
            levels[i] = lua_tonumber(L, -1);
            lua_pop(L, 1);
        }
        ro->percentiles = levels;
        ro->n_percentiles = n;
        lua_insert(L, -2);
    }
    lua_pop(L, 1);
    if (opt_count(L, t, "hist_bins", &c))
        ro->hist_bins = (size_t)c;
    if (lua_getfield(L, t, "hist_range") == LUA_TTABLE) {
        lua_rawgeti(L, -1, 1);
        lua_rawgeti(L, -2, 2);
        ro->hist_lo = luaL_checknumber(L, -2);
        ro->hist_hi = luaL_checknumber(L, -1);
        lua_pop(L, 2);
    }
    lua_pop(L, 1);
    opt_number(L, t, "sat_theta", &ro->sat_theta);
    opt_number(L, t, "distinct_tol", &ro->distinct_tol);
    if (opt_count(L, t, "max_bytes", &c))
        ro->max_bytes = (size_t)c;
    {
        const matrix *P = opt_matrix(L, t, "probe");
        if (P) {
            if (P->rows != il_net_size(net, 0))
                luaL_error(L, "initlab:badSize: probe must have %d rows (one per "
                           "input), got %d", (int)il_net_size(net, 0), (int)P->rows);
            ro->probe_X = P->data;
            ro->probe_m = P->cols;
        }
    }
}

static void set_numbers(lua_State *L, const char *field, const double *x,
                        size_t n, size_t stride, size_t offset)
{
    size_t r;
    lua_createtable(L, (int)n, 0);
    for (r = 0; r < n; r++) {
        lua_pushnumber(L, x[offset + r * stride]);
        lua_rawseti(L, -2, (lua_Integer)r + 1);
    }
    lua_setfield(L, -2, field);
}

/* The record as a table: iter, loss, accuracy as lists over records; per
 * layer statistics as rec.name[l][k]; rec.W[l][k], rec.b[l][k] matrices;
 * rec.percentiles[l][k] and rec.hist[l][k] lists. */
static void push_record(lua_State *L, const il_record *rec, const il_net *net)
{
    size_t R = il_record_count(rec), Lr = il_record_layers(rec), l, r, np, bins;
    const double *d;
    double lo, hi;
    int s;
    lua_createtable(L, 0, 24);
    lua_createtable(L, (int)R, 0);
    for (r = 0; r < R; r++) {
        lua_pushinteger(L, il_record_iters(rec)[r]);
        lua_rawseti(L, -2, (lua_Integer)r + 1);
    }
    lua_setfield(L, -2, "iter");
    if ((d = il_record_loss(rec)) != NULL) {
        set_numbers(L, "loss", d, R, 1, 0);
        set_numbers(L, "accuracy", il_record_accuracy(rec), R, 1, 0);
    }
    for (s = 0; s < IL_STAT_COUNT; s++) {
        if ((d = il_record_stat(rec, (il_stat)s)) == NULL)
            continue;
        lua_createtable(L, (int)Lr, 0);
        for (l = 0; l < Lr; l++) {
            lua_createtable(L, (int)R, 0);
            for (r = 0; r < R; r++) {
                lua_pushnumber(L, d[l + Lr * r]);
                lua_rawseti(L, -2, (lua_Integer)r + 1);
            }
            lua_rawseti(L, -2, (lua_Integer)l + 1);
        }
        lua_setfield(L, -2, il_stat_name((il_stat)s));
    }
    if ((d = il_record_percentiles(rec, &np)) != NULL) {
        lua_createtable(L, (int)Lr, 0);
        for (l = 0; l < Lr; l++) {
            lua_createtable(L, (int)R, 0);
            for (r = 0; r < R; r++) {
                lua_createtable(L, (int)np, 0);
                for (s = 0; s < (int)np; s++) {
                    lua_pushnumber(L, d[l + Lr * ((size_t)s + np * r)]);
                    lua_rawseti(L, -2, s + 1);
                }
                lua_rawseti(L, -2, (lua_Integer)r + 1);
            }
            lua_rawseti(L, -2, (lua_Integer)l + 1);
        }
        lua_setfield(L, -2, "percentiles");
    }
    if ((d = il_record_hist(rec, &bins, &lo, &hi)) != NULL) {
        lua_createtable(L, (int)Lr, 0);
        for (l = 0; l < Lr; l++) {
            lua_createtable(L, (int)R, 0);
            for (r = 0; r < R; r++) {
                lua_createtable(L, (int)bins, 0);
                for (s = 0; s < (int)bins; s++) {
                    lua_pushnumber(L, d[l + Lr * ((size_t)s + bins * r)]);
                    lua_rawseti(L, -2, s + 1);
                }
                lua_rawseti(L, -2, (lua_Integer)r + 1);
            }
            lua_rawseti(L, -2, (lua_Integer)l + 1);
        }
        lua_setfield(L, -2, "hist");
        lua_createtable(L, (int)bins + 1, 0);
        for (r = 0; r <= bins; r++) {
            lua_pushnumber(L, lo + (hi - lo) * (double)r / (double)bins);
            lua_rawseti(L, -2, (lua_Integer)r + 1);
        }
        lua_setfield(L, -2, "hist_edges");
    }
    if (il_record_W(rec, 1)) {
        int which;
        for (which = 0; which < 2; which++) {
            lua_createtable(L, (int)Lr, 0);
            for (l = 1; l <= Lr; l++) {
                size_t n = il_net_size(net, l), k = which ? 1 : il_net_size(net, l - 1);
                const double *base = which ? il_record_b(rec, l) : il_record_W(rec, l);
                lua_createtable(L, (int)R, 0);
                for (r = 0; r < R; r++) {
                    push_copy(L, base + n * k * r, n, k);
                    lua_rawseti(L, -2, (lua_Integer)r + 1);
                }
                lua_rawseti(L, -2, (lua_Integer)l);
            }
            lua_setfield(L, -2, which ? "b" : "W");
        }
    }
}

/* ---- training ---------------------------------------------------------------- */

/* Lua cannot interrupt a long C call, so training watches SIGINT itself. */
static volatile sig_atomic_t interrupted;

static void on_sigint(int sig)
{
    (void)sig;
    interrupted = 1;
}

typedef struct {
    lua_State *L;
    int callback;      /* stack index of the progress function, or 0 */
    int error_ref;     /* registry ref of an error the callback raised */
    int stopped_by_callback;
    long print_every;  /* default progress line, 0: silent */
    long next_print;
} hook_state;

static int progress_hook(void *ctx, const il_progress *p)
{
    hook_state *h = ctx;
    lua_State *L = h->L;
    if (interrupted)
        return 1;
    if (h->callback) {
        const double *sat = p->rec ? il_record_stat(p->rec, IL_STAT_SATURATION) : NULL;
        lua_pushvalue(L, h->callback);
        lua_pushinteger(L, p->iter);
        lua_pushnumber(L, p->loss);
        lua_pushinteger(L, p->iters);
        if (sat && il_record_count(p->rec) > 0) {
            size_t Lr = il_record_layers(p->rec), l, last = il_record_count(p->rec) - 1;
            lua_createtable(L, (int)Lr, 0);
            for (l = 0; l < Lr; l++) {
                lua_pushnumber(L, sat[l + Lr * last]);
                lua_rawseti(L, -2, (lua_Integer)l + 1);
            }
        } else {
            lua_pushnil(L);
        }
        if (lua_pcall(L, 4, 1, 0) != LUA_OK) {
            h->error_ref = luaL_ref(L, LUA_REGISTRYINDEX);
            return 1;
        }
        if (lua_isboolean(L, -1) && !lua_toboolean(L, -1))
            h->stopped_by_callback = 1;
        lua_pop(L, 1);
        return h->stopped_by_callback;
    }
    if (h->print_every > 0 && p->iter >= h->next_print) {
        const double *sat = p->rec ? il_record_stat(p->rec, IL_STAT_SATURATION) : NULL;
        printf("iter %8ld/%ld  loss %.6g", p->iter, p->iters, p->loss);
        if (sat && il_record_count(p->rec) > 0) {
            size_t Lr = il_record_layers(p->rec), l, last = il_record_count(p->rec) - 1;
            printf("  saturation (iter %ld):", il_record_iters(p->rec)[last]);
            for (l = 0; l < Lr; l++)
                printf(" %.3f", sat[l + Lr * last]);
        }
        printf("\n");
        fflush(stdout);
        h->next_print = p->iter + h->print_every;
    }
    return 0;
}

/* net:train(X, Y, opts) -> record table */
static int n_train(lua_State *L)
{
    il_net *net = check_net(L, 1);
    const matrix *X = check_batch(L, 2, il_net_size(net, 0), "X");
    const matrix *Y = check_batch(L, 3, il_net_size(net, il_net_layers(net)), "Y");
    il_train_opts o;
    il_record_opts ro;
    il_train_info info;
    il_record *rec = NULL;
    hook_state h;
    const char *s;
    long c;
    void (*previous)(int);
    il_status st;

    luaL_checktype(L, 4, LUA_TTABLE);
    if (X->cols != Y->cols)
        return luaL_error(L, "initlab:badSize: X and Y must have the same number "
                          "of columns (samples)");
    il_train_opts_default(&o);
    if (opt_count(L, 4, "iters", &c))
        o.iters = c;
    if (opt_count(L, 4, "epochs", &c)) {
        o.epochs = c;
        lua_getfield(L, 4, "iters");
        if (lua_isnil(L, -1))
            o.iters = 0;
        lua_pop(L, 1);
    }
    opt_number(L, 4, "lr", &o.lr);
    if (opt_count(L, 4, "batch", &c))
        o.batch = (size_t)c;
    o.shuffle = opt_bool(L, 4, "shuffle", 1);
    if (opt_count(L, 4, "seed", &c))
        o.seed = (uint64_t)c;
    if ((s = opt_string(L, 4, "optimizer")) != NULL)
        TRY(L, il_opt_from_name(s, &o.opt));
    opt_number(L, 4, "momentum", &o.momentum);
    opt_number(L, 4, "beta1", &o.beta1);
    opt_number(L, 4, "beta2", &o.beta2);
    opt_number(L, 4, "rho", &o.rho);
    opt_number(L, 4, "eps", &o.eps);
    opt_number(L, 4, "l2", &o.l2);
    memset(&h, 0, sizeof h);
    h.L = L;
    h.error_ref = LUA_NOREF;
    h.print_every = 1000;
    if (opt_count(L, 4, "progress_every", &c))
        h.print_every = c;
    if (!opt_bool(L, 4, "verbose", 1))
        h.print_every = 0;
    lua_getfield(L, 4, "progress");
    if (lua_isfunction(L, -1))
        h.callback = lua_gettop(L);
    else if (!lua_isnil(L, -1))
        return luaL_error(L, "initlab:badArg: progress must be a function");
    o.hook = progress_hook;
    o.hook_ctx = &h;
    o.hook_every = h.callback && h.print_every > 0 && h.print_every < 50
                       ? h.print_every : 50;
    if (h.callback && opt_count(L, 4, "progress_every", &c) && c > 0)
        o.hook_every = c;
    read_record_opts(L, 4, net, &ro);
    interrupted = 0;
    previous = signal(SIGINT, on_sigint);
    st = il_train(net, X->data, Y->data, X->cols, &o, &ro, &rec, &info);
    signal(SIGINT, previous == SIG_ERR ? SIG_DFL : previous);
    if (h.error_ref != LUA_NOREF) {
        /* the callback raised: free, then raise its error as it was */
        il_record_free(rec);
        lua_rawgeti(L, LUA_REGISTRYINDEX, h.error_ref);
        luaL_unref(L, LUA_REGISTRYINDEX, h.error_ref);
        return lua_error(L);
    }
    if (st != IL_OK) {
        il_record_free(rec);
        return engine_error(L, st);
    }
    push_record(L, rec, net);
    il_record_free(rec);
    lua_pushinteger(L, info.iters_done);
    lua_setfield(L, -2, "iters_done");
    lua_pushnumber(L, info.final_loss);
    lua_setfield(L, -2, "final_loss");
    if (info.stopped != IL_STOP_NONE) {
        const char *why = info.stopped == IL_STOP_NONFINITE ? "nonfinite"
                        : h.stopped_by_callback             ? "callback"
                                                            : "interrupted";
        lua_pushstring(L, why);
        lua_setfield(L, -2, "stopped");
        lua_pushstring(L, info.stopped == IL_STOP_NONFINITE ? info.message
                          : h.stopped_by_callback ? "training stopped by the progress callback"
                                                  : "training interrupted (Ctrl-C)");
        lua_setfield(L, -2, "message");
        lua_pushinteger(L, (lua_Integer)info.stop_layer);
        lua_setfield(L, -2, "stop_layer");
    }
    return 1;
}

/* net:stats(X [, Y], opts) -> record table of one entry */
static int n_stats(lua_State *L)
{
    il_net *net = check_net(L, 1);
    const matrix *X = check_batch(L, 2, il_net_size(net, 0), "X");
    const matrix *Y = NULL;
    il_record_opts ro;
    il_record *rec = NULL;
    il_status st;
    if (!lua_isnoneornil(L, 3)) {
        Y = check_batch(L, 3, il_net_size(net, il_net_layers(net)), "Y");
        if (Y->cols != X->cols)
            return luaL_error(L, "initlab:badSize: X and Y must have the same "
                              "number of columns (samples)");
    }
    luaL_checktype(L, 4, LUA_TTABLE);
    read_record_opts(L, 4, net, &ro);
    st = il_net_stats(net, X->data, Y ? Y->data : NULL, X->cols, &ro, &rec);
    if (st != IL_OK)
        return engine_error(L, st);
    push_record(L, rec, net);
    il_record_free(rec);
    return 1;
}

/* ---- small things -------------------------------------------------------------- */

/* core.gain(name [, param]) -> gain, computed */
static int l_gain(lua_State *L)
{
    il_act act;
    double g;
    int computed;
    TRY(L, il_act_from_name(luaL_checkstring(L, 1), &act));
    if (!lua_isnoneornil(L, 2))
        act.param = luaL_checknumber(L, 2);
    TRY(L, il_gain(act, &g, &computed));
    lua_pushnumber(L, g);
    lua_pushboolean(L, computed);
    return 2;
}

/* core.dataset(name, n, noise, factor, classes, seed, rng)
 *   -> X, labels (0-based) */
static int l_dataset(lua_State *L)
{
    il_dataset_kind kind;
    il_dataset_opts d;
    size_t n;
    matrix *X, *labels;
    lua_Integer seed;
    TRY(L, il_dataset_from_name(luaL_checkstring(L, 1), &kind));
    n = check_size(L, 2, "n");
    il_dataset_opts_default(&d, kind);
    if (!lua_isnoneornil(L, 3))
        d.noise = luaL_checknumber(L, 3);
    if (!lua_isnoneornil(L, 4))
        d.factor = luaL_checknumber(L, 4);
    if (!lua_isnoneornil(L, 5))
        d.classes = check_size(L, 5, "classes");
    seed = luaL_optinteger(L, 6, 0);
    if (seed < 0)
        return luaL_error(L, "initlab:badValue: seed must be >= 0");
    d.rng = opt_rng(L, 7);
    X = new_matrix(L, 2, n);
    labels = new_matrix(L, 1, n);
    TRY(L, il_dataset(kind, n, &d, (uint64_t)seed, X->data, labels->data));
    return 2;
}

/* core.clock() -> seconds on a monotonic wall clock, for timing scripts
 * (os.clock counts the CPU time of every thread, BLAS's included). */
static int l_clock(lua_State *L)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    lua_pushnumber(L, (double)t.tv_sec + 1e-9 * (double)t.tv_nsec);
    return 1;
}

static const luaL_Reg matrix_methods[] = {
    {"get", m_get},     {"set", m_set},         {"size", m_size},
    {"totable", m_totable}, {"hex", m_hex},     {"close", m_close},
    {NULL, NULL}};

static const luaL_Reg matrix_meta[] = {
    {"__len", m_len},   {"__tostring", m_tostring}, {"__eq", m_eq},
    {"__gc", m_close},  {"__close", m_close},       {NULL, NULL}};

static const luaL_Reg net_methods[] = {
    {"info", n_info},     {"get", n_get},         {"set", n_set},
    {"copy", n_copy},     {"init", n_init},       {"init_default", n_init_default},
    {"forward", n_forward},
    {"evaluate", n_evaluate}, {"train", n_train}, {"stats", n_stats},
    {"close", n_close},   {NULL, NULL}};

static const luaL_Reg net_meta[] = {
    {"__gc", n_close}, {"__close", n_close}, {NULL, NULL}};

static const luaL_Reg functions[] = {
    {"matrix", l_matrix}, {"net", l_net},   {"gain", l_gain},
    {"dataset", l_dataset}, {"clock", l_clock}, {NULL, NULL}};

int luaopen_initlab_core(lua_State *L)
{
    luaL_newmetatable(L, MATRIX);
    luaL_setfuncs(L, matrix_meta, 0);
    luaL_newlib(L, matrix_methods);
    lua_setfield(L, -2, "__index");
    lua_pop(L, 1);
    luaL_newmetatable(L, NET);
    luaL_setfuncs(L, net_meta, 0);
    luaL_newlib(L, net_methods);
    lua_setfield(L, -2, "__index");
    lua_pop(L, 1);
    luaL_newlib(L, functions);
    lua_pushstring(L, IL_VERSION);
    lua_setfield(L, -2, "version");
    return 1;
}
