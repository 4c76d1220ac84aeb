# tap.sh - what the shell test scripts share, sourced as . "$root/tests/tap.sh":
# check DESCRIPTION STATUS prints "ok - ..." (status 0) or "not ok - ...",
# and summary SUITE prints the line tests/run-all.sh adds up.
passed=0
failed=0
check() {
    if [ "$2" -eq 0 ]; then
        passed=$((passed + 1)); echo "ok - $1"
    else
        failed=$((failed + 1)); echo "not ok - $1"
    fi
}
summary() {
    echo "# $1: $passed ok, $failed not ok"
}
