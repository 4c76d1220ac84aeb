%% Lesson 7: one hidden layer on the planar "flower" (the assignment)
% deeplearning.ai's course 1, week 3, "Planar data classification with one
% hidden layer": 400 points in two classes drawn as the petals of a flower,
% which no straight line separates, and a 2-n_h-1 network (tanh hidden
% units, a sigmoid output) that learns the petals.  Its weights start
% small, randn * 0.01 after np.random.seed(2), and train by full-batch
% gradient descent on the cross-entropy at learning rate 1.2 for 10,000
% iterations; then the same for n_h = 1, 2, 3, 4, 5, 20, 50 at 5,000.
%
% The assignment is NumPy code: the data come from np.random.seed(1) and
% np.random.randn, the weights from np.random.seed(2).  il_rand's numpy
% stream draws exactly those numbers, so the whole notebook is redone here
% from Octave, and its printed costs and accuracies compared with the
% published ones.
%
% Run: addpath build/octave octave examples/octave; lesson7_planar

figures = lesson_setup ();

%% The flower, from NumPy's draws
% For each class j = 0, 1 the notebook takes N = 200 angles
% t = linspace(3.12 j, 3.12 (j+1), N) + 0.2 randn(N) and radii
% r = 4 sin(4 t) + 0.2 randn(N), and puts the point (r sin t, r cos t).
% Each randn(N) is one draw of N from the stream, in order.  One detail:
% NumPy's linspace is start + k * step (the last point the end itself),
% while Octave's builds from both ends and differs in the last bit for
% about a quarter of these points, so the angles are written out NumPy's
% way.
g = il_rand ('numpy', 1);                    % np.random.seed(1)
N = 200;
X = zeros (2, 2 * N);
Y = zeros (1, 2 * N);
for j = 0:1
  lo = j * 3.12;
  hi = (j + 1) * 3.12;
  t = (0:N-1) * ((hi - lo) / (N - 1)) + lo;
  t(end) = hi;
  [noise, g] = il_rand (g, 'normal', N);     % np.random.randn(N)
  if j == 0
    first_draw = noise(1);
  end
  t = t + noise * 0.2;
  [noise, g] = il_rand (g, 'normal', N);
  r = 4 * sin (4 * t) + noise * 0.2;
  X(:, j*N+1:(j+1)*N) = [r .* sin(t); r .* cos(t)];
  Y(j*N+1:(j+1)*N) = j;
end
printf ('%d points, %d per class; np.random.seed(1) draws %.17g first\n', ...
        columns (X), N, first_draw);
lesson_claim (first_draw == 1.6243453636632417, ...
              'il_rand (''numpy'', 1) draws 1.6243453636632417 first, as np.random.seed(1); np.random.randn() does');

h = figure ('position', [100 100 520 480]);
plot (X(1, Y == 0), X(2, Y == 0), '.', 'color', [0.85 0.2 0.15], 'markersize', 10, ...
      X(1, Y == 1), X(2, Y == 1), '.', 'color', [0.15 0.3 0.8], 'markersize', 10);
axis equal;
xlabel ('x_1');
ylabel ('x_2');
legend ({'y = 0 (red)', 'y = 1 (blue)'}, 'location', 'northeastoutside');
title ('the flower: np.random.seed(1), 400 points');
lesson_save (h, figures, 'lesson7_data.png');

%% The network and its start
% A 2-n_h-1 network, tanh then sigmoid (so the loss is the cross-entropy),
% with the notebook's start: np.random.seed(2), W1 = randn(n_h, 2) * 0.01,
% W2 = randn(1, n_h) * 0.01, zero biases.  A rows x cols draw comes row by
% row, as NumPy fills randn(rows, cols).  The notebook printed its start
% for n_h = 4; those numbers come out here.
function net = planar_net (n_h)
  w = il_rand ('numpy', 2);                  % np.random.seed(2)
  net = il_net ([2 n_h 1], {'tanh', 'sigmoid'});
  [W1, w] = il_rand (w, 'normal', n_h, 2);
  [W2, w] = il_rand (w, 'normal', 1, n_h);
  net.W{1} = W1 * 0.01;
  net.W{2} = W2 * 0.01;
  net.b{1} = zeros (n_h, 1);
  net.b{2} = 0;
