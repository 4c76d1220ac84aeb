## -*- texinfo -*-
## @deftypefn  {} {@var{net} =} il_net (@var{sizes}, @var{act})
## @deftypefnx {} {@var{net} =} il_net (@dots{}, @var{name}, @var{value})
## Builds a fully connected network with layer sizes @var{sizes} = [n0 n1 ...
## nL] (n0 inputs, nL outputs) and one activation per layer.
##
## @var{act} is a cell of L names, or one name for every layer: linear,
## sigmoid, tanh, relu, leaky_relu, elu, selu, softsign, softplus, and softmax
## (output layer only).
##
## Options:
## @table @code
## @item loss
## mse, bce (binary cross-entropy; needs a sigmoid output) or sce (softmax
## cross-entropy; needs a softmax output).  Default: the one the output
## activation calls for - sigmoid gives bce, softmax sce, anything else mse.
## @item act_param
## One number per layer: the negative slope of leaky_relu (default 0.01) or
## the alpha of elu (default 1); NaN keeps the default.
## @item seed
## Seed of the default initialization (default 0).
## @end table
##
## The network is a plain struct: @code{net.sizes}, @code{net.act},
## @code{net.act_param}, @code{net.loss}, @code{net.W@{l@}} (n(l) x n(l-1)) and
## @code{net.b@{l@}} (n(l) x 1).  Read it, edit it (@code{net.W@{1@}(:) = 0}),
## @code{save} and @code{load} it; the il_* functions return new structs.
##
## A fresh network is initialized for its activations: He normal
## (randn * sqrt(2/n_in)) for relu, leaky_relu and elu layers, LeCun normal for
## selu, Xavier/Glorot uniform otherwise; biases zero.  @code{il_init} chooses
## anything else.
##
## @example
## net = il_net ([2 10 5 1], @{'relu', 'relu', 'sigmoid'@});
## @end example
## @seealso{il_init, il_train, il_forward}
## @end deftypefn
function net = il_net (sizes, act, varargin)
  if (nargin < 2)
    print_usage ();
  endif
  if (! (isnumeric (sizes) && isreal (sizes) && isvector (sizes) ...
         && numel (sizes) >= 2 && all (sizes >= 1) && all (sizes == fix (sizes))))
    error ('initlab:badSize', ...
           'il_net: sizes must be a vector of at least 2 positive whole numbers');
  endif
  L = numel (sizes) - 1;
  if (ischar (act))
    act = repmat ({act}, 1, L);
  endif
  if (! iscellstr (act) || numel (act) != L)
    error ('initlab:badSize', ...
           'il_net: act must be one name or a cell of %d names (one per layer), got %d', ...
           L, numel (act));
  endif
  opts = il_options ('il_net', struct ('loss', 'auto', 'act_param', NaN (1, L), ...
                                       'seed', 0), varargin);
  il_check ('il_net', 'loss', opts.loss, 'string');
  il_check ('il_net', 'seed', opts.seed, 'count');
  if (! (isnumeric (opts.act_param) && numel (opts.act_param) == L))
    error ('initlab:badSize', 'il_net: act_param must have %d entries', L);
  endif
  net = struct ();
  net.sizes = double (sizes(:)');
  net.act = act(:)';
  net.act_param = double (opts.act_param(:)');
  net.loss = opts.loss;
  net.W = arrayfun (@(l) zeros (sizes(l+1), sizes(l)), 1:L, 'UniformOutput', false);
  net.b = arrayfun (@(l) zeros (sizes(l+1), 1), 1:L, 'UniformOutput', false);
  net = il_call ('init_default', net, opts.seed);
endfunction

%!test
%! net = il_net ([2 10 5 1], {'relu', 'relu', 'sigmoid'});
%! assert (net.sizes, [2 10 5 1]);
%! assert (net.loss, 'bce');
%! assert (size (net.W{1}), [10 2]);
%! assert (size (net.b{3}), [1 1]);
%! assert (all (net.b{1} == 0));
%! ## He normal by default for relu layers: std sqrt(2/n_in) on average
%! assert (std (net.W{2}(:)), sqrt (2/10), 0.15);
%!test
%! net = il_net ([3 4 2], 'tanh');
%! assert (net.act, {'tanh', 'tanh'});
%! assert (net.loss, 'mse');
%! net2 = il_net ([3 4 2], 'tanh');
%! assert (net2.W{1}, net.W{1});          # same default seed, same weights
%! net3 = il_net ([3 4 2], 'tanh', 'seed', 5);
%! assert (! isequal (net3.W{1}, net.W{1}));
%!test
%! net = il_net ([2 3 3], {'leaky_relu', 'softmax'}, 'act_param', [0.2 NaN]);
%! assert (net.loss, 'sce');
%! assert (net.act_param(1), 0.2);
%!error <sizes must be a vector> il_net ([2], 'relu')
%!error id=initlab:badSize il_net ([2 0 1], 'relu')
%!error id=initlab:badSize il_net ([2 3 1], {'relu'})
%!error <unknown activation 'rleu'> il_net ([2 3 1], {'rleu', 'sigmoid'})
%!error id=initlab:badName il_net ([2 3 1], {'relu', 'sigmoid'}, 'loss', 'hinge')
%!error <loss 'bce' needs a sigmoid output layer, got tanh> il_net ([2 3 1], 'tanh', 'loss', 'bce')
%!error <unknown option 'los'> il_net ([2 3 1], 'tanh', 'los', 'bce')
