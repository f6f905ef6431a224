# Render one golden case to text: `nix-instantiate --eval --strict
# nix/tests/render.nix --argstr case web2`.
{ case }:
let
  nixunits = import ../lib;
  cases = import ./cases.nix;
in
nixunits.renderUnitConf cases.${case}
