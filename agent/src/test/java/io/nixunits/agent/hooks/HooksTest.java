package io.nixunits.agent.hooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the hooks on the renderer's golden unit.conf files against fake ip, ovs-vsctl, nsenter,
 * nft, sysctl, kill, chown, machinectl and systemctl, and compares the exact command lines.
 *
 * <p>Not covered here, left to the real-host tier: what the real commands do with these
 * arguments (addresses and routes the kernel accepts, a ruleset nft parses, the tag Open
 * vSwitch sets), commands run inside the container through nsenter (the fake nsenter only
 * records its arguments), systemd-nspawn's own naming of the veth pair, the time a real
 * container takes to power off, and real ownership changes (the fake chown only records).
 * Open vSwitch is covered by the fakes only: the kernel these tests were written on has no
 * Open vSwitch datapath.
 */
class HooksTest {
    private static final String SYSTEM = "/nix/store/00000000000000000000000000000000-nixos-system";
    private static final String ROUTER1_NFT = "/nix/store/4i3kx4qaqvnhc6jzprw3qnfb7nb34mlk-router1-ruleset.nft";
    private static final String ROUTER1_SYSCTL = "/nix/store/yb433ym4lbjwza30x9nff8w65agbnp1k-router1-sysctl.conf";
    private static final String ROUTER1_EXTRA = "/nix/store/0x9lf4zmnc6vbvm74jjzqv7favjsrn67-router1-extra.sh";
    private static final String NS = "nsenter --target 4242 --net ";
    private static final String LEADER = " -p Leader --value";
    private static final String RESOLV = "nsenter --target 4242 --all " + SYSTEM + "/sw/bin/sh -c"
            + " printf '%s' \"$1\" > /etc/resolv.conf.nixunits && mv -f /etc/resolv.conf.nixunits /etc/resolv.conf nixunits-resolv-conf "
            + HookHost.RESOLV_CONF;

    @TempDir
    Path dir;

    private HookHost host;

    @BeforeEach
    void setUp() throws Exception {
        host = new HookHost(dir);
        host.uidMap("web2 1024\nrouter1 1025\nvrrp1 1026\nbinds 1027\nv6only 1028\nisolated 1029\nmvlan 1030\n");
        host.bridge("br0");
    }

    private void installRouter1() throws Exception {
        host.install("router1");
        host.storeFile("router1", ROUTER1_NFT, "table inet filter {}\n");
        host.storeFile("router1", ROUTER1_SYSCTL, "net.ipv4.ip_forward=1\n");
        host.fake().running("router1");
    }

    private static String marker() {
        return "nsenter --target 4242 --all " + SYSTEM + "/sw/bin/touch /run/net-ready";
    }

    // web2: one veth pair with /31 addresses on both sides

    @Test
    void web2PreStartDoesNothing() throws Exception {
        host.install("web2");

        host.run(HookStage.PRE_START, "web2");

        assertEquals(List.of(), host.commands());
    }

    @Test
    void web2NetworkSetsBothVethSides() throws Exception {
        host.install("web2");
        host.fake().running("web2");

        host.run(HookStage.NETWORK, "web2");

        assertEquals(List.of(
                "machinectl show web2" + LEADER,
                NS + "ip link set dev host0 up",
                NS + "ip addr flush dev host0 scope global",
                NS + "ip -4 addr replace 192.168.20.2/31 dev host0",
                NS + "ip -4 route replace 192.168.20.1 dev host0",
                "ip link set dev ve-web2 up",
                "ip addr flush dev ve-web2 scope global",
                "ip -4 addr replace 192.168.20.1/31 dev ve-web2",
                "ip -4 route replace 192.168.20.2 dev ve-web2",
                marker()), host.commands());
    }

    @Test
    void web2PostStartCopiesResolvConf() throws Exception {
        host.install("web2");
        host.fake().running("web2");

        host.run(HookStage.POST_START, "web2");

        assertEquals(List.of("machinectl show web2" + LEADER, RESOLV), host.commands());
    }

