#!/bin/sh
# make test: builds and runs every suite, then adds their counts into the
# one closing line CI reads: "N passed, M failed".  A suite that does not
# build or ends without its "# <suite>: N ok, M not ok" line counts as one
# failure.
set -u
cd "$(dirname "$0")/.." || exit 2
passed=0
failed=0

suite() {
    name=$1
    shift
    echo "=== $name"
    started=$(date +%s)
    out=$("$@" 2>&1)
    rc=$?
    printf '%s\n' "$out"
    # Elapsed time per suite, so the 10-minute CI budget shows where it goes.
    echo "# $name took $(( $(date +%s) - started )) s"
    line=$(printf '%s\n' "$out" | grep -E '^# [^ ]+: [0-9]+ ok, [0-9]+ not ok$' | tail -n 1)
    if [ -z "$line" ]; then
        echo "not ok - suite $name ended without a summary (exit $rc)"
        failed=$((failed + 1))
        return
    fi
    p=$(printf '%s' "$line" | sed -E 's/.*: ([0-9]+) ok, ([0-9]+) not ok$/\1/')
    f=$(printf '%s' "$line" | sed -E 's/.*: ([0-9]+) ok, ([0-9]+) not ok$/\2/')
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
        echo "not ok - suite $name exited $rc"
        f=1
    fi
    passed=$((passed + p))
    failed=$((failed + f))
}

if [ "${SANITIZE:-}" = 1 ]; then
    # Modules built with AddressSanitizer cannot load into an uninstrumented
    # Octave or Lua, so this mode runs the C tests only (plain make test
    # runs them with and without the sanitizers).
    suite c-sanitized make -s test-c
else
    suite c make -s test-c
    suite octave make -s test-octave
    suite lua make -s test-lua
    suite lua-leaks make -s test-lua-leaks
    suite parity make -s test-parity
    suite conformance make -s test-conformance
    suite docs make -s test-docs
    suite browser make -s test-browser
    suite numpy make -s test-numpy
    suite lessons make -s test-lessons
    suite notebooks make -s test-notebooks
    suite interrupt make -s test-interrupt
    suite package make -s test-package
    suite install sh tests/install.sh
    # The same C tests under AddressSanitizer and UndefinedBehaviorSanitizer.
    suite c-sanitized make -s test-c SANITIZE=1
    suite fuzz make -s test-fuzz
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
