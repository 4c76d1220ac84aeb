% -*- texinfo -*-
% @deftypefn  {} {@var{J} =} il_jacobian (@var{net}, @var{X})
% @deftypefnx {} {@var{J} =} il_jacobian (@var{net}, @var{X}, @var{rec})
% @deftypefnx {} {@var{J} =} il_jacobian (@dots{}, @var{name}, @var{value}, @dots{})
% The singular values of the network's input-output Jacobian at each
% sample: for sample j (column j of @var{X}, n0 x m), the Jacobian of the
% output with respect to the input,
% @example
% J_j = d out / d x = D_L W_L ... D_2 W_2 D_1 W_1,
% @end example
% with D_l = diag(f_l'(z_l)) the slopes of layer l's activation at the
% sample (diag(a) - a a' for softmax).  Its singular values say how the
% network stretches a small change of the input along each direction: when
% all of them are near 1 the network is in "dynamical isometry"
% (Pennington, Schoenholz and Ganguli 2017, "Resurrecting the sigmoid in
% deep learning through dynamical isometry"), where a signal and its
% gradient keep their size through any depth; their spread grows with depth
% for Gaussian weights and for relu, and stays bounded for orthogonal
% weights on tanh at the edge of chaos (@code{il_theory}).  LAPACK's dgesdd
% computes them.
%
% @var{J} is a struct:
% @table @code
% @item sv
% k x m, k = min(nL, n0): sample j's singular values in column j, descending
% @item max
% the largest of all of them
% @item mean_sq
% the mean of their squares (for nL <= n0 the normalized trace
% tr(J J')/nL, averaged over the samples: 1 at isometry)
% @item condition
% the largest over the smallest (Inf when the smallest is 0)
% @end table
%
% With a record @var{rec} of @var{net}'s training that holds its weights
% (il_train with 'record', 'all' or @{'weights', ...@}), the same at every
% recorded iteration: @var{J}.iter (1 x R) the iterations, @var{J}.sv
% (k m x R) a column of each iteration's values (sample by sample), and
% max, mean_sq and condition 1 x R rows, so that a spectrum can be followed
% through training.
%
% Options:
% @c options: the engine's table for il_jacobian; tests/octave/test_docs.m checks it
% @table @code
% @item max_bytes
% refuse more memory than this for the Jacobians and their singular
% values.  Default: half the memory.
% @end table
%
% @example
% net = il_init (il_net ([100 * ones(1, 33)], 'tanh'), 'orthogonal');
% J = il_jacobian (net, randn (100, 5));
% hist (J.sv(:), 30)
% @end example
% @seealso{il_theory, il_init, il_forward}
% @end deftypefn
function J = il_jacobian (net, X, varargin)
  if nargin < 2
    error ('initlab:badArg', 'usage: J = il_jacobian (net, X, rec, name, value, ...)');
  end
  % the record as name, value pairs of its fields; none: empty
  rec = [];
  if numel (varargin) > 0 && ! ischar (varargin{1})
    rec = varargin{1};
    varargin(1) = [];
    if isstruct (rec) && isscalar (rec)
      rec = __il_record_pairs__ (rec);
    end
  end
  J = __initlab__ ('jacobian', net, X, rec, varargin{:});
end

%!test
%! % a one-layer linear network: the Jacobian is W itself
%! net = il_init (il_net ([4 3], 'linear'), 'normal', 'seed', 2);
%! J = il_jacobian (net, randn (4, 2));
%! assert (J.sv, repmat (svd (net.W{1}), 1, 2), 1e-12);
%!test
%! % against Octave's svd of a finite-difference Jacobian
%! net = il_init (il_net ([5 7 6 3], {'tanh', 'sigmoid', 'softmax'}), 'xavier_normal', 'seed', 4);
%! x = [0.3; -0.2; 0.5; 0.1; -0.4];
%! h = 1e-6;
%! F = zeros (3, 5);
%! for i = 1:5
%!   e = zeros (5, 1); e(i) = h;
%!   F(:, i) = (il_forward (net, x + e) - il_forward (net, x - e)) / (2 * h);
%! end
%! J = il_jacobian (net, x);
%! assert (J.sv, svd (F), 1e-8);
%! assert (J.max, max (svd (F)), 1e-8);
%! assert (J.mean_sq, mean (svd (F) .^ 2), 1e-8);
%! % (a softmax output's rows sum to 0: its smallest singular value is 0
%! % up to round-off, and the condition is that round-off)
%! assert (min (J.sv) < 1e-12 && J.condition > 1e10);
%!test
%! % the condition of a net without softmax
%! net = il_init (il_net ([4 6 3], {'tanh', 'tanh'}), 'xavier_normal', 'seed', 5);
%! J = il_jacobian (net, [0.1 -0.3; 0.2 0.4; -0.5 0.1; 0.3 0.2]);
%! s = J.sv(:);
%! assert (J.condition, max (s) / min (s), 1e-12 * J.condition);
%!test
%! % deep orthogonal linear: an isometry
%! net = il_init (il_net (8 * ones (1, 11), 'linear'), 'orthogonal', 'seed', 1);
%! J = il_jacobian (net, randn (8, 3));
%! assert (J.sv, ones (8, 3), 1e-12);
%! assert (J.condition, 1, 1e-12);
%!test
%! % at recorded iterations: the same as a network set to each one's weights
%! net = il_init (il_net ([3 5 2], {'tanh', 'linear'}), 'xavier_normal', 'seed', 3);
%! X = [0.1 -0.2 0.3 0.5; 0.4 0.1 -0.3 0.2; -0.1 0.2 0.2 -0.4];
%! [~, rec] = il_train (net, X, [X(1:2, :)], 'iters', 20, 'record_every', 10, ...
%!                      'record', 'all', 'verbose', false);
%! J = il_jacobian (net, X, rec);
%! assert (J.iter, [0 10 20]);
%! assert (size (J.sv), [2 * 4, 3]);
%! at = net;
%! at.W = {rec.W{1}(:, :, 3), rec.W{2}(:, :, 3)};
%! at.b = {rec.b{1}(:, 3), rec.b{2}(:, 3)};
%! J3 = il_jacobian (at, X);
%! assert (J.sv(:, 3), J3.sv(:));
%! assert (J.max(3), J3.max);
%! assert (J.sv(:, 1), reshape (il_jacobian (net, X).sv, [], 1));
%!error <the record has no W> il_jacobian (il_net ([3 2], 'tanh'), ones (3, 1), struct ('iter', 0))
%!error <X must have 4 rows> il_jacobian (il_net ([4 3], 'tanh'), ones (3, 2))
%!error <unknown option 'maxbytes'> il_jacobian (il_net ([4 3], 'tanh'), ones (4, 2), 'maxbytes', 1)
