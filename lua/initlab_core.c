/*
 * initlab_core.c - the Lua 5.4 binding of the engine, `require
 * "initlab.core"`; lua/initlab.lua builds the friendly API on it.
 *
 * A generic gateway that names no option: each Lua value becomes an
 * il_value (to_value), each name = value pair goes to il_options_set,
 * which checks it against the engine's table, a finisher fills the engine
 * structs, and records are built by walking the engine's field table.
 *
 * initlab.matrix (column-major doubles, 1-based to Lua) and initlab.net
 * carry a busy count, held while a call uses them, so that closing one
 * (from a progress callback) is an error, not a use-after-free.  A call
 * keeps what it reads in a hold table, so that nothing it uses can be
 * collected under it, and what it owns in the engine in a to-be-closed
 * guard, so that an error (luaL_error longjmps) frees that too.
 */
#define _POSIX_C_SOURCE 200809L /* clock_gettime, strcasecmp */
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "lauxlib.h"
#include "lua.h"

#include "initlab.h"
#include "lua_core.h"

#define GUARD "initlab.guard"


typedef struct { /* what one call owns in the engine */
    il_call call;
    il_options *opts;
    il_record *rec;
} guard;

/* ---- errors ---------------------------------------------------------------- */

/* Whether a chunk is initlab's own Lua code: initlab.lua or initlab/x.lua
 * (the rule of lua/initlab/errors.lua). */
static int own_source(const char *s)
{
    const char *base = strrchr(s, '/') ? strrchr(s, '/') + 1 : s + 1;
    size_t n = strlen(base);
    if (s[0] != '@' || n < 5 || strcmp(base + n - 4, ".lua") != 0)
        return 0;
    return strcmp(base, "initlab.lua") == 0 ||
           (base - s >= 9 && strncmp(base - 8, "initlab/", 8) == 0 &&
            (base - 9 == s || base[-9] == '/'));
}

/* Raises "file:line: initlab:id: message" at the innermost Lua line that
 * is not initlab's own: the user's call. */
void il_lua_fail(lua_State *L, const char *fmt, ...)
{
    char msg[1200];
    va_list ap;
    lua_Debug ar;
    int level = 1, found = 0;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    while (!found && lua_getstack(L, level++, &ar))
        found = lua_getinfo(L, "Sl", &ar) && ar.currentline > 0 &&
                !own_source(ar.source);
    if (found)
        lua_pushfstring(L, "%s:%d: %s", ar.short_src, ar.currentline, msg);
    else
        lua_pushstring(L, msg);
    lua_error(L);
#if defined(__GNUC__)
    __builtin_unreachable(); /* lua_error longjmps */
#endif
}

static void check(lua_State *L, il_status s)
{
    if (s != IL_OK)
        il_lua_fail(L, "%s: %s", il_status_id(s), il_last_error());
}

/* What the value at idx is, for messages. */
const char *il_lua_kind_of(lua_State *L, int idx)
{
    static const char *const kinds[] = {"nil", "a boolean", "a userdata",
        "a number", "a string", "a table", "a function", "a userdata",
        "a coroutine"};
    int type = lua_type(L, idx), t = lua_absindex(L, idx), net;
    matrix *m = luaL_testudata(L, idx, MATRIX);
    if (m)
        return m->data ? "a matrix" : "a closed matrix";
    if (luaL_testudata(L, idx, NET))
        return "a network";
    if (type == LUA_TTABLE) { /* initlab.lua's network: a table with _core */
        lua_pushliteral(L, "_core");
        net = lua_rawget(L, t) == LUA_TUSERDATA && luaL_testudata(L, -1, NET);
        lua_pop(L, 1);
        if (net)
            return "a network";
    }
    return type >= 0 && type <= LUA_TTHREAD ? kinds[type] : "nil";
}

double il_lua_number(lua_State *L, int idx, const char *what)
{
    if (lua_type(L, idx) != LUA_TNUMBER)
        il_lua_fail(L, "initlab:badArg: %s must be a number, got %s", what,
             il_lua_kind_of(L, idx));
    return lua_tonumber(L, idx);
}

