package io.nixunits.agent.hooks;

import java.util.List;

/** Sets the container's IPv4 and IPv6 default routes ({@code IP4ROUTE}, {@code IP6ROUTE}). */
final class AddDefaultRoutesStep {
    private AddDefaultRoutesStep() {
    }

    static void run(HookRun run) throws HookException {
        UnitConf conf = run.conf();
        if (conf.ip4Route() == null && conf.ip6Route() == null) {
            return;
        }
        if (conf.networkMode() == NetworkMode.HOST) {
            throw run.error("IP4ROUTE or IP6ROUTE is set, but the container shares the host's network namespace"
                    + " (NSPAWN_ARGS has no network option), so the route would replace the host's default route."
                    + " Declare network.interfaces or network.netns_path, or remove network.ip4route and ip6route.");
        }

        if (conf.ip4Route() != null) {
            run.log("setting the IPv4 default route via {}", conf.ip4Route());
            run.check("setting the IPv4 default route via " + conf.ip4Route(), run.inNetworkNamespace("ip", "-4",
                    "route", "replace", "default", "via", conf.ip4Route().address()));
        }
        if (conf.ip6Route() != null) {
            addIpv6Route(run, conf);
        }
    }

    /** Adds the IPv6 default route; a link-local gateway needs a device, so exactly one interface. */
    private static void addIpv6Route(HookRun run, UnitConf conf) throws HookException {
        IpAddress gateway = conf.ip6Route();
        if (!gateway.isLinkLocal()) {
            run.log("setting the IPv6 default route via {}", gateway);
            run.check("setting the IPv6 default route via " + gateway, run.inNetworkNamespace("ip", "-6", "route",
                    "replace", "default", "via", gateway.address()));
            return;
        }

        List<InterfaceConf> interfaces = conf.interfaces();
        if (interfaces.size() != 1) {
            List<String> names = interfaces.stream().map(InterfaceConf::name).toList();
            throw run.error("IP6ROUTE " + gateway + " is a link-local address, so the default route needs the"
                    + " interface to go through, but the container has " + interfaces.size() + " interfaces "
                    + names + ". Declare exactly one interface, or use a global gateway address.");
        }
        String device = interfaces.get(0).containerSideName();
        run.log("setting the IPv6 default route via {} on {}", gateway, device);
        run.check("setting the IPv6 default route via " + gateway + " on " + device, run.inNetworkNamespace("ip",
                "-6", "route", "replace", "default", "via", gateway.address(), "dev", device));
    }
}
