% -*- texinfo -*-
% @deftypefn {} {@var{net} =} il_reroll (@var{net}, @var{theta})
% @var{net} with its weights and biases taken from @var{theta}, a vector in
% the order of @code{il_unroll} (layer by layer @code{[b_l W_l](:)}, the
% bias first, as a course unrolls @code{Theta}): what a cost function
% handed to @code{fminunc} or a gradient checker does with the vector it
% is given.  @var{theta} must have exactly as many finite entries as
% @var{net} has parameters.  Lua: @code{net:reroll(theta)} (in place); C:
% @code{il_net_reroll}.
% @seealso{il_unroll, il_cost}
% @end deftypefn
function net = il_reroll (net, theta)
  if nargin != 2
    error ('initlab:badArg', 'usage: net = il_reroll (net, theta)');
  end
  net = __initlab__ ('reroll', net, theta);
end

%!test
%! net = il_net ([3 2 1], {'relu', 'sigmoid'});
%! theta = (1:11)';
%! net = il_reroll (net, theta);
%! assert (net.b{1}, [1; 2]);
%! assert (net.W{1}, [3 5 7; 4 6 8]);
%! assert (net.b{2}, 9);
%! assert (net.W{2}, [10 11]);
%! assert (il_unroll (net), theta);
%!error <theta must have 11 entries .the network's weights and biases., got 3> il_reroll (il_net ([3 2 1], 'relu'), [1 2 3])
%!error <theta\(2\) is NaN> il_reroll (il_net ([3 2 1], 'relu'), [1 NaN 3:11])
%!error <theta must be a vector> il_reroll (il_net ([3 2 1], 'relu'), ones (11, 2))
