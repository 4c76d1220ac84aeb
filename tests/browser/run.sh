#!/bin/sh
# make test-browser: a report written by Lua (zeros vs He) opened in
# headless Chromium through playwright-core (make deps installs both),
# its slider moved and what it shows checked; screenshots in
# BUILD/browser.  TAP lines, then "# browser: N ok, M not ok".
set -u
build=$1
out=$build/browser
mkdir -p "$out"
node_modules=build/node/node_modules
if ! LUA_PATH="$PWD/lua/?.lua;;" LUA_CPATH="$(cd "$build" && pwd)/lua/?.so;;" \
        lua5.4 tests/browser/make_report.lua "$out/run.html"; then
    echo "not ok - the report is written"
    echo "# browser: 0 ok, 1 not ok"
    exit 1
fi
if [ ! -d "$node_modules/playwright-core" ] || [ ! -x /usr/bin/chromium ]; then
    echo "not ok - playwright-core and chromium are installed (make deps)"
    echo "# browser: 0 ok, 1 not ok"
    exit 1
fi
exec node tests/browser/report_test.js "$node_modules/playwright-core" "$out"
