package io.nixunits.agent.hooks;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 address with an optional prefix length, as unit.conf writes it
 * ({@code 10.0.0.2/31}, {@code fd00::2/127}, or a bare gateway such as {@code fe80::1}).
 *
 * @param address the address as written, without the prefix
 * @param prefix the prefix length, or -1 when none was written
 * @param ipv6 whether it is an IPv6 address
 */
record IpAddress(String address, int prefix, boolean ipv6) {
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9A-Fa-f:.]+");

    /**
     * Parses {@code text} as an address of the given family.
     *
     * @throws IllegalArgumentException saying what is wrong with the text
     */
    static IpAddress parse(String text, boolean ipv6) {
        String address = text;
        int prefix = -1;
        int slash = text.indexOf('/');
        if (slash >= 0) {
            address = text.substring(0, slash);
            prefix = parsePrefix(text.substring(slash + 1), ipv6 ? 128 : 32);
        }
        if (ipv6) {
            checkIpv6(address);
        } else {
            checkIpv4(address);
        }
        return new IpAddress(address, prefix, ipv6);
    }

    /** Parses a gateway: an address without a prefix length. */
    static IpAddress parseGateway(String text, boolean ipv6) {
        IpAddress gateway = parse(text, ipv6);
        if (gateway.prefix() >= 0) {
            throw new IllegalArgumentException("a gateway is an address without a prefix length");
        }
        return gateway;
    }

    /**
     * Returns whether the peer at this address needs a host route: a /31 or /127 peer (RFC 3021,
     * RFC 6164) may sit in another point-to-point subnet than the local address, and a /32, /128
     * or prefix-less peer has no subnet at all. A shorter prefix is covered by the route the kernel
     * adds for the local address.
     */
    boolean needsHostRoute() {
        int full = ipv6 ? 128 : 32;
        return prefix < 0 || prefix >= full - 1;
    }

    /** Returns whether this is an IPv6 link-local address (fe80::/10), which needs a device to route through. */
    boolean isLinkLocal() {
        try {
            return ipv6 && InetAddress.getByName(address).isLinkLocalAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return prefix < 0 ? address : address + "/" + prefix;
    }

    private static int parsePrefix(String text, int max) {
        if (!text.matches("\\d{1,3}") || Integer.parseInt(text) > max) {
            throw new IllegalArgumentException("the prefix length must be a number from 0 to " + max);
        }
        return Integer.parseInt(text);
    }

    private static void checkIpv4(String address) {
        Matcher matcher = IPV4.matcher(address);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not an IPv4 address (expected four numbers such as 10.0.0.2)");
        }
        for (int group = 1; group <= 4; group++) {
            if (Integer.parseInt(matcher.group(group)) > 255) {
                throw new IllegalArgumentException("an IPv4 address has numbers from 0 to 255");
            }
        }
    }

    /**
     * Checks an IPv6 literal. The text always contains ':' before it reaches
     * {@link InetAddress#getByName}, which then parses it as a literal and never queries DNS.
     */
    private static void checkIpv6(String address) {
        if (!address.contains(":") || !IPV6_CHARACTERS.matcher(address).matches()) {
            throw new IllegalArgumentException("not an IPv6 address (expected hexadecimal groups such as fd00::2)");
        }
        try {
            InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not a valid IPv6 address", e);
        }
    }
}
