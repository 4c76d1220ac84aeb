% -*- texinfo -*-
% @deftypefn  {} {@var{s} =} il_stats (@var{net}, @var{X})
% @deftypefnx {} {@var{s} =} il_stats (@var{net}, @var{X}, @var{Y}, @var{option}, @var{value}, @dots{})
% The statistics il_train records, for @var{net} as it is, on the batch
% @var{X} (and targets @var{Y}, for the loss and gradient statistics; [] for
% none), without training: a record of one entry (@code{iter} is 0), laid
% out as il_train's: per layer (column vectors, one entry per layer)
% @code{act_mean}, @code{act_std}, @code{act_min}, @code{act_max},
% @code{saturation}, @code{sat_low}, @code{sat_high}, @code{dead},
% @code{grad_std}, @code{weight_norm}, @code{distinct}, and
% @code{percentiles} (L x P), @code{hist} (L x bins) with
% @code{hist_edges}, @code{loss}, @code{accuracy}; @code{W} and @code{b}
% when 'record' asks for weights.  Definitions as in il_train.
%
% Options (names match ignoring case):
% @c options: the engine's table for il_stats; tests/octave/test_docs.m checks it
% @table @code
% @item record
% what to compute, a name or a cell of them: loss, weights, act,
% percentiles, hist, saturation, grad, norms, distinct, all.
% Default: all but weights.
% @item percentiles
% activation percentiles, in [0, 100] (sorted).  Default: [5 25 50 75 95].
% @item hist_bins
% bins of the activation histogram.  Default: 50.
% @item hist_range
% [lo hi] of the histogram; values outside fall in the end bins.
% Default: [-1 1].
% @item sat_theta
% a unit-sample is saturated when |f'(z)| <= sat_theta * max|f'|.
% Default: 0.05.
% @item distinct_tol
% rows of [W b] closer than this (relative) are one unit.  Default: 1e-12.
% @item probe
% a batch (n0 x m) the activation statistics come from.
% Default: the training batch.
% @item max_bytes
% refuse statistics larger than this many bytes (0: the default).
% Default: half the memory.
% @item accuracy
% how @code{rec.accuracy} counts: @code{'auto'}, @code{'categorical'} or
% @code{'binary'}, as @code{help il_accuracy} says.  Default: auto.
% @end table
%
% @example
% s = il_stats (il_init (net, 'scaled_normal', 'scale', 10), X);
% s.saturation'     % the fraction of saturated unit-samples per layer
% @end example
% @seealso{il_train}
% @end deftypefn
function s = il_stats (net, X, Y, varargin)
  if nargin < 2
    error ('initlab:badArg', 'usage: s = il_stats (net, X, Y, option, value, ...)');
  end
  if nargin < 3
    Y = [];
  end
  s = __initlab__ ('stats', net, X, Y, varargin{:});
end

%!test
%! X = randn (4, 500);
%! big = il_stats (il_init (il_net ([4 50 50 1], {'tanh', 'tanh', 'sigmoid'}), 'scaled_normal', 'scale', 10), X);
%! small = il_stats (il_init (il_net ([4 50 50 1], {'tanh', 'tanh', 'sigmoid'}), 'scaled_normal', 'scale', 0.01), X);
%! assert (size (big.saturation), [3 1]);
%! assert (all (big.saturation(1:2) > 0.8));
%! assert (all (small.saturation(1:2) == 0));
%! assert (small.act_std(2) < 1e-2);
%!test
%! % hist is layers x bins: each layer's counts add up to units x samples
%! net = il_init (il_net ([3 7 4 1], {'tanh', 'tanh', 'sigmoid'}), 'normal', 'seed', 1);
%! s = il_stats (net, randn (3, 25), [], 'hist_bins', 6, 'percentiles', [10 50 90]);
%! assert (size (s.hist), [3 6]);
%! assert (sum (s.hist, 2), [7; 4; 1] * 25);
%! assert (size (s.percentiles), [3 3]);
%! assert (all (diff (s.percentiles, 1, 2) >= 0, 2));
%!test
%! net = il_init (il_net ([2 6 1], {'relu', 'sigmoid'}), 'zeros');
%! s = il_stats (net, randn (2, 20), double (rand (1, 20) > 0.5));
%! assert (s.distinct', [1 1]);
%! assert (s.dead(1), 1);
%! assert (s.loss, log (2), 1e-15);
%!error id=initlab:badOption il_stats (il_net ([2 3 1], 'tanh'), ones (2, 4), [], 'record_every', 1)
%!error <hist_bins must be a whole number> il_stats (il_net ([2 3 1], 'tanh'), ones (2, 4), [], 'hist_bins', 0.5)
