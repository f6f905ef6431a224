package io.nixunits.agent.hooks;

import java.util.ArrayList;
import java.util.List;

/**
 * Sets each interface's addresses inside the container and, for the veth pair, on the host
 * side with the routes between both ends. Global addresses are flushed, then the declared ones
 * set with {@code replace}, so a re-run converges to the declared addresses; link-local
 * addresses are kept, because IPv6 gateways such as {@code fe80::1} need them.
 */
final class ConfigureInterfacesStep {
    private ConfigureInterfacesStep() {
    }

    static void run(HookRun run) throws HookException {
        List<InterfaceConf> interfaces = run.conf().interfaces();
        if (!interfaces.isEmpty() && run.conf().networkMode() == NetworkMode.HOST) {
            throw run.error("unit.conf declares interfaces, but NSPAWN_ARGS gives the container the host's network"
                    + " namespace, so their addresses would be set on the host. Rebuild the container.");
        }
        for (InterfaceConf iface : interfaces) {
            configureContainerSide(run, iface);
            if (iface.macvlan() != null) {
                configureMacvlan(run, iface.macvlan());
            }
            if (iface.isVeth()) {
                configureHostSide(run, iface);
            }
        }
    }

    private static void configureContainerSide(HookRun run, InterfaceConf iface) throws HookException {
        String device = iface.containerSideName();
        run.log("configuring {} inside the container{}", device, iface.isVeth() ? " (veth of " + iface.name() + ")"
                : "");
        setAddresses(run, device, iface.ip4(), iface.ip6(), true);
        if (iface.isVeth()) {
            addPeerRoute(run, device, iface.hostIp4(), true);
            addPeerRoute(run, device, iface.hostIp6(), true);
        }
    }

    private static void configureMacvlan(HookRun run, MacvlanConf macvlan) throws HookException {
        run.log("configuring macvlan link {} inside the container", macvlan.link());
        setAddresses(run, macvlan.link(), macvlan.ip4(), macvlan.ip6(), true);
    }

    private static void configureHostSide(HookRun run, InterfaceConf iface) throws HookException {
        String device = VethNames.hostSide(run.id().value());
        run.log("configuring host side {} of the veth pair{}", device, VethNames.isShortened(run.id().value())
                ? " (an alternative name: systemd-nspawn shortened the link's name)" : "");
        setAddresses(run, device, iface.hostIp4(), iface.hostIp6(), false);
        addPeerRoute(run, device, iface.ip4(), false);
        addPeerRoute(run, device, iface.ip6(), false);
    }

    private static void setAddresses(HookRun run, String device, IpAddress ip4, IpAddress ip6, boolean inContainer)
            throws HookException {
        ip(run, inContainer, "bringing up " + device, "link", "set", "dev", device, "up");
        ip(run, inContainer, "flushing the global addresses of " + device, "addr", "flush", "dev", device, "scope",
                "global");
        for (IpAddress address : new IpAddress[] {ip4, ip6}) {
            if (address != null) {
                ip(run, inContainer, "setting address " + address + " on " + device, family(address), "addr",
                        "replace", address.toString(), "dev", device);
            }
        }
    }

    /** Adds a host route to the other end of the veth pair when no subnet route reaches it. */
    private static void addPeerRoute(HookRun run, String device, IpAddress peer, boolean inContainer)
            throws HookException {
        if (peer == null || !peer.needsHostRoute()) {
            return;
        }
        ip(run, inContainer, "adding the route to " + peer.address() + " through " + device, family(peer), "route",
                "replace", peer.address(), "dev", device);
    }

    private static void ip(HookRun run, boolean inContainer, String action, String... arguments)
            throws HookException {
        List<String> command = new ArrayList<>();
        command.add("ip");
        command.addAll(List.of(arguments));
        run.check(action, inContainer ? run.inNetworkNamespace(command.toArray(String[]::new)) : command);
    }

    private static String family(IpAddress address) {
        return address.ipv6() ? "-6" : "-4";
    }
}