/* A whole number in lo..hi (else initlab:<id>) */
lua_Integer il_lua_integer(lua_State *L, int idx, lua_Integer lo,
                               lua_Integer hi, const char *id, const char *what)
{
    int ok = 0;
    lua_Integer v = lua_type(L, idx) == LUA_TNUMBER ? lua_tointegerx(L, idx, &ok) : 0;
    double x = lua_tonumber(L, idx);
    if (!ok)
        il_lua_fail(L, "initlab:badArg: %s must be a whole number, got %s", what,
             lua_type(L, idx) != LUA_TNUMBER ? il_lua_kind_of(L, idx)
             : isnan(x) ? "NaN" : isinf(x) ? (x > 0 ? "Inf" : "-Inf")
                                           : lua_tostring(L, idx));
    if (v < lo && hi == LUA_MAXINTEGER)
        il_lua_fail(L, "initlab:%s: %s must be >= %lld, got %lld", id, what,
             (long long)lo, (long long)v);
    if (v < lo || v > hi)
        il_lua_fail(L, "initlab:%s: %s %lld is out of range %lld..%lld", id, what,
             (long long)v, (long long)lo, (long long)hi);
    return v;
}

/* close(), __gc and __close of matrices and networks: safe twice, refused
 * while a running call uses the object. */
int il_lua_close(lua_State *L)
{
    matrix *m = luaL_testudata(L, 1, MATRIX);
    net_box *box = m ? NULL : luaL_testudata(L, 1, NET);
    if (!m && !box)
        il_lua_fail(L, "initlab:badArg: call x:close() with a colon");
    if (m ? m->busy : box->busy)
        il_lua_fail(L, "initlab:busy: the %s is in use by a running call (close it "
             "after the call returns)", m ? "matrix" : "network");
    if (m) {
        free(m->data);
        m->data = NULL;
    } else {
        il_net_free(box->net);
        box->net = NULL;
    }
    return 0;
}

/* ---- one call: its guard, its hold table, the values it converts ---------- */

/* The busy count of the matrix or network at idx, or NULL. */
static int *busy_of(lua_State *L, int idx)
{
    int *busy = luaL_testudata(L, idx, MATRIX);
    return busy ? busy : luaL_testudata(L, idx, NET);
}

/* Closes a call: frees what it owns, and releases what it holds (the
 * guard's user value) -- on its return and on an error alike. */
static int g_close(lua_State *L)
{
    guard *g = lua_touserdata(L, 1);
    lua_Integer i;
    int *busy;
    il_options_free(g->opts);
    il_record_free(g->rec);
    g->opts = NULL;
    g->rec = NULL;
    lua_getiuservalue(L, 1, 1);
    for (i = 1; lua_istable(L, -1) && i <= (lua_Integer)lua_rawlen(L, -1); i++) {
        lua_rawgeti(L, -1, i);
        if ((busy = busy_of(L, -1)) != NULL)
            --*busy;
        lua_pop(L, 1);
    }
    lua_pushnil(L);
    lua_setiuservalue(L, 1, 1); /* released once */
    return 0;
}

/* Pushes the call's guard (to-be-closed) and its hold table, which keeps
 * alive, and busy, what the call reads; returns the hold table's index. */
static int begin(lua_State *L, il_call call, guard **g)
{
    *g = lua_newuserdatauv(L, sizeof **g, 1);
    memset(*g, 0, sizeof **g);
    (*g)->call = call;
    luaL_setmetatable(L, GUARD);
    lua_toclose(L, -1);
    lua_newtable(L);
    lua_pushvalue(L, -1);
    lua_setiuservalue(L, -3, 1);
    check(L, il_options_new(call, &(*g)->opts));
    return lua_gettop(L);
}

static void hold(lua_State *L, int h, int idx) /* appends idx's value */
{
    int *busy = busy_of(L, idx);
    if (busy)
        ++*busy;
    lua_pushvalue(L, idx);
    lua_rawseti(L, h, (lua_Integer)lua_rawlen(L, h) + 1);
}

/* A long call: Ctrl-C caught (Lua cannot interrupt a C call, so the
 * module keeps a flag the engine polls) and the previous SIGINT handler
 * back after; a nested call keeps the outer call's Ctrl-C. */
static volatile sig_atomic_t interrupted;
static void on_sigint(int sig) { (void)sig; interrupted = 1; }
static int poll_sigint(void *ctx) { (void)ctx; return interrupted != 0; }

#define LONG_CALL(st, call)                                                    \
    do {                                                                       \
        void (*previous_)(int) = signal(SIGINT, on_sigint);                    \
        if (previous_ != on_sigint)                                            \
            interrupted = 0;                                                   \
        st = (call);                                                           \
        if (previous_ != SIG_ERR)                                              \
            signal(SIGINT, previous_);                                         \
    } while (0)

/* n if the table at idx is the sequence 1..n (0: empty), -1 if it has
 * other keys, -2 if it is a list with holes. */
