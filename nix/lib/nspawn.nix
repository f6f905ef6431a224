# Builds the systemd-nspawn arguments stored in NSPAWN_ARGS of unit.conf.
{ text, declaration }:
let
  inherit (text) subtractLists splitOn;

  # Capabilities that systemd-nspawn grants by default and NixUnits drops
  # unless the declaration lists them in caps_allow.
  defaultDroppedCapabilities = [
    "CAP_AUDIT_WRITE"
    "CAP_AUDIT_CONTROL"
    "CAP_DAC_READ_SEARCH"
    "CAP_IPC_LOCK"
    "CAP_IPC_OWNER"
    "CAP_LEASE"
    "CAP_LINUX_IMMUTABLE"
    "CAP_MAC_OVERRIDE"
    "CAP_MKNOD"
    "CAP_NET_ADMIN"
    "CAP_NET_BROADCAST"
    "CAP_NET_RAW"
    "CAP_SYS_NICE"
    "CAP_SYS_ADMIN"
    "CAP_SYS_BOOT"
    "CAP_SYS_MODULE"
    "CAP_SYS_RAWIO"
    "CAP_SYS_PTRACE"
    "CAP_SYS_PACCT"
    "CAP_SYS_RESOURCE"
    "CAP_SYS_TIME"
    "CAP_SYS_TTY_CONFIG"
  ];

  capabilityFlags = capsAllow:
    map (cap: "--drop-capability=${cap}") (subtractLists capsAllow defaultDroppedCapabilities)
    ++ map (cap: "--capability=${cap}") capsAllow;

  # A container that joins an existing network namespace runs without a
  # private user namespace (see the netns_path check in declaration.nix).
  securityFlags = decl:
    [ "--no-new-privileges=yes" ]
    ++ (if usesNetns decl then [ ] else [ "--private-users=pick" "--private-users-ownership=chown" ])
    ++ capabilityFlags decl.caps_allow;

  usesNetns = decl: decl.network != null && decl.network.netns_path != "";

  # systemd-nspawn has no "ro" bind option: "src:dst:ro" becomes
  # --bind-ro=src:dst, and the other options (rbind, norbind, idmap, ...)
  # stay after the destination.
  bindFlag = entry:
    let
      parts = splitOn ":" entry;
      options = if builtins.length parts > 2 then splitOn "," (builtins.elemAt parts 2) else [ ];
      readOnly = builtins.elem "ro" options;
      otherOptions = builtins.filter (o: o != "ro" && o != "rw" && o != "") options;
      paths = builtins.concatStringsSep ":" (builtins.genList (builtins.elemAt parts) (if builtins.length parts > 2 then 2 else builtins.length parts));
      suffix = if otherOptions == [ ] then "" else ":" + builtins.concatStringsSep "," otherOptions;
    in
    (if readOnly then "--bind-ro=" else "--bind=") + paths + suffix;

  networkFlags = decl:
    let
      network = decl.network;
      interfaces = network.interfaces;
      names = builtins.attrNames interfaces;
      vethNames = builtins.filter (n: declaration.hasHostAddress interfaces.${n}) names;
      otherNames = builtins.filter (n: !(declaration.hasHostAddress interfaces.${n})) names;
      interfaceFlags = name:
        let macvlan = interfaces.${name}.macvlan;
        in
        (if macvlan == null then [ ] else [ "--network-interface=${declaration.macvlanLinkName name macvlan}" ])
        ++ [ "--network-interface=${name}" ];
    in
    if network == null then
      [ "--private-network" ]
    else
      (if usesNetns decl then [ "--network-namespace-path=${network.netns_path}" ] else [ ])
      ++ (if vethNames != [ ] then [ "--network-veth" ] else [ ])
      ++ builtins.concatLists (map interfaceFlags otherNames);

  # How the container sees /nix/store. "overlay": the shared base store under
  # the state directory, below the container's own store (the layout the
  # agent builds). "host": the host's /nix/store read-only, for containers
  # declared in a NixOS host configuration, whose systems live there.
  storeFlag = { id, stateDir, storeMode }:
    if storeMode == "overlay" then
      "--overlay-ro=${stateDir}/store/default/root/nix/store:${stateDir}/containers/${id}/root/nix/store:/nix/store"
    else if storeMode == "host" then
      "--bind-ro=/nix/store"
    else
      throw "nixunits: invalid storeMode '${storeMode}': use \"overlay\" or \"host\"";

  # Return NSPAWN_ARGS as a list: security, journal and binds, the
  # declaration's own nspawnArgs, network, then the store.
  nspawnArgs = { id, declaration, stateDir ? "/var/lib/nixunits", storeMode ? "overlay" }:
    securityFlags declaration
    ++ [ "--link-journal=host" ]
    ++ map bindFlag declaration.bind
    ++ declaration.nspawnArgs
    ++ networkFlags declaration
    ++ [ (storeFlag { inherit id stateDir storeMode; }) ];
in
{
  inherit defaultDroppedCapabilities capabilityFlags bindFlag nspawnArgs;
}
