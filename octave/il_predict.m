% -*- texinfo -*-
% @deftypefn {} {[@var{labels}, @var{out}] =} il_predict (@var{net}, @var{X})
% Class predictions of @var{net} for the columns of @var{X}: for one sigmoid
% output, 1 where the output is above 0.5 and 0 elsewhere (1 x m); for
% several outputs, the index of the largest (1 x m, 1-based); for mse
% networks with one output, the output itself.  @var{out} is the raw output.
% @seealso{il_accuracy, il_forward}
% @end deftypefn
function [labels, out] = il_predict (net, X, varargin)
  if nargin ~= 2
    error ('initlab:badArg', 'usage: [labels, out] = il_predict (net, X)');
  end
  out = il_forward (net, X);
  if size (out, 1) > 1
    [~, labels] = max (out, [], 1);
  elseif strcmp (net.loss, 'mse')
    labels = out;
  else
    labels = double (out > 0.5);
  end
end

%!test
%! net = il_net ([1 2], 'softmax');
%! net.W{1} = [1; -1];  net.b{1} = [0; 0];
%! assert (il_predict (net, [2 -3]), [1 2]);
%!test
%! net = il_net ([1 1], 'sigmoid');
%! net.W{1} = 1;  net.b{1} = 0;
%! assert (il_predict (net, [-1 0 2]), [0 0 1]);
%!error id=initlab:badArg il_predict (il_net ([1 1], 'sigmoid'))
