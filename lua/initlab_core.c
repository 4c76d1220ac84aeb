/*
 * initlab_core.c - the Lua 5.4 binding of the engine, `require
 * "initlab.core"`; lua/initlab.lua builds the friendly API on it.
 *
 * A generic gateway that names no command and no option: core.call(name,
 * nresults, arguments..., options) hands each Lua value to the engine's
 * command (src/command.c) as an il_value, which checks it against the
 * engine's tables; results come back by their kind, records by walking the
 * engine's field table.
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
    il_command *cmd;
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
    il_command_free(g->cmd);
    g->cmd = NULL;
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
static int begin(lua_State *L, const char *name, guard **g)
{
    *g = lua_newuserdatauv(L, sizeof **g, 1);
    memset(*g, 0, sizeof **g);
    luaL_setmetatable(L, GUARD);
    lua_toclose(L, -1);
    lua_newtable(L);
    lua_pushvalue(L, -1);
    lua_setiuservalue(L, -3, 1);
    check(L, il_command_new(name, &(*g)->cmd));
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

/* A table of rows, as il.matrix takes it (X = {{0.5, 1}, {2, 3}}, Y =
 * {{true, false}}): the matrix it stands for, kept in the hold table h;
 * NULL when the table at idx is something else (a list of names, of
 * matrices ...), *ragged set when only its rows' lengths differ. */
static matrix *rows_of(lua_State *L, int idx, int h, int *ragged)
{
    int top = lua_gettop(L);
    il_status st = IL_OK;
    char why[80];
    matrix *m = NULL;
    if (lua_rawgeti(L, idx, 1) == LUA_TTABLE && !lua_getmetatable(L, -1) &&
        sequence_length(L, idx) > 0 && (m = il_lua_rows(L, idx, &st, why)))
        hold(L, h, -1);
    lua_settop(L, top);
    *ragged = st == IL_EBADSIZE;
    return m;
}

/* The Lua value at idx as an il_value; *x holds its number.  A list's
 * storage, and every matrix and network read, go to the hold table h. */
