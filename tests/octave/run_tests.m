## run_tests.m - runs the %!test / %!error blocks of every il_*.m, the
## extra suites in this folder (test_*.m) and the bad-input suite that
## gen_bad_inputs.m writes, one line per file, and closes with
## "# octave: N ok, M not ok" (each block counts once).
1;

function [passed, failed] = run_file (name, log)
  [n, nmax] = test (name, 'quiet', log);
  passed = n;
  failed = nmax - n;
  if (nmax == 0)
    printf ('not ok - %s has no tests\n', name);
    failed = 1;
  elseif (failed == 0)
    printf ('ok - %s (%d blocks)\n', name, nmax);
  else
    printf ('not ok - %s: %d of %d blocks failed\n', name, failed, nmax);
  endif
endfunction

here = fileparts (mfilename ('fullpath'));
root = fileparts (fileparts (here));
log_name = [tempname() '.log'];
log = fopen (log_name, 'w');
passed = 0;
failed = 0;
files = [dir(fullfile (root, 'octave', 'il_*.m')); dir(fullfile (root, 'octave', '__il_*.m'))];
extra = dir (fullfile (here, 'test_*.m'));
names = [cellfun(@(f) f(1:end-2), {files.name}, 'UniformOutput', false), ...
         cellfun(@(f) fullfile(here, f), {extra.name}, 'UniformOutput', false)];
## the bad-input suite, written afresh from the engine's option tables
addpath (here);
bad_dir = tempname ();
mkdir (bad_dir);
bad_file = fullfile (bad_dir, 'bad_inputs.m');
try
  n_bad = gen_bad_inputs (bad_file);
  printf ('# gen_bad_inputs wrote %d calls\n', n_bad);
  names{end+1} = bad_file;
catch err
  printf ('not ok - gen_bad_inputs failed: %s\n', err.message);
  failed += 1;
end_try_catch
for i = 1:numel (names)
  [p, f] = run_file (names{i}, log);
  passed += p;
  failed += f;
endfor
fclose (log);
if (failed > 0)
  ## the failing blocks, with Octave's own account of them
  printf ('%s', fileread (log_name));
endif
delete (log_name);
confirm_recursive_rmdir (false, 'local');
rmdir (bad_dir, 's');
printf ('# octave: %d ok, %d not ok\n', passed, failed);
