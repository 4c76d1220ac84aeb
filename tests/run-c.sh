#!/bin/sh
# Runs C test binaries; prints their lines and one "# c: N ok, M not ok" total.
passed=0; failed=0
for t in "$@"; do
    out=$("$t" 2>&1); rc=$?
    printf '%s\n' "$out"
    line=$(printf '%s\n' "$out" | grep -E '^# .*: [0-9]+ ok, [0-9]+ not ok$' | tail -n 1)
    if [ -z "$line" ]; then
        echo "not ok - $t ended without its summary (exit $rc)"
        failed=$((failed + 1)); continue
    fi
    p=$(printf '%s' "$line" | sed -E 's/.*: ([0-9]+) ok, ([0-9]+) not ok$/\1/')
    f=$(printf '%s' "$line" | sed -E 's/.*: ([0-9]+) ok, ([0-9]+) not ok$/\2/')
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
        echo "not ok - $t exited $rc"; f=1
    fi
    passed=$((passed + p)); failed=$((failed + f))
done
echo "# c: $passed ok, $failed not ok"
