% test_errors.m - wrong calls get clear errors, never a crash: malformed
% networks, wrong types and sizes, non-finite values, unknown names.
% (tests/octave/gen_bad_inputs.m generates the systematic suite.)
function test_errors ()
end

%!shared net, X, Y
%! net = il_net ([2 3 1], {'tanh', 'sigmoid'});
%! X = [0.1 0.2; 0.3 0.4];  Y = [0 1];
%!error id=initlab:badArg il_forward (42, X)
%!error id=initlab:badArg il_forward (rmfield (net, 'W'), X)
%!error <layer 1 W must be 3x2, got 2x3> il_forward (setfield (net, 'W', {ones(2,3), ones(1,3)}), X)
%!error <layer 2 b must have 1 entries, got 2> il_forward (setfield (net, 'b', {zeros(3,1), [0 0]}), X)
%!error <layer 1 W\(1,1\) is NaN> il_forward (setfield (net, 'W', {[NaN 1; 1 1; 1 1], ones(1,3)}), X)
%!error <layer 2 b\(1\) is Inf> il_forward (setfield (net, 'b', {zeros(3,1), Inf}), X)
%!assert (il_forward (setfield (net, 'W', {int32(ones(3,2)), ones(1,3)}), X), il_forward (setfield (net, 'W', {ones(3,2), ones(1,3)}), X))
%!error id=initlab:badArg il_forward (setfield (net, 'W', {{ones(3,2)}, ones(1,3)}), X)
%!error id=initlab:badArg il_forward (setfield (net, 'W', {complex(ones(3,2)), ones(1,3)}), X)
%!error id=initlab:badArg il_forward (net, sparse (X))
%!assert (il_forward (net, single (X)), il_forward (net, X), 1e-7)
%!error id=initlab:badArg il_forward (net, ones (2, 2, 2))
%!error id=initlab:badArg il_predict (net, X, 'extra')
%!error id=initlab:badArg il_forward (net, {X})
%!error <X must have 2 rows> il_forward (net, ones (3, 2))
%!error <X must be finite; X\(2,1\) is Inf> il_forward (net, [1 2; Inf 3])
%!error <net.act must be one name or 2 names> il_forward (setfield (net, 'act', {'tanh', 'tanh', 'tanh'}), X)
%!error <loss 'bce' needs a sigmoid output layer, got tanh> il_forward (setfield (net, 'act', {'tanh'}), X)
%!error <unknown activation 'tnah'> il_forward (setfield (net, 'act', {'tnah', 'sigmoid'}), X)
%!error id=initlab:badArg il_forward (setfield (net, 'act', {1, 'sigmoid'}), X)
%!error <net.sizes\(2\) must be a whole number> il_forward (setfield (net, 'sizes', [2 0 1]), X)
%!error id=initlab:badArg il_forward (setfield (net, 'sizes', 'abc'), X)
%!error <unknown loss 'l2'> il_forward (setfield (net, 'loss', 'l2'), X)
%!error <loss 'sce' needs a softmax output layer> il_forward (setfield (net, 'loss', 'sce'), X)
%!error <X and Y must have the same number of columns> il_train (net, X, [0 1 1])
%!error <Y must be in \[0, 1\]> il_train (net, X, [0 2], 'verbose', false)
%!error <Y must be finite> il_train (net, X, [0 NaN], 'verbose', false)
%!error <batch must be a whole number> il_train (net, X, Y, 'batch', 1.5)
%!error <iters must be a whole number> il_train (net, X, Y, 'iters', -3)
%!error <momentum must be a finite number in \[0, 1\), got 1.5> il_train (net, X, Y, 'optimizer', 'momentum', 'momentum', 1.5, 'verbose', false)
%!error <options come in name, value pairs> il_train (net, X, Y, 'iters')
%!error <percentiles\(1\) must be a finite number in \[0, 100\], got -5> [~, r] = il_train (net, X, Y, 'iters', 1, 'percentiles', [-5 50], 'verbose', false);
%!error <hist_range must be \[lo hi\] with lo < hi> [~, r] = il_train (net, X, Y, 'iters', 1, 'hist_range', [1 0], 'verbose', false);
%!error <probe must have 2 rows> [~, r] = il_train (net, X, Y, 'iters', 1, 'probe', ones (3, 4), 'verbose', false);
%!error <matrix must give one entry or 2> il_init (net, {'matrix', 'zeros'}, 'matrix', {1, 2, 3})
%!error <layer 1: matrix needs the matrix to copy> il_init (net, 'matrix')
%!error <layer 1: matrix must be 3x2, got 2x2> il_init (net, 'matrix', 'matrix', ones (2, 2))
%!error <lsuv needs a batch X> il_init (net, 'lsuv')
%!error <bias initializer 'orthogonal' is not defined for a vector> il_init (net, 'he', 'bias', 'orthogonal')
%!error <unknown fan mode 'fan_inn'> il_init (net, 'he', 'mode', 'fan_inn')
%!error <unknown plot 'weight'> il_plot (struct ('iter', 0), 'weight', 'file', [tempname() '.png'])
%!error <iteration 7 was not recorded> il_plot (struct ('iter', [0 5], 'W', {{ones(2,2,2)}}, 'b', {{ones(2,2)}}), 'weights', 'iters', 7, 'file', [tempname() '.png'])
%!error <iters must be a whole number> il_train (net, X, Y, 'iters', 4611686018427387904)
%!test
%! % a literal past 2^53 is its value (Octave 7 keeps the integer inside)
%! assert (il_net ([2 3 1], 'tanh', 'seed', 9007199254740993).W, il_net ([2 3 1], 'tanh', 'seed', 2^53).W);
%! c = {0.1};
%! assert (il_forward (net, [c{1}; c{1}]), il_forward (net, [0.1; 0.1]));
%!test
%! % after all of that, Octave still works and the network is unharmed
%! assert (size (il_forward (net, X)), [1 2]);
