#!/bin/sh
# The parity suite: the same seeded experiment in C, in Octave and in Lua
# must give bit-identical numbers, quantity by quantity (one test for each
# quantity and language).
# Usage: sh tests/parity/run.sh BUILD_DIR
set -u
build=$1
root=$(cd "$(dirname "$0")/../.." && pwd)
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
export IL_PARITY_DIR="$dir"
"$build/tests/parity_experiment" > "$dir/c.txt" || { echo "not ok - the C experiment failed"; }
sh "$root/tools/octave-run" "addpath('$(cd "$build" && pwd)/octave', \
    '$root/octave'); run('$root/tests/parity/experiment.m')" > "$dir/octave.txt" \
    || echo "not ok - the Octave experiment failed"
LUA_PATH="$root/lua/?.lua;;" LUA_CPATH="$(cd "$build" && pwd)/lua/?.so;;" \
    lua5.4 "$root/tests/parity/experiment.lua" "$dir/net.txt" > "$dir/lua.txt" \
    || echo "not ok - the Lua experiment failed"
# the network Lua saved, as Octave loads it
sh "$root/tools/octave-run" "load('$dir/net.txt'); for l = 1:3, \
    h = cellstr (num2hex (net.W{l}(:))); printf ('trained_W%d %s\n', l, strjoin (h', ' ')); end" \
    > "$dir/saved.txt" || echo "not ok - Octave could not load the network Lua saved"
passed=0
failed=0
for language in octave lua; do
    while read -r name rest; do
        other=$(grep "^$name " "$dir/$language.txt" | head -n 1)
        if [ "$name $rest" = "$other" ]; then
            passed=$((passed + 1))
            echo "ok - $name: C and $language agree bit for bit ($(echo "$rest" | wc -w) numbers)"
        else
            failed=$((failed + 1))
            echo "not ok - $name differs between C and $language"
            echo "#   C:         $(echo "$rest" | cut -c1-100)"
            echo "#   $language: $(echo "$other" | cut -d' ' -f2- | cut -c1-100)"
        fi
    done < "$dir/c.txt"
done
for l in 1 2 3; do
    if [ "$(grep "^trained_W$l " "$dir/c.txt")" = "$(grep "^trained_W$l " "$dir/saved.txt")" ]; then
        passed=$((passed + 1))
        echo "ok - layer $l W saved by Lua and loaded by Octave is bit-identical"
    else
        failed=$((failed + 1))
        echo "not ok - layer $l W changed on its way from Lua's net:save to Octave's load"
    fi
done
for kind in weights hist; do
    for language in octave lua; do
        if [ -s "$dir/c_$kind.gif" ] && cmp -s "$dir/c_$kind.gif" "$dir/${language}_$kind.gif"; then
            passed=$((passed + 1))
            echo "ok - the $kind animation: C and $language write the same bytes"
        else
            failed=$((failed + 1))
            echo "not ok - the $kind animation differs between C and $language"
        fi
    done
done
if [ -s "$dir/octave_report.html" ] && cmp -s "$dir/octave_report.html" "$dir/lua_report.html"; then
    passed=$((passed + 1))
    echo "ok - the run report: Octave and Lua write the same bytes"
else
    failed=$((failed + 1))
    echo "not ok - the run report differs between Octave and Lua"
fi
[ "$passed" -gt 40 ] || { echo "not ok - too few quantities compared"; failed=$((failed + 1)); }
echo "# parity: $passed ok, $failed not ok"
