/*
 * lua_core.h - what the Lua module's two files share: the userdata types,
 * the error helper that raises at the user's line, and argument readers.
 * Not installed; the module's only public symbol is luaopen_initlab_core.
 */
#ifndef IL_LUA_CORE_H
#define IL_LUA_CORE_H

#include <stddef.h>

#include "lauxlib.h"
#include "lua.h"

#define MATRIX "initlab.matrix"
#define NET "initlab.net"

typedef struct {
    int busy;     /* calls running with it (first, as in net_box) */
    size_t rows, cols;
    double *data; /* NULL once closed */
} matrix;

typedef struct {
    int busy;
    il_net *net;  /* NULL once closed */
} net_box;

#if defined(__GNUC__)
#define IL_LUA_NORETURN __attribute__((noreturn, format(printf, 2, 3)))
#else
#define IL_LUA_NORETURN
#endif

/* Raises "file:line: initlab:id: message" at the user's line (never returns). */
void il_lua_fail(lua_State *L, const char *fmt, ...) IL_LUA_NORETURN;
/* What the value at idx is, for messages: "a table", "a closed matrix"... */
const char *il_lua_kind_of(lua_State *L, int idx);
double il_lua_number(lua_State *L, int idx, const char *what);
/* A whole number in lo..hi, else initlab:<id>. */
lua_Integer il_lua_integer(lua_State *L, int idx, lua_Integer lo,
                           lua_Integer hi, const char *id, const char *what);
/* A rows x cols matrix of zeros on the stack, refused past cap bytes (0: the
 * engine's default cap). */
matrix *il_lua_new_matrix(lua_State *L, size_t rows, size_t cols, size_t cap);
/* The table of rows at idx (numbers; true and false as 1 and 0) as a new
 * matrix on the stack; or NULL, nothing pushed, *st IL_EBADSIZE (rows of
 * different lengths) or IL_EBADARG (a row or an entry of another type) and
 * why[] saying which. */
matrix *il_lua_rows(lua_State *L, int idx, il_status *st, char why[80]);
/* il.matrix(rows, cols [, fill]) or il.matrix{{...}, ...} */
int il_lua_matrix(lua_State *L);
/* close, __gc and __close of both types: safe twice, refused while busy. */
int il_lua_close(lua_State *L);
/* Registers the matrix metatable. */
void il_lua_open_matrix(lua_State *L);

#endif
