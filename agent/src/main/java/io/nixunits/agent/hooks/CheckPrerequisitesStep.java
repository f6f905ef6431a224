package io.nixunits.agent.hooks;

import io.nixunits.agent.process.CommandResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks, before a stage changes anything, that the host has the commands and the Open vSwitch
 * bridges the container's network needs. Each error names the interface or setting, the
 * missing piece, and what to install or configure.
 */
final class CheckPrerequisitesStep {
    private CheckPrerequisitesStep() {
    }

    static void forPreStart(HookRun run) throws HookException {
        UnitConf conf = run.conf();
        if (!conf.interfaces().isEmpty()) {
            require(run, "ip", "interface " + conf.interfaces().get(0).name(), "iproute2");
        }
        List<InterfaceConf> ovs = conf.ovsInterfaces();
        if (ovs.isEmpty()) {
            return;
        }
        require(run, "ovs-vsctl", "interface " + ovs.get(0).name() + " (Open vSwitch bridge "
                + ovs.get(0).ovsBridge() + ")", "Open vSwitch (Debian: openvswitch-switch; NixOS:"
                + " virtualisation.vswitch.enable = true), and start ovs-vswitchd");

        // one check per bridge, naming the first interface that uses it
        Map<String, String> bridges = new LinkedHashMap<>();
        for (InterfaceConf iface : ovs) {
            bridges.putIfAbsent(iface.ovsBridge(), iface.name());
        }
        for (Map.Entry<String, String> bridge : bridges.entrySet()) {
            checkBridge(run, bridge.getKey(), bridge.getValue());
        }
    }

    static void forNetwork(HookRun run) throws HookException {
        UnitConf conf = run.conf();
        require(run, "nsenter", "entering the container's namespaces", "util-linux");
        if (conf.nftFile() != null) {
            require(run, "nft", "the nftables ruleset (NFT_FILE " + conf.nftFile() + ")",
                    "nftables (Debian: nftables; NixOS: pkgs.nftables)");
        }
        if (!conf.interfaces().isEmpty() || conf.ip4Route() != null || conf.ip6Route() != null) {
            require(run, "ip", "the container's addresses and routes", "iproute2");
        }
    }

    static void forPostStart(HookRun run) throws HookException {
        require(run, "nsenter", "entering the container's namespaces", "util-linux");
        if (run.conf().sysctlFile() != null) {
            require(run, "sysctl", "the sysctl settings (SYSCTL_FILE " + run.conf().sysctlFile() + ")",
                    "procps (Debian: procps)");
        }
    }

    private static void require(HookRun run, String command, String user, String install) throws HookException {
        if (run.settings().runner().find(command).isEmpty()) {
            throw run.error(user + " needs the command " + command + ", which is not on PATH. Install " + install
                    + ".");
        }
    }

    /** {@code ovs-vsctl br-exists} exits 0 when the bridge exists, 2 when it does not, other values on errors. */
    private static void checkBridge(HookRun run, String bridge, String iface) throws HookException {
        CommandResult result = run.run("checking Open vSwitch bridge " + bridge,
                List.of("ovs-vsctl", "br-exists", bridge));
        if (result.exitStatus() == 2) {
            throw run.error("interface " + iface + " needs Open vSwitch bridge " + bridge + ", which does not exist."
                    + " Create it ('ovs-vsctl add-br " + bridge + "', or in NixOS networking.vswitches." + bridge
                    + ") or fix network.interfaces." + iface + ".ovs.bridge.");
        }
        if (!result.succeeded()) {
            throw run.error("interface " + iface + ": ovs-vsctl br-exists " + bridge + " failed with exit status "
                    + result.exitStatus() + ": " + (result.stdout() + result.stderr()).strip()
                    + ". Check that ovsdb-server and ovs-vswitchd run (systemctl status openvswitch-switch).");
        }
    }
}
