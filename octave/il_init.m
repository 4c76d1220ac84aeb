% -*- texinfo -*-
% @deftypefn  {} {@var{net} =} il_init (@var{net}, @var{name})
% @deftypefnx {} {@var{net} =} il_init (@var{net}, @var{name}, @var{option}, @var{value}, @dots{})
% @deftypefnx {} {[@var{net}, @var{info}] =} il_init (@dots{})
% Initializes the weights (and biases) of every layer of @var{net}.
%
% @var{name} is one initializer for all layers, or a cell with one per
% layer.  Below, fan_in = n(l-1) and fan_out = n(l) of the layer, and fan
% is the one @code{mode} picks (fan_avg = (fan_in + fan_out)/2); each
% initializer's defaults are in brackets.  The README's initializer table
% gives each one's PyTorch, Keras and MATLAB name and where they differ.
%
% @table @code
% @item zeros, ones, constant
% every weight 0, 1, or @code{value} [value 0]
% @item uniform
% U[a, b] [a -0.05, b 0.05: Keras's RandomUniform; PyTorch's uniform_ has
% 0 and 1]
% @item normal
% N(mean, std^2) [mean 0, std 1]
% @item truncated_normal
% with @code{a} and @code{b}: N(mean, std^2) conditioned on [a, b], absolute
% bounds, as PyTorch's trunc_normal_ (whose own are -2 and 2); without them:
% N(mean, std^2) cut at mean +- 2 std, as Keras's TruncatedNormal (its
% variance 0.774 std^2) [mean 0, std 1, neither bound]
% @item scaled_normal (randn)
% randn * scale: the seed notebook's "small" 0.01 and "large" 10 [scale 0.01]
% @item xavier_uniform, xavier_normal (glorot_*, xavier = xavier_normal)
% U[+-gain*sqrt(6/(fan_in+fan_out))], N(0, gain^2*2/(fan_in+fan_out))
% [gain 1, distribution normal]
% @item he_uniform, he_normal (kaiming_*, he = he_normal)
% PyTorch's kaiming_*: with g = il_gain (nonlinearity, slope), or g =
% @code{gain} when that is given, U[+-g*sqrt(3/fan)], N(0, g^2/fan)
% [nonlinearity leaky_relu with slope 0, so g = sqrt(2); fan_in;
% distribution normal].  'nonlinearity', 'tanh' is
% kaiming_normal_(nonlinearity='tanh'), and so is 'gain', 5/3.
% @item lecun_uniform, lecun_normal (lecun = lecun_normal)
% U[+-sqrt(3/fan)], N(0, 1/fan) [fan_in, distribution normal].  The seed
% notebook's "Xavier", randn*sqrt(1/n_in), is this one.
% @item variance_scaling
% variance scale/fan: N(0, scale/fan), U[+-sqrt(3*scale/fan)] or Keras's
% truncated normal, by @code{distribution}: the general form of the three
% above [scale 1, fan_in, distribution normal; Keras's default is
% truncated_normal]
% @item orthogonal
% QR of a Gaussian matrix with the sign fix, times gain: W'W = gain^2 I
% (or W W') [gain 1]
% @item identity
% gain * eye [gain 1]
% @item sparse
% N(0, std^2) with ceil(fraction * n(l)) entries of each column zeroed,
% the product rounded as a double (PyTorch's sparse_: 0.07 of 100 rows is
% 8 zeros) [fraction 0.1, std 0.01]
% @item nguyen_widrow
% MATLAB's shallow-network default (initnw).  For a sigmoid (active range
% +-4), tanh or softsign (+-2) layer of S units whose r inputs vary: rows of
% length 0.7*S^(1/r) and biases spread over the active range, mapped to
% the input ranges of @code{X} (without it [-1, 1]; a hidden layer's, the
% previous activation's output range, cut to [-1, 1] where unbounded).  An
% input constant in X is left out (its weights 0), as initnw leaves it;
% with no input varying, W and b are 0.  Activations without a bounded
% active range (linear, the relu family, softplus, softmax: MATLAB's
% purelin, poslin) get initnw's fallback: W and b from U[-1, 1] (rands).
% @item default
% what il_net gives a fresh network: he_normal for the relu family,
% lecun_normal for selu, xavier_uniform otherwise
% @item lsuv
% orthogonal, then each layer rescaled until the variance of its outputs on
% the batch @code{X} is within @code{tol} of 1 (at most @code{max_trials}
% times); @var{info}.lsuv_trials says how many it took [gain 1, tol 0.05,
% max_trials 10]
% @item matrix
% the @code{matrix} given (a cell of matrices when per layer)
% @item critical
% N(0, sigma_w2*/fan_in), sigma_w2* the edge of chaos of the layer's own
% activation at @code{sigma_b2}: the sigma_w2 where the mean-field
% recursion's chi1 = sigma_w2 E[f'(sqrt(q*) z)^2] is 1 (Poole et al. 2016,
% Schoenholz et al. 2017).  relu: sigma_w2* = 2, He's sqrt(2/fan_in) weights
% (the same numbers as he_normal while the stream lines up); linear: 1;
% tanh at sigma_b2 0.05: about 1.76 (not Xavier's 1).  With the biases
% left at their default they are N(0, sigma_b2), drawn after each W; a
% softmax layer has no per-unit theory and is refused (initlab:badValue)
% [sigma_b2 0.05]
% @item hadamard
% ZerO, Zhao, Schaefer & Anandkumar (2022), "ZerO Initialization:
% Initializing Neural Networks with only Zeros and Ones", TMLR, Algorithm
% 1, for W of n(l) x n(l-1): the identity where n(l) = n(l-1), the partial
% identity (W(i,i) = 1: the first n(l) inputs pass) where the layer
% narrows, and c*I*H_m*I* where it widens: the first n(l) rows and n(l-1)
% columns of the 2^m x 2^m Sylvester Hadamard matrix H_m (entries +-1),
% m = ceil(log2(n(l))), c = 2^(-(m-1)/2) as the paper's Algorithm 1 (the
% authors' notebook, github.com/jiaweizzhao/ZerO-initialization, scales
% by 2^(-m/2)).  Deterministic: draws nothing, so the other layers' weights
% do not depend on it; biases zeros [no options]
% @end table
%
% @code{distribution} picks the normal of xavier_normal, he_normal,
% lecun_normal and variance_scaling: 'normal' (the default: PyTorch's
% xavier_normal_ and kaiming_normal_) or 'truncated_normal' (Keras's
% GlorotNormal, HeNormal, LecunNormal and VarianceScaling's default: a
% normal whose std is sqrt(variance)/0.87962566103423978, cut at 2 of those
% std, so that the variance is still the formula's).  'untruncated_normal'
% is Keras's name for 'normal'; variance_scaling also takes 'uniform'.
%
% Biases are zero unless @code{bias} names an initializer (or the weights'
% initializer sets its own: nguyen_widrow's, critical's N(0, sigma_b2)).  An option goes
% to every initializer of the call that reads it, the biases' too:
% @code{il_init (net, 'xavier_uniform', 'bias', 'uniform', 'a', -0.1, 'b',
% 0.1)} draws the biases from U[-0.1, 0.1], and with 'normal' weights and
% 'normal' biases one 'std' is both's.  An option that no initializer of
% the call reads is an error (initlab:badOption, naming the option and the
% initializers), not ignored: 'gain' for lecun_normal, 'a' for he_normal.
% So are 'gain' together with 'nonlinearity' or 'slope' for he_* (each
% would set its gain), 'slope' with a nonlinearity other than leaky_relu,
% and one of 'a' and 'b' alone for truncated_normal.
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
% xavier_*, orthogonal, identity, lsuv: a factor; he_*: the gain itself
% (std = gain/sqrt(fan)), instead of nonlinearity and slope.
% Default: 1 (he_*: the nonlinearity's).
% @item mode
% he_*, lecun_*, variance_scaling: fan_in, fan_out or fan_avg.
% Default: fan_in.
% @item distribution
% xavier_normal, he_normal, lecun_normal, variance_scaling: normal,
% truncated_normal (Keras's, see above) or untruncated_normal (normal);
% variance_scaling also uniform.  Default: normal.
% @item nonlinearity
% he_*: the nonlinearity whose il_gain sets the std, gain/sqrt(fan), as
% PyTorch's kaiming_* (an activation name, or conv1d ... conv_transpose3d:
% gain 1).  Default: leaky_relu.
% @item slope
% he_* with nonlinearity leaky_relu: its negative slope (PyTorch's a).
% Default: 0.
% @item scale
% scaled_normal: randn * scale; variance_scaling: variance scale/fan.
% Default: 0.01 (scaled_normal), 1.
% @item value
% constant's value.  Default: 0.
% @item a
% uniform's low end; truncated_normal's lower bound (with b).
% Default: -0.05 (truncated_normal: none).
% @item b
% uniform's high end; truncated_normal's upper bound (with a).
% Default: 0.05 (truncated_normal: none).
% @item mean
% normal, truncated_normal.  Default: 0.
% @item std
% normal, truncated_normal, sparse (the std of the nonzeros).
% Default: 1 (sparse 0.01).
% @item fraction
% sparse: the fraction of each column set to zero, in [0, 1).  Default: 0.1.
% @item sigma_b2
% critical: the bias variance (a finite number >= 0) at which the edge of
% chaos sets the weights' variance, and the variance of the default
% biases.  Default: 0.05.
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
% (constant biases); a named one takes the options it reads.
% Default: zeros.
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
% net = il_init (net, 'he', 'nonlinearity', 'tanh');   % kaiming_normal_(..., 'tanh')
% net = il_init (net, 'he', 'distribution', 'truncated_normal');  % Keras's HeNormal
% net = il_init (net, 'truncated_normal', 'std', 0.02, 'a', -2, 'b', 2);  % trunc_normal_
% net = il_init (net, 'xavier_uniform', 'bias', 'uniform', 'a', -0.1, 'b', 0.1);
% net = il_init (net, 'critical', 'sigma_b2', 0.1);   % the edge of chaos
% net = il_init (net, 'hadamard');                    % ZerO: no randomness
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
%!test
%! % the biases take the options they read: uniform within [a, b] and
%! % spanning it, normal with its mean and std
%! net = il_net ([2 1000 1000], 'tanh');
%! u = il_init (net, 'xavier_uniform', 'bias', 'uniform', 'a', 0.25, 'b', 0.75, 'seed', 1);
%! b = [u.b{1}; u.b{2}];
%! assert (all (b >= 0.25 & b <= 0.75));
%! assert (min (b) < 0.26 && max (b) > 0.74);
%! n = il_init (net, 'xavier_uniform', 'bias', 'normal', 'mean', -1, 'std', 3, 'seed', 1);
%! b = [n.b{1}; n.b{2}];
%! assert (mean (b), -1, 5 * 3 / sqrt (2000));
%! assert (std (b), 3, 5 * 3 / sqrt (4000));
%! % one std for normal weights and normal biases alike
%! w = il_init (net, 'normal', 'std', 0.5, 'bias', 'normal', 'seed', 2);
%! assert (std (w.W{2}(:)), 0.5, 0.005);
%! assert (std (w.b{2}), 0.5, 5 * 0.5 / sqrt (2000));
%!test
%! % he is kaiming_*: std = il_gain (nonlinearity)/sqrt(fan_in); 'gain', 5/3
%! % is 'nonlinearity', 'tanh' to the bit; conv names have gain 1
%! net = il_net ([400 1000 1], 'tanh');
%! a = il_init (net, 'he', 'nonlinearity', 'tanh', 'seed', 1);
%! b = il_init (net, 'he', 'gain', 5/3, 'seed', 1);
%! c = il_init (net, 'he_uniform', 'nonlinearity', 'conv2d', 'seed', 1);
%! assert (a.W{1}, b.W{1});
%! assert (std (a.W{1}(:)), 5/3 / sqrt (400), 5 * 5/3 / sqrt (400) / sqrt (8e5));
%! assert (max (abs (c.W{1}(:))) <= sqrt (3 / 400));
%! assert (max (abs (c.W{1}(:))) > 0.999 * sqrt (3 / 400));
%! % the default is relu's sqrt(2), as before
%! d = il_init (net, 'he', 'seed', 1);
%! e = il_init (net, 'he', 'nonlinearity', 'leaky_relu', 'slope', 0, 'seed', 1);
%! assert (d.W{1}, e.W{1});
%! assert (std (d.W{1}(:)), sqrt (2 / 400), 5 * sqrt (2 / 400) / sqrt (8e5));
%!test
%! % Keras's truncated variants: cut at 2 std of sqrt(var)/0.8796..., var kept
%! net = il_net ([300 500 1], 'relu');
%! for c = {{'he_normal', 2 / 300}, {'xavier_normal', 2 / 800}, {'lecun_normal', 1 / 300}, ...
%!          {'variance_scaling', 1 / 300}}
%!   k = il_init (net, c{1}{1}, 'distribution', 'truncated_normal', 'seed', 3);
%!   W = k.W{1}(:);
%!   cut = 2 * sqrt (c{1}{2}) / 0.87962566103423978;
%!   assert (max (abs (W)) <= cut);
%!   assert (max (abs (W)) > 0.99 * cut);
%!   assert (var (W), c{1}{2}, 5 * c{1}{2} * sqrt (2 / numel (W)));
%! end
%! % and untruncated_normal is Keras's name for ours
%! a = il_init (net, 'variance_scaling', 'distribution', 'untruncated_normal', 'seed', 3);
%! b = il_init (net, 'variance_scaling', 'seed', 3);
%! assert (a.W, b.W);
%!test
%! % truncated_normal: PyTorch's absolute [a, b]; Keras's mean +- 2 std without
%! net = il_net ([1000 1000 1], 'tanh');
%! t = il_init (net, 'truncated_normal', 'std', 0.02, 'a', -0.03, 'b', 0.05, 'seed', 4);
%! W = t.W{1}(:);
%! assert (min (W) >= -0.03 && max (W) <= 0.05);
%! assert (min (W) < -0.0299 && max (W) > 0.0499);
%! k = il_init (net, 'truncated_normal', 'std', 0.02, 'seed', 4);
%! W = k.W{1}(:);
%! assert (max (abs (W)) <= 0.04 && max (abs (W)) > 0.0399);
%! assert (var (W), 0.02^2 * 0.77374133, 5 * 0.02^2 * 0.77374133 * sqrt (2 / 1e6));
%! p = il_init (net, 'truncated_normal', 'std', 0.02, 'a', -2, 'b', 2, 'seed', 4);
%! assert (var (p.W{1}(:)), 4e-4, 5 * 4e-4 * sqrt (2 / 1e6));
%!test
%! % sparse zeros ceil(fraction * rows) of each column, as PyTorch counts
%! net = il_init (il_net ([5 100 1], 'tanh'), 'sparse', 'fraction', 0.07, 'seed', 1);
%! assert (sum (net.W{1} == 0), 8 * ones (1, 5));
%! net = il_init (il_net ([5 100 1], 'tanh'), 'sparse', 'fraction', 0.29, 'seed', 1);
%! assert (sum (net.W{1} == 0), 29 * ones (1, 5));
%!test
%! % nguyen_widrow: linear and relu layers get initnw's fallback, U[-1, 1]
%! net = il_init (il_net ([3 200 1], {'relu', 'linear'}), 'nguyen_widrow', 'seed', 1);
%! v = [net.W{1}(:); net.b{1}; net.W{2}(:); net.b{2}];
%! assert (all (abs (v) <= 1));
%! r = sqrt (sum (net.W{1} .^ 2, 2));
%! assert (max (r) - min (r) > 0.5);   % not NW's rows of one length
%!test
%! % nguyen_widrow leaves an input that is constant in X out (its weights 0)
%! % and places the others: rows of 2 * 0.7 * 8^(1/2) for tanh, 2 inputs
%! % varying, both ranges 2 wide (scale 1)
%! X = [linspace(-1, 1, 50); 5 * ones(1, 50); linspace(0, 2, 50)];
%! net = il_init (il_net ([3 8 1], 'tanh'), 'nguyen_widrow', 'X', X, 'seed', 1);
%! assert (net.W{1}(:, 2), zeros (8, 1));
%! assert (sqrt (sum (net.W{1}(:, [1 3]) .^ 2, 2)), 2 * 0.7 * sqrt (8) * ones (8, 1), 1e-12);
%! z = il_init (il_net ([3 8 1], 'tanh'), 'nguyen_widrow', 'X', ones (3, 4), 'seed', 1);
%! assert (z.W{1}, zeros (8, 3));
%! assert (z.b{1}, zeros (8, 1));
%!shared net
%! net = il_net ([2 3 1], 'tanh');
%!error <'gain' does not apply to lecun_normal; it is an option of xavier_uniform> il_init (net, 'lecun_normal', 'gain', 2)
%!error id=initlab:badOption il_init (net, 'lecun_uniform', 'gain', 2)
%!error <'a' does not apply to xavier_uniform \(bias: normal\)> il_init (net, 'xavier_uniform', 'bias', 'normal', 'a', 1)
%!error <'std' does not apply to he_normal> il_init (net, 'he', 'std', 2)
%!error <'X' does not apply to he_normal> il_init (net, 'he', 'X', ones (2, 4))
%!error <'tol' does not apply to orthogonal> il_init (net, 'orthogonal', 'tol', 0.1)
%!error <'mode' does not apply to xavier_uniform> il_init (net, 'xavier_uniform', 'mode', 'fan_out')
%!error <'distribution' does not apply to xavier_uniform> il_init (net, 'xavier_uniform', 'distribution', 'normal')
%!error <'scale' does not apply to default> il_init (net, 'default', 'scale', 2)
%!error <'value' does not apply to zeros, ones> il_init (net, {'zeros', 'ones'}, 'value', 2)
%!error <'nonlinearity' does not apply to xavier_normal> il_init (net, 'xavier_normal', 'nonlinearity', 'tanh')
%!error <'gain' and 'nonlinearity' both set he_normal's gain> il_init (net, 'he', 'gain', 2, 'nonlinearity', 'tanh')
%!error <'gain' and 'slope' both set he_uniform's gain> il_init (net, 'he_uniform', 'gain', 2, 'slope', 0.1)
%!error <'slope' is leaky_relu's negative slope, and he_normal's nonlinearity is tanh> il_init (net, 'he', 'slope', 0.1, 'nonlinearity', 'tanh')
%!error <truncated_normal needs both bounds low and high> il_init (net, 'truncated_normal', 'a', -1)
%!error <xavier_normal draws a normal: distribution must be normal or truncated_normal> il_init (net, 'xavier_normal', 'distribution', 'uniform')
%!error <unknown nonlinearity 'tan'> il_init (net, 'he', 'nonlinearity', 'tan')
%!error <nonlinearity softmax: softmax has no gain> il_init (net, 'he', 'nonlinearity', 'softmax')
%!test
%! % critical: relu's edge of chaos is He's 2/fan_in, the same numbers as
%! % he_normal when no bias draws sit between (bias zeros), in both streams
%! net = il_net ([5 7 3], 'relu');
%! for rng = {'xoshiro', 'numpy'}
%!   a = il_init (net, 'critical', 'bias', 'zeros', 'seed', 3, 'rng', rng{1});
%!   b = il_init (net, 'he', 'seed', 3, 'rng', rng{1});
%!   assert (a.W, b.W);
%!   % default biases: N(0, sigma_b2), drawn after each W
%!   c = il_init (net, 'critical', 'seed', 3, 'rng', rng{1});
%!   assert (c.W{1}, b.W{1});
%!   assert (all (c.b{1} != 0));
%! end
%!test
%! % the variance over a wide layer: tanh's sigma_w2* at sigma_b2 0.05 is
%! % about 1.76, not Xavier's 1; the biases' variance is sigma_b2
%! net = il_init (il_net ([1000 1000 1000], 'tanh'), 'critical', 'seed', 4);
%! v = var (net.W{2}(:), 1) * 1000;
%! assert (v, 1.76, 0.04);
%! assert (var ([net.b{1}; net.b{2}], 1), 0.05, 5 * 0.05 * sqrt (2 / 2000));
%! net = il_init (il_net ([1000 1000 1], 'linear'), 'critical', 'sigma_b2', 0.3, 'seed', 4);
%! assert (var (net.W{1}(:), 1) * 1000, 1, 5 * sqrt (2 / 1e6));
%! assert (var (net.b{1}, 1), 0.3, 5 * 0.3 * sqrt (2 / 1000));
%!test
%! % the same seed, the same bits; another seed, other bits
%! net = il_net ([3 5 8 2], {'tanh', 'relu', 'sigmoid'});
%! a = il_init (net, {'critical', 'hadamard', 'critical'}, 'sigma_b2', 0.1, 'seed', 13);
%! b = il_init (net, {'critical', 'hadamard', 'critical'}, 'sigma_b2', 0.1, 'seed', 13);
%! c = il_init (net, {'critical', 'hadamard', 'critical'}, 'sigma_b2', 0.1, 'seed', 14);
%! assert (isequal (a.W, b.W) && isequal (a.b, b.b));
%! assert (! isequal (a.W{1}, c.W{1}));
%! assert (a.W{2}, c.W{2});
%!test
%! % hadamard (ZerO, Algorithm 1): I, the partial identity, c*I*H_m*I*
%! net = il_init (il_net ([4 4 3 5 2 5 8 3], 'relu'), 'hadamard');
%! assert (net.W{1}, eye (4));
%! assert (net.W{2}, eye (3, 4));
%! H8 = [1 1 1 1 1 1 1 1; 1 -1 1 -1 1 -1 1 -1; 1 1 -1 -1 1 1 -1 -1; 1 -1 -1 1 1 -1 -1 1];
%! H8 = [H8; H8(:, 1:4) -H8(:, 1:4)];
%! assert (net.W{3}, 0.5 * H8(1:5, 1:3));   % 3 -> 5: m = 3, c = 1/2
%! assert (net.W{4}, eye (2, 5));
%! assert (net.W{5}, 0.5 * H8(1:5, 1:2));   % 2 -> 5
%! assert (net.W{6}, 0.5 * H8(1:8, 1:5));   % 5 -> 8
%! assert (net.W{6}' * net.W{6}, 2 * eye (5));
%! assert (net.W{7}, eye (3, 8));
%! assert (all (cellfun (@(b) all (b == 0), net.b)));
%!test
%! % hadamard draws nothing: the next layer's weights are those after zeros
%! net = il_net ([3 6 4], 'tanh');
%! a = il_init (net, {'hadamard', 'normal'}, 'seed', 2);
%! b = il_init (net, {'zeros', 'normal'}, 'seed', 2);
%! assert (a.W{2}, b.W{2});
%!error <sigma_b2 must be a finite number .= 0, got -1> il_init (il_net ([2 3 1], 'tanh'), 'critical', 'sigma_b2', -1)
%!error <sigma_b2 must be a finite number .= 0, got NaN> il_init (il_net ([2 3 1], 'tanh'), 'critical', 'sigma_b2', NaN)
%!error <'sigma_b2' does not apply to he_normal; it is an option of critical> il_init (il_net ([2 3 1], 'tanh'), 'he', 'sigma_b2', 0.1)
%!error <'sigma_b2' does not apply to hadamard> il_init (il_net ([2 3 1], 'tanh'), 'hadamard', 'sigma_b2', 0.1)
%!error <layer 2: critical is not defined for a softmax layer> il_init (il_net ([2 3 2], {'tanh', 'softmax'}), 'critical')
%!error id=initlab:badValue il_init (il_net ([2 3 2], {'tanh', 'softmax'}), 'critical')
%!error <'gain' does not apply to hadamard> il_init (il_net ([2 3 1], 'tanh'), 'hadamard', 'gain', 2)
%!error <bias initializer 'hadamard' is not defined for a vector> il_init (il_net ([2 3 1], 'tanh'), 'he', 'bias', 'hadamard')
