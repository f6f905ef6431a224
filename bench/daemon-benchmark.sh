#!/usr/bin/env bash
# Whole-process benchmark of `nixunits-agent run` following a repository of COUNT
# declarations (default 1000) with a matching state root (bench/make-host.py). The daemon
# runs against the fake nix, systemctl and machinectl of the tests, on a temporary state
# root, with its listener on 127.0.0.1. It prints:
# - the resident memory (VmRSS) of the idle daemon after the first sync, several no-change
#   syncs and full drift plans (median, minimum and maximum of one sample a second over the
#   last 20 s), and its peak (VmHWM);
# - the mean duration of a no-change sync (fetch, compare the commit), from /metrics, next
#   to the median wall time of `git fetch` of the same repository in a plain clone;
# - the mean duration of the converged syncs: the first one and each full drift plan.
#
# Usage: bench/daemon-benchmark.sh [COUNT] [IDLE_SECONDS]     (build first: mvn -B package)
# JAVA_OPTS, when set, replaces the JVM options that the launcher uses for `run`.
set -euo pipefail
cd "$(dirname "$0")/.."

count=${1:-1000}
idle=${2:-60}
revision=0123456789abcdef0123456789abcdef01234567
work=$(mktemp -d)
port=$((20000 + RANDOM % 20000))
daemon_pid=''
cleanup() {
  if [ -n "$daemon_pid" ]; then
    kill "$daemon_pid" 2>/dev/null || true
    wait "$daemon_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
# KEEP_LOG=FILE copies the daemon's log there before the temporary directory is removed
keep_log() {
  if [ -n "${KEEP_LOG:-}" ] && [ -f "$work/daemon.log" ]; then
    cp "$work/daemon.log" "$KEEP_LOG"
  fi
  cleanup
}
trap keep_log EXIT

# a repository of COUNT declarations, and a host built from them
python3 bench/make-host.py "$work" "$count" "$revision"
git -c init.defaultBranch=main init -q "$work/declarations"
git -C "$work/declarations" -c user.name=bench -c user.email=bench@example.org add -A
git -C "$work/declarations" -c user.name=bench -c user.email=bench@example.org commit -q -m declarations
git clone -q --bare "$work/declarations" "$work/repo.git"
mkdir -p "$work/bin" "$work/units"
echo '{}' >"$work/agent.json"
cp agent/src/test/resources/fakes/* "$work/bin/"
chmod +x "$work/bin"/*

# the daemon: a sync every 2 s, a full drift plan every 10 s
PATH="$work/bin:$PATH" bin/nixunits-agent run --config "$work/agent.json" --repo "file://$work/repo.git" \
  --state-dir "$work/state" --unit-dir "$work/units" --nixpkgs-revision "$revision" --system x86_64-linux \
  --interval 2s --jitter 0 --drift-interval 10s --listen "127.0.0.1:$port" >"$work/daemon.log" 2>&1 &
daemon_pid=$!

# wait for the first sync (it rebuilds the containers whose declaration changed)
for _ in $(seq 600); do
  if grep -q '"lastApplied"' "$work/state/agent/status.json" 2>/dev/null; then
    break
  fi
  sleep 0.5
done
if ! grep -q '"lastApplied"' "$work/state/agent/status.json" 2>/dev/null; then
  echo "the first sync did not finish; daemon log:" >&2
  tail -20 "$work/daemon.log" >&2
  exit 1
fi
# the resident set moves with each sync: sample it once a second over the last 20 s of idle time
samples=20
if [ "$idle" -gt "$samples" ]; then
  sleep $((idle - samples))
else
  samples=$idle
fi
rss_samples=()
for _ in $(seq "$samples"); do
  sleep 1
  rss_samples+=("$(awk '/^VmRSS/ {print $2}' "/proc/$daemon_pid/status")")
done
sorted_rss=$(printf '%s\n' "${rss_samples[@]}" | sort -n)
rss_kib=$(printf '%s\n' "$sorted_rss" | sed -n "$(((samples + 1) / 2))p")
rss_min_kib=$(printf '%s\n' "$sorted_rss" | head -1)
rss_max_kib=$(printf '%s\n' "$sorted_rss" | tail -1)
hwm_kib=$(awk '/^VmHWM/ {print $2}' "/proc/$daemon_pid/status")
metrics=$(curl -s --noproxy '*' "http://127.0.0.1:$port/metrics")
mean_ms() {
  local result=$1
  local sum number
  sum=$(printf '%s\n' "$metrics" | awk -v r="$result" '$1 == "nixunits_sync_duration_seconds_sum{result=\"" r "\"}" {print $2}')
  number=$(printf '%s\n' "$metrics" | awk -v r="$result" '$1 == "nixunits_sync_duration_seconds_count{result=\"" r "\"}" {print $2}')
  if [ -z "$number" ] || [ "$number" = 0 ]; then
    echo "n/a (0 syncs)"
  else
    awk -v s="$sum" -v n="$number" 'BEGIN {printf "%.1f ms (%d syncs)", s * 1000 / n, n}'
  fi
}

# git fetch of the same repository, in a plain clone, with nothing new
git clone -q "file://$work/repo.git" "$work/clone"
times=()
for _ in $(seq 11); do
  start=$(date +%s%N)
  git -C "$work/clone" fetch -q origin
  end=$(date +%s%N)
  times+=($(((end - start) / 1000000)))
done
fetch_ms=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 6p)

echo "declarations: $count, idle time after the first sync: ${idle} s"
echo "syncs by result: $(printf '%s\n' "$metrics" | sed -n 's/^nixunits_syncs_total{result="\([^"]*\)"} \([0-9.]*\)$/\1 \2/p' | tr '\n' ' ')"
echo "daemon RSS idle: median $((rss_kib / 1024)) MiB (min $((rss_min_kib / 1024)), max $((rss_max_kib / 1024)) over $samples samples), peak: $((hwm_kib / 1024)) MiB"
echo "no-change sync, mean: $(mean_ms no-change)"
echo "converged syncs (the first one and each drift plan), mean: $(mean_ms converged)"
echo "git fetch with nothing new, median of 11: ${fetch_ms} ms"
