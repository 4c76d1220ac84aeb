%% Lesson 2: zero, large random and He initialization (the coursework)
% The classic assignment: a three-layer network [2 10 5 1],
% LINEAR->RELU->LINEAR->RELU->LINEAR->SIGMOID, on two noisy circles (300
% training points, 100 test points, noise 0.05), 15,000 iterations of
% full-batch gradient descent at learning rate 0.01, started three ways:
% all zeros, randn * 10, and He (randn * sqrt(2 / n_in)).
%
% The published version was written with NumPy: np.random.seed(1) and
% scikit-learn's make_circles for the training data, seed 2 for the test
% data, np.random.seed(3) before drawing the weights.  initlab carries
% NumPy's legacy generator as the 'numpy' stream, and make_circles'
% algorithm as the circles dataset, so this lesson reproduces the published
% run number for number.
%
% Run: make demo, or from the checkout
%   addpath build/octave octave examples/octave; lesson2_coursework

figures = lesson_setup ();

%% Data: NumPy's circles, point for point
% np.random.seed(1); make_circles(n_samples=300, noise=.05), then seed 2 and
% 100 points for the test set.  Samples are columns.
[X, Y] = il_dataset ('circles', 300, 'noise', 0.05, 'rng', 'numpy', 'seed', 1);
[Xt, Yt] = il_dataset ('circles', 100, 'noise', 0.05, 'rng', 'numpy', 'seed', 2);
printf ('first training point (%.8f, %.8f), label %d\n', X(1, 1), X(2, 1), Y(1));

%% Three starts, drawn as the assignment draws them
% np.random.seed(3), then per layer randn(n_l, n_{l-1}) * 10 or
% * sqrt(2 / n_{l-1}); biases zero.  The assignment's own check:
% initialize_parameters_he([2, 4, 1]) gives W1's first row as
% 1.78862847, 0.43650985.
check = il_init (il_net ([2 4 1], {'relu', 'sigmoid'}), 'he', 'rng', 'numpy', 'seed', 3);
printf ('He on [2 4 1]: W1(1, :) = %.8f %.8f\n', check.W{1}(1, :));
lesson_claim (abs (check.W{1}(1, :) - [1.78862847 0.43650985]) < 5e-9, ...
              'He, seed 3: W1''s first row is 1.78862847, 0.43650985, as published');

net = il_net ([2 10 5 1], {'relu', 'relu', 'sigmoid'});
names = {'zeros', 'randn*10', 'He'};
starts = {il_init(net, 'zeros'), ...
          il_init(net, 'scaled_normal', 'scale', 10, 'rng', 'numpy', 'seed', 3), ...
          il_init(net, 'he', 'rng', 'numpy', 'seed', 3)};

%% Train each for 15,000 iterations
% The cost is recorded every 1,000 iterations, as the assignment prints it;
% the first layer's weights every 100, for the figures.
recs = cell (1, 3);
trained = cell (1, 3);
tic;
for k = 1:3
  [trained{k}, recs{k}] = il_train (starts{k}, X, Y, 'iters', 15000, 'lr', 0.01, ...
                                    'record_every', 1000, ...
                                    'record', {'loss', 'distinct', 'saturation'}, ...
                                    'verbose', false);
endfor
printf ('three trainings of 15,000 iterations: %.2f s\n', toc);

%% The costs the assignment prints
printf ('\n%9s %22s %22s %22s\n', 'iteration', names{:});
for r = 1:15
  printf ('%9d %22.16g %22.16g %22.16g\n', recs{1}.iter(r), recs{1}.loss(r), ...
          recs{2}.loss(r), recs{3}.loss(r));
endfor
train_acc = cellfun (@(n) il_accuracy (n, X, Y), trained);
test_acc = cellfun (@(n) il_accuracy (n, Xt, Yt), trained);
printf ('\n%-9s %18s %10s   %s\n', 'init', 'train accuracy', 'test', 'distinct units per layer');
for k = 1:3
  printf ('%-9s %18.16g %10.4g   %s\n', names{k}, train_acc(k), test_acc(k), ...
          mat2str (recs{k}.distinct(:, end)'));
endfor

%% What the numbers say
% zeros: every hidden layer is one unit copied, the output is 0.5 for every
% point, the cost is ln 2 and the accuracy is chance.  randn*10: the first
% cost is huge because the sigmoid output is saturated; NumPy prints inf
% there (log(0) of an output rounded to 1), the engine computes the
% cross-entropy from the logit and stays finite.  He: trains.
%
% One detail in the last digit: with zeros the output bias drifts to about
% 1e-16 in NumPy and in the engine alike (150 + 150 balanced terms do not
% sum to exactly 0 in floating point).  NumPy rounds sigmoid(1e-16) to 0.5
% before taking the log and prints ln 2 = 0.6931471805599453; the engine's
% logit-based cost can show it as 0.6931471805599455, one unit in the last
% place above.
ln2 = 0.6931471805599453;
he = recs{3}.loss;
lesson_claim (train_acc(1) == 0.5 && test_acc(1) == 0.5, 'zeros: train accuracy 0.5, test 0.5');
lesson_claim (abs (recs{1}.loss(1:15) - ln2) <= 2 * eps (ln2), ...
              'zeros: cost ln 2 = 0.6931471805599453 at every print (to 2 units in the last place)');
lesson_claim (all (all (recs{1}.distinct(1:2, :) == 1)), 'zeros: one distinct unit per hidden layer, always');
lesson_claim (train_acc(2) == 0.83 && test_acc(2) == 0.86, 'randn*10: train accuracy 0.83, test 0.86');
lesson_claim (isfinite (recs{2}.loss(1)) && recs{2}.loss(1) > 100, ...
              'randn*10: a huge first cost, finite where NumPy prints inf');
lesson_claim (train_acc(3) == 0.9933333333333333 && test_acc(3) == 0.96, ...
              'He: train accuracy 0.9933333333333333, test 0.96');
lesson_claim (abs (he(1) / 0.8830537463419761 - 1) < 1e-9, ...
              'He: cost 0.8830537463419761 at iteration 0 (relative 1e-9)');
lesson_claim (abs (he(15) / 0.07357895962677366 - 1) < 1e-9, ...
              'He: cost 0.07357895962677366 at iteration 14000 (relative 1e-9)');

%% The three cost curves
h = il_plot (recs, 'loss', 'labels', names, 'title', 'cost: zeros vs randn*10 vs He');
lesson_save (h, figures, 'lesson2_loss.png');

%% The three decision boundaries
% The class each network predicts over the plane, with the training points
% on top and its training accuracy in the title.
h = il_plot (trained, 'boundary', 'X', X, 'Y', Y, 'labels', names);
lesson_save (h, figures, 'lesson2_boundaries.png');
