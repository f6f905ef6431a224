# Invalid declarations and the message each must fail with. ./run renders
# each one, expects the evaluation to fail, and looks for `expect` in the
# error output.
let
  veth = { ip4 = "10.0.0.2/31"; hostIp4 = "10.0.0.1/31"; };
  systemPath = "/nix/store/00000000000000000000000000000000-nixos-system";
in
builtins.mapAttrs (_: c: { inherit systemPath; } // c) {
  underscore-in-container-name = {
    id = "web_2";
    declaration = { };
    expect = "invalid container name 'web_2': it contains '_'";
  };

  underscore-in-interface-name = {
    id = "web2";
    declaration.network.interfaces.lan_1 = veth;
    expect = "invalid interface name 'lan_1': it contains '_'";
  };

  dash-in-interface-name = {
    id = "web2";
    declaration.network.interfaces.lan-1 = veth;
    expect = "invalid interface name 'lan-1': use only letters and digits";
  };

  netns-with-interfaces = {
    id = "web2";
    declaration.network = {
      netns_path = "/run/netns/blue";
      interfaces.lan.ip4 = "10.0.0.2/24";
    };
    expect = "network.netns_path '/run/netns/blue' cannot be combined with network.interfaces ('lan')";
  };

  netns-with-private-users = {
    id = "web2";
    declaration = {
      nspawnArgs = [ "--private-users=pick" ];
      network.netns_path = "/run/netns/blue";
    };
    expect = "network.netns_path '/run/netns/blue' cannot be combined with a private user namespace (nspawnArgs contains '--private-users=pick')";
  };

  vlan-without-bridge = {
    id = "router1";
    declaration.network.interfaces.lan = {
      ip4 = "10.0.0.2/16";
      ovs.vlan = 435;
    };
    expect = "interface 'lan' sets ovs.vlan = 435 without ovs.bridge";
  };

  vlan-out-of-range = {
    id = "router1";
    declaration.network.interfaces.lan.ovs = { bridge = "br0"; vlan = 4356; };
    expect = "invalid network.interfaces.lan.ovs.vlan '4356'";
  };

  link-local-gateway-with-two-interfaces = {
    id = "router1";
    declaration.network = {
      interfaces.lan.ip6 = "fd00::2/64";
      interfaces.wan.ip6 = "2001:db8::2/64";
      ip6route = "fe80::1";
    };
    expect = "network.ip6route 'fe80::1' is a link-local (fe80::/10) gateway";
  };

  two-veth-interfaces = {
    id = "web2";
    declaration.network.interfaces = { a = veth; b = veth; };
    expect = "interfaces 'a', 'b' all set a host address";
  };

  macvlan-vrid-not-a-number = {
    id = "vrrp1";
    declaration.network.interfaces.lan.macvlan.vrid = "seven";
    expect = "invalid network.interfaces.lan.macvlan.vrid 'seven'";
  };

  macvlan-link-name-too-long = {
    id = "vrrp1";
    declaration.network.interfaces.uplinkprimary.macvlan.vrid = "200";
    expect = "macvlan link name 'mv-uplinkprimary-200' of interface 'uplinkprimary' is longer than 15 characters";
  };

  capability-without-prefix = {
    id = "web2";
    declaration.caps_allow = [ "NET_ADMIN" ];
    expect = "invalid caps_allow entry 'NET_ADMIN'";
  };

  bind-with-space = {
    id = "web2";
    declaration.bind = [ "/srv/my data:/data" ];
    expect = "bind entry '/srv/my data:/data' contains whitespace";
  };

  bind-relative-path = {
    id = "web2";
    declaration.bind = [ "srv:/data" ];
    expect = "invalid bind entry 'srv:/data'";
  };

  newline-in-value = {
    id = "web2";
    declaration.network.ip4route = "10.0.0.1\n10.0.0.2";
    expect = "the unit.conf value of IP4ROUTE contains a control character";
  };

  unknown-store-mode = {
    id = "web2";
    storeMode = "shared";
    declaration = { };
    expect = "invalid storeMode 'shared'";
  };
}
