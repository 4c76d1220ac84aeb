% -*- texinfo -*-
% @deftypefn  {} {@var{T} =} il_theory (@var{act}, 'sigma_w2', @var{s}, 'sigma_b2', @var{b})
% @deftypefnx {} {@var{T} =} il_theory (@var{act}, 'critical', 'sigma_b2', @var{b})
% @deftypefnx {} {@var{T} =} il_theory (@dots{}, 'depth', @var{D}, 'q0', @var{q0}, 'c0', @var{c0})
% What a wide network of @var{act} units does at initialization, predicted
% before it is trained: the mean-field theory of signal propagation (Poole,
% Lahiri, Raghu, Sohl-Dickstein and Ganguli 2016, "Exponential
% expressivity in deep neural networks through transient chaos";
% Schoenholz, Gilmer, Ganguli and Sohl-Dickstein 2017, "Deep information
% propagation").  Weights are W_ij ~ N(0, sigma_w2/n) (n the fan-in),
% biases N(0, sigma_b2), and z ~ N(0, 1).  A layer maps the variance q of
% its inputs' pre-activations, and the correlation c of two inputs', as
% @example
% q' = sigma_w2 E[f(sqrt(q) z)^2] + sigma_b2
% c' = (sigma_w2 E[f(u1) f(u2)] + sigma_b2) / q',
%      u1 = sqrt(q) z1,  u2 = sqrt(q) (c z1 + sqrt(1 - c^2) z2)
% @end example
% and @var{T} holds, at (@var{s}, @var{b}):
% @table @code
% @item q_star
% the fixed point of the variance map reached from q = 1 (Inf when q grows
% without bound: an unbounded activation with a large sigma_w2)
% @item chi1
% sigma_w2 E[f'(sqrt(q*) z)^2]: the slope of the correlation map at c = 1,
% the factor by which a small difference between two inputs, and the
% back-propagated gradient's variance, grow per layer
% @item phase
% 'ordered' (chi1 < 1: nearby inputs converge, gradients vanish),
% 'chaotic' (chi1 > 1: they decorrelate, gradients explode) or
% 'critical' (|chi1 - 1| <= 1e-9: the edge of chaos)
% @item c_star
% the stable fixed point of the correlation map: 1 when ordered, below 1
% when chaotic
% @item chi_c
% the correlation map's slope at c_star (chi1 when c_star = 1)
% @item xi_q, xi_c
% the depth scales over which q and c approach their fixed points,
% -1/log(slope): xi_q from the variance map's slope at q_star
% (Schoenholz et al. eq. 5), xi_c = -1/log(chi_c) (their eq. 9); both are
% Inf at the critical point, and Schoenholz et al. find that networks train
% up to depths of about 6 xi_c
% @item act, act_param, sigma_w2, sigma_b2
% the question (act_param: leaky_relu's slope, elu's alpha, else NaN)
% @end table
% With 'critical', sigma_w2 is solved for: the edge of chaos chi1 = 1 at
% sigma_b2 (tanh at sigma_b2 = 0: 1; relu: 2, He's, at any sigma_b2;
% leaky_relu 2/(1+a^2)).  With 'depth', @var{T}.q and @var{T}.c (1 x
% (D+1)) are the path predicted from q0, c0 at layer 1 through D more
% layers.  The expectations are computed by quadrature to about 1e-12
% (closed forms for linear, relu and leaky_relu: the arc-cosine kernel).
% softmax couples its units and has no such theory: it is refused.
%
% Options:
% @c options: the engine's table for il_theory; tests/octave/test_docs.m checks it
% @table @code
% @item act
% the activation (any but softmax, which couples its units).  Default:
% (required).
% @item act_param
% leaky_relu's slope, elu's alpha.  Default: NaN (the activation's own).
% @item sigma_w2
% the weights' variance times the fan-in: W ~ N(0, sigma_w2/n).  Default:
% (required, unless critical).
% @item sigma_b2
% the biases' variance: b ~ N(0, sigma_b2).  Default: 0.
% @item critical
% solve for the sigma_w2 of the edge of chaos (chi1 = 1) at sigma_b2.
% Default: false.
% @item depth
% layers of the predicted path q, c (0: none).  Default: 0.
% @item q0
% the path's first pre-activation variance.  Default: 1.
% @item c0
% the path's first correlation of two inputs.  Default: 0.5.
% @end table
%
% @example
% T = il_theory ('tanh', 'sigma_w2', 1.5, 'sigma_b2', 0.05);
% printf ('%s: chi1 = %.3f, xi_c = %.1f layers\n', T.phase, T.chi1, T.xi_c);
% C = il_theory ('tanh', 'critical', 'sigma_b2', 0.05);   % C.sigma_w2
% net = il_init (il_net ([100 * ones(1, 21)], 'tanh'), 'critical', 'sigma_b2', 0.05);
% @end example
% @seealso{il_init, il_jacobian, il_stats}
% @end deftypefn
function T = il_theory (act, varargin)
  if nargin < 1
    error ('initlab:badArg', 'usage: T = il_theory (act, name, value, ...)');
  end
  % 'critical' alone is the flag 'critical', true
  if mod (numel (varargin), 2) == 1 && ischar (varargin{1}) && strcmpi (varargin{1}, 'critical')
    varargin = [{'critical', true}, varargin(2:end)];
  end
  T = __initlab__ ('theory', act, varargin{:});
end

%!test
%! T = il_theory ('relu', 'sigma_w2', 1.5);
%! assert (T.chi1, 0.75, 1e-12);
%! assert (T.phase, 'ordered');
%! assert (T.c_star, 1);
%!test
%! C = il_theory ('tanh', 'critical', 'sigma_b2', 0);
%! assert (C.sigma_w2, 1, 1e-9);
%! assert (C.phase, 'critical');
%! C = il_theory ('relu', 'critical', 'sigma_b2', 0.05);
%! assert (C.sigma_w2, 2, 1e-12);
%!test
%! % the linear network's closed forms
%! T = il_theory ('linear', 'sigma_w2', 0.5, 'sigma_b2', 0.1);
%! assert (T.q_star, 0.1 / (1 - 0.5), 1e-12);
%! assert (T.chi1, 0.5, 1e-14);
%!test
%! % chaotic tanh: two inputs decorrelate to c* < 1, predicted layer by layer
%! T = il_theory ('tanh', 'sigma_w2', 3, 'sigma_b2', 0.05, 'depth', 200, 'q0', 1, 'c0', 0.99);
%! assert (T.phase, 'chaotic');
%! assert (T.c_star < 1 && T.chi_c < 1);
%! assert (size (T.q), [1 201]);
%! assert (abs (T.c(end) - T.c_star) < 1e-6);
%! assert (abs (T.q(end) - T.q_star) < 1e-9);
%!test
%! % against Monte Carlo: the variance map of tanh
%! z = randn (1, 4e6);
%! T = il_theory ('tanh', 'sigma_w2', 2, 'sigma_b2', 0.1, 'depth', 1, 'q0', 0.7);
%! mc = 2 * mean (tanh (sqrt (0.7) * z) .^ 2) + 0.1;
%! assert (abs (T.q(2) - mc) < 5 * 2 * std (tanh (sqrt (0.7) * z) .^ 2) / sqrt (4e6));
%!error <softmax> il_theory ('softmax', 'sigma_w2', 1)
%!error <sigma_w2 is required> il_theory ('tanh')
%!error <not both> il_theory ('tanh', 'critical', 'sigma_w2', 1)
%!error <sigma_w2> il_theory ('tanh', 'sigma_w2', -1)
%!error <give 'depth' too> il_theory ('tanh', 'sigma_w2', 1, 'c0', 0.5)
