# The unit files for systemd hosts that are not NixOS, as { "<file>" = text; }.
# units/ beside this file holds the same text for users without Nix; tests/run checks
# that the two agree.
{ nixunitsCommand ? "/usr/local/bin/nixunits"
, nspawnCommand ? "/usr/bin/systemd-nspawn"
, stateDir ? "/var/lib/nixunits"
}:
(import ./lib).renderUnitFiles { inherit nixunitsCommand nspawnCommand stateDir; }
