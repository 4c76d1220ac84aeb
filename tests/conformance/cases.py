#!/usr/bin/env python3
"""cases.py - the conformance suite's one table of cases, and its emitters.

Every case is one call of the user-facing API (il_net, il_init, il_train,
il_stats, il_dataset, il_gain, il_forward, il_theory, il_jacobian,
il_propagation, ... in Octave; il.net, net:init, net:train, net:stats,
il.dataset, il.gain, net:forward, il.theory, il.jacobian, il.propagation,
... in Lua), described
once in a neutral form: positional arguments and name/value options with
typed values (numbers including NaN, Inf and huge ones, strings, booleans,
lists, numeric vectors, matrices, functions).  From this table the script
writes one Octave script and one Lua script that run every case in order,
each inside try/pcall, and write one line per case:

    <case id> ok <digest>
    <case id> error <step> <identifier>

The digest spells out the exact IEEE bits of every number a case returns
(hex of the 64 bits), in one canonical order: a record is walked field by
field in the order of src/contract.c's fields[] table (read from that file),
then layer by layer, record by record, item by item - the Octave L x k x R
array in column-major order and the Lua nesting [l][r][k] give the same
sequence.  A result of named values (il_theory, il_jacobian, il_propagation:
an Octave struct, a Lua table) is digested as its count of fields, then
every field in the byte order of its name: a text as its bytes, numbers as
rows x cols and their bits (a Lua number as Octave's 1 x 1).
tests/conformance/run.py runs both scripts and compares them.

    python3 cases.py OUTDIR     writes OUTDIR/cases.m, OUTDIR/cases.lua and
                                OUTDIR/cases.tsv (id, call, expected, covers)

Standard library only.
"""
import math
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CONTRACT = os.path.join(ROOT, "src", "contract.c")

NAN = float("nan")
INF = float("inf")


# ---- the contract, read from src/contract.c -------------------------------

def contract_text():
    with open(CONTRACT, encoding="utf-8") as f:
        return f.read()


def record_fields(text=None):
    """[(name, shape)] from fields[] in src/contract.c, in its order."""
    text = text or contract_text()
    m = re.search(r"il_field_info\s+fields\[\]\s*=\s*\{(.*?)\n\};", text, re.S)
    if not m:
        raise SystemExit("cases.py: no fields[] table in src/contract.c")
    return re.findall(r'\{"(\w+)",\s*IL_SHAPE_(\w+)', m.group(1))


def call_options(text=None):
    """{call: [option names]} from the option tables of src/contract.c."""
    text = text or contract_text()
    row = re.compile(r'(?:ROW_\w+\(\s*|\{\s*)"(\w+)"')
    # the lists of rows several tables share (RECORD_OPTIONS, PENALTY_OPTIONS)
    macros = {name: row.findall(body) for name, body in
              re.findall(r"#define (\w+_OPTIONS?)\b(.*?)\n\n", text, re.S)}
    out = {}
    for call in ("net", "init", "train", "stats", "dataset", "gain", "cost", "rand", "draw",
                 "report", "theory", "jacobian"):
        m = re.search(r"il_option_info\s+%s_options\[\]\s*=\s*\{(.*?)\};" % call,
                      text, re.S)
        if not m:
            continue
        names = []
        body = m.group(1)
        for piece in re.split(r"\b(\w+_OPTIONS?)\b", body):
            names += macros[piece] if piece in macros else row.findall(piece)
        out[call] = names
    return out


# ---- values: one neutral form, written as Octave and as Lua ---------------

def num_text(x, lua):
    if isinstance(x, bool):
        return "true" if x else "false"
    x = float(x) if not isinstance(x, int) else x
    if isinstance(x, float):
        if math.isnan(x):
            return "(0/0)" if lua else "NaN"
        if math.isinf(x):
            if lua:
                return "math.huge" if x > 0 else "(-math.huge)"
            return "Inf" if x > 0 else "-Inf"
        if x == int(x) and abs(x) < 2.0 ** 63:
            x = int(x)
        else:
            return repr(x)
    # whole numbers: an integer literal (Lua: the integer subtype)
    return "(%d)" % x if x < 0 else "%d" % x


class Val:
    def oct(self):
        raise NotImplementedError

    def lua(self):
        raise NotImplementedError


class N(Val):
    """A number: a double in Octave, an integer or float literal in Lua."""
    def __init__(self, x):
        self.x = x

    def oct(self):
        return num_text(self.x, False)

    def lua(self):
        return num_text(self.x, True)


class NF(N):
    """A whole number written as a Lua float (5.0), a double in Octave."""
    def lua(self):
        return "%d.0" % self.x


class INT(N):
    """A whole number of an integer class in Octave (int32), a Lua integer."""
    def oct(self):
        return "int32(%s)" % num_text(self.x, False)


class EXPR(N):
    """A number written as the same expression in both languages (2^53):
    computed, where N writes the literal 9007199254740992."""
    def __init__(self, text):
        self.text = text
        self.x = float(eval(text.replace("^", "**")))

    def oct(self):
        return "(%s)" % self.text

    def lua(self):
        return "(%s)" % self.text


class S(Val):
    def __init__(self, s):
        self.s = s

    def oct(self):
        return "'" + self.s.replace("'", "''") + "'"

    def lua(self):
        return '"' + self.s.replace("\\", "\\\\").replace('"', '\\"') + '"'


class B(Val):
    def __init__(self, b):
        self.b = b

    def oct(self):
        return "true" if self.b else "false"

    def lua(self):
        return "true" if self.b else "false"


def val(x):
    if isinstance(x, Val):
        return x
    if isinstance(x, bool):
        return B(x)
    if isinstance(x, (int, float)):
        return N(x)
    if isinstance(x, str):
        return S(x)
    raise TypeError(x)


class NUMS(Val):
    """Numbers in each language's natural form: an Octave row vector, a Lua
    sequence."""
    def __init__(self, xs):
        self.xs = list(xs)

    def items_text(self, lua):
        return [(x.lua() if lua else x.oct()) if isinstance(x, Val) else num_text(x, lua)
                for x in self.xs]

    def oct(self):
        return "[" + " ".join(self.items_text(False)) + "]"

    def lua(self):
        return "{" + ", ".join(self.items_text(True)) + "}"


class VEC(NUMS):
    """A numeric array in both: an Octave row vector, a Lua 1 x n matrix."""
    def lua(self):
        return "il.matrix{{" + ", ".join(self.items_text(True)) + "}}"


class COL(NUMS):
    """A column: an Octave n x 1 vector, a Lua n x 1 matrix."""
    def oct(self):
        return "[" + "; ".join(num_text(x, False) for x in self.xs) + "]"

    def lua(self):
        return "il.matrix{" + ", ".join("{%s}" % num_text(x, True) for x in self.xs) + "}"


class LIST(Val):
    """A list of values: an Octave cell (row), a Lua sequence."""
    def __init__(self, items):
        self.items = [val(i) for i in items]

    def oct(self):
        return "{" + ", ".join(i.oct() for i in self.items) + "}"

    def lua(self):
        return "{" + ", ".join(i.lua() for i in self.items) + "}"


class M(Val):
    """A matrix given by rows: Octave [a b; c d], Lua il.matrix{{a, b}, {c, d}}."""
    def __init__(self, rows):
        self.rows = [list(r) for r in rows]

    def oct(self):
        return "[" + "; ".join(" ".join(num_text(x, False) for x in r)
                               for r in self.rows) + "]"

    def lua(self):
        return "il.matrix{" + ", ".join(
            "{" + ", ".join(num_text(x, True) for x in r) + "}" for r in self.rows) + "}"


class EMPTY(Val):
    """Nothing: Octave [], Lua {}."""
    def oct(self):
        return "[]"

    def lua(self):
        return "{}"


class STRUCT(Val):
    """A record of fields: an Octave struct, a Lua table with string keys."""
    def __init__(self, **fields):
        self.fields = {k: val(v) for k, v in fields.items()}

    def oct(self):
        return "struct(" + ", ".join("'%s', %s" % (k, v.oct())
                                     for k, v in self.fields.items()) + ")"

    def lua(self):
        return "{" + ", ".join('["%s"] = %s' % (k, v.lua())
                               for k, v in self.fields.items()) + "}"


class FN(Val):
    """A progress callback: true (keep going), or stop once iter >= k."""
    def __init__(self, stop_at=None):
        self.stop_at = stop_at

    def oct(self):
        if self.stop_at is None:
            return "@(varargin) true"
        return "@(varargin) varargin{1} < %d" % self.stop_at

    def lua(self):
        if self.stop_at is None:
            return "function() return true end"
        return "function(iter) return iter < %d end" % self.stop_at


# ---- fixtures: the small nets and batches cases run on --------------------

def grid(rows, cols, k0=0):
    """A rows x cols matrix of dyadic numbers (exact in every language)."""
    out = []
    for i in range(rows):
        r = []
        for j in range(cols):
            k = (k0 + 7 * i + 5 * j + 3 * i * j) % 17
            r.append((k - 8) / 8.0)
        out.append(r)
    return out


def labels_rows(k, cols, k0=0):
    """k x cols targets: a 0/1 row for k = 1, one-hot columns otherwise."""
    if k == 1:
        return [[float((j * 3 + k0) % 2) for j in range(cols)]]
    rows = [[0.0] * cols for _ in range(k)]
    for j in range(cols):
        rows[(j * 5 + k0) % k][j] = 1.0
    return rows


class Net:
    def __init__(self, sizes, act, seed=1, loss=None):
        self.sizes, self.act, self.seed, self.loss = sizes, act, seed, loss

    @property
    def L(self):
        return len(self.sizes) - 1

    def oct(self):
        act = "{" + ", ".join("'%s'" % a for a in self.act) + "}"
        extra = ", 'loss', '%s'" % self.loss if self.loss else ""
        return "il_net([%s], %s, 'seed', %d%s)" % (
            " ".join(str(n) for n in self.sizes), act, self.seed, extra)

    def lua(self):
        act = "{" + ", ".join('"%s"' % a for a in self.act) + "}"
        extra = ', loss = "%s"' % self.loss if self.loss else ""
        return "il.net{%s, act = %s, seed = %d%s}" % (
            ", ".join(str(n) for n in self.sizes), act, self.seed, extra)


TANH = Net([2, 3, 1], ["tanh", "sigmoid"], 1)
LIN = Net([2, 3, 1], ["linear", "linear"], 1)
SOFT = Net([2, 4, 3], ["relu", "softmax"], 2)
DEEP = Net([2, 4, 3, 1], ["relu", "elu", "sigmoid"], 3)
WIDE = Net([3, 4, 2], ["tanh", "linear"], 0)

X2 = M(grid(2, 8))
Y1 = M(labels_rows(1, 8))
Y3 = M(labels_rows(3, 8))
X3 = M(grid(3, 6, 4))
Y2_6 = M(labels_rows(2, 6))
PROBE = M(grid(2, 5, 9))

DATA = {  # net -> (X, Y)
    "tanh": (TANH, X2, Y1),
    "lin": (LIN, X2, Y1),
    "soft": (SOFT, X2, Y3),
    "deep": (DEEP, X2, Y1),
}


# ---- the table ------------------------------------------------------------

class Case:
    def __init__(self, call, label, covers=(), expect=None, **kw):
        self.call, self.label = call, label
        self.covers = list(covers)
        self.expect = expect       # "ok", an id ("badValue"), or None
        self.kw = kw
        self.id = None


CASES = []


def add(call, label, covers=(), expect=None, **kw):
    CASES.append(Case(call, label, covers, expect, **kw))


def opts(*pairs):
    """opts("lr", 0.1, "iters", 5) -> [("lr", N(0.1)), ("iters", N(5))]"""
    assert len(pairs) % 2 == 0
    return [(pairs[i], val(pairs[i + 1])) for i in range(0, len(pairs), 2)]


HUGE = [2.0 ** 53, 2.0 ** 62, 1e12]
MAXSEED = 2.0 ** 64 - 2048     # the largest double below 2^64


