# Declarations rendered by the golden tests (./run). Each case gives the
# arguments of renderUnitConf; the expected unit.conf is golden/<name>.conf.
let
  # The part of nixpkgs' lib that the example config.nix files use,
  # rewritten with builtins so that the examples evaluate without nixpkgs.
  lib = {
    attrByPath = path: default: set:
      if path == [ ] then set
      else if builtins.isAttrs set && set ? ${builtins.head path}
      then lib.attrByPath (builtins.tail path) default set.${builtins.head path}
      else default;
  };

  example = name:
    let
      properties = builtins.fromJSON (builtins.readFile (../../examples + "/${name}/properties.json"));
    in
    {
      id = properties.id;
      declaration = import (../../examples + "/${name}/config.nix") {
        inherit lib properties;
        pkgs = { };
        id = properties.id;
        config = { };
      };
    };

  # Every case uses the same fake system path, so the goldens do not depend
  # on a store hash.
  systemPath = "/nix/store/00000000000000000000000000000000-nixos-system";
in
builtins.mapAttrs (_: c: { inherit systemPath; } // c) {
  web2 = example "web2";
  router1 = example "router1";

  no-network = {
    id = "isolated";
    declaration = { };
  };

  host-network = {
    id = "hostnet";
    declaration = { network = { }; };
  };

  netns = {
    id = "innetns";
    declaration = {
      network = {
        netns_path = "/run/netns/blue";
        ip4route = "10.1.0.1";
      };
    };
  };

  macvlan = {
    id = "mvlan";
    declaration = {
      network.interfaces.lan = {
        ip4 = "192.168.1.10/24";
        ovs.bridge = "br0";
        macvlan = {
          ip4 = "192.168.1.11/24";
          ip6 = "fd00:1::11/64";
        };
      };
    };
  };

  macvlan-vrid = {
    id = "vrrp1";
    declaration = {
      caps_allow = [ "CAP_NET_ADMIN" "CAP_NET_RAW" ];
      network.interfaces.lan = {
        ip4 = "192.168.1.2/24";
        ovs = {
          bridge = "br0";
          vlan = 12;
        };
        macvlan = {
          ip4 = "192.168.1.1/24";
          vrid = 7;
        };
      };
      network.ip4route = "192.168.1.254";
    };
  };

  several-caps = {
    id = "caps";
    declaration = {
      caps_allow = [ "CAP_NET_BIND_SERVICE" "CAP_SYS_TIME" "CAP_NET_ADMIN" "CAP_SYS_NICE" ];
    };
  };

  bind-mounts = {
    id = "binds";
    declaration = {
      bind = [
        "/srv/data:/var/lib/data"
        "/srv/logs:/var/log/service:ro"
        "/srv/tree:/mnt/tree:ro,norbind"
        "/srv/same"
      ];
      nspawnArgs = [ "--tmpfs=/var/cache" ];
    };
  };

  ipv6-only = {
    id = "v6only";
    declaration = {
      network.interfaces.veth = {
        ip6 = "fd00:20::2/127";
        hostIp6 = "fd00:20::1/127";
      };
      network.ip6route = "fe80::1";
    };
  };

  quoting = {
    id = "quoted";
    declaration = {
      preCheckNetReadyScript = "/usr/local/bin/check-net --wait \"10s\" $HOME";
      network.interfaces.eth0.ip4 = "10.9.0.2/24";
      network.ip4route = "10.9.0.1";
    };
  };

  host-store = {
    id = "declared";
    storeMode = "host";
    declaration = {
      network.interfaces.veth = {
        ip4 = "10.0.5.2/31";
        hostIp4 = "10.0.5.1/31";
      };
    };
  };
}
