#!/bin/sh
# make bench: every benchmark in one run, printed as ratios measured side by
# side on this machine.  The measurements alternate over several rounds and
# each keeps its best, so that a change in the machine's speed part way
# (virtual machines have them) does not tilt a ratio.  The single-threaded
# measurements all run on the same CPU: the two virtual CPUs of a machine
# need not be equally fast (here one was 35% slower than the other).
# Each target line reads: the measure, the two times, their ratio, the
# target, and "met" or "NOT met"; the summary at the end counts them.
# NumPy and PyTorch times are references (what a user would compare with);
# PyTorch is skipped when /usr/bin/python3 cannot import torch.
# Usage: sh bench/run.sh BUILD_DIR [ROUNDS]
set -eu
build=$(cd "${1:-build}" && pwd)
rounds=${2:-3}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
python=/usr/bin/python3

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

# The awk functions every report below uses.  target(label, what_a, a,
# what_b, b, unit, ratio, op, goal, goal_text) prints one target line and
# counts it; rel(a, b) is |a - b| / |b|.
AWKLIB='
function target(label, wa, a, wb, b, unit, ratio, op, goal, text,   ok) {
    if (a == "" || b == "") {
        printf "  %-40s  not measured (a program failed)   (target %s)   NOT met\n", label, text
        print "NOT" >> summary
        return
    }
    ok = (op == "<=") ? ratio <= goal : ratio >= goal
    printf "  %-40s  %s %.4g %s, %s %.4g %s: %s   (target %s)   %s\n", label, wa, a, unit, wb, b, unit, \
        ratio_text, text, ok ? "met" : "NOT met"
    print (ok ? "met" : "NOT") >> summary
}
function rel(a, b,   d) { d = a - b; if (d < 0) d = -d; if (b < 0) b = -b; return b ? d / b : d }
'
summary="$dir/summary"
: > "$summary"

# One BLAS thread for the coursework comparison: its products are too small
# for threads, and on a pinned CPU an idle BLAS worker woken by Octave's own
# matrix work spins beside the thread being timed.
cpu=
pin="env OPENBLAS_NUM_THREADS=1"
if command -v taskset > /dev/null 2>&1; then
    cpu=$(taskset -pc $$ | sed 's/.*: *//; s/[-,].*//')
    pin="$pin taskset -c $cpu"
fi
if $python -c 'import torch' > /dev/null 2>&1; then
    torch=yes
else
    torch=
fi
# PyTorch's OpenMP threads: passive waiting, so that its idle workers do not
# spin beside the thread being timed (the policy is printed with its times).
torch_env="env OMP_WAIT_POLICY=PASSIVE"

echo "== coursework model: [2 10 5 1] relu/relu/sigmoid, 300 samples, 15000 iterations"
echo "   ($rounds rounds, alternating C, NumPy, Octave, Lua and the ex4 shape, all on one CPU"
echo "   with 1 BLAS thread; the best of each)"
r=1
while [ "$r" -le "$rounds" ]; do
    $pin "$build/bench/coursework" "$dir" > "$dir/engine.$r"
    $pin $python "$here/numpy_models.py" coursework "$dir" 15000 0.01 > "$dir/numpy.$r" 2>/dev/null || true
    if [ -n "$torch" ]; then
        $pin $torch_env $python "$here/torch_models.py" coursework "$dir" 15000 0.01 1 \
            > "$dir/torch.$r" 2>/dev/null || true
    fi
    $pin sh "$root/tools/octave-run" "addpath('$here'); addpath('$build/octave', '$root/octave'); \
        [us, loss] = coursework_plain('$dir', 15000, 0.01); \
        printf('octave_us_per_iter %.3f\noctave_final_loss %.17g\n', us, loss); \
        [us, loss] = coursework_student('$dir', 15000, 0.01); \
        printf('student_us_per_iter %.3f\nstudent_final_loss %.17g\n', us, loss); \
        [us, loss, fw, hw, fd] = octave_engine('$dir', 15000, 0.01); \
        printf('mex_us_per_iter %.3f\nmex_final_loss %.17g\nforward_us %.3f\nhand_forward_us %.3f\nforward_diff %.3g\n', \
               us, loss, fw, hw, fd);" \
        > "$dir/octave.$r" 2>/dev/null || true
    LUA_PATH="$root/lua/?.lua;;" LUA_CPATH="$build/lua/?.so;;" \
        $pin lua5.4 "$here/lua_engine.lua" "$dir" 15000 > "$dir/lua.$r" 2>/dev/null || true
    $pin "$build/bench/ex4" > "$dir/ex4.$r"
    r=$((r + 1))
