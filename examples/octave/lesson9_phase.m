%% Lesson 9: the phase diagram - order, chaos and the edge between them
% Poole et al. (2016) and Schoenholz et al. (2017, "Deep information
% propagation"): in a wide random tanh network with weights N(0,
% sigma_w2/n) and biases N(0, sigma_b2), the length of a signal settles
% to a fixed point q*, and the correlation of two signals obeys a map of
% its own whose slope at c = 1 is
%   chi1 = sigma_w2 * E[tanh'(sqrt(q*) z)^2],   z ~ N(0, 1).
% chi1 < 1: the ordered phase - two different inputs are pulled together
% until the network cannot tell them apart.  chi1 > 1: the chaotic phase -
% two nearby inputs are pushed apart until they are as unrelated as two
% random ones (correlation c* < 1).  chi1 = 1 is the edge of chaos, the
% critical line.  Either way the correlation approaches its fixed point
% like exp(-l / xi_c): xi_c is the depth over which a network can still
% tell inputs apart, and it diverges on the critical line.  Schoenholz et
% al. found that a network trains only when it is shallower than about
% 6 xi_c.  il_theory computes all of it from the mean-field maps.
%
% Run: make notebooks, or from the checkout
%   addpath build/octave octave examples/octave; lesson9_phase

figures = lesson_setup ();

%% The phase diagram: chi1 over (sigma_w2, sigma_b2)
% il_theory takes one point at a time; 18 x 16 points.  The critical line
% comes from il_theory (..., 'critical', 'sigma_b2', b): the sigma_w2
% where chi1 = 1 for that bias variance.
sw_grid = 0.55:0.2:3.95;
sb_grid = 0:0.02:0.3;
chi1 = zeros (numel (sb_grid), numel (sw_grid));
c_star = chi1;
phase = cell (size (chi1));
for i = 1:numel (sb_grid)
  for j = 1:numel (sw_grid)
    T = il_theory ('tanh', 'sigma_w2', sw_grid(j), 'sigma_b2', sb_grid(i));
    chi1(i, j) = T.chi1;
    c_star(i, j) = T.c_star;
    phase{i, j} = T.phase;
  endfor
endfor
sb_line = 0:0.01:0.3;
sw_line = zeros (size (sb_line));
for i = 1:numel (sb_line)
  T = il_theory ('tanh', 'critical', 'sigma_b2', sb_line(i));
  sw_line(i) = T.sigma_w2;
endfor

printf ('chi1 (rows: sigma_b2, columns: sigma_w2)\n%8s', 'sb2/sw2');
shown = [1 3 5 7 8 10 13 15 18];            # sigma_w2 0.55 0.95 1.35 1.75 1.95 ...
printf ('%7.2f', sw_grid(shown));
printf ('\n');
for i = [1 3 6 11 16]
  printf ('%8.2f', sb_grid(i));
  printf ('%7.3f', chi1(i, shown));
  printf ('\n');
endfor
printf ('\ncritical line: sigma_b2 %s\n         sigma_w2 %s\n', ...
        sprintf ('%7.2f', sb_line(1:5:end)), sprintf ('%7.3f', sw_line(1:5:end)));

% the line's sigma_w2 at each grid row's sigma_b2 (sb_grid is every other sb_line)
edge = sw_line(1:2:end)';
left = sw_grid < edge;                        # 16 x 18: left of the critical line
ordered = strcmp (phase, 'ordered');
chaotic = strcmp (phase, 'chaotic');
lesson_claim (all (ordered(left)) && all (chaotic(! left)) && all (chi1(left) < 1) ...
              && all (chi1(! left) > 1), ...
              'every grid point left of the critical line is ordered (chi1 < 1), every point right of it chaotic');
lesson_claim (all (c_star(ordered) > 1 - 1e-9) && all (c_star(chaotic) < 1), ...
              'ordered: two inputs end up identical (c* = 1); chaotic: they end up apart (c* < 1)');
lesson_claim (abs (sw_line(1) - 1) < 1e-6 && all (diff (sw_line) > 0), ...
              sprintf ('the critical sigma_w2 is 1 at sigma_b2 = 0 and rises with sigma_b2 (%.2f at 0.3)', ...
                       sw_line(end)));

h = figure ('position', [0 0 700 480]);
imagesc (sw_grid, sb_grid, min (max (chi1, 0.7), 1.3));
set (gca, 'ydir', 'normal');
colormap (interp1 ([0 0.5 1], [0.25 0.45 0.85; 1 1 1; 0.85 0.3 0.25], linspace (0, 1, 64)));
caxis ([0.7 1.3]);
cb = colorbar ();
ylabel (cb, 'chi1 (clipped to [0.7, 1.3])');
hold on;
plot (sw_line, sb_line, 'k-', 'linewidth', 2.5);
text (0.75, 0.22, 'ordered (chi1 < 1)', 'fontsize', 13);
text (2.6, 0.05, 'chaotic (chi1 > 1)', 'fontsize', 13);
hold off;
xlabel ('sigma_w^2');  ylabel ('sigma_b^2');
title ('tanh: chi1 and the critical line chi1 = 1 (black)');
lesson_save (h, figures, 'lesson9_phase_diagram.png');

%% Measured against predicted: the correlation of two inputs, layer by layer
% Ten pairs of inputs of 500 values: x1 ~ N(0, 1), x2 = 0.9 x1 +
% sqrt(1 - 0.81) g, so q0 = 1 and c0 = 0.9 in expectation.  Each goes
% through 31 tanh layers of 500 units at five points with sigma_b2 =
% 0.05: two ordered, the critical one (the 'critical' initializer) and
% two chaotic.  Measured: the correlation z1'z2 / (|z1| |z2|) of the two
% pre-activations at every layer, averaged over the ten pairs.
% Predicted: il_theory's T.c, the correlation map run from c0 = 0.9.
width = 500;  depth = 30;  pairs = 10;  c0 = 0.9;  sb = 0.05;
G = lesson_gaussian (width, 2 * pairs, 4);
X1 = G(:, 1:pairs);
X2 = c0 * X1 + sqrt (1 - c0 ^ 2) * G(:, pairs+1:end);
crit = il_theory ('tanh', 'critical', 'sigma_b2', sb);
points = [1.0, 1.4, crit.sigma_w2, 2.5, 4.0];
wide = il_net (repmat (width, 1, depth + 2), 'tanh');
measured = zeros (5, depth + 1);
predicted = zeros (5, depth + 1);
theory = cell (1, 5);
for k = 1:5
  if (k == 3)
    net = il_init (wide, 'critical', 'sigma_b2', sb, 'seed', 5);
  else
    net = il_init (wide, 'variance_scaling', 'scale', points(k), 'mode', 'fan_in', ...
                   'bias', 'normal', 'std', sqrt (sb), 'seed', 5);
  endif
  [~, Z] = il_forward (net, [X1, X2]);
  for l = 1:depth + 1
    Z1 = Z{l}(:, 1:pairs);
    Z2 = Z{l}(:, pairs+1:end);
    measured(k, l) = mean (sum (Z1 .* Z2) ./ sqrt (sum (Z1 .^ 2) .* sum (Z2 .^ 2)));
  endfor
  % the path starts at layer 1's pre-activations: q1 = sigma_w2 q0 + sigma_b2
  % and c1 = (sigma_w2 q0 c0 + sigma_b2) / q1, with the inputs' q0 = 1
  q1 = points(k) + sb;
  theory{k} = il_theory ('tanh', 'sigma_w2', points(k), 'sigma_b2', sb, ...
                         'depth', depth, 'q0', q1, 'c0', (points(k) * c0 + sb) / q1);
  predicted(k, :) = theory{k}.c;
endfor

layers = [1 2 4 8 12 16 20 25 31];
printf ('\ncorrelation of two inputs (c0 = 0.9), measured / predicted, width %d (xi_c 9999: infinite)\n', width);
printf ('%-22s %6s %6s %7s', 'sigma_w2 (phase)', 'c*', 'xi_c', 'layer');
printf ('%12d', layers);
printf ('\n');
for k = 1:5
  T = theory{k};
  printf ('%-22s %6.3f %6.1f %7s', sprintf ('%.2f (%s)', points(k), T.phase), T.c_star, min (T.xi_c, 9999), '');
  printf ('%6.3f/%5.3f', [measured(k, layers); predicted(k, layers)]);
  printf ('\n');
endfor
% How close should they be?  A correlation averaged over 500 units has a
% sampling error of about (1 - c^2) / sqrt(500), 0.01 to 0.04 here, and
% the network is one draw, so its errors are shared by the ten pairs.  In
% the ordered phase and at the edge, errors are damped (chi1 <= 1); in the
% chaotic phase each layer amplifies the differences it inherits, so the
% deep layers wander further: a tolerance of 0.03 for the first, 0.075
% for the second.
gap = max (abs (measured - predicted), [], 2);
printf ('largest |measured - predicted| over the 31 layers: %s\n', sprintf ('%.3f ', gap));
lesson_claim (all (gap(1:3) < 0.03), ...
              'ordered and critical: the measured correlation follows the prediction within 0.03 at every layer');
lesson_claim (all (gap(4:5) < 0.075), ...
              'chaotic: it follows the prediction within 0.075 at every layer (chaos amplifies the finite-width noise)');
lesson_claim (measured(1, end) > 0.99 && predicted(1, end) > 0.99, ...
              'ordered (sigma_w2 = 1): after 31 layers the two inputs are identical to the network (c > 0.99)');
lesson_claim (abs (measured(5, end) - theory{5}.c_star) < 0.05 && abs (measured(4, end) - theory{4}.c_star) < 0.05, ...
              'chaotic (sigma_w2 = 2.5, 4): the inputs decorrelate to c* (within 0.05 after 31 layers)');
lesson_claim (all (abs (measured(3, :) - c0) < 0.05), ...
              'critical: the correlation stays within 0.05 of its input value through all 31 layers');

h = figure ('position', [0 0 1300 480]);
colors = [0.2 0.35 0.8; 0.35 0.65 0.95; 0 0 0; 0.95 0.55 0.2; 0.8 0.15 0.15];
names = arrayfun (@(k) sprintf ('sigma_w^2 = %.2f (%s)', points(k), theory{k}.phase), 1:5, ...
                  'uniformoutput', false);
subplot (1, 2, 1);
hold on;
for k = 1:5
  plot (1:depth + 1, predicted(k, :), '-', 'color', colors(k, :), 'linewidth', 2);
endfor
for k = 1:5
  plot (1:depth + 1, measured(k, :), 'o', 'color', colors(k, :), 'markersize', 5);
endfor
hold off;
legend (names, 'location', 'southwest');
xlabel ('layer');  ylabel ('correlation of the two pre-activations');
title (['sigma_b^2 = 0.05, width ', num2str(width), ': lines the mean-field prediction, circles measured']);
axis ([0 32 0 1.02]);
subplot (1, 2, 2);
hold on;
for k = 1:5
  plot (1:depth + 1, measured(k, :) - predicted(k, :), '-o', 'color', colors(k, :), ...
        'markersize', 4, 'linewidth', 1.5);
endfor
plot ([0 32], [0 0], 'k:');
hold off;
axis ([0 32 -0.08 0.08]);
xlabel ('layer');  ylabel ('correlation: measured - predicted');
title ('measured - predicted: small where order damps it, growing in chaos');
lesson_save (h, figures, 'lesson9_correlation.png');

%% What trains: depth x sigma_w2
% Networks [2, 32 x L tanh, 1 sigmoid] on two moons (400 points to train
% on, 400 others to test on), L = 8, 16, 32, 64, at eight sigma_w2 with
% sigma_b2 = 0.05, each given the same small budget: 200 steps of SGD,
% batches of 32, lr 0.01.  A cell "trained" when its test accuracy
% reached 0.75 (chance is 0.5; shallow networks reach 0.9 to 1).
% Schoenholz et al.'s prediction: a network trains only when L <= 6 xi_c.
% It is a limit, not a promise: at depth 64 a width-32 network on 200
% steps sometimes fails inside it too (other seeds move which cells), but
% beyond it training fails far more often.
[X, Y] = il_dataset ('moons', 400, 'noise', 0.1, 'seed', 1);
[Xt, Yt] = il_dataset ('moons', 400, 'noise', 0.1, 'seed', 2);
depths = [8 16 32 64];
sws = [1, 1.25, 1.5, crit.sigma_w2, 2, 2.5, 3, 4];
xi = zeros (size (sws));
for j = 1:numel (sws)
  T = il_theory ('tanh', 'sigma_w2', sws(j), 'sigma_b2', sb);
  xi(j) = T.xi_c;
endfor
accuracy = zeros (numel (depths), numel (sws));
started = tic ();
for i = 1:numel (depths)
  L = depths(i);
  net = il_net ([2, repmat(32, 1, L), 1], [repmat({'tanh'}, 1, L), {'sigmoid'}]);
  for j = 1:numel (sws)
    net = il_init (net, 'variance_scaling', 'scale', sws(j), 'mode', 'fan_in', ...
                   'bias', 'normal', 'std', sqrt (sb), 'seed', 1);
    net = il_train (net, X, Y, 'iters', 200, 'batch', 32, 'lr', 0.01, 'seed', 1, 'verbose', false);
    accuracy(i, j) = il_accuracy (net, Xt, Yt);
  endfor
endfor
printf ('\n32 networks trained in %.1f s\ntest accuracy after 200 steps\n%10s', toc (started), 'L / sw2');
printf ('%7.2f', sws);
printf ('\n');
for i = 1:numel (depths)
  printf ('%10d', depths(i));
  printf ('%7.3f', accuracy(i, :));
  printf ('\n');
endfor
printf ('%10s', '6 xi_c');
printf ('%7.1f', min (6 * xi, 9999));
printf ('\n');
trained = accuracy >= 0.75;
within = depths' <= 6 * xi;                   # 4 x 8
printf ('within 6 xi_c: %d of %d cells trained; deeper: %d of %d\n', ...
        sum (trained(within)), sum (within(:)), sum (trained(! within)), sum (! within(:)));
shallow = within & (depths' <= 32);
lesson_claim (all (trained(shallow)), ...
              'every cell of depth 8 to 32 within 6 xi_c trained');
lesson_claim (mean (trained(within)) >= 0.85, ...
              'at least 85% of all the cells within 6 xi_c trained');
lesson_claim (mean (trained(! within)) <= 0.4, ...
              'at most 40% of the cells deeper than 6 xi_c trained');
lesson_claim (! trained(end, 1) && ! trained(end, end), ...
              'sigma_w2 = 1 and 4 (6 xi_c = 22 and 42) did not train at depth 64');

h = figure ('position', [0 0 760 420]);
imagesc (1:numel (sws), log2 (depths), accuracy);
set (gca, 'ydir', 'normal', 'xtick', 1:numel (sws), ...
     'xticklabel', arrayfun (@(s) sprintf ('%.2f', s), sws, 'uniformoutput', false), ...
     'ytick', log2 (depths), 'yticklabel', arrayfun (@num2str, depths, 'uniformoutput', false));
colormap (gca, interp1 ([0 1], [1 1 1; 0.15 0.45 0.2], linspace (0, 1, 64)));
caxis ([0.5 1]);
cb = colorbar ();
ylabel (cb, 'test accuracy');
hold on;
fine = linspace (sws(1), sws(end), 200);
fine_xi = arrayfun (@(s) il_theory ('tanh', 'sigma_w2', s, 'sigma_b2', sb).xi_c, fine);
% the curve L = 6 xi_c in the map's coordinates (x: the column, y: log2 L)
plot (interp1 (sws, 1:numel (sws), fine), log2 (min (6 * fine_xi, 1e4)), 'r-', 'linewidth', 2.5);
for i = 1:numel (depths)
  for j = 1:numel (sws)
    text (j, log2 (depths(i)), sprintf ('%.2f', accuracy(i, j)), 'horizontalalignment', 'center', ...
          'fontsize', 11);
  endfor
endfor
hold off;
axis ([0.5 numel(sws) + 0.5 2.5 6.5]);
xlabel ('sigma_w^2 (sigma_b^2 = 0.05; column 4: critical)');  ylabel ('depth L');
title ('moons, 200 SGD steps: test accuracy; red: L = 6 xi_c');
lesson_save (h, figures, 'lesson9_trainability.png');
