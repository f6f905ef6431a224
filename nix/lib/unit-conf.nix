# Renders unit.conf, the EnvironmentFile= of nixunits@<id>.service that the
# hooks read as well.
{ text, declaration, nspawn }:
let
  # A value made only of these characters is written bare; anything else is
  # double-quoted. Both systemd's EnvironmentFile= parser and POSIX sh read
  # the quoted form the same way, because only \ " $ and ` are escaped
  # inside the quotes (systemd drops the backslash before exactly those four).
  isBareValue = value: builtins.match "[A-Za-z0-9_./:,@%+=-]*" value != null;

  quoteValue = key: value:
    if text.hasControlCharacter value then
      throw "nixunits: the unit.conf value of ${key} contains a control character (such as a newline), which an EnvironmentFile line cannot hold: ${builtins.toJSON value}"
    else if isBareValue value then
      value
    else
      "\"" + builtins.replaceStrings [ "\\" "\"" "$" "`" ] [ "\\\\" "\\\"" "\\$" "\\`" ] value + "\"";

  line = key: value: "${key}=${quoteValue key value}\n";

  optionalLine = key: value: if value == null then "" else line key value;

  # Fields of one interface, in the order the hooks list them.
  interfaceLines = name: iface:
    let
      macvlan = iface.macvlan;
      field = f: value: line "NIXUNITS__ETH__${name}__${f}" value;
    in
    field "HOST_IP4" iface.hostIp4
    + field "HOST_IP6" iface.hostIp6
    + field "IP4" iface.ip4
    + field "IP6" iface.ip6
    + field "MV" (if macvlan == null then "" else declaration.macvlanLinkName name macvlan)
    + field "MV_IP4" (if macvlan == null then "" else macvlan.ip4)
    + field "MV_IP6" (if macvlan == null then "" else macvlan.ip6)
    + field "MV_VRID" (if macvlan == null then "" else macvlan.vrid)
    + field "OVS_BRIDGE" iface.ovs.bridge
    + field "OVS_VLAN" (toString iface.ovs.vlan);

  # Render unit.conf for container `id`.
  #   declaration  what config.nix returned, with or without option defaults
  #   systemPath   the built system; the unit runs ${SYSTEM_PATH}/init
  #   writeText    name -> text -> store path, for the extra, nft and sysctl
  #                files (pkgs.writeText or builtins.toFile)
  #   stateDir     NixUnits state root, used in the store overlay argument
  #   storeMode    "overlay" (agent-built) or "host" (NixOS host module)
  # Throws with every problem found when the declaration is invalid.
  renderUnitConf =
    { id
    , declaration
    , systemPath
    , writeText ? builtins.toFile
    , stateDir ? "/var/lib/nixunits"
    , storeMode ? "overlay"
    }:
    let
      decl = validate { inherit id; declaration = normalize declaration; };
      network = decl.network;
      interfaces = if network == null then { } else network.interfaces;
      fileOf = suffix: content: if content == "" then null else writeText "${id}-${suffix}" content;
      args = nspawn.nspawnArgs { inherit id stateDir storeMode; declaration = decl; };
    in
    line "NSPAWN_ARGS" (builtins.concatStringsSep " " args)
    + line "NAME" id
    + line "SYSTEM_PATH" (toString systemPath)
    + line "IP4ROUTE" (if network == null then "" else network.ip4route)
    + line "IP6ROUTE" (if network == null then "" else network.ip6route)
    + optionalLine "EXTRA_FILE" (fileOf "extra.sh" decl.extra)
    + optionalLine "NFT_FILE" (fileOf "ruleset.nft" (if network == null then "" else network.nft))
    + optionalLine "SYSCTL_FILE" (fileOf "sysctl.conf" decl.sysctl)
    + optionalLine "CHECK_NET_READY" decl.preCheckNetReadyScript
    + text.concatMapStrings (name: interfaceLines name interfaces.${name}) (builtins.attrNames interfaces);

  inherit (declaration) normalize validate;
in
{
  inherit renderUnitConf quoteValue;
}
