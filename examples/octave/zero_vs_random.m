%% Zero, large random and He initialization on the coursework model
% The seed lesson: with all weights at zero every hidden unit stays a copy
% of the others however long you train; weights drawn 10 times too large
% start with a saturated output and a huge cost; He initialization
% (randn * sqrt(2/n_in)) trains.  Model: [2 10 5 1], relu, relu, sigmoid,
% 15,000 iterations of full-batch gradient descent at lr 0.01 on circles.
%
% Run it with `make demo`, or from the checkout:
%   addpath build/octave octave examples/octave; zero_vs_random
% Figures go to the folder in the environment variable IL_FIGURES
% (default: the current folder).

figures = getenv ('IL_FIGURES');
if (isempty (figures))
  figures = pwd ();
endif
if (! exist (figures, 'dir'))
  mkdir (figures);
endif

%% Data: 300 training and 100 test points on two noisy circles
[X, Y] = il_dataset ('circles', 300, 'noise', 0.05, 'seed', 1);
[Xt, Yt] = il_dataset ('circles', 100, 'noise', 0.05, 'seed', 2);

%% Three starts for the same network
net = il_net ([2 10 5 1], {'relu', 'relu', 'sigmoid'});
starts = {il_init(net, 'zeros'), ...
          il_init(net, 'scaled_normal', 'scale', 10, 'seed', 3), ...
          il_init(net, 'he', 'seed', 3)};
names = {'zeros', 'randn*10', 'He'};

%% Train each, recording every 100 iterations
recs = cell (1, 3);
trained = cell (1, 3);
for k = 1:3
  [trained{k}, recs{k}] = il_train (starts{k}, X, Y, 'iters', 15000, 'lr', 0.01, ...
                                    'record_every', 100, ...
                                    'record', {'loss', 'distinct', 'saturation', 'weights'}, ...
                                    'verbose', false);
endfor

%% What happened
printf ('%-9s %8s %8s %10s %10s   %s\n', 'init', 'train', 'test', 'cost(0)', ...
        'cost(end)', 'distinct units per layer at the end');
for k = 1:3
  printf ('%-9s %8.3f %8.3f %10.4g %10.4g   %s\n', names{k}, ...
          il_accuracy (trained{k}, X, Y), il_accuracy (trained{k}, Xt, Yt), ...
          recs{k}.loss(1), recs{k}.loss(end), mat2str (recs{k}.distinct(:, end)'));
endfor
printf ('\nzeros: the cost stays at ln 2 = %.4f, every hidden layer is one unit copied.\n', log (2));
printf ('randn*10: the first cost is huge because the sigmoid output is saturated\n');
printf ('(the engine''s cross-entropy stays finite where log(0) would give Inf).\n');

%% Figures
il_plot (recs, 'loss', 'labels', names, 'title', 'cost: zeros vs randn*10 vs He', ...
         'file', fullfile (figures, 'loss.png'));
il_plot (recs{1}, 'weights', 'layer', 1, 'iters', [0 100 15000], ...
         'file', fullfile (figures, 'zeros_weights.png'));
il_plot (recs{3}, 'weights', 'layer', 1, 'iters', [0 100 15000], ...
         'file', fullfile (figures, 'he_weights.png'));
il_plot (recs, 'distinct', 'labels', names, 'file', fullfile (figures, 'distinct.png'));
il_plot (recs, 'saturation', 'labels', names, 'file', fullfile (figures, 'saturation.png'));

% Decision boundaries: the predicted class over a grid.
h = figure ('visible', 'off');
[gx, gy] = meshgrid (linspace (-1.5, 1.5, 150));
for k = 1:3
  subplot (1, 3, k);
  p = reshape (il_predict (trained{k}, [gx(:)'; gy(:)']), size (gx));
  imagesc (gx(1, :), gy(:, 1), p, [0 1]);
  axis xy;
  colormap ([0.8 0.85 1; 1 0.85 0.8]);
  hold on;
  plot (X(1, Y == 0), X(2, Y == 0), 'b.', X(1, Y == 1), X(2, Y == 1), 'r.');
  hold off;
  axis equal;
  title (names{k});
endfor
print (h, '-dpng', '-r100', fullfile (figures, 'boundaries.png'));
close (h);
printf ('\nfigures written to %s\n', figures);
