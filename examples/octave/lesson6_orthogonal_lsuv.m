%% Lesson 6: beyond the seeds - orthogonal initialization and LSUV
% Two answers to "how large should the weights be" that go past a variance
% formula.  Orthogonal initialization (Saxe et al. 2014) draws each square
% W with W'W = I (times a gain): a linear layer then keeps the length of
% every input exactly, not just on average.  LSUV (Mishkin & Matas 2016)
% starts orthogonal and then measures: it runs a batch through the network
% and rescales each layer until the variance of its pre-activations is 1
% (within a tolerance), whatever the activation.
%
% Run: make notebooks, or from the checkout
%   addpath build/octave octave examples/octave; lesson6_orthogonal_lsuv

figures = lesson_setup ();

%% Inputs
% 200 samples of 256 independent N(0, 1) values, drawn by the engine.
X = lesson_gaussian (256, 200, 1);
depth = 20;
sizes = repmat (256, 1, depth + 1);

%% A deep linear network: predicted against measured
% Prediction for both initializers below: every layer's second moment
% equals the input's (orthogonal: exactly, sample by sample; N(0, 1/n):
% in expectation).  Measured: the mean square of each layer's outputs, and
% how far each sample's length has moved, ||a_l(x)|| / ||x||.
linear = il_net (sizes, 'linear');
nets = {il_init(linear, 'orthogonal', 'seed', 3), il_init(linear, 'xavier_normal', 'seed', 3)};
names = {'orthogonal', 'N(0, 1/n)'};
input_square = mean (X(:) .^ 2);
input_length = sqrt (sum (X .^ 2, 1));
second_moment = zeros (depth, 2);
length_spread = zeros (depth, 2);      # max - min of ||a_l(x)|| / ||x||
for k = 1:2
  [~, ~, A] = il_forward (nets{k}, X);
  for l = 1:depth
    second_moment(l, k) = mean (A{l}(:) .^ 2) / input_square;
    ratio = sqrt (sum (A{l} .^ 2, 1)) ./ input_length;
    length_spread(l, k) = max (ratio) - min (ratio);
  endfor
endfor
printf ('%6s %22s %22s %22s %22s\n', 'layer', 'moment/predicted orth', 'moment/predicted N', ...
        'length spread orth', 'length spread N');
for l = [1 2 5 10 15 20]
  printf ('%6d %22.15f %22.4f %22.2e %22.3f\n', l, second_moment(l, :), length_spread(l, :));
endfor
lesson_claim (max (abs (second_moment(:, 1) - 1)) < 1e-12, ...
              'orthogonal: every layer''s second moment is the predicted one to 1e-12');
lesson_claim (max (length_spread(:, 1)) < 1e-12, ...
              'orthogonal: every sample keeps its length through all 20 layers (to 1e-12)');
lesson_claim (max (abs (second_moment(:, 2) - 1)) < 0.3, ...
              'N(0, 1/n): the second moment follows the prediction on average (within 30%)');
lesson_claim (length_spread(depth, 2) > 0.3, ...
              'N(0, 1/n): but single samples are stretched or shrunk (lengths spread over 0.3 at layer 20)');

%% A deep tanh network: LSUV
% Orthogonal with gain 1 lets tanh shrink the signal a little at every
% layer; the tanh gain 5/3 is the textbook correction; LSUV measures and
% rescales instead, to a variance of 1 within tol = 0.05 (at most 10
% trials per layer).
deep_tanh = il_net (sizes, 'tanh');
[lsuv_net, info] = il_init (deep_tanh, 'lsuv', 'X', X, 'tol', 0.05, 'max_trials', 10, 'seed', 3);
tanh_nets = {il_init(deep_tanh, 'orthogonal', 'seed', 3), ...
             il_init(deep_tanh, 'orthogonal', 'gain', il_gain ('tanh'), 'seed', 3), lsuv_net};
tanh_names = {'orthogonal, gain 1', 'orthogonal, gain 5/3', 'LSUV'};
variance = zeros (depth, 3);
for k = 1:3
  [~, Z] = il_forward (tanh_nets{k}, X);
  for l = 1:depth
    variance(l, k) = var (Z{l}(:), 1);
  endfor
endfor
printf ('\npre-activation variance per layer\n%6s %22s %22s %22s\n', 'layer', tanh_names{:});
for l = [1 2 5 10 15 20]
  printf ('%6d %22.4f %22.4f %22.4f\n', l, variance(l, :));
endfor
printf ('LSUV trials per layer: %s\n', mat2str (info.lsuv_trials));
lesson_claim (all (abs (variance(:, 3) - 1) <= 0.05), ...
              'LSUV: every layer''s pre-activation variance is within 0.05 of 1');
lesson_claim (any (info.lsuv_trials >= 1) && all (info.lsuv_trials <= 10), ...
              'LSUV: it rescaled the layers that needed it, within the 10 trials allowed');
lesson_claim (variance(depth, 1) < 0.5 * variance(1, 1), ...
              'orthogonal with gain 1: tanh halves the variance over 20 layers');

%% Figures
h = figure ('position', [0 0 1100 400]);
subplot (1, 2, 1);
plot (1:depth, second_moment, '-o', 1:depth, ones (1, depth), 'k--', 'linewidth', 1.5);
xlabel ('layer');  ylabel ('second moment / predicted');
legend ([names, {'predicted'}], 'location', 'southwest');
title ('deep linear network');
subplot (1, 2, 2);
plot (1:depth, length_spread(:, 2), '-o', 'linewidth', 1.5);
xlabel ('layer');  ylabel ('max - min of ||a(x)|| / ||x||');
title ('N(0, 1/n): spread of sample lengths (orthogonal: 0)');
lesson_save (h, figures, 'lesson6_linear.png');
h = figure ();
plot (1:depth, variance, '-o', 1:depth, [0.95; 1.05] * ones (1, depth), 'k:', 'linewidth', 1.5);
xlabel ('layer');  ylabel ('pre-activation variance');
legend ([tanh_names, {'LSUV tolerance'}], 'location', 'northeast');
title ('20 tanh layers of 256 units');
lesson_save (h, figures, 'lesson6_tanh.png');
