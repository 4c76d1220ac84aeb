% -*- texinfo -*-
% @deftypefn  {} {[@var{X}, @var{Y}] =} il_dataset (@var{name}, @var{n})
% @deftypefnx {} {[@var{X}, @var{Y}, @var{labels}] =} il_dataset (@var{name}, @var{n}, @var{option}, @var{value}, @dots{})
% @var{n} seeded 2-D points for self-contained lessons, in the columns of
% @var{X} (2 x n).  @var{name}: circles (two rings), moons (two interleaving
% half circles), spirals (@code{classes} arms), xor (label = the signs of x
% and y differ), blobs (@code{classes} Gaussian clusters).
%
% @var{Y} is 1 x n of 0/1 for two classes (ready for a sigmoid output), and
% one-hot (k x n, for a softmax output) for k > 2; @var{labels} are the
% classes 1..k.
%
% Options (names match ignoring case):
% @c options: the engine's table for il_dataset; tests/octave/test_docs.m checks it
% @table @code
% @item name
% the first argument: circles, moons, spirals, xor or blobs.
% Default: (required).
% @item n
% the second argument: how many samples.  Default: 100.
% @item noise
% std of the Gaussian noise (blobs: of each cluster).
% Default: 0.05 (spirals 0.2, xor 0.1, blobs 1).
% @item factor
% circles: inner radius / outer radius, in (0, 1).  Default: 0.8.
% @item classes
% spirals, blobs: how many classes.  Default: 3 (circles, moons, xor: 2).
% @item seed
% seed of the data.  Default: 0.
% @item rng
% xoshiro (the default stream) or numpy, NumPy's legacy generator seeded as
% @code{np.random.seed} does: with it circles and moons are scikit-learn's
% @code{make_circles} and @code{make_moons} (same algorithm, same draws),
% point for point.  Default: xoshiro.
% @item max_bytes
% refuse a dataset larger than this many bytes (0: the default).
% Default: half the memory.
% @end table
%
% Bit for bit, and the one caveat: scikit-learn's @code{make_circles} and
% @code{make_moons} place their points with NumPy's @code{np.sin} and
% @code{np.cos}.  NumPy 1.20 and later bring their own AVX-512 versions of
% sin, cos, exp and log, used on CPUs that have AVX-512, and those differ
% from the C library's (which the engine uses, as NumPy does on other
% CPUs) in the last bit for about a quarter of the values.  So on an
% AVX-512 machine NumPy's points and these can differ in the last bit
% (about 1e-16) while every random draw is the same; set
% @code{NPY_DISABLE_CPU_FEATURES="AVX512F AVX512_SKX"} before NumPy is
% imported and they agree bit for bit again (tests/numpy does so).
% Elsewhere they agree as they are.  Spirals, xor and blobs have no NumPy
% twin.
%
% @example
% [X, Y] = il_dataset ('circles', 300, 'noise', 0.05, 'seed', 1);
% % np.random.seed(1); sklearn.datasets.make_circles(n_samples=300, noise=.05)
% [X, Y] = il_dataset ('circles', 300, 'noise', 0.05, 'rng', 'numpy', 'seed', 1);
% @end example
% @end deftypefn
function [X, Y, labels] = il_dataset (name, n, varargin)
  if nargin < 2
    error ('initlab:badArg', 'usage: [X, Y, labels] = il_dataset (name, n, option, value, ...)');
  end
  % Y: the targets a sigmoid (two classes) or softmax output wants
  [X, Y, labels] = __initlab__ ('dataset', name, n, varargin{:});
end

%!test
%! % one row per class even when a small sample misses some classes
%! [~, Y] = il_dataset ('spirals', 2, 'classes', 5);
%! assert (size (Y), [5 2]);
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
%! % the first points of np.random.seed(1); make_circles(300, noise=0.05)
%! [X, Y] = il_dataset ('circles', 300, 'noise', 0.05, 'rng', 'numpy', 'seed', 1);
%! assert (X(:, 1:2), [-0.07741354010048114 0.43186959584803564; ...
%!                     0.85260226427427421 -0.87214503959521084], 0);
%! assert (sum (Y), 150);
%!error <unknown rng 'mt'; expected one of: xoshiro, numpy> il_dataset ('circles', 10, 'rng', 'mt')
%!error <seed must be in 0..4294967295> il_dataset ('circles', 10, 'rng', 'numpy', 'seed', 2^32)
%!error <unknown dataset 'circle'> il_dataset ('circle', 10)
%!error id=initlab:badValue il_dataset ('circles', -1)
%!test
%! % a count of another class is the same count
%! assert (il_dataset ('moons', int32 (7), 'seed', single (2)), il_dataset ('moons', 7, 'seed', 2));
%!error id=initlab:badOption il_dataset ('circles', 10, 'noize', 0.3)
%!error id=initlab:badValue il_dataset ('spirals', 10, 'classes', 1e15)
%!error id=initlab:badArg il_dataset ('circles')
