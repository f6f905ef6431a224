# The systemd-nspawn flags that do not depend on a whole declaration, as
# text for golden/nspawn-flags.txt.
let
  nixunits = import ../lib;
  showList = title: list: "# ${title}\n" + builtins.concatStringsSep "" (map (x: x + "\n") list) + "\n";
in
showList "default-dropped capabilities" nixunits.defaultDroppedCapabilities
+ showList "capability flags, caps_allow = [ ]" (nixunits.capabilityFlags [ ])
+ showList "capability flags, caps_allow = [ CAP_NET_ADMIN ]" (nixunits.capabilityFlags [ "CAP_NET_ADMIN" ])
+ showList "capability flags, caps_allow = [ CAP_SYS_ADMIN CAP_NET_BIND_SERVICE CAP_SYS_TIME ]"
  (nixunits.capabilityFlags [ "CAP_SYS_ADMIN" "CAP_NET_BIND_SERVICE" "CAP_SYS_TIME" ])
+ showList "bind flags"
  (map nixunits.bindFlag [ "/a" "/a:/b" "/a:/b:ro" "/a:/b:rw" "/a:/b:norbind" "/a:/b:ro,idmap" ])
+ showList "NSPAWN_ARGS of router1 in host store mode"
  (nixunits.nspawnArgsOf {
    id = "router1";
    storeMode = "host";
    declaration = (import ./cases.nix).router1.declaration;
  })
