## -*- texinfo -*-
## @deftypefn  {} {@var{net} =} il_train (@var{net}, @var{X}, @var{Y}, @var{option}, @var{value}, @dots{})
## @deftypefnx {} {[@var{net}, @var{rec}] =} il_train (@dots{})
## Trains @var{net} on the samples in the columns of @var{X} (n0 x m) with
## targets @var{Y} (nL x m), and records what happened.
##
## @code{il_train (net, X, Y, 'iters', N, 'lr', a)} is full-batch gradient
## descent: the whole call for the seed notebook's experiments.
##
## Training options:
## @table @code
## @item iters
## updates to make (default 1000); or @code{epochs}, passes over the data
## @item lr
## learning rate (0.01)
## @item batch
## mini-batch size; 0 (default) is the full batch.  Mini-batches are drawn
## in an order reshuffled every epoch from @code{seed} (@code{shuffle}, true)
## @item optimizer
## sgd (default), momentum, nesterov, rmsprop, adam; with @code{momentum}
## (0.9), @code{beta1} (0.9), @code{beta2} (0.999), @code{rho} (rmsprop's
## decay, 0.9), @code{eps} (1e-8)
## @item l2
## weight decay on W, not b (0)
## @item verbose, progress_every
## print a progress line (iteration, loss, saturation per layer) every
## @code{progress_every} iterations (1000) unless @code{verbose} is false
## @end table
##
## Ctrl-C stops training at once and returns the network and the record as
## they were then, with @code{rec.stopped = 'interrupted'}.  If a gradient
## or a weight becomes NaN or Inf, training stops at once:
## @code{rec.stopped = 'nonfinite'} and @code{rec.message} says at which
## iteration and layer.  A non-finite gradient is never applied, so the
## network returned is the last finite one (unless an update itself
## overflowed, which the message says).
##
## Recording options: @code{record_every} (k: every k-th iteration; 0 by
## default), @code{record_iters} (a list), @code{record} (what: a cell of
## loss, weights, act, percentiles, hist, saturation, grad, norms, distinct,
## or all; default all but weights), @code{percentiles} ([5 25 50 75 95]),
## @code{hist_bins} (50), @code{hist_range} ([-1 1]; values outside fall in
## the end bins), @code{sat_theta} (0.05), @code{distinct_tol} (1e-12),
## @code{probe} (a batch the activation statistics come from, instead of the
## training batch), @code{max_bytes} (refuse a larger recording before
## training).
##
## The record @var{rec} holds plain arrays, one column per recorded
## iteration r: @code{rec.iter} (1 x R), @code{rec.loss}, @code{rec.accuracy},
## @code{rec.W@{l@}} (n(l) x n(l-1) x R), @code{rec.b@{l@}} (n(l) x R), and
## L x R matrices @code{act_mean}, @code{act_std}, @code{act_min},
## @code{act_max}, @code{saturation}, @code{sat_low}, @code{sat_high},
## @code{dead}, @code{grad_std}, @code{weight_norm}, @code{update_ratio},
## @code{distinct}; @code{rec.percentiles} (L x P x R), @code{rec.hist} (L x
## bins x R) with @code{rec.hist_edges}; @code{rec.stopped},
## @code{rec.message}, @code{rec.iters_done}, @code{rec.final_loss}.
## Iteration t is the state after t updates; iteration 0 and the last one
## are always recorded.
##
## Definitions: a unit-sample is @strong{saturated} when |f'(z)| <= theta *
## max|f'| (theta = sat_theta): sigmoid outputs below 0.0127 or above 0.9873,
## tanh |a| > 0.9747, relu z <= 0; @code{sat_low}/@code{sat_high} split it by
## the sign of z.  A unit of the relu family is @strong{dead} when z <= 0 for
## every sample of the batch (NaN for other activations).  The number of
## @strong{distinct} units counts the rows of [W b] that differ from every
## earlier row by more than distinct_tol times the largest |entry|: 1,
## forever, for a zero-initialized layer.  @code{grad_std} is the std of
## dL/dZ, @code{update_ratio} ||W(t+1)-W(t)|| / ||W(t)|| for the step taken
## from iteration t.  Losses: bce and sce are means over samples, mse is
## (1/m) sum 1/2 ||a - y||^2.
##
## @example
## [X, Y] = il_dataset ('circles', 300, 'noise', 0.05, 'seed', 1);
## net = il_init (il_net ([2 10 5 1], @{'relu', 'relu', 'sigmoid'@}), 'he', 'seed', 3);
## [net, rec] = il_train (net, X, Y, 'iters', 15000, 'lr', 0.01, 'record_every', 100);
## plot (rec.iter, rec.loss)
## @end example
## @seealso{il_net, il_init, il_plot, il_stats}
## @end deftypefn
function [net, rec] = il_train (net, X, Y, varargin)
  if (nargin < 3)
    print_usage ();
  endif
  defaults = struct ('iters', [], 'epochs', [], 'lr', 0.01, 'batch', 0, ...
                     'shuffle', true, 'seed', 0, 'optimizer', 'sgd', ...
                     'momentum', 0.9, 'beta1', 0.9, 'beta2', 0.999, ...
                     'rho', 0.9, 'eps', 1e-8, 'l2', 0, 'verbose', true, ...
                     'progress_every', 1000, 'record_every', 0, ...
                     'record_iters', [], 'record', {{'all'}}, ...
                     'percentiles', [], 'hist_bins', [], 'hist_range', [], ...
                     'sat_theta', [], 'distinct_tol', [], 'probe', [], ...
                     'max_bytes', []);
  o = il_options ('il_train', defaults, varargin);
  il_check ('il_train', 'X', X, 'matrix');
  il_check ('il_train', 'Y', Y, 'matrix');
  for name = {'lr', 'momentum', 'beta1', 'beta2', 'rho', 'eps', 'l2'}
    il_check ('il_train', name{1}, o.(name{1}), 'scalar');
  endfor
  for name = {'batch', 'seed', 'progress_every'}
    il_check ('il_train', name{1}, o.(name{1}), 'count');
  endfor
  il_check ('il_train', 'shuffle', o.shuffle, 'logical');
  il_check ('il_train', 'verbose', o.verbose, 'logical');
  il_check ('il_train', 'optimizer', o.optimizer, 'string');
  t = struct ('lr', o.lr, 'batch', o.batch, 'shuffle', double (o.shuffle), ...
              'seed', o.seed, 'optimizer', o.optimizer, 'momentum', o.momentum, ...
              'beta1', o.beta1, 'beta2', o.beta2, 'rho', o.rho, 'eps', o.eps, ...
              'l2', o.l2, 'progress_every', o.progress_every * o.verbose);
  if (! isempty (o.iters))
    il_check ('il_train', 'iters', o.iters, 'count');
    t.iters = o.iters;
  endif
  if (! isempty (o.epochs))
    il_check ('il_train', 'epochs', o.epochs, 'count');
    t.epochs = o.epochs;
  endif
  if (isempty (o.iters) && isempty (o.epochs))
    t.iters = 1000;
  endif
  r = [];
  if (nargout > 1)
    r = il_record_options ('il_train', o);
  endif
  [net, rec] = il_call ('train', net, X, Y, t, r);