done
awk -v summary="$summary" \
    -v e="$(best engine_us_per_iter "$dir"/engine.*)" \
    -v rec="$(best engine_recording_us_per_iter "$dir"/engine.*)" \
    -v rec1="$(best engine_recording1_us_per_iter "$dir"/engine.*)" \
    -v el="$(last engine_final_loss "$dir"/engine.*)" \
    -v erl="$(last engine_recording_final_loss "$dir"/engine.*)" \
    -v erl1="$(last engine_recording1_final_loss "$dir"/engine.*)" \
    -v o="$(best octave_us_per_iter "$dir"/octave.*)" \
    -v ol="$(last octave_final_loss "$dir"/octave.*)" \
    -v s="$(best student_us_per_iter "$dir"/octave.*)" \
    -v sl="$(last student_final_loss "$dir"/octave.*)" \
    -v x="$(best mex_us_per_iter "$dir"/octave.*)" \
    -v xl="$(last mex_final_loss "$dir"/octave.*)" \
    -v fw="$(best forward_us "$dir"/octave.*)" \
    -v hw="$(best hand_forward_us "$dir"/octave.*)" \
    -v fd="$(last forward_diff "$dir"/octave.*)" \
    -v lu="$(best lua_us_per_iter "$dir"/lua.*)" \
    -v ll="$(last lua_final_loss "$dir"/lua.*)" \
    -v lf="$(best lua_forward_us "$dir"/lua.*)" \
    -v np="$(best numpy_us_per_iter "$dir"/numpy.*)" \
    -v npl="$(last numpy_final_loss "$dir"/numpy.*)" \
    -v te="$(best torch_eager_us_per_iter "$dir"/torch.*)" \
    -v tel="$(last torch_eager_final_loss "$dir"/torch.*)" \
    -v tj="$(best torch_jit_us_per_iter "$dir"/torch.*)" \
    -v tjl="$(last torch_jit_final_loss "$dir"/torch.*)" \
    -v torch="$torch" \
    -v x4="$(best ex4_us_per_iter "$dir"/ex4.*)" \
    -v x4r="$(best ex4_recording_us_per_iter "$dir"/ex4.*)" \
    -v x4l="$(last ex4_final_loss "$dir"/ex4.*)" \
    -v x4rl="$(last ex4_recording_final_loss "$dir"/ex4.*)" "$AWKLIB"'BEGIN {
    printf "  plain Octave, as the coursework structures it (functions,\n"
    printf "    a parameter struct, the cost every iteration)   %8.2f us/iter\n", s
    printf "  plain Octave, one lean vectorized loop             %8.2f us/iter\n", o
    printf "  NumPy, as the deeplearning.ai notebook writes it   %8.2f us/iter   (1 BLAS thread)\n", np
    if (torch == "")
        printf "  PyTorch: skipped (/usr/bin/python3 cannot import torch; a reference, not a dependency)\n"
    else {
        printf "  PyTorch float64, eager      %8.2f us/iter   (torch.set_num_threads(1), OMP_WAIT_POLICY=PASSIVE)\n", te
        if (tj != "")
            printf "  PyTorch float64, jit.script %8.2f us/iter   (torch.set_num_threads(1), OMP_WAIT_POLICY=PASSIVE)\n", tj
        else
            printf "  PyTorch torch.jit.script: failed, no time\n"
    }
    printf "  engine (C)                             %8.2f us/iter\n", e
    printf "  engine, recording every statistic every 10 iterations %8.2f us/iter\n", rec
    printf "  engine, recording every statistic every iteration     %8.2f us/iter\n", rec1
    printf "  il_train from Octave                   %8.2f us/iter\n", x
    printf "  net:train from Lua                     %8.2f us/iter\n", lu
    printf "  net:forward, tiny net from Lua         %8.2f us/call\n", lf
    printf " targets:\n"
    ratio_text = sprintf("%.2fx", rec / e)
    target("recording every 10 iters vs none", "recording", rec, "none", e, "us/iter", rec / e, "<=", 1.10, "<= 1.10x")
    ratio_text = sprintf("%.2fx", rec1 / e)
    target("recording every iteration vs none", "recording", rec1, "none", e, "us/iter", rec1 / e, "<=", 2.0, "<= 2.0x")
    ratio_text = sprintf("%.3fx", x4r / x4)
    target("ex4 [400 25 10], 5000: rec/10 vs none", "recording", x4r / 1000, "none", x4 / 1000, "ms/iter", x4r / x4, "<=", 1.15, "<= 1.15x")
    ratio_text = sprintf("%.1fx", s / e)
    target("engine vs coursework-structured Octave", "engine", e, "Octave", s, "us/iter", s / e, ">=", 10, ">= 10x")
    ratio_text = sprintf("%.1fx", o / e)
    target("engine vs the lean plain-Octave loop", "engine", e, "Octave", o, "us/iter", o / e, ">=", 20, ">= 20x")
    ratio_text = sprintf("%.1fx", np / e)
    target("engine vs NumPy as the notebook writes it", "engine", e, "NumPy", np, "us/iter", np / e, ">=", 15, ">= 15x")
    ratio_text = sprintf("%.2fx", x / e)
    target("il_train from Octave vs the C engine", "Octave", x, "C", e, "us/iter", x / e, "<=", 1.2, "<= 1.2x")
    ratio_text = sprintf("%.2fx", lu / e)
    target("net:train from Lua vs the C engine", "Lua", lu, "C", e, "us/iter", lu / e, "<=", 1.2, "<= 1.2x")
    ratio_text = sprintf("%.2fx (%+.2f us)", fw / hw, fw - hw)
    target("tiny il_forward vs by hand, Octave", "il_forward", fw, "by hand", hw, "us/call", fw / hw, "<=", 1.0, "not slower: <= 1.00x")
    ratio_text = sprintf("%.2f us", fw)
    target("tiny il_forward from Octave, absolute", "il_forward", fw, "limit", 5, "us/call", fw, "<=", 5, "<= 5 us; was < 20 us")
    printf " correctness (the same start, final losses):\n"
    printf "  engine %.12g; relative difference: plain Octave %.1e, coursework Octave %.1e, NumPy %.1e\n", \
        el, rel(ol, el), rel(sl, el), rel(npl, el)
    if (torch != "")
        printf "  PyTorch eager %.1e, jit %s\n", rel(tel, el), tjl == "" ? "-" : sprintf("%.1e", rel(tjl, el))
    if (xl != el) printf "  WARNING: il_train from Octave ended at loss %s, the C engine at %s\n", xl, el
    if (ll != el) printf "  WARNING: Lua ended at loss %s, the C engine at %s\n", ll, el
    if (erl != el || erl1 != el) printf "  WARNING: recording changed the final loss: %s, %s, none %s\n", erl, erl1, el
    if (x4rl != x4l) printf "  WARNING: recording changed the ex4 final loss: %s vs %s\n", x4rl, x4l
    printf "  tiny forward: il_forward and the hand-written pass differ by at most %s\n", fd
}'

