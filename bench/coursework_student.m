## coursework_student.m - the coursework model trained as the assignment
## structures it: forward_propagation, compute_loss (every iteration),
## backward_propagation and update_parameters as functions over a
## parameters struct, all vectorized.  bench/run.sh times it beside the
## engine and beside the leaner loop of coursework_plain.m.
##   [us_per_iter, final_loss] = coursework_student (dir, iters, lr)
function [us_per_iter, final_loss] = coursework_student (dir, iters, lr)
  X = load (fullfile (dir, 'X.txt'));  Y = load (fullfile (dir, 'Y.txt'));
  p = struct ();
  for l = 1:3
    p.(sprintf ('W%d', l)) = load (fullfile (dir, sprintf ('W%d.txt', l)));
    p.(sprintf ('b%d', l)) = load (fullfile (dir, sprintf ('b%d.txt', l)));
  endfor
  costs = zeros (1, iters);
  tic ();
  for i = 1:iters
    [a3, cache] = forward_propagation (X, p);
    costs(i) = compute_loss (a3, Y);
    grads = backward_propagation (X, Y, cache);
    p = update_parameters (p, grads, lr);
  endfor
  us_per_iter = toc () / iters * 1e6;
  final_loss = compute_loss (forward_propagation (X, p), Y);
endfunction

function [a3, cache] = forward_propagation (X, p)
  z1 = p.W1 * X + p.b1;   a1 = max (z1, 0);
  z2 = p.W2 * a1 + p.b2;  a2 = max (z2, 0);
  z3 = p.W3 * a2 + p.b3;  a3 = 1 ./ (1 + exp (-z3));
  cache = {z1, a1, p.W1, p.b1, z2, a2, p.W2, p.b2, z3, a3, p.W3, p.b3};
endfunction

function cost = compute_loss (a3, Y)
  m = columns (Y);
  logprobs = -Y .* log (a3) - (1 - Y) .* log (1 - a3);
  cost = sum (logprobs(! isnan (logprobs))) / m;
endfunction

function g = backward_propagation (X, Y, cache)
  m = columns (X);
  [z1, a1, W1, b1, z2, a2, W2, b2, z3, a3, W3, b3] = cache{:};
  dz3 = a3 - Y;
  g.dW3 = dz3 * a2' / m;  g.db3 = sum (dz3, 2) / m;
  da2 = W3' * dz3;  dz2 = da2 .* (a2 > 0);
  g.dW2 = dz2 * a1' / m;  g.db2 = sum (dz2, 2) / m;
  da1 = W2' * dz2;  dz1 = da1 .* (a1 > 0);
  g.dW1 = dz1 * X' / m;  g.db1 = sum (dz1, 2) / m;
endfunction

function p = update_parameters (p, g, lr)
  for l = 1:3
    W = sprintf ('W%d', l);  b = sprintf ('b%d', l);
    p.(W) -= lr * g.(['d' W]);
    p.(b) -= lr * g.(['d' b]);
  endfor
endfunction
