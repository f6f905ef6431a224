# NixOS module added to every container system: a small systemd, no login
# or console services, and network targets that wait for the host's
# network hook.
{ config, lib, pkgs, ... }:
let
  # Waits for the host's network hook to write /run/net-ready, then for IPv6
  # duplicate address detection to finish, so that services ordered after
  # network-online.target can bind their addresses.
  waitNetReady = pkgs.writeShellScript "wait-net-ready" ''
    while [ ! -e /run/net-ready ]; do
      sleep 0.2
    done
    echo "network configured by the host"
    while [ -n "$(${pkgs.iproute2}/bin/ip -6 address show tentative)" ]; do
      sleep 0.5
    done
    echo "IPv6 duplicate address detection finished"
  '';
in
{
  boot.isContainer = true;

  # NOTE: evaluated against the option types only; building a NixOS system
  # with systemdMinimal as its systemd needs nixpkgs and was not run here.
  systemd.package = lib.mkDefault pkgs.systemdMinimal;
  systemd.coredump.enable = false;
  systemd.oomd.enable = false;

  systemd.suppressedSystemUnits = [
    "console-getty.service"
    "dbus-org.freedesktop.login1.service"
    "systemd-logind.service"
    "systemd-user-sessions.service"
    "systemd-nspawn@.service"
    "systemd-bootctl@.service"
    "systemd-bootctl.socket"
  ];

  networking.resolvconf.enable = false;
  networking.useDHCP = false;
  services.nscd.enable = false;
  system.nssModules = lib.mkForce [ ];

  system.stateVersion = lib.mkDefault config.system.nixos.release;

  systemd.services.wait-net-ready = {
    description = "Wait for the network configured by the NixUnits host";
    serviceConfig = {
      Type = "oneshot";
      RemainAfterExit = true;
      ExecStart = waitNetReady;
      TimeoutStartSec = "10min";
    };
  };

  systemd.targets.network-pre = {
    wants = [ "wait-net-ready.service" ];
    after = [ "wait-net-ready.service" ];
  };
  systemd.targets.network-online = {
    wants = [ "wait-net-ready.service" ];
    after = [ "wait-net-ready.service" ];
  };
}
