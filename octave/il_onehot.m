% -*- texinfo -*-
% @deftypefn  {} {@var{Y} =} il_onehot (@var{labels})
% @deftypefnx {} {@var{Y} =} il_onehot (@var{labels}, @var{k})
% The one-hot targets of class @var{labels} (a vector of whole numbers
% 1..@var{k}, of any real class): @var{Y} is @var{k} x n with
% @code{Y(labels(j), j) = 1} and zeros elsewhere, what a softmax or a
% multi-output sigmoid network trains against (the same as
% @code{double (labels(:)' == (1:k)')}).  @var{k} defaults to the largest
% label.  Lua: @code{il.onehot(labels [, k])}; C: @code{il_onehot} (labels
% from 0 there).
% @seealso{il_dataset, il_accuracy}
% @end deftypefn
function Y = il_onehot (labels, k)
  if nargin < 1 || nargin > 2
    error ('initlab:badArg', 'usage: Y = il_onehot (labels, k)');
  end
  if nargin < 2
    Y = __initlab__ ('onehot', labels);
  else
    Y = __initlab__ ('onehot', labels, k);
  end
end

%!assert (il_onehot ([2 1 3]), [0 1 0; 1 0 0; 0 0 1])
%!assert (il_onehot ([1; 2], 4), [1 0; 0 1; 0 0; 0 0])
%!assert (il_onehot (int8 ([3 3])), [0 0; 0 0; 1 1])
%!test
%! labels = mod (0:99, 10) + 1;
%! assert (il_onehot (labels), double (labels == (1:10)'));
%! assert (size (il_onehot (zeros (1, 0), 3)), [3 0]);
%!error <labels\(2\) must be a whole number .= 1, got 0> il_onehot ([1 0 2])
%!error <labels\(1\) must be a whole number .= 1, got 1.5> il_onehot (1.5)
%!error <labels go up to 3, more than k = 2> il_onehot ([1 3], 2)
%!error <k must be a whole number> il_onehot ([1 3], 3.5)
%!error id=initlab:badArg il_onehot ('abc')
%!error id=initlab:tooBig il_onehot (1, 1e15)
%!error <usage> il_onehot ()
