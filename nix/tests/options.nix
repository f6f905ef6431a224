# Checks of the option modules against nixpkgs' lib (not nixpkgs itself).
# ./run evaluates each attribute when NIXUNITS_NIXPKGS_LIB names a checkout
# of nixpkgs' lib; each must be true.
{ nixpkgsLib }:
let
  lib = import nixpkgsLib;
  nixunits = import ../lib;
  cases = import ./cases.nix;

  # Stand-ins for the parts of pkgs that the modules only interpolate.
  pkgs = {
    inherit lib;
    path = "/nixpkgs-not-available";
    writeText = builtins.toFile;
    iproute2 = "/nix/store/stub-iproute2";
    nftables = "/nix/store/stub-nftables";
    util-linux = "/nix/store/stub-util-linux";
    procps = "/nix/store/stub-procps";
    git = "/nix/store/stub-git";
    openssh = "/nix/store/stub-openssh";
  };

  # types.package accepts a derivation; only outPath is ever read.
  stubPackage = { type = "derivation"; name = "stub-nixunits"; outPath = "/nix/store/stub-nixunits"; };

  containers = import ../container.nix { nixpkgsPath = pkgs.path; inherit pkgs; };

  # The declaration of a golden case, passed through the option module.
  evalCase = declaration:
    (lib.evalModules { modules = [ ../container-options.nix { config = declaration; } ]; }).config;

  renderThroughModule = name:
    let c = cases.${name};
    in nixunits.renderUnitConf (c // { declaration = evalCase c.declaration; });

  sameAsGolden = name: renderThroughModule name == builtins.readFile (./golden + "/${name}.conf");

  rejectedByType = declaration:
    !(builtins.tryEval (builtins.deepSeq (builtins.removeAttrs (evalCase declaration) [ "config" ]) true)).success;

  # The NixOS options that host.nix and agent.nix set, as free-form stubs.
  stubOptions = { ... }: {
    options = {
      systemd = lib.mkOption { type = lib.types.anything; default = { }; };
      users = lib.mkOption { type = lib.types.anything; default = { }; };
      security = lib.mkOption { type = lib.types.anything; default = { }; };
      environment = lib.mkOption { type = lib.types.anything; default = { }; };
      networking = lib.mkOption { type = lib.types.anything; default = { }; };
      virtualisation = lib.mkOption { type = lib.types.anything; default = { }; };
      nix = lib.mkOption { type = lib.types.anything; default = { }; };
      services.udev = lib.mkOption { type = lib.types.anything; default = { }; };
      warnings = lib.mkOption { type = lib.types.listOf lib.types.str; default = [ ]; };
      assertions = lib.mkOption { type = lib.types.listOf lib.types.anything; default = [ ]; };
    };
    config = {
      systemd.package = "/nix/store/stub-systemd";
      networking.networkmanager.enable = false;
      virtualisation.vswitch.enable = false;
      nix.package = "/nix/store/stub-nix";
    };
  };

  evalHost = modules:
    (lib.evalModules {
      modules = [ stubOptions ../modules/host.nix ../modules/agent.nix ] ++ modules;
      specialArgs = { inherit pkgs; };
    }).config;

  host = evalHost [{
    services.nixunits = { enable = true; package = stubPackage; };
    services.nixunits-agent = {
      enable = true;
      package = stubPackage;
      repository.url = "https://git.example.org/containers.git";
      credentialsFile = "/run/secrets/token";
      extraArgs = [ "--debug" ];
    };
  }];

  mainService = host.systemd.services."nixunits@";
  networkService = host.systemd.services."nixunits-network@";
  agentService = host.systemd.services.nixunits-agent;
  agentJson = builtins.fromJSON (builtins.readFile host.environment.etc."nixunits/agent.json".source);
in
{
  web2-through-module = sameAsGolden "web2";
  router1-through-module = sameAsGolden "router1";
  no-network-through-module = sameAsGolden "no-network";
  host-network-through-module = sameAsGolden "host-network";
  netns-through-module = sameAsGolden "netns";
  macvlan-through-module = sameAsGolden "macvlan";
  macvlan-vrid-through-module = sameAsGolden "macvlan-vrid";
  several-caps-through-module = sameAsGolden "several-caps";
  bind-mounts-through-module = sameAsGolden "bind-mounts";
  ipv6-only-through-module = sameAsGolden "ipv6-only";
  quoting-through-module = sameAsGolden "quoting";
  host-store-through-module = sameAsGolden "host-store";

  example-config-is-module = (containers.evalDeclaration {
    configFile = ../../examples/web2/config.nix;
    properties = { id = "web2"; };
    id = "web2";
  }).caps_allow == [ "CAP_NET_BIND_SERVICE" ];

  vlan-type-rejects-4095 = rejectedByType { network.interfaces.lan.ovs = { bridge = "br0"; vlan = 4095; }; };
  vrid-type-rejects-256 = rejectedByType { network.interfaces.lan.macvlan.vrid = 256; };
  caps-type-rejects-string = rejectedByType { caps_allow = "CAP_NET_ADMIN"; };

  host-main-unit-runs-hooks =
    mainService.serviceConfig.ExecStartPre == "/nix/store/stub-nixunits/bin/nixunits hook pre-start %i"
    && mainService.serviceConfig.ExecStop == "/nix/store/stub-nixunits/bin/nixunits hook stop %i"
    && lib.hasPrefix "/nix/store/stub-systemd/bin/systemd-nspawn --machine=%i" mainService.serviceConfig.ExecStart
    && mainService.restartIfChanged == false;
  host-network-unit-runs-hook =
    networkService.serviceConfig.ExecStart == "/nix/store/stub-nixunits/bin/nixunits hook network %i"
    && networkService.unitConfig.BindsTo == "machine-%i.scope";
  host-sudo-rule = (builtins.head host.security.sudo.extraRules).groups == [ "nixunits" ];
  host-group = host.users.groups ? nixunits;

  agent-json-keys = agentJson == {
    repository = "https://git.example.org/containers.git";
    ref = "main";
    path = null;
    stateDir = "/var/lib/nixunits";
    schedule.interval = "5m";
    credentials.tokenFile = "/run/secrets/token";
    listen = null;
  };
  agent-service-notify =
    agentService.serviceConfig.Type == "notify"
    && agentService.serviceConfig.SuccessExitStatus == "143"
    && agentService.serviceConfig.WatchdogSec == "2min"
    && agentService.serviceConfig.ExecStart == "/nix/store/stub-nixunits/bin/nixunits-agent run --debug";
}
