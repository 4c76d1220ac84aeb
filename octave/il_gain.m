% -*- texinfo -*-
% @deftypefn  {} {@var{g} =} il_gain (@var{nonlinearity})
% @deftypefnx {} {@var{g} =} il_gain (@var{nonlinearity}, @var{param})
% @deftypefnx {} {[@var{g}, @var{computed}] =} il_gain (@dots{})
% The recommended gain for weights feeding @var{nonlinearity}: linear and
% sigmoid 1, tanh 5/3, relu sqrt(2), leaky_relu sqrt(2/(1+a^2)) with slope
% @var{param} (default 0.01), selu 3/4 - the literature's values.  elu,
% softsign and softplus have no textbook gain: theirs is computed as
% 1/sqrt(E[f(x)^2]) for x ~ N(0,1), the factor that keeps the second moment
% of a unit Gaussian through the activation, and @var{computed} is true.
%
% Arguments:
% @c options: the engine's table for il_gain; tests/octave/test_docs.m checks it
% @table @code
% @item nonlinearity
% the activation whose gain is wanted.  Default: (required).
% @item param
% leaky_relu's slope, elu's alpha.  Default: NaN (the activation's own).
% @end table
%
% @example
% net = il_init (net, 'orthogonal', 'gain', il_gain ('tanh'));
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
%!error <unknown activation 'tan'> il_gain ('tan')
%!error id=initlab:badArg il_gain ('softmax')
%!assert (il_gain ('leaky_relu', single (0.5)), il_gain ('leaky_relu', 0.5))
%!assert (il_gain ('tanh', int8 (1)), 5/3)
%!error id=initlab:badArg il_gain ('tanh', 'x')
%!error id=initlab:badArg il_gain (3)
