#!/bin/sh
# The lessons as tests: runs every examples/octave/lesson[0-9]*.m and
# examples/lua/lesson[0-9]*.lua, counts the claims each prints ("ok - ..." /
# "not ok - ..."), and checks that each ran to its end (exit status 0),
# made its figures, and finished within a minute.  The Octave lessons run
# once, through publish, into BUILD_DIR/notebooks: their claims are read
# from the pages, which make notebooks (and its test) then uses as they are.
# Usage: sh tests/lessons/run.sh BUILD_DIR
set -u
build=$(cd "$1" && pwd)
root=$(cd "$(dirname "$0")/../.." && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
. "$root/tests/tap.sh"
# One BLAS thread: these matrices are small, and a second thread only
# spins (it made lesson 5 half again as slow on the 2-core machines).
export OPENBLAS_NUM_THREADS=1

count_claims() { # language, name, status: the claims in $out/log, counted
    grep -E '^(ok|not ok) - ' "$out/log" > "$out/$1-$2.claims"
    sed "s/^\(ok\|not ok\) - /\1 - $1 $2: /" "$out/$1-$2.claims"
    passed=$((passed + $(grep -c '^ok - ' "$out/$1-$2.claims")))
    failed=$((failed + $(grep -c '^not ok - ' "$out/$1-$2.claims")))
    if [ "$3" -ne 0 ]; then
        sed 's/^/#   /' "$out/log" | tail -n 15
    fi
    check "$1 $2 runs to its end" "$3"
    [ "$(grep -c '^ok - ' "$out/$1-$2.claims")" -ge 3 ]
    check "$1 $2 states its claims (at least 3)" $?
}

run_lesson() { # language, name, command...
    language=$1; name=$2; shift 2
    figures="$out/$language-$name"
    mkdir -p "$figures"
    start=$(date +%s)
    IL_FIGURES="$figures" "$@" > "$out/log" 2>&1
    status=$?
    seconds=$(( $(date +%s) - start ))
    count_claims "$language" "$name" "$status"
    [ "$(find "$figures" -name '*.png' -size +2k | wc -l)" -ge 1 ]
    check "$language $name writes its figures" $?
    [ "$seconds" -lt 60 ]
    check "$language $name takes under a minute (${seconds} s)" $?
}

# publish's page holds the lesson's output as HTML: its lines, unescaped,
# are the log (publish reports an error in a cell on the page, not in its
# exit status: that line counts as a failure to run to the end).
publish_lesson() { # file, name
    pages="$build/notebooks"
    start=$(date +%s)
    sh "$root/tools/publish-lesson" "$1" "$pages" "$build/octave" > "$out/publish" 2>&1
    status=$?
    seconds=$(( $(date +%s) - start ))
    sed -e 's/<[^>]*>//g' -e 's/&lt;/</g' -e 's/&gt;/>/g' -e 's/&quot;/"/g' \
        -e "s/&#39;/'/g" -e 's/&amp;/\&/g' "$pages/$2.html" > "$out/log" 2>/dev/null
    cat "$out/publish" >> "$out/log"
    if grep -q '^error: ' "$out/log"; then status=1; fi
    count_claims octave "$2" "$status"
    # the figures the lesson saved itself (lessonN_*.png), not publish's
    [ "$(find "$pages/figures" -name "${2%%_*}_*.png" -size +2k | wc -l)" -ge 1 ]
    check "octave $2 writes its figures" $?
    [ "$seconds" -lt 60 ]
    check "octave $2 takes under a minute (${seconds} s)" $?
}

rm -rf "$build/notebooks"
mkdir -p "$build/notebooks/figures"
for f in "$root"/examples/octave/lesson[0-9]*.m; do
    publish_lesson "$f" "$(basename "$f" .m)"
done
for f in "$root"/examples/lua/lesson[0-9]*.lua; do
    [ -e "$f" ] || continue
    name=$(basename "$f" .lua)
    run_lesson lua "$name" env LUA_PATH="$root/lua/?.lua;$root/examples/lua/?.lua;;" \
        LUA_CPATH="$build/lua/?.so;;" lua5.4 "$f"
done
# The C program of lesson 2 (no figures: it prints the table and its claims).
"$build/examples/zero_vs_random" > "$out/log" 2>&1
count_claims c zero_vs_random $?

# Each lesson exists in both languages and makes the same claims in both.
for f in "$root"/examples/octave/lesson[0-9]*.m; do
    name=$(basename "$f" .m)
    cmp -s "$out/octave-$name.claims" "$out/lua-$name.claims"
    check "$name: the Lua twin states the same claims, with the same outcome" $?
done
summary lessons
