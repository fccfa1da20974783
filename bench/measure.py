#!/usr/bin/env python3
"""Times whole commands side by side: a warm-up run of each, then RUNS rounds
in which the commands take turns (each round starting one command further on),
so drift on a shared machine hits all of them alike. For each command: median,
min and max wall time (taken by bench/runcmd.c around fork and wait, compiled
on first use), the median CPU time of the command and its children
(user + system, from wait4's rusage: the client's own work; the rest of the wall
time is waiting, on a server, a disk or the scheduler), and the median peak
resident memory (the largest process of the command's tree).

usage: measure.py RUNS [--setup NAME=COMMAND]... [--ok NAME=CODES]... NAME=COMMAND...
  -> JSON on stdout
A COMMAND is run by /bin/sh with stdout to /dev/null. --setup gives NAME a
command that runs, untimed, before each of its runs (a fresh empty database,
a touched file); --ok the exit codes that count as success (default 0, e.g.
0,1 for a differ that exits 1 on differences). A failing run aborts.

As a module (bench.py): measure(runs, [Command, ...]) returns the same
dictionary and, instead of aborting, reports a failing command in its entry
("error") and drops it from the later rounds, so the others still run."""
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time


class Command:
    def __init__(self, name, cmd, setup=None, ok=(0,), env=None, timeout=1800):
        self.name = name
        self.cmd = cmd
        self.setup = setup
        self.ok = tuple(ok)
        self.env = env
        self.timeout = timeout


class RunError(Exception):
    pass


def _tail(path, limit=600):
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError:
        return ""
    text = data.decode("utf-8", "replace").strip()
    return text[-limit:]


def _wait(proc, timeout):
    """A blocking wait4 (no polling delay in the timing); past the deadline a
    timer kills the process group we started."""
    fired = []

    def kill():
        fired.append(True)
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass

    timer = threading.Timer(timeout, kill)
    timer.start()
    try:
        _, status, usage = os.wait4(proc.pid, 0)
    except BaseException:  # interrupted: end what we started, then go on unwinding
        kill()
        os.wait4(proc.pid, 0)
        raise
    finally:
        timer.cancel()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if fired:
        raise RunError(f"timed out after {timeout} s")
    return status, usage


def run_untimed(cmd, env=None, what="setup", timeout=1800):
    with tempfile.TemporaryFile() as err:
        proc = subprocess.run(["/bin/sh", "-c", cmd], stdout=subprocess.DEVNULL, stderr=err, env=env,
                              timeout=timeout)
        if proc.returncode != 0:
            err.seek(0)
            msg = err.read().decode("utf-8", "replace").strip()[-600:]
            raise RunError(f"{what} '{cmd}' exited {proc.returncode}: {msg}")


HERE = os.path.dirname(os.path.abspath(__file__))
_runcmd = None


def runcmd():
    """bench/runcmd.c, compiled into bench/.peers/bin when missing or older."""
    global _runcmd
    if _runcmd:
        return _runcmd
    src = os.path.join(HERE, "runcmd.c")
    exe = os.path.join(HERE, ".peers", "bin", "runcmd")
    if not os.path.exists(exe) or os.path.getmtime(exe) < os.path.getmtime(src):
        os.makedirs(os.path.dirname(exe), exist_ok=True)
        cc = os.environ.get("CC", "cc")
        subprocess.run([cc, "-O2", "-std=c11", "-Wall", "-o", exe + ".tmp", src], check=True)
        os.replace(exe + ".tmp", exe)
    _runcmd = exe
    return exe


def run_once(c):
    """One timed run: (wall seconds, CPU seconds, peak MiB), as runcmd saw them."""
    if c.setup:
        run_untimed(c.setup, c.env, timeout=c.timeout)
    fd, errpath = tempfile.mkstemp(prefix="measure-err-")
    rfd, respath = tempfile.mkstemp(prefix="measure-res-")
    os.close(rfd)
    try:
        proc = subprocess.Popen([runcmd(), respath, c.cmd], stdout=subprocess.DEVNULL, stderr=fd, env=c.env,
                                start_new_session=True)
        _wait(proc, c.timeout)
        with open(respath) as f:
            fields = f.read().split()
        if len(fields) != 4:
            raise RunError(f"'{c.cmd}': runcmd failed: {_tail(errpath)}")
        wall, cpu, kib, code = float(fields[0]), float(fields[1]), int(fields[2]), int(fields[3])
        if code not in c.ok:
            raise RunError(f"'{c.cmd}' exited {code}: {_tail(errpath)}")
    finally:
        os.close(fd)
        os.unlink(errpath)
        os.unlink(respath)
    return wall, cpu, kib / 1024.0


def summarise(samples):
    times = [t for t, _, _ in samples]
    return {
        "runs": len(samples),
        "median_s": statistics.median(times),
        "min_s": min(times),
        "max_s": max(times),
        "cpu_s": statistics.median([c for _, c, _ in samples]),
        "peak_mib": statistics.median([m for _, _, m in samples]),
        "samples_s": times,
    }


def measure(runs, commands, progress=None, warmup=True):
    """warmup=False: for commands that run for minutes, whose caches the
    commands before them have warmed already."""
    out = {}
    samples = {c.name: [] for c in commands}
    alive = []
    for c in commands:  # warm-up: caches, catalog, page cache, .pyc files
        if not warmup:
            alive.append(c)
            continue
        try:
            run_once(c)
            alive.append(c)
        except (RunError, subprocess.TimeoutExpired) as e:
            out[c.name] = {"error": str(e)}
    for r in range(runs):
        if progress:
            progress(r + 1, runs)
        k = r % len(alive) if alive else 0
        for c in alive[k:] + alive[:k]:
            if c.name in out:
                continue
            try:
                samples[c.name].append(run_once(c))
            except (RunError, subprocess.TimeoutExpired) as e:
                out[c.name] = {"error": str(e)}
    for c in alive:
        if c.name not in out:
            out[c.name] = summarise(samples[c.name])
    return out


def main():
    args = sys.argv[1:]
    if not args:
        sys.exit(__doc__)
    runs = int(args.pop(0))
    setups, oks, cmds = {}, {}, []
    while args:
        a = args.pop(0)
        if a in ("--setup", "--ok"):
            name, value = args.pop(0).split("=", 1)
            if a == "--setup":
                setups[name] = value
            else:
                oks[name] = [int(x) for x in value.split(",")]
        else:
            cmds.append(a.split("=", 1))
    commands = [Command(n, c, setups.get(n), oks.get(n, (0,))) for n, c in cmds]
    res = measure(runs, commands)
    for name, r in res.items():
        if "error" in r:
            sys.exit(f"measure: {name}: {r['error']}")
        del r["samples_s"]
    json.dump(res, sys.stdout, indent=2, sort_keys=True)
    print()


if __name__ == "__main__":
    main()
