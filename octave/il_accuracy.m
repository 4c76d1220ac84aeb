% -*- texinfo -*-
% @deftypefn  {} {[@var{acc}, @var{loss}] =} il_accuracy (@var{net}, @var{X}, @var{Y})
% @deftypefnx {} {[@var{acc}, @var{loss}] =} il_accuracy (@dots{}, 'accuracy', @var{rule})
% The fraction of samples @var{net} classifies right, and its loss, on
% @var{X} (n0 x m) and targets @var{Y} (nL x m), as a course counts it:
% with one sigmoid output a sample is right when output and target fall on
% the same side of 0.5; with several outputs and one-hot targets (each
% column a single 1, as @code{Y = (labels == (1:K)')} makes them) when the
% largest output is the target's class, for sigmoid outputs as for softmax.
% So a 10-class network that says "no" to every class scores 0.1, not
% 0.9.  NaN for mse networks.  @code{rec.accuracy} of @code{il_train} and
% @code{il_stats} counts the same way and takes the same option.
%
% @c options: the engine's table for il_accuracy; tests/octave/test_docs.m checks it
% @table @code
% @item accuracy
% how accuracy counts: @code{'auto'} (one output: the output and the target
% on the same side of 0.5; one-hot targets, each column a single 1: the
% largest output is the target's class; other targets: as binary),
% @code{'categorical'} (the largest output against the largest target, as
% Keras's categorical_accuracy) or @code{'binary'} (the fraction of outputs
% on the target's side of 0.5, each output counted: multi-label, as Keras's
% binary_accuracy).  softmax outputs always count categorically.
% Default: auto.
% @end table
% @seealso{il_predict, il_train}
% @end deftypefn
function [acc, loss] = il_accuracy (net, X, Y, varargin)
  if nargin < 3
    error ('initlab:badArg', 'usage: [acc, loss] = il_accuracy (net, X, Y)');
  end
  [loss, acc] = __initlab__ ('evaluate', net, X, Y, varargin{:});
end

%!test
%! net = il_net ([1 1], 'sigmoid');
%! net.W{1} = 1;  net.b{1} = 0;
%! [acc, loss] = il_accuracy (net, [-1 2 3], [0 1 0]);
%! assert (acc, 2/3, 1e-15);
%! assert (loss, mean ([log1p(exp(-1)), log1p(exp(-2)), log1p(exp(3))]), 1e-14);
%!error <X and Y must have the same number of columns> il_accuracy (il_net ([1 1], 'sigmoid'), [1 2], [1])
%!error <Y must be in \[0, 1\] for loss 'bce'> il_accuracy (il_net ([1 1], 'sigmoid'), [1 2], [1 2])
%!error id=initlab:badOption il_accuracy (il_net ([1 1], 'sigmoid'), [1 2], [1 0], 'extra')
%!error <unknown accuracy rule 'top5'> il_accuracy (il_net ([1 1], 'sigmoid'), [1 2], [1 0], 'accuracy', 'top5')
%!test
%! % ten sigmoid outputs that say "no" to every class: 1 in 10, not 9 in 10
%! net = il_net ([2 10], 'sigmoid');
%! net.W{1} = zeros (10, 2);  net.b{1} = -5 * ones (10, 1);
%! net.b{1}(3) = -4;  % class 3 is the largest output, always
%! labels = mod (0:99, 10) + 1;
%! Y = double (labels == (1:10)');
%! X = zeros (2, 100);
%! assert (il_accuracy (net, X, Y), 0.1, 1e-15);
%! assert (il_accuracy (net, X, Y, 'accuracy', 'binary'), 0.9, 1e-15);
%! assert (il_accuracy (net, X, Y, 'accuracy', 'categorical'), 0.1, 1e-15);
%! % the same rule in the records
%! s = il_stats (net, X, Y);
%! assert (s.accuracy, 0.1, 1e-15);
%! s = il_stats (net, X, Y, 'accuracy', 'binary');
%! assert (s.accuracy, 0.9, 1e-15);
%! % targets that are not one-hot (multi-label) count each output
%! Y2 = Y;  Y2(1, :) = 1;
%! assert (il_accuracy (net, X, Y2), (9 * 100 - 90 + 0) / 1000, 1e-15);
%!test
%! % one sigmoid output keeps the 0.5 rule; softmax counts its largest output
%! net = il_net ([1 3], 'softmax');
%! net.W{1} = [1; 0; -1];  net.b{1} = [0; 0; 0];
%! assert (il_accuracy (net, [2 -2 0.1], [1 0 1; 0 0 0; 0 1 0]), 1, 1e-15);
%!test
%! % one-hot targets as students write them, Y = (labels == 1:K)', and X of
%! % other classes: the same accuracy and loss as their doubles
%! net = il_init (il_net ([2 5 3], {'tanh', 'sigmoid'}), 'xavier_normal', 'seed', 7);
%! labels = [1 2 3 3 2 1 1]';
%! X = int16 ([labels'; 4 - labels']);
%! Y = (labels == 1:3)';
%! [acc, loss] = il_accuracy (net, X, Y);
%! [acc2, loss2] = il_accuracy (net, double (X), double (Y));
%! assert ([acc, loss], [acc2, loss2]);
%! [acc3, loss3] = il_accuracy (net, single (X), uint8 (Y));
%! assert ([acc3, loss3], [acc2, loss2]);
%!error <Y must be a real matrix, got a sparse matrix> il_accuracy (il_net ([1 1], 'sigmoid'), [1 2], sparse ([1 0]))
