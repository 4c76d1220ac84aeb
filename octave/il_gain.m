% -*- texinfo -*-
% @deftypefn  {} {@var{g} =} il_gain (@var{nonlinearity})
% @deftypefnx {} {@var{g} =} il_gain (@var{nonlinearity}, @var{param})
% @deftypefnx {} {[@var{g}, @var{computed}] =} il_gain (@dots{})
% The recommended gain for weights feeding @var{nonlinearity}: linear and
% sigmoid 1, tanh 5/3, relu sqrt(2), leaky_relu sqrt(2/(1+a^2)) with slope
% @var{param} (default 0.01), selu 3/4 - the literature's values, and
% PyTorch's calculate_gain's.  Its names of layers initlab has no use for,
% conv1d, conv2d, conv3d, conv_transpose1d, conv_transpose2d and
% conv_transpose3d, are taken too: linear maps, gain 1.  elu, softsign and
% softplus have no textbook gain: theirs is computed as 1/sqrt(E[f(x)^2])
% for x ~ N(0,1), the factor that keeps the second moment of a unit
% Gaussian through the activation, and @var{computed} is true (PyTorch
% refuses them).
%
% Arguments:
% @c options: the engine's table for il_gain; tests/octave/test_docs.m checks it
% @table @code
% @item nonlinearity
% the activation whose gain is wanted, or one of PyTorch's conv names
% above.  Default: (required).
% @item param
% leaky_relu's slope, elu's alpha.  Default: NaN (the activation's own).
% @end table
%
% @example
% net = il_init (net, 'orthogonal', 'gain', il_gain ('tanh'));
% il_gain ('conv2d')    % 1, as torch.nn.init.calculate_gain ('conv2d')
% @end example
% @seealso{il_init}
% @end deftypefn
function [g, computed] = il_gain (nonlinearity, varargin)
  if nargin < 1
    error ('initlab:badArg', 'usage: [g, computed] = il_gain (nonlinearity, param)');
  end
  [g, computed] = __initlab__ ('gain', nonlinearity, varargin{:});
end

%!assert (il_gain ('tanh'), 5/3)
%!assert (il_gain ('relu'), sqrt (2))
%!assert (il_gain ('linear'), 1)
%!assert (il_gain ('selu'), 3/4)
%!assert (il_gain ('leaky_relu', 0.2), sqrt (2 / (1 + 0.04)), 1e-15)
%!test
%! [g, computed] = il_gain ('softsign');
%! assert (computed);
%! assert (g > 1);
%! [~, computed] = il_gain ('tanh');
%! assert (~computed);
%!error <unknown nonlinearity 'tan'; expected one of: linear, sigmoid> il_gain ('tan')
%!error <conv_transpose3d> il_gain ('conv4d')
%!test
%! for c = {'conv1d', 'conv2d', 'conv3d', 'conv_transpose1d', 'conv_transpose2d', 'conv_transpose3d'}
%!   [g, computed] = il_gain (c{1});
%!   assert (g, 1);
%!   assert (~computed);
%! end
%!assert (il_gain ('leaky_relu'), sqrt (2 / (1 + 0.01^2)), 1e-15)
%!error id=initlab:badArg il_gain ('softmax')
%!assert (il_gain ('leaky_relu', single (0.5)), il_gain ('leaky_relu', 0.5))
%!assert (il_gain ('tanh', int8 (1)), 5/3)
%!error id=initlab:badArg il_gain ('tanh', 'x')
%!error id=initlab:badArg il_gain (3)
