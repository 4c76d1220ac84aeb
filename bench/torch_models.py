"""torch_models.py - PyTorch's float64 time on the benchmark models, a
reference for bench/run.sh (never a dependency: run.sh skips it when
`import torch` fails).

  python3 torch_models.py coursework DIR ITERS LR THREADS
  python3 torch_models.py wide DIR ITERS THREADS

The same models, weights and data as bench/numpy_models.py (the files
bench/coursework and bench/wide wrote to DIR), trained with plain tensor
code and hand-written gradients in eager mode, then with the training step
compiled by torch.jit.script when that works.  Prints KEY VALUE lines.
"""
import os
import sys
import time

import numpy as np
import torch

torch.set_default_dtype(torch.float64)


def coursework_step(X, Y, W1, b1, W2, b2, W3, b3, lr: float):
    m = X.shape[1]
    z1 = W1 @ X + b1
    a1 = torch.relu(z1)
    z2 = W2 @ a1 + b2
    a2 = torch.relu(z2)
    a3 = torch.sigmoid(W3 @ a2 + b3)
    dz3 = (a3 - Y) / m
    dW3 = dz3 @ a2.T
    db3 = dz3.sum(1, keepdim=True)
    dz2 = (W3.T @ dz3) * (a2 > 0)
    dW2 = dz2 @ a1.T
    db2 = dz2.sum(1, keepdim=True)
    dz1 = (W2.T @ dz2) * (a1 > 0)
    dW1 = dz1 @ X.T
    db1 = dz1.sum(1, keepdim=True)
    W1 -= lr * dW1
    b1 -= lr * db1
    W2 -= lr * dW2
    b2 -= lr * db2
    W3 -= lr * dW3
    b3 -= lr * db3


def coursework_loss(X, Y, W1, b1, W2, b2, W3, b3):
    a3 = torch.sigmoid(W3 @ torch.relu(W2 @ torch.relu(W1 @ X + b1) + b2) + b3)
    return float(-(Y * torch.log(a3) + (1 - Y) * torch.log(1 - a3)).mean())


def load(d, name):
    return torch.from_numpy(np.loadtxt(os.path.join(d, name + ".txt"), ndmin=2))


def run(step, start, data, iters, *extra):
    best, p = float("inf"), None
    for _ in range(2):
        p = [t.clone() for t in start]
        t0 = time.perf_counter()
        for i in range(iters):
            step(*data(i), *p, *extra)
        best = min(best, time.perf_counter() - t0)
    return best, p


def coursework(d, iters, lr):
    X, Y = load(d, "X"), load(d, "Y")
    start = []
    for l in (1, 2, 3):
        start += [load(d, "W%d" % l), load(d, "b%d" % l).reshape(-1, 1)]
    modes = [("eager", coursework_step)]
    try:
        modes.append(("jit", torch.jit.script(coursework_step)))
    except Exception as e:  # noqa: BLE001 - a reference, report and go on
        print("torch_jit_error %s" % str(e).splitlines()[0].replace(" ", "_"))
    with torch.no_grad():
        for name, step in modes:
            t, p = run(step, start, lambda i: (X, Y), iters, lr)
            print("torch_%s_us_per_iter %.3f" % (name, t / iters * 1e6))
            print("torch_%s_final_loss %.17g" % (name, coursework_loss(X, Y, *p)))


WIDE = (784, 1000, 1000, 1000, 10)


def wide_step(X, Y, W1, b1, W2, b2, W3, b3, W4, b4, lr: float):
    m = X.shape[1]
    a1 = torch.tanh(W1 @ X + b1)
    a2 = torch.tanh(W2 @ a1 + b2)
    a3 = torch.tanh(W3 @ a2 + b3)
    P = torch.softmax(W4 @ a3 + b4, 0)
    dz = (P - Y) / m
    dW4 = dz @ a3.T
    db4 = dz.sum(1, keepdim=True)
    dz = (W4.T @ dz) * (1 - a3 * a3)
    dW3 = dz @ a2.T
    db3 = dz.sum(1, keepdim=True)
    dz = (W3.T @ dz) * (1 - a2 * a2)
    dW2 = dz @ a1.T
    db2 = dz.sum(1, keepdim=True)
    dz = (W2.T @ dz) * (1 - a1 * a1)
    dW1 = dz @ X.T
    db1 = dz.sum(1, keepdim=True)
    W4 -= lr * dW4
    b4 -= lr * db4
    W3 -= lr * dW3
    b3 -= lr * db3
    W2 -= lr * dW2
    b2 -= lr * db2
    W1 -= lr * dW1
    b1 -= lr * db1


def wide(d, iters):
    raw = lambda name: torch.from_numpy(np.fromfile(os.path.join(d, name + ".bin")))
    m = int(raw("wide_m")[0])
    X = raw("wide_X").reshape(m, WIDE[0]).T.contiguous()
    Y = raw("wide_Y").reshape(m, WIDE[-1]).T.contiguous()
    start = []
    for l in range(1, len(WIDE)):
        n, k = WIDE[l], WIDE[l - 1]
        start += [raw("wide_W%d" % l).reshape(k, n).T.contiguous(),
                  raw("wide_b%d" % l).reshape(n, 1)]
    batch = 256
    data = lambda i: (X[:, (i * batch) % m:(i * batch) % m + batch],
                      Y[:, (i * batch) % m:(i * batch) % m + batch])
    with torch.no_grad():
        t, p = run(wide_step, start, data, iters, 0.01)
        W, b = p[0::2], p[1::2]
        A = X
        for l in range(3):
            A = torch.tanh(W[l] @ A + b[l])
        P = torch.softmax(W[3] @ A + b[3], 0)
        loss = float(-(Y * torch.log(P)).sum() / m)
    print("torch_wide_ms_per_iter %.3f" % (t / iters * 1e3))
    print("torch_wide_final_loss %.17g" % loss)


if __name__ == "__main__":
    torch.set_num_threads(int(sys.argv[-1]))
    if sys.argv[1] == "coursework":
        coursework(sys.argv[2], int(sys.argv[3]), float(sys.argv[4]))
    else:
        wide(sys.argv[2], int(sys.argv[3]))