echo "== per-sample time at batch 1024 vs batch 1000: [784 1000 10] tanh/softmax (one CPU, 1 BLAS thread)"
$pin "$build/bench/batch" > "$dir/batch.txt"
awk -v summary="$summary" \
    -v a="$(best batch1024_us_per_sample "$dir/batch.txt")" \
    -v b="$(best batch1000_us_per_sample "$dir/batch.txt")" "$AWKLIB"'BEGIN {
    ratio_text = sprintf("%.3fx", a / b)
    target("batch 1024 vs batch 1000, per sample", "1024", a, "1000", b, "us/sample", a / b, "<=", 1.05, "within 5%")
    if (a / b < 0.95) printf "  (1024 is more than 5%% faster per sample than 1000)\n"
}'

echo "== wide model: [784 1000 1000 1000 10] tanh/softmax, mini-batch 256"
echo "   (engine and dgemm on the engine's own GEMM shapes, one iteration's products, in turn,"
echo "   at 1 and 2 BLAS threads; the best of 4 blocks of 10 iterations each)"
"$build/bench/wide" "$dir" > "$dir/wide.txt"
env OPENBLAS_NUM_THREADS=2 $python "$here/numpy_models.py" wide "$dir" 10 > "$dir/numpy_wide.txt" 2>/dev/null || true
if [ -n "$torch" ]; then
    $torch_env $python "$here/torch_models.py" wide "$dir" 10 2 > "$dir/torch_wide.txt" 2>/dev/null || true
