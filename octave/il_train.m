% -*- texinfo -*-
% @deftypefn  {} {@var{net} =} il_train (@var{net}, @var{X}, @var{Y}, @var{option}, @var{value}, @dots{})
% @deftypefnx {} {[@var{net}, @var{rec}] =} il_train (@dots{})
% Trains @var{net} on the samples in the columns of @var{X} (n0 x m) with
% targets @var{Y} (nL x m), and records what happened.  @var{X} and @var{Y}
% may be of any real class (they are used as doubles).  The cost it
% descends is @code{il_cost}'s: the loss plus the penalty of
% @code{'lambda'} and @code{'l2'}.
%
% @code{il_train (net, X, Y, 'iters', N, 'lr', a)} is full-batch gradient
% descent: the whole call for the seed notebook's experiments.
%
% Training options (names match ignoring case):
% @c options: the engine's table for il_train; tests/octave/test_docs.m checks it
% @table @code
% @item iters
% updates to make.  Default: 1000.
% @item epochs
% passes over the data, instead of @code{iters}.  Default: (none).
% @item lr
% learning rate.  Default: 0.01.
% @item batch
% mini-batch size; 0 or m is the full batch.  Default: 0 (full batch).
% @item shuffle
% reshuffle the mini-batches every epoch (in an order drawn from
% @code{seed}).  Default: true.
% @item seed
% seed of the shuffling.  Default: 0.
% @item optimizer
% sgd, momentum, nesterov, rmsprop or adam.  Default: sgd.
% @item momentum
% momentum, nesterov.  Default: 0.9.
% @item beta1
% adam.  Default: 0.9.
% @item beta2
% adam.  Default: 0.999.
% @item rho
% rmsprop's decay.  Default: 0.9.
% @item eps
% adam, rmsprop.  Default: 1e-8.
% @item lambda
% regularization as courses write it: the cost becomes
% @code{loss + lambda/(2m) sum W^2} (biases excluded, m the samples of
% @var{X}, also with mini-batches) and every step adds @code{lambda/m W} to
% the gradient.  A course's @code{lambda = 1} is @code{'lambda', 1}.
% Default: 0.
% @item l2
% weight decay as the deep-learning libraries have it: every step adds
% @code{l2 W} to the gradient of W (not b), the gradient of a penalty
% @code{l2/2 sum W^2}; @code{l2 = lambda/m} is the same run, bit for bit.
% Default: 0.
% @item verbose
% print a progress line (iteration, loss, the saturation of each layer
% at the latest record) every @code{progress_every} iterations.
% Default: true.
% @item progress_every
% iterations between progress lines (and progress calls); 0: none.
% Default: 1000.
% @item progress
% a function handle called as @code{progress (iter, loss, iters,
% saturation)} every @code{progress_every} iterations (@var{saturation}:
% each layer's at the latest record, [] when not recording); returning
% false stops training (@code{rec.stopped = 'callback'}), and an error in
% it stops training and is raised again.  Default: (none).
% @item threads
% threads for the elementwise work of large layers (activations, slopes,
% bias sums, the update); 0 takes as many as the BLAS uses (OpenBLAS's
% count, else 1).  The results are the same bits whatever the count; the
% BLAS's own thread count is set outside (@env{OPENBLAS_NUM_THREADS}) and
% can move the last bits of large products.  Default: 0 (as many as the
% BLAS uses).
% @end table
%
% Recording options (recording happens when @var{rec} is asked for):
% @c options
% @table @code
% @item record_every
% record every k-th iteration.  Default: 0 (never).
% @item record_iters
% iterations to record as well.  Default: (none).
% @item validation
% a held-out set @code{@{Xv, Yv@}} (n0 x mv and nL x mv) whose loss and
% accuracy are recorded at every recorded iteration, as
% @code{rec.val_loss} and @code{rec.val_accuracy} (@code{il_plot (rec,
% 'loss')} draws them beside the training curves).  Default: (none).
% @item record
% what to record, a name or a cell of them: loss, weights, act,
% percentiles, hist, saturation, grad, norms, distinct, all.
% Default: all but weights.
% @item percentiles
% activation percentiles to record, in [0, 100] (sorted).
% Default: [5 25 50 75 95].
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
% refuse a recording larger than this many bytes, before training (0: the
% default).  Default: half the memory.
% @item accuracy
% how @code{rec.accuracy} counts: @code{'auto'}, @code{'categorical'} or
% @code{'binary'}, as @code{help il_accuracy} says.  Default: auto.
% @end table
%
% Ctrl-C stops training at once and returns the network and the record as
% they were then, with @code{rec.stopped = 'interrupted'}.  If a gradient
% or a weight becomes NaN or Inf, training stops at once:
% @code{rec.stopped = 'nonfinite'} and @code{rec.message} says at which
% iteration and layer.  A non-finite gradient is never applied, so the
% network returned is the last finite one (unless an update itself
% overflowed, which the message says).
%
% The update rules.  With g = dL/dW + (lambda/m + l2) W for a weight
% matrix (g = dL/db for a bias: the penalty leaves biases alone), t the
% update's number from 1, and the state v, s starting at 0:
% @table @asis
% @item sgd
% @code{w = w - lr g} (@code{torch.optim.SGD}).
% @item momentum
% @code{v = momentum v + g;  w = w - lr v} (@code{torch.optim.SGD} with
% @code{momentum}, dampening 0; Keras's @code{SGD(momentum)} keeps
% @code{-lr} inside v, the same steps at a constant lr).
% @item nesterov
% @code{v = momentum v + g;  w = w - lr (g + momentum v)}
% (@code{torch.optim.SGD(nesterov=True)}).
% @item rmsprop
% @code{s = rho s + (1 - rho) g.^2;  w = w - lr g ./ (sqrt (s) + eps)}: eps
% outside the root, as @code{torch.optim.RMSprop} (its @code{alpha} is
% rho, default 0.99 there; Keras's rho is 0.9, its eps 1e-7).
% @item adam
% @code{v = beta1 v + (1 - beta1) g;  s = beta2 s + (1 - beta2) g.^2;
% w = w - lr (v / (1 - beta1^t)) ./ (sqrt (s / (1 - beta2^t)) + eps)}
% (@code{torch.optim.Adam}; Keras's eps is 1e-7).
% @end table
% torch's @code{weight_decay} is @code{l2} here, except that torch decays
% biases too unless they sit in a parameter group of their own.
%
% The record @var{rec} holds plain arrays, one column per recorded
% iteration r: @code{rec.iter} (1 x R), @code{rec.loss} (the data loss of
% the training batch), @code{rec.accuracy}, @code{rec.penalty}
% (@code{(lambda/m + l2)/2 sum W^2}, 0 without them), @code{rec.cost}
% (@code{loss + penalty}: the regularized cost a course prints),
% @code{rec.val_loss} and @code{rec.val_accuracy} (with @code{'validation'};
% the data loss, no penalty),
% @code{rec.W@{l@}} (n(l) x n(l-1) x R), @code{rec.b@{l@}} (n(l) x 1 x R), and
% L x R matrices @code{act_mean}, @code{act_std}, @code{act_min},
% @code{act_max}, @code{saturation}, @code{sat_low}, @code{sat_high},
% @code{dead}, @code{grad_std}, @code{weight_norm}, @code{update_ratio},
% @code{distinct}; @code{rec.percentiles} (L x P x R), @code{rec.hist} (L x
% bins x R) with @code{rec.hist_edges}; and always @code{rec.iters_done},
% @code{rec.final_loss}, @code{rec.stopped} ('' when training ran to the
% end; nonfinite, interrupted or callback), @code{rec.message},
% @code{rec.stop_iter} and @code{rec.stop_layer}.  Iteration t is the state
% after t updates; iteration 0 and the last one are always recorded.
%
% Definitions: a unit-sample is @strong{saturated} when |f'(z)| <= theta *
% max|f'| (theta = sat_theta): sigmoid outputs below 0.0127 or above 0.9873,
% tanh |a| > 0.9747, relu z <= 0; @code{sat_low}/@code{sat_high} split it by
% the sign of z.  A unit of the relu family is @strong{dead} when z <= 0 for
% every sample of the batch (NaN for other activations).  The number of
% @strong{distinct} units counts the rows of [W b] that differ from every
% earlier row by more than distinct_tol times the largest |entry|: 1,
% forever, for a zero-initialized layer.  @code{grad_std} is the std of
% dL/dZ, @code{update_ratio} ||W(t+1)-W(t)|| / ||W(t)|| for the step taken
% from iteration t.  Losses: bce and sce are means over samples, mse is
% (1/m) sum 1/2 ||a - y||^2.
%
% @example
% [X, Y] = il_dataset ('circles', 300, 'noise', 0.05, 'seed', 1);
% net = il_init (il_net ([2 10 5 1], @{'relu', 'relu', 'sigmoid'@}), 'he', 'seed', 3);
% [net, rec] = il_train (net, X, Y, 'iters', 15000, 'lr', 0.01, 'record_every', 100);
% plot (rec.iter, rec.loss)
% @end example
% @seealso{il_net, il_init, il_plot, il_stats}
% @end deftypefn
function [net, rec] = il_train (net, X, Y, varargin)
  if nargin < 3
    error ('initlab:badArg', 'usage: [net, rec] = il_train (net, X, Y, option, value, ...)');
  end
  if nargout > 1  % the record is made only when it is taken
    [net, rec] = __initlab__ ('train', net, X, Y, varargin{:});
  else
    net = __initlab__ ('train', net, X, Y, varargin{:});
  end
end

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
%! % the record's last loss is the loss of the network returned
%! [~, loss] = il_accuracy (net, X, Y);
%! assert (rec.loss(end), loss, 1e-15);
%!test
%! % zero init: one distinct hidden unit for the whole run.  Sigmoid hidden
%! % units (sigmoid(0) = 1/2, unlike tanh(0) = 0) let the weights move.
%! net = il_init (il_net ([2 8 1], 'sigmoid'), 'zeros');
%! [net, rec] = il_train (net, X, Y, 'iters', 200, 'lr', 0.5, 'record_every', 50, ...
%!                        'record', {'distinct', 'weights'}, 'verbose', false);
%! assert (rec.distinct(1, :), ones (1, 5));
%! assert (any (net.W{1}(:) ~= 0));
%! assert (size (rec.W{1}), [8 2 5]);
%! assert (rec.W{1}(:, :, end), net.W{1});
%! assert (size (rec.b{1}), [8 1 5]);
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
%! % a progress line every progress_every iterations, none when not verbose
%! out = evalc ("il_train (net0, X, Y, 'iters', 300, 'progress_every', 100);");
%! assert (numel (strfind (out, 'iter ')), 3);
%! assert (! isempty (strfind (out, 'loss')));
%! out = evalc ("il_train (net0, X, Y, 'iters', 300, 'verbose', false);");
%! assert (isempty (out));
%!test
%! % a progress function replaces the line, as in Lua, unless verbose is given
%! f = @(varargin) true;
%! out = evalc ('il_train (net0, X, Y, ''iters'', 300, ''progress_every'', 100, ''progress'', f);');
%! assert (isempty (out));
%! out = evalc ('il_train (net0, X, Y, ''iters'', 300, ''progress_every'', 100, ''progress'', f, ''verbose'', true);');
%! assert (numel (strfind (out, 'iter ')), 3);
%!error <X and Y must have the same number of columns> il_train (net0, X, Y(:, 1:10))
%!error <Y must have 1 rows> il_train (net0, X, [Y; Y])
%!error <lr must be a number, got a string> il_train (net0, X, Y, 'lr', 'big')
%!error <unknown optimizer 'adamw'> il_train (net0, X, Y, 'optimizer', 'adamw')
%!error <unknown option 'iter'> il_train (net0, X, Y, 'iter', 10)
%!error <unknown record part 'wieghts'> [~, r] = il_train (net0, X, Y, 'iters', 1, 'record', 'wieghts', 'verbose', false);
%!error id=initlab:tooBig [~, r] = il_train (net0, X, Y, 'iters', 100000, 'record_every', 1, 'record', 'weights', 'max_bytes', 1e6, 'verbose', false);
%!test
%! % the engine's defaults: recording leaves the weights out unless asked
%! [~, rec] = il_train (net0, X, Y, 'iters', 10, 'verbose', false);
%! assert (~isfield (rec, 'W'));
%! assert (rec.iter, [0 10]);
%! assert (rec.stop_iter, 0);
%!test
%! % a progress function sees (iter, loss, iters, saturation); false stops
%! [~, rec] = il_train (net0, X, Y, 'iters', 500, 'progress_every', 100, 'verbose', false, ...
%!                      'record_every', 100, 'progress', @(it, loss, n, sat) it < 300);
%! assert (rec.stopped, 'callback');
%! assert (rec.iters_done, 300);
%!error <boom> il_train (net0, X, Y, 'iters', 50, 'progress_every', 10, 'verbose', false, 'progress', @(varargin) error ('my:id', 'boom'))
%!error id=my:id il_train (net0, X, Y, 'iters', 50, 'progress_every', 10, 'verbose', false, 'progress', @(varargin) error ('my:id', 'boom'))
%!test
%! % X and Y of other real classes are used as doubles
%! a = il_train (net0, X, Y, 'iters', 5, 'verbose', false);
%! b = il_train (net0, single (X), logical (Y), 'iters', 5, 'verbose', false);
%! assert (size (b.W{1}), size (a.W{1}));
%!error id=initlab:badArg il_train (net0, complex (X), Y)
%!error id=initlab:badArg il_train (net0, sparse (X), Y)
%!error id=initlab:badArg il_train (net0, X, {Y})
%!error id=initlab:badOption il_train (net0, X, Y, 'itres', 5)
%!error id=initlab:badValue il_train (net0, X, Y, 'lr', NaN)
%!test
%! % a course's lambda: rec.cost is the regularized cost il_cost gives,
%! % rec.loss the data loss, rec.penalty lambda/(2m) sum W^2
%! [X, Y] = il_dataset ('moons', 60, 'seed', 2);
%! net = il_init (il_net ([2 4 1], {'tanh', 'sigmoid'}), 'xavier_normal', 'seed', 5);
%! [net2, rec] = il_train (net, X, Y, 'iters', 20, 'lr', 0.5, 'lambda', 1, 'record_every', 20, 'verbose', false);
%! assert (rec.cost(end), il_cost (net2, X, Y, 'lambda', 1), 1e-15);
%! assert (rec.loss(end), il_cost (net2, X, Y), 1e-15);
%! assert (rec.penalty(1), 1 / 120 * (sumsq (net.W{1}(:)) + sumsq (net.W{2}(:))), 1e-15);
%! assert (rec.cost, rec.loss + rec.penalty);
%! % the same run as l2 = lambda/m
%! [net3, rec3] = il_train (net, X, Y, 'iters', 20, 'lr', 0.5, 'l2', 1 / 60, 'record_every', 20, 'verbose', false);
%! assert (net3.W{1}, net2.W{1});
%! assert (rec3.penalty, rec.penalty, 1e-16);
%!test
%! % a validation set: its loss and accuracy at every recorded iteration
%! [X, Y] = il_dataset ('circles', 80, 'seed', 1);
%! [Xv, Yv] = il_dataset ('circles', 40, 'seed', 9);
%! net = il_init (il_net ([2 6 1], {'relu', 'sigmoid'}), 'he_normal', 'seed', 3);
%! [net2, rec] = il_train (net, X, Y, 'iters', 30, 'lr', 0.1, 'record_every', 10, 'validation', {Xv, Yv}, 'verbose', false);
%! assert (size (rec.val_loss), [1 4]);
%! [acc0, loss0] = il_accuracy (net, Xv, Yv);
%! [acc, loss] = il_accuracy (net2, Xv, Yv);
%! assert ([rec.val_loss(1) rec.val_accuracy(1)], [loss0 acc0]);
%! assert ([rec.val_loss(end) rec.val_accuracy(end)], [loss acc]);
%! [~, rec] = il_train (net, X, Y, 'iters', 30, 'record_every', 10, 'verbose', false);
%! assert (! isfield (rec, 'val_loss'));
%!error <validation must be \{Xv, Yv\}, two matrices; got 1> il_train (il_net ([2 1], 'sigmoid'), [1; 2], 1, 'validation', {[1; 2]})
%!error <validation \{Xv, Yv\} must have 2 and 1 rows> il_train (il_net ([2 1], 'sigmoid'), [1; 2], 1, 'validation', {[1 2], 1})
%!error <validation: Y must be in \[0, 1\]> [~, r] = il_train (il_net ([2 1], 'sigmoid'), [1; 2], 1, 'validation', {[1; 2], 3});
%!test
%! % with a penalty the progress line gives the regularized cost too
%! net = il_init (il_net ([2 3 1], {'tanh', 'sigmoid'}), 'xavier_normal', 'seed', 2);
%! X = [1 -1 2 0; 0 1 1 -2];  Y = [1 0 1 0];
%! out = evalc ("il_train (net, X, Y, 'iters', 1, 'lambda', 4);");
%! assert (! isempty (strfind (out, sprintf ('cost %.6g', il_cost (net, X, Y, 'lambda', 4)))));
%! out = evalc ("il_train (net, X, Y, 'iters', 1);");
%! assert (isempty (strfind (out, 'cost')));
%!test
%! % targets as students write them: Y = (labels == 1:K)' is logical
%! labels = [1 3 2 2 1 3]';
%! X = [labels'; -labels'] / 3;
%! Y = (labels == 1:3)';
%! assert (islogical (Y));
%! net = il_init (il_net ([2 4 3], {'tanh', 'softmax'}), 'xavier_normal', 'seed', 4);
%! [a, ra] = il_train (net, X, Y, 'iters', 20, 'lr', 0.5, 'record_every', 10, 'verbose', false);
%! [b, rb] = il_train (net, X, double (Y), 'iters', 20, 'lr', 0.5, 'record_every', 10, 'verbose', false);
%! assert (a.W, b.W);
%! assert (ra.loss, rb.loss);
%! assert (ra.loss(end) < ra.loss(1));
%!test
%! % logical, single and integer X and Y train as their doubles do, options too
%! [X, Y] = il_dataset ('xor', 30, 'seed', 3);
%! net = il_net ([2 3 1], {'tanh', 'sigmoid'});
%! [want, rw] = il_train (net, round (X * 4), Y, 'iters', 10, 'lr', 0.25, 'record_every', 5, 'verbose', false);
%! for cls = {@int8, @int16, @single, @double}
%!   for ycls = {@logical, @uint16, @int8, @single}
%!     [got, rg] = il_train (net, cls{1} (round (X * 4)), ycls{1} (Y), 'iters', int32 (10), ...
%!                           'lr', single (0.25), 'record_every', uint8 (5), 'verbose', false);
%!     assert (got.W, want.W);
%!     assert (rg.loss, rw.loss);
%!   end
%! end
%! % a logical X is its 0/1 values; a probe batch of any class too
%! [~, r1] = il_train (net, X > 0, Y, 'iters', 2, 'record_every', 1, 'probe', int8 (X * 4), 'verbose', false);
%! [~, r2] = il_train (net, double (X > 0), Y, 'iters', 2, 'record_every', 1, 'probe', double (int8 (X * 4)), 'verbose', false);
%! assert (r1.act_mean, r2.act_mean);
%!error <X must be a real matrix, got a sparse matrix; convert it with full\(\)> il_train (il_net ([2 1], 'sigmoid'), sparse ([1 0; 0 1]), [1 0])
%!error <Y must be a real matrix, got a sparse matrix> il_train (il_net ([2 1], 'sigmoid'), [1 0; 0 1], sparse ([1 0]))
%!error <X must be a real matrix, got a complex array> il_train (il_net ([2 1], 'sigmoid'), [1 0; 0 1i], [1 0])
%!error id=initlab:badArg il_train (il_net ([2 1], 'sigmoid'), [1; 0], complex (1, 0))
%!error <probe must be a matrix of numbers, got a sparse matrix> il_train (il_net ([2 1], 'sigmoid'), [1; 0], 1, 'probe', sparse ([1; 0]))
