# The builtins-only part of NixUnits: declaration checks, systemd-nspawn
# arguments, unit.conf and the unit templates. Nothing here imports nixpkgs,
# so `nix-instantiate --eval` runs it on a bare Nix (see ../tests/run).
let
  text = import ./text.nix;
  checks = import ./declaration.nix { inherit text; };
  nspawn = import ./nspawn.nix { inherit text; declaration = checks; };
  unitConf = import ./unit-conf.nix { inherit text nspawn; declaration = checks; };
  units = import ./units.nix;
in
{
  inherit (checks) normalize validate errors;
  inherit (nspawn) defaultDroppedCapabilities capabilityFlags bindFlag nspawnArgs;
  inherit (unitConf) renderUnitConf quoteValue;
  inherit (units) unitDefinitions renderUnitFile renderUnitFiles;

  # Return NSPAWN_ARGS as a list for a raw declaration (defaults filled in
  # and checked), the same list that renderUnitConf joins.
  nspawnArgsOf = { id, declaration, stateDir ? "/var/lib/nixunits", storeMode ? "overlay" }:
    nspawn.nspawnArgs {
      inherit id stateDir storeMode;
      declaration = checks.validate { inherit id; declaration = checks.normalize declaration; };
    };
}
