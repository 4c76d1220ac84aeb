"""The published coursework run, redone with NumPy's legacy RandomState.

The reference the engine's numpy stream is checked against: the circles
data as scikit-learn's make_circles builds it (scikit-learn itself is not a
dependency: its algorithm is written out below), the assignment's
initializers (np.random.seed(3), randn(n_l, n_{l-1}) * scale, zero biases),
and its training loop (full-batch gradient descent, relu, relu, sigmoid,
cost with nansum).

Usage: python3 coursework.py data|init|train|stream ...   (see main)
Prints numbers as 17 significant digits, one record per line.
"""
import os
import sys

# NumPy 1.20+ brings its own AVX-512 exp, log, sin and cos, which differ
# from the C library's in the last bit for about a quarter of the values.
# The assignment was published before them, with the C library's, so they
# are switched off here (before numpy is imported; a machine without them
# only gets a warning).
os.environ.setdefault("NPY_DISABLE_CPU_FEATURES",
                      "AVX512F AVX512CD AVX512_SKX AVX512_CLX AVX512_CNL AVX512_ICL")

import numpy as np  # noqa: E402


def make_points(kind, n, noise, factor=0.8):
    """make_circles / make_moons on the global RandomState, as scikit-learn
    does it: the two classes one after the other, a Fisher-Yates shuffle of
    the indices (RandomState.shuffle), then Gaussian noise in C order."""
    n_out = n // 2
    n_in = n - n_out
    if kind == "circles":
        t_out = np.linspace(0, 2 * np.pi, n_out, endpoint=False)
        t_in = np.linspace(0, 2 * np.pi, n_in, endpoint=False)
        x = np.append(np.cos(t_out), np.cos(t_in) * factor)
        y = np.append(np.sin(t_out), np.sin(t_in) * factor)
    else:
        t_out = np.linspace(0, np.pi, n_out)
        t_in = np.linspace(0, np.pi, n_in)
        x = np.append(np.cos(t_out), 1 - np.cos(t_in))
        y = np.append(np.sin(t_out), 1 - np.sin(t_in) - 0.5)
    X = np.vstack([x, y]).T
    labels = np.hstack([np.zeros(n_out, dtype=np.intp),
                        np.ones(n_in, dtype=np.intp)])
    order = np.arange(n)
    np.random.shuffle(order)
    X = X[order]
    labels = labels[order]
    X += np.random.normal(scale=noise, size=X.shape)
    return X, labels


def initialize(kind, dims):
    np.random.seed(3)
    params = {}
    for l in range(1, len(dims)):
        if kind == "zeros":
            params["W%d" % l] = np.zeros((dims[l], dims[l - 1]))
        elif kind == "random":
            params["W%d" % l] = np.random.randn(dims[l], dims[l - 1]) * 10
        else:
            params["W%d" % l] = (np.random.randn(dims[l], dims[l - 1])
                                 * np.sqrt(2. / dims[l - 1]))
        params["b%d" % l] = np.zeros((dims[l], 1))
    return params


def forward(X, p):
    z1 = np.dot(p["W1"], X) + p["b1"]
    a1 = np.maximum(0, z1)
    z2 = np.dot(p["W2"], a1) + p["b2"]
    a2 = np.maximum(0, z2)
    z3 = np.dot(p["W3"], a2) + p["b3"]
    a3 = 1 / (1 + np.exp(-z3))
    return a1, a2, a3


def train(X, Y, p, iters, lr, every):
    m = X.shape[1]
    costs = []
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        for i in range(iters):
            a1, a2, a3 = forward(X, p)
            logprobs = (np.multiply(-np.log(a3), Y)
                        + np.multiply(-np.log(1 - a3), 1 - Y))
            cost = 1. / m * np.nansum(logprobs)
            dz3 = 1. / m * (a3 - Y)
            dW3 = np.dot(dz3, a2.T)
            db3 = np.sum(dz3, axis=1, keepdims=True)
            dz2 = np.multiply(np.dot(p["W3"].T, dz3), np.int64(a2 > 0))
            dW2 = np.dot(dz2, a1.T)
            db2 = np.sum(dz2, axis=1, keepdims=True)
            dz1 = np.multiply(np.dot(p["W2"].T, dz2), np.int64(a1 > 0))
            dW1 = np.dot(dz1, X.T)
            db1 = np.sum(dz1, axis=1, keepdims=True)
            for name, g in (("W1", dW1), ("b1", db1), ("W2", dW2),
                            ("b2", db2), ("W3", dW3), ("b3", db3)):
                p[name] = p[name] - lr * g
            if i % every == 0:
                costs.append((i, cost))
    return p, costs


def accuracy(X, Y, p):
    with np.errstate(over="ignore"):
        a3 = forward(X, p)[2]
    return np.mean((a3 > 0.5)[0, :] == Y[0, :])


def draw(spec):
    """One call of np.random as reproduce.c's stream command names it."""
    name, size, *extra = spec.split(":")
    shape = tuple(int(v) for v in size.split("x"))
    args = [float(v) for v in extra]
    if name == "normal":
        return np.random.normal(*args, size=shape) if args else np.random.randn(*shape)
    if name == "uniform":
        return np.random.uniform(*args, size=shape) if args else np.random.rand(*shape)
    if name == "integers":
        return np.random.randint(int(args[0]), int(args[1]), size=shape)
    return np.random.permutation(shape[0]) + (int(args[0]) if args else 0)


def show(values):
    print(" ".join("%.17g" % v for v in np.ravel(values)))


def main(argv):
    command = argv[1]
    if command == "data":
        # data KIND N NOISE SEED: X row-major (x1 y1 x2 y2 ...), then labels
        np.random.seed(int(argv[5]))
        X, labels = make_points(argv[2], int(argv[3]), float(argv[4]))
        show(X)
        show(labels)
    elif command == "randn":
        # randn SEED COUNT: the first COUNT legacy normals
        np.random.seed(int(argv[2]))
        show(np.random.randn(int(argv[3])))
    elif command == "stream":
        # stream SEED SPEC...: draws in turn, then get_state()'s numbers
        np.random.seed(int(argv[2]))
        for spec in argv[3:]:
            show(draw(spec))
        _, keys, pos, has_gauss, gauss = np.random.get_state()
        show(list(keys) + [pos, has_gauss, gauss])
    elif command == "init":
        # init KIND: W1 b1 W2 ... of [2 10 5 1], each column-major
        p = initialize(argv[2], [2, 10, 5, 1])
        for l in range(1, 4):
            show(p["W%d" % l].T)
            show(p["b%d" % l].T)
    elif command == "train":
        # train KIND ITERS: the costs every 1000 iterations, then the
        # train and test accuracies
        np.random.seed(1)
        X, y = make_points("circles", 300, 0.05)
        np.random.seed(2)
        Xt, yt = make_points("circles", 100, 0.05)
        X, Y = X.T, y.reshape(1, -1)
        Xt, Yt = Xt.T, yt.reshape(1, -1)
        p = initialize(argv[2], [2, 10, 5, 1])
        p, costs = train(X, Y, p, int(argv[3]), 0.01, 1000)
        show([c for _, c in costs])
        show([accuracy(X, Y, p), accuracy(Xt, Yt, p)])
    else:
        raise SystemExit("unknown command " + command)


if __name__ == "__main__":
    main(sys.argv)
