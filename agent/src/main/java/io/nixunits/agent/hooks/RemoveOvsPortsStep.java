package io.nixunits.agent.hooks;

import java.util.List;

/**
 * Removes the Open vSwitch ports the pre-start hook created for this container. A port that
 * carries no mark, or another container's mark, is left alone and logged.
 */
final class RemoveOvsPortsStep {
    private RemoveOvsPortsStep() {
    }

    static void run(HookRun run) throws HookException {
        List<InterfaceConf> ovs = run.conf().ovsInterfaces();
        if (ovs.isEmpty()) {
            return;
        }
        if (run.settings().runner().find("ovs-vsctl").isEmpty()) {
            run.warn("ovs-vsctl is not on PATH, so Open vSwitch ports {} are left in place",
                    ovs.stream().map(InterfaceConf::name).toList());
            return;
        }
        for (InterfaceConf iface : ovs) {
            String port = iface.name();
            String owner = OvsPorts.owner(run, port);
            if (owner == null) {
                run.log("Open vSwitch port {} is absent or was not created by NixUnits, left alone", port);
                continue;
            }
            if (!owner.equals(run.id().value())) {
                run.log("Open vSwitch port {} belongs to container {}, left alone", port, owner);
                continue;
            }
            run.log("removing Open vSwitch port {} from bridge {}", port, iface.ovsBridge());
            run.check("removing Open vSwitch port " + port,
                    List.of("ovs-vsctl", "--if-exists", "del-port", iface.ovsBridge(), port));
        }
    }
}
