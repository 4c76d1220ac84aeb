#!/bin/sh
# The Lua module under valgrind: every error path (leaks.lua) and the
# generated bad-input suite (bad_inputs.lua), each with no definite leak
# and no invalid access.  Usage: sh tests/lua/leaks.sh BUILD_DIR
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "$1" && pwd)
log=$(mktemp)
passed=0; failed=0
for script in leaks bad_inputs; do
    (cd "$root" && LUA_PATH="$root/lua/?.lua;$root/tests/lua/?.lua;;" LUA_CPATH="$build/lua/?.so;;" \
        OPENBLAS_NUM_THREADS=1 valgrind --suppressions="$root/tests/lua/valgrind.supp" \
        --leak-check=full --errors-for-leak-kinds=definite --error-exitcode=3 \
        lua5.4 "$root/tests/lua/$script.lua") > "$log" 2>&1
    status=$?
    done_line=$(grep "$script.lua done" "$log")
    counts=${done_line#*done}; counts=${counts#: }
    if [ -n "$done_line" ] && { [ "$status" -eq 0 ] || [ "$status" -eq 3 ]; }; then
        passed=$((passed + 1)); echo "ok - $script.lua ran under valgrind${counts:+ ($counts)}"
    else
        failed=$((failed + 1)); echo "not ok - $script.lua did not finish cleanly (exit $status)"
        grep -E "^not ok|lua5.4:" "$log" | head -20 | sed 's/^/# /'; tail -5 "$log" | sed 's/^/# /'
    fi
    if [ "$status" -ne 3 ] && ! grep -qE "ERROR SUMMARY: [1-9]" "$log"; then
        passed=$((passed + 1)); echo "ok - $script.lua: valgrind finds no definite leak and no invalid access"
    else
        failed=$((failed + 1)); echo "not ok - $script.lua: valgrind reported errors"
        grep -E "definitely lost|Invalid|uninitialised" "$log" | head -10 | sed 's/^/# /'
    fi
    grep -E "definitely lost:" "$log" | sed "s/^==[0-9]*== */# $script: /"
done
rm -f "$log"
echo "# lua-leaks: $passed ok, $failed not ok"
