{ pkgs, properties, lib, ... }:
let
  get = path: default: lib.attrByPath path default properties;
  ip4 = get [ "ip4" ] "10.0.0.2/31";
  hostIp4 = get [ "hostIp4" ] "10.0.0.1/31";
in
{
  caps_allow = [ "CAP_NET_BIND_SERVICE" ];

  network.interfaces.veth = {
    inherit ip4 hostIp4;
  };

  config = {
    services.httpd.enable = true;
    system.stateVersion = "25.11";
  };
}
