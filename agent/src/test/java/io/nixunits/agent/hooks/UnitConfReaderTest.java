package io.nixunits.agent.hooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nixunits.model.ContainerId;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Reads the renderer's golden unit.conf files and rejects what the renderer never writes. */
class UnitConfReaderTest {
    private static final Path FILE = Path.of("/state/containers/c1/unit.conf");
    private static final ContainerId C1 = new ContainerId("c1");
    private static final List<String> GOLDEN = List.of("bind-mounts", "host-network", "host-store", "ipv6-only",
            "macvlan-vrid", "macvlan", "netns", "no-network", "quoting", "router1", "several-caps", "web2");
    private static final String MINIMAL = "NSPAWN_ARGS=\"--private-network\"\nNAME=c1\n"
            + "SYSTEM_PATH=/nix/store/00000000000000000000000000000000-nixos-system\n";

    private static String golden(String name) throws IOException {
        try (InputStream in = UnitConfReaderTest.class.getResourceAsStream("/hooks/unit-conf/" + name + ".conf")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static UnitConf parseGolden(String name) throws Exception {
        String text = golden(name);
        String id = text.lines().filter(l -> l.startsWith("NAME=")).findFirst().orElseThrow().substring(5);
        return UnitConfReader.parse(new ContainerId(id), FILE, text);
    }

    private static UnitConfException rejected(String text) {
        return assertThrows(UnitConfException.class, () -> UnitConfReader.parse(C1, FILE, text));
    }

    @Test
    void everyGoldenFileParses() throws Exception {
        for (String name : GOLDEN) {
            UnitConf conf = parseGolden(name);
            assertTrue(conf.nspawnArgs().size() > 3, name);
        }
    }

    /** The copies under src/test/resources must follow the renderer; checked when nix/ is beside agent/. */
    @Test
    void goldenCopiesMatchRenderer() throws Exception {
        Path rendered = Path.of("../nix/tests/golden");
        Assumptions.assumeTrue(Files.isDirectory(rendered), "nix/tests/golden is not beside agent/");
        for (String name : GOLDEN) {
            Path file = rendered.resolve(name + ".conf");
            Assumptions.assumeTrue(Files.exists(file), file + " is missing");
            assertEquals(Files.readString(file), golden(name), name + ".conf differs from the renderer's golden file;"
                    + " copy it to src/test/resources/hooks/unit-conf and update the expected commands");
        }
    }

    @Test
    void router1FieldsRead() throws Exception {
        UnitConf conf = parseGolden("router1");

        assertEquals("router1", conf.name());
        assertEquals("70.0.0.3", conf.ip4Route().toString());
        assertEquals("2001:bc8::ffff:ffff:ffff:fffe", conf.ip6Route().toString());
        assertEquals("/nix/store/4i3kx4qaqvnhc6jzprw3qnfb7nb34mlk-router1-ruleset.nft", conf.nftFile());
        assertEquals(List.of("lan", "wan"), conf.interfaces().stream().map(InterfaceConf::name).toList());
        InterfaceConf wan = conf.interfaces().get(1);
        assertEquals("70.0.0.2/31", wan.ip4().toString());
        assertEquals("br0", wan.ovsBridge());
        assertEquals(356, wan.ovsVlan());
        assertNull(wan.macvlan());
        assertEquals(NetworkMode.PRIVATE, conf.networkMode());
        assertTrue(conf.privateUsers());
    }

    @Test
    void quotedValueUnescaped() throws Exception {
        UnitConf conf = parseGolden("quoting");

        assertEquals("/usr/local/bin/check-net --wait \"10s\" $HOME", conf.checkNetReady());
    }

    @Test
    void networkModesRecognised() throws Exception {
        assertEquals(NetworkMode.HOST, parseGolden("host-network").networkMode());
        assertEquals(NetworkMode.NAMESPACE_PATH, parseGolden("netns").networkMode());
        assertEquals(NetworkMode.PRIVATE, parseGolden("no-network").networkMode());
        assertEquals(false, parseGolden("netns").privateUsers());
    }

    @Test
    void macvlanVrrpMacIsIpv4Form() throws Exception {
        MacvlanConf macvlan = parseGolden("macvlan-vrid").interfaces().get(0).macvlan();

        assertEquals("mv-lan-7", macvlan.link());
        assertEquals(7, macvlan.vrid());
        assertEquals("00:00:5e:00:01:07", macvlan.vrrpMac());
        assertEquals("00:00:5e:00:02:ff", new MacvlanConf("mv-a-255", null, IpAddress.parse("fd00::1/64", true), 255)
                .vrrpMac(), "an IPv6-only link takes the IPv6 VRRP form");
        assertNull(parseGolden("macvlan").interfaces().get(0).macvlan().vrrpMac());
    }

    @Test
    void singleQuotesRejectedWithLine() {
        UnitConfException e = rejected(MINIMAL + "IP4ROUTE='10.0.0.1'\n");

        assertEquals(4, e.line());
        assertTrue(e.getMessage().startsWith("invalid line 4 of /state/containers/c1/unit.conf: an unquoted value may"
                + " only contain"), e.getMessage());
        assertTrue(e.getMessage().contains(", in 'IP4ROUTE='10.0.0.1''."), e.getMessage());
        assertTrue(e.getMessage().contains("Rebuild the container"), e.getMessage());
    }

    @Test
    void unescapedDollarRejected() {
        UnitConfException e = rejected(MINIMAL + "CHECK_NET_READY=\"check $HOME\"\n");

        assertEquals(4, e.line());
        assertTrue(e.getMessage().contains("an unescaped $ inside double quotes"), e.getMessage());
    }

    @Test
    void badQuotingRejected() {
        assertTrue(rejected(MINIMAL + "CHECK_NET_READY=\"check\n").getMessage().contains("no closing double quote"));
        assertTrue(rejected(MINIMAL + "CHECK_NET_READY=\"a\"b\n").getMessage().contains("text after the closing"));
        assertTrue(rejected(MINIMAL + "CHECK_NET_READY=\"a\\nb\"\n").getMessage().contains("a backslash inside"));
        assertTrue(rejected(MINIMAL + "export IP4ROUTE=10.0.0.1\n").getMessage().contains("invalid key"));
        assertTrue(rejected(MINIMAL + "IP4ROUTE 10.0.0.1\n").getMessage().contains("no '='"));
        assertTrue(rejected(MINIMAL + "IP4ROUTE=10.0.0.1 \n").getMessage().contains("an unquoted value"));
    }

    @Test
    void repeatedKeyRejected() {
        UnitConfException e = rejected(MINIMAL + "NAME=c1\n");

        assertEquals(4, e.line());
        assertTrue(e.getMessage().contains("NAME is already set on line 2"), e.getMessage());
    }

    @Test
    void otherContainersFileRejected() {
        UnitConfException e = rejected(MINIMAL.replace("NAME=c1", "NAME=c2"));

        assertTrue(e.getMessage().contains("NAME on line 2 of /state/containers/c1/unit.conf names container 'c2', not"
                + " c1"), e.getMessage());
    }

    @Test
    void missingKeyRejected() {
        UnitConfException e = rejected("NAME=c1\n");

        assertTrue(e.getMessage().contains("has no NSPAWN_ARGS line"), e.getMessage());
    }

    @Test
    void invalidValuesRejectedWithKey() {
        String eth = "NIXUNITS__ETH__lan__";
        assertTrue(rejected(MINIMAL + eth + "IP4=10.0.0.256/24\n").getMessage().contains(eth + "IP4 on line 4 of"
                + " /state/containers/c1/unit.conf is '10.0.0.256/24', an IPv4 address has numbers from 0 to 255"));
        assertTrue(rejected(MINIMAL + eth + "IP6=10.0.0.2/24\n").getMessage().contains("not an IPv6 address"));
        assertTrue(rejected(MINIMAL + eth + "IP4=10.0.0.2/33\n").getMessage().contains("prefix length must be a"
                + " number from 0 to 32"));
        assertTrue(rejected(MINIMAL + eth + "OVS_BRIDGE=br0\n" + eth + "OVS_VLAN=4095\n").getMessage()
                .contains("an 802.1Q VLAN id is from 1 to 4094"));
        assertTrue(rejected(MINIMAL + eth + "OVS_VLAN=12\n").getMessage().contains("needs the Open vSwitch bridge"));
        assertTrue(rejected(MINIMAL + eth + "OVS_BRIDGE=-br0\n").getMessage().contains("not an Open vSwitch bridge"));
        assertTrue(rejected(MINIMAL + eth + "MV=mv-lan\n" + eth + "MV_VRID=256\n").getMessage()
                .contains("a VRRP router id is from 1 to 255"));
        assertTrue(rejected(MINIMAL + eth + "MV_IP4=10.0.0.3/24\n").getMessage().contains("give the macvlan link"));
        assertTrue(rejected(MINIMAL + "IP6ROUTE=fe80::1/64\n").getMessage().contains("without a prefix length"));
        assertTrue(rejected(MINIMAL + "NFT_FILE=nix/store/x.nft\n").getMessage().contains("not an absolute path"));
        assertTrue(rejected(MINIMAL + "NFT_FILE=/nix/store/../../etc/shadow\n").getMessage()
                .contains("without '..'"));
    }

    @Test
    void unknownKeyIgnored() throws Exception {
        UnitConf conf = UnitConfReader.parse(C1, FILE, MINIMAL + "FUTURE_SETTING=1\n"
                + "NIXUNITS__ETH__lan__ETH_TYPE=veth\n# a comment\n\n");

        assertEquals(List.of(), conf.interfaces());
    }

    @Test
    void peerRoutesOnlyForPointToPoint() {
        assertTrue(IpAddress.parse("10.0.0.1/31", false).needsHostRoute());
        assertTrue(IpAddress.parse("10.0.0.1/32", false).needsHostRoute());
        assertTrue(IpAddress.parse("10.0.0.1", false).needsHostRoute());
        assertTrue(IpAddress.parse("fd00::1/127", true).needsHostRoute());
        assertEquals(false, IpAddress.parse("10.0.0.1/24", false).needsHostRoute());
        assertEquals(false, IpAddress.parse("fd00::1/64", true).needsHostRoute());
        assertTrue(IpAddress.parse("fe80::1", true).isLinkLocal());
        assertEquals(false, IpAddress.parse("2001:db8::1", true).isLinkLocal());
    }
}
