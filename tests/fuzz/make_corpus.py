#!/usr/bin/env python3
"""Writes the seed corpus of the fuzz harnesses: small programs, in the byte
encoding fuzz.h and fuzz_api.c decode, that reach every call at least once,
valid and invalid.  The fuzzer mutates from these, so they only need to
open doors; run this again after changing the encoding.

    python3 tests/fuzz/make_corpus.py     (writes tests/fuzz/corpus/api/)
"""
import math
import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))

# The known names, in fz_names order (fuzz.h): a string is its index.
NAMES = """linear sigmoid tanh relu leaky_relu elu selu softsign softplus softmax
identity logistic mse bce sce binary_crossentropy crossentropy
softmax_crossentropy zeros ones constant uniform normal truncated_normal
scaled_normal xavier_uniform xavier_normal he_uniform he_normal lecun_uniform
lecun_normal variance_scaling orthogonal sparse nguyen_widrow lsuv matrix
default zero randn glorot_uniform glorot_normal xavier glorot kaiming_uniform
kaiming_normal he kaiming lecun fan_in fan_out fan_avg xoshiro numpy sgd
momentum nesterov rmsprop adam gd circles moons spirals xor blobs loss weights
act percentiles hist saturation grad norms distinct all net init train stats
dataset gain""".split()

ACT = dict(linear=0, sigmoid=1, tanh=2, relu=3, leaky_relu=4, elu=5, selu=6,
           softsign=7, softplus=8, softmax=9, unknown=10)
INIT = """default zeros ones constant uniform normal truncated_normal
scaled_normal xavier_uniform xavier_normal he_uniform he_normal lecun_uniform
lecun_normal variance_scaling orthogonal identity sparse nguyen_widrow lsuv
matrix unknown""".split()
OPT = dict(sgd=0, momentum=1, nesterov=2, rmsprop=3, adam=4, unknown=5)
DATA = dict(circles=0, moons=1, spirals=2, xor=3, blobs=4, unknown=5)


def u8(v):
    return bytes([v & 0xff])


def bits(v):
    return struct.pack("<Q", v & (2**64 - 1))


def count(v):
    """fz_count: 0..63 in one byte, anything else raw."""
    if 0 <= v < 64:
        return u8(0x80 + v)
    return u8(0xc0) + bits(v)


def double(v):
    """fz_double: NaN/Inf by code, n/16 in [-6, 6) in one byte, else raw."""
    if isinstance(v, float) and math.isnan(v):
        return u8(0)
    if v == math.inf:
        return u8(1)
    if v == -math.inf:
        return u8(2)
    k = v * 16
    if abs(v) < 8 and k == int(k) and 0x20 <= 0x80 + int(k) < 0xe0:
        return u8(0x80 + int(k))
    return u8(0xe0) + struct.pack("<d", v)


def string(s):
    if s in NAMES:
        return u8(NAMES.index(s))
    raw = s.encode("latin-1")
    return u8(0x80 + len(raw)) + raw


# ---- steps (fuzz_api.c) -----------------------------------------------------

def net(sizes, acts, loss=None, m=8, init_seed=None, fails=False):
    """step_net: loss None follows the output activation.  A net the
    engine refuses ends the step after its loss."""
    out = u8(0) + u8(len(acts) - 1) + b"".join(u8(n - 1) for n in sizes)
    for a in acts:
        if isinstance(a, tuple):
            out += u8(ACT[a[0]]) + u8(1) + double(a[1])
        else:
            out += u8(ACT[a]) + u8(0)
    out += u8(0) if loss is None else u8(0xf0) + string(loss)
    if fails:
        return out
    out += u8(m - 1) + u8(3) + u8(5)
    out += u8(1) + bits(init_seed) if init_seed is not None else u8(0)
    return out


def net_raw(sizes, softmax=False):
    return (u8(1) + u8(len(sizes) - 2) + b"".join(count(n) for n in sizes) +
            u8(1 if softmax else 0))


