#!/bin/sh
# The parity suite: the same seeded experiment in C and in Octave must give
# bit-identical numbers, quantity by quantity (one test each).
# Usage: sh tests/parity/run.sh BUILD_DIR
set -u
build=$1
root=$(cd "$(dirname "$0")/../.." && pwd)
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$build/tests/parity_experiment" > "$dir/c.txt" || { echo "not ok - the C experiment failed"; }
sh "$root/tools/octave-run" "addpath('$(cd "$build" && pwd)/octave'); \
    addpath('$root/octave'); run('$root/tests/parity/experiment.m')" > "$dir/octave.txt" \
    || echo "not ok - the Octave experiment failed"
passed=0
failed=0
while read -r name rest; do
    other=$(grep "^$name " "$dir/octave.txt" | head -n 1)
    if [ "$name $rest" = "$other" ]; then
        passed=$((passed + 1))
        echo "ok - $name: C and Octave agree bit for bit ($(echo "$rest" | wc -w) numbers)"
    else
        failed=$((failed + 1))
        echo "not ok - $name differs between C and Octave"
        echo "#   C:      $(echo "$rest" | cut -c1-120)"
        echo "#   Octave: $(echo "$other" | cut -d' ' -f2- | cut -c1-120)"
    fi
done < "$dir/c.txt"
[ "$passed" -gt 20 ] || { echo "not ok - too few quantities compared"; failed=$((failed + 1)); }
echo "# parity: $passed ok, $failed not ok"
