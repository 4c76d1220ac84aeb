%% Lesson 11: which zeros are harmless
% Zero biases and a zero output layer do no harm; what never trains is a
% hidden layer whose units start identical, at zero or at any other
% constant.  Lesson 1 showed the rule "never start every weight at the same
% value" with a network that stays one unit copied.  This lesson takes the
% rule apart on one task: which zeros break training, which do not, why a
% constant is no better than zero, how long a start that is only nearly
% symmetric takes to come apart, and what two initializers that use no
% random numbers at all, identity and ZerO's Hadamard, leave symmetric.
%
% The yardstick is the one lesson 1 used, the number of distinct units of
% a layer (the rows of [W b] that differ, il_train's 'distinct'), and
% beside it the spread of a layer: the largest distance between two of its
% rows of [W b].  Units are exchangeable, and stay so under gradient
% descent, when their rows are equal AND their outgoing weights (their
% columns in the next layer's W) are equal: equal inputs and equal
% outputs give them equal gradients.  Every case below is that rule, or
% (section 6) its general form: whatever permutation of the units maps the
% starting network onto itself, gradient descent never undoes.
%
% Run: make notebooks (HTML), or from the checkout
%   addpath build/octave octave examples/octave; lesson11_zeros

figures = lesson_setup ();

%% The task and the network
% Two rings (200 points, the inner one half the outer's radius, noise 0.1),
% which no straight line separates: a network that has only one distinct
% unit in its first layer draws a straight boundary and fails.  The
% network is [2 8 8 1] with tanh hidden units and a sigmoid output, trained
% by full-batch gradient descent, 3,000 steps at learning rate 1.
[X, Y] = il_dataset ('circles', 200, 'noise', 0.1, 'factor', 0.5, 'seed', 1);
net = il_net ([2 8 8 1], {'tanh', 'tanh', 'sigmoid'});
shown = [0 1 2 10 100 1000 3000];
train = @(start) il_train (start, X, Y, 'iters', 3000, 'lr', 1, 'record_iters', shown, ...
                           'record', {'loss', 'distinct', 'weights'}, 'verbose', false);

% The spread of layer l at each recorded iteration: the largest distance
% between two rows of [W b].
function s = spread (rec, l)
  [I, J] = find (triu (ones (rows (rec.W{l})), 1));
  s = zeros (1, numel (rec.iter));
  for r = 1:numel (rec.iter)
    A = [rec.W{l}(:, :, r) rec.b{l}(:, :, r)];
    s(r) = max (sqrt (sum ((A(I, :) - A(J, :)) .^ 2, 2)));
  endfor
endfunction
% N(0, std^2) biases for n units, drawn by the engine (the same in Lua).
biases = @(n, std, seed) il_init (il_net ([1 n], 'linear'), 'normal', 'std', std, 'seed', seed).W{1};

%% The starts
% One set of Xavier weights (seed 1) is the random start; the others change
% one thing in it, or replace it.
random = il_init (net, 'xavier_normal', 'seed', 1);   % biases zero
random_b = random;                                   % the same weights, N(0, 0.5^2) biases
for l = 1:3
  random_b.b{l} = biases (rows (random.W{l}), 0.5, 20 + l);
endfor
zero_out = random;                                   % the output layer zero
zero_out.W{3}(:) = 0;
zero_hidden = random;                                % both hidden layers zero
zero_hidden.W{1}(:) = 0;
zero_hidden.W{2}(:) = 0;
half_hidden = random;                                % both hidden layers 0.5
half_hidden.W{1}(:) = 0.5;
half_hidden.W{2}(:) = 0.5;
names = {'random W and b', 'random W, zero b', 'zero output layer', 'zeros', ...
         'zero hidden layers', 'constant 0.5', '0.5 hidden layers', 'identity', 'hadamard'};
starts = {random_b, random, zero_out, il_init(net, 'zeros'), zero_hidden, ...
          il_init(net, 'constant', 'value', 0.5), half_hidden, ...
          il_init(net, 'identity'), il_init(net, 'hadamard')};
trained = cell (size (starts));
recs = cell (size (starts));
for k = 1:numel (starts)
  [trained{k}, recs{k}] = train (starts{k});
endfor
acc = cellfun (@(n) il_accuracy (n, X, Y), trained);

printf ('%-20s %8s %8s   %-22s %-22s %s\n', 'start', 'accuracy', 'loss', ...
        'distinct in layer 1', 'distinct in layer 2', 'spread of layer 1');
printf ('%-20s %8s %8s   %-22s %-22s %s\n', '', '', '', 'at 0 1 2 10 .. 3000', '', 'at 0 and 3000');
for k = 1:numel (starts)
  s = spread (recs{k}, 1);
  printf ('%-20s %8.3f %8.4f   %-22s %-22s %8.3g %8.3g\n', names{k}, acc(k), recs{k}.loss(end), ...
          sprintf ('%d ', recs{k}.distinct(1, :)), sprintf ('%d ', recs{k}.distinct(2, :)), ...
          s(1), s(end));
endfor
all8 = @(rec) all (all (rec.distinct(1:2, :) == 8));

%% 1. Zero biases: harmless
% The biases of a layer only need to differ if the rows of W do not; with
% random rows of W the units already differ, and the biases learn what
% they need from zero.  This is every library's default (PyTorch aside,
% which draws its biases too).
lesson_claim (abs (acc(2) - acc(1)) <= 0.02 && all8 (recs{1}) && all8 (recs{2}), ...
              sprintf (['zero biases: accuracy %.2f vs %.2f with random biases (within 0.02), ' ...
                        '8 distinct units per hidden layer throughout'], acc(2), acc(1)));

%% 2. A zero output layer: harmless too
% With W3 = 0 no gradient reaches the hidden layers at the first step
% (back-propagation multiplies by W3'), so step 1 moves only the output
% layer.  But its gradient is delta * a2', and the hidden activations a2
% differ from unit to unit: W3 leaves zero with a different weight for each
% unit, and from step 2 on every layer trains.  Its row has no partner to
% be equal to: the output layer here is a single unit.
step1 = @(rec, l) rec.W{l}(:, :, 2);
still = isequal (step1 (recs{3}, 1), zero_out.W{1}) && isequal (step1 (recs{3}, 2), zero_out.W{2}) ...
        && isequal (recs{3}.b{1}(:, :, 2), zero_out.b{1}) && isequal (recs{3}.b{2}(:, :, 2), zero_out.b{2});
w3 = step1 (recs{3}, 3);
disp ('zero output layer, W3 after one step:'), disp (w3)
lesson_claim (still && all (w3 != 0) && numel (unique (w3)) == 8, ...
              sprintf (['zero output layer: step 1 moves only the output layer, to 8 different ' ...
                        'nonzero weights (the smallest |w| %.1e)'], min (abs (w3))));
lesson_claim (acc(3) >= acc(1) - 0.02 && all8 (recs{3}), ...
              sprintf (['zero output layer: accuracy %.2f (random start %.2f), ' ...
                        '8 distinct units per hidden layer throughout'], acc(3), acc(1)));

%% 3. Zero hidden layers: never (lesson 1)
% All zeros is lesson 1's network again: one distinct unit per hidden
% layer for ever, and here even the output stays 0.5 (the 100 + 100
% balanced points make the output bias's gradient sum to zero).  A random
% output layer over zero hidden layers does not rescue them: the output
% weights differ, so layer 2's biases come apart (8 "distinct" units), but
% tanh(0) = 0 makes every gradient of W1 and W2 exactly zero, so the
% network never computes anything but a constant.  Distinct rows are not
% yet useful units.
never = @(rec, l) all (rec.distinct(l, :) == 1);
lesson_claim (never (recs{4}, 1) && never (recs{4}, 2) && acc(4) == 0.5, ...
              sprintf ('zeros (lesson 1): 1 distinct unit per hidden layer at every recorded iteration, accuracy %.2f', ...
                       acc(4)));
lesson_claim (! any (trained{5}.W{1}(:)) && ! any (trained{5}.W{2}(:)) && acc(5) == 0.5 ...
              && recs{5}.distinct(2, end) == 8, ...
              sprintf (['zero hidden layers under a random output layer: W1 and W2 stay exactly 0, ' ...
                        'accuracy %.2f, though layer 2 ends with %d distinct rows (its biases)'], ...
                       acc(5), recs{5}.distinct(2, end)));

%% 4. A constant is no better than zero
% Start every weight at 0.5: the outputs are no longer zero, the loss moves
% (it is not ln 2), but the units of each layer are still copies - equal
% rows, equal outgoing weights - and stay copies.  The network is one tanh
% unit per layer, so its prediction is a threshold on a single projection
% w.x: a straight boundary through two rings.  The check: ordered by w.x,
% the points predicted 1 and those predicted 0 do not interleave.
% Over a random output layer the second hidden layer comes apart (its
% units have different outgoing weights), the first does not: its units'
% outgoing weights, W2's columns, are all 0.5 and get equal steps.
half = trained{6};
p = half.W{1}(1, :) * X;
predicted = il_predict (half, X) == 1;   % output above 0.5
straight = max (p(predicted)) < min (p(! predicted)) || max (p(! predicted)) < min (p(predicted));
printf ('constant 0.5: the rows of [W1 b1] after 3000 steps:\n'), disp ([half.W{1} half.b{1}])
lesson_claim (never (recs{6}, 1) && never (recs{6}, 2) && abs (recs{6}.loss(end) - log (2)) > 0.05, ...
              sprintf (['constant 0.5: 1 distinct unit per hidden layer at every recorded iteration, ' ...
                        'yet the loss moves to %.3f (ln 2 is 0.693): copies, not zeros'], recs{6}.loss(end)));
lesson_claim (straight && acc(6) < 0.8, ...
              sprintf ('constant 0.5: the prediction is a threshold on one projection w.x, a straight boundary: accuracy %.2f', ...
                       acc(6)));
lesson_claim (never (recs{7}, 1) && recs{7}.distinct(2, end) == 8 && acc(7) < 0.9, ...
              sprintf (['0.5 hidden layers under a random output layer: layer 2 comes apart (%d units), ' ...
                        'layer 1 stays 1 unit, accuracy %.2f'], recs{7}.distinct(2, end), acc(7)));

%% 5. Nearly symmetric: how long the units take to come apart
% The constant 0.5 start plus a tiny perturbation: W1 and W2 get eps
% times N(0, 1) noise, for eps = 1e-2, 1e-4 and 1e-8.  The symmetric run
% is a saddle the perturbation rolls off: while it is small it obeys the
% linearized dynamics, so it is proportional to eps (the curves of spread /
% eps coincide) and grows exponentially, by the same factor every 1000
% steps.  Meanwhile the loss sits on the symmetric run's plateau; it falls
% once the spread is of order 1.  So each factor of 100 in eps costs the
% same number of steps, ln(100) / ln(growth per step).  Note that
% 'distinct' counts 8 units from iteration 0 even at eps = 1e-8: its
% tolerance is 1e-12 - the count says the rows differ, not that the
% network uses them.
epsilons = [1e-2 1e-4 1e-8];
lengths = [4000 8000 15000];
noise1 = lesson_gaussian (8, 2, 11);
noise2 = lesson_gaussian (8, 8, 12);
near = cell (1, 3);
near_net = cell (1, 3);
for k = 1:3
  e = epsilons(k);
  start = il_init (net, 'matrix', 'matrix', {0.5 + e * noise1, 0.5 + e * noise2, 0.5 * ones(1, 8)});
  [near_net{k}, near{k}] = il_train (start, X, Y, 'iters', lengths(k), 'lr', 1, 'record_every', 100, ...
                                     'record', {'loss', 'distinct', 'weights'}, 'verbose', false);
endfor
near_acc = cellfun (@(n) il_accuracy (n, X, Y), near_net);
ratio = cellfun (@(rec, e) spread (rec, 1) / e, near, num2cell (epsilons), 'UniformOutput', false);
escape = cellfun (@(rec) rec.iter(find (rec.loss < 0.3, 1)), near);
printf ('\n%10s %12s %12s %12s   %s\n', 'iteration', 'eps 1e-2', 'eps 1e-4', 'eps 1e-8', ...
        '(spread of layer 1 / eps; loss)');
for r = 1:10:151
  cells = cell (1, 3);
  for k = 1:3
    if (r <= numel (ratio{k}))
      cells{k} = sprintf ('%12.4g', ratio{k}(r));
    else
      cells{k} = sprintf ('%12s', '');
    endif
  endfor
  printf ('%10d %s %s %s   loss %.4f\n', near{3}.iter(r), cells{:}, near{3}.loss(r));
endfor
printf ('escape (loss below 0.3) at iterations %d %d %d; accuracy %.3f %.3f %.3f\n', escape, near_acc);

% The growth, read off the smallest perturbation between steps 2000 and
% 5000 (rows 21 and 51 of the record), and the prediction it makes.
growth = (ratio{3}(51) / ratio{3}(21)) ^ (1 / 3);
predicted_gap = 1000 * log (100) / log (growth);
gaps = [escape(2) - escape(1), (escape(3) - escape(2)) / 2];
linear = max (abs (ratio{2}(1:41) ./ ratio{3}(1:41) - 1));
lesson_claim (linear < 0.01, ...
              'eps = 1e-4 and 1e-8: spread / eps agree to 1% through iteration 4000 (the perturbation is linear in eps)');
lesson_claim (growth > 2 && all (near{3}.distinct(1, :) == 8) && near{3}.loss(121) > 0.59, ...
              sprintf (['eps = 1e-8: the spread grows x%.2f per 1000 steps, exponentially, while ' ...
                        'the loss stays on the plateau (%.3f at iteration 12000), 8 distinct units counted throughout'], ...
                       growth, near{3}.loss(121)));
lesson_claim (all (abs (gaps / predicted_gap - 1) < 0.1), ...
              sprintf (['the loss falls below 0.3 at iterations %d, %d, %d for eps 1e-2, 1e-4, 1e-8: ' ...
                        '%d and %d steps per factor 100 in eps, %.0f predicted by ln(100) / ln(growth) (within 10%%)'], ...
                       escape, gaps, predicted_gap));
lesson_claim (all (near_acc >= 0.99) && acc(6) < 0.8, ...
              sprintf ('every near-symmetric start trains in the end: accuracy %.2f, %.2f, %.2f; exactly 0.5 stays at %.2f', ...
                       near_acc, acc(6)));

h = figure ('position', [0 0 1100 420]);
subplot (1, 2, 1);
colors = lines (3);
for k = 1:3
  semilogy (near{k}.iter, ratio{k}, 'linewidth', 1.5, 'color', colors(k, :));
  hold on;
endfor
hold off;
grid on;
xlim ([0 max(lengths)]);
xlabel ('iteration');
ylabel ('spread of layer 1 / eps');
title ('the perturbation grows exponentially, in proportion to eps');
legend ({'eps = 1e-2', 'eps = 1e-4', 'eps = 1e-8'}, 'location', 'northwest');
subplot (1, 2, 2);
for k = 1:3
  plot (near{k}.iter, near{k}.loss, 'linewidth', 1.5, 'color', colors(k, :));
  hold on;
endfor
plot ([0 max(lengths)], recs{6}.loss(end) * [1 1], 'k--');
hold off;
grid on;
xlabel ('iteration');
ylabel ('loss');
title ('the loss leaves the plateau when the spread is of order 1');
xlim ([0 max(lengths)]);
legend ({'eps = 1e-2', 'eps = 1e-4', 'eps = 1e-8', 'exactly 0.5 (its final loss)'}, 'location', 'northeast');
lesson_save (h, figures, 'lesson11_near_symmetric.png');

%% 6. Symmetry broken without random numbers: identity and ZerO
% il_init's 'identity' is eye(n(l), n(l-1)) for every layer: a layer wider
% than its input gets zero rows past the first n(l-1).  Here W1 = eye(8, 2)
% leaves units 3-8 of layer 1 as zero rows, W2 = I passes each of them on
% to one unit of layer 2, and W3 = eye(1, 8) gives units 2-8 of layer 2 a
% zero outgoing weight.  A zero row into tanh outputs 0, a unit that
% outputs 0 teaches its outgoing weight nothing, and a zero outgoing weight
% sends no gradient back: units 3-8 of both layers are frozen, exactly
% (unit 2 of layer 2 reads a live unit, so its outgoing weight moves), and
% the network is [2 2 2 1].  Three distinct units in layer 1 (e1, e2 and
% the zero row) for ever.
%
% Zhao, Schaefer and Anandkumar's ZerO ("ZerO Initialization: Initializing
% Neural Networks with only Zeros and Ones", TMLR 2022) is built for that
% case: where a layer widens it puts the first rows and columns of a
% Hadamard matrix, scaled, in place of the identity ('hadamard').  W1 is
% then 0.5 [1 1; 1 -1; 1 1; ...]: every row nonzero, but a 2-input layer
% has only 2 distinct rows, [1 1] and [1 -1] (the two columns of a
% Sylvester Hadamard matrix).  W2 = I gives the copies different outgoing
% weights, and W3 = eye(1, 8) tells unit 1 apart from its copies, and
% nothing else: units 3, 5 and 7, say, can be swapped together with their
% partners in layer 2 without changing the network, so in exact arithmetic
% gradient descent keeps them equal for ever, as it keeps any permutation
% symmetry of its start.  Three distinct units: unit 1, its copies 3, 5, 7,
% and the copies 2, 4, 6, 8.
%
% In floating point the engine sums over the units in order, and a copy
% at position 3 meets its round-off at other places than a copy at
% position 5: after 100 steps the copies differ by 1e-16, and the
% symmetric state being unstable (section 5), that grows - slowly, to
% about 1e-10 by step 3000, when 'distinct' (tolerance 1e-12) starts
% counting 8.  Functionally layer 1 has 3 units, which is enough for two
% rings: three lines make a triangle.
frozen = trained{8};
rest = 3:8;
frozen_ok = isequal (frozen.W{1}(rest, :), zeros (6, 2)) && ! any (frozen.b{1}(rest)) ...
            && isequal (frozen.W{2}(rest, :), starts{8}.W{2}(rest, :)) && ! any (frozen.b{2}(rest)) ...
            && ! any (frozen.W{3}(rest));
lesson_claim (frozen_ok && all (recs{8}.distinct(1, :) == 3) && acc(8) < 0.9, ...
              sprintf ('identity: units 3-8 of both hidden layers never move (exactly), layer 1 has 3 distinct units throughout: accuracy %.2f', ...
                       acc(8)));
zer = trained{9};
A = [zer.W{1} zer.b{1}];
distance = @(i, j) sqrt (sum ((A(i, :) - A(j, :)) .^ 2));
copies = max ([distance(3, 5), distance(3, 7), distance(2, 4), distance(2, 6), distance(2, 8)]);
printf ('hadamard: layer 1''s [W b] after 3000 steps (the copies differ by at most %.3g):\n', copies);
disp (A)
lesson_claim (recs{9}.distinct(1, 1) == 2 && recs{9}.distinct(1, 2) == 3 && copies < 1e-6 && acc(9) >= 0.99, ...
              sprintf (['hadamard (ZerO): layer 1 starts with 2 distinct rows, has 3 after one step, and ' ...
                        'its copies differ only by round-off at step 3000 (%.0e, weights up to %.1f): ' ...
                        'accuracy %.2f'], copies, max (abs (A(:))), acc(9)));

%% The first layer's [W b], at the start and after 3000 steps
% Equal rows show as stripes: the constant start is one stripe for ever,
% identity's zero rows stay white, ZerO's alternating rows end as three
% patterns.
show = [1 6 8 9];
h = il_plot (recs(show), 'weights', 'layer', 1, 'iters', [0 3000], 'labels', names(show));
lesson_save (h, figures, 'lesson11_weights.png');
lesson_claim (exist (fullfile (figures, 'lesson11_weights.png'), 'file') == 2 && ...
              exist (fullfile (figures, 'lesson11_near_symmetric.png'), 'file') == 2, ...
              'the figures were written');
