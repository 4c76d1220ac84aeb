#!/bin/sh
# The Busted specs, counted from their TAP output.
# Usage: sh tests/lua/run.sh BUILD_DIR
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "$1" && pwd)
cd "$root" || exit 2
out=$(LUA_PATH="$root/lua/?.lua;;" LUA_CPATH="$build/lua/?.so;;" \
      busted --lua=lua5.4 --cpath="$build/lua/?.so" -o TAP 2>&1)
printf '%s\n' "$out"
passed=$(printf '%s\n' "$out" | grep -c '^ok ')
failed=$(printf '%s\n' "$out" | grep -c '^not ok ')
[ "$passed" -gt 0 ] || failed=$((failed + 1))
echo "# lua: $passed ok, $failed not ok"