def spec(kind, fields=None, mode=None, matrix=None):
    """fuzz_spec: fields maps value/low/high/... to doubles."""
    fields = fields or {}
    which, body = 0, b""
    order = [("value",), ("low", "high"), ("mean", "std"), ("scale",),
             ("gain",), ("slope",), ("fraction",)]
    for bit, names in enumerate(order):
        if any(n in fields for n in names):
            which |= 1 << bit
            body += b"".join(double(fields.get(n, 0.0)) for n in names)
    if mode is not None:
        which |= 0x80
        body += u8(mode)
    out = u8(INIT.index(kind)) + u8(which) + body
    if kind == "matrix":
        # shape 0: the layer's own; 1: 5 rows instead (refused); no poke
        out += u8(0) + u8(0) if not matrix else u8(1) + u8(4) + u8(0)
    return out


def init(weights, biases=None, per_layer=False, seed=1, rng=None, m=None,
         trials=None, stop=None, lsuv_tol=None, interrupt=None):
    flags = (1 if per_layer else 0) | (4 if biases else 0)
    flags |= (16 if rng is not None else 0) | (64 if m is not None else 0)
    flags |= 128 if trials is not None else 0
    flags |= 8 if seed > 255 else 0
    out = u8(2) + u8(flags)
    for k, w in enumerate(weights):
        out += w + (biases[k] if biases else b"")
    out += bits(seed) if seed > 255 else u8(seed)
    if rng is not None:
        out += u8(rng)
    if m is not None:
        out += u8(m)
    out += u8(1) + double(lsuv_tol) if lsuv_tol is not None else u8(0)
    out += u8(10)
    if trials is not None:
        return out + bits(trials) + u8(stop or 0) + u8(1)
    return out + u8(1) + (u8(1 + 2 * interrupt) if interrupt is not None else u8(0))


def fill(rows, cols, spec_bytes, raw=False, fans=(4, 4), rng=0, seed=1):
    out = u8(3) + u8(1 if raw else 0)
    out += count(rows) + count(cols) if raw else u8(rows) + u8(cols)
    return (out + count(fans[0]) + count(fans[1]) + spec_bytes + u8(rng) +
            bits(seed))


def pick_m(m=None, raw=None, zero=False):
    if zero:
        return u8(0xe0)
    if raw is not None:
        return u8(0xf0) + count(raw)
    if m is not None:
        return u8(1) + u8(m - 1)
    return u8(0)


def poke(pairs):
    """batch_copy with pokes: (index, value) pairs, at most 3."""
    if not pairs:
        return u8(0)
    return u8(1) + u8(len(pairs)) + b"".join(u8(i) + double(v) for i, v in pairs)


def forward(m=b"", pokes=(), which=0):
    return u8(4) + (m or pick_m()) + poke(pokes) + u8(which & 0xff) + u8(which >> 8)


def gradients(evaluate=False, m=b"", pokes=(), which=0x1e | 0x1e0):
    return (u8(6 if evaluate else 5) + (m or pick_m()) + poke(pokes) + poke(()) +
            u8(which & 0xff) + u8(which >> 8))


