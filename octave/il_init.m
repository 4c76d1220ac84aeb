## -*- texinfo -*-
## @deftypefn  {} {@var{net} =} il_init (@var{net}, @var{name})
## @deftypefnx {} {@var{net} =} il_init (@var{net}, @var{name}, @var{option}, @var{value}, @dots{})
## @deftypefnx {} {[@var{net}, @var{info}] =} il_init (@dots{})
## Initializes the weights (and biases) of every layer of @var{net}.
##
## @var{name} is one initializer for all layers, or a cell with one per
## layer:
##
## @table @code
## @item zeros, ones, constant
## every weight 0, 1, or @code{value}
## @item uniform, normal, truncated_normal
## U[a, b]; N(mean, std^2); N(mean, std^2) redrawn outside mean +- 2 std
## @item scaled_normal (randn)
## randn * scale: the seed notebook's "small" 0.01 and "large" 10
## @item xavier_uniform, xavier_normal (glorot_*, xavier = xavier_normal)
## U[+-gain*sqrt(6/(fan_in+fan_out))], N(0, gain^2*2/(fan_in+fan_out))
## @item he_uniform, he_normal (kaiming_*, he = he_normal)
## g = gain*sqrt(2/(1+slope^2)): U[+-g*sqrt(3/fan)], N(0, g^2/fan)
## @item lecun_uniform, lecun_normal (lecun = lecun_normal)
## U[+-sqrt(3/fan)], N(0, 1/fan).  The seed notebook's "Xavier",
## randn*sqrt(1/n_in), is this one.
## @item variance_scaling
## variance scale/fan with @code{mode} and @code{distribution} (normal,
## uniform, truncated_normal): the general form of the four above
## @item orthogonal
## QR of a Gaussian matrix with the sign fix, times gain: W'W = gain^2 I
## @item identity, sparse
## gain * eye; N(0, std^2) with a @code{fraction} of each column zeroed
## @item nguyen_widrow
## MATLAB's shallow-network default (initnw): unit rows of length
## 0.7*S^(1/R) spread over the activation's active range (sigmoid +-4, tanh
## +-2), mapped to the input ranges of @code{X} if given (else [-1, 1]); a
## constant input is centred rather than divided by zero
## @item default
## what il_net gives a fresh network: he_normal for the relu family,
## lecun_normal for selu, xavier_uniform otherwise
## @item lsuv
## orthogonal, then each layer rescaled until the variance of its outputs on
## the batch @code{X} is within @code{tol} of 1 (at most @code{max_trials}
## times); @var{info}.lsuv_trials says how many it took
## @item matrix
## the @code{matrix} given (a cell of matrices when per layer)
## @end table
##
## Options: @code{seed} (default 0), @code{gain}, @code{mode} (fan_in,
## fan_out, fan_avg), @code{distribution}, @code{slope} (he: leaky relu
## slope), @code{scale}, @code{value}, @code{a} and @code{b} (uniform
## bounds), @code{mean}, @code{std}, @code{fraction}, @code{matrix},
## @code{X} (a batch, n0 x m), @code{tol} (0.05), @code{max_trials} (10), and
## @code{bias}: a bias initializer's name (zeros by default; a cell per
## layer) or a number (constant biases).
##
## One stream seeded with @code{seed} draws layer 1's W, then its b, then
## layer 2's: the same seed gives the same weights here, in Lua and in C.
## Option @code{rng}: @code{'xoshiro'} (the default stream) or
## @code{'numpy'}, NumPy's legacy generator: with it @code{seed} is
## @code{np.random.seed}'s (0 to 2^32-1) and each W is drawn row by row as
## NumPy fills an array, so @code{il_init (net, 'he', 'rng', 'numpy',
## 'seed', 3)} gives the weights of @code{np.random.seed(3)} then
## @code{np.random.randn(n, n_in) * np.sqrt(2 / n_in)} per layer.
##
## @example
## net = il_init (net, 'he', 'seed', 3);
## net = il_init (net, 'he', 'rng', 'numpy', 'seed', 3);  # as NumPy draws it
## net = il_init (net, 'scaled_normal', 'scale', 10);      # the "large" init
## net = il_init (net, @{'orthogonal', 'orthogonal', 'xavier_uniform'@}, 'gain', 5/3);
## @end example
## @seealso{il_net, il_gain}
## @end deftypefn
function [net, info] = il_init (net, name, varargin)
  if (nargin < 2)
    print_usage ();
  endif
  defaults = struct ('seed', 0, 'gain', [], 'mode', [], 'distribution', [], ...
                     'slope', [], 'scale', [], 'value', [], 'a', [], 'b', [], ...
                     'mean', [], 'std', [], 'fraction', [], 'matrix', [], ...
                     'X', [], 'tol', 0.05, 'max_trials', 10, 'bias', [], ...
                     'rng', 'xoshiro');
  o = il_options ('il_init', defaults, varargin);
  il_check ('il_init', 'seed', o.seed, 'count');
  il_check ('il_init', 'rng', o.rng, 'string');
  il_check ('il_init', 'tol', o.tol, 'scalar');
  il_check ('il_init', 'max_trials', o.max_trials, 'count');
  if (! isempty (o.X))
    il_check ('il_init', 'X', o.X, 'matrix');
  endif
  if (! isstruct (net) || ! isfield (net, 'sizes'))
    error ('initlab:badArg', 'il_init: net must be a network struct from il_net');
  endif
  L = numel (net.sizes) - 1;
  names = name;
  if (ischar (names))
    names = {names};
  endif
  if (! iscellstr (names) || ! any (numel (names) == [1 L]))
    error ('initlab:badSize', ...
           'il_init: name must be one initializer or a cell of %d (one per layer)', L);
  endif
  matrices = o.matrix;
  if (! iscell (matrices))
    matrices = {matrices};
  endif
  if (numel (matrices) != 1 && numel (matrices) != numel (names))
    error ('initlab:badSize', 'il_init: matrix must be one matrix or a cell of %d', ...
           numel (names));
  endif
  params = {'gain', 'gain'; 'mode', 'mode'; 'distribution', 'distribution'; ...
            'slope', 'slope'; 'scale', 'scale'; 'value', 'value'; ...
            'a', 'low'; 'b', 'high'; 'mean', 'mean'; 'std', 'std'; ...
            'fraction', 'fraction'};
  w = spec_array (names, params, o, matrices);
  b = [];
  if (! isempty (o.bias))
    bias = o.bias;
    if (isnumeric (bias))
      il_check ('il_init', 'bias', bias, 'scalar');
      b = spec_array ({'constant'}, {}, o, {[]});
      b.value = bias;
    else
      if (ischar (bias))
        bias = {bias};
      endif
      if (! iscellstr (bias))
        error ('initlab:badArg', 'il_init: bias must be a name, a cell of names or a number');
      endif
      b = spec_array (bias, {}, o, {[]});
    endif
    if (numel (b) != numel (w))
      b = repmat (b, 1, numel (w));
      if (numel (bias) != 1)
        error ('initlab:badSize', 'il_init: give as many bias initializers as weight ones');
      endif
    endif
  endif
  [net, trials] = il_call ('init', net, w, b, o.seed, o.X, o.tol, o.max_trials, o.rng);
  info = struct ('lsuv_trials', trials);