end

net = planar_net (4);
W1_published = [-0.00416758 -0.00056267; -0.02136196 0.01640271; ...
                -0.01793436 -0.00841747; 0.00502881 -0.01245288];
W2_published = [-0.01057952 -0.00909008 0.00551454 0.02292208];
disp (net.W{1});
disp (net.W{2});
lesson_claim (all (abs (net.W{1}(:) - W1_published(:)) < 5e-9) && ...
              all (abs (net.W{2} - W2_published) < 5e-9), ...
              'n_h = 4: W1 and W2 are the published start (8 decimals)');

%% 10,000 iterations at learning rate 1.2
% The notebook prints "Cost after iteration i" every 1000 iterations: the
% cost of the weights after i updates, which is what the record's loss at
% iteration i is.  Recorded every 100 for the figure.
tic;
[net, rec] = il_train (net, X, Y, 'lr', 1.2, 'iters', 10000, 'record_every', 100, ...
                       'record', 'loss', 'verbose', false);
printf ('10,000 iterations: %.2f s\n', toc);
published = [0.693048 0.288083 0.254385 0.233864 0.226792 0.222644 0.219731 ...
             0.217504 0.219454 0.218607];
cost = rec.loss(ismember (rec.iter, 0:1000:9000));
printf ('\n%9s %20s %10s\n', 'iteration', 'initlab', 'published');
for k = 1:10
  printf ('%9d %20.16f %10.6f\n', 1000 * (k - 1), cost(k), published(k));
end
accuracy = il_accuracy (net, X, Y);
printf ('\naccuracy %.2f%% (the notebook prints Accuracy: %d%%)\n', 100 * accuracy, ...
        floor (100 * accuracy));