def build_net_cases():
    # valid networks: every activation, every loss, seeds, act_param forms
    acts = ["linear", "sigmoid", "tanh", "relu", "leaky_relu", "elu", "selu",
            "softsign", "softplus", "softmax", "identity", "logistic"]
    for a in acts:
        add("net", "act=%s,linear" % a, ["act"], "ok" if a != "softmax" else None,
            sizes=NUMS([2, 3, 2]), act=LIST([a, "linear"]), opts=[])
    for a in ["tanh", "relu", "sigmoid", "softplus"]:
        add("net", "act=%s(one name)" % a, ["act"], "ok",
            sizes=NUMS([2, 4, 3, 1]), act=S(a), opts=[])
    add("net", "act=tanh,softmax", ["act"], "ok",
        sizes=NUMS([2, 3, 3]), act=LIST(["tanh", "softmax"]), opts=[])
    for loss, out in [("mse", "linear"), ("mse", "sigmoid"), ("bce", "sigmoid"),
                      ("sce", "softmax"), ("auto", "sigmoid"), ("auto", "softmax"),
                      ("auto", "tanh"), ("binary_crossentropy", "sigmoid"),
                      ("crossentropy", "softmax"), ("softmax_crossentropy", "softmax"),
                      ("bce", "linear"), ("sce", "tanh")]:
        add("net", "loss=%s,out=%s" % (loss, out), ["loss"],
            "ok" if loss in ("mse", "auto") or loss[0] == out[1] or
            (loss in ("bce", "binary_crossentropy") and out == "sigmoid") or
            (loss in ("sce", "crossentropy", "softmax_crossentropy") and out == "softmax")
            else None,
            sizes=NUMS([2, 3, 2]), act=LIST(["tanh", out]), opts=opts("loss", loss))
    for s in [0, 1, 7, 2 ** 32, 2.0 ** 53, MAXSEED]:
        add("net", "seed=%s" % num_text(s, False), ["seed"], "ok",
            sizes=NUMS([2, 3, 1]), act=LIST(["tanh", "sigmoid"]), opts=opts("seed", s))
    for e in ["2^53", "2^64-2048", "2^40+1"]:
        add("net", "seed=%s(expression)" % e, ["seed"], "ok",
            sizes=NUMS([2, 3, 1]), act=LIST(["tanh", "sigmoid"]), opts=opts("seed", EXPR(e)))
    add("net", "seed=-2^53(literal)", ["seed"], "badValue",
        sizes=NUMS([2, 3, 1]), act=S("tanh"), opts=opts("seed", -2.0 ** 53))
    add("net", "seed=int32(5)", ["seed"], "ok",
        sizes=NUMS([2, 3, 1]), act=S("tanh"), opts=opts("seed", INT(5)))
    add("net", "seed=5.0(lua float)", ["seed"], "ok",
        sizes=NUMS([2, 3, 1]), act=S("tanh"), opts=opts("seed", NF(5)))
    for form, v in [("vector", NUMS([0.2, NAN])), ("cell", LIST([0.2, NAN])),
                    ("matrix", VEC([0.2, NAN])), ("nan", NUMS([NAN, NAN])),
                    ("column", COL([0.3, 0.5]))]:
        add("net", "act_param=%s,leaky,elu" % form, ["act_param"], "ok",
            sizes=NUMS([2, 3, 2]), act=LIST(["leaky_relu", "elu"]),
            opts=[("act_param", v)])
    # leaky_relu's slope must be >= 0
    add("net", "act_param=[-1 2],leaky,elu", ["act_param"], "badValue",
        sizes=NUMS([2, 3, 2]), act=LIST(["leaky_relu", "elu"]),
        opts=[("act_param", NUMS([-1, 2]))])
    add("net", "sizes=[3 5 4 2],deep", ["sizes"], "ok",
        sizes=NUMS([3, 5, 4, 2]), act=LIST(["relu", "selu", "softmax"]), opts=[])
    add("net", "sizes=[1 1]", ["sizes"], "ok", sizes=NUMS([1, 1]), act=S("linear"), opts=[])
    add("net", "sizes=cell", ["sizes"], None, sizes=LIST([2, 3, 1]), act=S("tanh"),
        opts=[], raw_sizes=True)
    add("net", "sizes=lua floats", ["sizes"], "ok",
        sizes=NUMS([NF(2), NF(3), NF(1)]), act=S("tanh"), opts=[])
    # option names in any case
    add("net", "name case SEED", ["seed"], "ok", sizes=NUMS([2, 3, 1]), act=S("tanh"),
        opts=opts("SEED", 4))
    add("net", "name case Loss", ["loss"], "ok", sizes=NUMS([2, 3, 1]),
        act=LIST(["tanh", "sigmoid"]), opts=opts("Loss", "mse"))
    add("net", "name case ACT_PARAM", ["act_param"], "ok", sizes=NUMS([2, 3, 1]),
        act=LIST(["leaky_relu", "linear"]), opts=[("ACT_PARAM", NUMS([0.3, NAN]))])
    add("net", "all options", ["loss", "seed", "act_param"], "ok", sizes=NUMS([2, 3, 1]),
        act=LIST(["elu", "sigmoid"]),
        opts=[("seed", N(9)), ("loss", S("mse")), ("act_param", NUMS([0.7, NAN]))])

    # invalid networks
    bad_sizes = [("one", [2]), ("empty", []), ("zero", [2, 0, 1]), ("negative", [2, -1, 1]),
                 ("2.5", [2, 2.5, 1]), ("nan", [2, NAN, 1]), ("inf", [2, INF, 1]),
                 ("-inf", [2, -INF, 1]), ("2^53", [2, 2.0 ** 53, 1]),
                 ("2^62", [2, 2.0 ** 62, 1]), ("2^64", [2, 2.0 ** 64, 1]),
                 ("1e12", [2, 1e12, 1]), ("input 1e12", [1e12, 2, 1]),
                 ("2^32 x 2^32", [2, 2.0 ** 32, 2.0 ** 32, 1])]
    for label, s in bad_sizes:
        add("net", "sizes=%s" % label, ["sizes"], None,
            sizes=NUMS(s), act=S("tanh"), opts=[])
    add("net", "sizes=string-in-list", ["sizes"], "badArg",
        sizes=LIST([2, "a", 1]), act=S("tanh"), opts=[])
    for label, a in [("tan", S("tan")), ("TANH", S("TANH")), ("empty string", S("")),
                     ("three names for two layers", LIST(["tanh", "tanh", "tanh"])),
                     ("one-item list for two layers", LIST(["tanh"])),
                     ("number", N(5)), ("list with number", LIST(["tanh", 5])),
                     ("empty list", LIST([])), ("unknown in list", LIST(["tanh", "sigmod"])),
                     ("boolean", B(True)), ("struct", STRUCT(a="tanh")),
                     ("trailing space", S("tanh ")), ("list of lists", LIST([LIST(["tanh"]),
                                                                            "sigmoid"]))]:
        add("net", "act=%s" % label, ["act"], None,
            sizes=NUMS([2, 3, 1]), act=a, opts=[])
    add("net", "act missing", ["act"], "badArg", sizes=NUMS([2, 3, 1]), act=None, opts=[])
    for label, v in [("one for two layers", NUMS([0.1])), ("three", NUMS([0.1, 0.2, 0.3])),
                     ("inf", NUMS([INF, 0.1])), ("string", S("abc")),
                     ("list with string", LIST([0.1, "a"])), ("2x2", M([[1, 2], [3, 4]])),
                     ("empty", EMPTY()), ("boolean list", LIST([True, False]))]:
        add("net", "act_param=%s" % label, ["act_param"], None,
            sizes=NUMS([2, 3, 1]), act=LIST(["leaky_relu", "sigmoid"]), opts=[("act_param", v)])
    for label, v in [("foo", S("foo")), ("MSE", S("MSE")), ("number", N(1)),
                     ("list", LIST(["mse"])), ("empty", S(""))]:
        add("net", "loss=%s" % label, ["loss"], None,
            sizes=NUMS([2, 3, 1]), act=S("tanh"), opts=[("loss", v)])
    for label, v in [("-1", N(-1)), ("2.5", N(2.5)), ("nan", N(NAN)), ("inf", N(INF)),
                     ("2^64", N(2.0 ** 64)), ("1e20", N(1e20)), ("string", S("3")),
                     ("true", B(True)), ("vector", NUMS([1, 2]))]:
        add("net", "seed=%s" % label, ["seed"], None,
            sizes=NUMS([2, 3, 1]), act=S("tanh"), opts=[("seed", v)])
    for name in ["sed", "los", "actparam", "sizes_", "init"]:
        add("net", "unknown option %s" % name, [], "badOption",
            sizes=NUMS([2, 3, 1]), act=S("tanh"), opts=opts(name, 1))


INITS = [
    ("zeros", []), ("ones", []), ("constant", ["value", 0.5]),
    ("uniform", ["a", -0.25, "b", 0.75]), ("uniform", []),
    ("normal", ["mean", 0.125, "std", 0.5]), ("normal", []),
    ("truncated_normal", ["mean", -0.5, "std", 2]), ("truncated_normal", []),
    ("scaled_normal", []), ("scaled_normal", ["scale", 10]),
    ("xavier_uniform", []), ("xavier_uniform", ["gain", 2]),
    ("xavier_normal", []), ("xavier_normal", ["gain", 5.0 / 3.0]),
    ("he_uniform", []), ("he_uniform", ["mode", "fan_out"]),
    ("he_normal", []), ("he_normal", ["slope", 0.1, "mode", "fan_avg"]),
    ("he_normal", ["gain", 0.5]),
    # he_* as PyTorch's kaiming_*: the nonlinearity's gain, or the gain itself
    ("he_normal", ["nonlinearity", "tanh"]), ("he_uniform", ["nonlinearity", "conv2d"]),
    ("he_normal", ["nonlinearity", "leaky_relu", "slope", 0.2]),
    ("he_normal", ["nonlinearity", "softplus", "mode", "fan_out"]),
    ("he_uniform", ["gain", 5.0 / 3.0]),
    # Keras's truncated variants, and its name for the plain normal
    ("xavier_normal", ["distribution", "truncated_normal"]),
    ("he_normal", ["distribution", "truncated_normal"]),
    ("lecun_normal", ["distribution", "truncated_normal", "mode", "fan_avg"]),
    ("variance_scaling", ["distribution", "untruncated_normal"]),
    # truncated_normal with PyTorch's absolute bounds, in the middle and in a tail
    ("truncated_normal", ["a", -0.5, "b", 1.5]),
    ("truncated_normal", ["std", 0.02, "a", -2, "b", 2]),
    ("truncated_normal", ["a", 3, "b", 4]), ("truncated_normal", ["a", -6, "b", -5.5]),
    ("sparse", ["fraction", 0.25]),
    ("lecun_uniform", []), ("lecun_normal", []), ("lecun_normal", ["mode", "fan_out"]),
    ("variance_scaling", []), ("variance_scaling", ["scale", 2, "mode", "fan_avg",
                                                    "distribution", "uniform"]),
    ("variance_scaling", ["distribution", "truncated_normal"]),
    ("variance_scaling", ["distribution", "normal", "mode", "fan_out", "scale", 0.5]),
    ("orthogonal", []), ("orthogonal", ["gain", 2]),
    ("identity", []), ("identity", ["gain", 0.5]),
    ("sparse", []), ("sparse", ["fraction", 0.5, "std", 0.25]), ("sparse", ["fraction", 0]),
    ("nguyen_widrow", ["X", X3]),
    ("lsuv", ["X", X3]), ("lsuv", ["X", X3, "tol", 0.5, "max_trials", 3, "gain", 1.5]),
    ("lsuv", ["X", X3, "max_trials", 0]),
    ("matrix", ["matrix", LIST([M(grid(4, 3, 1)), M(grid(2, 4, 2))])]),
    ("critical", []), ("critical", ["sigma_b2", 0.2]), ("critical", ["sigma_b2", 0]),
    ("hadamard", []),
    ("default", []),
    ("zero", []), ("randn", []), ("glorot_uniform", []), ("glorot_normal", []),
    ("xavier", []), ("glorot", []), ("kaiming_uniform", []), ("kaiming_normal", []),
    ("he", []), ("kaiming", []), ("lecun", []),
]


def build_init_cases():
    for name, o in INITS:
        label = name + ("(" + ",".join(str(x) if not isinstance(x, Val) else "M"
                                       for x in o) + ")" if o else "")
        covers = ["init"] + [o[i] for i in range(0, len(o), 2)]
        add("init", label, covers, "ok", net=WIDE, name=S(name), opts=opts("seed", 5, *o))
    for s in [0, 1, 12345, 2 ** 32, MAXSEED]:
        add("init", "he_normal seed=%s" % num_text(s, False), ["seed"], "ok", net=WIDE,
            name=S("he_normal"), opts=opts("seed", s))
    add("init", "no seed", [], "ok", net=WIDE, name=S("xavier_uniform"), opts=[])
    # the numpy stream
    for name in ["normal", "uniform", "xavier_uniform", "xavier_normal", "he_normal",
                 "orthogonal", "scaled_normal", "truncated_normal", "sparse"]:
        add("init", "%s rng=numpy" % name, ["rng"], "ok", net=WIDE, name=S(name),
            opts=opts("rng", "numpy", "seed", 3))
    add("init", "rng=numpy seed=2^32-1", ["rng", "seed"], "ok", net=WIDE, name=S("normal"),
        opts=opts("rng", "numpy", "seed", 2 ** 32 - 1))
    add("init", "rng=numpy seed=2^32", ["rng", "seed"], None, net=WIDE, name=S("normal"),
        opts=opts("rng", "numpy", "seed", 2 ** 32))
    add("init", "rng=xoshiro", ["rng"], "ok", net=WIDE, name=S("normal"),
        opts=opts("rng", "xoshiro", "seed", 3))
    # per layer
    add("init", "per layer he_normal,xavier_uniform", ["init"], "ok", net=WIDE,
        name=LIST(["he_normal", "xavier_uniform"]), opts=opts("seed", 2))
    add("init", "per layer orthogonal,zeros deep", ["init"], "ok", net=DEEP,
        name=LIST(["orthogonal", "zeros", "lecun_uniform"]), opts=opts("seed", 2))
    add("init", "per layer one-item list", ["init"], "ok", net=WIDE,
        name=LIST(["he_uniform"]), opts=opts("seed", 2))
    add("init", "matrix one for all layers (1-layer net)", ["matrix"], "ok",
        net=Net([2, 3], ["linear"], 0), name=S("matrix"),
        opts=[("matrix", M(grid(3, 2, 5)))])
    add("init", "matrix per layer with names", ["matrix"], "ok", net=WIDE,
        name=LIST(["matrix", "zeros"]), opts=[("matrix", LIST([M(grid(4, 3, 1)), M(grid(2, 4, 2))]))])
    # nguyen_widrow: initnw's fallback for relu and linear layers, and an
    # input constant in X left out
    add("init", "nguyen_widrow relu,elu,sigmoid fallback", ["init"], "ok", net=DEEP,
        name=S("nguyen_widrow"), opts=opts("seed", 3))
    add("init", "nguyen_widrow X with a constant row", ["X"], "ok", net=WIDE,
        name=S("nguyen_widrow"), opts=[("seed", N(2)), ("X", M([[0, 1, 2, 3], [5, 5, 5, 5], [1, -1, 0.5, 2]]))])
    # options for the biases, and for weights and biases alike
    add("init", "bias=uniform a b", ["bias", "a", "b"], "ok", net=WIDE, name=S("xavier_uniform"),
        opts=[("seed", N(4)), ("bias", S("uniform")), ("a", N(0.25)), ("b", N(0.75))])
    add("init", "bias=normal mean std", ["bias", "mean", "std"], "ok", net=WIDE, name=S("he"),
        opts=[("seed", N(4)), ("bias", S("normal")), ("mean", N(-1)), ("std", N(3))])
    add("init", "normal weights and bias share std", ["bias", "std"], "ok", net=WIDE,
        name=S("normal"), opts=[("seed", N(4)), ("bias", S("normal")), ("std", N(0.5))])
    add("init", "bias=truncated_normal a b", ["bias", "a", "b"], "ok", net=WIDE, name=S("zeros"),
        opts=[("seed", N(4)), ("bias", S("truncated_normal")), ("a", N(0)), ("b", N(0.1))])
    add("init", "bias=he_uniform per layer nonlinearity", ["bias", "nonlinearity"], "ok", net=WIDE,
        name=S("zeros"), opts=[("bias", LIST(["he_uniform", "zeros"])), ("nonlinearity", S("tanh"))])
    # an option no initializer of the call reads is refused, not ignored
    for label, name, o in [
            ("gain for lecun_normal", S("lecun_normal"), opts("gain", 2)),
            ("gain for variance_scaling", S("variance_scaling"), opts("gain", 2)),
            ("a for he", S("he"), opts("a", 1)),
            ("std for xavier_uniform", S("xavier_uniform"), opts("std", 2)),
            ("a for the bias normal", S("xavier_uniform"), opts("bias", "normal", "a", 1)),
            ("mode for xavier_normal", S("xavier_normal"), opts("mode", "fan_out")),
            ("distribution for he_uniform", S("he_uniform"), opts("distribution", "normal")),
            ("nonlinearity for orthogonal", S("orthogonal"), opts("nonlinearity", "tanh")),
            ("X for he", S("he"), [("X", X3)]),
            ("tol for orthogonal", S("orthogonal"), opts("tol", 0.1)),
            ("scale for default", S("default"), opts("scale", 2)),
            ("value for the number bias", S("he"), opts("bias", 0.5, "value", 2)),
            ("matrix for the bias matrix", S("zeros"), [("bias", S("matrix")), ("matrix", M(grid(4, 1)))]),
            ("gain and nonlinearity for he", S("he"), opts("gain", 2, "nonlinearity", "tanh")),
            ("gain and slope for he_uniform", S("he_uniform"), opts("gain", 2, "slope", 0.1)),
            ("slope with nonlinearity tanh", S("he"), opts("slope", 0.1, "nonlinearity", "tanh"))]:
        add("init", "refused: " + label, [], "badOption", net=WIDE, name=name, opts=o)
    add("init", "truncated_normal a alone", ["a"], "badValue", net=WIDE, name=S("truncated_normal"),
        opts=opts("a", -1))
    add("init", "truncated_normal a=b", ["a", "b"], "badValue", net=WIDE, name=S("truncated_normal"),
        opts=opts("a", 1, "b", 1))
    add("init", "xavier_normal distribution uniform", ["distribution"], "badValue", net=WIDE,
        name=S("xavier_normal"), opts=opts("distribution", "uniform"))
    add("init", "he nonlinearity softmax", ["nonlinearity"], "badArg", net=WIDE, name=S("he"),
        opts=opts("nonlinearity", "softmax"))
    # bias
    for label, b in [("0.25", N(0.25)), ("ones", S("ones")), ("zeros,ones", LIST(["zeros", "ones"])),
                     ("normal", S("normal")), ("-3", N(-3)), ("uniform", S("uniform")),
                     ("constant", S("constant"))]:
        add("init", "bias=%s" % label, ["bias"], "ok", net=WIDE, name=S("xavier_uniform"),
            opts=[("seed", N(4)), ("bias", b)])
    # names in any case
    for nm in ["SEED", "Gain", "MODE", "Distribution", "Bias", "x", "Max_Trials", "RNG"]:
        v = {"SEED": N(3), "Gain": N(2), "MODE": S("fan_out"), "Distribution": S("uniform"),
             "Bias": N(1), "x": X3, "Max_Trials": N(2), "RNG": S("numpy")}[nm]
        init = {"Distribution": "variance_scaling", "x": "lsuv", "Max_Trials": "lsuv",
                "MODE": "he_uniform"}.get(nm, "xavier_normal")
        o = [(nm, v)] + ([("X", X3)] if nm == "Max_Trials" else [])
        add("init", "name case %s" % nm, [nm.lower()], "ok", net=WIDE, name=S(init), opts=o)

    # invalid
    for label, name in [("unknown", S("xavier_uniformm")), ("HE", S("HE")), ("empty", S("")),
                        ("number", N(3)), ("list with number", LIST(["he", 3])),
                        ("three for two layers", LIST(["he", "he", "he"])),
                        ("empty list", LIST([])), ("boolean", B(False)),
                        ("unknown in list", LIST(["he", "xavir"]))]:
        add("init", "name=%s" % label, ["init"], None, net=WIDE, name=name, opts=[])
    bad = [
        ("gain", [NAN, INF, -INF, "big", True, NUMS([1, 2])]),
        ("mode", ["fan_foo", "FAN_IN", 5, LIST(["fan_in"])]),
        ("distribution", ["gauss", "Normal", 1]),
        ("nonlinearity", ["tan", "TANH", "conv4d", 5, LIST(["tanh"])]),
        ("slope", [NAN, INF, "a"]),
        ("scale", [-1, NAN, INF, "a"]),
        ("value", [NAN, INF, "a"]),
        ("a", [NAN, -INF]), ("b", [NAN, INF]),
        ("mean", [NAN, INF]), ("std", [-1, NAN, INF, "1"]),
        ("fraction", [1, 1.5, -0.1, NAN]),
        ("sigma_b2", [-0.1, NAN, INF, "a"]),
        ("tol", [0, -1, NAN, INF]),
        ("max_trials", [-1, 2.5, 2.0 ** 32, 1e7, NAN, "3"]),
        ("rng", ["mt", "NumPy", 1]),
        ("seed", [-1, 0.5, NAN, 2.0 ** 64, "1", B(True)]),
        ("bias", [NAN, INF, "sideways", LIST(["zeros", "ones", "zeros"]), LIST([1, 2]),
                  B(True)]),
    ]
    needs = {"a": "uniform", "b": "uniform", "mean": "normal", "std": "normal",
             "fraction": "sparse", "tol": "lsuv", "max_trials": "lsuv", "value": "constant",
             "scale": "scaled_normal", "distribution": "variance_scaling",
             "mode": "he_normal", "slope": "he_normal", "gain": "xavier_normal",
             "nonlinearity": "he_uniform", "sigma_b2": "critical"}
    for name, values in bad:
        for v in values:
            v = val(v)
            label = "%s=%s" % (name, v.oct())
            o = [(name, v)]
            if needs.get(name) == "lsuv":
                o.append(("X", X3))
            add("init", label, [name], None, net=WIDE, name=S(needs.get(name, "he_normal")),
                opts=o)
    add("init", "uniform a>b", ["a", "b"], "badValue", net=WIDE, name=S("uniform"),
        opts=opts("a", 1, "b", -1))
    add("init", "xavier_normal gain=1e200", ["gain"], "badValue", net=WIDE,
        name=S("xavier_normal"), opts=opts("gain", 1e200))
    add("init", "constant value=1e308 fine", ["value"], "ok", net=WIDE, name=S("constant"),
        opts=opts("value", 1e308))
    add("init", "lsuv without X", ["X"], "badArg", net=WIDE, name=S("lsuv"), opts=[])
    add("init", "nguyen_widrow without X", ["X"], None, net=WIDE, name=S("nguyen_widrow"),
        opts=[])
    add("init", "X wrong rows", ["X"], "badSize", net=WIDE, name=S("lsuv"),
        opts=[("X", X2)])
    add("init", "X string", ["X"], "badArg", net=WIDE, name=S("lsuv"), opts=opts("X", "x"))
    add("init", "X list", ["X"], "badArg", net=WIDE, name=S("lsuv"),
        opts=[("X", LIST([1, 2, 3]))])
    add("init", "matrix missing", ["matrix"], "badArg", net=WIDE, name=S("matrix"), opts=[])
    add("init", "matrix wrong dims", ["matrix"], "badSize", net=WIDE, name=S("matrix"),
        opts=[("matrix", LIST([M(grid(3, 4)), M(grid(2, 4))]))])
    add("init", "matrix three for two layers", ["matrix"], "badSize", net=WIDE,
        name=S("matrix"), opts=[("matrix", LIST([M(grid(4, 3)), M(grid(2, 4)), M(grid(2, 2))]))])
    add("init", "matrix string", ["matrix"], "badArg", net=WIDE, name=S("matrix"),
        opts=opts("matrix", "eye"))
    add("init", "matrix list with string", ["matrix"], "badArg", net=WIDE, name=S("matrix"),
        opts=[("matrix", LIST([M(grid(4, 3)), "x"]))])
    add("init", "matrix with NaN", ["matrix"], None, net=Net([2, 2], ["linear"], 0),
        name=S("matrix"), opts=[("matrix", M([[1, NAN], [0, 1]]))])
    for nm in ["sed", "gian", "bias_init", "iters", "name2"]:
        add("init", "unknown option %s" % nm, [], "badOption", net=WIDE, name=S("he"),
            opts=opts(nm, 1))


