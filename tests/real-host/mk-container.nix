# The mkContainer entry point of the real-host tests: it takes the agent's
# arguments and builds nix/tests/test-system.nix, which needs no nixpkgs.
#
# A declaration's config.nix here is a function of { properties, id, ... }
# that returns the declaration options (nspawnArgs, network, sysctl, ...),
# with no pkgs or lib because there is no nixpkgs.
#
# One property is read by this file and not by the declaration:
#   buildDelaySeconds  makes the container build wait that many seconds in a
#                      separate derivation, so that a test can interrupt the
#                      agent in the middle of a build.
{ busybox }:
{ configFile, id ? "dummy", propertiesJSON, modulesDir ? null }:
let
  properties = builtins.fromJSON propertiesJSON;
  declaration = import configFile { inherit properties id; };

  delaySeconds = properties.buildDelaySeconds or 0;

  # builtins.path keeps only busybox, as test-system.nix does for its builder.
  busyboxDir = builtins.path {
    path = dirOf busybox;
    name = "busybox-static";
    filter = path: type: baseNameOf path == baseNameOf busybox;
  };
  delay = builtins.derivation {
    name = "nixunits-test-delay-${id}";
    system = builtins.currentSystem;
    builder = "${busyboxDir}/${baseNameOf busybox}";
    args = [ "sh" "-ec" "${busyboxDir}/${baseNameOf busybox} sleep ${toString delaySeconds}; echo ${toString delaySeconds} > $out" ];
  };

  # A reference to the delay derivation in NSPAWN_ARGS, which unit.conf holds
  # inline, makes the system depend on it, so Nix builds it first. (The extra
  # script would not do: it becomes a builtins.toFile file, which must not
  # refer to a derivation.)
  delayed =
    if delaySeconds > 0 then
      declaration // {
        nspawnArgs = (declaration.nspawnArgs or [ ]) ++ [ "--setenv=NIXUNITS_TEST_DELAY=${delay}" ];
      }
    else
      declaration;
in
import ../../nix/tests/test-system.nix {
  inherit busybox id;
  declaration = delayed;
}
