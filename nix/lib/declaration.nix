# Normalizes a container declaration (what a config.nix returns) and checks
# it. The NixOS option module in ../container-options.nix declares the same
# defaults, so a declaration gives the same unit.conf whether or not it went
# through the module system first.
{ text }:
let
  inherit (text) joinQuoted namesWhere parseDecimal;

  normalizeMacvlan = macvlan:
    if macvlan == null then
      null
    else {
      ip4 = macvlan.ip4 or "";
      ip6 = macvlan.ip6 or "";
      vrid = toString (macvlan.vrid or "");
    };

  normalizeInterface = iface: {
    ip4 = iface.ip4 or "";
    ip6 = iface.ip6 or "";
    hostIp4 = iface.hostIp4 or "";
    hostIp6 = iface.hostIp6 or "";
    ovs = {
      bridge = iface.ovs.bridge or "";
      vlan = iface.ovs.vlan or 0;
    };
    macvlan = normalizeMacvlan (iface.macvlan or null);
  };

  normalizeNetwork = network:
    if network == null then
      null
    else {
      interfaces = builtins.mapAttrs (_: normalizeInterface) (network.interfaces or { });
      ip4route = network.ip4route or "";
      ip6route = network.ip6route or "";
      netns_path = network.netns_path or "";
      nft = network.nft or "";
    };

  # `network` left out (or null) means "no network declared": the container
  # gets --private-network. `network = { }` keeps the host's network.
  normalize = declaration: {
    caps_allow = declaration.caps_allow or [ ];
    bind = declaration.bind or [ ];
    extra = declaration.extra or "";
    nspawnArgs = declaration.nspawnArgs or [ ];
    preCheckNetReadyScript =
      let script = declaration.preCheckNetReadyScript or null;
      in if script == null || script == "" then null else toString script;
    sysctl = declaration.sysctl or "";
    network = normalizeNetwork (declaration.network or null);
  };

  hasHostAddress = iface: iface.hostIp4 != "" || iface.hostIp6 != "";

  # Name of the macvlan link that the pre-start hook creates on top of `name`.
  macvlanLinkName = name: macvlan:
    if macvlan.vrid == "" then "mv-${name}" else "mv-${name}-${macvlan.vrid}";

  # Linux limits interface names to IFNAMSIZ - 1 = 15 bytes.
  maxInterfaceNameLength = 15;

  # systemd-nspawn's --private-users family, which conflicts with netns_path.
  isPrivateUsersArg = arg:
    builtins.match "(--private-users(-ownership)?(=.*)?|-U)" arg != null
    && arg != "--private-users=no";

  checkId = id:
    if builtins.match ".*_.*" id != null then
      [ "invalid container name '${id}': it contains '_', which systemd does not accept in machine names; rename it, for example to '${builtins.replaceStrings [ "_" ] [ "-" ] id}'" ]
    else if builtins.match "[A-Za-z0-9]([A-Za-z0-9.-]{0,62}[A-Za-z0-9])?" id == null then
      [ "invalid container name '${id}': use 1 to 64 letters, digits, '-' or '.', starting and ending with a letter or digit (it becomes the machine name and a path under the state directory)" ]
    else
      [ ];

  checkInterfaceName = name:
    if builtins.match ".*_.*" name != null then
      [ "invalid interface name '${name}': it contains '_', which unit.conf uses to separate the parts of NIXUNITS__ETH__<interface>__<FIELD>; rename network.interfaces.${name}, for example to '${builtins.replaceStrings [ "_" ] [ "" ] name}'" ]
    else if builtins.match "[A-Za-z0-9]+" name == null then
      [ "invalid interface name '${name}': use only letters and digits, because the name becomes part of the NIXUNITS__ETH__${name}__* variable names in unit.conf" ]
    else if builtins.stringLength name > maxInterfaceNameLength then
      [ "invalid interface name '${name}': Linux interface names have at most ${toString maxInterfaceNameLength} characters; shorten network.interfaces.${name}" ]
    else
      [ ];

  checkMacvlan = name: iface:
    let
      macvlan = iface.macvlan;
      vrid = parseDecimal macvlan.vrid;
      linkName = macvlanLinkName name macvlan;
    in
    if macvlan == null then
      [ ]
    else
      (if macvlan.vrid != "" && (vrid == null || vrid < 1 || vrid > 255) then
        [ "invalid network.interfaces.${name}.macvlan.vrid '${macvlan.vrid}': a VRRP router id is a decimal number from 1 to 255, or \"\" for none" ]
      else
        [ ])
      ++ (if builtins.stringLength linkName > maxInterfaceNameLength then
        [ "macvlan link name '${linkName}' of interface '${name}' is longer than ${toString maxInterfaceNameLength} characters; shorten the interface name" ]
      else
        [ ])
      ++ (if hasHostAddress iface then
        [ "interface '${name}' declares both a macvlan and a host address (hostIp4/hostIp6): a veth interface cannot carry a macvlan; remove one of them" ]
      else
        [ ]);

  checkOvs = name: iface:
    let vlan = iface.ovs.vlan;
    in
    (if !(builtins.isInt vlan) || vlan < 0 || vlan > 4094 then
      [ "invalid network.interfaces.${name}.ovs.vlan '${toString vlan}': an 802.1Q VLAN id is an integer from 1 to 4094, or 0 for untagged" ]
    else if vlan != 0 && iface.ovs.bridge == "" then
      [ "interface '${name}' sets ovs.vlan = ${toString vlan} without ovs.bridge: set network.interfaces.${name}.ovs.bridge to the Open vSwitch bridge that carries the VLAN, or remove the vlan" ]
    else
      [ ]);

  checkInterface = name: iface:
    checkInterfaceName name ++ checkOvs name iface ++ checkMacvlan name iface;

  checkNetwork = decl:
    let
      network = decl.network;
      interfaces = network.interfaces;
      names = builtins.attrNames interfaces;
      vethNames = namesWhere hasHostAddress interfaces;
      privateUsersArgs = builtins.filter isPrivateUsersArg decl.nspawnArgs;
      linkLocalGateway = builtins.match "[fF][eE]80:.*" network.ip6route != null;
    in
    if network == null then
      [ ]
    else
      builtins.concatLists (map (name: checkInterface name interfaces.${name}) names)
      ++ (if network.netns_path != "" && names != [ ] then
        [ "network.netns_path '${network.netns_path}' cannot be combined with network.interfaces (${joinQuoted names}): the container joins an existing network namespace, so NixUnits cannot move interfaces into it; remove the interfaces or the netns_path" ]
      else
        [ ])
      ++ (if network.netns_path != "" && privateUsersArgs != [ ] then
        [ "network.netns_path '${network.netns_path}' cannot be combined with a private user namespace (nspawnArgs contains ${joinQuoted privateUsersArgs}): the container's root would have no rights over a network namespace owned by the host; remove those arguments or the netns_path" ]
      else
        [ ])
      ++ (if builtins.length vethNames > 1 then
        [ "interfaces ${joinQuoted vethNames} all set a host address (hostIp4/hostIp6), but systemd-nspawn creates only one veth pair per container; keep hostIp4/hostIp6 on one interface" ]
      else
        [ ])
      ++ (if linkLocalGateway && builtins.length names != 1 then
        [ "network.ip6route '${network.ip6route}' is a link-local (fe80::/10) gateway, so the default route needs an interface to go through, but the container declares ${toString (builtins.length names)} interfaces (${joinQuoted names}); declare exactly one interface or use a global gateway address" ]
      else
        [ ]);

  checkCapabilities = decl:
    map (cap: "invalid caps_allow entry '${cap}': write the capability name in capabilities(7) form, such as 'CAP_NET_ADMIN'")
      (builtins.filter (cap: builtins.match "CAP_[A-Z_]+" cap == null) decl.caps_allow);

  # systemd splits $NSPAWN_ARGS at whitespace, so no argument may contain any.
  checkWords = decl:
    map (entry: "bind entry '${entry}' contains whitespace, but systemd splits NSPAWN_ARGS at whitespace; bind a path without spaces")
      (builtins.filter text.hasWhitespace decl.bind)
    ++ map (arg: "nspawnArgs entry '${arg}' contains whitespace, but systemd splits NSPAWN_ARGS at whitespace; pass each argument as its own list element")
      (builtins.filter text.hasWhitespace decl.nspawnArgs)
    ++ (if decl.network != null && text.hasWhitespace decl.network.netns_path then
      [ "network.netns_path '${decl.network.netns_path}' contains whitespace, but systemd splits NSPAWN_ARGS at whitespace; use a path without spaces" ]
    else
      [ ]);

  checkBindSyntax = decl:
    map (entry: "invalid bind entry '${entry}': write 'source:destination' or 'source:destination:options' with absolute paths, for example '/srv/logs:/var/log/service:ro'")
      (builtins.filter (entry: builtins.match "/[^:]*(:/[^:]*(:[a-z,]+)?)?" entry == null) decl.bind);

  # Return the list of error messages for a normalized declaration; an empty
  # list means it is valid.
  errors = { id, declaration }:
    checkId id
    ++ checkCapabilities declaration
    ++ checkBindSyntax declaration
    ++ checkWords declaration
    ++ checkNetwork declaration;

  # Return the declaration unchanged, or throw with every error found.
  validate = { id, declaration }:
    let found = errors { inherit id declaration; };
    in
    if found == [ ] then
      declaration
    else
      throw ("nixunits: invalid declaration of container '${id}':\n"
        + builtins.concatStringsSep "\n" (map (e: "  - ${e}") found));
in
{
  inherit normalize validate errors hasHostAddress macvlanLinkName;
}