    @Test
    void web2StopPowersOff() throws Exception {
        host.install("web2");
        host.fake().running("web2");

        host.run(HookStage.STOP, "web2");

        assertEquals(List.of(
                "machinectl show web2" + LEADER,
                "machinectl poweroff web2",
                "machinectl show web2 -p State --value",
                "systemctl reset-failed nixunits-network@web2.service machine-web2.scope"), host.commands());
        assertFalse(host.fake().isRunning("web2"));
    }

    // router1: two Open vSwitch ports with VLAN tags, a bind mount, nft, sysctl and extra

    @Test
    void router1PreStartCreatesPortsAndBindParents() throws Exception {
        installRouter1();

        host.run(HookStage.PRE_START, "router1");

        assertEquals(List.of(
                "ovs-vsctl br-exists br0",
                "ip link show dev lan",
                "ovs-vsctl --if-exists get interface lan external_ids:nixunits-container",
                "ovs-vsctl --may-exist add-port br0 lan tag=435 -- set interface lan type=internal"
                        + " external_ids:nixunits-container=router1",
                "ip link show dev lan",
                "ip link show dev wan",
                "ovs-vsctl --if-exists get interface wan external_ids:nixunits-container",
                "ovs-vsctl --may-exist add-port br0 wan tag=356 -- set interface wan type=internal"
                        + " external_ids:nixunits-container=router1",
                "ip link show dev wan",
                "chown -h 67174400:67174400 $STATE/containers/router1/root/var",
                "chown -h 67174400:67174400 $STATE/containers/router1/root/var/log"), host.commands());
        assertTrue(Files.isDirectory(host.fake().layout().files(new io.nixunits.model.ContainerId("router1")).root()
                .resolve("var/log")));
        assertFalse(Files.exists(host.fake().layout().files(new io.nixunits.model.ContainerId("router1")).root()
                .resolve("var/log/service")), "systemd-nspawn creates the mount point itself");
    }

    @Test
    void router1PreStartRerunKeepsPorts() throws Exception {
        installRouter1();
        host.run(HookStage.PRE_START, "router1");
        host.clearCommands();

        host.run(HookStage.PRE_START, "router1");

        List<String> again = host.commands();
        assertEquals(List.of("ovs-vsctl br-exists br0", "ip link show dev lan", "ip link show dev wan"),
                again.subList(0, 3));
        assertTrue(again.stream().noneMatch(c -> c.contains("add-port")), again.toString());
    }

    @Test
    void router1NetworkLoadsRulesetThenAddresses() throws Exception {
        installRouter1();

        host.run(HookStage.NETWORK, "router1");

        assertEquals(List.of(
                "machinectl show router1" + LEADER,
                NS + "nft -f $STATE/containers/router1/root" + ROUTER1_NFT,
                NS + "ip link set dev lan up",
                NS + "ip addr flush dev lan scope global",
                NS + "ip -4 addr replace 10.0.0.2/16 dev lan",
                NS + "ip -6 addr replace a:b:c:d::e/64 dev lan",
                NS + "ip link set dev wan up",
                NS + "ip addr flush dev wan scope global",
                NS + "ip -4 addr replace 70.0.0.2/31 dev wan",
                NS + "ip -6 addr replace 2001:bc8::a/64 dev wan",
                NS + "ip -4 route replace default via 70.0.0.3",
                NS + "ip -6 route replace default via 2001:bc8::ffff:ffff:ffff:fffe",
                marker()), host.commands());
    }

    @Test
    void router1NetworkRerunSameCommands() throws Exception {
        installRouter1();
        host.run(HookStage.NETWORK, "router1");
        List<String> first = host.commands();
        host.clearCommands();

        host.run(HookStage.NETWORK, "router1");

        assertEquals(first, host.commands());
    }

    @Test
    void router1PostStartRunsSysctlExtraResolv() throws Exception {
        installRouter1();

        host.run(HookStage.POST_START, "router1");

        assertEquals(List.of(
                "machinectl show router1" + LEADER,
                "nsenter --target 4242 --net --uts --ipc sysctl -p $STATE/containers/router1/root" + ROUTER1_SYSCTL,
                "nsenter --target 4242 --all " + SYSTEM + "/sw/bin/sh " + ROUTER1_EXTRA,
                RESOLV), host.commands());
    }

