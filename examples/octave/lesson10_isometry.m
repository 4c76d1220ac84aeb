%% Lesson 10: dynamical isometry - the whole spectrum of the Jacobian
% Pennington, Schoenholz & Ganguli (2017, "Resurrecting the sigmoid in
% deep learning through dynamical isometry"): at the edge of chaos a deep
% tanh network with orthogonal weights keeps every singular value of its
% input-output Jacobian near 1, while Gaussian weights and relu spread
% them out as depth grows; and plain gradient descent trains the first
% fastest.  At the edge of chaos (lesson 9) chi1 = 1, so the mean squared
% singular value of J = D_L W_L ... D_1 W_1 stays 1 at any depth and a
% gradient keeps its size on average.  But an average of 1 can hide a
% spread: a few directions stretched enormously, most squashed to
% nothing.  The spread depends on the weights' distribution, not only
% their variance.  With orthogonal weights, tanh units and a small q*
% (small sigma_b2, inputs at the fixed point, so that tanh' stays near 1)
% the singular values stay near 1: dynamical isometry.  Gaussian weights
% at the same variance, and relu with either kind of weights (its D_l
% zeroes about half the directions at each layer), spread out.
% il_jacobian gives the singular values of J at each sample.
%
% Run: make notebooks, or from the checkout
%   addpath build/octave octave examples/octave; lesson10_isometry

figures = lesson_setup ();

%% Four initializations at the edge of chaos
% tanh: sigma_b2 = 1e-5, and il_theory's critical sigma_w2 for it, with
% its q*; the inputs are scaled to q* so that the network starts at its
% fixed point (as Pennington et al. do).  relu: He (sigma_w2 = 2, relu's
% critical point at sigma_b2 = 0), inputs N(0, 1).
sb = 1e-5;
Tc = il_theory ('tanh', 'critical', 'sigma_b2', sb);
Tr = il_theory ('relu', 'critical', 'sigma_b2', 0);
printf ('tanh at sigma_b2 = %g: critical sigma_w2 = %.6f, q* = %.5f, chi1 = %.6f (%s)\n', ...
        sb, Tc.sigma_w2, Tc.q_star, Tc.chi1, Tc.phase);
printf ('relu at sigma_b2 = 0: critical sigma_w2 = %.6f (He), chi1 = %.6f\n', Tr.sigma_w2, Tr.chi1);
names = {'tanh, orthogonal', 'tanh, Gaussian', 'relu, He (Gaussian)', 'relu, orthogonal'};
acts = {'tanh', 'tanh', 'relu', 'relu'};
scale = [sqrt(Tc.q_star), sqrt(Tc.q_star), 1, 1];     # input std: sqrt(q0)
inits = {{'orthogonal', 'gain', sqrt(Tc.sigma_w2), 'bias', 'normal', 'std', sqrt(sb)}, ...
         {'critical', 'sigma_b2', sb}, {'he_normal'}, {'orthogonal', 'gain', sqrt(2)}};

%% The singular values of J as depth grows
% Square networks of 100 units per layer, every layer tanh (or relu),
% depths 2, 8, 32 and 128, four input samples: 400 singular values per
% network.  The spread is max sv / rms sv (rms: the root of their mean
% square), 1 for a perfect isometry whatever the overall scale.
width = 100;  depths = [2 8 32 128];  m = 4;
G = lesson_gaussian (width, m, 5);
sv_max = zeros (4, 4);  sv_rms = zeros (4, 4);  condition = zeros (4, 4);
edges = -3:0.125:1.5;                 # log10 of the singular values
counts = zeros (4, 4, numel (edges) - 1);
J128 = cell (1, 4);                   # the depth-128 results, for il_plot
for k = 1:4
  for d = 1:4
    net = il_init (il_net (repmat (width, 1, depths(d) + 1), acts{k}), inits{k}{:}, 'seed', 1);
    J = il_jacobian (net, scale(k) * G);
    sv_max(k, d) = J.max;
    sv_rms(k, d) = sqrt (J.mean_sq);
    condition(k, d) = J.condition;
    if (depths(d) == 128)
      J128{k} = J;
    endif
    v = min (max (log10 (J.sv(:)), edges(1)), edges(end) - 1e-9);   # the ends catch the rest
    counts(k, d, :) = histc (v, edges)(1:end-1) / numel (v);
  endfor
endfor
spread = sv_max ./ sv_rms;
printf ('\n%-22s %28s %28s %28s\n', 'width 100, 4 samples', 'max sv at depth 2/8/32/128', ...
        'rms sv', 'spread max/rms');
for k = 1:4
  printf ('%-22s %7.3f%7.3f%7.3f%7.3f %7.3f%7.3f%7.3f%7.3f %7.2f%7.2f%7.2f%7.2f\n', names{k}, ...
          sv_max(k, :), sv_rms(k, :), spread(k, :));
endfor
printf ('\nlog10 of the condition number max/min at depth 2/8/32/128 (999: infinite, a zero singular value)\n');
for k = 1:4
  printf ('%-22s %s\n', names{k}, sprintf ('%7.1f', min (log10 (condition(k, :)), 999)));
endfor
lesson_claim (all (spread(1, :) < 2), ...
              'orthogonal tanh at the edge of chaos: the spread max/rms stays below 2 up to depth 128');
lesson_claim (all (abs (sv_rms(1, :) .^ 2 - 1) < 0.1), ...
              'orthogonal tanh: the mean squared singular value is within 10% of 1 at every depth (chi1 = 1)');
lesson_claim (all (diff (spread(2, :)) > 0) && spread(2, end) > 4 * spread(1, end), ...
              'Gaussian tanh, same sigma_w2 and sigma_b2: the spread grows with depth, past 4 times orthogonal''s at 128');
lesson_claim (all (spread(3:4, end) > 4 * spread(1, end)), ...
              'relu: orthogonal weights do not help; both relu spreads exceed 4 times orthogonal tanh''s at depth 128');
lesson_claim (all (condition(1, :) < 1000) && all (all (condition(2:4, 2:end) > 1e10)), ...
              'the condition number: orthogonal tanh''s below 1000 at every depth, the others'' above 1e10 from depth 8 on');

h = figure ('position', [0 0 1400 380]);
centers = (edges(1:end-1) + edges(2:end)) / 2;
for k = 1:4
  subplot (1, 4, k);
  plot (centers, squeeze (counts(k, :, :))', '-o', 'linewidth', 1.3, 'markersize', 3);
  axis ([edges(1) edges(end) 0 1]);
  title (names{k});
  xlabel ('log_{10} singular value (first bin: all below 10^{-3})');
  if (k == 1)
    ylabel ('fraction of the singular values');
    legend (arrayfun (@(d) sprintf ('depth %d', d), depths, 'uniformoutput', false), ...
            'location', 'northwest');
  endif
endfor
lesson_save (h, figures, 'lesson10_spectra.png');
% il_plot draws il_jacobian results too: the depth-128 spectra, each in
% its own panel, on the axis the values need, a dashed line at 1.
h = il_plot (J128, 'spectrum', 'labels', names);
lesson_save (h, figures, 'lesson10_spectrum_128.png');

%% How fast each one learns
% The same four starts on a task: 500 samples of 48 N(0, 1) inputs (times
% the input scale above), labelled by the sign of a random teacher network
% around its median; 64 layers of 48 units and a sigmoid output, 200 steps
% of plain SGD (batches of 50, lr 0.01, the same for all four).  With
% Adam the picture changes: its per-weight step sizes undo much of the
% Jacobian's bad conditioning (as it rescued Xavier's relu in lesson 5),
% and all four learn; isometry matters most to plain gradient descent.
n0 = 48;  deep = 64;
Xtask = lesson_gaussian (n0, 500, 1);
teacher = il_init (il_net ([n0 20 1], {'tanh', 'linear'}), 'xavier_normal', 'seed', 2);
score = il_forward (teacher, Xtask);
Ytask = double (score > median (score));
recs = cell (1, 4);
final = zeros (1, 4);  accuracy = zeros (1, 4);
for k = 1:4
  net = il_net ([n0, repmat(n0, 1, deep), 1], [repmat(acts(k), 1, deep), {'sigmoid'}]);
  net = il_init (net, inits{k}{:}, 'seed', 1);
  [net, recs{k}] = il_train (net, scale(k) * Xtask, Ytask, 'iters', 200, 'batch', 50, 'lr', 0.01, ...
                             'seed', 1, 'record_every', 10, 'record', {'loss'}, 'verbose', false);
  % the record holds each step's batch loss (50 samples: noisy); the
  % verdict is the loss on all 500 samples after the last step
  [accuracy(k), final(k)] = il_accuracy (net, scale(k) * Xtask, Ytask);
endfor
shown = [1 6 11 16 21];               # steps 0, 50, 100, 150, 200
printf ('\n64 layers of 48 units, SGD lr 0.01: batch loss at steps 0, 50, 100, 150, 200; then on all 500\n');
for k = 1:4
  printf ('%-22s %s   loss %.3f, accuracy %.3f\n', names{k}, sprintf ('%8.3f', recs{k}.loss(shown)), ...
          final(k), accuracy(k));
endfor
lesson_claim (final(1) < 0.4 && final(1) < min (final(2:4)), ...
              'orthogonal tanh learns fastest: the lowest training loss after 200 steps, below 0.4');
lesson_claim (all (final(2:4) > final(1) + 0.1), ...
              'Gaussian tanh and both relus end at least 0.1 above it');
lesson_claim (all (final(3:4) > 0.45), ...
              'relu at 64 layers, either weights: the training loss is still above 0.45 after 200 steps');

h = il_plot (recs, 'loss', 'labels', names, 'title', '64 layers of 48 units, SGD lr 0.01');
lesson_save (h, figures, 'lesson10_loss.png');
