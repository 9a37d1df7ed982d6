#!/usr/bin/env bash
# Builds the benchmarks and runs them all, then writes the results section of BENCHMARKS.md.
#
#   benchmarks/run.sh                          full run, baseline first; updates BENCHMARKS.md
#   benchmarks/run.sh --order scratchfs-first  full run, scratchfs first; updates BENCHMARKS.md
#   benchmarks/run.sh -f 1 -wi 1 -i 2 REGEX    any JMH options: a quick run; BENCHMARKS.md is left alone
#
# JMH runs the values of a parameter one after the other, never interleaved, so on a disk that
# drifts the side measured first and the side measured second do not see the same disk. --order
# says which side of each comparison runs first: baseline-first (the default) or scratchfs-first.
# Each benchmark class is run by its own JMH invocation with its `target` values in that order;
# the targets of the scratchfs side are those in SCRATCHFS_TARGETS below (the others are
# baselines). Do not pass `-p target=...` yourself.
#
# SCRATCHFS_BENCH_DIR names the directory to benchmark in (default: $TMPDIR or /tmp); every
# comparison runs scratchfs and its baselines there. Results: benchmarks/target/results/. A full
# run also keeps its results in benchmarks/results/ (the latest run) and in
# benchmarks/results/runs/DATE-ORDER/, from which BENCHMARKS.md's table of runs side by side is made.
set -euo pipefail
cd "$(dirname "$0")/.."

order=baseline-first
if [ "${1:-}" = "--order" ]; then
  order=${2:-}
  shift 2 || true
fi
case "$order" in
  baseline-first | scratchfs-first) ;;
  *) echo "run.sh: --order must be baseline-first or scratchfs-first, not '$order'" >&2; exit 2 ;;
esac
SCRATCHFS_TARGETS="tmp tmpOverJimfs tmpClose"

out=benchmarks/target/results
bench_dir=${SCRATCHFS_BENCH_DIR:-${TMPDIR:-/tmp}}
mkdir -p "$out"
rm -f "$out"/jmh-*.json "$out/jmh.json" "$out/jmh.txt"

mvn -B -q -pl benchmarks -am compile dependency:build-classpath \
  -Dmdep.outputFile="$PWD/benchmarks/target/classpath.txt" -Dmdep.includeScope=runtime
classpath="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
jmh() { java -cp "$classpath" org.openjdk.jmh.Main "$@"; }

# The plan: one line per benchmark class that the arguments select, "CLASS TARGETS", the targets
# comma-separated in the order to run them. JMH lists what the arguments select with -lp.
plan=$(jmh -lp "$@" | ORDER="$order" SCRATCHFS_TARGETS="$SCRATCHFS_TARGETS" python3 -c '
import os, re, sys
scratchfs = set(os.environ["SCRATCHFS_TARGETS"].split())
first = os.environ["ORDER"] == "scratchfs-first"
classes, current = {}, None
for line in sys.stdin:
    m = re.match(r"^dev\.scratchfs\.benchmarks\.(\w+)\.\w+$", line.strip())
    if m:
        current = m.group(1)
        classes.setdefault(current, [])
        continue
    m = re.match(r"^\s+param \"target\" = \{(.*)\}$", line)
    if m and current is not None:
        classes[current] = [t.strip() for t in m.group(1).split(",")]
for cls, targets in classes.items():
    ours = [t for t in targets if t in scratchfs]
    theirs = [t for t in targets if t not in scratchfs]
    ordered = ours + theirs if first else theirs + ours
    print(cls, ",".join(ordered) if ordered else "-")
')
if [ -z "$plan" ]; then
  echo "run.sh: no benchmark matches: $*" >&2
  exit 2
fi

uptime_before=$(uptime)
# Samples the load average while the benchmarks run, to report it next to the numbers.
( while sleep 10; do cut -d' ' -f1 /proc/loadavg; done ) > "$out/loadavg.txt" &
sampler=$!
trap 'kill "$sampler" 2>/dev/null || true' EXIT

while read -r cls targets; do
  # The arguments' own selection, narrowed to this class: an exclusion beats an inclusion in JMH.
  only=(-e "^dev\\.scratchfs\\.benchmarks\\.(?!$cls\\.)")
  params=()
  if [ "$targets" != "-" ]; then
    params=(-p "target=$targets")
  fi
  jmh -jvmArgsAppend "-Dscratchfs.bench.dir=$bench_dir" \
    -rf json -rff "$out/jmh-$cls.json" "$@" "${only[@]}" "${params[@]}" | tee -a "$out/jmh.txt"
done <<< "$plan"
python3 - "$out" <<'PY'
import glob, json, os, sys
out = sys.argv[1]
merged = []
for f in sorted(glob.glob(os.path.join(out, "jmh-*.json"))):
    merged.extend(json.load(open(f)))
json.dump(merged, open(os.path.join(out, "jmh.json"), "w"), indent=2)
PY
python3 benchmarks/python_mkstemp.py "$bench_dir" > "$out/python-mkstemp.json"

kill "$sampler" 2>/dev/null || true
uptime_after=$(uptime)

BENCH_DIR="$bench_dir" UPTIME_BEFORE="$uptime_before" UPTIME_AFTER="$uptime_after" ORDER="$order" \
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
    "order": os.environ["ORDER"],
    "uptime_before": re.sub(r"\s+", " ", os.environ["UPTIME_BEFORE"].strip()),
    "uptime_after": re.sub(r"\s+", " ", os.environ["UPTIME_AFTER"].strip()),
    "load_note": note,
    "loads": loads,
}, open(os.path.join(out, "environment.json"), "w"), indent=2)
PY

if [ "$#" -eq 0 ]; then
  mkdir -p benchmarks/results
  cp "$out/jmh.json" "$out/python-mkstemp.json" "$out/environment.json" benchmarks/results/
  run_dir="benchmarks/results/runs/$(date -u +%Y%m%d-%H%M)-$order"
  mkdir -p "$run_dir"
  cp "$out/jmh.json" "$out/python-mkstemp.json" "$out/environment.json" "$run_dir/"
  python3 benchmarks/report.py "$out" BENCHMARKS.md benchmarks/results/runs
else
  python3 benchmarks/report.py "$out"
fi
