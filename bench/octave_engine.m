## octave_engine.m - the engine called from Octave: il_train on the
## coursework model with the data and weights bench/coursework wrote, and the
## overhead of one il_forward call on a tiny network.
##   [us_per_iter, final_loss, forward_us] = octave_engine (dir, iters, lr)
function [us_per_iter, final_loss, forward_us] = octave_engine (dir, iters, lr)
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
  calls = 5000;
  il_forward (tiny, x);
  tic ();
  for i = 1:calls
    il_forward (tiny, x);
  endfor
  forward_us = toc () / calls * 1e6;
endfunction
