% -*- texinfo -*-
% @deftypefn  {} {@var{J} =} il_cost (@var{net}, @var{X}, @var{Y})
% @deftypefnx {} {[@var{J}, @var{grad}] =} il_cost (@var{net}, @var{X}, @var{Y}, 'lambda', @var{lambda})
% The cost of @var{net} on samples @var{X} (n0 x m) with targets @var{Y}
% (nL x m), and its gradient unrolled into one column, as a course's
% @code{nnCostFunction} returns them: what a gradient checker, @code{fminunc}
% or @code{fmincg} takes.
%
% The cost is the network's loss (cross-entropy after a sigmoid output,
% summed over the outputs and averaged over the samples; softmax
% cross-entropy; or half the squared error, summed over the outputs) plus
% the penalty on the weights, never the biases:
% @example
% J = loss + lambda/(2m) * sum_l sum (W_l(:).^2) + l2/2 * sum_l sum (W_l(:).^2)
% @end example
% and @var{grad} is its derivative, so @code{lambda/m * W_l} (and
% @code{l2 * W_l}) more on every weight.  @code{'lambda'} is the
% regularization of a course (Andrew Ng's ex4 writes @code{lambda/(2*m) *
% sum (Theta(:,2:end)(:).^2)}); @code{'l2'} the per-step weight decay of
% the deep-learning libraries (@code{weight_decay} of @code{torch.optim.SGD});
% @code{l2 = lambda/m} is the same penalty.  @code{il_train} follows this
% cost and records it as @code{rec.cost} (@code{rec.loss} + @code{rec.penalty}).
%
% @var{grad} unrolls layer by layer as the course does: layer l's
% @code{Theta_l = [b_l W_l]} (bias first), column by column, so
% @code{grad = [Theta_1(:); Theta_2(:); @dots{}]}; @code{il_unroll} gives
% the parameters in the same order and @code{il_reroll} puts such a vector
% back.  @code{il_gradients} gives the same derivatives as one matrix per
% layer.  Logical, single and integer @var{X} and @var{Y} are converted to
% double.
%
% @c options: the engine's table for il_cost; tests/octave/test_docs.m checks it
% @table @code
% @item lambda
% regularization as courses write it: adds @code{lambda/(2m) sum W^2} to the
% cost and @code{lambda/m W} to the gradient (m samples). Default: 0.
% @item l2
% weight decay: adds @code{l2 W} to the gradient (@code{l2/2 sum W^2} to the
% cost); @code{l2 = lambda/m}. Default: 0.
% @end table
%
% A gradient check, as courses write it (lesson 8 runs it):
% @example
% theta = il_unroll (net);
% [J, grad] = il_cost (net, X, Y, 'lambda', 3);
% h = 1e-4;  num = zeros (size (theta));
% for i = 1:numel (theta)
%   e = zeros (size (theta));  e(i) = h;
%   num(i) = (il_cost (il_reroll (net, theta + e), X, Y, 'lambda', 3) - ...
%             il_cost (il_reroll (net, theta - e), X, Y, 'lambda', 3)) / (2*h);
% end
% norm (num - grad) / norm (num + grad)   % below 1e-9
% @end example
% With @code{fminunc}: @code{f = @@(t) il_cost (il_reroll (net, t), X, Y,
% 'lambda', 1);} then @code{theta = fminunc (f, il_unroll (net),
% optimset ('GradObj', 'on'))}.
%
% Lua: @code{net:cost(X, Y, @{lambda = 1@})}; C: @code{il_cost}.
% @seealso{il_gradients, il_unroll, il_reroll, il_train}
% @end deftypefn
function [J, grad] = il_cost (net, X, Y, varargin)
  if nargin < 3
    error ('initlab:badArg', 'usage: [J, grad] = il_cost (net, X, Y, ''lambda'', lambda)');
  end
  [J, grad] = __initlab__ ('cost', net, X, Y, varargin{:});
end