def train(label, covers, expect, o, net="tanh", X=None, Y=None):
    n, x, y = DATA[net]
    add("train", label, covers, expect, net=n, X=X or x, Y=Y or y, opts=o)


def stats(label, covers, expect, o, net="tanh", X=None, Y=None, noY=False):
    n, x, y = DATA[net]
    add("stats", label, covers, expect, net=n, X=X or x, Y=None if noY else (Y or y), opts=o)


Q = ("verbose", False)     # keeps training quiet


def build_train_cases():
    base = ["iters", 10, "lr", 0.1, "verbose", False]
    # iterations, epochs, batches
    for it in [0, 1, 10, 50]:
        train("iters=%d" % it, ["iters"], "ok", opts("iters", it, "lr", 0.1, *Q))
    train("iters=5.0(lua float)", ["iters"], "ok", opts("iters", NF(5), *Q))
    train("iters=int32(5)", ["iters"], "ok", opts("iters", INT(5), *Q))
    train("default iters(1000)", ["iters"], "ok", opts(*Q))
    for ep, b in [(2, 4), (3, 3), (1, 0), (2, 1), (0, 4)]:
        train("epochs=%d batch=%d" % (ep, b), ["epochs", "batch"], "ok",
              opts("epochs", ep, "batch", b, "lr", 0.1, *Q))
    train("epochs and iters", ["epochs", "iters"], None, opts("epochs", 2, "iters", 3, *Q))
    for b in [1, 3, 8, 100]:
        train("batch=%d" % b, ["batch"], "ok", opts("batch", b, "iters", 12, "seed", 4, *Q))
    for sh in [B(False), B(True), N(0), N(1)]:
        train("shuffle=%s" % sh.oct(), ["shuffle"], "ok",
              opts("batch", 3, "iters", 9, "shuffle", sh, *Q))
    for s in [0, 3, 2 ** 40, MAXSEED]:
        train("seed=%s" % num_text(s, False), ["seed"], "ok",
              opts("batch", 2, "iters", 8, "seed", s, *Q))
    for lr in [0, 0.5, 1e-3, 2]:
        train("lr=%s" % lr, ["lr"], "ok", opts("lr", lr, "iters", 10, *Q))
    # optimizers and their parameters
    for o in [["optimizer", "sgd"], ["optimizer", "gd"],
              ["optimizer", "momentum"], ["optimizer", "momentum", "momentum", 0.5],
              ["optimizer", "nesterov"], ["optimizer", "nesterov", "momentum", 0],
              ["optimizer", "rmsprop"], ["optimizer", "rmsprop", "rho", 0.5, "eps", 1e-4],
              ["optimizer", "adam"], ["optimizer", "adam", "beta1", 0.5, "beta2", 0.9,
                                      "eps", 1e-6],
              ["optimizer", "adam", "batch", 3, "seed", 7],
              ["l2", 0.01], ["l2", 0.5, "optimizer", "momentum"],
              ["lambda", 1], ["lambda", 0.5, "l2", 0.01, "optimizer", "adam"],
              ["lambda", 2, "batch", 3, "seed", 2]]:
        label = ",".join(str(x) for x in o)
        train(label, [o[i] for i in range(0, len(o), 2)], "ok", opts(*(base + o)))
    for v, want in [(-1, "badValue"), (INF, "badValue"), ("one", "badArg")]:
        train("lambda=%s" % v, ["lambda"], want, opts("lambda", v, *Q))
    # a held-out set
    train("validation", ["validation"], "ok",
          opts("iters", 6, "lr", 0.1, "record_every", 3, "validation",
               LIST([M(grid(2, 5, 3)), M(labels_rows(1, 5, 2))]), *Q))
    train("validation soft lambda", ["validation", "lambda"], "ok",
          opts("iters", 6, "lr", 0.1, "record_every", 2, "lambda", 1, "validation",
               LIST([M(grid(2, 4, 1)), M(labels_rows(3, 4, 1))]), *Q), net="soft")
    for label, v, want in [("one matrix", LIST([X2]), "badSize"),
                           ("wrong rows", LIST([M(grid(3, 4)), Y1]), "badSize"),
                           ("other samples", LIST([X2, M(labels_rows(1, 5))]), "badSize"),
                           ("Y out of range", LIST([X2, M([[2.0] * 8])]), "badValue"),
                           ("a string", S("x"), "badArg")]:
        train("validation %s" % label, ["validation"], want,
              opts("iters", 2, "record_every", 1, "validation", v, *Q))
    for net in ["soft", "deep", "lin"]:
        train("%s net record all" % net, ["record", "record_every"], "ok",
              opts("iters", 6, "lr", 0.05, "record_every", 2, "record", "all", *Q), net=net)
    train("soft adam batch", ["optimizer", "batch"], "ok",
          opts("iters", 20, "lr", 0.01, "optimizer", "adam", "batch", 4, "seed", 1,
               "record_every", 5, *Q), net="soft")
    # what and when to record
    for every in [0, 1, 5, 10, 100, 1e12]:
        train("record_every=%s" % num_text(every, False), ["record_every"], "ok",
              opts("iters", 10, "record_every", every, *Q))
    for label, v in [("vector", NUMS([1, 5, 10])), ("cell", LIST([1, 5, 10])),
                     ("matrix", VEC([1, 5, 10])), ("unsorted", NUMS([10, 1, 5])),
                     ("duplicates", NUMS([5, 5])), ("zero", NUMS([0])),
                     ("beyond the end", NUMS([3, 20])), ("scalar", N(4)),
                     ("empty", EMPTY()), ("column", COL([2, 4]))]:
        train("record_iters=%s" % label, ["record_iters"], "ok",
              opts("iters", 10, "record_iters", v, *Q))
    # threads: the same bits whatever the count (the parity of the results
    # across front ends is what these cases compare)
    for th in [0, 1, 2, 64]:
        train("threads=%d" % th, ["threads"], "ok",
              opts("iters", 5, "lr", 0.1, "threads", th, "record_every", 2, *Q))
    train("record_every and record_iters", ["record_every", "record_iters"], "ok",
          opts("iters", 10, "record_every", 4, "record_iters", NUMS([1, 3]), *Q))
    parts = ["loss", "weights", "act", "percentiles", "hist", "saturation", "grad", "norms",
             "distinct", "all"]
    for p in parts:
        train("record=%s" % p, ["record"], "ok",
              opts("iters", 4, "record_every", 2, "record", p, *Q), net="deep")
    train("record=loss,weights", ["record"], "ok",
          opts("iters", 4, "record_every", 2, "record", LIST(["loss", "weights"]), *Q))
    train("record=weights,all", ["record"], "ok",
          opts("iters", 4, "record_every", 2, "record", LIST(["weights", "all"]), *Q))
    train("record=one-item list", ["record"], "ok",
          opts("iters", 4, "record_every", 2, "record", LIST(["norms"]), *Q))
    for label, v in [("[5 95]", NUMS([5, 95])), ("[95 5]", NUMS([95, 5])),
                     ("{95,5}", LIST([95, 5])), ("{5,95}", LIST([5, 95])),
                     ("matrix [95 5]", VEC([95, 5])), ("[0 100]", NUMS([0, 100])),
                     ("50", N(50)), ("[50 50]", NUMS([50, 50])),
                     ("[12.5 37.5 99.9]", NUMS([12.5, 37.5, 99.9])), ("empty", EMPTY()),
                     ("column", COL([75, 25]))]:
        train("percentiles=%s" % label, ["percentiles"], "ok",
              opts("iters", 4, "record_every", 2, "record", "percentiles",
                   "percentiles", v, *Q))
    for bins in [1, 7, 64]:
        train("hist_bins=%d" % bins, ["hist_bins"], "ok",
              opts("iters", 4, "record_every", 2, "record", "hist", "hist_bins", bins, *Q))
    for label, v in [("[-2 2]", NUMS([-2, 2])), ("{-2,2}", LIST([-2, 2])),
                     ("matrix", VEC([0, 0.5])), ("[-1e300 1e300]", NUMS([-1e300, 1e300]))]:
        train("hist_range=%s" % label, ["hist_range"], "ok",
              opts("iters", 4, "record_every", 2, "record", "hist", "hist_bins", 5,
                   "hist_range", v, *Q))
    for th in [0, 0.2, 1]:   # sat_theta is in [0, 1)
        train("sat_theta=%s" % th, ["sat_theta"], "ok" if th < 1 else "badValue",
              opts("iters", 4, "record_every", 2, "record", "saturation", "sat_theta", th, *Q))
    for tol in [0, 0.1, 1e300]:
        train("distinct_tol=%s" % tol, ["distinct_tol"], "ok",
              opts("iters", 4, "record_every", 2, "record", "distinct", "distinct_tol", tol, *Q))
    train("probe", ["probe"], "ok",
          opts("iters", 4, "record_every", 2, "record", "act", "probe", PROBE, *Q))
    train("max_bytes=0", ["max_bytes"], "ok",
          opts("iters", 4, "record_every", 2, "max_bytes", 0, *Q))
    train("max_bytes=1e12", ["max_bytes"], "ok",
          opts("iters", 4, "record_every", 2, "max_bytes", 1e12, *Q))
    train("max_bytes=100 record all", ["max_bytes"], "tooBig",
          opts("iters", 50, "record_every", 1, "record", "all", "max_bytes", 100, *Q))
    train("hist_bins=1e6 max_bytes=1000", ["hist_bins", "max_bytes"], "tooBig",
          opts("iters", 2, "record_every", 1, "record", "hist", "hist_bins", 1e6,
               "max_bytes", 1000, *Q))
    # progress
    train("verbose=true", ["verbose"], "ok", opts("iters", 3, "verbose", True))
    train("progress_every=0", ["progress_every"], "ok", opts("iters", 5, "progress_every", 0, *Q))
    train("progress_every=1e12", ["progress_every"], "ok",
          opts("iters", 5, "progress_every", 1e12, *Q))
    train("progress callback true", ["progress"], "ok",
          opts("iters", 12, "progress_every", 4, "progress", FN(), *Q))
    train("progress callback stops at 8", ["progress"], "ok",
          opts("iters", 20, "progress_every", 4, "progress", FN(8), "record_every", 4, *Q))
    # a stop by overflow: records its iteration
    train("lr=1e300 nonfinite stop", ["lr"], "ok",
          opts("iters", 20, "lr", 1e300, "record_every", 1, "record", "loss", *Q), net="lin")
    train("lr=1e150 nonfinite stop", ["lr"], "ok",
          opts("iters", 30, "lr", 1e150, "record_every", 5, *Q), net="lin")
    # names in any case
    for label, o in [("LR", ["LR", 0.2]), ("Iters", ["Iters", 7]),
                     ("RECORD_EVERY", ["RECORD_EVERY", 3]), ("Optimizer", ["Optimizer", "adam"]),
                     ("Percentiles", ["Percentiles", NUMS([90, 10]), "record", "percentiles",
                                      "record_every", 2]),
                     ("VERBOSE", ["VERBOSE", False]), ("Batch+Shuffle", ["Batch", 2, "SHUFFLE",
                                                                         False])]:
        o2 = list(o)
        if "Iters" not in o2:
            o2 += ["iters", 6]
        if "VERBOSE" not in o2:
            o2 += ["verbose", False]
        train("name case %s" % label, [o[0].lower()], "ok", opts(*o2))

    # invalid
    for nm in ["itres", "learning_rate", "lrr", "epoch", "recordevery", "percentile", "init"]:
        train("unknown option %s" % nm, [], "badOption", opts("iters", 2, nm, 1, *Q))
    counts = {
        "iters": [-1, 2.5, NAN, INF, 2.0 ** 54, 2.0 ** 62, "10", True, NUMS([1, 2]), EMPTY()],
        "epochs": [-1, 0.5, NAN, INF, 2.0 ** 60],
        "batch": [-1, 2.5, NAN, 2.0 ** 64, "1"],
        "progress_every": [-1, 1.5, NAN],
        "threads": [-1, 1.5, NAN, 65, INF, "2"],
        "record_every": [-1, 2.5, INF, 2.0 ** 54, "1"],
        "hist_bins": [0, -1, 2.5, 1e12, NAN],
        "max_bytes": [-1, 0.5, NAN, 2.0 ** 60],
        "seed": [-1, 0.5, NAN, INF, 2.0 ** 64, "s"],
    }
    numbers = {
        "lr": [-1, NAN, INF, -INF, "0.1", True, NUMS([0.1, 0.2]), LIST([0.1])],
        "momentum": [1, -0.1, NAN, 1.5],
        "beta1": [1, -0.5, NAN],
        "beta2": [1, 2, NAN],
        "rho": [1, -1, NAN],
        "eps": [0, -1e-8, NAN, INF],
        "l2": [-1, NAN, INF],
        "sat_theta": [1.5, -0.1, NAN],
        "distinct_tol": [-1, NAN, INF],
    }
    for group in (counts, numbers):
        for name, values in group.items():
            for v in values:
                v = val(v)
                train("%s=%s" % (name, v.oct()), [name], None,
                      opts("iters", 2, name, v, *Q))
    for name, values in {"shuffle": [2, 0.5, "yes", NAN, NUMS([1, 0])],
                         "verbose": [2, "no", -1]}.items():
        for v in values:
            v = val(v)
            train("%s=%s" % (name, v.oct()), [name], None,
                  opts("iters", 2, "batch", 2, name, v) + ([] if name == "verbose" else
                                                           opts(*Q)))
    train("epochs=2^53 batch=1", ["epochs"], None,
          opts("epochs", 2.0 ** 53, "batch", 1, *Q))
    train("epochs=2^53(expression) batch=1", ["epochs"], None,
          opts("epochs", EXPR("2^53"), "batch", 1, *Q))
    for e in ["2^62", "2^54", "2^53+2"]:
        train("iters=%s(expression)" % e, ["iters"], "badValue", opts("iters", EXPR(e), *Q))
    train("record_every=2^60(expression)", ["record_every"], "badValue",
          opts("iters", 2, "record_every", EXPR("2^60"), *Q))
    train("epochs=2^50 batch=1 record_every=1", ["epochs", "record_every"], None,
          opts("epochs", 2.0 ** 50, "batch", 1, "record_every", 1, *Q))
    for v in ["adamw", "ADAM", 5, LIST(["adam"]), ""]:
        v = val(v)
        train("optimizer=%s" % v.oct(), ["optimizer"], None, opts("iters", 2, "optimizer", v, *Q))
    for v in [S("fn"), N(1), B(True)]:
        train("progress=%s" % v.oct(), ["progress"], "badArg",
              opts("iters", 2, "progress", v, *Q))
    for label, v in [("[-1]", NUMS([-1])), ("[2.5]", NUMS([2.5])), ("{1,'a'}", LIST([1, "a"])),
                     ("'abc'", S("abc")), ("2x2", M([[1, 2], [3, 4]])), ("[NaN]", NUMS([NAN])),
                     ("[2^54]", NUMS([2.0 ** 54])), ("true", B(True))]:
        train("record_iters=%s" % label, ["record_iters"], None,
              opts("iters", 4, "record_iters", v, *Q))
    for label, v in [("foo", S("foo")), ("{loss,5}", LIST(["loss", 5])), ("5", N(5)),
                     ("{}", LIST([])), ("ALL", S("ALL")), ("{loss,wieghts}",
                                                          LIST(["loss", "wieghts"]))]:
        train("record=%s" % label, ["record"], None,
              opts("iters", 4, "record_every", 2, "record", v, *Q))
    for label, v in [("[101]", NUMS([101])), ("[-1]", NUMS([-1])), ("[NaN]", NUMS([NAN])),
                     ("[5 Inf]", NUMS([5, INF])), ("1001 entries", NUMS([50] * 1001)),
                     ("'abc'", S("abc")), ("{5,'a'}", LIST([5, "a"])),
                     ("2x2", M([[5, 25], [50, 75]])), ("true", B(True))]:
        train("percentiles=%s" % label, ["percentiles"], None,
              opts("iters", 4, "record_every", 2, "record", "percentiles", "percentiles", v, *Q))
    for label, v in [("[1]", NUMS([1])), ("[1 2 3]", NUMS([1, 2, 3])), ("[2 1]", NUMS([2, 1])),
                     ("[1 1]", NUMS([1, 1])), ("[NaN 1]", NUMS([NAN, 1])),
                     ("[-Inf 1]", NUMS([-INF, 1])), ("'ab'", S("ab")),
                     ("{0,'a'}", LIST([0, "a"])), ("empty", EMPTY())]:
        train("hist_range=%s" % label, ["hist_range"], None,
              opts("iters", 4, "record_every", 2, "record", "hist", "hist_range", v, *Q))
    for label, v in [("{7,9}", LIST([7, 9])), ("{7}", LIST([7])), ("[7 9]", NUMS([7, 9])),
                     ("'7'", S("7"))]:
        train("hist_bins=%s" % label, ["hist_bins"], "badArg",
              opts("iters", 2, "record_every", 1, "record", "hist", "hist_bins", v, *Q))
    train("probe wrong rows", ["probe"], "badSize",
          opts("iters", 2, "record_every", 1, "probe", M(grid(3, 4)), *Q))
    train("probe string", ["probe"], "badArg",
          opts("iters", 2, "record_every", 1, "probe", "p", *Q))
    train("probe list", ["probe"], "badArg",
          opts("iters", 2, "record_every", 1, "probe", LIST([1, 2]), *Q))
    train("X wrong rows", [], "badSize", opts("iters", 2, *Q), X=M(grid(3, 8)))
    train("Y wrong cols", [], "badSize", opts("iters", 2, *Q), Y=M(labels_rows(1, 7)))
    train("Y wrong rows", [], "badSize", opts("iters", 2, *Q), Y=M(labels_rows(2, 8)))
    train("X string", [], "badArg", opts("iters", 2, *Q), X=S("X"))
    train("Y NaN", [], None, opts("iters", 2, *Q), Y=M([[NAN] * 8]))


