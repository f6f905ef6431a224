package io.nixunits.agent.hooks;

import java.util.List;

/**
 * The values the hooks read from a container's unit.conf.
 *
 * @param name the container id ({@code NAME})
 * @param nspawnArgs the systemd-nspawn arguments, split at whitespace as systemd splits them
 * @param systemPath the built NixOS system ({@code SYSTEM_PATH})
 * @param ip4Route the IPv4 default gateway, or null
 * @param ip6Route the IPv6 default gateway, or null
 * @param extraFile the store path of the script run inside the container after start, or null
 * @param nftFile the store path of the nftables ruleset, or null
 * @param sysctlFile the store path of the sysctl settings, or null
 * @param checkNetReady the shell command run on the host before the network is declared ready, or null
 * @param interfaces the interfaces, in file order
 */
record UnitConf(String name, List<String> nspawnArgs, String systemPath, IpAddress ip4Route, IpAddress ip6Route,
        String extraFile, String nftFile, String sysctlFile, String checkNetReady, List<InterfaceConf> interfaces) {

    UnitConf {
        nspawnArgs = List.copyOf(nspawnArgs);
        interfaces = List.copyOf(interfaces);
    }

    NetworkMode networkMode() {
        return NetworkMode.of(nspawnArgs);
    }

    /** Returns whether the container has a user namespace of its own, so its root is the uid range's base. */
    boolean privateUsers() {
        for (String arg : nspawnArgs) {
            if (arg.equals("-U") || (arg.startsWith("--private-users") && !arg.startsWith("--private-users-")
                    && !arg.equals("--private-users=no") && !arg.equals("--private-users=false"))) {
                return true;
            }
        }
        return false;
    }

    List<InterfaceConf> ovsInterfaces() {
        return interfaces.stream().filter(i -> i.ovsBridge() != null).toList();
    }

    List<InterfaceConf> macvlanInterfaces() {
        return interfaces.stream().filter(i -> i.macvlan() != null).toList();
    }
}