    @Test
    void router1StopRemovesOwnPorts() throws Exception {
        installRouter1();
        host.run(HookStage.PRE_START, "router1");
        host.clearCommands();

        host.run(HookStage.STOP, "router1");

        assertEquals(List.of(
                "machinectl show router1" + LEADER,
                "machinectl poweroff router1",
                "machinectl show router1 -p State --value",
                "ovs-vsctl --if-exists get interface lan external_ids:nixunits-container",
                "ovs-vsctl --if-exists del-port br0 lan",
                "ovs-vsctl --if-exists get interface wan external_ids:nixunits-container",
                "ovs-vsctl --if-exists del-port br0 wan",
                "systemctl reset-failed nixunits-network@router1.service machine-router1.scope"), host.commands());
        assertFalse(host.ovsPortExists("lan"));
        assertFalse(host.ovsPortExists("wan"));
    }

    @Test
    void stopLeavesOthersPorts() throws Exception {
        installRouter1();
        host.ovsPort("lan", "");
        host.ovsPort("wan", "web2");

        host.run(HookStage.STOP, "router1");

        assertTrue(host.ovsPortExists("lan"), "an unmarked port is not the hook's to remove");
        assertTrue(host.ovsPortExists("wan"), "another container's port stays");
        assertTrue(host.commands().stream().noneMatch(c -> c.contains("del-port")), host.commands().toString());
    }

    // Open vSwitch ports left behind

    @Test
    void staleOwnPortReplaced() throws Exception {
        installRouter1();
        host.ovsPort("lan", "router1");
        host.link("wan");

        host.run(HookStage.PRE_START, "router1");

        List<String> commands = host.commands();
        assertEquals(List.of(
                "ovs-vsctl br-exists br0",
                "ip link show dev lan",
                "ovs-vsctl --if-exists get interface lan external_ids:nixunits-container",
                "ovs-vsctl --if-exists del-port br0 lan",
                "ovs-vsctl --may-exist add-port br0 lan tag=435 -- set interface lan type=internal"
                        + " external_ids:nixunits-container=router1",
                "ip link show dev lan",
                "ip link show dev wan"), commands.subList(0, 7));
    }

    @Test
    void otherContainersPortRejected() throws Exception {
        installRouter1();
        host.ovsPort("lan", "router2");

        HookException e = assertThrows(HookException.class, () -> host.run(HookStage.PRE_START, "router1"));

        assertEquals("container router1, pre-start hook: Open vSwitch port lan belongs to container router2, and"
                + " interface names are shared by all containers of a host. Rename network.interfaces.lan in one of"
                + " them.", e.getMessage());
        assertTrue(host.ovsPortExists("lan"));
    }

    @Test
    void unmarkedPortWithoutInterfaceRejected() throws Exception {
        installRouter1();
        host.ovsPort("lan", "");

        HookException e = assertThrows(HookException.class, () -> host.run(HookStage.PRE_START, "router1"));

        assertTrue(e.getMessage().startsWith("container router1, pre-start hook: Open vSwitch port lan is on bridge br0"
                + " but has no network interface on the host, and NixUnits did not create it for this container."),
                e.getMessage());
        assertTrue(e.getMessage().contains("'ovs-vsctl del-port br0 lan'"), e.getMessage());
        assertTrue(host.ovsPortExists("lan"), "the hook does not delete a port it did not create");
    }

    // macvlan

    @Test
    void macvlanVridPreStartCreatesLinkWithVrrpMac() throws Exception {
        host.install("macvlan-vrid");

        host.run(HookStage.PRE_START, "vrrp1");

        assertEquals(List.of(
                "ovs-vsctl br-exists br0",
                "ip link show dev lan",
                "ovs-vsctl --if-exists get interface lan external_ids:nixunits-container",
                "ovs-vsctl --may-exist add-port br0 lan tag=12 -- set interface lan type=internal"
                        + " external_ids:nixunits-container=vrrp1",
                "ip link show dev lan",
                "ip link show dev lan",
                "ip link show dev mv-lan-7",
                "ip link add mv-lan-7 link lan type macvlan mode bridge",
                "ip link set dev mv-lan-7 addrgenmode random",
                "ip link set dev mv-lan-7 address 00:00:5e:00:01:07"), host.commands());
    }