%% What is the same, and what cannot be
% Through iteration 7000 every printed cost is the published one to its
% six decimals (and NumPy's to about 1e-15: tests/numpy checks it).
% After 7000 the cost goes up before it comes down: at this learning rate
% the descent overshoots, and there it amplifies differences in the last
% bits - NumPy's own SIMD tanh against the C library's, the order in which
% a BLAS adds.  Published copies of this very notebook, run on different
% machines, print 0.219454, 0.219467 or 0.219471 at 8000 and 0.218607,
% 0.218561 or 0.218612 at 9000; NumPy 1.24 on the AVX2 machine tests/numpy
% ran on printed 0.219663 and 0.218664 with its own SIMD tanh, and 0.219482
% and 0.218614 with it switched off (NPY_DISABLE_CPU_FEATURES).  So those
% two are checked to 1e-3 relative, and the bump itself.  The accuracy is
% 90.5% in that NumPy and 90.75% in initlab (one point of 400 on the
% boundary); the notebook prints it as an integer, 90%, and so does every
% run.
lesson_claim (all (abs (cost(1:8) - published(1:8)) <= 5e-7), ...
              'n_h = 4: the costs at iterations 0 to 7000 are the published ones (6 decimals)');
lesson_claim (all (abs (cost(9:10) ./ published(9:10) - 1) < 1e-3), ...
              'n_h = 4: the costs at 8000 and 9000 are the published ones to 1e-3 (where runs differ)');
lesson_claim (cost(9) > cost(8), ...
              'n_h = 4: the cost rises from iteration 7000 to 8000, as published');
lesson_claim (floor (100 * accuracy) == 90, ...
              'n_h = 4: accuracy prints as 90%, as published');

h = figure ('position', [100 100 900 380]);
for panel = 1:2
  subplot (1, 2, panel);
  plot (rec.iter, rec.loss, 'linewidth', 1.5, 0:1000:9000, published, 'ko', 'markersize', 6);
  xlabel ('iteration');
  ylabel ('cost (cross-entropy)');
  if panel == 1
    title ('n_h = 4, learning rate 1.2');
    legend ({'initlab, every 100', 'published, every 1000'});
  else
    axis ([5000 10000 0.215 0.225]);
    title ('after 7000: the bump where runs differ');
  end
end
lesson_save (h, figures, 'lesson7_cost.png');

%% The decision boundary
% The class the network predicts (output > 0.5) over a grid around the
% data, with the points on top: four tanh units are enough for the petals.
function [gx, gy, p] = boundary (net, X)
  [gx, gy] = meshgrid (linspace (min (X(1, :)) - 1, max (X(1, :)) + 1, 300), ...
                       linspace (min (X(2, :)) - 1, max (X(2, :)) + 1, 300));
  p = reshape (il_predict (net, [gx(:)'; gy(:)']), size (gx));
end

function draw_boundary (net, X, Y)
  [gx, gy, p] = boundary (net, X);
  imagesc (gx(1, :), gy(:, 1), p, [0 1]);
  axis xy;
  colormap ([1 0.82 0.78; 0.78 0.84 1]);
  hold on;
  plot (X(1, Y == 0), X(2, Y == 0), '.', 'color', [0.85 0.2 0.15], 'markersize', 6, ...
        X(1, Y == 1), X(2, Y == 1), '.', 'color', [0.15 0.3 0.8], 'markersize', 6);
  hold off;
  axis equal tight;
end

h = figure ('position', [100 100 520 480]);
draw_boundary (net, X, Y);
xlabel ('x_1');
ylabel ('x_2');
title (sprintf ('decision boundary, n_h = 4: accuracy %.2f%%', 100 * accuracy));
lesson_save (h, figures, 'lesson7_boundary.png');

%% How many hidden units
% The notebook's last experiment: n_h = 1, 2, 3, 4, 5, 20, 50, each from
% its own np.random.seed(2) start, 5,000 iterations each.  One or two tanh
% units draw one or two lines through the flower; from three on the
% network wraps the petals.  The published accuracies of 20 and 50 units
% differ between published copies of the notebook (90.0 or 90.5, 90.25 or
% 90.75: a few points sit on the boundary); those are checked to within 3
% of the 400 points, the others exactly.
sizes = [1 2 3 4 5 20 50];
sweep_published = [67.5 67.25 90.75 90.5 91.25 90.0 90.25];
nets = cell (size (sizes));
acc = zeros (size (sizes));
tic;
for k = 1:numel (sizes)
  nets{k} = il_train (planar_net (sizes(k)), X, Y, 'lr', 1.2, 'iters', 5000, 'verbose', false);
  acc(k) = 100 * il_accuracy (nets{k}, X, Y);
end
printf ('seven networks, 5,000 iterations each: %.2f s\n', toc);
printf ('\n%9s %10s %10s\n', 'n_h', 'initlab', 'published');
printf ('%9d %9.2f%% %9.2f%%\n', [sizes; acc; sweep_published]);
lesson_claim (all (acc(1:5) == sweep_published(1:5)), ...
              'sweep: 1 to 5 hidden units give the published 67.5, 67.25, 90.75, 90.5, 91.25%');
lesson_claim (all (abs (acc(6:7) - sweep_published(6:7)) <= 0.75), ...
              'sweep: 20 and 50 hidden units within 3 points of the published 90.0 and 90.25%');
lesson_claim (all (acc(1:2) < 70) && all (acc(3:end) >= 90), ...
              'sweep: one or two units stay under 70%, three or more reach 90%');

h = figure ('position', [100 100 1100 560]);
for k = 1:numel (sizes)
  subplot (2, 4, k);
  draw_boundary (nets{k}, X, Y);
  set (gca, 'xtick', [], 'ytick', []);
  title (sprintf ('n_h = %d: %.2f%%', sizes(k), acc(k)));
end
subplot (2, 4, 8);
bar (1:numel (sizes), [acc; sweep_published]');
set (gca, 'xticklabel', arrayfun (@num2str, sizes, 'UniformOutput', false));
ylim ([60 95]);
xlabel ('n_h');
ylabel ('accuracy (%)');
title ('initlab (blue), published (orange)');
lesson_save (h, figures, 'lesson7_sweep.png');
