% -*- texinfo -*-
% @deftypefn  {} {@var{P} =} il_propagation (@var{net}, @var{X})
% @deftypefnx {} {@var{P} =} il_propagation (@var{net}, @var{X}, @var{Y})
% il_propagation (@dots{}) prints the table
% The mean-field prediction (@code{il_theory}) of every layer's signal and
% gradient size, set beside what @var{net} does on the batch @var{X} (n0 x
% m; with targets @var{Y}, the gradients too), so that one table shows
% where the theory holds and where it does not.
%
% The theory sees layer l only through sigma_w2 = n(l-1) mean(W@{l@}(:).^2)
% and sigma_b2 = mean(b@{l@}.^2), read off the network as it is: for
% weights drawn i.i.d. with mean zero (normal, uniform, xavier_*, he_*,
% lecun_*, critical, ...) these are the initializer's variances up to
% sampling.  Each sample is followed from q_1 = sigma_w2 ||x||^2/n0 +
% sigma_b2 through the variance map q' = sigma_w2 E[f(sqrt(q) z)^2] +
% sigma_b2 of the layers' own activations; the backward prediction starts
% from each sample's measured output gradient and multiplies, per layer
% down, by E[f'(h)^2] n(l+1)/n(l) sigma_w2(l+1) (Schoenholz et al. 2017,
% "Deep information propagation", section 4, and its gradient-independence
% assumption).  Wide layers follow the prediction to a few percent; narrow
% layers, inputs far from Gaussian, and weights that are not i.i.d. with
% mean zero (orthogonal, trained, constant) show where it stops holding.
%
% @var{P} is a struct of 1 x L rows:
% @table @code
% @item sigma_w2, sigma_b2
% each layer's, as read off the network
% @item q_pred, q_meas
% the mean square of the pre-activations Z@{l@}, over units and samples
% @item a2_pred, a2_meas
% the mean square of the activations A@{l@} (NaN predicted for softmax)
% @item grad_pred, grad_meas
% the mean square of each sample's own gradient dl/dZ@{l@} (NaN without
% @var{Y}); the output layer's prediction is its measurement
% @item table
% the same as text, one row per layer (what il_propagation prints when
% its result is not taken)
% @end table
% softmax is an output layer only, as il_net has it.
%
% @example
% net = il_init (il_net ([500 1000 1000 1000 1], 'tanh'), 'critical', 'sigma_b2', 0.05);
% il_propagation (net, randn (500, 64))
% @end example
% @seealso{il_theory, il_stats, il_init}
% @end deftypefn
function P = il_propagation (net, X, varargin)
  if nargin < 2
    error ('initlab:badArg', 'usage: P = il_propagation (net, X, Y)');
  end
  result = __initlab__ ('propagation', net, X, varargin{:});
  if nargout > 0
    P = result;
  else
    printf ('%s\n', result.table);
  end
end

%!test
%! % wide tanh layers follow the prediction within a few percent
%! net = il_init (il_net ([400 1000 1000 1000 1], {'tanh', 'tanh', 'tanh', 'sigmoid'}), ...
%!                'variance_scaling', 'scale', 1.5, 'bias', 'normal', 'std', sqrt (0.05), 'seed', 3);
%! X = randn (400, 50);
%! P = il_propagation (net, X, double (rand (1, 50) > 0.5));
%! assert (size (P.q_pred), [1 4]);
%! assert (abs (P.q_pred(1:3) ./ P.q_meas(1:3) - 1) < 0.05);
%! assert (abs (P.grad_pred(1:3) ./ P.grad_meas(1:3) - 1) < 0.1);
%! assert (P.grad_pred(4), P.grad_meas(4), 1e-12 * P.grad_meas(4));
%! assert (P.sigma_w2(2), 1000 * mean (net.W{2}(:) .^ 2), 1e-12);
%!test
%! % without targets: no gradients
%! net = il_init (il_net ([3 4 2], 'relu'), 'he_normal', 'seed', 1);
%! P = il_propagation (net, randn (3, 5));
%! assert (all (isnan (P.grad_pred)) && all (isnan (P.grad_meas)));
%! assert (ischar (P.table));
%!test
%! % zero weights: the prediction is the biases' alone, and exact
%! net = il_init (il_net ([3 5 4 1], 'tanh'), 'zeros', 'bias', 'normal', 'std', 0.5, 'seed', 2);
%! P = il_propagation (net, randn (3, 6), ones (1, 6));
%! assert (P.sigma_w2, [0 0 0]);
%! assert (P.q_pred, P.sigma_b2, 1e-15);
%! assert (P.q_pred, P.q_meas, 1e-15);
%!error <X must have 3 rows> il_propagation (il_net ([3 2], 'tanh'), ones (2, 4))
