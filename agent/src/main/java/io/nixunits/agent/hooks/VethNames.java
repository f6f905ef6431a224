package io.nixunits.agent.hooks;

/** Names of the veth pair that {@code systemd-nspawn --network-veth} creates. */
final class VethNames {
    /** Linux interface names have at most IFNAMSIZ - 1 = 15 bytes. */
    static final int MAX_NAME_LENGTH = 15;

    private VethNames() {
    }

    /**
     * Returns the name under which the hooks address the host side of container {@code machine}'s
     * veth pair: {@code ve-<machine>}. Up to 15 characters that is the link's name. For a longer
     * name, systemd-nspawn shortens the link's name (truncation, or 11 characters and a hash with
     * the v250 naming scheme) and gives it {@code ve-<machine>} as alternative name, which
     * {@code ip} accepts wherever it takes a device name (checked with iproute2 6.1).
     */
    static String hostSide(String machine) {
        return "ve-" + machine;
    }

    static boolean isShortened(String machine) {
        return hostSide(machine).length() > MAX_NAME_LENGTH;
    }
}
