# NixOS module of the NixUnits agent: a service that keeps this host in line
# with a Git repository of container declarations.
{ config, lib, pkgs, ... }:
let
  inherit (lib) mkOption mkEnableOption mkIf types;

  cfg = config.services.nixunits-agent;

  # agent.json in the form the agent's configuration loader reads: nested
  # objects are sections ("schedule.interval"), and null values are skipped,
  # so the agent's own default applies.
  agentConfig = {
    repository = cfg.repository.url;
    inherit (cfg.repository) ref;
    path = if cfg.repository.path == "" then null else cfg.repository.path;
    stateDir = cfg.stateDirectory;
    schedule.interval = cfg.interval;
    credentials.tokenFile = cfg.credentialsFile;
    listen = cfg.listenAddress;
  };
  agentConfigFile = pkgs.writeText "nixunits-agent.json" (builtins.toJSON agentConfig);
in
{
  options.services.nixunits-agent = {
    enable = mkEnableOption "the NixUnits agent, which applies a Git repository of container declarations to this host";

    package = mkOption {
      type = types.package;
      description = "Package that provides the `nixunits-agent` and `nixunits` commands.";
    };

    repository = {
      url = mkOption {
        type = types.str;
        example = "https://git.example.org/infra/containers.git";
        description = "Git URL of the repository of declarations (`<id>/config.nix`, `<id>/properties.json`, `modules/*.nix`).";
      };
      ref = mkOption {
        type = types.str;
        default = "main";
        description = "Branch, tag or commit of the repository that the agent applies.";
      };
      path = mkOption {
        type = types.str;
        default = "";
        example = "hosts/web-01";
        description = "Directory inside the repository that holds this host's declarations; empty for the repository root.";
      };
    };

    interval = mkOption {
      type = types.strMatching "[0-9]+(ms|s|m|h|d)";
      default = "5m";
      example = "30s";
      description = "Time between two polls of the repository: a number and a unit (ms, s, m, h or d).";
    };

    stateDirectory = mkOption {
      type = types.str;
      default = config.services.nixunits.stateDirectory or "/var/lib/nixunits";
      defaultText = lib.literalExpression ''config.services.nixunits.stateDirectory or "/var/lib/nixunits"'';
      description = "NixUnits state root that the agent manages (containers, shared store, locks).";
    };

    credentialsFile = mkOption {
      type = types.nullOr (types.strMatching "/.*");
      default = null;
      example = "/run/secrets/nixunits-git-token";
      description = ''
        Absolute path of a file holding the Git access token, read by the
        agent at run time. Give it as a string, not a Nix path, so that the
        secret is never copied into the world-readable Nix store.
      '';
    };

    listenAddress = mkOption {
      type = types.nullOr types.str;
      default = null;
      example = "127.0.0.1:9780";
      description = ''
        Address of the agent's HTTP endpoint (status and webhooks), as
        `host:port` or a port on 127.0.0.1. Null leaves it off.
      '';
    };

    extraArgs = mkOption {
      type = types.listOf types.str;
      default = [ ];
      example = [ "--debug" ];
      description = "Extra arguments appended to `nixunits-agent run`.";
    };
  };

  config = mkIf cfg.enable {
    environment.etc."nixunits/agent.json".source = agentConfigFile;

    environment.systemPackages = [ cfg.package ];

    systemd.services.nixunits-agent = {
      description = "NixUnits agent";
      wantedBy = [ "multi-user.target" ];
      wants = [ "network-online.target" ];
      after = [ "network-online.target" "nix-daemon.socket" ];
      restartTriggers = [ agentConfigFile ];
      # The agent runs Git, Nix builds, mounts and systemctl.
      path = [ config.nix.package pkgs.git pkgs.openssh pkgs.util-linux pkgs.iproute2 config.systemd.package ];
      environment = {
        # Nix and Git caches, since ProtectHome hides /root.
        XDG_CACHE_HOME = "/var/cache/nixunits-agent";
      };

      serviceConfig = {
        Type = "notify";
        # The JVM cannot write to the notify socket, so the agent reports
        # READY=1 and WATCHDOG=1 through systemd-notify, a child process.
        NotifyAccess = "all";
        ExecStart = lib.escapeShellArgs ([ "${cfg.package}/bin/nixunits-agent" "run" ] ++ cfg.extraArgs);
        # The agent must send WATCHDOG=1 at least every 60 seconds, also
        # while a build runs.
        WatchdogSec = "2min";
        Restart = "on-failure";
        RestartSec = "10s";
        # The agent stops with status 0 on SIGTERM once it handles the
        # signal; a stop during the JVM's start-up, before that, ends with
        # 143 (128 + SIGTERM), which is no failure either.
        SuccessExitStatus = "143";
        CacheDirectory = "nixunits-agent";

        # The agent stays root with its full capability set: it mounts
        # overlays, builds into a chroot Nix store (the Nix sandbox needs
        # user, mount and PID namespaces, chroot and the build users),
        # chowns container trees to their user-namespace ranges and starts
        # units. So User=, CapabilityBoundingSet=, RestrictNamespaces=,
        # PrivateDevices= and SystemCallFilter= are left unset. Also unset:
        # ProtectKernelTunables= and ProtectKernelLogs=, whose read-only
        # mounts over /proc stop the sandbox from mounting a new /proc;
        # ProtectHostname=, which forbids sethostname() in the sandbox;
        # LockPersonality= and SystemCallArchitectures=, which break 32-bit
        # builds; MemoryDenyWriteExecute=, which breaks the JVM's JIT; and
        # RestrictSUIDSGID=, since container directories are setgid (2750).
        NoNewPrivileges = true;
        ProtectSystem = "full";
        ProtectHome = true;
        PrivateTmp = true;
        ProtectKernelModules = true;
        RestrictRealtime = true;
        RestrictAddressFamilies = [ "AF_UNIX" "AF_INET" "AF_INET6" "AF_NETLINK" ];
        UMask = "0022";
      };
    };
  };
}
