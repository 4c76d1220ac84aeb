"""The numpy suite: the engine's numpy stream (tests/numpy/reproduce.c)
against NumPy itself (coursework.py, run here) and against the figures the
published assignment printed.  Prints TAP lines and a summary.

Usage: python3 compare.py PATH_TO_REPRODUCE_BINARY
"""
import math
import subprocess
import sys

import coursework  # sets NumPy's CPU features before numpy loads

results = []


def check(ok, what):
    results.append(bool(ok))
    print("%s - %s" % ("ok" if ok else "not ok", what))


def engine(*args):
    out = subprocess.run([sys.argv[1]] + [str(a) for a in args],
                         capture_output=True, text=True, check=True).stdout
    return [[float(v) for v in line.split()] for line in out.splitlines()]


def numpy_side(*args):
    import contextlib
    import io
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        coursework.main(["coursework.py"] + [str(a) for a in args])
    return [[float(v) for v in line.split()] for line in buf.getvalue().splitlines()]


def same_bits(a, b):
    return len(a) == len(b) and all(
        len(x) == len(y) and all(u.hex() == v.hex() for u, v in zip(x, y))
        for x, y in zip(a, b))


def relative(a, b):
    return abs(a - b) / abs(b)


for args in (("randn", 1, 1000), ("randn", 3, 7), ("data", "circles", 300, 0.05, 1),
             ("data", "circles", 100, 0.05, 2), ("data", "circles", 7, 0.2, 0),
             ("data", "moons", 200, 0.1, 5), ("data", "moons", 3, 0.0, 4),
             ("init", "he"), ("init", "random"), ("init", "zeros")):
    check(same_bits(engine(*args), numpy_side(*args)),
          "%s: the engine's numpy stream gives NumPy's bits" % " ".join(map(str, args)))

w1 = engine("init", "he")[0]
check(round(w1[0], 8) == 1.78862847 and round(w1[10], 8) == 0.43650985,
      "He with seed 3: W1's first row is 1.78862847, 0.43650985 (the assignment's)")

LN2 = 0.6931471805599453
# what the published notebook printed
published = {
    "zeros": (0.5, 0.5),
    "random": (0.83, 0.86),
    "he": (0.9933333333333333, 0.96),
}
runs = {}
for kind in ("zeros", "random", "he"):
    costs, acc = engine("train", kind, 15000)
    ref_costs, ref_acc = numpy_side("train", kind, 15000)
    runs[kind] = costs
    check(len(costs) == 15, "%s: 15 costs printed (iterations 0, 1000, ..., 14000)" % kind)
    check(acc == list(published[kind]),
          "%s: train/test accuracy %r, published %r" % (kind, acc, list(published[kind])))
    check(acc == ref_acc, "%s: NumPy here agrees (%r)" % (kind, ref_acc))

# zeros: ln 2 = 0.6931471805599453 at every print.  The engine computes
# the loss from the logit; NumPy from sigmoid(z) rounded to 0.5.  The bias
# of the output unit drifts to ~1e-16 in both (balanced classes do not sum
# to exactly zero in floating point), which NumPy's rounding hides and the
# logit shows in the last place.
check(all(abs(c - LN2) <= 2 * math.ulp(LN2) for c in runs["zeros"]),
      "zeros: the cost is ln 2 to within 2 units in the last place at every print")
check(runs["zeros"][0] == LN2, "zeros: exactly ln 2 = %r at iteration 0" % LN2)
he = runs["he"]
check(relative(he[0], 0.8830537463419761) < 1e-9,
      "he: cost at iteration 0 is 0.8830537463419761 (rel. error %.1e)"
      % relative(he[0], 0.8830537463419761))
check(relative(he[14], 0.07357895962677366) < 1e-9,
      "he: cost at iteration 14000 is 0.07357895962677366 (rel. error %.1e)"
      % relative(he[14], 0.07357895962677366))
ref_he = numpy_side("train", "he", 15000)[0]
check(max(relative(a, b) for a, b in zip(he, ref_he)) < 1e-9,
      "he: every printed cost within 1e-9 of NumPy's here")
check(math.isfinite(runs["random"][0]) and runs["random"][0] > 100,
      "randn*10: a huge but finite first cost (%.1f; NumPy prints inf: log(0))"
      % runs["random"][0])

failed = results.count(False)
print("# numpy: %d ok, %d not ok" % (len(results) - failed, failed))
