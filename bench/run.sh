#!/bin/sh
# make bench: every benchmark in one run, printed as ratios measured side by
# side on this machine.  Usage: sh bench/run.sh BUILD_DIR
set -eu
build=${1:-build}
here=$(cd "$(dirname "$0")" && pwd)
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

value() { sed -n "s/^$1 //p" "$2"; }

echo "== coursework model: [2 10 5 1] relu/relu/sigmoid, 300 samples, 15000 iterations"
"$build/bench/coursework" "$dir" > "$dir/engine.txt"
octave-cli --no-gui --quiet --norc --eval "addpath('$here'); \
    [us, loss] = coursework_plain('$dir', 15000, 0.01); \
    printf('octave_us_per_iter %.3f\noctave_final_loss %.17g\n', us, loss); \
    [us, loss] = coursework_student('$dir', 15000, 0.01); \
    printf('student_us_per_iter %.3f\nstudent_final_loss %.17g\n', us, loss);" \
    2>/dev/null > "$dir/octave.txt" || true
octave-cli --no-gui --quiet --norc --eval "addpath('$here'); \
    addpath('$(cd "$build" && pwd)/octave'); addpath('$here/../octave'); \
    [us, loss, fw] = octave_engine('$dir', 15000, 0.01); \
    printf('mex_us_per_iter %.3f\nmex_final_loss %.17g\nforward_us %.2f\n', us, loss, fw);" \
    2>/dev/null > "$dir/mex.txt" || true
e=$(value engine_us_per_iter "$dir/engine.txt")
r=$(value engine_recording_us_per_iter "$dir/engine.txt")
el=$(value engine_final_loss "$dir/engine.txt")
o=$(value octave_us_per_iter "$dir/octave.txt")
ol=$(value octave_final_loss "$dir/octave.txt")
s=$(value student_us_per_iter "$dir/octave.txt")
LUA_PATH="$here/../lua/?.lua;;" LUA_CPATH="$(cd "$build" && pwd)/lua/?.so;;" \
    lua5.4 "$here/lua_engine.lua" "$dir" 15000 > "$dir/lua.txt" 2>/dev/null || true
lu=$(value lua_us_per_iter "$dir/lua.txt")
ll=$(value lua_final_loss "$dir/lua.txt")
lf=$(value lua_forward_us "$dir/lua.txt")
x=$(value mex_us_per_iter "$dir/mex.txt")
xl=$(value mex_final_loss "$dir/mex.txt")
fw=$(value forward_us "$dir/mex.txt")
awk -v e="$e" -v r="$r" -v o="$o" -v s="$s" -v el="$el" -v ol="$ol" -v x="$x" -v xl="$xl" -v fw="$fw" \
    -v lu="$lu" -v ll="$ll" -v lf="$lf" 'BEGIN {
    printf "  plain Octave, as the coursework structures it (functions,\n"
    printf "    a parameter struct, the cost every iteration) %8.2f us/iter\n", s
    printf "  plain Octave, one lean vectorized loop          %8.2f us/iter\n", o
    printf "  engine (C)               %8.2f us/iter   speed-up %.1fx over the coursework code, %.1fx over the lean loop   (target >= 10x)\n", e, s / e, o / e
    printf "  il_train from Octave     %8.2f us/iter   speed-up %.1fx / %.1fx, %.2fx the C time   (targets >= 10x, <= 1.2x)\n", x, s / x, o / x, x / e
    printf "  il_forward on a tiny net %8.2f us/call   (target < 20 us)\n", fw
    printf "  net:train from Lua       %8.2f us/iter   %.2fx the C time   (target <= 1.2x)\n", lu, lu / e
    printf "  net:forward on a tiny net%8.2f us/call from Lua\n", lf
    if (ll != el) printf "  WARNING: Lua ended at loss %s, the C engine at %s\n", ll, el
    if (xl != el) printf "  WARNING: il_train from Octave ended at loss %s, the C engine at %s\n", xl, el
    printf "  engine, all statistics\n"
    printf "    recorded every 10 its  %8.2f us/iter   overhead %.2fx   (target <= 1.5x)\n", r, r / e
    d = el - ol; if (d < 0) d = -d
    printf "  final loss: engine %.12g, Octave %.12g, relative difference %.1e\n", el, ol, d / ol
}'
echo "== wide model: [784 1000 1000 1000 10] tanh/softmax, mini-batch 256"
"$build/bench/wide" > "$dir/wide.txt"
awk -v g="$(value wide_engine_gflops "$dir/wide.txt")" \
    -v d="$(value dgemm_gflops "$dir/wide.txt")" \
    -v ms="$(value wide_ms_per_iter "$dir/wide.txt")" 'BEGIN {
    printf "  engine %.1f GFLOP/s (%.1f ms/iter), dgemm %.1f GFLOP/s: %.0f%% of dgemm   (target >= 60%%)\n", g, ms, d, 100 * g / d
}'
