package io.nixunits.agent.hooks;

/**
 * One {@code NIXUNITS__ETH__<name>__*} group of unit.conf.
 *
 * @param name the declared interface name
 * @param hostIp4 the IPv4 address of the host side of the veth pair, or null
 * @param hostIp6 the IPv6 address of the host side of the veth pair, or null
 * @param ip4 the IPv4 address inside the container, or null
 * @param ip6 the IPv6 address inside the container, or null
 * @param macvlan the macvlan link on top of this interface, or null
 * @param ovsBridge the Open vSwitch bridge whose internal port this interface is, or null
 * @param ovsVlan the 802.1Q tag of that port, or 0 for untagged
 */
record InterfaceConf(String name, IpAddress hostIp4, IpAddress hostIp6, IpAddress ip4, IpAddress ip6,
        MacvlanConf macvlan, String ovsBridge, int ovsVlan) {

    /** The name systemd-nspawn gives the container side of its veth pair. */
    static final String VETH_CONTAINER_SIDE = "host0";

    /** Returns whether this is the veth pair that {@code --network-veth} creates: it has a host address. */
    boolean isVeth() {
        return hostIp4 != null || hostIp6 != null;
    }

    /** Returns the interface's name inside the container: {@code host0} for the veth pair, else its own name. */
    String containerSideName() {
        return isVeth() ? VETH_CONTAINER_SIDE : name;
    }
}
