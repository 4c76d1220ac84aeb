#!/bin/sh
# Groups crash inputs by what they hit: the sanitizer's error kind (or the
# harness's contract message) and the first engine frame, one line per
# group with a count and an example file.
#   sh tests/fuzz/triage.sh build/fuzz/fuzz_api build/fuzz/crashes/api/*
bin=$1
shift
log=$(mktemp)
trap 'rm -f "$log"' EXIT
for f in "$@"; do
    "$bin" -runs=1 -timeout=10 -rss_limit_mb=2048 "$f" >"$log" 2>&1
    kind=$(grep -m1 -oE 'fuzz contract: .*|runtime error: [^(]*|ERROR: [A-Za-z]+: [a-z-]+( on| in| of|)|ERROR: libFuzzer: [a-z-]+|out-of-memory \([a-z]+' "$log" | head -n 1 | cut -c1-110)
    frame=$(grep -m1 -oE 'in [a-zA-Z_0-9]+ [^ ]*/src/[a-z_]+\.c:[0-9]+' "$log" | sed 's|/.*/src/|src/|')
    [ -n "$frame" ] || frame=$(grep -m1 -oE 'src/[a-z_]+\.c:[0-9]+:[0-9]+: runtime' "$log")
    printf '%s | %s\t%s\n' "${kind:-exit $?}" "${frame:-?}" "$f"
done | sort | awk -F '\t' '{ n[$1]++; if (!($1 in ex)) ex[$1] = $2 }
    END { for (k in n) printf "%4d  %s\n      e.g. %s\n", n[k], k, ex[k] }'
