% -*- texinfo -*-
% @deftypefn  {} {@var{net} =} il_init (@var{net}, @var{name})
% @deftypefnx {} {@var{net} =} il_init (@var{net}, @var{name}, @var{option}, @var{value}, @dots{})
% @deftypefnx {} {[@var{net}, @var{info}] =} il_init (@dots{})
% Initializes the weights (and biases) of every layer of @var{net}.
%
% @var{name} is one initializer for all layers, or a cell with one per
% layer:
%
% @table @code
% @item zeros, ones, constant
% every weight 0, 1, or @code{value}
% @item uniform, normal, truncated_normal
% U[a, b]; N(mean, std^2); N(mean, std^2) redrawn outside mean +- 2 std
% @item scaled_normal (randn)
% randn * scale: the seed notebook's "small" 0.01 and "large" 10
% @item xavier_uniform, xavier_normal (glorot_*, xavier = xavier_normal)
% U[+-gain*sqrt(6/(fan_in+fan_out))], N(0, gain^2*2/(fan_in+fan_out))
% @item he_uniform, he_normal (kaiming_*, he = he_normal)
% g = gain*sqrt(2/(1+slope^2)): U[+-g*sqrt(3/fan)], N(0, g^2/fan)
% @item lecun_uniform, lecun_normal (lecun = lecun_normal)
% U[+-sqrt(3/fan)], N(0, 1/fan).  The seed notebook's "Xavier",
% randn*sqrt(1/n_in), is this one.
% @item variance_scaling
% variance scale/fan with @code{mode} and @code{distribution} (normal,
% uniform, truncated_normal): the general form of the four above
% @item orthogonal
% QR of a Gaussian matrix with the sign fix, times gain: W'W = gain^2 I
% @item identity, sparse
% gain * eye; N(0, std^2) with a @code{fraction} of each column zeroed
% @item nguyen_widrow
% MATLAB's shallow-network default (initnw): unit rows of length
% 0.7*S^(1/R) spread over the activation's active range (sigmoid +-4, tanh
% +-2), mapped to the input ranges of @code{X} if given (else [-1, 1]); a
% constant input is centred rather than divided by zero
% @item default
% what il_net gives a fresh network: he_normal for the relu family,
% lecun_normal for selu, xavier_uniform otherwise
% @item lsuv
% orthogonal, then each layer rescaled until the variance of its outputs on
% the batch @code{X} is within @code{tol} of 1 (at most @code{max_trials}
% times); @var{info}.lsuv_trials says how many it took
% @item matrix
% the @code{matrix} given (a cell of matrices when per layer)
% @end table
%
% Options (names match ignoring case):
% @c options: the engine's table for il_init; tests/octave/test_docs.m checks it
% @table @code
% @item init
% the second argument (also called name): one initializer for every layer,
% or a cell of one per layer.  Default: (required).
% @item seed
% seed of the stream that draws layer 1's W, its b, layer 2's W, ...
% Default: 0.
% @item rng
% the stream: xoshiro, or numpy (NumPy's legacy generator, see below).
% Default: xoshiro.
% @item gain
% xavier_*, orthogonal, identity, lsuv; he_* multiply it in.  Default: 1.
% @item mode
% he_*, lecun_*, variance_scaling: fan_in, fan_out or fan_avg.
% Default: fan_in.
% @item distribution
% variance_scaling: normal, uniform or truncated_normal.  Default: normal.
% @item slope
% he_*: the negative slope of a leaky relu.  Default: 0.
% @item scale
% scaled_normal: randn * scale; variance_scaling: variance scale/fan.
% Default: 0.01 (scaled_normal), 1.
% @item value
% constant's value.  Default: 0.
% @item a
% uniform's low end.  Default: -0.05.
% @item b
% uniform's high end.  Default: 0.05.
% @item mean
% normal, truncated_normal.  Default: 0.
% @item std
% normal, truncated_normal, sparse (the std of the nonzeros).
% Default: 1 (sparse 0.01).
% @item fraction
% sparse: the fraction of each column set to zero, in [0, 1).  Default: 0.1.
% @item matrix
% matrix: the weights, one matrix or a cell of one per layer.
% Default: (none).
% @item X
% a batch (n0 x m): lsuv needs it, nguyen_widrow reads its input ranges.
% Default: (none).
% @item tol
% lsuv: how far each layer's output variance may stay from 1.
% Default: 0.05.
% @item max_trials
% lsuv: rescalings per layer.  Default: 10.
% @item bias
% the biases' initializer: a name, a cell of one per layer, or a number
% (constant biases).  Default: zeros.
% @end table
%
% One stream seeded with @code{seed} draws layer 1's W, then its b, then
% layer 2's: the same seed gives the same weights here, in Lua and in C.
% Option @code{rng}: @code{'xoshiro'} (the default stream) or
% @code{'numpy'}, NumPy's legacy generator: with it @code{seed} is
% @code{np.random.seed}'s (0 to 2^32-1) and each W is drawn row by row as
% NumPy fills an array, so @code{il_init (net, 'he', 'rng', 'numpy',
% 'seed', 3)} gives the weights of @code{np.random.seed(3)} then
% @code{np.random.randn(n, n_in) * np.sqrt(2 / n_in)} per layer.
%
% @example
% net = il_init (net, 'he', 'seed', 3);
% net = il_init (net, 'he', 'rng', 'numpy', 'seed', 3);  % as NumPy draws it
% net = il_init (net, 'scaled_normal', 'scale', 10);      % the "large" init
% net = il_init (net, @{'orthogonal', 'orthogonal', 'xavier_uniform'@}, 'gain', 5/3);
% @end example
% @seealso{il_net, il_gain}
% @end deftypefn
function [net, info] = il_init (net, name, varargin)
  if nargin < 2
    error ('initlab:badArg', 'usage: [net, info] = il_init (net, name, option, value, ...)');
  end
  [net, trials] = __initlab__ ('init', net, name, varargin{:});
  info = struct ('lsuv_trials', trials);
end

%!test
%! net = il_net ([2 10 5 1], {'relu', 'relu', 'sigmoid'});
%! a = il_init (net, 'he', 'seed', 3);
%! b = il_init (net, 'he', 'seed', 3);
%! c = il_init (net, 'he', 'seed', 4);
%! assert (a.W, b.W);
%! assert (! isequal (a.W{1}, c.W{1}));
%!test
%! net = il_init (il_net ([4 6 3], 'tanh'), 'zeros');
%! assert (all (cellfun (@(W) all (W(:) == 0), net.W)));
%!test
%! net = il_init (il_net ([50 400 1], 'tanh'), 'scaled_normal', 'scale', 10, 'seed', 1);
%! assert (std (net.W{1}(:)), 10, 0.3);
%!test
%! net = il_init (il_net ([30 20 1], 'tanh'), 'orthogonal', 'gain', 2);
%! W = net.W{1};
%! assert (W * W', 4 * eye (20), 1e-12);
%!test
%! net = il_init (il_net ([3 4 2], 'tanh'), {'zeros', 'ones'}, 'bias', 0.5);
%! assert (net.W{2}, ones (2, 4));
%! assert (net.b{1}, 0.5 * ones (4, 1));
%!test
%! X = randn (8, 200);
%! [net, info] = il_init (il_net ([8 16 16 1], 'tanh'), 'lsuv', 'X', X, 'seed', 2);
%! assert (all (info.lsuv_trials >= 1));
%! [~, Z] = il_forward (net, X);
%! assert (var (Z{1}(:), 1), 1, 0.05);
%!test
%! M = reshape (1:6, 3, 2);
%! net = il_init (il_net ([2 3 1], 'tanh'), {'matrix', 'zeros'}, 'matrix', {M, []});
%! assert (net.W{1}, M);
%!error <unknown initializer 'hee'> il_init (il_net ([2 3 1], 'tanh'), 'hee')
%!error id=initlab:badSize il_init (il_net ([2 3 1], 'tanh'), {'he', 'he', 'he'})
%!error <uniform needs low <= high> il_init (il_net ([2 3 1], 'tanh'), 'uniform', 'a', 1, 'b', 0)
%!error <unknown option 'sead'> il_init (il_net ([2 3 1], 'tanh'), 'he', 'sead', 1)
%!error id=initlab:badValue il_init (il_net ([2 3 1], 'tanh'), 'he', 'seed', -1)
%!test
%! % np.random.seed(3); W1 = np.random.randn(4, 2) * np.sqrt(2 / 2): the
%! % assignment's initialize_parameters_he([2, 4, 1]) gives W1's first row
%! % as 1.78862847, 0.43650985
%! net = il_init (il_net ([2 4 1], {'relu', 'sigmoid'}), 'he', 'rng', 'numpy', 'seed', 3);
%! assert (net.W{1}(1, :), [1.78862847 0.43650985], 5e-9);
%! assert (net.b{1}, zeros (4, 1));
%!error <unknown rng 'python'> il_init (il_net ([2 3 1], 'tanh'), 'he', 'rng', 'python')
