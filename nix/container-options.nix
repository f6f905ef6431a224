# Options of a container declaration: what a config.nix returns. Used by
# mkContainer for agent-managed containers and by the host module for
# services.nixunits.containers.<id>. The defaults match lib/declaration.nix.
{ lib, ... }:
let
  inherit (lib) mkOption types;

  macvlanOptions = {
    options = {
      ip4 = mkOption {
        type = types.str;
        default = "";
        example = "192.168.1.1/24";
        description = "IPv4 address with prefix length set on the macvlan link inside the container.";
      };
      ip6 = mkOption {
        type = types.str;
        default = "";
        example = "fd00:1::1/64";
        description = "IPv6 address with prefix length set on the macvlan link inside the container.";
      };
      vrid = mkOption {
        type = types.either types.str (types.ints.between 1 255);
        default = "";
        apply = toString;
        example = 7;
        description = ''
          VRRP router id (1 to 255). When set, the macvlan link is named
          `mv-<interface>-<vrid>` and gets the VRRP MAC address of that id;
          otherwise it is named `mv-<interface>`.
        '';
      };
    };
  };

  interfaceOptions = { name, ... }: {
    options = {
      ip4 = mkOption {
        type = types.str;
        default = "";
        example = "10.0.0.2/31";
        description = "IPv4 address with prefix length of interface `${name}` inside the container.";
      };
      ip6 = mkOption {
        type = types.str;
        default = "";
        example = "fd00::2/127";
        description = "IPv6 address with prefix length of interface `${name}` inside the container.";
      };
      hostIp4 = mkOption {
        type = types.str;
        default = "";
        example = "10.0.0.1/31";
        description = ''
          IPv4 address of the host side. Setting hostIp4 or hostIp6 makes this
          interface the container's veth pair (`--network-veth`); a container
          has at most one.
        '';
      };
      hostIp6 = mkOption {
        type = types.str;
        default = "";
        example = "fd00::1/127";
        description = "IPv6 address of the host side of the veth pair; see hostIp4.";
      };
      ovs = mkOption {
        default = { };
        description = ''
          Open vSwitch internal port that the pre-start hook creates under the
          interface's name and moves into the container.
        '';
        type = types.submodule {
          options = {
            bridge = mkOption {
              type = types.str;
              default = "";
              example = "br0";
              description = "Open vSwitch bridge of the port; empty for no OVS port.";
            };
            vlan = mkOption {
              type = types.ints.between 0 4094;
              default = 0;
              example = 435;
              description = "802.1Q tag of the port; 0 for untagged. Needs a bridge.";
            };
          };
        };
      };
      macvlan = mkOption {
        type = types.nullOr (types.submodule macvlanOptions);
        default = null;
        description = ''
          A macvlan link on top of this interface, moved into the container
          next to it. Null for none.
        '';
      };
    };
  };

  networkOptions = {
    options = {
      interfaces = mkOption {
        type = types.attrsOf (types.submodule interfaceOptions);
        default = { };
        description = ''
          Network interfaces of the container, by name. Names are letters and
          digits only, because they become part of the variable names in
          unit.conf.
        '';
      };
      ip4route = mkOption {
        type = types.str;
        default = "";
        example = "10.0.0.1";
        description = "IPv4 default gateway inside the container; empty for none.";
      };
      ip6route = mkOption {
        type = types.str;
        default = "";
        example = "fe80::1";
        description = ''
          IPv6 default gateway inside the container; empty for none. A
          link-local (fe80::) gateway needs exactly one interface.
        '';
      };
      netns_path = mkOption {
        type = types.str;
        default = "";
        example = "/run/netns/blue";
        description = ''
          Run the container in this existing network namespace
          (`--network-namespace-path`). It excludes `interfaces` and private
          user namespaces: the container then runs without `--private-users`.
        '';
      };
      nft = mkOption {
        type = types.lines;
        default = "";
        description = "nftables ruleset loaded in the container's network namespace before the interfaces are configured.";
      };
    };
  };
in
{
  options = {
    caps_allow = mkOption {
      type = types.listOf types.str;
      default = [ ];
      example = [ "CAP_NET_BIND_SERVICE" ];
      description = ''
        Capabilities the container keeps. NixUnits drops a fixed list of
        systemd-nspawn's default capabilities (CAP_NET_ADMIN, CAP_SYS_ADMIN,
        CAP_NET_RAW, ...) unless they are listed here, and passes each entry
        as `--capability=`.
      '';
    };

    bind = mkOption {
      type = types.listOf types.str;
      default = [ ];
      example = [ "/srv/logs:/var/log/service:ro" ];
      description = ''
        Host paths mounted into the container, as `source:destination` or
        `source:destination:options`. The option `ro` gives `--bind-ro`; other
        options (rbind, norbind, idmap, ...) go to systemd-nspawn as they are.
      '';
    };

    config = mkOption {
      type = types.deferredModule;
      default = { };
      description = "NixOS configuration of the container, as a NixOS module.";
    };

    extra = mkOption {
      type = types.lines;
      default = "";
      description = "Shell script that the post-start hook runs with /bin/sh inside the container.";
    };

    nspawnArgs = mkOption {
      type = types.listOf types.str;
      default = [ ];
      example = [ "--tmpfs=/var/cache" ];
      description = ''
        Extra systemd-nspawn arguments, placed after the bind mounts and
        before the network arguments. An argument cannot contain whitespace.
      '';
    };

    preCheckNetReadyScript = mkOption {
      type = types.nullOr (types.either types.path types.str);
      default = null;
      description = ''
        Command that the network hook runs, with the container name as its
        argument, before it writes /run/net-ready inside the container.
      '';
    };

    sysctl = mkOption {
      type = types.lines;
      default = "";
      example = "net.ipv4.ip_forward=1";
      description = "sysctl.conf lines applied in the container's namespaces after it starts.";
    };

    autoStart = mkOption {
      type = types.bool;
      default = false;
      description = ''
        Start the container at boot. Only the NixOS host module reads it;
        the agent starts the containers of its repository itself.
      '';
    };

    network = mkOption {
      type = types.nullOr (types.submodule networkOptions);
      default = null;
      description = ''
        Network of the container. Left unset (null), the container gets a
        private network namespace with only loopback (`--private-network`).
        Set to `{ }`, it shares the host's network.
      '';
    };
  };
}
