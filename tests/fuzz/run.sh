#!/bin/sh
# make fuzz: runs each harness for SECONDS on one core, starting from its
# seed corpus.  New inputs go to a scratch corpus and crashes to
# BUILD_DIR/crashes/HARNESS/, never into the repository: what is worth
# keeping is copied by hand (see the end).
#   sh tests/fuzz/run.sh BUILD_DIR SECONDS HARNESS...
root=$(cd "$(dirname "$0")/../.." && pwd)
dir=$1
seconds=$2
shift 2
for h in "$@"; do
    mkdir -p "$dir/corpus/$h" "$dir/crashes/$h"
    echo "=== fuzz_$h for ${seconds}s (scratch corpus $dir/corpus/$h)"
    # -fork=1: one worker process, restarted after a crash, so that a run
    # goes on to find more than the first bug; -timeout and -rss_limit_mb
    # make a hang or a runaway allocation a finding too.
    "$dir/fuzz_$h" -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -artifact_prefix="$dir/crashes/$h/" \
        "$dir/corpus/$h" "$root/tests/fuzz/corpus/$h" 2>&1 |
        grep -vE '^#[0-9]+.*(NEW|REDUCE|pulse)|NEW_FUNC' || true
done
found=$(for h in "$@"; do ls "$dir/crashes/$h" 2>/dev/null | sed "s|^|$dir/crashes/$h/|"; done)
if [ -n "$found" ]; then
    echo "crash inputs in $dir/crashes (this run and earlier ones):"
    printf '  %s\n' $found
    echo "reproduce one:  $dir/fuzz_HARNESS FILE"
    echo "minimize it:    $dir/fuzz_HARNESS -minimize_crash=1 -runs=10000 -exact_artifact_path=OUT FILE"
    echo "keep it:        cp FILE tests/fuzz/crashes/HARNESS/NAME and add a line to tests/fuzz/crashes/README"
else
    echo "no crashes"
fi
