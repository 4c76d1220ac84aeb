#!/bin/sh
# make bench: every benchmark in one run, printed as ratios measured side by
# side on this machine.  The measurements alternate over several rounds and
# each keeps its best, so that a change in the machine's speed part way
# (virtual machines have them) does not tilt a ratio.  The single-threaded
# measurements all run on the same CPU: the two virtual CPUs of a machine
# need not be equally fast (here one was 35% slower than the other).
# Usage: sh bench/run.sh BUILD_DIR [ROUNDS]
set -eu
build=$(cd "${1:-build}" && pwd)
rounds=${2:-3}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

# The smallest value of KEY over every file given.
best() {
    key=$1
    shift
    cat "$@" 2>/dev/null | awk -v k="$key" '$1 == k && (m == "" || $2 < m) { m = $2 } END { print m }'
}
# The last value of KEY (for quantities that do not vary: final losses).
last() {
    key=$1
    shift
    cat "$@" 2>/dev/null | awk -v k="$key" '$1 == k { v = $2 } END { print v }'
}

# One BLAS thread for the coursework comparison: its products are too small
# for threads, and on a pinned CPU an idle BLAS worker woken by Octave's own
# matrix work spins beside the thread being timed.
pin="env OPENBLAS_NUM_THREADS=1"
if command -v taskset > /dev/null 2>&1; then
    pin="$pin taskset -c $(taskset -pc $$ | sed 's/.*: *//; s/[-,].*//')"
fi

echo "== coursework model: [2 10 5 1] relu/relu/sigmoid, 300 samples, 15000 iterations"
echo "   ($rounds rounds, alternating C, Octave and Lua, all on one CPU; the best of each)"
r=1
while [ "$r" -le "$rounds" ]; do
    $pin "$build/bench/coursework" "$dir" > "$dir/engine.$r"
    $pin sh "$root/tools/octave-run" "addpath('$here'); addpath('$build/octave', '$root/octave'); \
        [us, loss] = coursework_plain('$dir', 15000, 0.01); \
        printf('octave_us_per_iter %.3f\noctave_final_loss %.17g\n', us, loss); \
        [us, loss] = coursework_student('$dir', 15000, 0.01); \
        printf('student_us_per_iter %.3f\nstudent_final_loss %.17g\n', us, loss); \
        [us, loss, fw] = octave_engine('$dir', 15000, 0.01); \
        printf('mex_us_per_iter %.3f\nmex_final_loss %.17g\nforward_us %.2f\n', us, loss, fw);" \
        > "$dir/octave.$r" 2>/dev/null || true
    LUA_PATH="$root/lua/?.lua;;" LUA_CPATH="$build/lua/?.so;;" \
        $pin lua5.4 "$here/lua_engine.lua" "$dir" 15000 > "$dir/lua.$r" 2>/dev/null || true
    r=$((r + 1))
done
awk -v e="$(best engine_us_per_iter "$dir"/engine.*)" \
    -v rec="$(best engine_recording_us_per_iter "$dir"/engine.*)" \
    -v el="$(last engine_final_loss "$dir"/engine.*)" \
    -v o="$(best octave_us_per_iter "$dir"/octave.*)" \
    -v ol="$(last octave_final_loss "$dir"/octave.*)" \
    -v s="$(best student_us_per_iter "$dir"/octave.*)" \
    -v x="$(best mex_us_per_iter "$dir"/octave.*)" \
    -v xl="$(last mex_final_loss "$dir"/octave.*)" \
    -v fw="$(best forward_us "$dir"/octave.*)" \
    -v lu="$(best lua_us_per_iter "$dir"/lua.*)" \
    -v ll="$(last lua_final_loss "$dir"/lua.*)" \
    -v lf="$(best lua_forward_us "$dir"/lua.*)" 'BEGIN {
    printf "  plain Octave, as the coursework structures it (functions,\n"
    printf "    a parameter struct, the cost every iteration)   %8.2f us/iter\n", s
    printf "  plain Octave, one lean vectorized loop             %8.2f us/iter\n", o
    printf "  engine (C)                 %8.2f us/iter   speed-up %.1fx over the coursework code, %.1fx over the lean loop   (target >= 10x)\n", e, s / e, o / e
    printf "  il_train from Octave       %8.2f us/iter   speed-up %.1fx / %.1fx, %.2fx the C time   (targets >= 10x, <= 1.2x)\n", x, s / x, o / x, x / e
    printf "  net:train from Lua         %8.2f us/iter   %.2fx the C time   (target <= 1.2x)\n", lu, lu / e
    printf "  il_forward, tiny net       %8.2f us/call from Octave   (target < 20 us)\n", fw
    printf "  net:forward, tiny net      %8.2f us/call from Lua\n", lf
    printf "  engine recording every statistic every 10 iterations\n"
    printf "                             %8.2f us/iter   overhead %.2fx   (target <= 1.5x)\n", rec, rec / e
    d = el - ol; if (d < 0) d = -d
    printf "  final loss: engine %.12g, plain Octave %.12g, relative difference %.1e\n", el, ol, d / ol
    if (xl != el) printf "  WARNING: il_train from Octave ended at loss %s, the C engine at %s\n", xl, el
    if (ll != el) printf "  WARNING: Lua ended at loss %s, the C engine at %s\n", ll, el
}'

echo "== wide model: [784 1000 1000 1000 10] tanh/softmax, mini-batch 256"
"$build/bench/wide" > "$dir/wide.txt"
awk -v g="$(best wide_engine_gflops "$dir/wide.txt")" \
    -v d="$(best dgemm_gflops "$dir/wide.txt")" \
    -v ms="$(best wide_ms_per_iter "$dir/wide.txt")" 'BEGIN {
    printf "  engine %.1f GFLOP/s (%.1f ms/iter), dgemm %.1f GFLOP/s: %.0f%% of dgemm   (target >= 60%%)\n", g, ms, d, 100 * g / d
}'