    @Test
    void macvlanPreStartRerunKeepsLink() throws Exception {
        host.install("macvlan");
        host.run(HookStage.PRE_START, "mvlan");
        host.clearCommands();

        host.run(HookStage.PRE_START, "mvlan");

        assertEquals(List.of(
                "ovs-vsctl br-exists br0",
                "ip link show dev lan",
                "ip link show dev lan",
                "ip link show dev mv-lan",
                "ip link set dev mv-lan addrgenmode random"), host.commands());
    }

    @Test
    void macvlanNetworkSetsBothLinks() throws Exception {
        host.install("macvlan");
        host.fake().running("mvlan");

        host.run(HookStage.NETWORK, "mvlan");

        assertEquals(List.of(
                "machinectl show mvlan" + LEADER,
                NS + "ip link set dev lan up",
                NS + "ip addr flush dev lan scope global",
                NS + "ip -4 addr replace 192.168.1.10/24 dev lan",
                NS + "ip link set dev mv-lan up",
                NS + "ip addr flush dev mv-lan scope global",
                NS + "ip -4 addr replace 192.168.1.11/24 dev mv-lan",
                NS + "ip -6 addr replace fd00:1::11/64 dev mv-lan",
                marker()), host.commands());
    }

    @Test
    void macvlanParentMissingRejected() throws Exception {
        host.writeUnitConf("mvhost", "NSPAWN_ARGS=\"--network-interface=mv-eno1 --network-interface=eno1\"\n"
                + "NAME=mvhost\nSYSTEM_PATH=" + SYSTEM + "\nNIXUNITS__ETH__eno1__MV=mv-eno1\n"
                + "NIXUNITS__ETH__eno1__MV_IP4=10.0.0.5/24\n");

        HookException e = assertThrows(HookException.class, () -> host.run(HookStage.PRE_START, "mvhost"));

        assertEquals("container mvhost, pre-start hook: interface eno1, the parent of macvlan link mv-eno1, does not"
                + " exist on the host. Set network.interfaces.eno1.ovs.bridge so that NixUnits creates it, or create it"
                + " on the host.", e.getMessage());
    }

    // network namespace, IPv6 only, no network

    @Test
    void netnsNetworkSetsRouteOnly() throws Exception {
        host.install("netns");
        host.fake().running("innetns");

        host.run(HookStage.PRE_START, "innetns");
        host.run(HookStage.NETWORK, "innetns");

        assertEquals(List.of(
                "machinectl show innetns" + LEADER,
                NS + "ip -4 route replace default via 10.1.0.1",
                marker()), host.commands());
    }

    @Test
    void ipv6OnlyUsesLinkLocalGatewayOnHost0() throws Exception {
        host.install("ipv6-only");
        host.fake().running("v6only");

        host.run(HookStage.NETWORK, "v6only");

        assertEquals(List.of(
                "machinectl show v6only" + LEADER,
                NS + "ip link set dev host0 up",
                NS + "ip addr flush dev host0 scope global",
                NS + "ip -6 addr replace fd00:20::2/127 dev host0",
                NS + "ip -6 route replace fd00:20::1 dev host0",
                "ip link set dev ve-v6only up",
                "ip addr flush dev ve-v6only scope global",
                "ip -6 addr replace fd00:20::1/127 dev ve-v6only",
                "ip -6 route replace fd00:20::2 dev ve-v6only",
                NS + "ip -6 route replace default via fe80::1 dev host0",
                marker()), host.commands());
    }

    @Test
    void noNetworkOnlyMarksReady() throws Exception {
        host.install("no-network");
        host.fake().running("isolated");

        host.run(HookStage.PRE_START, "isolated");
        host.run(HookStage.NETWORK, "isolated");

        assertEquals(List.of("machinectl show isolated" + LEADER, marker()), host.commands());
    }

