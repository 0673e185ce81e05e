"""Whole-process timing for the benchmark scripts: median wall time and peak resident memory."""
import os
import statistics
import subprocess
import sys
import time


def measure(argv, runs):
    walls, peaks = [], []
    for _ in range(runs):
        start = time.perf_counter()
        p = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(p.pid, 0)
        walls.append(time.perf_counter() - start)
        peaks.append(usage.ru_maxrss * 1024)
        if status != 0:
            sys.exit(f"{argv[0]} failed with status {status}")
    return statistics.median(walls), max(peaks)