def record(what=None, every=None, iters=None, pct=None, long_pct=None,
           bins=None, hist=None, theta_tol=None, probe_m=None, max_bytes=10**8,
           stop=None):
    """fuzz_record_opts."""
    f = g = 0
    body = b""
    if what is not None:
        f |= 1
        if isinstance(what, str):
            g |= 1
            body += string(what)
        else:
            body += u8(what & 0xff) + u8(what >> 8)
    if every is not None:
        f |= 2
        if every > 8 or every < 0:
            g |= 4
            body += bits(every)
        else:
            body += u8(every)
    if iters is not None:
        f |= 4
        big = any(v > 22 or v < -2 for v in iters)
        g |= 8 if big else 0
        body += u8(len(iters))
        body += b"".join(count(v) if big else u8(v + 2) for v in iters)
    if long_pct is not None:
        f |= 8
        g |= 0x20
        body += u8(long_pct)
    elif pct is not None:
        f |= 8
        body += u8(len(pct)) + b"".join(double(p) for p in pct)
    if bins is not None:
        f |= 0x10
        if bins > 64:
            g |= 0x40
            body += count(bins)
        else:
            body += u8(bins)
    if hist is not None:
        f |= 0x20
        body += double(hist[0]) + double(hist[1])
    if theta_tol is not None:
        f |= 0x40
        body += double(theta_tol[0]) + double(theta_tol[1])
    if probe_m is not None:
        f |= 0x80
        body += (u8(1) if probe_m == 0 else u8(0) + u8(probe_m - 1)) + u8(0)
    body += count(max_bytes - 1)
    if stop is not None:
        g |= 0x80
        body += u8(stop)
    return u8(f) + u8(g) + body


def stats(rec=None, m=b"", which=0):
    return u8(7) + (m or pick_m()) + (rec or record()) + poke(()) + poke(()) + u8(which)


def train(iters=20, epochs=0, batch=0, lr=None, opt=None, hypers=None,
          more=None, seed=1, hook=None, stop=None, rec=None, raw=None, m=b"",
          no_rec=False, no_y=False, no_info=False):
    """step_train; raw = (iters, epochs, batch) straight from the input,
    with a hook that stops after `hook` calls."""
    f = g = 0
    body = b""
    if raw is not None:
        f |= 3
        body += count(raw[0]) + count(raw[1]) + count(raw[2])
    else:
        if iters == 0:
            f |= 1
        else:
            body += u8(iters)
        body += u8(epochs) + u8(batch)
    if lr is not None:
        f |= 4
        body += double(lr)
    if opt is not None:
        f |= 8
        body += u8(OPT[opt])
    if hypers is not None:
        f |= 0x10
        body += b"".join(double(v) for v in hypers)
    if more is not None:
        f |= 0x20
        body += b"".join(double(v) for v in more)
    g |= 2  # shuffle
    body += u8(seed)
    if raw is not None or hook is not None:
        if raw is None:
            g |= 8
        body += u8(hook if hook is not None else 5)  # times 16 with stop
        if raw is None:
            body += count(1)
    if stop is not None:
        g |= 0x10
        body += u8(stop)
    if no_rec:
        f |= 0x80
    if no_y:
        g |= 0x20
    if no_info:
        g |= 0x40
    return (u8(8) + u8(f) + u8(g) + (m or pick_m()) + body + (rec or record()) +
            poke(()) + poke(()))


def dataset(kind, n, noise=None, factor=None, classes=None, rng=None,
            max_bytes=10**8, stop=None, seed=1):
    f = 0
    body = b""
    if isinstance(kind, str) and kind not in DATA:
        f |= 1
        body += string(kind)
    else:
        body += u8(DATA[kind])
    if n > 64:
        f |= 2
        body += count(n)
    else:
        body += u8(n)
    if noise is not None:
        f |= 4
        body += double(noise)
    if factor is not None:
        f |= 8
        body += double(factor)
    if classes is not None:
        f |= 16
        if classes > 12:
            f |= 32
            body += count(classes)
        else:
            body += u8(classes)
    if rng is not None:
        f |= 64
        body += u8(rng)
    body += count(max_bytes - 1)
    if stop is not None:
        f |= 128
        body += u8(stop)
    return u8(10) + u8(f) + body + bits(seed)


def onehot(labels, k, raw_k=False, bad=False):
    f = (1 if raw_k else 0) | (2 if bad else 0)
    out = u8(11) + u8(f) + u8(len(labels))
    out += count(k) if raw_k else u8(k)
    return out + b"".join(double(v) if bad else u8(int(v)) for v in labels)


