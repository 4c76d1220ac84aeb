#!/bin/sh
# pkg install of the package tarball into a throwaway prefix, then pkg load
# in a clean Octave: help, a training run, and the same bits as the C
# library for a seeded initialization.
# Usage: sh tests/octave/package.sh TARBALL
set -u
tarball=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=$(cd "$(dirname "$0")/../.." && pwd)
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
build=$(dirname "$tarball")
"$build/tests/parity_experiment" > "$dir/c.txt" 2>/dev/null
want=$(grep '^init_W1 ' "$dir/c.txt" | cut -d' ' -f2-)
sh "$root/tools/octave-run" "
pkg('prefix', '$dir/pkg', '$dir/pkg');
pkg('local_list', '$dir/octave_packages');
function check (what, ok)
  if (ok) printf ('ok - %s\n', what); else printf ('not ok - %s\n', what); end
end
try
  pkg('install', '$tarball');
  check ('pkg install builds and installs the package', true);
catch err
  check (['pkg install: ' err.message], false);
end
try
  pkg load initlab
  check ('pkg load initlab', exist ('il_train') == 2);
  check ('the MEX gateway is installed', exist ('__initlab__') == 3);
  check ('il_forward is the gateway itself, beside its help', ...
         exist ('il_forward') == 3 && ...
         ! isempty (strfind (evalc ('help il_forward'), 'pre-activations')) && ...
         isequal (size (il_forward (il_net ([2 3 1], 'tanh'), ones (2, 5))), [1 5]));
  h = evalc ('help il_train');
  check ('help il_train prints the manual, with the definitions', ...
         ! isempty (strfind (h, 'saturated')) && ! isempty (strfind (h, 'distinct')));
  [X, Y] = il_dataset ('xor', 200, 'seed', 1);
  net = il_init (il_net ([2 8 1], {'tanh', 'sigmoid'}), 'xavier_normal', 'seed', 1);
  [net, rec] = il_train (net, X, Y, 'iters', 2000, 'lr', 1, 'record_every', 500, 'verbose', false);
  check ('the installed package trains (xor accuracy > 0.9)', il_accuracy (net, X, Y) > 0.9);
  check ('and records', isequal (rec.iter, 0:500:2000));
  p = il_init (il_net ([2 6 4 1], {'tanh', 'relu', 'sigmoid'}), ...
               {'xavier_uniform', 'he_normal', 'orthogonal'}, 'seed', 11);
  h = cellstr (num2hex (p.W{1}(:)));
  check ('the installed package gives the C library''s bits', strcmp (strjoin (h', ' '), '$want'));
catch err
  check (['using the installed package: ' err.message], false);
end
pkg('uninstall', 'initlab');
" > "$dir/out.txt" 2>&1
grep -E '^(ok|not ok) - ' "$dir/out.txt"
grep -vE '^(ok|not ok) - ' "$dir/out.txt" | grep -iE 'error|warning' | head -5 | sed 's/^/# /'
passed=$(grep -c '^ok - ' "$dir/out.txt")
failed=$(grep -c '^not ok - ' "$dir/out.txt")
[ "$passed" -ge 7 ] || failed=$((failed + 1))
echo "# package: $passed ok, $failed not ok"
