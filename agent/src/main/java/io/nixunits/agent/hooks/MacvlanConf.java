package io.nixunits.agent.hooks;

/**
 * The macvlan link that the pre-start hook creates on top of an interface, in bridge mode.
 *
 * @param link its name, {@code mv-<interface>} or {@code mv-<interface>-<vrid>}
 * @param ip4 its IPv4 address inside the container, or null
 * @param ip6 its IPv6 address inside the container, or null
 * @param vrid the VRRP router id from 1 to 255, or 0 for none
 */
record MacvlanConf(String link, IpAddress ip4, IpAddress ip6, int vrid) {

    /**
     * Returns the VRRP virtual router MAC address of RFC 5798 section 7.3, or null without a
     * router id: {@code 00:00:5e:00:01:<vrid>} for IPv4 VRRP, and {@code 00:00:5e:00:02:<vrid>}
     * when the link has only an IPv6 address. The shell tool gave every link the IPv6 form, which
     * an IPv4 VRRP peer does not expect.
     */
    String vrrpMac() {
        if (vrid == 0) {
            return null;
        }
        String family = ip4 == null && ip6 != null ? "02" : "01";
        return String.format("00:00:5e:00:%s:%02x", family, vrid);
    }
}
