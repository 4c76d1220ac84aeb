% -*- texinfo -*-
% @deftypefn  {} {@var{net} =} il_net (@var{sizes}, @var{act})
% @deftypefnx {} {@var{net} =} il_net (@dots{}, @var{name}, @var{value})
% Builds a fully connected network with layer sizes @var{sizes} = [n0 n1 ...
% nL] (n0 inputs, nL outputs) and one activation per layer.
%
% @var{act} is a cell of L names, or one name for every layer: linear,
% sigmoid, tanh, relu, leaky_relu, elu, selu, softsign, softplus, and softmax
% (output layer only).
%
% Options (names match ignoring case):
% @c options: the engine's table for il_net; tests/octave/test_docs.m checks it
% @table @code
% @item sizes
% the first argument: layer sizes n0, n1, ..., nL, whole numbers >= 1.
% Default: (required).
% @item act
% the second argument: one activation for every layer, or a cell of one per
% layer.  Default: (required).
% @item act_param
% one number per layer: the negative slope of leaky_relu (0.01) or the alpha
% of elu (1); NaN keeps the activation's own.  Default: NaN (each
% activation's own).
% @item loss
% mse, bce (binary cross-entropy; needs a sigmoid output) or sce (softmax
% cross-entropy; needs a softmax output); auto is the one the output
% activation calls for: sigmoid gives bce, softmax sce, anything else mse.
% Default: auto.
% @item seed
% seed of the default initialization.  Default: 0.
% @end table
%
% The network is a plain struct: @code{net.sizes}, @code{net.act},
% @code{net.act_param}, @code{net.loss}, @code{net.W@{l@}} (n(l) x n(l-1)) and
% @code{net.b@{l@}} (n(l) x 1).  Read it, edit it (@code{net.W@{1@}(:) = 0}),
% @code{save} and @code{load} it; the il_* functions return new structs.
%
% A fresh network is initialized for its activations: He normal
% (randn * sqrt(2/n_in)) for relu, leaky_relu and elu layers, LeCun normal for
% selu, Xavier/Glorot uniform otherwise; biases zero.  @code{il_init} chooses
% anything else.
%
% @example
% net = il_net ([2 10 5 1], @{'relu', 'relu', 'sigmoid'@});
% @end example
% @seealso{il_init, il_train, il_forward}
% @end deftypefn
function net = il_net (sizes, act, varargin)
  if nargin < 2
    error ('initlab:badArg', 'usage: net = il_net (sizes, act, name, value, ...)');
  end
  net = __initlab__ ('net', sizes, act, varargin{:});
end

%!test
%! net = il_net ([2 10 5 1], {'relu', 'relu', 'sigmoid'});
%! assert (net.sizes, [2 10 5 1]);
%! assert (net.loss, 'bce');
%! assert (size (net.W{1}), [10 2]);
%! assert (size (net.b{3}), [1 1]);
%! assert (all (net.b{1} == 0));
%! % He normal by default for relu layers: std sqrt(2/n_in) on average
%! assert (std (net.W{2}(:)), sqrt (2/10), 0.15);
%!test
%! net = il_net ([3 4 2], 'tanh');
%! assert (net.act, {'tanh', 'tanh'});
%! assert (net.loss, 'mse');
%! net2 = il_net ([3 4 2], 'tanh');
%! assert (net2.W{1}, net.W{1});          % same default seed, same weights
%! net3 = il_net ([3 4 2], 'tanh', 'seed', 5);
%! assert (~isequal (net3.W{1}, net.W{1}));
%!test
%! net = il_net ([2 3 3], {'leaky_relu', 'softmax'}, 'act_param', [0.2 NaN]);
%! assert (net.loss, 'sce');
%! assert (net.act_param(1), 0.2);
%! assert (isnan (net.act_param(2)));
%!test
%! % option names match ignoring case, and single or integer sizes are whole numbers
%! net = il_net (int32 ([2 3 1]), {'relu', 'sigmoid'}, 'SEED', 2);
%! assert (net.act, {'relu', 'sigmoid'});
%! assert (net.sizes, [2 3 1]);
%!error <sizes must give at least 2 layer sizes> il_net ([2], 'relu')
%!error id=initlab:badValue il_net ([2 0 1], 'relu')
%!assert (il_net ([2 3 1], {'relu'}).act, {'relu', 'relu'})
%!error id=initlab:badSize il_net ([2 3 1], {'relu', 'relu', 'relu'})
%!error <unknown activation 'rleu'> il_net ([2 3 1], {'rleu', 'sigmoid'})
%!error id=initlab:badName il_net ([2 3 1], {'relu', 'sigmoid'}, 'loss', 'hinge')
%!error <loss 'bce' needs a sigmoid output layer, got tanh> il_net ([2 3 1], 'tanh', 'loss', 'bce')
%!error <unknown option 'los'> il_net ([2 3 1], 'tanh', 'los', 'bce')
%!error id=initlab:badSize il_net ([2 3 1], 'tanh', 'act_param', [1 2 3])
%!error id=initlab:badArg il_net ([2 3 1])
