#!/usr/bin/env bash
# Whole-process benchmark of `nixunits hook <stage> <id>`: the time the hooks add to a
# container start and stop. Runs as root, with the real ip and nsenter, in two network
# namespaces that this script creates and removes.
#   nxbench-host  stands for the host. Every hook process runs in it (ip netns exec), so the
#                 host side of the veth pair, ve-web2, never is in the real host's namespace.
#   nxbench-ctr   is the container's network namespace, with host0. A `sleep` stands for the
#                 container's init, with its own PID namespace and tmpfs over /run and /etc,
#                 so /run/net-ready and /etc/resolv.conf are written there only.
# machinectl, kill and systemctl are fakes, so no real machine is touched and no process is
# signalled. The fake machinectl prints the sleep's PID as the leader, and the fake kill only logs. Open vSwitch is not
# exercised: the kernel this was written on has no Open vSwitch datapath.
#
# Usage: sudo bench/hooks-benchmark.sh [RUNS]     (build first: mvn -B package)
# Prints the median wall time of RUNS runs (default 11) of each stage, and of one JVM start-up
# of the same launcher (`nixunits --version`) for comparison.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${1:-11}
if [ "$(id -u)" != 0 ]; then
  echo "hooks-benchmark: run as root: it creates network namespaces and veth pairs" >&2
  exit 1
fi
for namespace in nxbench-host nxbench-ctr; do
  if ip netns list | grep -qw "$namespace"; then
    echo "hooks-benchmark: network namespace $namespace already exists; remove it (ip netns del $namespace)" >&2
    exit 1
  fi
done

work=$(mktemp -d)
leader_pid=''
child=''
cleanup() {
  if [ -n "$leader_pid" ]; then kill "$leader_pid" 2>/dev/null || true; fi
  # the sleep is the init of its PID namespace, which ignores every signal but SIGKILL from here
  if [ -n "$child" ]; then kill -KILL "$child" 2>/dev/null || true; fi
  ip netns del nxbench-ctr 2>/dev/null || true
  ip netns del nxbench-host 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# the launcher: bin/nixunits when the checkout has it, else the agent jar's nixunits main class
if [ -x bin/nixunits ]; then
  nixunits=("$PWD/bin/nixunits")
else
  nixunits=(env NIXUNITS_MAIN=io.nixunits.agent.command.NixUnitsMain "$PWD/bin/nixunits-agent")
fi

# fakes first on PATH, then the real tools
mkdir -p "$work/bin" "$work/system/sw/bin"
cat > "$work/bin/machinectl" <<FAKE
#!/bin/sh
case "\$1" in
  show) case "\$*" in *Leader*) cat "$work/leader" ;; *) [ -e "$work/running" ] && echo running || exit 1 ;; esac ;;
  poweroff|terminate|kill) rm -f "$work/running" ;;
esac
FAKE
printf '#!/bin/sh\necho "kill $*" >> %s/kill.log\n' "$work" > "$work/bin/kill"
printf '#!/bin/sh\nexit 0\n' > "$work/bin/systemctl"
chmod +x "$work/bin/machinectl" "$work/bin/kill" "$work/bin/systemctl"
# the container's system: the hooks run their in-container commands with its sh
ln -s "$(command -v touch)" "$work/system/sw/bin/touch"
ln -s "$(command -v sh)" "$work/system/sw/bin/sh"
export PATH="$work/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

# the container: its namespace, its veth pair and a stand-in init
ip netns add nxbench-host
ip netns add nxbench-ctr
ip link add ve-web2 netns nxbench-host type veth peer name host0 netns nxbench-ctr
ip netns exec nxbench-ctr unshare --pid --fork --mount --propagation private \
  sh -c 'mount -t tmpfs tmpfs /run && mount -t tmpfs tmpfs /etc && exec sleep 600' 2>"$work/container.log" &
leader_pid=$!
# the sleep is a child of unshare, which ip netns exec may or may not have forked first
for _ in $(seq 50); do
  for candidate in $(pgrep -P "$leader_pid" || true) $(pgrep -P "$(pgrep -P "$leader_pid" | head -1)" || true); do
    if [ "$(cat "/proc/$candidate/comm" 2>/dev/null)" = sleep ]; then child=$candidate; fi
  done
  [ -n "$child" ] && break
  sleep 0.1
done
if [ -z "$child" ]; then
  echo "hooks-benchmark: the stand-in init did not start" >&2
  cat "$work/container.log" >&2
  exit 1
fi
echo "$child" > "$work/leader"

# web2's unit.conf, as the Nix renderer writes it, with this benchmark's system path
state="$work/state"
mkdir -p "$state/containers/web2/root"
printf 'web2 1024\n' > "$state/uidmap"
sed "s|^SYSTEM_PATH=.*|SYSTEM_PATH=$work/system|" agent/src/test/resources/hooks/unit-conf/web2.conf \
  > "$state/containers/web2/unit.conf"

hook() {
  ip netns exec nxbench-host "${nixunits[@]}" hook "$1" web2 --state-dir "$state"
}

# median_ms CMD...: runs CMD $runs times and prints the median wall time in milliseconds
median_ms() {
  local times=()
  for _ in $(seq "$runs"); do
    local start end
    : > "$work/running"
    start=$(date +%s%N)
    "$@" >>"$work/hooks.log" 2>&1
    end=$(date +%s%N)
    times+=($(((end - start) / 1000000)))
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n "$(((runs + 1) / 2))p"
}

# one run of each stage first, to show that it works
for stage in pre-start network post-start stop; do
  : > "$work/running"
  hook "$stage" >>"$work/hooks.log" 2>&1 || { cat "$work/hooks.log" >&2; exit 1; }
done
echo "container side after the network hook:"
ip netns exec nxbench-ctr ip -o -4 addr show dev host0 | awk '{print "  " $2, $4}'
ip netns exec nxbench-ctr ip -4 route | sed 's/^/  /'
echo "host side: $(ip netns exec nxbench-host ip -o -4 addr show dev ve-web2 | awk '{print $2, $4}')"
nsenter --target "$(cat "$work/leader")" --mount test -e /run/net-ready && echo "/run/net-ready exists in the container"

startup=$(median_ms "${nixunits[@]}" --version)
echo "JVM start-up (nixunits --version): ${startup} ms"
for stage in pre-start network post-start stop; do
  echo "hook $stage: $(median_ms hook "$stage") ms"
done
echo "median of $runs runs each; $(nproc) CPUs, $(uname -r), $(java -version 2>&1 | head -1)"
