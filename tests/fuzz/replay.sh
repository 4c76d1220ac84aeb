#!/bin/sh
# make test-fuzz: runs each harness on its seed corpus and on every input
# that ever crashed it, one process per input so that one failure names its
# file.  Prints TAP and "# fuzz: N ok, M not ok".
#   sh tests/fuzz/replay.sh BUILD_DIR HARNESS...
root=$(cd "$(dirname "$0")/../.." && pwd)
. "$root/tests/tap.sh"
dir=$1
shift
unset FZ_SKIP # a replay steers around nothing (README.md)
log=$(mktemp)
trap 'rm -f "$log"' EXIT
for h in "$@"; do
    bin=$dir/fuzz_$h
    for f in "$root"/tests/fuzz/corpus/$h/* "$root"/tests/fuzz/crashes/$h/*; do
        [ -f "$f" ] || continue
        case $f in *.txt|*README*) continue ;; esac
        # the limits make fuzz uses, so a replay fails where fuzzing did
        "$bin" -runs=1 -timeout=10 -rss_limit_mb=2048 "$f" >"$log" 2>&1
        rc=$?
        check "${f#"$root"/}" $rc
        if [ $rc -ne 0 ]; then
            # the sanitizer's report: its first lines and the stack top
            awk '/ERROR|runtime error|fuzz contract|SUMMARY/ { print; next }
                 /^ *#[0-9]+ / { if (!done && n++ < 5) print; next }
                 n { done = 1 }' "$log" | head -n 10 | sed 's/^/#   /'
        fi
    done
done
summary fuzz
[ "$failed" -eq 0 ]
