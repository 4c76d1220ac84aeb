/*
 * matrix.c - initlab.matrix, the Lua module's matrix userdata: column-major
 * doubles, 1-based to Lua, with a busy count held while a call uses it.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "initlab.h"
#include "lua_core.h"

/* A rows x cols matrix of zeros, refused past cap bytes (0: the engine's
 * default cap). */
matrix *il_lua_new_matrix(lua_State *L, size_t rows, size_t cols, size_t cap)
{
    matrix *m = lua_newuserdatauv(L, sizeof *m, 0);
    size_t n = rows * cols, most = cap ? cap : il_default_max_bytes();
    memset(m, 0, sizeof *m);
    luaL_setmetatable(L, MATRIX);
    if (rows && cols > ((size_t)-1 / sizeof(double)) / rows)
        il_lua_fail(L, "initlab:tooBig: a %zux%zu matrix does not fit in memory",
             rows, cols);
    if (n > (1u << 17) && n * sizeof(double) > most)
        il_lua_fail(L, "initlab:tooBig: a %zux%zu matrix needs %.1f MB, more than "
             "the cap of %.1f MB", rows, cols, (double)n * 8e-6, most / 1e6);
    if ((m->data = calloc(n ? n : 1, sizeof(double))) == NULL)
        il_lua_fail(L, "initlab:noMemory: out of memory for a %zux%zu matrix", rows,
             cols);
    m->rows = rows;
    m->cols = cols;
    return m;
}

static matrix *self_matrix(lua_State *L, const char *method)
{
    matrix *m = luaL_testudata(L, 1, MATRIX);
    if (!m)
        il_lua_fail(L, "initlab:badArg: call m:%s(...) with a colon (m.%s(...) "
             "passes no matrix)", method, method);
    if (!m->data)
        il_lua_fail(L, "initlab:badArg: the matrix has been closed");
    return m;
}

matrix *il_lua_rows(lua_State *L, int idx, il_status *st, char why[80])
{
    size_t i, j, rows = (size_t)lua_rawlen(L, idx), cols = 0;
    matrix *m;
    idx = lua_absindex(L, idx);
    if (lua_rawgeti(L, idx, 1) == LUA_TTABLE)
        cols = (size_t)lua_rawlen(L, -1);
    lua_pop(L, 1);
    m = il_lua_new_matrix(L, rows, cols, 0);
    *st = IL_OK;
    for (i = 0; i < rows && *st == IL_OK; i++, lua_pop(L, 1)) {
        if (lua_rawgeti(L, idx, (lua_Integer)i + 1) != LUA_TTABLE)
            snprintf(why, 80, "row %zu must be a table of numbers, got %s", i + 1,
                     il_lua_kind_of(L, -1)), *st = IL_EBADARG;
        else if ((size_t)lua_rawlen(L, -1) != cols)
            snprintf(why, 80, "row %zu has %zu numbers, row 1 has %zu", i + 1,
                     (size_t)lua_rawlen(L, -1), cols), *st = IL_EBADSIZE;
        for (j = 0; *st == IL_OK && j < cols; j++, lua_pop(L, 1)) {
            int t = lua_rawgeti(L, -1, (lua_Integer)j + 1);
            if (t == LUA_TNUMBER || t == LUA_TBOOLEAN) /* true, false: 1, 0 */
                m->data[i + j * rows] = t == LUA_TNUMBER ? lua_tonumber(L, -1)
                                                          : lua_toboolean(L, -1);
            else
                snprintf(why, 80, "entry (%zu,%zu) must be a number, got %s",
                         i + 1, j + 1, il_lua_kind_of(L, -1)), *st = IL_EBADARG;
        }
    }
    if (*st != IL_OK)
        lua_pop(L, 1);
    return *st == IL_OK ? m : NULL;
}

/* matrix(rows, cols [, fill]) or matrix{{1, 2}, {3, 4}} (a table of rows) */
int il_lua_matrix(lua_State *L)
{
    matrix *m;
    size_t i, rows, cols = 0;
    il_status st;
    char why[80];
    if (lua_type(L, 1) != LUA_TTABLE || strcmp(il_lua_kind_of(L, 1), "a table") != 0) {
        if (lua_type(L, 1) != LUA_TNUMBER)
            il_lua_fail(L, "initlab:badArg: il.matrix takes (rows, cols [, fill]) "
                 "or a table of rows, got %s", il_lua_kind_of(L, 1));
        rows = (size_t)il_lua_integer(L, 1, 0, LUA_MAXINTEGER, "badSize", "rows");
        cols = (size_t)il_lua_integer(L, 2, 0, LUA_MAXINTEGER, "badSize", "cols");
        if (!lua_isnoneornil(L, 3))
            il_lua_number(L, 3, "fill");
        m = il_lua_new_matrix(L, rows, cols, 0);
        for (i = 0; !lua_isnoneornil(L, 3) && i < rows * cols; i++)
            m->data[i] = lua_tonumber(L, 3);
        return 1;
    }
    lua_settop(L, 1);
    if (!il_lua_rows(L, 1, &st, why))
        il_lua_fail(L, "%s: %s", il_status_id(st), why);
    return 1;
}