def build_stats_cases():
    stats("default", ["record"], "ok", [])
    stats("no Y", [], "ok", [], noY=True)
    for p in ["loss", "weights", "act", "percentiles", "hist", "saturation", "grad", "norms",
              "distinct", "all"]:
        stats("record=%s" % p, ["record"], "ok", opts("record", p), net="deep")
    stats("record=act,hist soft", ["record"], "ok", opts("record", LIST(["act", "hist"])),
          net="soft")
    stats("record=all soft", ["record"], "ok", opts("record", "all"), net="soft")
    for label, v in [("[5 95]", NUMS([5, 95])), ("[95 5]", NUMS([95, 5])),
                     ("{95,5}", LIST([95, 5])), ("matrix", VEC([75, 25, 50])),
                     ("0", N(0))]:
        stats("percentiles=%s" % label, ["percentiles"], "ok",
              opts("record", "percentiles", "percentiles", v))
    stats("hist_bins=3 hist_range=[-0.5 0.5]", ["hist_bins", "hist_range"], "ok",
          opts("record", "hist", "hist_bins", 3, "hist_range", NUMS([-0.5, 0.5])))
    stats("hist_range={-3,3}", ["hist_range"], "ok",
          opts("record", "hist", "hist_range", LIST([-3, 3])))
    stats("sat_theta=0.5", ["sat_theta"], "ok", opts("record", "saturation", "sat_theta", 0.5))
    stats("distinct_tol=1", ["distinct_tol"], "ok", opts("record", "distinct", "distinct_tol", 1))
    stats("probe", ["probe"], "ok", opts("record", "act", "probe", PROBE))
    stats("max_bytes=1e9", ["max_bytes"], "ok", opts("max_bytes", 1e9))
    stats("name case RECORD", ["record"], "ok", opts("RECORD", "act"))
    stats("name case Hist_Bins", ["hist_bins"], "ok", opts("record", "hist", "Hist_Bins", 4))
    # invalid
    for nm in ["record_every", "record_iters", "iters", "lr", "hist_bin", "percentile"]:
        stats("option %s" % nm, [], "badOption", opts(nm, 1))
    stats("record=foo", ["record"], "badName", opts("record", "foo"))
    stats("record=5", ["record"], "badArg", opts("record", 5))
    stats("percentiles=[120]", ["percentiles"], "badValue", opts("percentiles", NUMS([120])))
    stats("percentiles='5'", ["percentiles"], "badArg", opts("percentiles", "5"))
    stats("hist_bins=2.5", ["hist_bins"], "badValue", opts("hist_bins", 2.5))
    stats("hist_bins=1e9 max_bytes=1e6", ["hist_bins", "max_bytes"], "tooBig",
          opts("record", "hist", "hist_bins", 1e9, "max_bytes", 1e6))
    stats("hist_range=[3 -3]", ["hist_range"], "badValue", opts("hist_range", NUMS([3, -3])))
    stats("hist_range=[1 2 3]", ["hist_range"], "badSize", opts("hist_range", NUMS([1, 2, 3])))
    stats("sat_theta=2", ["sat_theta"], "badValue", opts("sat_theta", 2))
    stats("distinct_tol=NaN", ["distinct_tol"], "badValue", opts("distinct_tol", NAN))
    stats("probe wrong rows", ["probe"], "badSize", opts("probe", M(grid(1, 4))))
    stats("max_bytes=-5", ["max_bytes"], "badValue", opts("max_bytes", -5))
    stats("X wrong rows", [], "badSize", [], X=M(grid(3, 8)))
    stats("Y wrong cols", [], "badSize", [], Y=M(labels_rows(1, 5)))


def build_dataset_cases():
    for name in ["circles", "moons", "spirals", "xor", "blobs"]:
        add("dataset", "%s n=10" % name, ["name", "n"], "ok", name=S(name), n=N(10), opts=[])
        add("dataset", "%s seed=3 noise=0.3" % name, ["seed", "noise"], "ok", name=S(name),
            n=N(12), opts=opts("seed", 3, "noise", 0.3))
        add("dataset", "%s rng=numpy" % name, ["rng"], "ok", name=S(name), n=N(8),
            opts=opts("rng", "numpy", "seed", 0))
    for name in ["spirals", "blobs"]:
        for k in [1, 2, 4]:
            add("dataset", "%s classes=%d" % (name, k), ["classes"],
                "ok" if k >= 2 else "badValue", name=S(name),
                n=N(9), opts=opts("classes", k, "seed", 1))
    add("dataset", "circles classes=3", ["classes"], None, name=S("circles"), n=N(6),
        opts=opts("classes", 3))
    add("dataset", "circles factor=0.5", ["factor"], "ok", name=S("circles"), n=N(10),
        opts=opts("factor", 0.5, "seed", 2))
    add("dataset", "moons factor=0.5", ["factor"], None, name=S("moons"), n=N(10),
        opts=opts("factor", 0.5))
    add("dataset", "circles noise=0", ["noise"], "ok", name=S("circles"), n=N(10),
        opts=opts("noise", 0))
    add("dataset", "circles n=0", ["n"], "badValue", name=S("circles"), n=N(0), opts=[])
    add("dataset", "circles n=1", ["n"], "ok", name=S("circles"), n=N(1), opts=[])
    add("dataset", "moons n=int32(7)", ["n"], "ok", name=S("moons"), n=INT(7), opts=[])
    add("dataset", "moons n=7.0(lua float)", ["n"], "ok", name=S("moons"), n=NF(7), opts=[])
    for s in [2 ** 32 - 1, 2 ** 40, MAXSEED]:
        add("dataset", "circles seed=%s" % num_text(s, False), ["seed"], "ok",
            name=S("circles"), n=N(5), opts=opts("seed", s))
    add("dataset", "circles rng=numpy seed=2^32-1", ["rng", "seed"], "ok", name=S("circles"),
        n=N(5), opts=opts("rng", "numpy", "seed", 2 ** 32 - 1))
    add("dataset", "circles rng=xoshiro", ["rng"], "ok", name=S("circles"), n=N(5),
        opts=opts("rng", "xoshiro", "seed", 4))
    add("dataset", "max_bytes=1e9", ["max_bytes"], "ok", name=S("blobs"), n=N(5),
        opts=opts("max_bytes", 1e9))
    for nm, v in [("Noise", 0.1), ("SEED", 2), ("Classes", 3), ("RNG", "numpy")]:
        add("dataset", "name case %s" % nm, [nm.lower()], "ok", name=S("spirals"), n=N(6),
            opts=opts(nm, v))
    # invalid
    for label, v in [("circle", S("circle")), ("CIRCLES", S("CIRCLES")), ("5", N(5)),
                     ("empty", S("")), ("list", LIST(["circles"]))]:
        add("dataset", "name=%s" % label, ["name"], None, name=v, n=N(5), opts=[])
    for v in [-1, 2.5, NAN, INF, 1e12, 2.0 ** 53, 2.0 ** 60, "10", True, NUMS([5, 5])]:
        v = val(v)
        add("dataset", "n=%s" % v.oct(), ["n"], None, name=S("circles"), n=v, opts=[])
    for name, values in {"noise": [-1, NAN, INF, "0.1"], "factor": [0, 1, -0.5, NAN, 2],
                         "classes": [0, 2.5, 1e15, 1e7, NAN, -3],
                         "seed": [-1, 0.5, NAN, 2.0 ** 64, "1"],
                         "rng": ["mt", "NUMPY", 0], "max_bytes": [-1, 0.5]}.items():
        for v in values:
            v = val(v)
            nm = "spirals" if name == "classes" else "circles"
            add("dataset", "%s %s=%s" % (nm, name, v.oct()), [name], None, name=S(nm), n=N(5),
                opts=[(name, v)])
    add("dataset", "rng=numpy seed=2^32", ["rng", "seed"], "badValue", name=S("circles"),
        n=N(5), opts=opts("rng", "numpy", "seed", 2 ** 32))
    add("dataset", "max_bytes=10", ["max_bytes"], "tooBig", name=S("circles"), n=N(100),
        opts=opts("max_bytes", 10))
    add("dataset", "spirals n=1e9 max_bytes=1e6", ["max_bytes"], "tooBig", name=S("spirals"),
        n=N(1e9), opts=opts("max_bytes", 1e6))
    add("dataset", "circles n=2^53(expression)", ["n"], None, name=S("circles"),
        n=EXPR("2^53"), opts=[])
    add("dataset", "spirals classes=1e15(expression)", ["classes"], "badValue",
        name=S("spirals"), n=N(10), opts=opts("classes", EXPR("10^15")))
    # the most classes there may be: their one-hot targets count against the cap
    add("dataset", "spirals classes=1e6 n=10 max_bytes=1e6", ["classes", "max_bytes"],
        "tooBig", name=S("spirals"), n=N(10), opts=opts("classes", 1e6, "max_bytes", 1e6))
    for nm in ["noize", "sed", "samples", "name", "factors"]:
        add("dataset", "unknown option %s" % nm, [], None if nm == "name" else "badOption",
            name=S("circles"), n=N(5), opts=opts(nm, 1))


