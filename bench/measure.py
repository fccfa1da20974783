#!/usr/bin/env python3
"""Times whole commands side by side: a warm-up run of each, then RUNS rounds
in which the commands take turns, so drift on a shared machine hits all of
them alike. For each command: median, min and max wall time, and the median
peak resident memory (from wait4's rusage).

usage: measure.py RUNS NAME=COMMAND [NAME=COMMAND ...]  -> JSON on stdout
A COMMAND is run by /bin/sh with stdout to /dev/null; a failing run aborts.
"""
import json
import os
import statistics
import subprocess
import sys
import time


def run_once(cmd):
    start = time.perf_counter()
    proc = subprocess.Popen(["/bin/sh", "-c", cmd], stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        sys.exit(f"measure: '{cmd}' exited {proc.returncode}")
    return elapsed, usage.ru_maxrss / 1024.0  # KiB -> MiB


def main():
    runs = int(sys.argv[1])
    cmds = [arg.split("=", 1) for arg in sys.argv[2:]]
    samples = {name: [] for name, _ in cmds}
    for name, cmd in cmds:  # warm-up: caches, catalog, page cache
        run_once(cmd)
    for _ in range(runs):
        for name, cmd in cmds:
            samples[name].append(run_once(cmd))
    out = {}
    for name, _ in cmds:
        times = [t for t, _ in samples[name]]
        mems = [m for _, m in samples[name]]
        out[name] = {
            "runs": runs,
            "median_s": statistics.median(times),
            "min_s": min(times),
            "max_s": max(times),
            "peak_mib": statistics.median(mems),
        }
    json.dump(out, sys.stdout, indent=2, sort_keys=True)
    print()


if __name__ == "__main__":
    main()
