## octave_engine.m - the engine called from Octave: il_train on the
## coursework model with the data and weights bench/coursework wrote, and the
## overhead of one il_forward call on a tiny network, beside the same
## forward pass written by hand in plain Octave (blocks of calls in turn, the
## best block of each; forward_diff is the largest difference of outputs).
##   [us_per_iter, final_loss, forward_us, hand_us, forward_diff] = ...
##     octave_engine (dir, iters, lr)
function [us_per_iter, final_loss, forward_us, hand_us, forward_diff] = octave_engine (dir, iters, lr)
  X = load (fullfile (dir, 'X.txt'));  Y = load (fullfile (dir, 'Y.txt'));
  net = il_net ([2 10 5 1], {'relu', 'relu', 'sigmoid'});
  for l = 1:3
    net.W{l} = load (fullfile (dir, sprintf ('W%d.txt', l)));
    net.b{l} = load (fullfile (dir, sprintf ('b%d.txt', l)));
  endfor
  best = Inf;
  for r = 1:5
    tic ();
    [trained, rec] = il_train (net, X, Y, 'iters', iters, 'lr', lr, 'verbose', false);
    best = min (best, toc ());
  endfor
  us_per_iter = best / iters * 1e6;
  final_loss = rec.final_loss;
  tiny = il_net ([2 3 1], {'tanh', 'sigmoid'});
  x = [0.5; -0.5];
  W1 = tiny.W{1};  b1 = tiny.b{1};  W2 = tiny.W{2};  b2 = tiny.b{2};
  calls = 2000;
  y = il_forward (tiny, x);
  h = 1 ./ (1 + exp (-(W2 * tanh (W1 * x + b1) + b2)));
  forward_diff = max (abs (y(:) - h(:)));
  forward_us = hand_us = Inf;
  for r = 1:5
    tic ();
    for i = 1:calls
      y = il_forward (tiny, x);
    endfor
    forward_us = min (forward_us, toc () / calls * 1e6);
    tic ();
    for i = 1:calls
      y = 1 ./ (1 + exp (-(W2 * tanh (W1 * x + b1) + b2)));
    endfor
    hand_us = min (hand_us, toc () / calls * 1e6);
  endfor
endfunction
