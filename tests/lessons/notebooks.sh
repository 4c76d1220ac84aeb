#!/bin/sh
# make notebooks, checked: one HTML page per Octave lesson, every figure it
# shows present as a PNG beside it, and no claim that failed.  Pages the
# lessons suite published (tests/lessons/run.sh, just before this in make
# test) are up to date for make and used as they are; make publishes the
# rest.
# Usage: sh tests/lessons/notebooks.sh BUILD_DIR
set -u
build=$1
root=$(cd "$(dirname "$0")/../.." && pwd)
. "$root/tests/tap.sh"
make -s -C "$root" notebooks BUILD="$build" > "$build/notebooks.log" 2>&1
status=$?
check "make notebooks succeeds" $status
[ $status -eq 0 ] || tail -n 20 "$build/notebooks.log" | sed 's/^/#   /'
for f in "$root"/examples/octave/lesson[0-9]*.m; do
    name=$(basename "$f" .m)
    page="$build/notebooks/$name.html"
    [ -s "$page" ]
    check "$name.html was published" $?
    images=$(grep -o '<img src="[^"]*"' "$page" 2>/dev/null | sed 's/<img src="//; s/"$//')
    missing=0
    for image in $images; do
        [ -s "$build/notebooks/$image" ] || missing=1
    done
    [ -n "$images" ] && [ "$missing" -eq 0 ]
    check "$name.html shows its figures ($(echo $images | wc -w) images, all present)" $?
    ! grep -q -e 'not ok - ' -e '^error: ' "$page"
    check "$name.html has no failed claim and no error" $?
    grep -q "href=\"$name.html\"" "$build/notebooks/index.html" 2>/dev/null
    check "index.html links $name.html" $?
    # its card: a summary sentence, and a thumbnail that exists
    card=$(awk -v n="$name.html" 'index($0, "href=\"" n "\"") { on = 1 } on { print } /<\/article>/ { on = 0 }' \
           "$build/notebooks/index.html" 2>/dev/null)
    printf '%s\n' "$card" | grep -q '<p>[A-Za-z"].\{30,\}</p>'
    check "index.html sums up $name in a sentence" $?
    thumb=$(printf '%s\n' "$card" | sed -n 's/.*<img src="\([^"]*\)".*/\1/p' | head -n 1)
    [ -n "$thumb" ] && [ -s "$build/notebooks/$thumb" ]
    check "index.html shows a figure of $name" $?
done
grep -q '<link rel="stylesheet" href="style.css">' "$build/notebooks/index.html" 2>/dev/null &&
    [ -s "$build/notebooks/style.css" ]
check "index.html has its stylesheet" $?
# every report the index links is there
links=$(grep -o 'href="figures/[^"]*\.html"' "$build/notebooks/index.html" 2>/dev/null | sed 's/href="//; s/"$//')
missing=0
for link in $links; do [ -s "$build/notebooks/$link" ] || missing=1; done
[ "$missing" -eq 0 ]
check "the run reports index.html links exist ($(echo $links | wc -w))" $?
summary notebooks