def build_gain_cases():
    for a in ["linear", "sigmoid", "tanh", "relu", "leaky_relu", "elu", "selu", "softsign",
              "softplus", "identity", "logistic",
              # PyTorch's calculate_gain names of linear layers: 1
              "conv1d", "conv2d", "conv3d", "conv_transpose1d", "conv_transpose2d",
              "conv_transpose3d"]:
        add("gain", a, ["nonlinearity"], "ok", name=S(a), param=None)
    for a, p in [("leaky_relu", 0.2), ("leaky_relu", 0), ("leaky_relu", -0.5), ("elu", 0.5),
                 ("elu", 2), ("leaky_relu", NAN), ("tanh", NAN), ("relu", 3),
                 ("leaky_relu", 1e200)]:
        add("gain", "%s param=%s" % (a, num_text(p, False)), ["param"], "ok" if p != 1e200
            else None, name=S(a), param=N(p))
    add("gain", "leaky_relu param=int32(1)", ["param"], "ok", name=S("leaky_relu"),
        param=INT(1))
    for label, nm, p in [("tan", S("tan"), None), ("TANH", S("TANH"), None),
                         ("conv4d", S("conv4d"), None), ("CONV2D", S("CONV2D"), None),
                         ("softmax", S("softmax"), None), ("number", N(3), None),
                         ("empty", S(""), None), ("list", LIST(["tanh"]), None),
                         ("param=Inf", S("leaky_relu"), N(INF)),
                         ("param=-Inf", S("elu"), N(-INF)),
                         ("param='a'", S("leaky_relu"), S("a")),
                         ("param=[1 2]", S("leaky_relu"), NUMS([1, 2])),
                         ("param=true", S("leaky_relu"), B(True)),
                         ("param={0.1}", S("leaky_relu"), LIST([0.1]))]:
        add("gain", label, ["nonlinearity" if p is None else "param"], None, name=nm, param=p)


def build_forward_cases():
    for key in ["tanh", "soft", "deep"]:
        n, x, _ = DATA[key]
        add("forward", "%s net" % key, [], "ok", net=n, X=x)
    add("forward", "one column", [], "ok", net=TANH, X=COL([0.5, -0.25]))
    add("forward", "NaN input", [], None, net=TANH, X=M([[NAN, 1], [0, 1]]))
    add("forward", "wrong rows", [], "badSize", net=TANH, X=M(grid(3, 2)))
    add("forward", "string", [], "badArg", net=TANH, X=S("x"))
    add("forward", "list", [], "badArg", net=TANH, X=LIST([1, 2]))


def build_cost_cases():
    """il_cost and il_gradients / net:cost and net:gradients: the cost, the
    unrolled gradient and the per-layer one, with lambda and l2."""
    for key in ["tanh", "soft", "deep"]:
        n, x, y = DATA[key]
        for o in [[], ["lambda", 1], ["lambda", 3, "l2", 0.25], ["l2", 0.01]]:
            label = "%s net %s" % (key, ",".join(str(v) for v in o) or "no penalty")
            add("cost", label, [o[i] for i in range(0, len(o), 2)], "ok",
                net=n, X=x, Y=y, opts=opts(*o))
    for v, want in [(-1, "badValue"), (INF, "badValue"), (NAN, "badValue"), ("x", "badArg")]:
        add("cost", "lambda=%s" % v, ["lambda"], want, net=TANH, X=X2, Y=Y1,
            opts=opts("lambda", v))
    add("cost", "l2=-1", ["l2"], "badValue", net=TANH, X=X2, Y=Y1, opts=opts("l2", -1))
    add("cost", "unknown option", [], "badOption", net=TANH, X=X2, Y=Y1,
        opts=opts("lamda", 1))
    add("cost", "Y of 3 rows", [], "badSize", net=TANH, X=X2, Y=Y3, opts=[])


def build_summary_cases():
    """il_summary / net:summary(): the engine's text, character for
    character, and its first line as Lua's tostring(net)."""
    for n in [TANH, LIN, SOFT, DEEP, WIDE, Net([3, 5, 2], ["leaky_relu", "softplus"], 4)]:
        add("summary", " ".join(map(str, n.sizes)) + " " + ",".join(n.act), [], "ok", net=n)


def build_rand_cases():
    """il_rand / il.rand: new streams ("rand") and draws from them ("draw")."""
    for stream, seeds in [("numpy", [0, 1, 2 ** 32 - 1]), ("xoshiro", [0, 2 ** 40, MAXSEED])]:
        for s in seeds:
            add("rand", "%s seed=%s" % (stream, num_text(s, False)), ["stream", "seed"], "ok",
                stream=S(stream), seed=N(s))
    add("rand", "numpy seed=int32(7)", ["seed"], "ok", stream=S("numpy"), seed=INT(7))
    add("rand", "numpy seed=7.0(lua float)", ["seed"], "ok", stream=S("numpy"), seed=NF(7))
    for v in ["mt", "NUMPY", "", 5, LIST(["numpy"])]:
        v = val(v)
        add("rand", "stream=%s" % v.oct(), ["stream"], None, stream=v, seed=N(1))
    for v in [-1, 0.5, NAN, INF, 2.0 ** 64, "1", NUMS([1, 2]), True]:
        v = val(v)
        add("rand", "seed=%s" % v.oct(), ["seed"], None, stream=S("xoshiro"), seed=v)
    add("rand", "numpy seed=2^32", ["seed"], "badValue", stream=S("numpy"), seed=N(2 ** 32))
    add("rand", "no seed", ["seed"], "badArg", stream=S("numpy"), seed=None)

    def draw(label, covers, expect, dist, sizes=(), o=(), stream="numpy", **kw):
        add("draw", "%s %s" % (stream, label), covers, expect, stream=S(stream), dist=val(dist),
            sizes=[val(x) for x in sizes], opts=list(o), **kw)
    for stream in ["numpy", "xoshiro"]:
        draw("normal 3x4", ["distribution", "size"], "ok", "normal", [3, 4], stream=stream)
        draw("normal n=5", ["size"], "ok", "normal", [5], stream=stream)
        draw("normal, no size", ["size"], "ok", "normal", stream=stream)
        draw("normal mean std", ["mean", "std"], "ok", "normal", [2, 2],
             opts("mean", 1.5, "std", 0.25), stream=stream)
        draw("uniform 2x3", ["distribution"], "ok", "uniform", [2, 3], stream=stream)
        draw("uniform low high", ["low", "high"], "ok", "uniform", [4],
             opts("low", -2, "high", 3), stream=stream)
        draw("integers high=10", ["high"], "ok", "integers", [2, 5], opts("high", 10),
             stream=stream)
        draw("integers 0..2^32", ["low", "high"], "ok", "integers", [6],
             opts("low", 0, "high", 2 ** 32 + 1), stream=stream)
        draw("integers +-2^53", ["low", "high"], "ok", "integers", [3],
             [("low", EXPR("-2^53")), ("high", EXPR("2^53"))], stream=stream)
        draw("integers one value", ["low", "high"], "ok", "integers", [3],
             opts("low", 7, "high", 8), stream=stream)
        draw("permutation 7", ["distribution"], "ok", "permutation", [7], stream=stream)
        draw("permutation low=1", ["low"], "ok", "permutation", [9], opts("low", 1),
             stream=stream)
    draw("normal [2 3] as one vector", ["size"], "ok", "normal", [VEC([2, 3])])
    draw("normal size 0x3", ["size"], "ok", "normal", [0, 3])
    draw("normal size int32", ["size"], "ok", "normal", [INT(2), INT(3)])
    draw("normal size 3.0(lua float)", ["size"], "ok", "normal", [NF(3)])
    draw("normal max_bytes=1e6", ["max_bytes"], "ok", "normal", [10], opts("max_bytes", 1e6))
    draw("MEAN in capitals", ["mean"], "ok", "normal", [2], opts("MEAN", 3))
    # refused
    for v in ["gauss", "Normal", "", 5]:
        draw("distribution=%s" % val(v).oct(), ["distribution"], None, v, [2])
    for v in [-1, 2.5, NAN, INF, 2.0 ** 60]:
        draw("size=%s" % num_text(v, False), ["size"], None, "normal", [v])
    draw("size of three numbers", ["size"], "badSize", "normal", [2, 3, 4])
    draw("permutation of a matrix", ["size"], "badSize", "permutation", [2, 3])
    draw("size=1e9x1e9", ["size"], "tooBig", "normal", [1e9, 1e9])
    draw("size a list with a string", ["size"], "badArg", "normal", [LIST([2, "x"])])
    for name, values in {"low": [NAN, INF, "a"], "high": [NAN, -INF, NUMS([1, 2])],
                         "mean": [NAN, INF, "a"], "std": [-1, NAN, INF],
                         "max_bytes": [-1, 0.5, "a"]}.items():
        for v in values:
            v = val(v)
            draw("%s=%s" % (name, v.oct()), [name], None,
                 "normal" if name in ("mean", "std") else "uniform", [3], [(name, v)])
    draw("integers without high", ["high"], "badArg", "integers", [3])
    draw("integers low=high", ["low", "high"], "badValue", "integers", [3],
         opts("low", 5, "high", 5))
    draw("integers low=0.5", ["low"], "badValue", "integers", [3], opts("low", 0.5, "high", 4))
    draw("integers high=2^53+2", ["high"], "badValue", "integers", [3],
         [("high", EXPR("2^53+2"))])
    draw("uniform range overflows", ["low", "high"], "badValue", "uniform", [3],
         opts("low", -1e308, "high", 1e308))
    draw("max_bytes=100 for 1000", ["max_bytes"], "tooBig", "normal", [1000],
         opts("max_bytes", 100))
    draw("unknown option", [], "badOption", "normal", [3], opts("sed", 1))
    # an option the distribution does not read is refused, not ignored
    for dist, name in [("uniform", "mean"), ("integers", "std"), ("normal", "low"),
                       ("permutation", "high"), ("normal", "high")]:
        draw("refused: %s for %s" % (name, dist), [], "badOption", dist, [3],
             opts(name, 1, *(("high", 5) if dist == "integers" else ())))
    # states no stream could have
    for label, edit in [("a word 0.5", (5, 0.5)), ("a word -1", (5, -1)),
                        ("a word 2^32", (7, 2.0 ** 32)), ("a word NaN", (9, NAN)),
                        ("the tag", (1, 0)), ("the kind 2", (2, 2)),
                        ("the position 625", (627, 625)), ("the flag 2", (628, 2)),
                        ("a kept normal Inf", (629, INF))]:
        draw("state: %s" % label, [], "badValue", "normal", [2], edit=edit)
    draw("state: the kind xoshiro", [], "badSize", "normal", [2], edit=(2, 0))
    draw("state: cut short", [], "badSize", "normal", [2], cut=True)


def build_animate_cases():
    """il_animate / il.animate: the GIF's bytes, the same from both."""
    def anim(label, covers, expect, kind, o=(), record="all", file=None):
        add("animate", label, covers, expect, kind=val(kind), opts=list(o), record=record,
            file=file)
    anim("weights", ["kind", "file"], "ok", "weights")
    anim("hist", ["kind"], "ok", "hist")
    anim("weights layer=2 scale=3", ["layer", "scale"], "ok", "weights", opts("layer", 2, "scale", 3))
    anim("hist layer=1 delay=50", ["layer", "delay"], "ok", "hist", opts("layer", 1, "delay", 50))
    anim("loop=false", ["loop"], "ok", "weights", opts("loop", False))
    anim("max_bytes=1e6", ["max_bytes"], "ok", "weights", opts("max_bytes", 1e6))
    anim("LAYER in capitals", ["layer"], "ok", "weights", opts("LAYER", 1))
    for v in ["heat", "Weights", 5]:
        anim("kind=%s" % val(v).oct(), ["kind"], None, v)
    anim("layer=3 of 2", ["layer"], "badIndex", "weights", opts("layer", 3))
    for name, values in {"layer": [-1, 0.5, NAN], "delay": [-1, NAN, INF, 1e6],
                         "scale": [-1, 2.5, 1e4], "loop": [2, "a"]}.items():
        for v in values:
            v = val(v)
            anim("%s=%s" % (name, v.oct()), [name], None, "weights", [(name, v)])
    anim("max_bytes=100", ["max_bytes"], "tooBig", "weights", opts("max_bytes", 100))
    anim("no weights recorded", [], "badArg", "weights", record="loss")
    anim("a file that is a number", ["file"], "badArg", "weights", file=N(5))
    anim("an unwritable file", ["file"], "io", "weights", file=S("/nonexistent/dir/a.gif"))
    anim("unknown option", [], "badOption", "weights", opts("dealy", 1))


def build_report_cases():
    """il_report / il.report: two records (zeros, He) as one page; the digest
    is the page's bytes, which must be the same in both languages."""
    def rep(label, covers, expect, o=(), record="all", file=None, recs=2):
        add("report", label, covers, expect, opts=list(o), record=record, file=file, recs=recs)
    rep("zeros vs he", ["file"], "ok")
    rep("labels title", ["labels", "title"], "ok",
        opts("labels", LIST(["zeros", "He <b>"]), "title", "a & b"))
    rep("layers=[2 1]", ["layers"], "ok", opts("layers", NUMS([2, 1])))
    rep("record=loss: nothing per layer to show", [], "badArg", record="loss")
    rep("one record", [], "ok", recs=1)
    rep("max_bytes=1e7", ["max_bytes"], "ok", opts("max_bytes", 1e7))
    rep("TITLE in capitals", ["title"], "ok", opts("TITLE", "t"))
    rep("labels: one for two runs", ["labels"], "badSize", opts("labels", LIST(["a"])))
    rep("layers=3 of 2", ["layers"], "badIndex", opts("layers", 3))
    for name, values in {"layers": [0, 0.5, NAN], "max_bytes": [-1, 2.5],
                         "title": [5, LIST(["a"])], "labels": [5]}.items():
        for v in values:
            v = val(v)
            rep("%s=%s" % (name, v.oct()), [name], None, [(name, v)])
    rep("max_bytes=100", ["max_bytes"], "tooBig", opts("max_bytes", 100))
    rep("a file that is a number", ["file"], "badArg", file=N(5))
    rep("unknown option", [], "badOption", opts("colour", 1))


class ZEROS(Val):
    """A rows x cols matrix of zeros (any of them 0): Octave zeros, Lua il.matrix(r, c)."""
    def __init__(self, rows, cols):
        self.rows, self.cols = rows, cols

    def oct(self):
        return "zeros (%d, %d)" % (self.rows, self.cols)

    def lua(self):
        return "il.matrix(%d, %d)" % (self.rows, self.cols)


class FLAG(Val):
    """An option given as a bare flag: Octave's il_theory (act, 'critical',
    ...) (the .m makes it 'critical', true; it must come first), Lua's
    {critical = true}."""
    def oct(self):
        return "true"

    def lua(self):
        return "true"


ACTS_THEORY = ["linear", "sigmoid", "tanh", "relu", "leaky_relu", "elu", "selu", "softsign",
               "softplus", "identity", "logistic"]


