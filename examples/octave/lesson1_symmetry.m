%% Lesson 1: symmetry - why zero initialization never trains
% If every weight and bias of a layer starts at zero, every unit of that
% layer computes the same value, receives the same gradient and takes the
% same step.  The units move, but together: however long you train, the
% layer is one unit copied n times.  This lesson first redoes the seed
% notebook's printout (its gradient typed in as a constant), then trains a
% real network by back-propagation and counts the distinct units.
%
% Run: make notebooks (HTML), or from the checkout
%   addpath build/octave octave examples/octave; lesson1_symmetry

figures = lesson_setup ();

%% The notebook's first step
% W1 = zeros(3,2), b1 = zeros(3,1), x = [1; 2], and a gradient of 0.5 for
% every unit: one step at learning rate 0.01.
W1 = zeros (3, 2);
b1 = zeros (3, 1);
x = [1; 2];
z1 = W1 * x + b1;
printf ('z1 = W1 * x + b1 = %s: every unit computes the same value\n', mat2str (z1'));
gradient = [0.5; 0.5; 0.5];
learning_rate = 0.01;
W1_updated = W1 - (learning_rate * gradient) * x';
b1_updated = b1 - learning_rate * gradient;
disp ('after one gradient descent step: W1 ='), disp (W1_updated)
disp ('b1 ='), disp (b1_updated)
lesson_claim (isequal (W1_updated, repmat ([-0.005 -0.01], 3, 1)) && ...
              isequal (b1_updated, repmat (-0.005, 3, 1)), ...
              'one step: W1 rows are all [-0.005 -0.01], b1 all -0.005, as the notebook prints');

%% Five iterations with the notebook's constant gradient 0.1
W = zeros (3, 2);
b = zeros (3, 1);
for i = 1:5
  gradient = [0.1; 0.1; 0.1];
  W = W - (0.01 * gradient) * x';
  b = b - 0.01 * gradient;
  z = W * x + b;
  printf ('iteration %d: W = %s  outputs %s\n', i, mat2str (W, 4), mat2str (z', 4));
  identical(i) = all (all (W == W(1, :))) && all (z == z(1));
endfor
lesson_claim (all (identical), 'five steps: every row of W and every output stay identical');
lesson_claim (abs (W(1, :) - [-0.005 -0.01]) < 1e-15, ...
              'after five steps each row is [-0.005 -0.01] (the notebook''s last printout)');

%% For real: back-propagation through sigmoid hidden units
% A [2 3 1] network with sigmoid hidden units on circles, 5,000 iterations
% of full-batch gradient descent.  One detail matters: with exactly
% balanced classes, zero init is a fixed point where even the output
% weights never move (the output bias gradient is the sum of 0.5 - y, which
% is 0).  301 points (150 outer, 151 inner) are enough to set them moving,
% and then the hidden weights move too - in lockstep.
[X, Y] = il_dataset ('circles', 301, 'noise', 0.05, 'seed', 1);
net = il_net ([2 3 1], {'sigmoid', 'sigmoid'});
shown = [0 10 100 1000];
options = {'iters', 5000, 'lr', 1, 'record_iters', [shown 5000], ...
           'record', {'loss', 'distinct', 'weights'}, 'verbose', false};
[zero_net, zero_rec] = il_train (il_init (net, 'zeros'), X, Y, options{:});
[rand_net, rand_rec] = il_train (il_init (net, 'xavier_normal', 'seed', 1), X, Y, options{:});

printf ('\n%-10s %10s %10s %12s   %s\n', 'init', 'accuracy', 'loss', 'max |W1|', ...
        'distinct hidden units at iterations 0 10 100 1000 5000');
printf ('%-10s %10.3f %10.4f %12.3g   %s\n', 'zeros', il_accuracy (zero_net, X, Y), ...
        zero_rec.loss(end), max (abs (zero_net.W{1}(:))), mat2str (zero_rec.distinct(1, :)));
printf ('%-10s %10.3f %10.4f %12.3g   %s\n', 'random', il_accuracy (rand_net, X, Y), ...
        rand_rec.loss(end), max (abs (rand_net.W{1}(:))), mat2str (rand_rec.distinct(1, :)));
disp ('zeros, [W1 b1] after 5000 iterations:'), disp ([zero_net.W{1} zero_net.b{1}])

lesson_claim (all (zero_rec.distinct(1, :) == 1), ...
              'zero init: the hidden layer has 1 distinct unit at every recorded iteration');
lesson_claim (max (abs (zero_net.W{1}(:))) > 1e-3, ...
              'zero init: the hidden weights did move away from zero');
lesson_claim (abs (il_accuracy (zero_net, X, Y) - 0.5) < 0.02, ...
              'zero init: accuracy stays at chance (0.5)');
lesson_claim (all (rand_rec.distinct(1, :) == 3), ...
              'random init: all 3 hidden units are distinct throughout');
lesson_claim (il_accuracy (rand_net, X, Y) > 0.9, 'random init: accuracy above 0.9');

%% The weights, side by side
% Rows are hidden units, columns the two inputs and the bias.  Zero init
% (each panel on its own colour scale, the weights being tiny early on):
% three equal rows - one colour per column - at every iteration.  Random
% init: three different rows from the start.
h = il_plot (zero_rec, 'weights', 'layer', 1, 'iters', shown, 'scale', 'each', ...
             'title', 'zero init: layer 1 [W b]');
lesson_save (h, figures, 'lesson1_zero_weights.png');
h = il_plot (rand_rec, 'weights', 'layer', 1, 'iters', shown, ...
             'title', 'random init: layer 1 [W b]');
lesson_save (h, figures, 'lesson1_random_weights.png');
h = il_plot ({zero_rec, rand_rec}, 'distinct', 'labels', {'zeros', 'random'});
lesson_save (h, figures, 'lesson1_distinct.png');
lesson_claim (exist (fullfile (figures, 'lesson1_zero_weights.png'), 'file') == 2, ...
              'the heat maps were written');

%% Watching it happen: an animation and a run report
% The same two runs, recorded every 50 iterations with everything the
% engine measures and the weights.  The animations step through layer 1's
% [W b] on one colour scale for all their frames, so weights that grow
% show as colour that deepens; the zero-init frames stay three equal rows.
% The run report (open lesson1_report.html in a browser) scrubs through
% the iterations of both runs side by side: heat map, histogram,
% saturation, distinct units and the loss with a marker.
%
% <html><p><img src="figures/lesson1_zero_weights.gif" alt="zero init, layer 1 over 5000 iterations">
% <img src="figures/lesson1_random_weights.gif" alt="random init, layer 1 over 5000 iterations"></p>
% <p><a href="figures/lesson1_report.html">The run report: zeros vs random</a></p></html>
watch = {'iters', 5000, 'lr', 1, 'record_every', 50, 'record', {'all', 'weights'}, ...
         'verbose', false};
[~, zero_all] = il_train (il_init (net, 'zeros'), X, Y, watch{:});
[~, rand_all] = il_train (il_init (net, 'xavier_normal', 'seed', 1), X, Y, watch{:});
zero_gif = fullfile (figures, 'lesson1_zero_weights.gif');
rand_gif = fullfile (figures, 'lesson1_random_weights.gif');
il_animate (zero_all, 'weights', zero_gif, 'layer', 1);
il_animate (rand_all, 'weights', rand_gif, 'layer', 1);
report = fullfile (figures, 'lesson1_report.html');
il_report ({zero_all, rand_all}, report, 'labels', {'zeros', 'random'}, ...
           'title', 'Lesson 1: zeros vs random init');
gif_head = @(f) char (fread (fopen (f), 6)');  % the GIF's signature
page = fileread (report);
lesson_claim (strcmp (gif_head (zero_gif), 'GIF89a') && strcmp (gif_head (rand_gif), 'GIF89a'), ...
              'the animations were written as GIF89a files');
lesson_claim (numel (zero_all.iter) == 101 && all (zero_all.distinct(1, :) == 1), ...
              'the animated zero-init run has 101 frames, every one with 1 distinct hidden unit');
lesson_claim (! isempty (strfind (page, '"zeros"')) && ! isempty (strfind (page, '"random"')) ...
              && isempty (regexp (page, 'https?://', 'once')), ...
              'the run report holds both runs and needs nothing from the network');
fclose ('all');