static void to_value(lua_State *L, int idx, il_value *v, double *x, int h,
                     const char *name, int depth)
{
    matrix *m = luaL_testudata(L, idx, MATRIX);
    net_box *box;
    lua_Integer n, i;
    int ragged = 0;
    idx = lua_absindex(L, idx);
    if (!m && lua_type(L, idx) == LUA_TTABLE && depth <= 4)
        m = rows_of(L, idx, h, &ragged);
    memset(v, 0, sizeof *v);
    v->kind = lua_isnoneornil(L, idx) ? IL_VAL_NONE : IL_VAL_OTHER;
    v->host_type = ragged ? "a table of rows of different lengths"
                          : il_lua_kind_of(L, idx);
    if (m && !m->data)
        il_lua_fail(L, "initlab:badArg: %s is a closed matrix", name);
    if (ragged)
        return;
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
        lua_pushvalue(L, idx);
        lua_setfield(L, h, "fn"); /* the progress function, for the hook */
    } else if (strcmp(v->host_type, "a network") == 0) {
        if (lua_type(L, idx) == LUA_TTABLE) /* initlab.lua's: its _core */
            lua_getfield(L, idx, "_core");
        else
            lua_pushvalue(L, idx);
        box = lua_touserdata(L, -1);
        if (!box->net)
            il_lua_fail(L, "initlab:badArg: the network has been closed");
        hold(L, h, -1);
        lua_pop(L, 1);
        v->kind = IL_VAL_NET;
        v->net = box->net;
    } else if (lua_type(L, idx) == LUA_TTABLE) {
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

/* Hands the Lua value at idx to the command: the next positional argument
 * (name NULL), or option name. */
static void pass(lua_State *L, int h, guard *g, const char *name, int idx)
{
    il_value v;
    double x;
    int top = lua_gettop(L);
    il_status st;
    to_value(L, idx, &v, &x, h, name ? name : "the argument", 0);
    st = name ? il_command_option(g->cmd, name, &v) : il_command_arg(g->cmd, &v);
    lua_settop(L, top);
    check(L, st);
}

/* Every name = value pair of the option table at t (nil: none). */
static void set_table(lua_State *L, int h, guard *g, int t)
{
    if (lua_isnoneornil(L, t))
        return;
    if (!lua_istable(L, t))
        il_lua_fail(L, "initlab:badArg: the options must be a table, got %s",
                    il_lua_kind_of(L, t));
    for (lua_pushnil(L); lua_next(L, t); lua_pop(L, 1)) {
        if (lua_type(L, -2) == LUA_TSTRING)
            pass(L, h, g, lua_tostring(L, -2), -1);
        else
            il_lua_fail(L, "initlab:badOption: the options must be name = value "
                        "pairs; got a value at key %s",
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
            lua_pushnumber(L, il_net_act_param(net, l));
            lua_rawseti(L, -2, (lua_Integer)l);
        }
    }
    lua_pushstring(L, il_loss_name(il_net_loss(net)));
    return 4;
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

/* ---- one call ---------------------------------------------------------------- */

typedef struct {
    lua_State *L;
    int hold;     /* the call's hold table; its "fn" is the progress function */
    int failed;
    const il_progress *p;
} hook_state;

static void print_line(void *ctx, const char *line)
{
    (void)ctx;
    printf("%s\n", line);
    fflush(stdout);
}

/* Runs protected, given the hook state and the function:
 * fn(iter, loss, iters, saturation) -> whether to stop */
static int call_progress(lua_State *L)
{
    const il_progress *p = ((hook_state *)lua_touserdata(L, 1))->p;
    lua_pushinteger(L, p->iter);
    lua_pushnumber(L, p->loss);
    lua_pushinteger(L, p->iters);
    if (p->saturation)
        push_list(L, p->saturation, p->layers, 1, 0);
    else
        lua_pushnil(L);
    lua_call(L, 4, 1);
    lua_pushboolean(L, lua_isboolean(L, -1) && !lua_toboolean(L, -1));
    return 1;
}

static int progress(void *ctx, const il_progress *p)
{
    hook_state *h = ctx;
    int stop;
    if (!lua_checkstack(h->L, 8))
        return 0;
    h->p = p;
    lua_pushcfunction(h->L, call_progress);
    lua_pushlightuserdata(h->L, h);
    lua_getfield(h->L, h->hold, "fn"); /* the calling frame is current */
    if (lua_pcall(h->L, 2, 1, 0) != LUA_OK)
        return h->failed = 1; /* its error stays on the stack, raised after */
    stop = lua_toboolean(h->L, -1);
    lua_pop(h->L, 1);
    return stop;
}

/* A FIELDS result as a table: numbers, strings and matrices by name. */
static void push_fields(lua_State *L, const il_command *cmd)
{
    size_t i, rows, cols, n = il_command_field_count(cmd);
    const double *data;
    const char *text, *name;
    int is_matrix;
    lua_createtable(L, 0, (int)n);
    for (i = 0; i < n; i++) {
        name = il_command_field(cmd, i, &text, &data, &rows, &cols, &is_matrix);
        if (text)
            lua_pushstring(L, text);
        else if (!is_matrix)
            lua_pushnumber(L, data[0]);
        else
            memcpy(il_lua_new_matrix(L, rows, cols, (size_t)-1)->data, data,
                   rows * cols * sizeof *data);
        lua_setfield(L, -2, name);
    }
}

/* core.call(name, nresults, arguments..., options) -> the command's
 * results: matrices are made before it runs, for the engine to fill. */
static int l_call(lua_State *L)
{
    hook_state hs = {L, 0, 0, NULL};
    il_host host = {NULL, poll_sigint, progress, print_line};
    int top = lua_gettop(L), i, k, n, first, given;
    lua_Integer want = il_lua_integer(L, 2, 1, 3, "badArg", "nresults");
    size_t item, rows, cols;
    const il_train_info *info;
    const il_record *rec;
    guard *g;
    il_status st;

    host.ctx = &hs;
    hs.hold = begin(L, luaL_checkstring(L, 1), &g);
    for (i = 3; i <= top && (size_t)(i - 3) < il_command_positional(g->cmd); i++)
        pass(L, hs.hold, g, NULL, i);
    if (i < top)
        il_lua_fail(L, "initlab:badArg: %s takes %s", lua_tostring(L, 1),
                    il_command_usage(g->cmd));
    if (i == top)
        set_table(L, hs.hold, g, i);
    check(L, il_command_prepare(g->cmd, (size_t)want));
    n = (int)il_command_results(g->cmd);
    luaL_checkstack(L, n + 20, NULL);
    first = lua_gettop(L) + 1;
    for (k = 0; k < n; k++) {
        il_res_kind kind = il_command_result_kind(g->cmd, k);
        if (kind == IL_RES_MATRICES)
            lua_createtable(L, (int)il_command_items(g->cmd, k), 0);
        for (item = 0; (kind == IL_RES_MATRIX || kind == IL_RES_MATRICES) &&
                       item < il_command_items(g->cmd, k); item++) {
            il_command_dims(g->cmd, k, item, &rows, &cols);
            il_command_bind(g->cmd, k, item,
                            il_lua_new_matrix(L, rows, cols, (size_t)-1)->data);
            if (kind == IL_RES_MATRICES)
                lua_rawseti(L, -2, (lua_Integer)item + 1);
        }
        if (kind != IL_RES_MATRIX && kind != IL_RES_MATRICES)
            lua_pushnil(L);
    }
    LONG_CALL(st, il_command_run(g->cmd, &host));
    if (hs.failed)
        return lua_error(L); /* the progress function's error, as it was */
    check(L, st);
    for (k = 0; k < n; k++) {
        switch (il_command_result_kind(g->cmd, k)) {
        case IL_RES_NUMBER: lua_pushnumber(L, il_command_number(g->cmd, k)); break;
        case IL_RES_BOOL: lua_pushboolean(L, il_command_number(g->cmd, k) != 0); break;
        case IL_RES_TEXT: lua_pushstring(L, il_command_text(g->cmd, k)); break;
        case IL_RES_FIELDS: push_fields(L, g->cmd); break;
        case IL_RES_NET:
            il_command_net(g->cmd, &given);
            if (given)
                lua_pushvalue(L, 3);
            else
                new_box(L)->net = il_command_take_net(g->cmd);
            break;
        case IL_RES_RECORD:
            rec = il_command_record(g->cmd, &info);
            push_record(L, rec, info);
            break;
        default:
            continue;
        }
        lua_replace(L, first + k);
    }
    return n;
}

/* core.options(call) -> the engine's options of a call ("net", "init",
 * "train", "stats", "dataset", "gain"), for docs and tests: a list of
 * {name, alias, type, min, max, min_open, max_open, max_len, names,
 * default, doc} */
static int l_options(lua_State *L)
{
    il_call call = IL_CALL_NET;
    size_t i;
    check(L, il_call_from_name(lua_tostring(L, 1), &call));
    lua_createtable(L, (int)il_option_count(call), 0);
    for (i = 0; i < il_option_count(call); i++) {
        const il_option_info *r = il_option_at(call, i);
        lua_createtable(L, 0, 11);
        lua_pushstring(L, r->name), lua_setfield(L, -2, "name");
        lua_pushstring(L, r->alias), lua_setfield(L, -2, "alias");
        lua_pushstring(L, il_type_name(r->type)), lua_setfield(L, -2, "type");
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

/* core.plots() -> the engine's plot kinds, a list of records, and the
 * figure rules: cells converted as the engine describes them */
static int l_plots(lua_State *L)
{
    size_t i, k;
    double x;
    const char *name;
    lua_createtable(L, (int)il_plot_count(), 0);
    for (i = 0; i < il_plot_count(); i++) {
        lua_createtable(L, 0, (int)il_plot_columns());
        for (k = 0; k < il_plot_columns(); k++) {
            il_cell c = il_plot_cell(i, k);
            if (c.kind == IL_CELL_TEXT)
                lua_pushstring(L, c.text);
            else if (c.kind == IL_CELL_FLAG)
                lua_pushboolean(L, c.number != 0);
            else
                lua_pushnumber(L, c.number);
            lua_setfield(L, -2, il_plot_column(k));
        }
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    lua_createtable(L, 0, (int)il_plot_rules());
    for (k = 0; (name = il_plot_rule(k, &x)) != NULL; k++)
        lua_pushnumber(L, x), lua_setfield(L, -2, name);
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

static const luaL_Reg net_methods[] = {
    {"info", n_info}, {"close", il_lua_close}, {NULL, NULL}};
static const luaL_Reg net_meta[] = {
    {"__gc", il_lua_close}, {"__close", il_lua_close}, {NULL, NULL}};
static const luaL_Reg guard_meta[] = {
    {"__gc", g_close}, {"__close", g_close}, {NULL, NULL}};
static const luaL_Reg functions[] = {
    {"matrix", il_lua_matrix}, {"call", l_call}, {"options", l_options},
    {"plots", l_plots}, {"clock", l_clock}, {NULL, NULL}};

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
