#!/usr/bin/env bash
# Whole-process benchmark of `nixunits-agent plan` over COUNT declarations against COUNT
# existing containers (default 1000), compared with one JVM start-up of the same launcher
# (`nixunits-agent --version`). It prints the median wall time of RUNS runs of each (default
# 21) and the planning cost: the median of plan minus start-up over pairs of runs made one
# after the other. It also prints the peak resident memory of a plan run and the time of the
# same planning repeated ten times in one JVM (bench/PlanLoop.java).
#
# Usage: bench/plan-benchmark.sh [COUNT] [RUNS]     (build first: mvn -B package)
set -euo pipefail
cd "$(dirname "$0")/.."

count=${1:-1000}
runs=${2:-21}
revision=0123456789abcdef0123456789abcdef01234567
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 bench/make-host.py "$work" "$count" "$revision"
agent=(bin/nixunits-agent)
plan_args=(plan --dir "$work/declarations" --state-dir "$work/state" --nixpkgs-revision "$revision"
  --system x86_64-linux --no-color)

# time_ms CMD...: prints the wall time of one run of CMD in milliseconds
time_ms() {
  local start end
  start=$(date +%s%N)
  "$@" >/dev/null 2>&1
  end=$(date +%s%N)
  echo $(((end - start) / 1000000))
}

# median of the numbers on standard input
median() {
  sort -n | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2)}'
}

"${agent[@]}" "${plan_args[@]}" >"$work/plan.txt" 2>&1 || true
tail -1 "$work/plan.txt"

# Runs alternate between start-up and plan, so a slower spell of the machine weighs on both.
# The cost is the median of the differences of each pair.
startups=()
plans=()
costs=()
for _ in $(seq "$runs"); do
  s=$(time_ms "${agent[@]}" --version)
  p=$(time_ms "${agent[@]}" "${plan_args[@]}")
  startups+=("$s")
  plans+=("$p")
  costs+=($((p - s)))
done
startup=$(printf '%s\n' "${startups[@]}" | median)
plan=$(printf '%s\n' "${plans[@]}" | median)
cost=$(printf '%s\n' "${costs[@]}" | median)
peak_kib=$(/usr/bin/time -f %M "${agent[@]}" "${plan_args[@]}" 2>&1 >/dev/null | tail -1)

# The same planning repeated in one JVM: the first run is cold, the later ones warm. PlanLoop is
# compiled first; run as a source file, the compilation would warm the JVM before the first run.
# Five JVMs: the median of their first runs, and the median of the later runs of the last one.
javac -d "$work/classes" -cp agent/target/nixunits-agent.jar bench/PlanLoop.java
firsts=()
for _ in 1 2 3 4 5; do
  loop=$(java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:C1MaxInlineSize=20 -XX:C1InlineStackLimit=3 \
    -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    -cp "agent/target/nixunits-agent.jar:$work/classes" PlanLoop "$work/declarations" "$work/state" "$revision" 10)
  firsts+=("$(sed -n 's/^run 1: \([0-9]*\) ms.*/\1/p' <<<"$loop")")
done
first_ms=$(printf '%s\n' "${firsts[@]}" | median)
warm_ms=$(sed -n 's/^run \([2-9]\|10\): \([0-9]*\) ms.*/\2/p' <<<"$loop" | median)

echo "declarations and containers: $count, runs: $runs"
echo "JVM start-up (--version), median: ${startup} ms"
echo "plan, median: ${plan} ms"
echo "planning cost (plan - start-up, median of the pairs): ${cost} ms"
echo "plan peak RSS: $((peak_kib / 1024)) MiB"
echo "in one JVM: first planning, median of 5 JVMs: ${first_ms} ms; later plannings, median: ${warm_ms} ms"
if [ "$cost" -lt "$startup" ]; then
  echo "result: planning costs less than one JVM start-up"
else
  echo "result: planning costs MORE than one JVM start-up"
  exit 1
fi
