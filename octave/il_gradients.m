% -*- texinfo -*-
% @deftypefn  {} {[@var{dW}, @var{db}, @var{J}] =} il_gradients (@var{net}, @var{X}, @var{Y})
% @deftypefnx {} {[@var{dW}, @var{db}, @var{J}] =} il_gradients (@dots{}, 'lambda', @var{lambda}, 'l2', @var{l2})
% The gradient of the cost of @var{net} on @var{X} (n0 x m) and @var{Y}
% (nL x m) by back-propagation, one matrix per layer: @code{dW@{l@}} has
% the shape of @code{net.W@{l@}}, @code{db@{l@}} of @code{net.b@{l@}};
% @var{J} is the cost.  The cost, the penalty (@code{'lambda'},
% @code{'l2'}: on the weights only, so @code{db} never has one) and the
% options are those of @code{il_cost}, which gives the same derivatives
% unrolled into one vector; see @code{help il_cost} for the formulas.
%
% @c options: the engine's table for il_gradients; tests/octave/test_docs.m checks it
% @table @code
% @item lambda
% regularization as courses write it: adds @code{lambda/(2m) sum W^2} to the
% cost and @code{lambda/m W} to the gradient (m samples). Default: 0.
% @item l2
% weight decay: adds @code{l2 W} to the gradient (@code{l2/2 sum W^2} to the
% cost); @code{l2 = lambda/m}. Default: 0.
% @end table
%
% Lua: @code{net:gradients(X, Y, @{lambda = 1@})} returns lists dW, db and J;
% C: @code{il_gradients}.
% @seealso{il_cost, il_unroll, il_train}
% @end deftypefn
function [dW, db, J] = il_gradients (net, X, Y, varargin)
  if nargin < 3
    error ('initlab:badArg', 'usage: [dW, db, J] = il_gradients (net, X, Y, ''lambda'', lambda)');
  end
  [dW, db, J] = __initlab__ ('gradients', net, X, Y, varargin{:});
end

%!test
%! net = il_init (il_net ([3 4 2], {'relu', 'softmax'}), 'he_normal', 'seed', 7, 'bias', 'normal', 'std', 0.1);
%! X = cos ((1:3)' * (1:6));
%! Y = il_onehot ([1 2 2 1 2 1], 2);
%! [dW, db, J] = il_gradients (net, X, Y, 'lambda', 0.5);
%! [Jc, grad] = il_cost (net, X, Y, 'lambda', 0.5);
%! assert (J, Jc);
%! assert (size (dW{1}), [4 3]);  assert (size (db{2}), [2 1]);
%! assert ([db{1}; dW{1}(:); db{2}; dW{2}(:)], grad);
%!test
%! % one step of il_train is W - lr * dW, with lambda
%! net = il_init (il_net ([2 3 1], {'tanh', 'sigmoid'}), 'xavier_uniform', 'seed', 3);
%! X = [1 -1 2 0.5; 0.3 2 -1 1];  Y = [1 0 1 0];
%! [dW, db] = il_gradients (net, X, Y, 'lambda', 1);
%! net1 = il_train (net, X, Y, 'iters', 1, 'lr', 0.1, 'lambda', 1, 'verbose', false);
%! assert (net1.W{1}, net.W{1} - 0.1 * dW{1}, 1e-15);
%! assert (net1.b{2}, net.b{2} - 0.1 * db{2}, 1e-15);
%!error <X must have 3 rows> il_gradients (il_net ([3 1], 'sigmoid'), [1; 2], 1)
%!error <usage> il_gradients (il_net ([3 1], 'sigmoid'))
