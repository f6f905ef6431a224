#!/bin/sh
# Install the NixUnits unit templates on a systemd host that is not NixOS.
# The flake app `install-units` runs this script with --package. Without
# Nix, run it as root from a checkout.
set -eu

usage() {
  cat <<USAGE
Usage: install-units.sh [options]

Copies nixunits@.service and nixunits-network@.service into the systemd unit
directory and reloads systemd. The units run the hooks through
/usr/local/bin/nixunits.

Options:
  --source DIR     directory holding the unit files (default: this script's directory)
  --unit-dir DIR   where to install them (default: /etc/systemd/system)
  --package PATH   also link PATH/bin/nixunits and PATH/bin/nixunits-agent into
                   --bin-dir, and register PATH as a Nix garbage-collector root
  --bin-dir DIR    where --package links the commands (default: /usr/local/bin)
  --gcroot-dir DIR where --package registers the root (default: /nix/var/nix/gcroots)
  --no-reload      do not run 'systemctl daemon-reload'
  -h, --help       print this help
USAGE
}

source_dir=$(cd "$(dirname "$0")" && pwd)
unit_dir=/etc/systemd/system
package=
bin_dir=/usr/local/bin
gcroot_dir=/nix/var/nix/gcroots
reload=yes

while [ $# -gt 0 ]; do
  case "$1" in
    --source) source_dir=${2:?--source needs a directory}; shift 2 ;;
    --unit-dir) unit_dir=${2:?--unit-dir needs a directory}; shift 2 ;;
    --package) package=${2:?--package needs a store path}; shift 2 ;;
    --bin-dir) bin_dir=${2:?--bin-dir needs a directory}; shift 2 ;;
    --gcroot-dir) gcroot_dir=${2:?--gcroot-dir needs a directory}; shift 2 ;;
    --no-reload) reload=no; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "install-units: unknown argument '$1'; run with --help for the options" >&2; exit 2 ;;
  esac
done

for unit in nixunits@.service nixunits-network@.service; do
  if [ ! -f "$source_dir/$unit" ]; then
    echo "install-units: $source_dir/$unit not found; pass the directory of the unit files with --source" >&2
    exit 1
  fi
done

if [ "$reload" = yes ] && ! command -v systemd-nspawn >/dev/null 2>&1; then
  echo "install-units: systemd-nspawn not found; install it first (Debian: apt-get install systemd-container)" >&2
  exit 1
fi

mkdir -p "$unit_dir"
for unit in nixunits@.service nixunits-network@.service; do
  install -m 0644 "$source_dir/$unit" "$unit_dir/$unit"
  echo "installed $unit_dir/$unit"
done

if [ -n "$package" ]; then
  for command in nixunits nixunits-agent; do
    if [ ! -x "$package/bin/$command" ]; then
      echo "install-units: $package/bin/$command is missing or not executable" >&2
      exit 1
    fi
  done
  mkdir -p "$bin_dir" "$gcroot_dir"
  ln -sfn "$package/bin/nixunits" "$bin_dir/nixunits"
  ln -sfn "$package/bin/nixunits-agent" "$bin_dir/nixunits-agent"
  # A symlink in the gcroots directory keeps the package when Nix collects garbage.
  ln -sfn "$package" "$gcroot_dir/nixunits-agent"
  echo "linked $bin_dir/nixunits and $bin_dir/nixunits-agent to $package"
fi

if [ "$reload" = yes ]; then
  systemctl daemon-reload
  echo "reloaded systemd"
fi
