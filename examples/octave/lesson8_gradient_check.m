%% Lesson 8: gradient checking - back-propagation against central differences
% Before trusting a network's training, a course has its students check the
% gradient back-propagation computes against the slope of the cost itself:
% nudge one parameter by +h and -h, and (J(theta + h e_i) - J(theta - h e_i))
% / 2h is the derivative to O(h^2).  Andrew Ng's ex4 does it on a small
% debugging network (3 inputs, 5 hidden units, 3 classes, m = 5, weights
% sin(1:n)/10) and asks for a relative difference below 1e-9.  This lesson
% does the same with il_cost, il_unroll and il_reroll, with and without
% the regularization lambda, then shows why h = 1e-4: the error of the
% difference quotient against h.
%
% Run: make notebooks (HTML), or from the checkout
%   addpath build/octave octave examples/octave; lesson8_gradient_check

figures = lesson_setup ();

%% The debugging network
% Theta_l = [b_l W_l] is filled column by column with sin(1:n)/10, the way
% the course's debugInitializeWeights does; il_reroll takes the two
% unrolled matrices one after the other.  The samples are sin(1:15)/10 as
% well, and the labels 1 + mod(1:5, 3), one-hot.
net = il_net ([3 5 3], 'sigmoid');
theta = [sin(1:5*4)'; sin(1:3*6)'] / 10;
net = il_reroll (net, theta);
X = reshape (sin (1:15), 5, 3)' / 10;
Y = il_onehot (1 + mod (1:5, 3), 3);
printf ('%d parameters; layer 1 [b W] =\n', numel (theta));
disp ([net.b{1} net.W{1}])

%% The check, as the course writes it
function [num, ana] = check_gradients (net, X, Y, lambda, h)
  theta = il_unroll (net);
  [~, ana] = il_cost (net, X, Y, 'lambda', lambda);
  num = zeros (size (theta));
  for i = 1:numel (theta)
    e = zeros (size (theta));
    e(i) = h;
    num(i) = (il_cost (il_reroll (net, theta + e), X, Y, 'lambda', lambda) - ...
              il_cost (il_reroll (net, theta - e), X, Y, 'lambda', lambda)) / (2 * h);
  end
end
relative = @(num, ana) norm (num - ana) / norm (num + ana);

[num0, ana0] = check_gradients (net, X, Y, 0, 1e-4);
[num3, ana3] = check_gradients (net, X, Y, 3, 1e-4);
printf ('\n  numerical   analytical   (lambda = 3, the first 8)\n');
printf ('%11.6f %12.6f\n', [num3(1:8) ana3(1:8)]');
printf ('relative difference, lambda = 0: %.3g\n', relative (num0, ana0));
printf ('relative difference, lambda = 3: %.3g\n', relative (num3, ana3));
lesson_claim (relative (num0, ana0) < 1e-9, ...
              'without regularization the gradients agree: relative difference below 1e-9');
lesson_claim (relative (num3, ana3) < 1e-9, ...
              'with lambda = 3 the gradients agree: relative difference below 1e-9');
J0 = il_cost (net, X, Y);
J3 = il_cost (net, X, Y, 'lambda', 3);
lesson_claim (abs (J3 - J0 - 3 / (2 * 5) * (sumsq (net.W{1}(:)) + sumsq (net.W{2}(:)))) < 1e-15, ...
              'the regularized cost is the cost plus lambda/(2m) sum W^2, biases left out');

%% A wrong gradient is caught
% The mistake a course warns of: regularizing the gradient but forgetting
% it in the cost (or the other way round).  Here the cost has lambda = 3,
% the gradient none.
[~, wrong] = il_cost (net, X, Y, 'lambda', 0);
printf ('a gradient that forgot lambda: relative difference %.3g\n', relative (num3, wrong));
lesson_claim (relative (num3, wrong) > 1e-3, ...
              'a gradient that forgot lambda is caught: relative difference above 1e-3');

%% Why h = 1e-4
% The difference quotient errs by about h^2 |J'''|/6 (it truncates the
% Taylor series) plus eps |J| / h (the rounding of the two costs): a V on a
% log-log plot, falling with slope 2, rising with slope -1, its bottom
% where the two meet: near h = 1e-4 for this network, the step the course
% picks.
steps = 10 .^ (-1:-0.5:-10);
errors = arrayfun (@(h) relative (check_gradients (net, X, Y, 3, h), ana3), steps);
printf ('%10s %14s\n', 'h', 'relative diff');
printf ('%10.0e %14.3g\n', [steps; errors]);
[~, best] = min (errors);
lesson_claim (abs (log10 (errors(1) / errors(3)) - 2) < 0.1, ...
              'for large h the error falls as h^2: 10 times smaller h, 100 times smaller error');
lesson_claim (errors(end) > 100 * errors(best), ...
              'for tiny h rounding takes over: at h = 1e-10 the error is over 100 times its minimum');
lesson_claim (steps(best) >= 1e-7 && steps(best) <= 1e-3, ...
              'the best step lies between 1e-7 and 1e-3');

h = figure ();
loglog (steps, errors, 'o-', 'linewidth', 1.5);
hold on;
loglog (1e-4, errors(steps == 1e-4), 'rs', 'markersize', 12, 'linewidth', 2);
hold off;
grid on;
set (gca, 'xdir', 'reverse');
xlabel ('step h');
ylabel ('relative difference to back-propagation');
title ('Gradient check of a [3 5 3] sigmoid network, lambda = 3');
legend ({'central differences', 'h = 1e-4 (the course''s)'}, 'location', 'north');
lesson_save (h, figures, 'lesson8_gradient_check.png');
