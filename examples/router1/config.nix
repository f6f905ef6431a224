{ pkgs, properties, lib, ... }:
let
  get = path: default: lib.attrByPath path default properties;
  bridge = get [ "bridge" ] "br0";
  ip4 = get [ "ip4" ] "192.168.0.2/24";
  ip6 = get [ "ip6" ] "a:b:c:d::e/64";
  vlan = get [ "vlan" ] 435;
  bridgeWan = get [ "bridgeWan" ] "br0";
  ip4Wan = get [ "ip4Wan" ] "70.0.0.2/31";
  ip6Wan = get [ "ip6Wan" ] "fe80::a/64";
  vlanWan = get [ "vlanWan" ] 356;
  ip4route = get [ "ip4route" ] "70.0.0.3";
  # No IPv6 default route unless properties.json gives one: a link-local
  # (fe80::) gateway would need exactly one interface, and router1 has two.
  ip6route = get [ "ip6route" ] "";
in
{
  bind = [
    "/srv/logs:/var/log/service:ro"
  ];
  caps_allow = [ "CAP_NET_ADMIN" ];

  config = {
    networking.firewall.enable = false;
    services.dnsmasq.enable = true;
    system.stateVersion = "25.11";
  };

  # Shell script run by /bin/sh inside the container after it starts.
  extra = ''
    echo "router1 started" > /run/router1-started
  '';

  network = {
    interfaces = {
      lan = {
        inherit ip4 ip6;
        ovs = {
          inherit bridge vlan;
        };
      };
      wan = {
        ip4 = ip4Wan;
        ip6 = ip6Wan;
        ovs = {
          bridge = bridgeWan;
          vlan = vlanWan;
        };
      };
    };
    nft = ''
      table inet filter {
        chain input {
          type filter hook input priority 0;
          accept
        }
      }
    '';
    inherit ip4route ip6route;
  };

  nspawnArgs = [ ];

  sysctl = ''
    net.ipv4.ip_forward=1
  '';
}
