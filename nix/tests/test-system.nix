# A stand-in for a built container system, made without nixpkgs, for tests
# on a real host (systemd-nspawn, the units and the hooks) where no NixOS
# system can be built.
#
# Inputs:
#   busybox      absolute path of a static busybox on the build machine, in
#                a directory that is not a symlink (Debian 12 with
#                busybox-static: "$(readlink -f /bin/busybox)", which is
#                /usr/bin/busybox). Its directory is copied to the store
#                with only that file in it.
#   id           container name written into unit.conf (NAME) and the
#                marker files.
#   declaration  what a config.nix would return; the default has one veth
#                interface and the extra, nft and sysctl files, so that
#                every hook has something to do.
#   system       Nix system string of the build (defaults to this machine).
#
# Output ($out, which is also SYSTEM_PATH in unit.conf):
#   init                       PID 1 of the container (contract below)
#   bin/busybox                the copied static busybox
#   sw/bin/sh                  symlink to it, where hooks look for a shell
#   sw/bin/touch               symlink to it, which the network hook runs
#   etc/nixunits/<id>.conf     unit.conf from the same renderer as mkContainer
#
# The init contract: it writes "<id> started" to
# /var/lib/nixunits-test/started inside the container, then stays alive as
# PID 1. On signal 37 (SIGRTMIN+3 with glibc, what systemd-nspawn
# --kill-signal=SIGRTMIN+3 sends), 38 (SIGRTMIN+4, what `machinectl poweroff`
# sends to the leader in systemd 252) or SIGTERM it
# stops its sleep child, writes "<id> stopped" to
# /var/lib/nixunits-test/stopped and exits 0.
# It cannot send READY=1 itself (busybox has no datagram client), so the
# default declaration passes --notify-ready=no: systemd-nspawn then reports
# the container ready as soon as init runs.
#
# Build (no network, into a chroot store):
#   nix-build --store /tmp/store --option substituters '' \
#     nix/tests/test-system.nix --argstr busybox "$(readlink -f /bin/busybox)" \
#     --argstr id demo
{ busybox
, id ? "nixunits-test"
, declaration ? {
    nspawnArgs = [ "--notify-ready=no" ];
    network.interfaces.veth = {
      ip4 = "10.250.0.2/31";
      hostIp4 = "10.250.0.1/31";
      ip6 = "fd00:250::2/127";
      hostIp6 = "fd00:250::1/127";
    };
    network.nft = ''
      table inet filter {
        chain input {
          type filter hook input priority 0;
          accept
        }
      }
    '';
    sysctl = ''
      net.ipv4.ip_forward=1
    '';
    extra = ''
      echo extra > /var/lib/nixunits-test/extra
    '';
  }
, system ? builtins.currentSystem
}:
let
  nixunits = import ../lib;

  busyboxName = baseNameOf busybox;
  busyboxParent = dirOf busybox;

  # builtins.path copies a symlinked directory as the link itself, and Nix
  # 2.8 has no builtin to resolve it, so such a path is rejected here.
  parentType =
    if busyboxParent == "/" then "directory"
    else (builtins.readDir (dirOf busyboxParent)).${baseNameOf busyboxParent} or "missing";
  checkedParent =
    if builtins.substring 0 1 busybox != "/" then
      throw "nixunits test system: busybox must be an absolute path, got '${busybox}'"
    else if parentType != "directory" then
      throw "nixunits test system: the directory of busybox '${busybox}' is a ${parentType}, not a directory; pass the resolved path, for example \"$(readlink -f ${busybox})\""
    else if !builtins.pathExists busybox then
      throw "nixunits test system: busybox '${busybox}' does not exist; on Debian run `apt-get install busybox-static`"
    else
      busyboxParent;

  # A directory holding only the busybox file. busybox picks its applet from
  # the base name of argv[0], so the file keeps its name ("busybox") instead
  # of becoming a bare store path named "<hash>-busybox".
  busyboxDir = builtins.path {
    path = checkedParent;
    name = "busybox-static";
    filter = path: type: baseNameOf path == busyboxName;
  };

  # builtins.placeholder "out" stands for this derivation's own output
  # path; Nix replaces it when it builds, so SYSTEM_PATH points at $out.
  unitConf = nixunits.renderUnitConf {
    inherit id declaration;
    systemPath = builtins.placeholder "out";
  };

  # Every external command goes through the copied busybox, because the
  # container has no PATH entries of its own.
  init = ''
    #!${builtins.placeholder "out"}/bin/busybox sh
    # NixUnits test init: see nix/tests/test-system.nix in the NixUnits repository.
    bb=${builtins.placeholder "out"}/bin/busybox
    markers=/var/lib/nixunits-test
    $bb mkdir -p "$markers"
    sleeper=
    stop() {
      [ -n "$sleeper" ] && kill "$sleeper" 2>/dev/null
      echo "${id} stopped" > "$markers/stopped"
      exit 0
    }
    trap stop 37 38 TERM
    echo "${id} started" > "$markers/started"
    while true; do
      $bb sleep 3600 &
      sleeper=$!
      wait "$sleeper"
    done
  '';
in
builtins.derivation {
  name = "nixunits-test-system-${id}";
  inherit system unitConf init;
  builder = "${busyboxDir}/${busyboxName}";
  args = [
    "sh"
    "-ec"
    ''
      bb=${busyboxDir}/${busyboxName}
      $bb mkdir -p $out/bin $out/sw/bin $out/etc/nixunits
      $bb cp $bb $out/bin/busybox
      $bb ln -s ../../bin/busybox $out/sw/bin/sh
      $bb ln -s ../../bin/busybox $out/sw/bin/touch
      $bb printf '%s' "$init" > $out/init
      $bb chmod 0555 $out/init
      $bb printf '%s' "$unitConf" > $out/etc/nixunits/${id}.conf
    ''
  ];
}
