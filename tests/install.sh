#!/bin/sh
# make install into a throwaway root, then use what it installed: a C
# program built through pkg-config (static and shared) and the Lua module
# found on lua5.4's own paths under that prefix.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
. "$root/tests/tap.sh"
prefix=$dir/usr
make -s -C "$root" install PREFIX="$prefix" > "$dir/log" 2>&1
check "make install PREFIX=..." $?
cat > "$dir/prog.c" <<'PROG'
#include <stdio.h>
#include <initlab.h>
int main(void)
{
    size_t sizes[] = {2, 3, 1};
    il_act acts[2];
    il_net *net;
    double g;
    acts[0] = il_act_make(IL_TANH);
    acts[1] = il_act_make(IL_SIGMOID);
    if (il_net_new(&net, 2, sizes, acts, IL_LOSS_BCE) != IL_OK) return 1;
    il_gain(acts[0], &g, NULL);
    printf("%s %zu %.4f\n", IL_VERSION, il_net_size(net, 1), g);
    il_net_free(net);
    return 0;
}
PROG
export PKG_CONFIG_PATH="$prefix/lib/pkgconfig"
# shellcheck disable=SC2046
cc -std=c11 "$dir/prog.c" $(pkg-config --cflags initlab) -L"$prefix/lib" \
    -Wl,-Bstatic -linitlab -Wl,-Bdynamic $(pkg-config --libs-only-l --static initlab | sed 's/-linitlab//') \
    -o "$dir/static" 2>>"$dir/log" && "$dir/static" | grep -q "^0.1.0 3 1.6667$"
check "a C program links the installed static library through pkg-config" $?
# shellcheck disable=SC2046
cc -std=c11 "$dir/prog.c" $(pkg-config --cflags --libs initlab) -o "$dir/shared" 2>>"$dir/log" \
    && LD_LIBRARY_PATH="$prefix/lib" "$dir/shared" | grep -q "^0.1.0 3 1.6667$"
check "and the installed shared library" $?
LUA_PATH="$prefix/share/lua/5.4/?.lua;;" LUA_CPATH="$prefix/lib/lua/5.4/?.so;;" lua5.4 -e '
local il = require "initlab"
local net = il.net{2, 3, 1, act = {"tanh", "sigmoid"}}
assert(il.gain("tanh") == 5 / 3 and select(2, net:forward(il.matrix(2, 4)):size()) == 4)
' 2>>"$dir/log"
check "require \"initlab\" from the installed Lua paths" $?
# the rock installs every Lua file of the module, and the library make lua builds
missing=""
for f in "$root"/lua/initlab.lua "$root"/lua/initlab/*.lua; do
    grep -q "\"${f#"$root/"}\"" "$root"/initlab-*.rockspec || missing="$missing ${f#"$root/"}"
done
[ -z "$missing" ] && grep -q '"build/lua/initlab/core.so"' "$root"/initlab-*.rockspec
check "the rockspec installs every module file${missing:+ (missing:$missing)}" $?
[ "$failed" -eq 0 ] || sed 's/^/# /' "$dir/log" | tail -10
summary install
