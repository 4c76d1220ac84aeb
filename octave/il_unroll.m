% -*- texinfo -*-
% @deftypefn {} {@var{theta} =} il_unroll (@var{net})
% Every weight and bias of @var{net} in one column, as a course unrolls
% its @code{Theta} matrices: layer by layer @code{Theta_l = [b_l W_l]}
% (the bias first), column by column, so @code{theta = [Theta_1(:);
% Theta_2(:); @dots{}]}, @code{sum (n_l * (n_(l-1) + 1))} entries.  The
% gradient of @code{il_cost} comes in the same order; @code{il_reroll}
% puts a vector back.  Lua: @code{net:unroll()}; C: @code{il_net_unroll}.
% @seealso{il_reroll, il_cost}
% @end deftypefn
function theta = il_unroll (net)
  if nargin != 1
    error ('initlab:badArg', 'usage: theta = il_unroll (net)');
  end
  theta = __initlab__ ('unroll', net);
end

%!test
%! net = il_init (il_net ([2 3 2], 'tanh'), 'normal', 'seed', 1, 'bias', 'normal');
%! theta = il_unroll (net);
%! assert (theta, [net.b{1}; net.W{1}(:); net.b{2}; net.W{2}(:)]);
%! assert (il_reroll (net, theta), net);
%!error <net must be a network struct> il_unroll (3)