    @Test
    void longNameUsesAlternativeVethName() throws Exception {
        host.writeUnitConf("web-frontend-01", "NSPAWN_ARGS=\"--network-veth\"\nNAME=web-frontend-01\nSYSTEM_PATH="
                + SYSTEM + "\nNIXUNITS__ETH__veth__HOST_IP4=10.0.0.1/24\nNIXUNITS__ETH__veth__IP4=10.0.0.2/24\n");
        host.fake().running("web-frontend-01");

        host.run(HookStage.NETWORK, "web-frontend-01");

        assertEquals(List.of(
                "machinectl show web-frontend-01" + LEADER,
                NS + "ip link set dev host0 up",
                NS + "ip addr flush dev host0 scope global",
                NS + "ip -4 addr replace 10.0.0.2/24 dev host0",
                "ip link set dev ve-web-frontend-01 up",
                "ip addr flush dev ve-web-frontend-01 scope global",
                "ip -4 addr replace 10.0.0.1/24 dev ve-web-frontend-01",
                marker()), host.commands(), "a /24 peer needs no host route");
    }

    // several interfaces, link-local gateway

    @Test
    void linkLocalGatewayWithTwoInterfacesRejected() throws Exception {
        String conf = new String(HookHost.class.getResourceAsStream("/hooks/unit-conf/router1.conf").readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8).replace("IP6ROUTE=2001:bc8::ffff:ffff:ffff:fffe",
                "IP6ROUTE=fe80::1").replaceAll("(NFT|EXTRA|SYSCTL)_FILE=.*\n", "");
        host.writeUnitConf("router1", conf);
        host.fake().running("router1");

        HookException e = assertThrows(HookException.class, () -> host.run(HookStage.NETWORK, "router1"));

        assertEquals("container router1, network hook: IP6ROUTE fe80::1 is a link-local address, so the default"
                + " route needs the interface to go through, but the container has 2 interfaces [lan, wan]. Declare"
                + " exactly one interface, or use a global gateway address.", e.getMessage());
    }

    @Test
    void hostNetworkRouteRejected() throws Exception {
        String conf = new String(HookHost.class.getResourceAsStream("/hooks/unit-conf/host-network.conf")
                .readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).replace("IP4ROUTE=", "IP4ROUTE=10.0.0.1");
        host.writeUnitConf("hostnet", conf);
        host.fake().running("hostnet");

        HookException e = assertThrows(HookException.class, () -> host.run(HookStage.NETWORK, "hostnet"));

        assertTrue(e.getMessage().contains("the container shares the host's network namespace"), e.getMessage());
        assertTrue(host.commands().stream().noneMatch(c -> c.contains("route")), host.commands().toString());
    }

    // bind mounts

    @Test
    void bindMountParentsCreatedOnce() throws Exception {
        host.install("bind-mounts");
        Path root = Files.createDirectories(host.fake().layout().files(new io.nixunits.model.ContainerId("binds"))
                .root());

        host.run(HookStage.PRE_START, "binds");

        String owner = "chown -h 67305472:67305472 $STATE/containers/binds/root/";
        assertEquals(List.of(owner + "var", owner + "var/lib", owner + "var/log", owner + "mnt", owner + "srv"),
                host.commands());
        assertTrue(Files.isDirectory(root.resolve("var/lib")));
        assertFalse(Files.exists(root.resolve("var/lib/data")), "systemd-nspawn creates the mount point itself");
    }

    @Test
    void missingRootNamed() throws Exception {
        host.install("bind-mounts");

        HookException e = assertThrows(HookException.class, () -> host.run(HookStage.PRE_START, "binds"));

        assertTrue(e.getMessage().endsWith("root does not exist. Build the container first (nixunits build binds)."),
                e.getMessage());
    }

    @Test
    void bindParentSymlinkRejected() throws Exception {
        host.install("bind-mounts");
        Path root = Files.createDirectories(host.fake().layout().files(new io.nixunits.model.ContainerId("binds"))
                .root());
        Files.createSymbolicLink(root.resolve("var"), dir.resolve("elsewhere"));

        HookException e = assertThrows(HookException.class, () -> host.run(HookStage.PRE_START, "binds"));

        assertTrue(e.getMessage().contains("root/var is a symbolic link; the hooks do not follow links below the"
                + " container's root"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("elsewhere")));
    }

    @Test
    void missingUidRangeRejected() throws Exception {
        host.uidMap("web2 1024\n");
        host.install("bind-mounts");
        Files.createDirectories(host.fake().layout().files(new io.nixunits.model.ContainerId("binds")).root());

        HookException e = assertThrows(HookException.class, () -> host.run(HookStage.PRE_START, "binds"));

        assertTrue(e.getMessage().contains("container binds has no uid range in"), e.getMessage());
    }

