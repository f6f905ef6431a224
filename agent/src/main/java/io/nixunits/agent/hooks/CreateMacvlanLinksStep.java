package io.nixunits.agent.hooks;

import java.util.List;

/**
 * Creates each interface's macvlan link ({@code mv-<interface>[-<vrid>]}) in bridge mode, so that
 * the container's addresses on it and on the parent reach each other. With a VRRP router id the
 * link takes the virtual router MAC address; its IPv6 link-local address is then generated at
 * random instead of from that shared MAC.
 */
final class CreateMacvlanLinksStep {
    private CreateMacvlanLinksStep() {
    }

    static void run(HookRun run) throws HookException {
        for (InterfaceConf iface : run.conf().macvlanInterfaces()) {
            createLink(run, iface);
        }
    }

    private static void createLink(HookRun run, InterfaceConf iface) throws HookException {
        MacvlanConf macvlan = iface.macvlan();
        String link = macvlan.link();
        if (!HostLinks.exists(run, iface.name())) {
            throw run.error("interface " + iface.name() + ", the parent of macvlan link " + link + ", does not exist"
                    + " on the host. Set network.interfaces." + iface.name() + ".ovs.bridge so that NixUnits creates"
                    + " it, or create it on the host.");
        }

        if (HostLinks.exists(run, link)) {
            run.log("macvlan link {} already exists on the host, kept", link);
        } else {
            run.log("creating macvlan link {} on {} in bridge mode", link, iface.name());
            run.check("creating macvlan link " + link,
                    List.of("ip", "link", "add", link, "link", iface.name(), "type", "macvlan", "mode", "bridge"));
        }
        run.check("setting random IPv6 address generation on " + link,
                List.of("ip", "link", "set", "dev", link, "addrgenmode", "random"));

        String mac = macvlan.vrrpMac();
        if (mac != null) {
            run.log("setting the VRRP MAC address {} of router id {} on {}", mac, macvlan.vrid(), link);
            run.check("setting MAC address " + mac + " on " + link,
                    List.of("ip", "link", "set", "dev", link, "address", mac));
        }
    }
}