endfunction

%!shared X, Y, net0
%! [X, Y] = il_dataset ('circles', 200, 'noise', 0.05, 'seed', 1);
%! net0 = il_init (il_net ([2 8 1], {'tanh', 'sigmoid'}), 'xavier_normal', 'seed', 2);
%!test
%! [net, rec] = il_train (net0, X, Y, 'iters', 1000, 'lr', 1, 'record_every', 250, 'verbose', false);
%! assert (rec.iter, [0 250 500 750 1000]);
%! assert (rec.loss(end) < 0.5 * rec.loss(1));
%! assert (rec.accuracy(end) > 0.9);
%! assert (size (rec.saturation), [2 5]);
%! assert (size (rec.percentiles), [2 5 5]);
%! assert (rec.stopped, '');
%! assert (rec.iters_done, 1000);
%! ## the record's last loss is the loss of the network returned
%! [~, loss] = il_accuracy (net, X, Y);
%! assert (rec.loss(end), loss, 1e-15);
%!test
%! ## zero init: one distinct hidden unit for the whole run.  Sigmoid hidden
%! ## units (sigmoid(0) = 1/2, unlike tanh(0) = 0) let the weights move.
%! net = il_init (il_net ([2 8 1], 'sigmoid'), 'zeros');
%! [net, rec] = il_train (net, X, Y, 'iters', 200, 'lr', 0.5, 'record_every', 50, ...
%!                        'record', {'distinct', 'weights'}, 'verbose', false);
%! assert (rec.distinct(1, :), ones (1, 5));
%! assert (any (net.W{1}(:) != 0));
%! assert (size (rec.W{1}), [8 2 5]);
%! assert (rec.W{1}(:, :, end), net.W{1});
%!test
%! a = il_train (net0, X, Y, 'iters', 50, 'batch', 32, 'optimizer', 'adam', 'seed', 4, 'verbose', false);
%! b = il_train (net0, X, Y, 'iters', 50, 'batch', 32, 'optimizer', 'adam', 'seed', 4, 'verbose', false);
%! assert (a.W, b.W);
%!test
%! [net, rec] = il_train (il_init (il_net ([2 3 1], 'linear'), 'normal', 'std', 1), X, Y * 1e3, ...
%!                        'iters', 5000, 'lr', 10, 'record_every', 1, 'verbose', false);
%! assert (rec.stopped, 'nonfinite');
%! assert (! isempty (strfind (rec.message, 'not finite')));
%! assert (all (isfinite (rec.loss(1:end-1))));
%!test
%! ## a progress line every progress_every iterations, none when not verbose
%! out = evalc ("il_train (net0, X, Y, 'iters', 300, 'progress_every', 100);");
%! assert (numel (strfind (out, 'iter ')), 3);
%! assert (! isempty (strfind (out, 'loss')));
%! out = evalc ("il_train (net0, X, Y, 'iters', 300, 'verbose', false);");
%! assert (isempty (out));
%!error <X and Y must have the same number of columns> il_train (net0, X, Y(:, 1:10))
%!error <Y must have 1 rows> il_train (net0, X, [Y; Y])
%!error <lr must be a real finite scalar> il_train (net0, X, Y, 'lr', 'big')
%!error <unknown optimizer 'adamw'> il_train (net0, X, Y, 'optimizer', 'adamw')
%!error <unknown option 'iter'> il_train (net0, X, Y, 'iter', 10)
%!error <unknown record part 'wieghts'> [~, r] = il_train (net0, X, Y, 'iters', 1, 'record', 'wieghts', 'verbose', false);
%!error <more than the cap> [~, r] = il_train (net0, X, Y, 'iters', 100000, 'record_every', 1, 'record', 'weights', 'max_bytes', 1e6, 'verbose', false);
