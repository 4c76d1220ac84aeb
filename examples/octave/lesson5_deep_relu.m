%% Lesson 5: deep ReLU networks - why He initialization exists
% He et al. (2015): a ReLU passes on half of its input's second moment, so
% with Xavier's variance 1/n (for square layers) the signal halves at every
% layer - after 30 layers it is 2^-29, a billionth, and so is the gradient
% on its way back.  He's variance 2/n puts the lost half back: the second
% moment stays level however deep the network is.
%
% Run: make notebooks, or from the checkout
%   addpath build/octave octave examples/octave; lesson5_deep_relu

figures = lesson_setup ();

%% A synthetic task
% 500 samples of 100 independent N(0, 1) inputs (drawn by the engine, so
% that Octave and Lua see the same numbers), labelled by the sign of a
% random "teacher" network around its median: half of each class.
X = lesson_gaussian (100, 500, 1);
teacher = il_init (il_net ([100 20 1], {'tanh', 'linear'}), 'xavier_normal', 'seed', 2);
score = il_forward (teacher, X);
Y = double (score > median (score));

%% Thirty ReLU layers at initialization
% One network's per-layer variance is a product of 30 random factors, so it
% wanders (by a factor of 2 or more at width 256); He's claim is about the
% expectation.  The table averages each layer's activation variance over
% 10 independent draws of a network with 30 hidden layers of 256 units,
% measured on the first 200 samples.
relu30 = @(width) il_net ([100, repmat(width, 1, 30), 1], [repmat({'relu'}, 1, 30), {'sigmoid'}]);
wide = relu30 (256);
inits = {'xavier_normal', 'he_normal'};
draws = 10;
variance = zeros (30, 2);
grad_std = zeros (30, 2);
for k = 1:2
  for seed = 1:draws
    s = il_stats (il_init (wide, inits{k}, 'seed', seed), X(:, 1:200), Y(1:200));
    variance(:, k) += s.act_std(1:30) .^ 2 / draws;
    grad_std(:, k) += s.grad_std(1:30) / draws;
  endfor
endfor
printf ('%6s %16s %16s %16s %16s\n', 'layer', 'var Xavier', 'var He', ...
        'grad std Xavier', 'grad std He');
for l = [1 2 5 10 15 20 25 30]
  printf ('%6d %16.3g %16.3g %16.3g %16.3g\n', l, variance(l, :), grad_std(l, :));
endfor
ratio = variance(30, :) ./ variance(1, :);
printf ('\nvariance at layer 30 / layer 1: Xavier %.3g, He %.3g\n', ratio);
lesson_claim (ratio(2) >= 0.5 && ratio(2) <= 2, 'He: the variance ratio layer 30 / layer 1 is within [0.5, 2]');
lesson_claim (ratio(1) < 0.01, 'Xavier: the variance ratio layer 30 / layer 1 is below 0.01');
lesson_claim (grad_std(1, 1) / grad_std(30, 1) < 1e-3 && grad_std(1, 2) / grad_std(30, 2) > 0.1, ...
              'Xavier''s gradient shrinks 1000-fold on its way down to layer 1; He''s keeps its size');

%% Training for a fixed budget
% The same depth at width 64 (to keep the lesson quick), 300 steps of
% full-batch gradient descent with momentum (lr 0.003).  (Adam would rescue
% Xavier here: its per-weight step sizes undo the vanishing gradient, which
% plain and momentum descent feel in full.)
recs = cell (1, 2);
for k = 1:2
  [trained, recs{k}] = il_train (il_init (relu30 (64), inits{k}, 'seed', 1), X, Y, ...
                                 'iters', 300, 'lr', 0.003, 'optimizer', 'momentum', ...
                                 'record_every', 10, 'record', {'loss'}, 'verbose', false);
  printf ('%-14s loss %.4f -> %.4f, accuracy %.3f\n', inits{k}, recs{k}.loss(1), ...
          recs{k}.loss(end), il_accuracy (trained, X, Y));
endfor
lesson_claim (recs{1}.loss(end) > 0.6, 'Xavier: training stalls near ln 2 (loss above 0.6 after 300 steps)');
lesson_claim (recs{2}.loss(end) < 0.2, 'He: the loss falls below 0.2 in the same 300 steps');

%% Figures
h = figure ('position', [0 0 1100 400]);
subplot (1, 2, 1);
semilogy (1:30, variance, '-o', 'linewidth', 1.5);
xlabel ('layer');  ylabel ('activation variance (mean of 10 draws)');
legend ({'Xavier', 'He'}, 'location', 'southwest');
subplot (1, 2, 2);
semilogy (1:30, grad_std, '-o', 'linewidth', 1.5);
xlabel ('layer');  ylabel ('std of dL/dz');
legend ({'Xavier', 'He'}, 'location', 'southeast');
lesson_save (h, figures, 'lesson5_variance.png');
h = il_plot (recs, 'loss', 'labels', {'Xavier', 'He'}, 'title', '30 ReLU layers: loss');
lesson_save (h, figures, 'lesson5_loss.png');
