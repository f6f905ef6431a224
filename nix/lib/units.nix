# The two unit templates, defined once as data. The NixOS host module turns
# them into systemd.services; renderUnitFiles writes plain unit files for
# other systemd hosts (the checked-in copies are in ../units/).
let
  sections = [ "Unit" "Service" "Install" ];

  # Return { "<file name>" = { Unit = { ... }; Service = { ... }; Install = { ... }; }; }.
  #   nixunitsCommand  absolute path of the `nixunits` command that runs the hooks
  #   nspawnCommand    absolute path of systemd-nspawn
  #   stateDir         NixUnits state root
  unitDefinitions =
    { nixunitsCommand
    , nspawnCommand ? "/usr/bin/systemd-nspawn"
    , stateDir ? "/var/lib/nixunits"
    }:
    let
      containerDir = "${stateDir}/containers/%i";
      environmentFile = "${containerDir}/unit.conf";
      hook = verb: "${nixunitsCommand} hook ${verb} %i";
    in
    {
      "nixunits@.service" = {
        Unit = {
          Description = "NixUnits container %i";
          RequiresMountsFor = containerDir;
          Wants = "network-online.target";
          After = "network-online.target";
        };
        Service = {
          Type = "notify";
          EnvironmentFile = environmentFile;
          ExecStartPre = hook "pre-start";
          # $NSPAWN_ARGS is split into words at whitespace; ${SYSTEM_PATH}
          # stays one word.
          ExecStart = "${nspawnCommand} --machine=%i -D ${containerDir}/root --notify-ready=yes --kill-signal=SIGRTMIN+3 $NSPAWN_ARGS \${SYSTEM_PATH}/init";
          ExecStartPost = hook "post-start";
          ExecStop = hook "stop";
          Delegate = "yes";
          Slice = "machine.slice";
          KillMode = "mixed";
          Restart = "on-failure";
          # systemd-nspawn exits with 133 when the container reboots: that is
          # a success, and the unit starts it again.
          SuccessExitStatus = "133";
          RestartForceExitStatus = "133";
          TimeoutStartSec = "10min";
          # The stop hook waits up to 90 s for a power-off, then terminates
          # and kills: systemd must not kill the hook before it gets there.
          TimeoutStopSec = "150s";
          TasksMax = "16384";
        };
        Install = {
          WantedBy = "multi-user.target";
        };
      };

      "nixunits-network@.service" = {
        Unit = {
          Description = "NixUnits network of container %i";
          BindsTo = "machine-%i.scope";
          After = "machine-%i.scope";
        };
        Service = {
          Type = "oneshot";
          # Active while the machine scope is, so `systemctl status` shows
          # whether the network was configured for the running container.
          RemainAfterExit = "yes";
          EnvironmentFile = environmentFile;
          ExecStart = hook "network";
        };
        Install = {
          WantedBy = "machine-%i.scope";
        };
      };
    };

  renderSection = name: entries:
    let
      keys = builtins.attrNames entries;
      valuesOf = key: let v = entries.${key}; in if builtins.isList v then v else [ v ];
      lines = builtins.concatLists (map (key: map (v: "${key}=${v}\n") (valuesOf key)) keys);
    in
    if keys == [ ] then "" else "[${name}]\n" + builtins.concatStringsSep "" lines;

  # Render one unit definition as the text of a unit file.
  renderUnitFile = definition:
    let
      present = builtins.filter (s: definition ? ${s}) sections;
      header = "# Generated from nix/lib/units.nix; edit that file, not this one.\n";
    in
    header + builtins.concatStringsSep "\n" (map (s: renderSection s definition.${s}) present);

  # Return { "<file name>" = "<unit file text>"; } for every template.
  renderUnitFiles = args: builtins.mapAttrs (_: renderUnitFile) (unitDefinitions args);
in
{
  inherit unitDefinitions renderUnitFile renderUnitFiles;
}
