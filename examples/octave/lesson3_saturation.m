%% Lesson 3: saturation - what weights that are too large do
% The seed article: if the weights are large, a unit's weighted sum is
% large, "especially if there are more input neurons"; a logistic or tanh
% unit then sits on a flat end of its curve, its slope is close to 0, and
% the gradient that should update the weights below it vanishes.
%
% Here the weights of two hidden layers are drawn as randn * scale for
% scale = 0.01, 0.1, 1, 3, 10, in a sigmoid and in a tanh network, and the
% engine reports, per layer, the saturated fraction (a unit-sample is
% saturated where its slope is at most 5% of the activation's largest
% slope), the std of the back-propagated gradient dL/dz and the size of one
% gradient step relative to the weights, ||dW|| / ||W||.
%
% Run: make notebooks, or from the checkout
%   addpath build/octave octave examples/octave; lesson3_saturation

figures = lesson_setup ();

%% Data with many inputs
% Circles, lifted to 100 features by a fixed random tanh layer, so that each
% first-layer unit sums 100 inputs, as in the article's picture.
[X, Y] = il_dataset ('circles', 500, 'noise', 0.05, 'seed', 1);
lift = il_init (il_net ([2 100], 'tanh'), 'xavier_normal', 'gain', 5/3, 'seed', 7);
F = il_forward (lift, X);

%% The sweep
% [100 100 100 1]: two hidden layers drawn with randn * scale, a sigmoid
% output drawn with Xavier (it is not part of the sweep).  One step of
% gradient descent at lr 0.1 measures the relative update.
scales = [0.01 0.1 1 3 10];
acts = {'sigmoid', 'tanh'};
saturation = zeros (2, numel (scales), 2);   # layer x scale x activation
grad_std = zeros (2, numel (scales), 2);
update = zeros (2, numel (scales), 2);
for a = 1:2
  net = il_net ([100 100 100 1], {acts{a}, acts{a}, 'sigmoid'});
  for k = 1:numel (scales)
    start = il_init (net, {'scaled_normal', 'scaled_normal', 'xavier_normal'}, ...
                     'scale', scales(k), 'seed', 1);
    [~, rec] = il_train (start, F, Y, 'iters', 1, 'lr', 0.1, 'record_every', 1, ...
                         'record', {'saturation', 'grad', 'norms'}, 'verbose', false);
    saturation(:, k, a) = rec.saturation(1:2, 1);
    grad_std(:, k, a) = rec.grad_std(1:2, 1);
    update(:, k, a) = rec.update_ratio(1:2, 1);
  endfor
endfor

for a = 1:2
  printf ('\n%s hidden units\n%7s %12s %12s %12s %12s %12s %12s\n', acts{a}, 'scale', ...
          'sat L1', 'sat L2', 'grad std L1', 'grad std L2', 'step/W L1', 'step/W L2');
  for k = 1:numel (scales)
    printf ('%7g %12.3f %12.3f %12.3g %12.3g %12.3g %12.3g\n', scales(k), ...
            saturation(:, k, a), grad_std(:, k, a), update(:, k, a));
  endfor
endfor

%% What the table says
% Saturation rises with the scale in every hidden layer, to 80-98% at x10.
% The gradient reaching the top hidden layer (L2: only the fixed output
% layer is above it) shrinks with it.  The first layer shows the other
% side of large weights: the x10 weights of L2 multiply the gradient on its
% way down as much as L2's flat slopes divide it, so the std of dL/dz at L1
% does not fall.  What learning needs is the step relative to the weights,
% ||dW|| / ||W||, and that collapses in both layers: at x10 it is one to
% three orders of magnitude below its best over the sweep.
for a = 1:2
  lesson_claim (all (all (diff (saturation(:, :, a), 1, 2) >= 0)), ...
                sprintf ('%s: saturation rises with the scale in both hidden layers', acts{a}));
  lesson_claim (all (saturation(:, 1, a) == 0) && all (saturation(:, end, a) > 0.8), ...
                sprintf ('%s: no unit saturated at x0.01, over 80%% at x10', acts{a}));
  lesson_claim (grad_std(2, end, a) < grad_std(2, 2, a) / 5, ...
                sprintf ('%s: the top hidden layer''s gradient std falls over 5x from x0.1 to x10', acts{a}));
  lesson_claim (update(2, end, a) < max (update(2, :, a)) / 100, ...
                sprintf ('%s: at x10 layer 2''s step relative to its weights is 100x below its best', acts{a}));
  lesson_claim (update(1, end, a) < max (update(1, :, a)) / 10, ...
                sprintf ('%s: at x10 layer 1''s step relative to its weights is 10x below its best', acts{a}));
endfor

%% Saturation and gradients against the scale
h = figure ('position', [0 0 1200 450]);
styles = {'-o', '--s'};
subplot (1, 3, 1);
hold on;
for a = 1:2
  for l = 1:2
    semilogx (scales, saturation(l, :, a), styles{l}, 'linewidth', 1.5);
  endfor
endfor
hold off;
set (gca, 'xscale', 'log');
xlabel ('weight scale');  ylabel ('saturated fraction');
legend ({'sigmoid L1', 'sigmoid L2', 'tanh L1', 'tanh L2'}, 'location', 'northoutside');
subplot (1, 3, 2);
loglog (scales, squeeze (grad_std(2, :, :)), '-o', 'linewidth', 1.5);
xlabel ('weight scale');  ylabel ('std of dL/dz, layer 2');
legend (acts, 'location', 'northoutside');
subplot (1, 3, 3);
loglog (scales, [squeeze(update(1, :, :)), squeeze(update(2, :, :))], '-o', 'linewidth', 1.5);
xlabel ('weight scale');  ylabel ('||dW|| / ||W||');
legend ({'sigmoid L1', 'tanh L1', 'sigmoid L2', 'tanh L2'}, 'location', 'northoutside');
lesson_save (h, figures, 'lesson3_saturation.png');
