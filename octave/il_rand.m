% -*- texinfo -*-
% @deftypefn  {} {@var{g} =} il_rand (@var{stream}, @var{seed})
% @deftypefnx {} {[@var{x}, @var{g}] =} il_rand (@var{g}, @var{distribution}, @var{rows}, @var{cols})
% @deftypefnx {} {[@var{x}, @var{g}] =} il_rand (@var{g}, @var{distribution}, @var{n}, @var{option}, @var{value}, @dots{})
% A random stream, and draws from it.  With the numpy stream the draws are
% NumPy's legacy @code{np.random} ones bit for bit, so a notebook's
% @code{np.random.seed(1); np.random.randn(200)} and every draw after it
% can be redone here, number for number:
%
% @example
% g = il_rand ('numpy', 1);             % np.random.seed(1)
% [t, g] = il_rand (g, 'normal', 1, 200);  % np.random.randn(200)
% [W, g] = il_rand (g, 'normal', 4, 2);    % np.random.randn(4, 2)
% [u, g] = il_rand (g, 'uniform', 3, 3, 'low', -1, 'high', 1);
% [k, g] = il_rand (g, 'integers', 1, 10, 'high', 6);  % randint(0, 6, 10)
% [p, g] = il_rand (g, 'permutation', 400, 'low', 1);  % permutation(400) + 1
% @end example
%
% @var{stream} is @code{numpy} (NumPy's legacy RandomState: MT19937
% seeded as @code{np.random.seed}, @var{seed} in 0..2^32-1) or
% @code{xoshiro} (the engine's own stream, the one @code{il_init} and
% @code{il_dataset} draw from with the same @var{seed}; any seed in
% 0..2^64-1).  The seed is required.  @var{g} is a plain struct:
% @code{g.stream}, @code{g.seed} and @code{g.state}, the stream's whole
% state as a row of numbers that @code{save} and @code{load} keep exactly.
% For the numpy stream @code{g.state(3:end)} is what
% @code{np.random.get_state()} gives (the 624 words, the position, whether
% a Gaussian is kept, the Gaussian), so a state can come from NumPy too:
% @code{[1229738801, 1, keys, pos, has_gauss, gauss]}.  A state that no
% stream could have (edited, cut short, from elsewhere) is refused with an
% error naming its entry.
%
% Each draw returns @var{x} and the stream after it: pass that @var{g} to
% the next draw, as NumPy's global state moves on.  The @var{g} given is
% not changed (Octave's values), so drawing from it again repeats the draw.
%
% The size: @var{rows}, @var{cols} gives a @var{rows} x @var{cols} matrix
% drawn row by row, as NumPy fills @code{randn(rows, cols)}, so
% @code{x(i, j)} is NumPy's @code{a[i-1, j-1]}; a single @var{n} (NumPy's
% 1-D size) gives a 1 x @var{n} row, drawn in the same order as
% @var{n} x 1 or 1 x @var{n}; @code{[rows cols]} in one argument works too;
% no size is one draw.  Not Octave's @code{randn (n)}: that is n x n.
%
% @var{distribution} is one of
% @table @code
% @item normal
% @code{mean + std * z}, z the legacy Gaussian (Marsaglia's polar method,
% the second value kept for the next draw): @code{np.random.randn} with the
% defaults, @code{np.random.normal (mean, std, size)} otherwise.
% @item uniform
% @code{low + (high - low) * u}, u in [0, 1) with 53 random bits:
% @code{np.random.rand} / @code{random_sample} with the defaults,
% @code{np.random.uniform (low, high, size)} otherwise.
% @item integers
% whole numbers @code{low} .. @code{high}-1, @code{np.random.randint (low,
% high, size)} by its masked rejection (32-bit draws for ranges up to
% 2^32 values, 64-bit ones past it; a range of one value draws nothing).
% @code{low} and @code{high} are whole numbers in -2^53..2^53.
% @item permutation
% @code{low}, @code{low}+1, @dots{}, @code{low}+n-1 shuffled as
% @code{np.random.permutation (n)} shuffles 0..n-1 (Fisher-Yates from the
% end).
% @end table
%
% NumPy counts from 0 and so do @code{integers} and @code{permutation}
% unless told otherwise, so that the numbers are NumPy's.  For indices
% into Octave arrays give @code{'low', 1}: the same draws, each plus one
% (@code{X(:, il_rand (g, 'permutation', n, 'low', 1))}); randint(0, 10)
% as 1..10 is @code{'low', 1, 'high', 11}, again the same draws.
%
% The xoshiro stream answers the same calls with the engine's own
% generator (xoshiro256** seeded through splitmix64, normals by the polar
% method, integers and the shuffle by unbiased rejection): the same numbers
% in Octave, Lua and C, but not NumPy's.
%
% Draw options (names match ignoring case):
% @c options: the engine's table for il_rand's draws; tests/octave/test_docs.m checks it
% @table @code
% @item distribution
% the second argument: normal, uniform, integers or permutation.
% Default: (required).
% @item size
% the arguments after it: n (a 1 x n row), rows and cols, or [rows cols];
% permutation takes n.  Default: 1.
% @item low
% uniform: the low end; integers: the smallest value; permutation: the
% first value (1: indices 1..n).  Default: 0.
% @item high
% uniform: the high end; integers: one past the largest value.
% Default: 1 (integers: required).
% @item mean
% normal: the mean (NumPy's loc).  Default: 0.
% @item std
% normal: the std (NumPy's scale), >= 0.  Default: 1.
% @item max_bytes
% refuse a draw larger than this many bytes (0: the default), before
% anything is allocated.  Default: half the memory.
% @end table
%
% An option its distribution does not read ('mean' for uniform, say) is
% refused (initlab:badOption) rather than ignored.
%
% Lua: @code{local g = il.rand ("numpy", 1)}, @code{g:normal (rows, cols)},
% @code{g:uniform (n, @{low = -1, high = 1@})}, @code{g:integers (rows,
% cols, @{high = 6@})}, @code{g:permutation (n)} or @code{g:draw
% (distribution, @dots{})}, each moving @code{g} on; @code{g:state ()} and
% @code{il.rand (state)} save and restore.  C: @code{il_rng_start},
% @code{il_rng_draw}, @code{il_rng_save} and @code{il_rng_load}.
% @seealso{il_init, il_dataset}
% @end deftypefn
function [x, g] = il_rand (varargin)
  if nargin < 1
    error ('initlab:badArg', ['usage: g = il_rand (stream, seed); ' ...
           '[x, g] = il_rand (g, distribution, rows, cols, option, value, ...)']);
  end
  first = varargin{1};
  if ~isstruct (first)
    % a new stream: the engine checks the name and the seed
    state = __initlab__ ('rand', varargin{:});
    x = struct ('stream', first, 'seed', varargin{2}, 'state', state);
    g = x;  % [g, g2] = il_rand (...) gives the stream twice rather than fail
    return;
  end
  if ~isscalar (first) || ~isfield (first, 'state')
    error ('initlab:badArg', 'g must be a stream from il_rand (stream, seed)');
  end
  args = varargin(2:end);
  if isempty (args)
    error ('initlab:badArg', 'il_rand (g, ...) needs a distribution: normal, ...');
  end
  % the sizes are the arguments before the first option name
  k = 1;
  while k < numel (args) && ~ischar (args{k + 1})
    k = k + 1;
  end
  switch k
    case 1
      sz = [];  % NumPy's size (): one draw
    case 2
      sz = args{2};
    otherwise
      sz = args(2:k);  % a list of numbers, each checked by the engine
  end
  g = first;
  [x, g.state] = __initlab__ ('draw', first.state, args{1}, sz, args{k+1:end});
end

%!test
%! % np.random.seed(1); np.random.randn(3)
%! g = il_rand ('numpy', 1);
%! assert ([g.stream, ' ', num2str(g.seed)], 'numpy 1');
%! [x, g] = il_rand (g, 'normal', 3);
%! assert (x, [1.6243453636632417 -0.61175641365007538 -0.5281717522634557], 0);
%! % the kept normal comes first in the next draw: randn(1) then
%! [y, g] = il_rand (g, 'normal', 1);
%! assert (y, -1.0729686221561705, 0);
%!test
%! % rows x cols is drawn row by row, as NumPy fills randn(rows, cols)
%! g = il_rand ('numpy', 3);
%! flat = il_rand (g, 'normal', 6);
%! M = il_rand (g, 'normal', 2, 3);
%! assert (M, reshape (flat, 3, 2)', 0);
%! assert (il_rand (g, 'normal', [2 3]), M, 0);
%! assert (il_rand (g, 'normal', 6, 1), flat', 0);
%! assert (size (il_rand (g, 'normal')), [1 1]);
%!test
%! % g is a value: drawing from it again repeats the draw
%! g = il_rand ('xoshiro', 7);
%! [a, g2] = il_rand (g, 'uniform', 1, 5);
%! assert (il_rand (g, 'uniform', 1, 5), a);
%! assert (~isequal (il_rand (g2, 'uniform', 1, 5), a));
%! assert (all (a >= 0 & a < 1));
%!test
%! g = il_rand ('numpy', 0);
%! [k, g] = il_rand (g, 'integers', 1, 200, 'low', 1, 'high', 7);
%! assert (all (k >= 1 & k <= 6 & k == fix (k)));
%! assert (numel (unique (k)), 6);
%! [p, g] = il_rand (g, 'permutation', 50, 'low', 1);
%! assert (sort (p), 1:50);
%! [u, g] = il_rand (g, 'uniform', 100, 'low', -2, 'high', 3);
%! assert (all (u >= -2 & u < 3));
%! [z, g] = il_rand (g, 'normal', 2, 2, 'mean', 10, 'std', 0);
%! assert (z, 10 * ones (2), 0);
%!test
%! % 0-based as NumPy, or 1-based: the same draws shifted
%! g = il_rand ('numpy', 5);
%! assert (il_rand (g, 'permutation', 9, 'low', 1), il_rand (g, 'permutation', 9) + 1);
%! assert (il_rand (g, 'integers', 3, 'low', 1, 'high', 11), ...
%!         il_rand (g, 'integers', 3, 'high', 10) + 1);
%!test
%! % a stream saved and loaded goes on exactly
%! g = il_rand ('numpy', 2);
%! [~, g] = il_rand (g, 'normal', 1, 3);
%! f = [tempname() '.mat'];
%! save ('-binary', f, 'g');
%! h = g;
%! clear g;
%! load (f);
%! delete (f);
%! assert (il_rand (g, 'normal', 1, 700), il_rand (h, 'normal', 1, 700));
%!error <unknown rng 'mt'; expected one of: xoshiro, numpy> il_rand ('mt', 1)
%!error <seed must be in 0..4294967295> il_rand ('numpy', 2^32)
%!error id=initlab:badArg il_rand ('numpy')
%!error id=initlab:badName il_rand (il_rand ('numpy', 1), 'gauss', 3)
%!error id=initlab:badValue il_rand (il_rand ('numpy', 1), 'normal', -1)
%!error id=initlab:badValue il_rand (il_rand ('numpy', 1), 'normal', 2.5)
%!error id=initlab:badSize il_rand (il_rand ('numpy', 1), 'normal', 2, 3, 4)
%!error id=initlab:badSize il_rand (il_rand ('numpy', 1), 'permutation', 2, 3)
%!error id=initlab:tooBig il_rand (il_rand ('numpy', 1), 'normal', 1e9, 1e9)
%!error id=initlab:tooBig il_rand (il_rand ('numpy', 1), 'normal', 1000, 'max_bytes', 100)
%!error <integers needs high> il_rand (il_rand ('numpy', 1), 'integers', 3)
%!error <low < high> il_rand (il_rand ('numpy', 1), 'integers', 3, 'low', 5, 'high', 5)
%!error <state\(8\) must be a whole number> il_rand (setfield (il_rand ('numpy', 1), 'state', [il_rand('numpy', 1).state(1:7), 0.5, il_rand('numpy', 1).state(9:end)]), 'normal')
%!error <has 629 numbers, got 628> il_rand (setfield (il_rand ('numpy', 1), 'state', il_rand('numpy', 1).state(1:end-1)), 'normal')
%!error <a stream's state from il_rand> il_rand (struct ('state', 1:12), 'normal')
%!error <g must be a stream> il_rand (struct ('stream', 'numpy'), 'normal')
%!error <needs a distribution> il_rand (il_rand ('numpy', 1))
%!error id=initlab:badArg il_rand (il_rand ('numpy', 1), 'normal', {2, 'x'})
%!error id=initlab:badOption il_rand (il_rand ('numpy', 1), 'normal', 2, 'nosuch', 1)
%!error <'mean' does not apply to uniform; it is an option of normal> il_rand (il_rand ('numpy', 1), 'uniform', 2, 'mean', 1)
%!error <'low' does not apply to normal> il_rand (il_rand ('numpy', 1), 'normal', 2, 'low', 1)
%!error <usage> il_rand ()