%!function [J, grad] = course_cost (Theta1, Theta2, X, Y, lambda)
%! % a two-layer sigmoid network's regularized cross-entropy, written the
%! % way the assignment writes it: samples as rows, biases as Theta's first column
%! m = rows (X);
%! sig = @(z) 1 ./ (1 + exp (-z));
%! a1 = [ones(m, 1) X];
%! z2 = a1 * Theta1';
%! a2 = [ones(m, 1) sig(z2)];
%! h = sig (a2 * Theta2');
%! J = -sum (sum (Y .* log (h) + (1 - Y) .* log (1 - h))) / m ...
%!     + lambda / (2 * m) * (sum (sum (Theta1(:, 2:end) .^ 2)) + sum (sum (Theta2(:, 2:end) .^ 2)));
%! d3 = h - Y;
%! d2 = (d3 * Theta2(:, 2:end)) .* sig (z2) .* (1 - sig (z2));
%! G1 = d2' * a1 / m;  G2 = d3' * a2 / m;
%! G1(:, 2:end) += lambda / m * Theta1(:, 2:end);
%! G2(:, 2:end) += lambda / m * Theta2(:, 2:end);
%! grad = [G1(:); G2(:)];
%!endfunction

%!test
%! % against the course's cost, lambda 0 and 1, to 1e-12
%! net = il_init (il_net ([4 5 3], 'sigmoid'), 'normal', 'std', 0.8, 'seed', 4, 'bias', 'normal');
%! X = sin (1:4)' * (1:20) / 7;
%! labels = mod (0:19, 3) + 1;
%! Y = double (labels == (1:3)');
%! for lambda = [0 1 3]
%!   [J, grad] = il_cost (net, X, Y, 'lambda', lambda);
%!   [Jc, gc] = course_cost ([net.b{1} net.W{1}], [net.b{2} net.W{2}], X', Y', lambda);
%!   assert (J, Jc, 1e-12 * abs (Jc));
%!   assert (grad, gc, 1e-12 * max (abs (gc)));
%! end
%! % the unrolled parameters are the course's [Theta1(:); Theta2(:)]
%! assert (il_unroll (net), [[net.b{1} net.W{1}](:); [net.b{2} net.W{2}](:)]);
%!test
%! % lambda is l2 = lambda/m; the penalty leaves the biases alone
%! net = il_init (il_net ([2 3 1], {'tanh', 'sigmoid'}), 'xavier_normal', 'seed', 1, 'bias', 0.5);
%! X = [1 -2 0.5 3; 0 1 -1 2];  Y = [1 0 0 1];
%! J0 = il_cost (net, X, Y);
%! J = il_cost (net, X, Y, 'lambda', 2);
%! assert (J - J0, 2 / 8 * (sumsq (net.W{1}(:)) + sumsq (net.W{2}(:))), 1e-14);
%! [J2, g2] = il_cost (net, X, Y, 'l2', 2 / 4);
%! [~, g] = il_cost (net, X, Y, 'lambda', 2);
%! assert (J2, J, 1e-15);
%! assert (g2, g, 1e-15);
%! [~, g0] = il_cost (net, X, Y);
%! b_at = [1:3, 10];  % b1 leads layer 1's block, b2 layer 2's
%! assert (g(b_at), g0(b_at));
%! assert (numel (g), 3 * 3 + 1 * 4);
%!test
%! % logical and single inputs are converted
%! net = il_net ([2 1], 'sigmoid', 'seed', 2);
%! assert (il_cost (net, single ([1 0; 0 1]), logical ([1 0])), il_cost (net, [1 0; 0 1], [1 0]), 1e-15);
%!error <lambda must be a finite number .= 0, got -1> il_cost (il_net ([2 1], 'sigmoid'), [1; 2], 1, 'lambda', -1)
%!error <Y must have 1 rows> il_cost (il_net ([2 1], 'sigmoid'), [1; 2], [1; 0])
%!error <unknown option 'lamda'> il_cost (il_net ([2 1], 'sigmoid'), [1; 2], 1, 'lamda', 1)
%!error <usage> il_cost (il_net ([2 1], 'sigmoid'), [1; 2])