static lua_Integer sequence_length(lua_State *L, int idx)
{
    lua_Integer count = 0, top = 0, k;
    for (lua_pushnil(L); lua_next(L, idx); count++) {
        lua_pop(L, 1);
        if (!lua_isinteger(L, -1) || (k = lua_tointeger(L, -1)) < 1)
            return lua_pop(L, 1), -1;
        top = k > top ? k : top;
    }
    return top == count ? count : -2;
}

/* The Lua value at idx as an il_value; *x holds its number.  A list's
 * storage, and every matrix read, go to the hold table h. */
static void to_value(lua_State *L, int idx, il_value *v, double *x, int h,
                     const char *name, int depth)
{
    matrix *m = luaL_testudata(L, idx, MATRIX);
    lua_Integer n, i;
    idx = lua_absindex(L, idx);
    memset(v, 0, sizeof *v);
    v->kind = IL_VAL_OTHER;
    v->host_type = il_lua_kind_of(L, idx);
    if (m && !m->data)
        il_lua_fail(L, "initlab:badArg: %s is a closed matrix", name);
    if (m || lua_type(L, idx) == LUA_TNUMBER || lua_isboolean(L, idx)) {
        v->is_logical = lua_isboolean(L, idx);
        *x = v->is_logical ? lua_toboolean(L, idx) : lua_tonumber(L, idx);
        v->kind = IL_VAL_NUMBERS;
        v->data = m ? m->data : x;
        v->rows = m ? m->rows : 1;
        v->cols = m ? m->cols : 1;
        if (m)
            hold(L, h, idx);
    } else if (lua_type(L, idx) == LUA_TSTRING) {
        v->kind = IL_VAL_STRING;
        v->str = lua_tostring(L, idx);
    } else if (lua_type(L, idx) == LUA_TFUNCTION) {
        v->kind = IL_VAL_FUNCTION;
    } else if (lua_type(L, idx) == LUA_TTABLE &&
               strcmp(v->host_type, "a network") != 0) {
        if ((n = sequence_length(L, idx)) < 0 || depth > 4) {
            v->host_type = depth > 4 ? "a table nested too deeply"
                         : n == -2   ? "a list with holes"
                                     : "a table with named keys";
            return;
        }
        v->items = lua_newuserdatauv(L, (size_t)n * (sizeof *v + sizeof *x) + 1, 0);
        hold(L, h, -1);
        lua_pop(L, 1);
        for (i = 0; i < n; i++, lua_pop(L, 1)) {
            lua_rawgeti(L, idx, i + 1);
            to_value(L, -1, (il_value *)v->items + i, (double *)(v->items + n) + i,
                     h, name, depth + 1);
        }
        v->kind = IL_VAL_LIST;
        v->n_items = (size_t)n;
    }
}

/* Sets option name from the Lua value at idx; a function is kept in the
 * hold table under the option's own name, for the call to find. */
static void set_option(lua_State *L, int h, guard *g, const char *name, int idx)
{
    il_value v;
    double x;
    size_t i;
    int top = lua_gettop(L);
    il_status st;
    idx = lua_absindex(L, idx);
    to_value(L, idx, &v, &x, h, name, 0);
    st = il_options_set(g->opts, name, &v);
    lua_settop(L, top);
    check(L, st);
    for (i = 0; v.kind == IL_VAL_FUNCTION && i < il_option_count(g->call); i++) {
        const il_option_info *r = il_option_at(g->call, i);
        if (strcasecmp(name, r->name) == 0 ||
            (r->alias && strcasecmp(name, r->alias) == 0)) {
            lua_pushvalue(L, idx);
            lua_setfield(L, h, r->name);
        }
    }
}

/* Every name = value pair of the option table at t (nil: none); with
 * sizes, the list part is option "sizes" (il.net{2, 3, 1, act = ...}). */
static void set_table(lua_State *L, int h, guard *g, int t, const char *what,
                      int sizes)
{
    lua_Integer n, i;
    if (lua_isnoneornil(L, t))
        return;
    if (!lua_istable(L, t))
        il_lua_fail(L, "initlab:badArg: %s must be a table, got %s", what, il_lua_kind_of(L, t));
    if (sizes) { /* first, so that a named sizes = {...} replaces it */
        lua_createtable(L, (int)(n = (lua_Integer)lua_rawlen(L, t)), 0);
        for (i = 1; i <= n; i++, lua_rawseti(L, -2, i - 1))
            lua_rawgeti(L, t, i); /* nil entries make a list with holes */
        set_option(L, h, g, "sizes", -1);
        lua_pop(L, 1);
    } else {
        n = 0;
    }
    for (lua_pushnil(L); lua_next(L, t); lua_pop(L, 1)) {
        if (lua_type(L, -2) == LUA_TSTRING)
            set_option(L, h, g, lua_tostring(L, -2), -1);
        else if (!lua_isinteger(L, -2) || (i = lua_tointeger(L, -2)) < 1 || i > n)
            il_lua_fail(L, "initlab:badOption: %s %s; got a value at key %s", what,
                 sizes ? "takes sizes n0, n1, ... and name = value options"
                       : "must be name = value pairs",
                 lua_type(L, -2) != LUA_TNUMBER ? il_lua_kind_of(L, -2)
                 : (lua_pushvalue(L, -2), lua_tostring(L, -1)));
    }
}