endfunction

## A struct array of specs, one per name, with the given options copied in.
function s = spec_array (names, params, o, matrices)
  fields = {'kind', 'value', 'low', 'high', 'mean', 'std', 'scale', 'gain', ...
            'slope', 'mode', 'distribution', 'fraction', 'matrix'};
  s = repmat (cell2struct (cell (numel (fields), 1), fields, 1), 1, numel (names));
  for i = 1:numel (names)
    s(i).kind = names{i};
    for p = 1:rows (params)
      s(i).(params{p, 2}) = o.(params{p, 1});
    endfor
    if (! isempty (matrices{min (i, numel (matrices))}))
      s(i).matrix = matrices{min (i, numel (matrices))};
    endif
  endfor
endfunction

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
%!error id=initlab:badArg il_init (il_net ([2 3 1], 'tanh'), 'he', 'seed', -1)
%!test
%! ## np.random.seed(3); W1 = np.random.randn(4, 2) * np.sqrt(2 / 2): the
%! ## assignment's initialize_parameters_he([2, 4, 1]) gives W1's first row
%! ## as 1.78862847, 0.43650985
%! net = il_init (il_net ([2 4 1], {'relu', 'sigmoid'}), 'he', 'rng', 'numpy', 'seed', 3);
%! assert (net.W{1}(1, :), [1.78862847 0.43650985], 5e-9);
%! assert (net.b{1}, zeros (4, 1));
%!error <unknown rng 'python'> il_init (il_net ([2 3 1], 'tanh'), 'he', 'rng', 'python')
