# Render one case of ./rejections.nix; the evaluation is expected to fail.
{ case }:
let
  nixunits = import ../lib;
  cases = import ./rejections.nix;
in
nixunits.renderUnitConf (builtins.removeAttrs cases.${case} [ "expect" ])
