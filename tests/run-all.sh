#!/bin/sh
# make test: builds and runs every suite, then adds their counts into the
# one closing line CI reads: "N passed, M failed".  A suite that does not
# build or ends without its "# <suite>: N ok, M not ok" line counts as one
# failure.
#
# The machines have two cores and most suites use one, so after one build
# of what they share the suites run in two lanes side by side; each
# suite's output is kept apart and printed whole, in the order below, with
# the seconds it took.
set -u
cd "$(dirname "$0")/.." || exit 2
passed=0
failed=0
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# name, then the command that runs the suite
run_suite() {
    name=$1
    shift
    started=$(date +%s)
    "$@" > "$out/$name.log" 2>&1
    echo $? > "$out/$name.rc"
    echo $(( $(date +%s) - started )) > "$out/$name.seconds"
}

report() {
    name=$1
    echo "=== $name"
    cat "$out/$name.log"
    rc=$(cat "$out/$name.rc")
    echo "# $name took $(cat "$out/$name.seconds") s"
    line=$(grep -E '^# [^ ]+: [0-9]+ ok, [0-9]+ not ok$' "$out/$name.log" | tail -n 1)
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
    run_suite c-sanitized make -s test-c
    report c-sanitized
else
    echo "=== build"
    if ! make -s test-build > "$out/build.log" 2>&1; then
        tail -n 40 "$out/build.log"
        echo "not ok - make test-build"
        echo "$passed passed, 1 failed"
        exit 1
    fi
    # Two lanes of about equal length (the seconds each suite prints).
    (
        # notebooks uses the pages lessons publishes: it comes after it
        run_suite lessons make -s test-lessons
        run_suite notebooks make -s test-notebooks
        run_suite interrupt make -s test-interrupt
        run_suite parity make -s test-parity
        run_suite package make -s test-package
        run_suite install sh tests/install.sh
        run_suite docs make -s test-docs
    ) &
    (
        run_suite octave make -s test-octave
        run_suite numpy make -s test-numpy
        run_suite c make -s test-c
        run_suite lua make -s test-lua
        run_suite lua-leaks make -s test-lua-leaks
        run_suite conformance make -s test-conformance
        run_suite browser make -s test-browser
        # The same C tests under AddressSanitizer and UndefinedBehaviorSanitizer.
        run_suite c-sanitized make -s test-c SANITIZE=1
        run_suite fuzz make -s test-fuzz
    ) &
    wait
    for name in c octave lua lua-leaks parity conformance docs browser numpy \
                lessons notebooks interrupt package install c-sanitized fuzz; do
        report "$name"
    done
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
