"""numpy_models.py - the benchmark models in plain NumPy, for bench/run.sh.

  python3 numpy_models.py coursework DIR ITERS LR
      the coursework model trained as the deeplearning.ai initialization
      notebook writes it (forward_propagation, compute_loss every iteration,
      backward_propagation, update_parameters, as in its init_utils.py), from
      the data and weights bench/coursework wrote to DIR (X.txt, W1.txt...).
  python3 numpy_models.py wide DIR ITERS
      the wide model [784 1000 1000 1000 10] tanh/softmax, mini-batches of
      256 taken in order, from the weights and data bench/wide wrote to DIR
      (raw float64 files), the same updates the engine makes.

Prints KEY VALUE lines: the time per iteration (best of a few runs) and the
final loss on the whole data.  Only NumPy.
"""
import os
import sys
import time

import numpy as np


# ---- the coursework model, as init_utils.py writes it ----------------------

def sigmoid(x):
    s = 1 / (1 + np.exp(-x))
    return s


def relu(x):
    s = np.maximum(0, x)
    return s


def forward_propagation(X, parameters):
    W1 = parameters["W1"]
    b1 = parameters["b1"]
    W2 = parameters["W2"]
    b2 = parameters["b2"]
    W3 = parameters["W3"]
    b3 = parameters["b3"]
    z1 = np.dot(W1, X) + b1
    a1 = relu(z1)
    z2 = np.dot(W2, a1) + b2
    a2 = relu(z2)
    z3 = np.dot(W3, a2) + b3
    a3 = sigmoid(z3)
    cache = (z1, a1, W1, b1, z2, a2, W2, b2, z3, a3, W3, b3)
    return a3, cache


def backward_propagation(X, Y, cache):
    m = X.shape[1]
    (z1, a1, W1, b1, z2, a2, W2, b2, z3, a3, W3, b3) = cache
    dz3 = 1. / m * (a3 - Y)
    dW3 = np.dot(dz3, a2.T)
    db3 = np.sum(dz3, axis=1, keepdims=True)
    da2 = np.dot(W3.T, dz3)
    dz2 = np.multiply(da2, np.int64(a2 > 0))
    dW2 = np.dot(dz2, a1.T)
    db2 = np.sum(dz2, axis=1, keepdims=True)
    da1 = np.dot(W2.T, dz2)
    dz1 = np.multiply(da1, np.int64(a1 > 0))
    dW1 = np.dot(dz1, X.T)
    db1 = np.sum(dz1, axis=1, keepdims=True)
    gradients = {"dz3": dz3, "dW3": dW3, "db3": db3,
                 "da2": da2, "dz2": dz2, "dW2": dW2, "db2": db2,
                 "da1": da1, "dz1": dz1, "dW1": dW1, "db1": db1}
    return gradients


def update_parameters(parameters, grads, learning_rate):
    L = len(parameters) // 2
    for k in range(L):
        parameters["W" + str(k + 1)] = parameters["W" + str(k + 1)] - learning_rate * grads["dW" + str(k + 1)]
        parameters["b" + str(k + 1)] = parameters["b" + str(k + 1)] - learning_rate * grads["db" + str(k + 1)]
    return parameters


def compute_loss(a3, Y):
    m = Y.shape[1]
    logprobs = np.multiply(-np.log(a3), Y) + np.multiply(-np.log(1 - a3), 1 - Y)
    loss = 1. / m * np.nansum(logprobs)
    return loss


def model(X, Y, parameters, learning_rate, num_iterations):
    costs = []
    for i in range(0, num_iterations):
        a3, cache = forward_propagation(X, parameters)
        cost = compute_loss(a3, Y)
        grads = backward_propagation(X, Y, cache)
        parameters = update_parameters(parameters, grads, learning_rate)
        if i % 1000 == 0:
            costs.append(cost)
    return parameters


def load(d, name):
    return np.atleast_2d(np.loadtxt(os.path.join(d, name + ".txt"), ndmin=2))


def coursework(d, iters, lr):
    X, Y = load(d, "X"), load(d, "Y")
    start = {}
    for l in (1, 2, 3):
        start["W%d" % l] = load(d, "W%d" % l)
        start["b%d" % l] = load(d, "b%d" % l).reshape(-1, 1)
    best = float("inf")
    for _ in range(2):
        t = time.perf_counter()
        p = model(X, Y, dict(start), lr, iters)
        best = min(best, time.perf_counter() - t)
    print("numpy_us_per_iter %.3f" % (best / iters * 1e6))
    print("numpy_final_loss %.17g" % compute_loss(forward_propagation(X, p)[0], Y))


# ---- the wide model --------------------------------------------------------

WIDE = (784, 1000, 1000, 1000, 10)


def wide_forward(W, b, X):
    A = [X]
    for l in range(len(W)):
        Z = W[l] @ A[-1] + b[l]
        if l < len(W) - 1:
            A.append(np.tanh(Z))
        else:
            Z = Z - Z.max(axis=0, keepdims=True)
            E = np.exp(Z)
            A.append(E / E.sum(axis=0, keepdims=True))
    return A


def wide_loss(W, b, X, Y):
    P = wide_forward(W, b, X)[-1]
    return -np.sum(Y * np.log(P)) / X.shape[1]


def wide_step(W, b, X, Y, lr):
    m = X.shape[1]
    A = wide_forward(W, b, X)
    dZ = (A[-1] - Y) / m
    for l in range(len(W) - 1, -1, -1):
        dW = dZ @ A[l].T
        db = dZ.sum(axis=1, keepdims=True)
        if l > 0:
            dZ = (W[l].T @ dZ) * (1 - A[l] ** 2)
        W[l] -= lr * dW
        b[l] -= lr * db


def wide(d, iters):
    m = int(np.fromfile(os.path.join(d, "wide_m.bin"), dtype=np.float64)[0])
    batch, lr = 256, 0.01
    X = np.fromfile(os.path.join(d, "wide_X.bin")).reshape(m, WIDE[0]).T.copy()
    Y = np.fromfile(os.path.join(d, "wide_Y.bin")).reshape(m, WIDE[-1]).T.copy()
    W0, b0 = [], []
    for l in range(1, len(WIDE)):
        n, k = WIDE[l], WIDE[l - 1]
        W0.append(np.fromfile(os.path.join(d, "wide_W%d.bin" % l)).reshape(k, n).T.copy())
        b0.append(np.fromfile(os.path.join(d, "wide_b%d.bin" % l)).reshape(n, 1))
    best = float("inf")
    for _ in range(2):
        W = [w.copy() for w in W0]
        b = [v.copy() for v in b0]
        t = time.perf_counter()
        for i in range(iters):
            j = (i * batch) % m
            wide_step(W, b, X[:, j:j + batch], Y[:, j:j + batch], lr)
        best = min(best, time.perf_counter() - t)
    print("numpy_wide_ms_per_iter %.3f" % (best / iters * 1e3))
    print("numpy_wide_final_loss %.17g" % wide_loss(W, b, X, Y))


if __name__ == "__main__":
    if sys.argv[1] == "coursework":
        coursework(sys.argv[2], int(sys.argv[3]), float(sys.argv[4]))
    else:
        wide(sys.argv[2], int(sys.argv[3]))
