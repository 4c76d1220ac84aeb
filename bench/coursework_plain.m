## coursework_plain.m - the coursework model trained the way a student writes
## it in plain Octave: vectorized, full batch, [2 10 5 1] relu/relu/sigmoid,
## binary cross-entropy.  bench/run.sh times it beside the engine.
##   [us_per_iter, final_loss] = coursework_plain (dir, iters, lr)
## reads X, Y, W1..W3, b1..b3 written by bench/coursework.
function [us_per_iter, final_loss] = coursework_plain (dir, iters, lr)
  X = load (fullfile (dir, 'X.txt'));  Y = load (fullfile (dir, 'Y.txt'));
  W1 = load (fullfile (dir, 'W1.txt'));  b1 = load (fullfile (dir, 'b1.txt'));
  W2 = load (fullfile (dir, 'W2.txt'));  b2 = load (fullfile (dir, 'b2.txt'));
  W3 = load (fullfile (dir, 'W3.txt'));  b3 = load (fullfile (dir, 'b3.txt'));
  m = columns (X);
  tic ();
  for i = 1:iters
    Z1 = W1 * X + b1;   A1 = max (Z1, 0);
    Z2 = W2 * A1 + b2;  A2 = max (Z2, 0);
    Z3 = W3 * A2 + b3;  A3 = 1 ./ (1 + exp (-Z3));
    dZ3 = A3 - Y;
    dW3 = dZ3 * A2' / m;  db3 = sum (dZ3, 2) / m;
    dZ2 = (W3' * dZ3) .* (Z2 > 0);
    dW2 = dZ2 * A1' / m;  db2 = sum (dZ2, 2) / m;
    dZ1 = (W2' * dZ2) .* (Z1 > 0);
    dW1 = dZ1 * X' / m;   db1 = sum (dZ1, 2) / m;
    W1 -= lr * dW1;  b1 -= lr * db1;
    W2 -= lr * dW2;  b2 -= lr * db2;
    W3 -= lr * dW3;  b3 -= lr * db3;
  endfor
  us_per_iter = toc () / iters * 1e6;
  A3 = 1 ./ (1 + exp (-(W3 * max (W2 * max (W1 * X + b1, 0) + b2, 0) + b3)));
  final_loss = -mean (Y .* log (A3) + (1 - Y) .* log (1 - A3));
endfunction
