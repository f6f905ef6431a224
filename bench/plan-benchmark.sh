#!/usr/bin/env bash
# Whole-process benchmark of `nixunits-agent plan` over COUNT declarations against COUNT
# existing containers (default 1000), compared with one JVM start-up of the same launcher
# (`nixunits-agent --version`). Prints the median wall time of RUNS runs of each, the
# planning cost (plan minus start-up), the peak resident memory of a plan run, and the time
# of the same planning repeated ten times in one JVM (bench/PlanLoop.java).
#
# Usage: bench/plan-benchmark.sh [COUNT] [RUNS]     (build first: mvn -B package)
set -euo pipefail
cd "$(dirname "$0")/.."

count=${1:-1000}
runs=${2:-7}
revision=0123456789abcdef0123456789abcdef01234567
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 bench/make-host.py "$work" "$count" "$revision"
agent=(bin/nixunits-agent)
plan_args=(plan --dir "$work/declarations" --state-dir "$work/state" --nixpkgs-revision "$revision"
  --system x86_64-linux --no-color)

# median_ms CMD...: runs CMD $runs times and prints the median wall time in milliseconds
median_ms() {
  local times=()
  for _ in $(seq "$runs"); do
    local start end
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1
    end=$(date +%s%N)
    times+=($(((end - start) / 1000000)))
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n "$(((runs + 1) / 2))p"
}

"${agent[@]}" "${plan_args[@]}" >"$work/plan.txt" 2>&1 || true
tail -1 "$work/plan.txt"

startup=$(median_ms "${agent[@]}" --version)
plan=$(median_ms "${agent[@]}" "${plan_args[@]}")
peak_kib=$(/usr/bin/time -f %M "${agent[@]}" "${plan_args[@]}" 2>&1 >/dev/null | tail -1)

# the same planning repeated in one JVM: the first run is cold, the later ones warm
loop=$(java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp agent/target/nixunits-agent.jar bench/PlanLoop.java "$work/declarations" "$work/state" "$revision" 10)
first_ms=$(sed -n 's/^run 1: \([0-9]*\) ms.*/\1/p' <<<"$loop")
warm_ms=$(sed -n 's/^run \([2-9]\|10\): \([0-9]*\) ms.*/\2/p' <<<"$loop" | sort -n | sed -n 5p)

echo "declarations and containers: $count, runs: $runs"
echo "JVM start-up (--version), median: ${startup} ms"
echo "plan, median: ${plan} ms"
echo "planning cost (plan - start-up): $((plan - startup)) ms"
echo "plan peak RSS: $((peak_kib / 1024)) MiB"
echo "in one JVM: first planning ${first_ms} ms, later plannings median ${warm_ms} ms"
if [ $((plan - startup)) -lt "$startup" ]; then
  echo "result: planning costs less than one JVM start-up"
else
  echo "result: planning costs MORE than one JVM start-up"
  exit 1
fi
