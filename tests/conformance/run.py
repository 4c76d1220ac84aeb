#!/usr/bin/env python3
"""run.py BUILD - the conformance suite: every case of cases.py through
Octave and through Lua, compared line by line.

Each case is one TAP line: "ok N - <case>" when both front ends give the
same digest (bit-identical numbers) or the same error identifier, else
"not ok N - <case>: octave says X, lua says Y".  A front end that crashes
or hangs on a case is restarted after it, and that case fails.  The last
line is "# conformance: N ok, M not ok".  BUILD/conformance/ keeps the
generated scripts, both outputs and report.txt (every disagreement in full).

Standard library only.
"""
import os
import signal
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
import cases as table  # noqa: E402

STALL = 10.0        # seconds without a new line: the case hangs
RESTARTS = 40       # give up on a front end after this many crashes


def octave_cmd(build, out, start):
    code = ("addpath('%s', '%s'); cf_out = '%s'; cf_start = %d; run('%s');" % (
        os.path.join(build, "octave"), os.path.join(ROOT, "octave"), out, start,
        os.path.join(build, "conformance", "cases.m")))
    return ["sh", os.path.join(ROOT, "tools", "octave-run"), code], dict(os.environ)


def lua_cmd(build, out, start):
    env = dict(os.environ)
    env["LUA_PATH"] = os.path.join(ROOT, "lua", "?.lua") + ";;"
    env["LUA_CPATH"] = os.path.join(build, "lua", "?.so") + ";;"
    return ["lua5.4", os.path.join(build, "conformance", "cases.lua"), out, str(start)], env


def parse(path):
    """-> (results {id: text}, messages {id: text}, last started id, done)"""
    results, messages, started, done = {}, {}, None, False
    if not os.path.exists(path):
        return results, messages, started, done
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("#start "):
                started = line[7:]
            elif line.startswith("#msg "):
                cid, _, msg = line[5:].partition(" ")
                messages[cid] = msg
            elif line == "#done":
                done = True
            elif line and not line.startswith("#"):
                cid, _, rest = line.partition(" ")
                results[cid] = rest
                if cid == started:
                    started = None
    return results, messages, started, done


def count_starts(path):
    if not os.path.exists(path):
        return 0
    with open(path, encoding="utf-8", errors="replace") as f:
        return sum(1 for line in f if line.startswith("#start "))


def log_tail(path):
    """The first line of the log that says what went wrong."""
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            lines = [l.strip() for l in f if l.strip()]
    except OSError:
        return "no log"
    for l in lines:
        if "error" in l.lower() or "lua5.4:" in l:
            return l[:120]
    return lines[-1][:120] if lines else "no output"


def run_front_end(name, make_cmd, build, ids, workdir):
    """Runs the cases, restarting after a crash or a hang; -> results, messages."""
    out = os.path.join(build, "conformance", name + ".out")
    if os.path.exists(out):
        os.remove(out)
    notes = {}
    start = 1
    for _ in range(RESTARTS):
        cmd, env = make_cmd(build, out, start)
        starts_before = count_starts(out)
        log = open(os.path.join(build, "conformance", name + ".log"), "a")
        p = subprocess.Popen(cmd, env=env, cwd=workdir, stdout=log, stderr=subprocess.STDOUT,
                             start_new_session=True)
        last_size, last_change, why = -1, time.time(), None
        while p.poll() is None:
            time.sleep(0.1)
            size = os.path.getsize(out) if os.path.exists(out) else 0
            if size != last_size:
                last_size, last_change = size, time.time()
            elif time.time() - last_change > STALL:
                why = "hung (no answer in %ds; killed)" % STALL
                os.killpg(p.pid, signal.SIGKILL)
                p.wait()
                break
        log.close()
        results, messages, started, done = parse(out)
        if done:
            break
        if count_starts(out) == starts_before:
            # it died before its first case: the module does not load
            tail = log_tail(os.path.join(build, "conformance", name + ".log"))
            with open(out, "a") as f:
                for i in ids[start - 1:]:
                    if i not in results:
                        f.write("%s crash did_not_start:_%s\n" % (i, tail.replace(" ", "_")))
            break
        # the case that was running when it died
        if started is None:
            missing = [i for i in ids if i not in results]
            if not missing:
                break
            started = missing[0]
        notes[started] = why or "crashed (exit %s)" % p.returncode
        with open(out, "a") as f:
            f.write("%s crash %s\n" % (started, notes[started].replace(" ", "_")))
        start = ids.index(started) + 2
        if start > len(ids):
            break
    results, messages, _, _ = parse(out)
    return results, messages


