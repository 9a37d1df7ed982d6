#!/usr/bin/env python3
"""Python's tempfile.mkstemp + os.close, measured like the JMH TempCreation benchmark.

Each round creates files for a fixed time in a fresh directory under the given parent (the
directory the JMH benchmarks use), then deletes that directory; the first rounds are warm-up.
Prints one JSON object: the rate of every measured round and their median, in files per second.
"""
import json
import os
import shutil
import statistics
import sys
import tempfile
import time


def one_round(parent, seconds):
    work = tempfile.mkdtemp(prefix="scratchfs-bench-py-", dir=parent)
    try:
        count = 0
        start = time.perf_counter()
        deadline = start + seconds
        while True:
            for _ in range(100):
                fd, _name = tempfile.mkstemp(prefix="tmp", dir=work)
                os.close(fd)
            count += 100
            now = time.perf_counter()
            if now >= deadline:
                return count / (now - start)
    finally:
        shutil.rmtree(work)


def main():
    parent = sys.argv[1] if len(sys.argv) > 1 else tempfile.gettempdir()
    seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 1.0
    warmups = int(sys.argv[3]) if len(sys.argv) > 3 else 2
    rounds = int(sys.argv[4]) if len(sys.argv) > 4 else 5
    for _ in range(warmups):
        one_round(parent, seconds)
    rates = [one_round(parent, seconds) for _ in range(rounds)]
    print(json.dumps({
        "benchmark": "python tempfile.mkstemp + os.close",
        "python": sys.version.split()[0],
        "rates_per_s": rates,
        "median_per_s": statistics.median(rates),
    }))


if __name__ == "__main__":
    main()
