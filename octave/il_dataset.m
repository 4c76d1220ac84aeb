## -*- texinfo -*-
## @deftypefn  {} {[@var{X}, @var{Y}] =} il_dataset (@var{name}, @var{n})
## @deftypefnx {} {[@var{X}, @var{Y}, @var{labels}] =} il_dataset (@var{name}, @var{n}, @var{option}, @var{value}, @dots{})
## @var{n} seeded 2-D points for self-contained lessons, in the columns of
## @var{X} (2 x n).  @var{name}: circles (two rings, @code{factor} = inner
## radius / outer, default 0.8), moons (two interleaving half circles),
## spirals (@code{classes} arms, default 3), xor (label = the signs of x and
## y differ), blobs (@code{classes} Gaussian clusters, default 3).
##
## @var{Y} is 1 x n of 0/1 for two classes (ready for a sigmoid output), and
## one-hot (k x n, for a softmax output) for k > 2; @var{labels} are the
## classes 1..k.  Options: @code{noise} (std of the Gaussian noise; for blobs
## the cluster std), @code{factor}, @code{classes}, @code{seed} (default 0),
## @code{rng}: @code{'xoshiro'} (the default stream) or @code{'numpy'},
## NumPy's legacy generator seeded as @code{np.random.seed} does: with it
## circles and moons are scikit-learn's @code{make_circles} and
## @code{make_moons} (same algorithm, same draws), point for point.
## @example
## [X, Y] = il_dataset ('circles', 300, 'noise', 0.05, 'seed', 1);
## # np.random.seed(1); sklearn.datasets.make_circles(n_samples=300, noise=.05)
## [X, Y] = il_dataset ('circles', 300, 'noise', 0.05, 'rng', 'numpy', 'seed', 1);
## @end example
## @end deftypefn
function [X, Y, labels] = il_dataset (name, n, varargin)
  if (nargin < 2)
    print_usage ();
  endif
  o = il_options ('il_dataset', struct ('noise', NaN, 'factor', NaN, ...
                                        'classes', NaN, 'seed', 0, ...
                                        'rng', 'xoshiro'), varargin);
  il_check ('il_dataset', 'name', name, 'string');
  il_check ('il_dataset', 'n', n, 'count');
  il_check ('il_dataset', 'seed', o.seed, 'count');
  il_check ('il_dataset', 'rng', o.rng, 'string');
  [X, zero_based] = il_call ('dataset', name, n, o.noise, o.factor, o.classes, ...
                             o.seed, o.rng);
  labels = zero_based + 1;
  k = max ([2, labels]);
  if (k == 2)
    Y = zero_based;
  else
    Y = double (bsxfun (@eq, (1:k)', labels));
  endif
endfunction

%!test
%! [X, Y] = il_dataset ('circles', 300, 'noise', 0.05, 'seed', 1);
%! assert (size (X), [2 300]);
%! assert (sort (unique (Y)), [0 1]);
%! [X2, Y2] = il_dataset ('circles', 300, 'noise', 0.05, 'seed', 1);
%! assert (X2, X);
%!test
%! [X, Y, labels] = il_dataset ('spirals', 90, 'classes', 3);
%! assert (size (Y), [3 90]);
%! assert (all (sum (Y) == 1));
%! assert (unique (labels), [1 2 3]);
%!test
%! ## the first points of np.random.seed(1); make_circles(300, noise=0.05)
%! [X, Y] = il_dataset ('circles', 300, 'noise', 0.05, 'rng', 'numpy', 'seed', 1);
%! assert (X(:, 1:2), [-0.07741354010048114 0.43186959584803564; ...
%!                     0.85260226427427421 -0.87214503959521084], 0);
%! assert (sum (Y), 150);
%!error <unknown rng 'mt'; expected one of: xoshiro, numpy> il_dataset ('circles', 10, 'rng', 'mt')
%!error <seed must be in 0..4294967295> il_dataset ('circles', 10, 'rng', 'numpy', 'seed', 2^32)
%!error <unknown dataset 'circle'> il_dataset ('circle', 10)
%!error id=initlab:badArg il_dataset ('circles', -1)