def build_theory_cases():
    """il_theory / il.theory: every field of the struct / table, bit for bit."""
    def th(label, covers, expect, act=S("tanh"), o=()):
        add("theory", label, ["act"] * (act is not None) + list(covers), expect,
            act=act, opts=list(o))
    # every activation, ordered and chaotic, with and without biases
    for a in ACTS_THEORY:
        th("%s sigma_w2=1.5 sigma_b2=0.05" % a, ["sigma_w2", "sigma_b2"], "ok", S(a),
           opts("sigma_w2", 1.5, "sigma_b2", 0.05))
        th("%s sigma_w2=0.5" % a, ["sigma_w2"], "ok", S(a), opts("sigma_w2", 0.5))
    for a, w, b in [("tanh", 3, 0.05), ("tanh", 1, 0), ("relu", 2, 0), ("relu", 3, 0.1),
                    ("linear", 1, 0.1), ("linear", 2, 0), ("sigmoid", 20, 0.5),
                    ("selu", 1, 0), ("softplus", 4, 0.2), ("elu", 2.5, 0.01)]:
        th("%s sigma_w2=%s sigma_b2=%s" % (a, num_text(w, False), num_text(b, False)),
           ["sigma_w2", "sigma_b2"], "ok", S(a), opts("sigma_w2", w, "sigma_b2", b))
    th("act=softmax", [], "badValue", S("softmax"), opts("sigma_w2", 1))
    for label, a, want in [("tan", S("tan"), "badName"), ("TANH", S("TANH"), "badName"),
                           ("empty", S(""), "badName"), ("number", N(5), "badArg"),
                           ("list", LIST(["tanh"]), "badArg"), ("true", B(True), "badArg")]:
        th("act=%s" % label, [], want, a, opts("sigma_w2", 1))
    th("act missing", [], "badArg", None, [])
    # act_param: leaky_relu's slope, elu's alpha (NaN, the documented default:
    # their own, as il_net and il_gain take it)
    for a, p in [("leaky_relu", 0.2), ("leaky_relu", 0), ("leaky_relu", 1), ("elu", 0.5),
                 ("elu", 2), ("leaky_relu", NAN), ("elu", NAN), ("leaky_relu", INT(0))]:
        th("%s act_param=%s" % (a, val(p).oct()), ["act_param", "sigma_w2"], "ok", S(a),
           [("act_param", val(p)), ("sigma_w2", N(1.5))])
    # taken and ignored (T.act_param is NaN), as il_net and il_gain take a
    # parameter of an activation that has none
    th("tanh act_param=0.3", ["act_param"], "ok", S("tanh"), opts("act_param", 0.3, "sigma_w2", 1))
    # a slope il_net refuses too (il_act_param_ok: >= 0)
    th("act_param=leaky_relu -1", ["act_param"], "badValue", S("leaky_relu"),
       opts("act_param", -1, "sigma_w2", 1))
    for label, a, v, want in [("leaky_relu Inf", "leaky_relu", N(INF), "badValue"),
                              ("elu -Inf", "elu", N(-INF), "badValue"),
                              ("elu 'a'", "elu", S("a"), "badArg"),
                              ("leaky_relu [1 2]", "leaky_relu", NUMS([0.1, 0.2]), "badArg"),
                              ("leaky_relu true", "leaky_relu", B(True), "badArg")]:
        th("act_param=%s" % label, ["act_param"], want, S(a),
           [("act_param", v), ("sigma_w2", N(1))])
    # sigma_w2 and sigma_b2
    for v in [1e-3, 1, 2, 100, 1e6, INT(2), NF(2)]:
        v = val(v)
        th("sigma_w2=%s(%s)" % (v.oct(), type(v).__name__), ["sigma_w2"], "ok", S("tanh"),
           [("sigma_w2", v)])
    for v, want in [(0, "badValue"), (-1, "badValue"), (NAN, "badValue"), (INF, "badValue"),
                    (-INF, "badValue"), ("1", "badArg"), (NUMS([1, 2]), "badArg"),
                    (B(True), "badArg"), (LIST([1]), "badArg")]:
        v = val(v)
        th("sigma_w2=%s" % v.oct(), ["sigma_w2"], want, S("tanh"), [("sigma_w2", v)])
    th("sigma_w2 missing", ["sigma_w2"], "badArg", S("tanh"), opts("sigma_b2", 0.1))
    th("nothing but act", ["sigma_w2"], "badArg", S("tanh"), [])
    for v in [0, 1e-300, 0.05, 1, 1e3]:
        th("sigma_b2=%s" % num_text(v, False), ["sigma_b2"], "ok", S("tanh"),
           opts("sigma_w2", 1.2, "sigma_b2", v))
    for v, want in [(-1, "badValue"), (NAN, "badValue"), (INF, "badValue"), ("0", "badArg")]:
        v = val(v)
        th("sigma_b2=%s" % v.oct(), ["sigma_b2"], want, S("tanh"),
           [("sigma_w2", N(1)), ("sigma_b2", v)])
    # critical: the sigma_w2 of the edge of chaos (Octave: a bare flag, first)
    th("critical alone", ["critical"], "ok", S("tanh"), [("critical", FLAG())])
    for a, b in [("tanh", 0.05), ("tanh", 0), ("relu", 0.05), ("relu", 0), ("sigmoid", 0.1),
                 ("elu", 0.01), ("selu", 0), ("softsign", 0.05), ("linear", 0), ("softplus", 0.1)]:
        th("critical %s sigma_b2=%s" % (a, num_text(b, False)), ["critical", "sigma_b2"], "ok",
           S(a), [("critical", FLAG()), ("sigma_b2", N(b))])
    th("critical leaky_relu act_param=0.2", ["critical", "act_param"], "ok", S("leaky_relu"),
       [("critical", FLAG()), ("act_param", N(0.2)), ("sigma_b2", N(0.1))])
    th("bare flag CRITICAL in capitals", ["critical"], "ok", S("tanh"),
       [("CRITICAL", FLAG()), ("sigma_b2", N(0.05))])
    th("critical=true(name, value)", ["critical"], "ok", S("tanh"),
       [("critical", B(True)), ("sigma_b2", N(0.05))])
    th("critical=false sigma_w2=1", ["critical", "sigma_w2"], "ok", S("tanh"),
       [("critical", B(False)), ("sigma_w2", N(1))])
    th("critical=1", ["critical"], "ok", S("tanh"), [("critical", N(1))])
    th("critical with sigma_w2", ["critical", "sigma_w2"], "badOption", S("tanh"),
       [("critical", FLAG()), ("sigma_w2", N(1))])
    th("critical=true with sigma_w2", ["critical", "sigma_w2"], "badOption", S("relu"),
       [("critical", B(True)), ("sigma_w2", N(2)), ("sigma_b2", N(0))])
    th("critical=false without sigma_w2", ["critical", "sigma_w2"], "badArg", S("tanh"),
       [("critical", B(False))])
    for v in [N(2), N(NAN), S("yes"), N(-1), NUMS([1, 1])]:
        th("critical=%s" % v.oct(), ["critical"], "badArg", S("tanh"), [("critical", v)])
    th("critical with depth", ["critical", "depth", "q0", "c0"], "ok", S("tanh"),
       [("critical", FLAG()), ("sigma_b2", N(0.05)), ("depth", N(6)), ("q0", N(0.5)),
        ("c0", N(0.9))])
    # depth: the path q, c from q0, c0
    for d, q0, c0, a, w in [(0, None, None, "tanh", 1.5), (1, None, None, "tanh", 1.5),
                            (5, 1, 0.5, "tanh", 1.5), (40, 1, 0.99, "tanh", 3),
                            (10, 2, -1, "relu", 2), (3, 0.25, 1, "sigmoid", 4),
                            (20, 1e-6, 0, "elu", 1), (7, 100, -0.5, "softplus", 0.5),
                            (200, 1, 0.3, "linear", 0.9), (12, 3, 0.75, "relu", 3)]:
        o = [("depth", N(d))] + ([("q0", N(q0))] if q0 is not None else []) + \
            ([("c0", N(c0))] if c0 is not None else [])
        covers = ["depth"] + [n for n, _ in o[1:]]
        th("%s depth=%s q0=%s c0=%s" % (a, d, q0, c0), covers, "ok", S(a),
           [("sigma_w2", N(w)), ("sigma_b2", N(0.05))] + o)
    th("depth q0 alone", ["depth", "q0"], "ok", S("tanh"), opts("sigma_w2", 1, "depth", 4, "q0", 2))
    th("depth c0 alone", ["depth", "c0"], "ok", S("tanh"), opts("sigma_w2", 1, "depth", 4, "c0", 0))
    th("depth=5.0(lua float)", ["depth"], "ok", S("tanh"), [("sigma_w2", N(1)), ("depth", NF(5))])
    th("depth=int32(3)", ["depth"], "ok", S("tanh"), [("sigma_w2", N(1)), ("depth", INT(3))])
    for v, want in [(-1, "badValue"), (2.5, "badValue"), (NAN, "badValue"), (INF, "badValue"),
                    (1e8, "badValue"), (2.0 ** 64, "badValue"), ("3", "badArg"),
                    (NUMS([1, 2]), "badArg")]:
        v = val(v)
        th("depth=%s" % v.oct(), ["depth"], want, S("tanh"), [("sigma_w2", N(1)), ("depth", v)])
    for v, want in [(0, "badValue"), (-1, "badValue"), (INF, "badValue"), (NAN, "badValue"),
                    ("1", "badArg")]:
        v = val(v)
        th("q0=%s" % v.oct(), ["q0"], want, S("tanh"),
           [("sigma_w2", N(1)), ("depth", N(3)), ("q0", v)])
    for v, want in [(1.5, "badValue"), (-2, "badValue"), (NAN, "badValue"), (INF, "badValue"),
                    ("0.5", "badArg")]:
        v = val(v)
        th("c0=%s" % v.oct(), ["c0"], want, S("tanh"),
           [("sigma_w2", N(1)), ("depth", N(3)), ("c0", v)])
    th("q0 without depth", ["q0"], "badOption", S("tanh"), opts("sigma_w2", 1, "q0", 1))
    th("c0 without depth", ["c0"], "badOption", S("tanh"), opts("sigma_w2", 1, "c0", 0.5))
    th("q0 c0 with depth=0", ["q0", "c0", "depth"], "badOption", S("tanh"),
       opts("sigma_w2", 1, "depth", 0, "q0", 1, "c0", 0.5))
    # names in any case
    th("name case SIGMA_W2", ["sigma_w2"], "ok", S("tanh"), opts("SIGMA_W2", 2))
    th("name case Depth Q0", ["depth", "q0"], "ok", S("tanh"),
       opts("sigma_w2", 2, "Depth", 3, "Q0", 0.5))
    th("name case Critical", ["critical"], "ok", S("tanh"), [("Critical", B(True))])
    # unknown options
    for nm in ["sigma_w", "sigmaw2", "seed", "max_bytes", "crit", "activation2"]:
        th("unknown option %s" % nm, [], "badOption", S("tanh"),
           [("sigma_w2", N(1)), (nm, N(1))])


def build_jacobian_cases():
    """il_jacobian / il.jacobian: sv, max, mean_sq and condition, bit for bit."""
    LEAKY = Net([3, 5, 2], ["leaky_relu", "softplus"], 4)
    ISO = Net([4, 4, 4, 4], ["linear", "linear", "linear"], 5)
    HID = Net([2, 3, 3, 1], ["relu", "softmax", "sigmoid"], 6)

    def jac(label, covers, expect, net, X, o=(), init=None):
        add("jacobian", label, list(covers), expect, net=net, X=X, opts=list(o), init=init)
    for key in ["tanh", "lin", "soft", "deep"]:
        n, x, _ = DATA[key]
        jac("%s net" % key, [], "ok", n, x)
    jac("wide net", [], "ok", WIDE, X3)
    jac("leaky,softplus net", [], "ok", LEAKY, X3)
    jac("softmax output one column", [], "ok", SOFT, COL([0.5, -0.25]))
    # il_net refuses the net (setup), before the jacobian sees it
    jac("hidden softmax", [], "badArg", HID, X2)
    jac("orthogonal linear: isometry", [], "ok", ISO, M(grid(4, 3, 1)),
        init=("orthogonal", opts("seed", 1)))
    jac("he_normal deep", [], "ok", DEEP, X2, init=("he_normal", opts("seed", 2)))
    jac("zeros init: condition of zeros", [], "ok", TANH, X2, init=("zeros", []))
    jac("0 columns", [], "badSize", TANH, ZEROS(2, 0))
    jac("max_bytes=1e9", ["max_bytes"], "ok", TANH, X2, opts("max_bytes", 1e9))
    jac("max_bytes=0(default)", ["max_bytes"], "ok", TANH, X2, opts("max_bytes", 0))
    jac("MAX_BYTES in capitals", ["max_bytes"], "ok", SOFT, X2, opts("MAX_BYTES", 1e6))
    jac("max_bytes=1", ["max_bytes"], "tooBig", TANH, X2, opts("max_bytes", 1))
    jac("max_bytes=1 softmax", ["max_bytes"], "tooBig", SOFT, X2, opts("max_bytes", 1))
    for v, want in [(-1, "badValue"), (0.5, "badValue"), (NAN, "badValue"), ("a", "badArg")]:
        v = val(v)
        jac("max_bytes=%s" % v.oct(), ["max_bytes"], want, TANH, X2, [("max_bytes", v)])
    jac("wrong X rows", [], "badSize", TANH, M(grid(3, 4)))
    jac("wrong X rows softmax", [], "badSize", SOFT, M(grid(1, 4)))
    jac("NaN X", [], "badValue", TANH, M([[NAN, 1], [0, 1]]))
    jac("Inf X", [], "badValue", TANH, M([[INF, 1], [0, 1]]))
    jac("X string", [], "badArg", TANH, S("x"))
    jac("X list", [], "badArg", TANH, LIST([1, 2]))
    jac("unknown option", [], "badOption", TANH, X2, opts("maxbytes", 1))
    jac("unknown option seed", [], "badOption", TANH, X2, opts("seed", 1))


def build_propagation_cases():
    """il_propagation / il.propagation: every row and the table's text."""
    HID = Net([2, 3, 3, 1], ["relu", "softmax", "sigmoid"], 6)
    WIDE2 = Net([6, 16, 16, 1], ["tanh", "tanh", "sigmoid"], 7)

    def prop(label, expect, net, X, Y=None, init=None):
        add("propagation", label, [], expect, net=net, X=X, Y=Y, init=init)
    for key in ["tanh", "lin", "soft", "deep"]:
        n, x, y = DATA[key]
        prop("%s net with Y" % key, "ok", n, x, y)
        prop("%s net without Y" % key, "ok", n, x)
    prop("wide net", "ok", WIDE, X3, M(labels_rows(2, 6)))
    prop("6-16-16-1 tanh variance_scaling with Y", "ok", WIDE2, M(grid(6, 10, 3)),
         M(labels_rows(1, 10)),
         init=("variance_scaling", opts("scale", 1.5, "bias", "normal", "std", 0.25, "seed", 3)))
    prop("he_normal deep with Y", "ok", DEEP, X2, Y1, init=("he_normal", opts("seed", 1)))
    # zero weights: sigma_w2 = 0, the biases' variance alone
    prop("zeros init with Y", "ok", TANH, X2, Y1, init=("zeros", []))
    prop("orthogonal without Y", "ok", WIDE, X3, init=("orthogonal", opts("seed", 2)))
    prop("one column", "ok", TANH, COL([0.5, -0.25]), COL([1]))
    # il_net refuses a hidden softmax (badArg, at setup): propagation's own
    # refusal of one cannot be reached from either front end
    prop("hidden softmax", "badArg", HID, X2, Y1)
    prop("hidden softmax without Y", "badArg", HID, X2)
    prop("wrong X rows", "badSize", TANH, M(grid(3, 4)))
    prop("Y wrong cols", "badSize", TANH, X2, M(labels_rows(1, 5)))
    prop("Y wrong rows", "badSize", TANH, X2, Y3)
    prop("NaN X", "badValue", TANH, M([[NAN, 1], [0, 1]]))
    prop("X string", "badArg", TANH, S("x"))
    prop("Y string", "badArg", TANH, X2, S("y"))