/* ---- networks ---------------------------------------------------------------- */

static net_box *self_net(lua_State *L, const char *method, const char *args)
{
    net_box *box = luaL_testudata(L, 1, NET);
    if (!box)
        il_lua_fail(L, "initlab:badArg: call net:%s(%s) with a colon (net.%s(...) "
             "passes no network)", method, args, method);
    if (!box->net)
        il_lua_fail(L, "initlab:badArg: the network has been closed");
    return box;
}

static net_box *new_box(lua_State *L)
{
    net_box *box = lua_newuserdatauv(L, sizeof *box, 0);
    memset(box, 0, sizeof *box);
    luaL_setmetatable(L, NET);
    return box;
}

/* A batch argument: a matrix with the rows the network needs; with X, the
 * same samples as X. */
static matrix *arg_batch(lua_State *L, int idx, size_t rows, const char *name,
                         const matrix *X)
{
    matrix *m = luaL_testudata(L, idx, MATRIX);
    if (!m || !m->data)
        il_lua_fail(L, "initlab:badArg: %s must be an initlab matrix, got %s", name,
             il_lua_kind_of(L, idx));
    if (m->rows != rows)
        il_lua_fail(L, "initlab:badSize: %s must have %zu rows (one per %s), got %zu",
             name, rows, X ? "output unit" : "input", m->rows);
    if (X && X->cols != m->cols)
        il_lua_fail(L, "initlab:badSize: X and Y must have the same number of "
             "columns (samples), got %zu and %zu", X->cols, m->cols);
    return m;
}

/* core.net{n0, ..., nL, act =, act_param =, loss =, seed =} */
static int l_net(lua_State *L)
{
    guard *g;
    int h;
    lua_settop(L, 1);
    if (!lua_istable(L, 1))
        il_lua_fail(L, "initlab:badArg: il.net takes a table {n0, n1, ..., nL, act = "
             "...}, got %s", il_lua_kind_of(L, 1));
    h = begin(L, IL_CALL_NET, &g);
    set_table(L, h, g, 1, "il.net", 1);
    check(L, il_options_net(g->opts, &new_box(L)->net));
    return 1;
}

/* net:info() -> sizes, act names, act params, loss name */
static int n_info(lua_State *L)
{
    il_net *net = self_net(L, "info", "")->net;
    size_t Ln = il_net_layers(net), l;
    lua_createtable(L, (int)Ln + 1, 0);
    lua_createtable(L, (int)Ln, 0);
    lua_createtable(L, (int)Ln, 0);
    for (l = 0; l <= Ln; l++) {
        lua_pushinteger(L, (lua_Integer)il_net_size(net, l));
        lua_rawseti(L, -4, (lua_Integer)l + 1);
        if (l > 0) {
            lua_pushstring(L, il_act_name(il_net_act(net, l).kind));
            lua_rawseti(L, -3, (lua_Integer)l);
            lua_pushnumber(L, il_net_act(net, l).param);
            lua_rawseti(L, -2, (lua_Integer)l);
        }
    }
    lua_pushstring(L, il_loss_name(il_net_loss(net)));
    return 4;
}

static size_t arg_layer(lua_State *L, il_net *net)
{
    return (size_t)il_lua_integer(L, 2, 1, (lua_Integer)il_net_layers(net),
                               "badIndex", "layer");
}

/* net:get(l) -> W, b as new matrices */
static int n_get(lua_State *L)
{
    il_net *net = self_net(L, "get", "l")->net;
    size_t l = arg_layer(L, net), n = il_net_size(net, l), k = il_net_size(net, l - 1);
    memcpy(il_lua_new_matrix(L, n, k, 0)->data, il_net_cW(net, l), n * k * sizeof(double));
    memcpy(il_lua_new_matrix(L, n, 1, 0)->data, il_net_cb(net, l), n * sizeof(double));
    return 2;
}

