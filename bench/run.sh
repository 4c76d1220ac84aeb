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
    printf('octave_us_per_iter %.3f\noctave_final_loss %.17g\n', us, loss);" \
    2>/dev/null > "$dir/octave.txt" || true
e=$(value engine_us_per_iter "$dir/engine.txt")
r=$(value engine_recording_us_per_iter "$dir/engine.txt")
el=$(value engine_final_loss "$dir/engine.txt")
o=$(value octave_us_per_iter "$dir/octave.txt")
ol=$(value octave_final_loss "$dir/octave.txt")
awk -v e="$e" -v r="$r" -v o="$o" -v el="$el" -v ol="$ol" 'BEGIN {
    printf "  plain Octave loop        %8.2f us/iter\n", o
    printf "  engine (C)               %8.2f us/iter   speed-up %.1fx   (target >= 10x)\n", e, o / e
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
