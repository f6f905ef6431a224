package io.nixunits.agent.hooks;

import java.util.ArrayList;
import java.util.List;

/**
 * Creates each interface's Open vSwitch internal port on its bridge, with its VLAN tag, when
 * the host has no interface of that name yet. systemd-nspawn then moves it into the container
 * ({@code --network-interface=}).
 */
final class CreateOvsPortsStep {
    private CreateOvsPortsStep() {
    }

    static void run(HookRun run) throws HookException {
        for (InterfaceConf iface : run.conf().ovsInterfaces()) {
            createPort(run, iface);
        }
    }

    private static void createPort(HookRun run, InterfaceConf iface) throws HookException {
        String port = iface.name();
        String bridge = iface.ovsBridge();
        if (HostLinks.exists(run, port)) {
            run.log("interface {} already exists on the host, kept", port);
            return;
        }

        // A record without its interface is left by a stop that did not finish; only ours is replaced.
        String owner = OvsPorts.owner(run, port);
        if (owner != null && !owner.equals(run.id().value())) {
            throw run.error("Open vSwitch port " + port + " belongs to container " + owner + ", and interface"
                    + " names are shared by all containers of a host. Rename network.interfaces." + port + " in one"
                    + " of them.");
        }
        if (owner != null) {
            run.log("removing the stale Open vSwitch port {} left by an earlier run", port);
            run.check("removing the stale Open vSwitch port " + port,
                    List.of("ovs-vsctl", "--if-exists", "del-port", bridge, port));
        }

        run.log("creating Open vSwitch internal port {} on bridge {}{}", port, bridge,
                iface.ovsVlan() == 0 ? "" : " with VLAN tag " + iface.ovsVlan());
        List<String> command = new ArrayList<>(List.of("ovs-vsctl", "--may-exist", "add-port", bridge, port));
        if (iface.ovsVlan() != 0) {
            command.add("tag=" + iface.ovsVlan());
        }
        command.addAll(List.of("--", "set", "interface", port, "type=internal",
                "external_ids:" + OvsPorts.OWNER_KEY + "=" + run.id().value()));
        run.check("creating Open vSwitch port " + port + " on bridge " + bridge, command);

        if (!HostLinks.exists(run, port)) {
            throw run.error("Open vSwitch port " + port + " is on bridge " + bridge + " but has no network"
                    + " interface on the host, and NixUnits did not create it for this container. Check it with"
                    + " 'ovs-vsctl list interface " + port + "'; when nothing uses it, remove it with 'ovs-vsctl"
                    + " del-port " + bridge + " " + port + "' and start again.");
        }
    }
}