/* net:set(l, W, b) */
static int n_set(lua_State *L)
{
    il_net *net = self_net(L, "set", "l, W, b")->net;
    size_t l = arg_layer(L, net);
    matrix *W = luaL_testudata(L, 3, MATRIX), *b = luaL_testudata(L, 4, MATRIX);
    if (!W || !W->data || !b || !b->data)
        il_lua_fail(L, "initlab:badArg: layer %zu %s must be an initlab matrix, got %s",
             l, W && W->data ? "b" : "W", il_lua_kind_of(L, W && W->data ? 4 : 3));
    if (b->rows != 1 && b->cols != 1)
        il_lua_fail(L, "initlab:badSize: layer %zu b must be a vector, got %zux%zu",
             l, b->rows, b->cols);
    check(L, il_net_set_layer(net, l, W->data, W->rows, W->cols, b->data,
                              b->rows * b->cols));
    return 0;
}

static int n_copy(lua_State *L)
{
    il_net *net = self_net(L, "copy", "")->net;
    check(L, il_net_copy(net, &new_box(L)->net));
    return 1;
}

/* net:init(name or list of names [, opts]) -> lsuv trials per layer; no
 * name: "default", what a fresh network gets. */
static int n_init(lua_State *L)
{
    net_box *box = self_net(L, "init", "name, opts");
    size_t Ln = il_net_layers(box->net), l;
    il_init_opts io;
    int h, *trials;
    guard *g;
    il_status st;

    lua_settop(L, 3);
    h = begin(L, IL_CALL_INIT, &g);
    if (lua_isnil(L, 2))
        lua_pushliteral(L, "default");
    set_option(L, h, g, "init", lua_isnil(L, 2) ? -1 : 2);
    set_table(L, h, g, 3, "net:init's options", 0);
    check(L, il_options_init(g->opts, box->net, &io));
    io.lsuv_trials = trials = lua_newuserdatauv(L, (Ln + 1) * sizeof *trials, 0);
    io.interrupt = poll_sigint;
    hold(L, h, 1);
    LONG_CALL(st, il_net_init(box->net, &io));
    check(L, st);
    lua_createtable(L, (int)Ln, 0);
    for (l = 0; l < Ln; l++) {
        lua_pushinteger(L, trials[l]);
        lua_rawseti(L, -2, (lua_Integer)l + 1);
    }
    return 1;
}

/* net:forward(X, keep) -> out [, Z, A as lists of matrices] */
static int n_forward(lua_State *L)
{
    net_box *box = self_net(L, "forward", "X");
    il_net *net = box->net;
    size_t Ln = il_net_layers(net), l;
    matrix *X = arg_batch(L, 2, il_net_size(net, 0), "X", NULL), *out;
    int keep = lua_toboolean(L, 3);
    double **ptr = NULL;
    il_status st;

    lua_settop(L, 3);
    out = il_lua_new_matrix(L, il_net_size(net, Ln), X->cols, 0);
    if (keep) {
        ptr = lua_newuserdatauv(L, 2 * Ln * sizeof *ptr, 0);
        lua_createtable(L, (int)Ln, 0);
        lua_createtable(L, (int)Ln, 0);
        for (l = 1; l <= Ln; l++) {
            ptr[l - 1] = il_lua_new_matrix(L, il_net_size(net, l), X->cols, 0)->data;
            lua_rawseti(L, -3, (lua_Integer)l);
            ptr[Ln + l - 1] = il_lua_new_matrix(L, il_net_size(net, l), X->cols, 0)->data;
            lua_rawseti(L, -2, (lua_Integer)l);
        }
    }
    box->busy++, X->busy++; /* no Lua code runs until they are released */
    st = il_forward(net, X->data, X->cols, out->data, ptr, ptr ? ptr + Ln : NULL);
    box->busy--, X->busy--;
    if (keep)
        lua_remove(L, 5);
    check(L, st);
    return keep ? 3 : 1;
}

/* net:evaluate(X, Y) -> loss, accuracy */
static int n_evaluate(lua_State *L)
{
    il_net *net = self_net(L, "evaluate", "X, Y")->net;
    matrix *X = arg_batch(L, 2, il_net_size(net, 0), "X", NULL);
    matrix *Y = arg_batch(L, 3, il_net_size(net, il_net_layers(net)), "Y", X);
    double loss, acc;
    check(L, il_evaluate(net, X->data, Y->data, X->cols, &loss, &acc));
    lua_pushnumber(L, loss);
    lua_pushnumber(L, acc);
    return 2;
}

