%% Lesson 4: depth - how the scale of the weights compounds layer by layer
% Glorot & Bengio (2010) and the CS231n activation-statistics demo: in a
% deep tanh network each layer multiplies the spread of its input by about
% sqrt(n) times the weights' std (times the slope of tanh).  Below 1/sqrt(n)
% the activations shrink towards 0 layer after layer; far above it they
% pile up at +-1, where tanh is flat; at 1/sqrt(n) (Xavier) they keep
% their size.  Then the other half of Glorot & Bengio's study: sigmoid
% units with the "standard" initialization U[-1/sqrt(n), 1/sqrt(n)], whose
% top hidden layer is driven towards 0 early in training.
%
% Run: make notebooks, or from the checkout
%   addpath build/octave octave examples/octave; lesson4_depth

figures = lesson_setup ();

%% Ten tanh layers of 500 units, 1000 Gaussian inputs
% The inputs are 1000 samples of 500 independent N(0, 1) values, drawn by
% the engine (the 500 x 1000 weights of a layer with a normal initializer),
% so that Octave and Lua see the same numbers.
X = lesson_gaussian (500, 1000, 1);
net = il_net ([500 500 500 500 500 500 500 500 500 500 500], 'tanh');
starts = {il_init(net, 'normal', 'std', 0.01, 'seed', 2), ...
          il_init(net, 'normal', 'std', 1, 'seed', 2), ...
          il_init(net, 'normal', 'std', 1 / sqrt (500), 'seed', 2), ...
          il_init(net, 'xavier_normal', 'gain', il_gain ('tanh'), 'seed', 2)};
names = {'N(0, 0.01^2)', 'N(0, 1)', 'N(0, 1/n) (Xavier)', 'Xavier, tanh gain 5/3'};
stats = cell (1, 4);
for k = 1:4
  stats{k} = il_stats (starts{k}, X, [], 'hist_bins', 40, 'hist_range', [-1 1]);
endfor

printf ('%-6s', 'layer');
printf ('%24s', names{:});
printf ('\n');
for l = 1:10
  printf ('%-6d', l);
  for k = 1:4
    printf ('%13.3g std %4.0f%% sat', stats{k}.act_std(l), 100 * stats{k}.saturation(l));
  endfor
  printf ('\n');
endfor

std_ratio = cellfun (@(s) s.act_std(10) / s.act_std(1), stats);
printf ('\nstd at layer 10 / std at layer 1: %s\n', mat2str (std_ratio, 3));
lesson_claim (std_ratio(1) < 1e-4, 'N(0, 0.01^2): the activations'' std collapses (layer 10 / layer 1 < 1e-4)');
lesson_claim (all (stats{2}.saturation > 0.9) && all (stats{2}.act_std > 0.9), ...
              'N(0, 1): over 90% of the units saturated in every layer, activations piled at +-1');
lesson_claim (std_ratio(3) > 0.2 && std_ratio(3) < 1, ...
              'Xavier: the std shrinks only slowly (layer 10 / layer 1 between 0.2 and 1)');
lesson_claim (abs (std_ratio(4) - 1) < 0.25 && all (stats{4}.saturation < 0.2), ...
              'Xavier with the tanh gain: the std stays level (within 25%), few units saturated');

%% Histograms of each layer's activations at initialization
h = figure ('position', [0 0 1200 400]);
centers = linspace (-1, 1, 41);
centers = (centers(1:end-1) + centers(2:end)) / 2;
for k = 1:4
  subplot (1, 4, k);
  plot (centers, stats{k}.hist(1:3:10, :)' / 1000, 'linewidth', 1.2);
  title (names{k});
  xlabel ('activation');
  if (k == 1)
    ylabel ('units per sample');
    legend ({'layer 1', 'layer 4', 'layer 7', 'layer 10'}, 'location', 'north');
  endif
endfor
lesson_save (h, figures, 'lesson4_histograms.png');

%% Mean +- std of each layer's activations
h = figure ('position', [0 0 1200 350]);
for k = 1:4
  subplot (1, 4, k);
  errorbar (1:10, stats{k}.act_mean, stats{k}.act_std, '-o');
  axis ([0.5 10.5 -1.2 1.2]);
  title (names{k});
  xlabel ('layer');
endfor
lesson_save (h, figures, 'lesson4_mean_std.png');

%% Sigmoid: the standard initialization against the normalized one
% Four hidden layers of 100 sigmoid units and a softmax output on three
% spirals, trained by mini-batch gradient descent (batches of 10, lr 0.1,
% 3,000 steps).  Standard: U[-1/sqrt(n), 1/sqrt(n)] (variance_scaling with
% scale 1/3, fan_in, uniform).  Normalized: U[+-sqrt(6/(n_in+n_out))]
% (xavier_uniform).  Saturation is counted with a looser threshold than
% the default, a slope at most half the largest (sigmoid below 0.146 or
% above 0.854), because the drift is gradual.
[S, T] = il_dataset ('spirals', 900, 'classes', 3, 'seed', 1);
deep = il_net ([2 100 100 100 100 3], {'sigmoid', 'sigmoid', 'sigmoid', 'sigmoid', 'softmax'});
inits = {il_init(deep, 'variance_scaling', 'scale', 1/3, 'mode', 'fan_in', ...
                 'distribution', 'uniform', 'seed', 1), ...
         il_init(deep, 'xavier_uniform', 'seed', 1)};
init_names = {'standard', 'normalized'};
recs = cell (1, 2);
for k = 1:2
  [~, recs{k}] = il_train (inits{k}, S, T, 'iters', 3000, 'batch', 10, 'lr', 0.1, ...
                           'seed', 1, 'probe', S, 'record_every', 100, ...
                           'record', {'loss', 'saturation', 'act'}, 'sat_theta', 0.5, ...
                           'verbose', false);
endfor
printf ('\nsigmoid, mean activation per hidden layer (rows) at steps 0, 500, 1000, 3000\n');
cols = arrayfun (@(i) find (recs{1}.iter == i), [0 500 1000 3000]);
for k = 1:2
  printf ('%s:\n', init_names{k});
  disp (recs{k}.act_mean(1:4, cols));
endfor
top = recs{1}.act_mean(4, :);
lower = recs{1}.act_mean(1:3, :);
lesson_claim (top(1) > 0.45 && recs{1}.act_mean(4, cols(3)) < 0.3, ...
              'standard init: the top hidden layer''s mean falls from 0.5 below 0.3 within 1000 steps');
lesson_claim (all (abs (lower(:) - 0.5) < 0.15), ...
              'standard init: the layers below stay near 0.5 meanwhile');
lesson_claim (recs{1}.saturation(4, end) > recs{1}.saturation(4, 1) + 0.2, ...
              'standard init: the top hidden layer saturates as it goes (over 20 points more)');
lesson_claim (recs{2}.act_mean(4, end) < 0.3, ...
              'normalized init does not prevent it for sigmoid units');

h = il_plot (recs{1}, 'act', 'title', 'standard init: mean +- std per layer');
lesson_save (h, figures, 'lesson4_sigmoid_act.png');
h = il_plot (recs, 'saturation', 'labels', init_names);
lesson_save (h, figures, 'lesson4_sigmoid_saturation.png');
