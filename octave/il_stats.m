## -*- texinfo -*-
## @deftypefn  {} {@var{s} =} il_stats (@var{net}, @var{X})
## @deftypefnx {} {@var{s} =} il_stats (@var{net}, @var{X}, @var{Y}, @var{option}, @var{value}, @dots{})
## The statistics il_train records, for @var{net} as it is, on the batch
## @var{X} (and targets @var{Y}, for the loss and gradient statistics),
## without training: per layer (column vectors, one entry per layer)
## @code{act_mean}, @code{act_std}, @code{act_min}, @code{act_max},
## @code{saturation}, @code{sat_low}, @code{sat_high}, @code{dead},
## @code{grad_std}, @code{weight_norm}, @code{distinct}, and
## @code{percentiles} (L x P), @code{hist} (L x bins), @code{loss},
## @code{accuracy}.  Options and definitions as in il_train (record,
## percentiles, hist_bins, hist_range, sat_theta, distinct_tol).
## @example
## s = il_stats (il_init (net, 'scaled_normal', 'scale', 10), X);
## s.saturation'     # the fraction of saturated unit-samples per layer
## @end example
## @seealso{il_train}
## @end deftypefn
function s = il_stats (net, X, Y, varargin)
  if (nargin < 2)
    print_usage ();
  endif
  if (nargin < 3)
    Y = [];
  endif
  defaults = struct ('record', {{'all'}}, 'percentiles', [], 'hist_bins', [], ...
                     'hist_range', [], 'sat_theta', [], 'distinct_tol', [], ...
                     'record_every', 0, 'record_iters', [], 'probe', [], ...
                     'max_bytes', []);
  o = il_options ('il_stats', defaults, varargin);
  il_check ('il_stats', 'X', X, 'matrix');
  if (! isempty (Y))
    il_check ('il_stats', 'Y', Y, 'matrix');
  endif
  s = il_call ('stats', net, X, Y, il_record_options ('il_stats', o));
  s = rmfield (s, 'iter');
  if (isfield (s, 'hist'))
    s.hist = reshape (s.hist, size (s.hist, 1), size (s.hist, 2));
  endif
  if (isfield (s, 'percentiles'))
    s.percentiles = reshape (s.percentiles, size (s.percentiles, 1), size (s.percentiles, 2));
  endif
endfunction

%!test
%! X = randn (4, 500);
%! big = il_stats (il_init (il_net ([4 50 50 1], {'tanh', 'tanh', 'sigmoid'}), 'scaled_normal', 'scale', 10), X);
%! small = il_stats (il_init (il_net ([4 50 50 1], {'tanh', 'tanh', 'sigmoid'}), 'scaled_normal', 'scale', 0.01), X);
%! assert (size (big.saturation), [3 1]);
%! assert (all (big.saturation(1:2) > 0.8));
%! assert (all (small.saturation(1:2) == 0));
%! assert (small.act_std(2) < 1e-2);
%!test
%! ## hist is layers x bins: each layer's counts add up to units x samples
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
