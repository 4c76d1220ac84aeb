"""The planar-data assignment (deeplearning.ai course 1, week 3), redone with
NumPy here: the reference lesson 7 and compare.py check initlab against.

The "flower": np.random.seed(1), then for each class j of N = 200 points
an angle t = linspace(3.12 j, 3.12 (j + 1), N) + 0.2 randn(N) and a radius
r = 4 sin(4 t) + 0.2 randn(N), the point (r sin t, r cos t).  The network:
2-n_h-1, tanh then sigmoid, W1 = 0.01 randn(n_h, 2) and W2 = 0.01 randn(1,
n_h) after np.random.seed(2), zero biases, full-batch gradient descent at
learning rate 1.2 on the cross-entropy; predictions are A2 > 0.5.

Usage: python3 planar.py data            X (2 x 400) column-major, then Y
       python3 planar.py init N_H        W1 and W2 column-major
       python3 planar.py train N_H ITERS the cost before the updates 0,
                                         1000, ... (as the notebook prints
                                         them), then the accuracy
Prints numbers as 17 significant digits, one record per line.
"""
import sys

import numpy as np


def flower(m=400, petals=4.0):
    np.random.seed(1)
    n = m // 2
    X = np.zeros((m, 2))
    Y = np.zeros((m, 1))
    for j in range(2):
        t = np.linspace(j * 3.12, (j + 1) * 3.12, n) + np.random.randn(n) * 0.2
        r = petals * np.sin(4 * t) + np.random.randn(n) * 0.2
        X[j * n:(j + 1) * n] = np.c_[r * np.sin(t), r * np.cos(t)]
        Y[j * n:(j + 1) * n] = j
    return X.T, Y.T


def start(n_h):
    np.random.seed(2)
    W1 = np.random.randn(n_h, 2) * 0.01
    W2 = np.random.randn(1, n_h) * 0.01
    return [W1, np.zeros((n_h, 1)), W2, np.zeros((1, 1))]


def forward(p, X):
    A1 = np.tanh(np.dot(p[0], X) + p[1])
    A2 = 1 / (1 + np.exp(-(np.dot(p[2], A1) + p[3])))
    return A1, A2


def train(X, Y, n_h, iters, lr=1.2, every=1000):
    p = start(n_h)
    m = X.shape[1]
    costs = []
    for i in range(iters):
        A1, A2 = forward(p, X)
        if i % every == 0:
            costs.append(-np.sum(np.log(A2) * Y + np.log(1 - A2) * (1 - Y)) / m)
        # (1/m) * ..., as the notebook scales: m / ... differs in last bits
        dZ2 = A2 - Y
        dZ1 = np.dot(p[2].T, dZ2) * (1 - np.power(A1, 2))
        grads = [(1 / m) * np.dot(dZ1, X.T), (1 / m) * np.sum(dZ1, axis=1, keepdims=True),
                 (1 / m) * np.dot(dZ2, A1.T), (1 / m) * np.sum(dZ2, axis=1, keepdims=True)]
        p = [w - lr * g for w, g in zip(p, grads)]
    return p, costs


def accuracy(p, X, Y):
    return float(np.mean((forward(p, X)[1] > 0.5) == (Y > 0.5)))


def show(values):
    print(" ".join("%.17g" % v for v in np.ravel(values)))


def main(argv):
    X, Y = flower()
    if argv[1] == "data":
        show(X.T)
        show(Y)
    elif argv[1] == "init":
        p = start(int(argv[2]))
        show(p[0].T)
        show(p[2].T)
    elif argv[1] == "train":
        p, costs = train(X, Y, int(argv[2]), int(argv[3]))
        show(costs)
        show([accuracy(p, X, Y)])
    else:
        raise SystemExit("unknown command " + argv[1])


if __name__ == "__main__":
    main(sys.argv)