/* m:get(i, j) and m:set(i, j, v): entry (i, j), 1-based */
static int m_entry(lua_State *L, int set)
{
    matrix *m = self_matrix(L, set ? "set" : "get");
    lua_Integer i = il_lua_integer(L, 2, 1, (lua_Integer)m->rows, "badIndex", "row index");
    lua_Integer j = il_lua_integer(L, 3, 1, (lua_Integer)m->cols, "badIndex", "column index");
    double *x = &m->data[(size_t)(i - 1) + m->rows * (size_t)(j - 1)];
    if (set)
        *x = il_lua_number(L, 4, "the value");
    else
        lua_pushnumber(L, *x);
    return !set;
}

static int m_get(lua_State *L) { return m_entry(L, 0); }
static int m_set(lua_State *L) { return m_entry(L, 1); }

static int m_size(lua_State *L)
{
    matrix *m = self_matrix(L, "size");
    lua_pushinteger(L, (lua_Integer)m->rows);
    lua_pushinteger(L, (lua_Integer)m->cols);
    return 2;
}

static int m_len(lua_State *L)
{
    return lua_pushinteger(L, (lua_Integer)self_matrix(L, "len")->rows), 1;
}

static int m_totable(lua_State *L)
{
    matrix *m = self_matrix(L, "totable");
    size_t i, j;
    lua_createtable(L, (int)m->rows, 0);
    for (i = 0; i < m->rows; i++, lua_rawseti(L, -2, (lua_Integer)i)) {
        lua_createtable(L, (int)m->cols, 0);
        for (j = 0; j < m->cols; j++) {
            lua_pushnumber(L, m->data[i + j * m->rows]);
            lua_rawseti(L, -2, (lua_Integer)j + 1);
        }
    }
    return 1;
}

/* Like Octave's disp: integers as integers, otherwise 5 significant digits,
 * columns right-aligned. */
static int m_tostring(lua_State *L)
{
    matrix *m = luaL_testudata(L, 1, MATRIX);
    luaL_Buffer b;
    size_t i, j, n = m && m->data ? m->rows * m->cols : 0;
    int integers = 1, width = 1;
    char cell[64];
    if (!m || !m->data)
        return lua_pushstring(L, "(closed matrix)"), 1;
    for (i = 0; i < n; i++)
        if (m->data[i] != floor(m->data[i]) || fabs(m->data[i]) > 1e15)
            integers = 0;
    for (i = 0; i < n; i++) {
        int w = snprintf(cell, sizeof cell, integers ? "%.0f" : "%.5g", m->data[i]);
        width = w > width ? w : width;
    }
    luaL_buffinit(L, &b);
    if (n == 0) {
        snprintf(cell, sizeof cell, "[](%zux%zu)", m->rows, m->cols);
        luaL_addstring(&b, cell);
    }
    for (i = 0; n && i < m->rows; i++) {
        for (j = 0; j < m->cols; j++) {
            snprintf(cell, sizeof cell, integers ? "   %*.0f" : "   %*.5g", width,
                     m->data[i + j * m->rows]);
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

/* m:hex() - the IEEE bits of every element (column-major) as 16 hex digits,
 * for exact comparisons across languages. */
static int m_hex(lua_State *L)
{
    matrix *m = self_matrix(L, "hex");
    luaL_Buffer b;
    size_t i;
    char word[20];
    unsigned long long bits;
    luaL_buffinit(L, &b);
    for (i = 0; i < m->rows * m->cols; i++) {
        memcpy(&bits, &m->data[i], sizeof bits);
        snprintf(word, sizeof word, "%s%016llx", i ? " " : "", bits);
        luaL_addstring(&b, word);
    }
    luaL_pushresult(&b);
    return 1;
}

static const luaL_Reg matrix_methods[] = {
    {"get", m_get},         {"set", m_set}, {"size", m_size},
    {"totable", m_totable}, {"hex", m_hex}, {"close", il_lua_close},
    {NULL, NULL}};
static const luaL_Reg matrix_meta[] = {
    {"__len", m_len}, {"__tostring", m_tostring}, {"__eq", m_eq},
    {"__gc", il_lua_close}, {"__close", il_lua_close},      {NULL, NULL}};

void il_lua_open_matrix(lua_State *L)
{
    luaL_newmetatable(L, MATRIX);
    luaL_setfuncs(L, matrix_meta, 0);
    lua_newtable(L);
    luaL_setfuncs(L, matrix_methods, 0);
    lua_setfield(L, -2, "__index");
    lua_pop(L, 1);
}
