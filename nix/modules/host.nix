# NixOS host module: the NixUnits unit templates, the `nixunits` command,
# and containers declared in the host configuration itself.
{ config, lib, pkgs, ... }:
let
  inherit (lib) mkOption mkEnableOption mkIf types;

  cfg = config.services.nixunits;
  nixunitsLib = import ../lib;
  containers = import ../container.nix { nixpkgsPath = pkgs.path; inherit pkgs; };

  unitDefinitions = nixunitsLib.unitDefinitions {
    nixunitsCommand = "${cfg.package}/bin/nixunits";
    nspawnCommand = "${config.systemd.package}/bin/systemd-nspawn";
    stateDir = cfg.stateDirectory;
  };

  # Turn a unit definition of lib/units.nix into a NixOS service. NixOS
  # makes the wants symlinks itself, so [Install] is left out here.
  toNixosService = definition: {
    description = definition.Unit.Description;
    unitConfig = builtins.removeAttrs definition.Unit [ "Description" ];
    serviceConfig = definition.Service;
    # The hooks call ip, nft, nsenter and, for OVS ports, ovs-vsctl.
    path = [ pkgs.iproute2 pkgs.nftables pkgs.util-linux pkgs.procps ]
      ++ lib.optional config.virtualisation.vswitch.enable config.virtualisation.vswitch.package;
    # A configuration switch must not restart running containers.
    restartIfChanged = false;
  };

  containerDir = id: "${cfg.stateDirectory}/containers/${id}";

  systemOf = id: container:
    (containers.evalSystem {
      inherit id;
      containerConfig = container.config;
      sharedModules = cfg.sharedModules;
    }).config.system.build.toplevel;

  unitConfOf = id: container:
    containers.renderUnitConf {
      inherit id;
      declaration = container;
      systemPath = systemOf id container;
      stateDir = cfg.stateDirectory;
      # The systems of declared containers are in the host's /nix/store.
      storeMode = "host";
    };
in
{
  imports = [
    # The shell version of NixUnits declared containers under `nixunits.<id>`.
    (lib.mkRenamedOptionModule [ "nixunits" ] [ "services" "nixunits" "containers" ])
  ];

  options.services.nixunits = {
    enable = mkEnableOption "NixUnits, NixOS containers run by systemd-nspawn";

    package = mkOption {
      type = types.package;
      description = "Package that provides the `nixunits` command the unit hooks run.";
    };

    stateDirectory = mkOption {
      type = types.str;
      default = "/var/lib/nixunits";
      description = "State root of NixUnits: containers, the shared store and the locks.";
    };

    groupSudo = mkOption {
      type = types.bool;
      default = true;
      description = ''
        Let members of the `nixunits` group run `nixunits` as root through
        sudo without a password. That is root access in practice, since the
        command builds and starts arbitrary containers.
      '';
    };

    sharedModules = mkOption {
      type = types.listOf types.deferredModule;
      default = [ ];
      description = "NixOS modules imported into every container declared in `containers`.";
    };

    containers = mkOption {
      type = types.attrsOf (types.submodule ../container-options.nix);
      default = { };
      example = lib.literalExpression ''
        {
          web2 = {
            autoStart = true;
            caps_allow = [ "CAP_NET_BIND_SERVICE" ];
            network.interfaces.veth = { ip4 = "10.0.0.2/31"; hostIp4 = "10.0.0.1/31"; };
            config = { services.httpd.enable = true; system.stateVersion = "25.11"; };
          };
        }
      '';
      description = ''
        Containers declared in this host configuration. Their systems are
        built with the host and their unit.conf is /etc/nixunits/<id>.conf;
        the `nixunits` command does not rebuild or delete them.
      '';
    };
  };

  config = mkIf cfg.enable {
    environment.systemPackages = [ cfg.package ];

    users.groups.nixunits = { };

    security.sudo.extraRules = lib.optional cfg.groupSudo {
      groups = [ "nixunits" ];
      commands = [{
        command = "/run/current-system/sw/bin/nixunits";
        options = [ "NOPASSWD" ];
      }];
    };

    systemd.services =
      lib.mapAttrs' (file: definition: lib.nameValuePair (lib.removeSuffix ".service" file) (toNixosService definition)) unitDefinitions
      // lib.concatMapAttrs (id: container: {
        "nixunits@${id}" = {
          overrideStrategy = "asDropin";
          wantedBy = lib.optional container.autoStart "multi-user.target";
        };
        "nixunits-network@${id}" = {
          overrideStrategy = "asDropin";
          wantedBy = [ "machine-${id}.scope" ];
        };
      }) cfg.containers;

    systemd.targets.multi-user.wants = [ "machines.target" ];

    environment.etc = lib.mapAttrs' (id: container:
      lib.nameValuePair "nixunits/${id}.conf" { text = unitConfOf id container; }) cfg.containers;

    # systemd-nspawn refuses a root directory without etc/os-release; the
    # system's own /etc appears once its activation runs inside.
    systemd.tmpfiles.rules = lib.concatLists (lib.mapAttrsToList (id: _: [
      "d ${containerDir id} 2750 root root - -"
      "d ${containerDir id}/root 0755 root root - -"
      "d ${containerDir id}/root/etc 0755 root root - -"
      "f ${containerDir id}/root/etc/os-release 0644 root root - -"
      "L+ ${containerDir id}/unit.conf - - - - /etc/nixunits/${id}.conf"
    ]) cfg.containers);

    # Keep DHCP clients and NetworkManager off the veth interfaces that
    # systemd-nspawn creates (ve-<machine> and vb-<machine>).
    networking.dhcpcd.denyInterfaces = [ "ve-*" "vb-*" ];
    services.udev.extraRules = lib.optionalString config.networking.networkmanager.enable ''
      ENV{INTERFACE}=="v[eb]-*", ENV{NM_UNMANAGED}="1"
    '';
  };
}