def first_difference(a, b):
    """The first token (field) where two digests differ, for the TAP line."""
    ta, tb = a.replace(";", " ").split(" "), b.replace(";", " ").split(" ")
    for x, y in zip(ta, tb):
        if x != y:
            return x, y
    return " ".join(ta[len(tb):])[:80] or "(shorter)", " ".join(tb[len(ta):])[:80] or "(shorter)"


def short(s, n=90):
    return s if len(s) <= n else s[:n] + "..."


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: run.py BUILD")
    build = os.path.abspath(sys.argv[1])
    conf = os.path.join(build, "conformance")
    cases = table.emit(conf)
    ids = [c.id for c in cases]
    work = os.path.join(conf, "scratch")
    os.makedirs(work, exist_ok=True)
    for log in ("octave.log", "lua.log"):
        if os.path.exists(os.path.join(conf, log)):
            os.remove(os.path.join(conf, log))

    t0 = time.time()
    octave, oct_msgs = run_front_end("octave", octave_cmd, build, ids, work)
    t1 = time.time()
    lua, lua_msgs = run_front_end("lua", lua_cmd, build, ids, work)
    t2 = time.time()
    print("# %d cases; Octave took %.1f s, Lua %.1f s" % (len(cases), t1 - t0, t2 - t1))

    passed = failed = 0
    n = 0
    report = []
    notes = []
    for c in cases:
        n += 1
        o = octave.get(c.id, "missing (the run ended before it)")
        lu = lua.get(c.id, "missing (the run ended before it)")
        if o == lu and not o.startswith("crash") and not o.startswith("missing"):
            passed += 1
            print("ok %d - %s" % (n, c.id))
            kind = o.split(" ")
            got = "ok" if kind[0] == "ok" else kind[-1].split(":")[-1]
            if c.expect and got != c.expect:
                notes.append("# note: %s: both say %s, the table expects %s%s" % (
                    c.id, got, c.expect,
                    " (%s)" % short(oct_msgs.get(c.id, ""), 120) if kind[0] != "ok" else ""))
            continue
        failed += 1
        if o.startswith("ok ") and lu.startswith("ok "):
            x, y = first_difference(o[3:], lu[3:])
            what = "octave says %s, lua says %s" % (short(x), short(y))
        else:
            def say(r, msgs):
                if r.startswith("ok "):
                    return "ok (%s)" % short(r[3:], 60)
                m = msgs.get(c.id)
                return r + (" (%s)" % short(m, 100) if m else "")
            what = "octave says %s, lua says %s" % (say(o, oct_msgs), say(lu, lua_msgs))
        print("not ok %d - %s: %s" % (n, c.id, what))
        report.append("== %s (expected: %s)\n  octave: %s\n  %s\n  lua:    %s\n  %s\n" % (
            c.id, c.expect or "?", o, oct_msgs.get(c.id, ""), lu, lua_msgs.get(c.id, "")))

    # every option of every call has cases that accept and that refuse it
    for call, names in table.call_options().items():
        gaps = [name for (cl, name, v, i) in table.coverage(cases)
                if cl == call and not (v and i)]
        n += 1
        if gaps:
            failed += 1
            print("not ok %d - every option of %s has valid and invalid cases: missing %s" % (
                n, call, ", ".join(gaps)))
        else:
            passed += 1
            print("ok %d - every option of %s has valid and invalid cases" % (n, call))
    n += 1
    if len(cases) >= 300:
        passed += 1
        print("ok %d - at least 300 cases (%d)" % (n, len(cases)))
    else:
        failed += 1
        print("not ok %d - at least 300 cases (%d)" % (n, len(cases)))

    for line in notes:
        print(line)
    with open(os.path.join(conf, "report.txt"), "w") as f:
        f.write("\n".join(report))
        f.write("\n".join(notes) + "\n")
    print("# conformance: %d ok, %d not ok" % (passed, failed))
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