def gain(act, param=None):
    f = 2 if param is not None else 0
    return u8(12) + u8(f) + u8(ACT.get(act, 10) + 8) + (double(param) if param is not None else b"")


def names(s, v=0):
    return u8(13) + (u8(0xff) if s is None else u8(0) + string(s)) + u8(v + 16)


def rng(kind, seed, n):
    return u8(14) + u8(kind + 1) + count(seed) + count(n)


def copy_set(layer, case=0):
    return u8(15) + u8(1) + u8(layer) + u8(case) + u8(9) + u8(0)


def nulls(which):
    return u8(15) + u8(0) + u8(which)


# ---- the corpus -------------------------------------------------------------

def api_corpus():
    c = {}
    small = net([2, 6, 1], ["tanh", "sigmoid"], init_seed=3)
    deep = net([3, 8, 8, 8, 4], ["relu", "relu", "relu", "softmax"], m=16)
    c["net-train"] = small + train(iters=20)
    c["net-forward"] = small + forward(which=0x1e | 0x1e0)
    c["net-forward-nan"] = small + forward(pokes=[(0, math.nan)])
    c["net-forward-m0"] = small + forward(m=pick_m(zero=True))
    c["net-forward-m-huge"] = small + forward(m=pick_m(raw=2**62))
    c["net-gradients"] = deep + gradients()
    c["net-evaluate"] = deep + gradients(evaluate=True, which=0)
    c["net-stats"] = deep + stats()
    c["net-stats-hist"] = small + stats(record(what=0x1ff, pct=[0, 50, 100],
                                               bins=7, hist=(-2, 2), probe_m=4))
    c["net-stats-bins-huge"] = small + stats(record(bins=2**62))
    c["net-stats-bins-1e9"] = small + stats(record(bins=10**9))
    c["net-stats-pct-bad"] = small + stats(record(what=0x1ff, pct=[95, 5, math.nan]))
    c["net-stats-pct-long"] = small + stats(record(what=0x1ff, long_pct=200))
    c["train-adam-batch"] = deep + train(iters=12, batch=3, opt="adam",
                                         rec=record(what=0x1ff, every=2))
    c["train-epochs"] = small + train(iters=0, epochs=3, batch=2, opt="nesterov")
    c["train-rmsprop-l2"] = small + train(opt="rmsprop", more=(0.9, 1e-8, 0.01))
    c["train-momentum-bad"] = small + train(opt="momentum", hypers=(1.0, 0.9, 0.999))
    c["train-lr-nan"] = small + train(lr=math.nan)
    c["train-lr-huge"] = small + train(lr=1e300, iters=5)
    c["train-hook-stop"] = small + train(hook=2)
    c["train-interrupt"] = small + train(stop=1)
    c["train-raw-iters"] = small + train(raw=(2**62, 0, 0))
    c["train-raw-epochs-overflow"] = small + train(raw=(0, 2**62, 1), m=pick_m(m=8))
    c["train-raw-interrupt"] = small + train(raw=(2**40, 0, 3), hook=20, stop=2)
    c["init-interrupt"] = deep + init([spec("orthogonal")], interrupt=0) + init(
        [spec("sparse")], interrupt=1) + init([spec("lsuv")], m=16, interrupt=2)
    c["train-raw-epochs"] = small + train(raw=(0, 9 * 10**15, 1), m=pick_m(m=8))
    c["train-raw-epochs-record"] = small + train(raw=(0, 2**50, 1),
                                                 rec=record(every=1))
    c["train-record-every-huge"] = small + train(rec=record(every=2**62))
    c["train-record-iters"] = small + train(rec=record(iters=[3, 3, 0, 19, -1]))
    c["train-record-iters-huge"] = small + train(rec=record(iters=[2**62, 5]))
    c["train-record-weights-cap"] = deep + train(rec=record(what="all", every=1,
                                                            max_bytes=100))
    c["train-no-y"] = small + train(no_y=True)
    c["train-probe"] = deep + train(iters=4, rec=record(probe_m=5, every=1))
    kinds = INIT[1:-1]
    c["init-kinds"] = small + b"".join(
        init([spec(k)], m=8 if k == "lsuv" else None) for k in kinds)
    c["init-per-layer"] = deep + init([spec("orthogonal", {"gain": 2.0}),
                                       spec("identity"), spec("sparse"),
                                       spec("lsuv")], per_layer=True, m=16)
    c["init-biases"] = small + init([spec("he_uniform")],
                                    biases=[spec("constant", {"value": 0.5})])
    c["init-matrix"] = small + init([spec("matrix")]) + init([spec("matrix", matrix=1)])
    c["init-numpy"] = small + init([spec("he_normal")], rng=1, seed=3)
    c["init-gain-huge"] = small + init([spec("xavier_normal", {"gain": 1e200})])
    c["init-uniform-inf"] = small + init([spec("uniform", {"low": -1e308, "high": 1e308})])
    c["init-variance-scaling"] = small + init([spec("variance_scaling",
                                                    {"scale": 2.0}, mode=0x06)])
    c["init-lsuv-trials"] = small + init([spec("lsuv")], m=8, trials=2**31 - 1,
                                         stop=3, lsuv_tol=1e-12)
    c["init-nguyen-widrow"] = small + init([spec("nguyen_widrow")], m=8)
    c["fill-kinds"] = b"".join(fill(4, 3, spec(k)) for k in kinds
                               if k not in ("lsuv", "nguyen_widrow"))
    c["fill-overflow"] = fill(2**62, 8, spec("normal"), raw=True)
    c["fill-fans-huge"] = fill(3, 3, spec("he_normal"), fans=(2**63, 0))
    c["dataset-kinds"] = b"".join(dataset(k, 50) for k in DATA)
    c["dataset-numpy"] = dataset("circles", 40, rng=1) + dataset("moons", 40, rng=1)
    c["dataset-classes-huge"] = dataset("spirals", 10, classes=10**15)
    c["dataset-blobs-classes-huge"] = dataset("blobs", 10, classes=2**40)
    c["dataset-n-huge"] = dataset("circles", 10**12)
    c["dataset-cap"] = dataset("xor", 60, max_bytes=100)
    c["dataset-bad"] = (dataset("circles", 20, factor=1.0) +
                        dataset("moons", 20, noise=math.nan) +
                        dataset("spirals", 20, classes=1) + dataset("sprials", 20))
    c["onehot"] = onehot([0, 2, 1, 2], 3)
    c["onehot-bad"] = onehot([0.5, -1, math.nan], 3, bad=True)
    c["onehot-k-huge"] = onehot([0, 1], 2**63, raw_k=True)
    c["gain"] = b"".join(gain(a) for a in ACT) + gain("leaky_relu", 1e200)
    c["names"] = b"".join(names(n) for n in NAMES) + names(None) + names("rleu", -5)
    c["rng"] = rng(0, 1, 10) + rng(1, 2**32, 7) + rng(1, 5, 2**63) + rng(2, 1, 1)
    c["net-raw"] = (net_raw([2**62, 4]) + net_raw([2**32, 2**32, 1]) +
                    net_raw([0, 3]) + net_raw([2**63, 2**63, 2**63], softmax=True) +
                    net_raw([2, 1000, 1]))
    c["net-bad"] = (net([2, 3, 1], ["softmax", "linear"], fails=True) +
                    net([2, 1], ["softmax"], fails=True) +
                    net([2, 3], [("leaky_relu", math.nan)], fails=True) +
                    net([2, 3], ["unknown"], fails=True) +
                    net([2, 3], ["tanh"], loss="bce", fails=True))
    c["net-copy-set"] = small + copy_set(1) + copy_set(2, 1) + copy_set(0) + copy_set(3)
    c["nulls"] = small + b"".join(nulls(i) for i in range(12))
    return c


