#!/usr/bin/env bash
# Builds the benchmarks and runs them all, then writes the results section of BENCHMARKS.md.
#
#   benchmarks/run.sh                 full run (about 12 minutes on 2 cores); updates BENCHMARKS.md
#   benchmarks/run.sh -f 1 -wi 1 -i 2 any JMH options: a quick run; BENCHMARKS.md is left alone
#
# SCRATCHFS_BENCH_DIR names the directory to benchmark in (default: $TMPDIR or /tmp); every
# comparison runs scratchfs and its baselines there. Results: benchmarks/target/results/.
set -euo pipefail
cd "$(dirname "$0")/.."

out=benchmarks/target/results
bench_dir=${SCRATCHFS_BENCH_DIR:-${TMPDIR:-/tmp}}
mkdir -p "$out"

mvn -B -q -pl benchmarks -am compile dependency:build-classpath \
  -Dmdep.outputFile="$PWD/benchmarks/target/classpath.txt" -Dmdep.includeScope=runtime
classpath="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"

uptime_before=$(uptime)
# Samples the load average while the benchmarks run, to report it next to the numbers.
( while sleep 10; do cut -d' ' -f1 /proc/loadavg; done ) > "$out/loadavg.txt" &
sampler=$!
trap 'kill "$sampler" 2>/dev/null || true' EXIT

java -cp "$classpath" org.openjdk.jmh.Main \
  -jvmArgsAppend "-Dscratchfs.bench.dir=$bench_dir" \
  -rf json -rff "$out/jmh.json" "$@" | tee "$out/jmh.txt"
python3 benchmarks/python_mkstemp.py "$bench_dir" > "$out/python-mkstemp.json"

kill "$sampler" 2>/dev/null || true
uptime_after=$(uptime)

BENCH_DIR="$bench_dir" UPTIME_BEFORE="$uptime_before" UPTIME_AFTER="$uptime_after" \
JAVA_VERSION="$(java -version 2>&1 | sed -n 2p)" DF="$(df -T "$bench_dir" | tail -1)" \
python3 - "$out" <<'PY'
import datetime, json, os, re, statistics, subprocess, sys
out = sys.argv[1]
cpu = "unknown"
with open("/proc/cpuinfo") as f:
    for line in f:
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
df = os.environ["DF"].split()
loads = [float(x) for x in open(os.path.join(out, "loadavg.txt")).read().split()]
note = ""
if loads:
    note = (f"1-minute load average sampled every 10 s during the run: mean {statistics.mean(loads):.2f}, "
            f"max {max(loads):.2f} ({len(loads)} samples).")
jmh = json.load(open(os.path.join(out, "jmh.json")))
json.dump({
    "date": datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
    "nproc": os.cpu_count(),
    "cpu": cpu,
    "bench_dir": os.environ["BENCH_DIR"],
    "fs": f"{df[1]} on {df[0]} (df -T)",
    "java": os.environ["JAVA_VERSION"],
    "jmh": jmh[0]["jmhVersion"] if jmh else "?",
    "uptime_before": re.sub(r"\s+", " ", os.environ["UPTIME_BEFORE"].strip()),
    "uptime_after": re.sub(r"\s+", " ", os.environ["UPTIME_AFTER"].strip()),
    "load_note": note,
}, open(os.path.join(out, "environment.json"), "w"), indent=2)
PY

if [ "$#" -eq 0 ]; then
  python3 benchmarks/report.py "$out" BENCHMARKS.md
  mkdir -p benchmarks/results
  cp "$out/jmh.json" "$out/python-mkstemp.json" "$out/environment.json" benchmarks/results/
else
  python3 benchmarks/report.py "$out"
fi
