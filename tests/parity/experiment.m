## experiment.m - the parity experiment from Octave: the same seeded run as
## experiment.c, printed the same way (raw IEEE bits by num2hex).
1;

function emit (name, x)
  h = cellstr (num2hex (x(:)));
  printf ('%s%s\n', name, sprintf (' %s', h{:}));
endfunction

net = il_net ([2 6 4 1], {'tanh', 'relu', 'sigmoid'});
net = il_init (net, {'xavier_uniform', 'he_normal', 'orthogonal'}, 'seed', 11);
for l = 1:3
  emit (sprintf ('init_W%d', l), net.W{l});
  emit (sprintf ('init_b%d', l), net.b{l});
endfor
[X, Y] = il_dataset ('circles', 64, 'seed', 7);
emit ('X', X);
[net, rec] = il_train (net, X, Y, 'iters', 100, 'lr', 0.01, 'batch', 16, ...
                       'optimizer', 'adam', 'seed', 5, 'record_every', 10, ...
                       'record', 'all', 'verbose', false);
for l = 1:3
  emit (sprintf ('trained_W%d', l), net.W{l});
  emit (sprintf ('rec_W%d', l), rec.W{l});
endfor
emit ('rec_loss', rec.loss);
emit ('rec_accuracy', rec.accuracy);
for s = {'act_mean', 'act_std', 'act_min', 'act_max', 'saturation', 'sat_low', ...
         'sat_high', 'dead', 'grad_std', 'weight_norm', 'update_ratio', 'distinct'}
  emit (['rec_' s{1}], rec.(s{1}));
endfor
emit ('rec_percentiles', rec.percentiles);
emit ('rec_hist', rec.hist);
if ! isempty (getenv ('IL_PARITY_DIR'))  % the animations, compared by run.sh
  il_animate (rec, 'weights', [getenv('IL_PARITY_DIR') '/octave_weights.gif']);
  il_animate (rec, 'hist', [getenv('IL_PARITY_DIR') '/octave_hist.gif'], 'layer', 2, 'delay', 50);
end
if ! isempty (getenv ('IL_PARITY_DIR'))  % the run report, compared by run.sh
  il_report ({rec, rec}, [getenv('IL_PARITY_DIR') '/octave_report.html'], ...
             'labels', {'adam', 'again'}, 'title', 'parity', 'layers', [3 1]);
end
t = il_summary (net);  % the trained network's summary, byte by byte
printf ('summary%s\n', sprintf (' %02x', double (t)));
% il_rand's draws from both streams and the states they leave
for stream = {'numpy', 'xoshiro'}
  g = il_rand (stream{1}, 5);
  [x, g] = il_rand (g, 'normal', 3, 4);
  emit (['rand_' stream{1} '_normal'], x);
  [x, g] = il_rand (g, 'uniform', 2, 3, 'low', -1, 'high', 2);
  emit (['rand_' stream{1} '_uniform'], x);
  [x, g] = il_rand (g, 'integers', 1, 7, 'low', -3, 'high', 1e10);
  emit (['rand_' stream{1} '_integers'], x);
  [x, g] = il_rand (g, 'permutation', 9, 'low', 1);
  emit (['rand_' stream{1} '_permutation'], x);
  [~, g] = il_rand (g, 'normal');
  emit (['rand_' stream{1} '_state'], g.state);
endfor
% critical and hadamard per layer, from both streams
net = il_net ([3 5 8 2], {'tanh', 'relu', 'sigmoid'});
for stream = {'xoshiro', 'numpy'}
  net = il_init (net, {'critical', 'hadamard', 'critical'}, 'sigma_b2', 0.1, ...
                 'seed', 13, 'rng', stream{1});
  for l = 1:3
    emit (sprintf ('crit_%s_W%d', stream{1}, l), net.W{l});
    emit (sprintf ('crit_%s_b%d', stream{1}, l), net.b{l});
  endfor
endfor