    // missing prerequisites

    @Test
    void missingBridgeNamed() throws Exception {
        installRouter1();
        java.nio.file.Files.delete(host.fake().bin().resolve("ovs/bridges/br0"));

        HookException e = assertThrows(HookException.class, () -> host.run(HookStage.PRE_START, "router1"));

        assertEquals("container router1, pre-start hook: interface lan needs Open vSwitch bridge br0, which does not"
                + " exist. Create it ('ovs-vsctl add-br br0', or in NixOS networking.vswitches.br0) or fix"
                + " network.interfaces.lan.ovs.bridge.", e.getMessage());
        assertEquals(List.of("ovs-vsctl br-exists br0"), host.commands());
    }

    @Test
    void missingOvsVsctlNamed() throws Exception {
        installRouter1();
        host.remove("ovs-vsctl");

        HookException e = assertThrows(HookException.class, () -> host.run(HookStage.PRE_START, "router1"));

        assertEquals("container router1, pre-start hook: interface lan (Open vSwitch bridge br0) needs the command"
                + " ovs-vsctl, which is not on PATH. Install Open vSwitch (Debian: openvswitch-switch; NixOS:"
                + " virtualisation.vswitch.enable = true), and start ovs-vswitchd.", e.getMessage());
        assertEquals(List.of(), host.commands());
    }

    @Test
    void missingNftNamed() throws Exception {
        installRouter1();
        host.remove("nft");

        HookException e = assertThrows(HookException.class, () -> host.run(HookStage.NETWORK, "router1"));

        assertEquals("container router1, network hook: the nftables ruleset (NFT_FILE " + ROUTER1_NFT + ") needs the"
                + " command nft, which is not on PATH. Install nftables (Debian: nftables; NixOS: pkgs.nftables).",
                e.getMessage());
    }

    @Test
    void missingStoreFileNamed() throws Exception {
        host.install("router1");
        host.fake().running("router1");

        HookException e = assertThrows(HookException.class, () -> host.run(HookStage.NETWORK, "router1"));

        assertTrue(e.getMessage().startsWith("container router1, network hook: NFT_FILE " + ROUTER1_NFT + " not found"
                + " in the container's store"), e.getMessage());
    }

    @Test
    void storeFileLinkOutsideRootRejected() throws Exception {
        host.install("router1");
        host.fake().running("router1");
        Path secret = Files.writeString(dir.resolve("secret"), "x");
        Path link = Path.of(host.fake().layout().files(new io.nixunits.model.ContainerId("router1")).root()
                .toString(), ROUTER1_NFT);
        Files.createDirectories(link.getParent());
        Files.createSymbolicLink(link, secret);

        HookException e = assertThrows(HookException.class, () -> host.run(HookStage.NETWORK, "router1"));

        assertTrue(e.getMessage().contains("the hooks do not follow links out of it"), e.getMessage());
        assertTrue(host.commands().stream().noneMatch(c -> c.contains("nft")), host.commands().toString());
    }

    @Test
    void notRunningMachineNamed() throws Exception {
        host.install("web2");

        HookException e = assertThrows(HookException.class, () -> host.run(HookStage.NETWORK, "web2"));

        assertTrue(e.getMessage().startsWith("container web2, network hook: machine web2 is not registered with"
                + " systemd-machined"), e.getMessage());
        assertTrue(e.getMessage().endsWith("Start the container with 'systemctl start nixunits@web2.service'."),
                e.getMessage());
    }

    @Test
    void missingUnitConfNamed() {
        HookException e = assertThrows(HookException.class, () -> host.run(HookStage.PRE_START, "ghost"));

        assertTrue(e.getMessage().startsWith("unit.conf of container ghost not found at "), e.getMessage());
        assertTrue(e.getMessage().endsWith("Build the container first (nixunits build ghost)."), e.getMessage());
    }

    // a failing command