/* ---- records ------------------------------------------------------------------ */

/* Whole numbers as Lua integers (iterations, counts), others as floats;
 * -0.0 stays a float, so that its bits survive. */
static void push_number(lua_State *L, double x)
{
    if (x >= -9e18 && x <= 9e18 && x == floor(x) && !(x == 0 && signbit(x)))
        lua_pushinteger(L, (lua_Integer)x);
    else
        lua_pushnumber(L, x);
}

/* The list x[offset + i * stride], i < n. */
static void push_list(lua_State *L, const double *x, size_t n, size_t stride,
                      size_t offset)
{
    size_t i;
    lua_createtable(L, (int)n, 0);
    for (i = 0; i < n; i++) {
        push_number(L, x[offset + i * stride]);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
}

/* Field i of rec laid out as the field table says (ROW, EDGES: [r];
 * LAYERS: [l][r]; LAYER_ITEMS: [l][r][k]; PER_LAYER: [l][r] a matrix), or
 * nothing pushed (0) when rec does not hold it. */
static int push_field(lua_State *L, const il_record *rec, size_t i)
{
    il_shape shape = il_record_field_at(i)->shape;
    size_t d[3], l, r, Lr = il_record_layers(rec);
    int present, per_layer = shape == IL_SHAPE_PER_LAYER;
    double *x;

    if (per_layer)
        lua_createtable(L, (int)Lr, 0);
    for (l = per_layer; l <= (per_layer ? Lr : 0); l++) {
        check(L, il_record_field(rec, i, l, d, NULL, &present));
        if (!present)
            return per_layer ? (lua_pop(L, 1), 0) : 0;
        x = lua_newuserdatauv(L, d[0] * d[1] * d[2] * sizeof *x + 1, 0);
        check(L, il_record_field(rec, i, l, d, x, &present));
        if (shape == IL_SHAPE_ROW || shape == IL_SHAPE_EDGES)
            push_list(L, x, d[0] * d[1] * d[2], 1, 0);
        else
            lua_createtable(L, (int)(per_layer ? d[2] : d[0]), 0);
        for (r = 0; per_layer && r < d[2]; r++) {
            memcpy(il_lua_new_matrix(L, d[0], d[1], (size_t)-1)->data,
                   x + d[0] * d[1] * r, d[0] * d[1] * sizeof *x);
            lua_rawseti(L, -2, (lua_Integer)r + 1);
        }
        for (r = 0; shape == IL_SHAPE_LAYERS && r < d[0]; r++) {
            push_list(L, x, d[1], d[0], r);
            lua_rawseti(L, -2, (lua_Integer)r + 1);
        }
        for (r = 0; shape == IL_SHAPE_LAYER_ITEMS && r < d[0] * d[2]; r++) {
            if (r % d[2] == 0)
                lua_createtable(L, (int)d[2], 0);
            push_list(L, x, d[1], d[0], r / d[2] + d[0] * d[1] * (r % d[2]));
            lua_rawseti(L, -2, (lua_Integer)(r % d[2]) + 1);
            if (r % d[2] == d[2] - 1)
                lua_rawseti(L, -2, (lua_Integer)(r / d[2]) + 1);
        }
        lua_remove(L, -2); /* x */
        if (per_layer)
            lua_rawseti(L, -2, (lua_Integer)l);
    }
    return 1;
}

/* The record as a table; with info, the training results too. */
static void push_record(lua_State *L, const il_record *rec,
                        const il_train_info *info)
{
    size_t i, n = il_record_field_count();
    double x;
    const char *text;
    lua_createtable(L, 0, (int)n);
    for (i = 0; i < n; i++) {
        il_shape shape = il_record_field_at(i)->shape;
        if (shape == IL_SHAPE_SCALAR || shape == IL_SHAPE_STRING) {
            if (!info)
                continue;
            check(L, il_train_field(info, i, &x, &text));
            text ? (void)lua_pushstring(L, text) : push_number(L, x);
        } else if (!push_field(L, rec, i)) {
            continue;
        }
        lua_setfield(L, -2, il_record_field_at(i)->name);
    }
}

/* ---- training and statistics -------------------------------------------------- */

typedef struct {
    lua_State *L;
    int hold;     /* the call's hold table; its "progress" is the callback */
    int callback, print, failed;
    const il_progress *p;
} hook_state;

/* Runs protected, given the hook state and the callback:
 * callback(iter, loss, iters, saturation) -> whether to stop */
static int call_progress(lua_State *L)
{
    const il_progress *p = ((hook_state *)lua_touserdata(L, 1))->p;
    const double *sat = p->rec ? il_record_stat(p->rec, IL_STAT_SATURATION) : NULL;
    size_t R = p->rec ? il_record_count(p->rec) : 0, Lr = R ? il_record_layers(p->rec) : 0;
    lua_pushinteger(L, p->iter);
    lua_pushnumber(L, p->loss);
    lua_pushinteger(L, p->iters);
    if (sat && R)
        push_list(L, sat, Lr, 1, Lr * (R - 1));
    else
        lua_pushnil(L);
    lua_call(L, 4, 1);
    lua_pushboolean(L, lua_isboolean(L, -1) && !lua_toboolean(L, -1));
    return 1;
}

static int progress_hook(void *ctx, const il_progress *p)
{
    hook_state *h = ctx;
    int stop;
    if (h->print) {
        char line[1024];
        il_progress_line(p, line, sizeof line);
        printf("%s\n", line);
        fflush(stdout);
    }
    if (!h->callback || !lua_checkstack(h->L, 8))
        return 0;
    h->p = p;
    lua_pushcfunction(h->L, call_progress);
    lua_pushlightuserdata(h->L, h);
    lua_getfield(h->L, h->hold, "progress"); /* the calling frame is current */
    if (lua_pcall(h->L, 2, 1, 0) != LUA_OK)
        return h->failed = 1; /* its error stays on the stack, raised after */
    stop = lua_toboolean(h->L, -1);
    lua_pop(h->L, 1);
    return stop;
}

/* net:train(X, Y, opts) and net:stats(X [, Y], opts) -> a record table */
static int record_call(lua_State *L, int train)
{
    net_box *box = self_net(L, train ? "train" : "stats", "X, Y, opts");
    il_net *net = box->net;
    matrix *X = arg_batch(L, 2, il_net_size(net, 0), "X", NULL), *Y = NULL;
    il_train_opts t;
    il_record_opts r;
    il_train_info info;
    hook_state hs = {L, 0, 0, 0, 0, NULL};
    guard *g;
    int i;
    il_status st;

    if (train || !lua_isnoneornil(L, 3))
        Y = arg_batch(L, 3, il_net_size(net, il_net_layers(net)), "Y", X);
    lua_settop(L, 4);
    hs.hold = begin(L, train ? IL_CALL_TRAIN : IL_CALL_STATS, &g);
    set_table(L, hs.hold, g, 4, train ? "net:train's options" : "net:stats's options", 0);
    for (i = 1; i <= 3; i++)
        hold(L, hs.hold, i);
    if (!train) {
        check(L, il_options_stats(g->opts, net, &r));
        r.interrupt = poll_sigint;
        LONG_CALL(st, il_net_stats(net, X->data, Y ? Y->data : NULL, X->cols,
                                   &r, &g->rec));
        check(L, st);
        push_record(L, g->rec, NULL);
        return 1;
    }
    check(L, il_options_train(g->opts, net, &t, &r));
    hs.callback = lua_getfield(L, hs.hold, "progress") == LUA_TFUNCTION;
    lua_pop(L, 1);
    il_options_progress(g->opts, &hs.print, &t.hook_every);
    if (t.hook_every > 0) {
        t.hook = progress_hook;
        t.hook_ctx = &hs;
    }
    t.interrupt = poll_sigint;
    luaL_checkstack(L, 10, NULL);
    LONG_CALL(st, il_train(net, X->data, Y->data, X->cols, &t, &r, &g->rec,
                           &info));
    if (hs.failed)
        return lua_error(L); /* the callback's error, as it was */
    check(L, st);
    push_record(L, g->rec, &info);
    return 1;
}

static int n_train(lua_State *L) { return record_call(L, 1); }
static int n_stats(lua_State *L) { return record_call(L, 0); }

/* ---- small things -------------------------------------------------------------- */

/* core.gain(nonlinearity [, param]) -> gain, computed */
static int l_gain(lua_State *L)
{
    il_act act;
    double gain;
    int computed, h;
    guard *g;
    lua_settop(L, 2);
    h = begin(L, IL_CALL_GAIN, &g);
    set_option(L, h, g, "nonlinearity", 1);
    if (!lua_isnil(L, 2))
        set_option(L, h, g, "param", 2);
    check(L, il_options_gain(g->opts, &act));
    check(L, il_gain(act, &gain, &computed));
    lua_pushnumber(L, gain);
    lua_pushboolean(L, computed);
    return 2;
}

/* core.dataset(name [, opts]) -> X, labels (0-based) */
static int l_dataset(lua_State *L)
{
    il_dataset_kind kind;
    il_dataset_opts d;
    size_t n, j;
    uint64_t seed;
    matrix *X, *Y, *labels;
    guard *g;
    int h;
    il_status st;

    lua_settop(L, 2);
    h = begin(L, IL_CALL_DATASET, &g);
    set_option(L, h, g, "name", 1);
    set_table(L, h, g, 2, "il.dataset's options", 0);
    check(L, il_options_dataset(g->opts, &kind, &n, &d, &seed));
    X = il_lua_new_matrix(L, 2, n, d.max_bytes);
    Y = il_lua_new_matrix(L, il_dataset_target_rows(d.classes), n, d.max_bytes);
    labels = il_lua_new_matrix(L, 1, n, d.max_bytes);
    d.interrupt = poll_sigint;
    LONG_CALL(st, il_dataset(kind, n, &d, seed, X->data, labels->data));
    check(L, st);
    check(L, il_dataset_targets(labels->data, n, d.classes, Y->data));
    for (j = 0; j < n; j++) /* Lua counts from 1 */
        labels->data[j] += 1;
    return 3;
}

/* core.options(call) -> the engine's options of a call ("net", "init",
 * "train", "stats", "dataset", "gain"), for docs and tests: a list of
 * {name, alias, type, min, max, min_open, max_open, max_len, names,
 * default, doc} */
static int l_options(lua_State *L)
{
    static const char *const types[] = {"number", "count", "seed", "bool",
        "name", "names", "vector", "matrix", "matrices", "names_or_number",
        "function"};
    il_call call = IL_CALL_NET;
    size_t i;
    check(L, il_call_from_name(lua_tostring(L, 1), &call));
    lua_createtable(L, (int)il_option_count(call), 0);
    for (i = 0; i < il_option_count(call); i++) {
        const il_option_info *r = il_option_at(call, i);
        lua_createtable(L, 0, 11);
        lua_pushstring(L, r->name), lua_setfield(L, -2, "name");
        lua_pushstring(L, r->alias), lua_setfield(L, -2, "alias");
        lua_pushstring(L, types[r->type]), lua_setfield(L, -2, "type");
        lua_pushnumber(L, r->min), lua_setfield(L, -2, "min");
        lua_pushnumber(L, r->max), lua_setfield(L, -2, "max");
        lua_pushboolean(L, r->min_open), lua_setfield(L, -2, "min_open");
        lua_pushboolean(L, r->max_open), lua_setfield(L, -2, "max_open");
        lua_pushinteger(L, (lua_Integer)r->max_len), lua_setfield(L, -2, "max_len");
        lua_pushstring(L, r->names), lua_setfield(L, -2, "names");
        lua_pushstring(L, r->default_text), lua_setfield(L, -2, "default");
        lua_pushstring(L, r->doc), lua_setfield(L, -2, "doc");
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    return 1;
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

static const luaL_Reg net_methods[] = {
    {"info", n_info},         {"get", n_get},     {"set", n_set},
    {"copy", n_copy},         {"init", n_init},   {"forward", n_forward},
    {"evaluate", n_evaluate}, {"train", n_train}, {"stats", n_stats},
    {"close", il_lua_close},       {NULL, NULL}};
static const luaL_Reg net_meta[] = {
    {"__gc", il_lua_close}, {"__close", il_lua_close}, {NULL, NULL}};
static const luaL_Reg guard_meta[] = {
    {"__gc", g_close}, {"__close", g_close}, {NULL, NULL}};
static const luaL_Reg functions[] = {
    {"matrix", il_lua_matrix},   {"net", l_net},         {"gain", l_gain},
    {"dataset", l_dataset}, {"options", l_options}, {"clock", l_clock},
    {NULL, NULL}};

static void new_type(lua_State *L, const char *name, const luaL_Reg *meta,
                     const luaL_Reg *methods)
{
    luaL_newmetatable(L, name);
    luaL_setfuncs(L, meta, 0);
    if (methods) {
        lua_newtable(L);
        luaL_setfuncs(L, methods, 0);
        lua_setfield(L, -2, "__index");
    }
    lua_pop(L, 1);
}

int luaopen_initlab_core(lua_State *L)
{
    new_type(L, GUARD, guard_meta, NULL);
    il_lua_open_matrix(L);
    new_type(L, NET, net_meta, net_methods);
    luaL_newlib(L, functions);
    lua_pushstring(L, IL_VERSION);
    lua_setfield(L, -2, "version");
    return 1;
}
