% -*- texinfo -*-
% @deftypefn {} {[@var{acc}, @var{loss}] =} il_accuracy (@var{net}, @var{X}, @var{Y})
% The fraction of samples @var{net} classifies right, and its loss, on
% @var{X} (n0 x m) and targets @var{Y} (nL x m).  For a sigmoid output the
% fraction of outputs on the right side of 0.5, for softmax of samples whose
% largest output is the target's; NaN for mse networks.
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
%!error id=initlab:badArg il_accuracy (il_net ([1 1], 'sigmoid'), [1 2], [1 0], 'extra')