    @Test
    void failingCommandNamedWithOutput() throws Exception {
        installRouter1();
        host.fake().control("fail nsenter --target 4242 --net ip -4 addr replace 70.0.0.2/31 dev wan");

        HookException e = assertThrows(HookException.class, () -> host.run(HookStage.NETWORK, "router1"));

        assertEquals("container router1, network hook: setting address 70.0.0.2/31 on wan failed: nsenter --target"
                + " 4242 --net ip -4 addr replace 70.0.0.2/31 dev wan failed with exit status 1:\nnsenter: failing as"
                + " the test asked", e.getMessage());
        assertFalse(host.commands().contains(marker()), "the network is not marked ready");
    }

    // readiness check

    @Test
    void readinessCheckGetsContainerId() throws Exception {
        Path script = dir.resolve("check.sh");
        Files.writeString(script, "#!/bin/sh\nprintf '%s\\n' \"$@\" > \"$(dirname \"$0\")/check.args\"\n");
        script.toFile().setExecutable(true);
        host.writeUnitConf("checked", "NSPAWN_ARGS=--private-network\nNAME=checked\nSYSTEM_PATH=" + SYSTEM
                + "\nCHECK_NET_READY=\"" + script + " --wait \\\"10 s\\\"\"\n");
        host.fake().running("checked");

        host.run(HookStage.NETWORK, "checked");

        assertEquals(List.of("--wait", "10 s", "checked"), Files.readAllLines(dir.resolve("check.args")));
        assertEquals(marker(), host.commands().get(host.commands().size() - 1));
    }

    @Test
    void failedReadinessCheckStopsBeforeMarker() throws Exception {
        host.writeUnitConf("checked", "NSPAWN_ARGS=--private-network\nNAME=checked\nSYSTEM_PATH=" + SYSTEM
                + "\nCHECK_NET_READY=\"echo not yet >&2; exit 3;\"\n");
        host.fake().running("checked");

        HookException e = assertThrows(HookException.class, () -> host.run(HookStage.NETWORK, "checked"));

        assertTrue(e.getMessage().startsWith("container checked, network hook: the network readiness check"
                + " (CHECK_NET_READY) failed: "), e.getMessage());
        assertTrue(e.getMessage().endsWith("failed with exit status 3:\nnot yet"), e.getMessage());
        assertFalse(host.commands().contains(marker()));
    }

    // stop

    @Test
    void stubbornMachineTerminatedThenKilled() throws Exception {
        host.install("web2");
        host.fake().running("web2");
        host.stubborn("web2");

        host.run(HookStage.STOP, "web2");

        List<String> commands = new ArrayList<>(host.commands());
        commands.removeIf(c -> c.equals("machinectl show web2 -p State --value"));
        assertEquals(List.of(
                "machinectl show web2" + LEADER,
                "machinectl poweroff web2",
                "machinectl terminate web2",
                "machinectl kill web2 --signal=SIGKILL",
                "systemctl reset-failed nixunits-network@web2.service machine-web2.scope"), commands);
        assertTrue(host.commands().stream().filter(c -> c.endsWith("-p State --value")).count() >= 4,
                "the hook polls the machine's state while it waits");
    }

    @Test
    void strayProcessesEnded() throws Exception {
        host.install("web2");
        host.fake().running("web2");
        String container = "pid:[4026532001]";
        String hostNamespace = "pid:[4026531836]";
        host.process(1, 0, hostNamespace);
        host.process(4200, 1, hostNamespace);
        host.process(4242, 4200, container);
        host.process(4243, 4242, container);
        host.process(4250, 4243, container);
        host.process(4000, 1, hostNamespace);
        host.process(5000, 4000, container);
        host.process(5001, 5000, container);

        host.run(HookStage.STOP, "web2");

        List<String> commands = host.commands();
        assertEquals(List.of("machinectl show web2" + LEADER, "kill -TERM 5000 5001", "kill -KILL 5000 5001",
                "machinectl poweroff web2"), commands.subList(0, 4));
    }

    @Test
    void stopOfStoppedMachineCleansUp() throws Exception {
        installRouter1();
        host.run(HookStage.PRE_START, "router1");
        host.fake().control("fail machinectl show router1 *");
        host.clearCommands();

        host.run(HookStage.STOP, "router1");

        assertEquals("machinectl show router1" + LEADER, host.commands().get(0));
        assertFalse(host.commands().contains("machinectl poweroff router1"));
        assertFalse(host.ovsPortExists("lan"), "ports are removed even when the machine is gone");
    }
}