# ---- the option layer (fuzz_options.c) -----------------------------------

CALLS = dict(net=0, init=1, train=2, stats=3, dataset=4, gain=5, unknown=6)


def val(v):
    """fuzz_value for a Python value: float -> scalar, int -> whole number,
    [ints] -> whole-number row, str -> string, list of lists -> list,
    ("matrix", rows, cols) -> a rows x cols matrix of 0.5s,
    "fn" -> a function, ("other", i) -> host type i."""
    if v == "fn":
        return u8(6)
    if isinstance(v, tuple) and v[0] == "other":
        return u8(7) + u8(v[1])
    if isinstance(v, tuple) and v[0] == "matrix":
        return u8(0x30) + u8(v[1]) + u8(v[2]) + double(0.5) * (v[1] * v[2])
    if isinstance(v, tuple) and v[0] == "huge":
        return u8(0x16) + count(v[1]) + count(v[2])
    if isinstance(v, bool):
        return u8(0xc0) + double(1.0 if v else 0.0)
    if isinstance(v, float):
        return u8(0) + double(v)
    if isinstance(v, int):
        return (u8(2) + u8(0) + count(v)) if v >= 0 else (u8(0x22) + u8(0) + count(-v))
    if isinstance(v, str):
        return u8(4) + (string(v) if v in NAMES else u8(0x80 + len(v)) + v.encode())
    if isinstance(v, list) and all(isinstance(x, int) for x in v) and 0 < len(v) <= 6:
        return u8(2) + u8(len(v) - 1) + b"".join(count(x) for x in v)
    if isinstance(v, list):
        return u8(5) + u8(len(v)) + b"".join(val(x) for x in v)
    raise ValueError(v)