def build():
    del CASES[:]
    build_net_cases()
    build_init_cases()
    build_train_cases()
    build_stats_cases()
    build_dataset_cases()
    build_gain_cases()
    build_forward_cases()
    build_summary_cases()
    build_cost_cases()
    build_rand_cases()
    build_animate_cases()
    build_report_cases()
    build_theory_cases()
    build_jacobian_cases()
    build_propagation_cases()
    seen = {}
    for c in CASES:
        slug = re.sub(r"[^A-Za-z0-9_.=+,\-\[\]{}()^']+", "_", c.label).strip("_")
        base = "%s:%s" % (c.call, slug)
        k = seen.get(base, 0)
        seen[base] = k + 1
        c.id = base if k == 0 else "%s#%d" % (base, k + 1)
    return CASES


# ---- emitters -------------------------------------------------------------

def net_probe(sizes):
    """A net case's layer count and the batch (X, Y) its digest runs."""
    items = sizes.xs if hasattr(sizes, "xs") else sizes.items

    def small(x):
        x = getattr(x, "x", x)
        ok = isinstance(x, (int, float)) and not isinstance(x, bool) and \
            math.isfinite(x) and 1 <= x <= 16 and x == int(x)
        return int(x) if ok else 2
    n0 = small(items[0]) if items else 2
    nL = small(items[-1]) if items else 2
    return max(len(items) - 1, 0), M(grid(n0, 4, 2)), M(labels_rows(nL, 4, 1))


def oct_opts(o):
    return "".join(", '%s', %s" % (name, v.oct()) for name, v in o)


def lua_opts(o):
    return "{" + ", ".join('["%s"] = %s' % (name, v.lua()) for name, v in o) + "}"


def oct_case(c, k):
    kw = c.kw
    body = ["function d = cf_case_%d ()" % k, "  global CF_STEP;"]
    step = lambda s: body.append("  CF_STEP = '%s';" % s)
    if c.call == "net":
        step("call")
        args = [kw["sizes"].oct()]
        if kw["act"] is not None:
            args.append(kw["act"].oct())
        body.append("  net = il_net (%s%s);" % (", ".join(args), oct_opts(kw["opts"])))
        L, X, Y = net_probe(kw["sizes"])
        step("forward")
        body.append("  out = il_forward (net, %s);" % X.oct())
        step("stats")
        body.append("  rec = il_stats (net, %s, %s, 'record', 'loss');" % (X.oct(), Y.oct()))
        step("digest")
        body.append("  d = [cf_net(net, %d), ' out=', cf_mat(out), ' loss=', cf_hex(rec.loss),"
                    " ' lossname=', cf_str(net.loss)];" % L)
    elif c.call == "init":
        step("setup")
        body.append("  net = %s;" % kw["net"].oct())
        step("call")
        body.append("  net = il_init (net, %s%s);" % (kw["name"].oct(), oct_opts(kw["opts"])))
        step("digest")
        body.append("  d = cf_net (net, %d);" % kw["net"].L)
    elif c.call in ("train", "stats"):
        step("setup")
        body.append("  net = %s;" % kw["net"].oct())
        body.append("  X = %s;" % kw["X"].oct())
        if kw["Y"] is not None:
            body.append("  Y = %s;" % kw["Y"].oct())
        step("call")
        if c.call == "train":
            body.append("  [net, rec] = il_train (net, X, Y%s);" % oct_opts(kw["opts"]))
            step("digest")
            body.append("  d = [cf_rec(rec), ' net:', cf_net(net, %d)];" % kw["net"].L)
        else:
            if kw["Y"] is None and kw["opts"]:
                body.append("  rec = il_stats (net, X, []%s);" % oct_opts(kw["opts"]))
            elif kw["Y"] is None:
                body.append("  rec = il_stats (net, X);")
            else:
                body.append("  rec = il_stats (net, X, Y%s);" % oct_opts(kw["opts"]))
            step("digest")
            body.append("  d = cf_rec (rec);")
    elif c.call == "dataset":
        step("call")
        body.append("  [X, Y, labels] = il_dataset (%s, %s%s);" % (
            kw["name"].oct(), kw["n"].oct(), oct_opts(kw["opts"])))
        step("digest")
        body.append("  d = ['X=', cf_mat(X), ' Y=', cf_mat(Y), ' labels=', cf_mat(labels)];")
    elif c.call == "gain":
        step("call")
        args = kw["name"].oct() + (", " + kw["param"].oct() if kw["param"] is not None else "")
        body.append("  [g, computed] = il_gain (%s);" % args)
        step("digest")
        body.append("  d = ['g=', cf_hex(g), ' computed=', cf_bool(computed)];")
    elif c.call == "forward":
        step("setup")
        body.append("  net = %s;" % kw["net"].oct())
        step("call")
        body.append("  out = il_forward (net, %s);" % kw["X"].oct())
        step("digest")
        body.append("  d = ['out=', cf_mat(out)];")
    elif c.call == "rand":
        step("call")
        args = kw["stream"].oct() + (", " + kw["seed"].oct() if kw["seed"] is not None else "")
        body.append("  g = il_rand (%s);" % args)
        step("digest")
        body.append("  d = ['state=', cf_mat(g.state)];")
    elif c.call == "draw":
        step("setup")
        body.append("  g = il_rand (%s, 3);" % kw["stream"].oct())
        if kw.get("edit"):
            body.append("  g.state(%d) = %s;" % (kw["edit"][0], num_text(kw["edit"][1], False)))
        if kw.get("cut"):
            body.append("  g.state(end) = [];")
        step("call")
        args = ", ".join([kw["dist"].oct()] + [x.oct() for x in kw["sizes"]])
        body.append("  [x, g] = il_rand (g, %s%s);" % (args, oct_opts(kw["opts"])))
        step("digest")
        body.append("  d = ['x=', cf_mat(x), ' state=', cf_mat(g.state)];")
    elif c.call == "summary":
        step("setup")
        body.append("  net = %s;" % kw["net"].oct())
        step("call")
        body.append("  t = il_summary (net);")
        step("digest")
        body.append("  d = ['text=', cf_str(t), ' line=', cf_str(strtok (t, \"\\n\"))];")
    elif c.call == "cost":
        step("setup")
        body.append("  net = %s;" % kw["net"].oct())
        step("call")
        args = "net, %s, %s%s" % (kw["X"].oct(), kw["Y"].oct(), oct_opts(kw["opts"]))
        body.append("  [J, grad] = il_cost (%s);" % args)
        body.append("  [dW, db, J2] = il_gradients (%s);" % args)
        step("digest")
        body.append("  d = ['J=', cf_hex(J), ' grad=', cf_mat(grad), ' J2=', cf_hex(J2)];")
        body.append("  for l = 1:numel (dW)")
        body.append("    d = [d, ' dW=', cf_mat(dW{l}), ' db=', cf_mat(db{l})];")
        body.append("  end")
    elif c.call == "animate":
        n, x, y = DATA["tanh"]
        step("setup")
        body.append("  [~, rec] = il_train (%s, %s, %s, 'iters', 4, 'record_every', 2, "
                    "'record', '%s', 'verbose', false);" % (n.oct(), x.oct(), y.oct(), kw["record"]))
        body.append("  file = %s;" % (kw["file"].oct() if kw["file"] else "[tempname() '.gif']"))
        step("call")
        body.append("  n = il_animate (rec, %s, file%s);" % (kw["kind"].oct(), oct_opts(kw["opts"])))
        step("digest")
        body.append("  f = fopen (file, 'rb'); b = fread (f, Inf, 'uint8=>char')'; fclose (f);")
        body.append("  delete (file);")
        body.append("  d = ['n=', cf_str(sprintf('%d', n)), ' gif=', cf_str(b)];")
    elif c.call == "report":
        n, x, y = DATA["tanh"]
        step("setup")
        body.append("  [~, z] = il_train (il_init (%s, 'zeros'), %s, %s, 'iters', 4, "
                    "'record_every', 2, 'record', '%s', 'verbose', false);"
                    % (n.oct(), x.oct(), y.oct(), kw["record"]))
        body.append("  [~, h] = il_train (il_init (%s, 'he_normal', 'seed', 3), %s, %s, "
                    "'iters', 4, 'record_every', 2, 'record', '%s', 'verbose', false);"
                    % (n.oct(), x.oct(), y.oct(), kw["record"]))
        body.append("  file = %s;" % (kw["file"].oct() if kw["file"] else "[tempname() '.html']"))
        step("call")
        body.append("  n = il_report (%s, file%s);"
                    % ("{z, h}" if kw["recs"] == 2 else "z", oct_opts(kw["opts"])))
        step("digest")
        body.append("  f = fopen (file, 'rb'); b = fread (f, Inf, 'uint8=>char')'; fclose (f);")
        body.append("  delete (file);")
        body.append("  d = ['n=', cf_str(sprintf('%d', n)), ' page=', cf_str(b)];")
    elif c.call == "theory":
        step("call")
        args = ([kw["act"].oct()] if kw["act"] is not None else []) + [
            ("'%s'" % name) if isinstance(v, FLAG) else "'%s', %s" % (name, v.oct())
            for name, v in kw["opts"]]
        body.append("  T = il_theory (%s);" % ", ".join(args))
        step("digest")
        body.append("  d = ['T=', cf_fieldset(T)];")
    elif c.call in ("jacobian", "propagation"):
        step("setup")
        body.append("  net = %s;" % kw["net"].oct())
        if kw.get("init"):
            body.append("  net = il_init (net, '%s'%s);" % (kw["init"][0], oct_opts(kw["init"][1])))
        step("call")
        if c.call == "jacobian":
            body.append("  R = il_jacobian (net, %s%s);" % (kw["X"].oct(), oct_opts(kw["opts"])))
        elif kw["Y"] is None:
            body.append("  R = il_propagation (net, %s);" % kw["X"].oct())
        else:
            body.append("  R = il_propagation (net, %s, %s);" % (kw["X"].oct(), kw["Y"].oct()))
        step("digest")
        body.append("  d = ['R=', cf_fieldset(R)];")
    body.append("end")
    return "\n".join(body)


def lua_case(c, k):
    kw = c.kw
    body = ["CASES[%d] = function()" % k]
    step = lambda s: body.append('  STEP = "%s"' % s)
    if c.call == "net":
        step("call")
        if hasattr(kw["sizes"], "xs"):
            parts = kw["sizes"].items_text(True)
        else:
            parts = [x.lua() for x in kw["sizes"].items]
        if kw["act"] is not None:
            parts.append('["act"] = %s' % kw["act"].lua())
        parts += ['["%s"] = %s' % (name, v.lua()) for name, v in kw["opts"]]
        body.append("  local net = il.net{%s}" % ", ".join(parts))
        L, X, Y = net_probe(kw["sizes"])
        step("forward")
        body.append("  local out = net:forward(%s)" % X.lua())
        step("stats")
        body.append('  local rec = net:stats(%s, %s, {record = "loss"})' % (X.lua(), Y.lua()))
        step("digest")
        body.append('  return cf_net(net, %d) .. " out=" .. cf_mat(out) .. " loss=" .. '
                    'cf_list(rec.loss) .. " lossname=" .. cf_str(net.loss)' % L)
    elif c.call == "init":
        step("setup")
        body.append("  local net = %s" % kw["net"].lua())
        step("call")
        if kw["opts"]:
            body.append("  net:init(%s, %s)" % (kw["name"].lua(), lua_opts(kw["opts"])))
        else:
            body.append("  net:init(%s)" % kw["name"].lua())
        step("digest")
        body.append("  return cf_net(net, %d)" % kw["net"].L)
    elif c.call in ("train", "stats"):
        step("setup")
        body.append("  local net = %s" % kw["net"].lua())
        body.append("  local X = %s" % kw["X"].lua())
        body.append("  local Y = %s" % (kw["Y"].lua() if kw["Y"] is not None else "nil"))
        step("call")
        if c.call == "train":
            body.append("  local rec = net:train(X, Y, %s)" % lua_opts(kw["opts"]))
            step("digest")
            body.append('  return cf_rec(rec) .. " net:" .. cf_net(net, %d)' % kw["net"].L)
        else:
            if kw["Y"] is None and not kw["opts"]:
                body.append("  local rec = net:stats(X)")
            else:
                body.append("  local rec = net:stats(X, Y, %s)" % lua_opts(kw["opts"]))
            step("digest")
            body.append("  return cf_rec(rec)")
    elif c.call == "dataset":
        step("call")
        o = [("n", kw["n"])] + list(kw["opts"])
        body.append("  local X, Y, labels = il.dataset(%s, %s)" % (kw["name"].lua(), lua_opts(o)))
        step("digest")
        body.append('  return "X=" .. cf_mat(X) .. " Y=" .. cf_mat(Y) .. " labels=" .. '
                    'cf_mat(labels)')
    elif c.call == "gain":
        step("call")
        args = kw["name"].lua() + (", " + kw["param"].lua() if kw["param"] is not None else "")
        body.append("  local g, computed = il.gain(%s)" % args)
        step("digest")
        body.append('  return "g=" .. cf_hex(g) .. " computed=" .. cf_bool(computed)')
    elif c.call == "forward":
        step("setup")
        body.append("  local net = %s" % kw["net"].lua())
        step("call")
        body.append("  local out = net:forward(%s)" % kw["X"].lua())
        step("digest")
        body.append('  return "out=" .. cf_mat(out)')
    elif c.call == "rand":
        step("call")
        args = kw["stream"].lua() + (", " + kw["seed"].lua() if kw["seed"] is not None else "")
        body.append("  local g = il.rand(%s)" % args)
        step("digest")
        body.append('  return "state=" .. cf_mat(g:state())')
    elif c.call == "draw":
        step("setup")
        body.append("  local g = il.rand(%s, 3)" % kw["stream"].lua())
        if kw.get("edit") or kw.get("cut"):
            body.append("  local s = g:state():totable()")
            if kw.get("edit"):
                body.append("  s[1][%d] = %s" % (kw["edit"][0], num_text(kw["edit"][1], True)))
            else:
                body.append("  s[1][#s[1]] = nil")
            # a state given back is checked as the draw would check it
            step("call")
            body.append("  g = il.rand(il.matrix(s))")
        step("call")
        args = [kw["dist"].lua()] + [x.lua() for x in kw["sizes"]]
        if kw["opts"]:
            args.append(lua_opts(kw["opts"]))
        body.append("  local x = g:draw(%s)" % ", ".join(args))
        step("digest")
        body.append('  return "x=" .. cf_mat(x) .. " state=" .. cf_mat(g:state())')
    elif c.call == "animate":
        n, x, y = DATA["tanh"]
        step("setup")
        body.append('  local rec = (%s):train(%s, %s, {iters = 4, record_every = 2, '
                    'record = "%s", verbose = false})' % (n.lua(), x.lua(), y.lua(), kw["record"]))
        body.append("  local file = %s" % (kw["file"].lua() if kw["file"] else "os.tmpname()"))
        step("call")
        body.append("  local n = il.animate(rec, %s, file, %s)" % (kw["kind"].lua(), lua_opts(kw["opts"])))
        step("digest")
        body.append('  local f = assert(io.open(file, "rb")); local b = f:read("a"); f:close()')
        body.append("  os.remove(file)")
        body.append('  return "n=" .. cf_str(tostring(n)) .. " gif=" .. cf_str(b)')
    elif c.call == "report":
        n, x, y = DATA["tanh"]
        step("setup")
        body.append('  local z = (%s):init("zeros"):train(%s, %s, {iters = 4, record_every = 2, '
                    'record = "%s", verbose = false})' % (n.lua(), x.lua(), y.lua(), kw["record"]))
        body.append('  local h = (%s):init("he_normal", {seed = 3}):train(%s, %s, {iters = 4, '
                    'record_every = 2, record = "%s", verbose = false})'
                    % (n.lua(), x.lua(), y.lua(), kw["record"]))
        body.append("  local file = %s" % (kw["file"].lua() if kw["file"] else "os.tmpname()"))
        step("call")
        body.append("  local n = il.report(%s, file, %s)"
                    % ("{z, h}" if kw["recs"] == 2 else "z", lua_opts(kw["opts"])))
        step("digest")
        body.append('  local f = assert(io.open(file, "rb")); local b = f:read("a"); f:close()')
        body.append("  os.remove(file)")
        body.append('  return "n=" .. cf_str(tostring(n)) .. " page=" .. cf_str(b)')
    elif c.call == "summary":
        step("setup")
        body.append("  local net = %s" % kw["net"].lua())
        step("call")
        body.append("  local t = net:summary()")
        step("digest")
        body.append('  return "text=" .. cf_str(t) .. " line=" .. cf_str(tostring(net))')
    elif c.call == "cost":
        step("setup")
        body.append("  local net = %s" % kw["net"].lua())
        step("call")
        args = "%s, %s, %s" % (kw["X"].lua(), kw["Y"].lua(), lua_opts(kw["opts"]))
        body.append("  local J, grad = net:cost(%s)" % args)
        body.append("  local dW, db, J2 = net:gradients(%s)" % args)
        step("digest")
        body.append('  local d = "J=" .. cf_hex(J) .. " grad=" .. cf_mat(grad) .. " J2=" .. cf_hex(J2)')
        body.append("  for l = 1, #dW do")
        body.append('    d = d .. " dW=" .. cf_mat(dW[l]) .. " db=" .. cf_mat(db[l])')
        body.append("  end")
        body.append("  return d")
    elif c.call == "theory":
        step("call")
        if kw["act"] is None and not kw["opts"]:
            body.append("  local T = il.theory()")
        else:
            body.append("  local T = il.theory(%s, %s)" % (
                kw["act"].lua() if kw["act"] is not None else "nil", lua_opts(kw["opts"])))
        step("digest")
        body.append('  return "T=" .. cf_fieldset(T)')
    elif c.call in ("jacobian", "propagation"):
        step("setup")
        body.append("  local net = %s" % kw["net"].lua())
        if kw.get("init"):
            body.append('  net:init("%s", %s)' % (kw["init"][0], lua_opts(kw["init"][1])))
        step("call")
        if c.call == "jacobian":
            if kw["opts"]:
                body.append("  local R = il.jacobian(net, %s, %s)" % (kw["X"].lua(),
                                                                      lua_opts(kw["opts"])))
            else:
                body.append("  local R = il.jacobian(net, %s)" % kw["X"].lua())
        elif kw["Y"] is None:
            body.append("  local R = il.propagation(net, %s)" % kw["X"].lua())
        else:
            body.append("  local R = il.propagation(net, %s, %s)" % (kw["X"].lua(), kw["Y"].lua()))
        step("digest")
        body.append('  return "R=" .. cf_fieldset(R)')
    body.append("end")
    return "\n".join(body)