fi
awk -v summary="$summary" -v torch="$torch" \
    -v e1="$(best wide1_ms_per_iter "$dir/wide.txt")" \
    -v g1="$(best wide1_engine_gflops "$dir/wide.txt")" \
    -v d1="$(best wide1_dgemm_ms_per_iter "$dir/wide.txt")" \
    -v e2="$(best wide2_ms_per_iter "$dir/wide.txt")" \
    -v g2="$(best wide2_engine_gflops "$dir/wide.txt")" \
    -v d2="$(best wide2_dgemm_ms_per_iter "$dir/wide.txt")" \
    -v el="$(last wide_final_loss "$dir/wide.txt")" \
    -v ni="$(last wide_numpy_iters "$dir/wide.txt")" \
    -v np="$(best numpy_wide_ms_per_iter "$dir/numpy_wide.txt")" \
    -v npl="$(last numpy_wide_final_loss "$dir/numpy_wide.txt")" \
    -v tw="$(best torch_wide_ms_per_iter "$dir"/torch_wide.txt)" \
    -v twl="$(last torch_wide_final_loss "$dir"/torch_wide.txt)" "$AWKLIB"'BEGIN {
    printf "  engine, 1 thread   %7.1f ms/iter (%.1f GFLOP/s in its products)\n", e1, g1
    printf "  engine, 2 threads  %7.1f ms/iter (%.1f GFLOP/s)\n", e2, g2
    printf "  NumPy, 2 threads   %7.1f ms/iter (OPENBLAS_NUM_THREADS=2; a reference, run after the engine, not in turn)\n", np
    if (torch == "")
        printf "  PyTorch: skipped (/usr/bin/python3 cannot import torch)\n"
    else
        printf "  PyTorch float64, eager %7.1f ms/iter (torch.set_num_threads(2), OMP_WAIT_POLICY=PASSIVE)\n", tw
    printf " targets:\n"
    ratio_text = sprintf("%.0f%% of dgemm", 100 * d1 / e1)
    target("engine vs dgemm on its shapes, 1 thread", "engine", e1, "dgemm", d1, "ms/iter", 100 * d1 / e1, ">=", 92, ">= 92%")
    ratio_text = sprintf("%.0f%% of dgemm", 100 * d2 / e2)
    target("engine vs dgemm on its shapes, 2 threads", "engine", e2, "dgemm", d2, "ms/iter", 100 * d2 / e2, ">=", 90, ">= 90%")
    printf " correctness (the same start, %s in-order mini-batches, loss on all the data):\n", ni
    printf "  engine %.12g; relative difference: NumPy %.1e", el, rel(npl, el)
    if (torch != "") printf ", PyTorch %.1e", rel(twl, el)
    printf "\n"
}'
awk '$1 == "met" { m++ } $1 == "NOT" { n++ } END {
    printf "== targets: %d met, %d NOT met\n", m, n }' "$summary"
