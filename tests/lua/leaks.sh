#!/bin/sh
# The Lua module's error paths under valgrind: no definite leak, no invalid
# access.  Usage: sh tests/lua/leaks.sh BUILD_DIR
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "$1" && pwd)
log=$(mktemp)
LUA_PATH="$root/lua/?.lua;;" LUA_CPATH="$build/lua/?.so;;" OPENBLAS_NUM_THREADS=1 \
    valgrind --suppressions="$root/tests/lua/valgrind.supp" --leak-check=full --errors-for-leak-kinds=definite --error-exitcode=3 \
    lua5.4 "$root/tests/lua/leaks.lua" > "$log" 2>&1
status=$?
passed=0; failed=0
if grep -q "leaks.lua done" "$log"; then
    passed=$((passed + 1)); echo "ok - every error path of the Lua module ran under valgrind"
else
    failed=$((failed + 1)); echo "not ok - leaks.lua did not finish"; tail -20 "$log" | sed 's/^/# /'
fi
if [ "$status" -eq 0 ]; then
    passed=$((passed + 1)); echo "ok - valgrind: no definite leak and no invalid access"
else
    failed=$((failed + 1)); echo "not ok - valgrind reported errors (exit $status)"
    grep -E "definitely lost|Invalid|uninitialised" "$log" | head -10 | sed 's/^/# /'
fi
grep -E "definitely lost:" "$log" | sed 's/^==[0-9]*== */# /'
rm -f "$log"
echo "# lua-leaks: $passed ok, $failed not ok"