OCT_PRELUDE = r"""%% cases.m - generated by tests/conformance/cases.py; do not edit.
%% Runs every conformance case from cf_start (1 unless set) and appends one
%% line per case to the file cf_out names.
1;
crash_dumps_octave_core (false);

function s = cf_hex (x)
  % the IEEE bits of every number of x, column-major, comma-separated
  x = double (x(:));
  if (isempty (x))
    s = '';
    return;
  end
  h = lower (num2hex (x));
  h(:, end + 1) = ',';
  h = h';
  s = h(:)';
  s(end) = [];
end

function s = cf_mat (x)
  if (iscell (x) || isstruct (x) || ischar (x))
    s = ['?', class(x)];
    return;
  end
  s = sprintf ('%dx%d:%s', size (x, 1), size (x, 2), cf_hex (x));
end

function s = cf_str (x)
  if (! ischar (x))
    s = ['?', class(x)];
    return;
  end
  s = ['"', lower(sprintf('%02x', double (x))), '"'];
end

function s = cf_bool (x)
  if (islogical (x) && isscalar (x))
    if (x)
      s = 'T';
    else
      s = 'F';
    end
  else
    s = ['?', class(x)];
  end
end

function s = cf_fieldset (T)
  % a FIELDS result (a struct): its field count, then every field by name
  % in byte order, texts as their bytes, numbers as RxC and their IEEE bits
  if (! (isstruct (T) && isscalar (T)))
    s = ['?', class(T)];
    return;
  end
  names = fieldnames (T);
  [~, order] = sort (cellfun (@(n) sprintf ('%02x', double (n)), names, 'UniformOutput', false));
  names = names(order);
  parts = cell (1, numel (names));
  for i = 1:numel (names)
    v = T.(names{i});
    if (ischar (v))
      t = cf_str (v);
    elseif (isnumeric (v) || islogical (v))
      t = cf_mat (v);
    else
      t = ['?', class(v)];
    end
    parts{i} = [names{i}, '=', t];
  end
  s = sprintf ('%d{%s}', numel (names), strjoin (parts, ';'));
end

function s = cf_net (net, L)
  parts = cell (1, L);
  for l = 1:L
    parts{l} = sprintf ('W%d=%s b%d=%s', l, cf_mat (net.W{l}), l, cf_mat (net.b{l}));
  end
  s = strjoin (parts, ' ');
end

function s = cf_rec (rec)
  F = cf_fields ();
  parts = cell (1, size (F, 1));
  for i = 1:size (F, 1)
    name = F{i, 1};
    shape = F{i, 2};
    if (! isfield (rec, name))
      parts{i} = [name, '=-'];
      continue;
    end
    v = rec.(name);
    switch (shape)
      case 'PER_LAYER'
        if (! iscell (v))
          t = ['?', class(v)];
        else
          sub = cell (1, numel (v));
          for l = 1:numel (v)
            w = v{l};
            if (isempty (w))
              sub{l} = '[]';
            else
              sub{l} = sprintf ('%dx%dx%d:%s', size (w, 1), size (w, 2), size (w, 3), cf_hex (w));
            end
          end
          t = strjoin (sub, '|');
        end
      case 'STRING'
        t = cf_str (v);
      otherwise
        if (! (isnumeric (v) || islogical (v)))
          t = ['?', class(v)];
        elseif (isempty (v))
          t = '[]';
        elseif (any (strcmp (shape, {'ROW', 'EDGES', 'SCALAR'})))
          t = sprintf ('%d:%s', numel (v), cf_hex (v));
        elseif (strcmp (shape, 'LAYERS'))
          t = sprintf ('%dx%d:%s', size (v, 1), size (v, 2), cf_hex (v));
        else
          t = sprintf ('%dx%dx%d:%s', size (v, 1), size (v, 2), size (v, 3), cf_hex (v));
        end
    end
    parts{i} = [name, '=', t];
  end
  s = strjoin (parts, ';');
end
"""

OCT_MAIN = r"""
global CF_STEP;
if (! exist ('cf_start', 'var'))
  cf_start = 1;
end
cf_f = fopen (cf_out, 'a');
for cf_k = cf_start:numel (CF_IDS)
  CF_STEP = 'setup';
  fprintf (cf_f, '#start %s\n', CF_IDS{cf_k});
  fflush (cf_f);
  try
    cf_d = feval (sprintf ('cf_case_%d', cf_k));
    fprintf (cf_f, '%s ok %s\n', CF_IDS{cf_k}, cf_d);
  catch cf_err
    cf_id = cf_err.identifier;
    if (isempty (cf_id))
      cf_id = ['octave:', regexprep(cf_err.message(1:min(end, 60)), '\s+', '_')];
    end
    fprintf (cf_f, '%s error %s %s\n', CF_IDS{cf_k}, CF_STEP, cf_id);
    fprintf (cf_f, '#msg %s %s\n', CF_IDS{cf_k}, regexprep (cf_err.message, '[\r\n]+', ' '));
  end
  fflush (cf_f);
end
fprintf (cf_f, '#done\n');
fclose (cf_f);
"""

LUA_PRELUDE = r"""-- cases.lua - generated by tests/conformance/cases.py; do not edit.
-- lua5.4 cases.lua OUT [START]: runs every conformance case from START and
-- appends one line per case to the file OUT.
local il = require "initlab"
local out_path, start = arg[1], tonumber(arg[2] or "1")
local STEP = "setup"
local CASES, IDS = {}, {}

local function cf_hex1(x)
  return string.format("%016x", string.unpack("<i8", string.pack("<d", x)))
end

local function cf_hex(x)
  if type(x) ~= "number" then return "?" .. type(x) end
  return cf_hex1(x)
end

local function cf_bool(x)
  if type(x) ~= "boolean" then return "?" .. type(x) end
  return x and "T" or "F"
end

local function cf_str(s)
  if type(s) ~= "string" then return "?" .. type(s) end
  return '"' .. s:gsub(".", function(c) return string.format("%02x", c:byte()) end) .. '"'
end

local function cf_matrix_hex(m)
  local r, c = m:size()
  local t = {}
  for j = 1, c do
    for i = 1, r do t[#t + 1] = cf_hex1(m:get(i, j)) end
  end
  return r, c, table.concat(t, ",")
end

local function cf_mat(m)
  if type(m) ~= "userdata" then return "?" .. type(m) end
  local r, c, h = cf_matrix_hex(m)
  return string.format("%dx%d:%s", r, c, h)
end

local function cf_list(v)
  -- a list of numbers, as Octave's 1 x R
  if type(v) ~= "table" then return "?" .. type(v) end
  if #v == 0 then return "" end
  local t = {}
  for i = 1, #v do t[i] = cf_hex1(v[i]) end
  return table.concat(t, ",")
end

local function cf_fieldset(t)
  -- a FIELDS result (a table): as Octave's cf_fieldset, names in byte order;
  -- a number is 1x1, as Octave shows it
  if type(t) ~= "table" then return "?" .. type(t) end
  local names = {}
  for key in pairs(t) do names[#names + 1] = tostring(key) end
  table.sort(names)
  local parts = {}
  for i, key in ipairs(names) do
    local v, s = t[key], nil
    if type(v) == "string" then
      s = cf_str(v)
    elseif type(v) == "number" then
      s = "1x1:" .. cf_hex1(v)
    elseif type(v) == "userdata" then
      s = cf_mat(v)
    else
      s = "?" .. type(v)
    end
    parts[i] = key .. "=" .. s
  end
  return string.format("%d{%s}", #names, table.concat(parts, ";"))
end

local function cf_net(net, L)
  local parts = {}
  for l = 1, L do
    parts[l] = string.format("W%d=%s b%d=%s", l, cf_mat(net.W[l]), l, cf_mat(net.b[l]))
  end
  return table.concat(parts, " ")
end

local FIELDS = @FIELDS@

local function cf_field(v, shape)
  if shape == "STRING" then return cf_str(v) end
  if shape == "SCALAR" then
    if type(v) ~= "number" then return "?" .. type(v) end
    return "1:" .. cf_hex1(v)
  end
  if type(v) ~= "table" then return "?" .. type(v) end
  local t = {}
  if shape == "ROW" or shape == "EDGES" then
    if #v == 0 then return "[]" end
    for i = 1, #v do t[i] = cf_hex1(v[i]) end
    return string.format("%d:%s", #v, table.concat(t, ","))
  elseif shape == "LAYERS" then
    local L = #v
    local R = L > 0 and #v[1] or 0
    if L == 0 or R == 0 then return "[]" end
    for r = 1, R do
      for l = 1, L do t[#t + 1] = cf_hex1(v[l][r]) end
    end
    return string.format("%dx%d:%s", L, R, table.concat(t, ","))
  elseif shape == "LAYER_ITEMS" then
    local L = #v
    local R = L > 0 and #v[1] or 0
    local P = R > 0 and #v[1][1] or 0
    if L == 0 or R == 0 or P == 0 then return "[]" end
    for r = 1, R do
      for p = 1, P do
        for l = 1, L do t[#t + 1] = cf_hex1(v[l][r][p]) end
      end
    end
    return string.format("%dx%dx%d:%s", L, P, R, table.concat(t, ","))
  elseif shape == "PER_LAYER" then
    local sub = {}
    for l = 1, #v do
      local R = #v[l]
      if R == 0 then
        sub[l] = "[]"
      else
        local rows, cols = v[l][1]:size()
        local h = {}
        for r = 1, R do
          local _, _, x = cf_matrix_hex(v[l][r])
          h[r] = x
        end
        sub[l] = string.format("%dx%dx%d:%s", rows, cols, R, table.concat(h, ","))
      end
    end
    return table.concat(sub, "|")
  end
  return "?shape"
end

local function cf_rec(rec)
  local parts = {}
  for i, f in ipairs(FIELDS) do
    local v = rec[f[1]]
    if v == nil then
      parts[i] = f[1] .. "=-"
    else
      parts[i] = f[1] .. "=" .. cf_field(v, f[2])
    end
  end
  return table.concat(parts, ";")
end
"""

LUA_MAIN = r"""
local f = assert(io.open(out_path, "a"))
for k = start, #CASES do
  STEP = "setup"
  f:write("#start ", IDS[k], "\n")
  f:flush()
  local ok, d = pcall(CASES[k])
  if ok then
    f:write(IDS[k], " ok ", tostring(d), "\n")
  else
    local msg = tostring(d)
    local id = msg:match("^(initlab:%a+)") or msg:match("^[^\n]-:%d+: (initlab:%a+)")
    if not id then id = "lua:" .. msg:sub(1, 60):gsub("%s+", "_") end
    f:write(IDS[k], " error ", STEP, " ", id, "\n")
    f:write("#msg ", IDS[k], " ", (msg:gsub("[\r\n]+", " ")), "\n")
  end
  f:flush()
  collectgarbage()
end
f:write("#done\n")
f:close()
"""


def emit(outdir):
    cases = build()
    fields = record_fields()
    os.makedirs(outdir, exist_ok=True)
    # Octave
    lines = [OCT_PRELUDE]
    lines.append("function F = cf_fields ()\n  F = {" + "; ".join(
        "'%s', '%s'" % f for f in fields) + "};\nend\n")
    for k, c in enumerate(cases, 1):
        lines.append(oct_case(c, k))
    lines.append("\nCF_IDS = {" + ", ...\n  ".join("'%s'" % c.id.replace("'", "''")
                                                  for c in cases) + "};")
    lines.append(OCT_MAIN)
    with open(os.path.join(outdir, "cases.m"), "w") as f:
        f.write("\n".join(lines))
    # Lua
    lua_fields = "{" + ", ".join('{"%s", "%s"}' % f for f in fields) + "}"
    lines = [LUA_PRELUDE.replace("@FIELDS@", lua_fields)]
    for k, c in enumerate(cases, 1):
        lines.append(lua_case(c, k))
        lines.append('IDS[%d] = "%s"' % (k, c.id.replace("\\", "\\\\").replace('"', '\\"')))
    lines.append(LUA_MAIN)
    with open(os.path.join(outdir, "cases.lua"), "w") as f:
        f.write("\n".join(lines))
    # the table itself, for the runner
    with open(os.path.join(outdir, "cases.tsv"), "w") as f:
        for c in cases:
            f.write("%s\t%s\t%s\t%s\n" % (c.id, c.call, c.expect or "", ",".join(c.covers)))
    return cases


def coverage(cases=None):
    """[(call, option, has_valid, has_invalid)] for every option of the contract."""
    cases = cases or build()
    out = []
    for call, names in call_options().items():
        for name in names:
            mine = [c for c in cases if c.call == call and name.lower() in
                    [x.lower() for x in c.covers]]
            valid = any(c.expect == "ok" for c in mine)
            invalid = any(c.expect != "ok" for c in mine)
            out.append((call, name, valid, invalid))
    return out


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: cases.py OUTDIR")
    cs = emit(sys.argv[1])
    print("%d cases written to %s" % (len(cs), sys.argv[1]))
