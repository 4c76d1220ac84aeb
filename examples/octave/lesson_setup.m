## -*- texinfo -*-
## @deftypefn {} {@var{folder} =} lesson_setup ()
## What every lesson does first: figures stay invisible (so that a lesson
## runs headless under octave-cli, and publish still finds them), and the
## folder for its PNG files is the environment variable IL_FIGURES (default:
## the current folder), created when missing.
## @end deftypefn
function folder = lesson_setup ()
  set (0, 'defaultfigurevisible', 'off');
  warning ('off', 'Octave:gnuplot-graphics');
  folder = getenv ('IL_FIGURES');
  if (isempty (folder))
    folder = pwd ();
  endif
  if (! exist (folder, 'dir'))
    mkdir (folder);
  endif
endfunction