def bench(sizes=(2, 4, 1), acts=(2, 1), m=8):
    return (u8(len(sizes) - 2) + b"".join(u8(n - 1) for n in sizes) +
            b"".join(u8(a) for a in acts) + u8(m - 1))


def options(call, pairs, tail=b""):
    """An option set: call, then (name, value) pairs, then the finisher's
    bytes (interrupt budget, then per call: a bench net, hook, ...)."""
    out = u8(CALLS[call]) + u8(len(pairs))
    for name, v in pairs:
        raw = name.encode("latin-1")
        out += u8(0) + u8(0xc0) + u8(0x80 + len(raw)) + raw + val(v) + u8(0)
    return out + u8(8) + tail


def options_corpus():
    b = bench()
    hook = u8(10) + u8(120)
    c = {}
    c["net"] = options("net", [("sizes", [2, 5, 1]), ("act", "tanh")])
    c["net-per-layer"] = options("net", [("sizes", [3, 4, 2]),
                                         ("act", ["relu", "softmax"]),
                                         ("loss", "auto"), ("seed", 7)])
    c["net-act-param"] = options("net", [("sizes", [2, 3, 1]),
                                         ("act", ["leaky_relu", "elu"]),
                                         ("act_param", [0.5, math.nan])])
    c["net-huge"] = options("net", [("sizes", [2**62, 4]), ("act", "linear")])
    c["net-huge-2"] = options("net", [("sizes", [2**53, 2**53, 2]), ("act", "tanh")])
    c["net-bad"] = options("net", [("Sizes", "tanh"), ("act", 3.0), ("actt", "x"),
                                   ("act", []), ("sizes", ("other", 0))])
    c["init"] = options("init", [("init", "he_normal"), ("seed", 3)], b)
    c["init-kinds"] = options("init", [("init", ["orthogonal", "lsuv"]),
                                       ("X", ("matrix", 2, 4)), ("gain", 2.0),
                                       ("max_trials", 1000000)], b)
    c["init-matrix"] = options("init", [("init", "matrix"),
                                        ("matrix", [("matrix", 4, 2), ("matrix", 1, 4)])], b)
    c["init-gain-huge"] = options("init", [("name", "xavier_normal"), ("gain", 1e200)], b)
    c["init-bias"] = options("init", [("init", "uniform"), ("a", -1.0), ("b", 1.0),
                                      ("bias", 0.25)], b)
    c["init-mode-bias-names"] = options("init", [("init", ["he_uniform", "variance_scaling"]),
                                                 ("mode", "fan_out"),
                                                 ("distribution", "truncated_normal"),
                                                 ("bias", ["zeros", "normal"])], b)
    c["init-per-layer-mismatch"] = options("init", [("init", ["he_uniform", "zeros"]),
                                                    ("matrix", [("matrix", 1, 1)] * 3)], b)
    c["net-act-count"] = options("net", [("sizes", [2, 3, 4, 1]), ("act", ["tanh", "relu"]),
                                         ("act_param", [1.0])])
    c["net-loss"] = options("net", [("sizes", [2, 3, 1]), ("act", "sigmoid"),
                                    ("loss", "mse")])
    c["dataset-max-bytes"] = options("dataset", [("name", "moons"), ("n", 500),
                                                 ("max_bytes", 1000)])
    c["init-X-huge"] = options("init", [("init", "lsuv"), ("X", ("huge", 2, 2**62))], b)
    c["train"] = options("train", [("iters", 20), ("lr", 0.5), ("optimizer", "adam"),
                                   ("record_every", 2), ("record", "all")], b + hook)
    c["train-epochs"] = options("train", [("epochs", 2**50), ("batch", 1),
                                          ("record_every", 1)], b + hook)
    c["train-hist"] = options("train", [("hist_bins", 10**9), ("iters", 3)], b + hook)
    c["train-pct"] = options("train", [("percentiles", [95.0, 5.0, 50.0]),
                                       ("hist_range", [-2.0, 2.0]),
                                       ("record_iters", [0, 3, 2**53]),
                                       ("probe", ("matrix", 2, 3))], b + hook)
    c["train-bad"] = options("train", [("itres", 5), ("lr", math.nan),
                                       ("shuffle", 2.0), ("progress", "fn"),
                                       ("verbose", True), ("progress", 1.0)], b + hook)
    c["stats"] = options("stats", [("record", ["act", "hist", "percentiles"]),
                                   ("max_bytes", 100)], b + u8(0))
    c["dataset"] = options("dataset", [("name", "spirals"), ("n", 60), ("classes", 4),
                                       ("noise", 0.1)])
    c["dataset-huge"] = options("dataset", [("name", "blobs"), ("n", 2**53),
                                            ("classes", 10**6)])
    c["dataset-numpy-seed"] = options("dataset", [("name", "circles"), ("rng", "numpy"),
                                                  ("seed", 2**40)])
    c["gain"] = options("gain", [("nonlinearity", "leaky_relu"), ("param", 0.2)])
    c["gain-nan"] = options("gain", [("nonlinearity", "selu"), ("param", math.nan)])
    c["unknown-call"] = options("unknown", [])
    return c


# Seeds that crashed the engine when written: they live with the crashes
# (tests/fuzz/crashes/, see its README), so that fuzzing starts from a
# corpus that runs, and replays keep them as regressions.
CRASHED = {
    "api": {"net-forward-m-huge"},
    "options": {"init-X-huge"},
}


def write(dirname, corpus):
    path = os.path.join(HERE, "corpus", dirname)
    crashes = os.path.join(HERE, "crashes", dirname)
    os.makedirs(path, exist_ok=True)
    os.makedirs(crashes, exist_ok=True)
    for name, data in sorted(corpus.items()):
        where = crashes if name in CRASHED[dirname] else path
        with open(os.path.join(where, "seed-" + name if where == crashes else name),
                  "wb") as fh:
            fh.write(data)
    print(f"{len(corpus)} inputs for {dirname}")


if __name__ == "__main__":
    write("api", api_corpus())
    write("options", options_corpus())
