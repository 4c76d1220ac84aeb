## -*- texinfo -*-
## @deftypefn {} {@var{X} =} lesson_gaussian (@var{rows}, @var{cols}, @var{seed})
## A @var{rows} x @var{cols} batch of independent N(0, 1) values drawn by the
## engine (the weights of a layer with a normal initializer), so that the
## Octave and Lua lessons see the same numbers.
## @end deftypefn
function X = lesson_gaussian (rows, cols, seed)
  X = il_init (il_net ([cols rows], 'linear'), 'normal', 'std', 1, 'seed', seed).W{1};
endfunction
