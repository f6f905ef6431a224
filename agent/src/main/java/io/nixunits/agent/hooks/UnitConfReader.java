package io.nixunits.agent.hooks;

import io.nixunits.model.ContainerId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a container's unit.conf into a {@link UnitConf}, checking every value the hooks pass
 * to a command: addresses, interface and bridge names, VLAN and VRRP ids, file paths. A key the
 * hooks do not know is logged and ignored, so that a newer renderer does not stop containers
 * from starting.
 */
final class UnitConfReader {
    private static final Logger LOG = LoggerFactory.getLogger(UnitConfReader.class);

    private static final Pattern INTERFACE_KEY = Pattern.compile("NIXUNITS__ETH__([A-Za-z0-9]+)__([A-Z0-9_]+)");
    private static final Set<String> INTERFACE_FIELDS = Set.of("HOST_IP4", "HOST_IP6", "IP4", "IP6", "MV", "MV_IP4",
            "MV_IP6", "MV_VRID", "OVS_BRIDGE", "OVS_VLAN");
    private static final Set<String> KEYS = Set.of("NSPAWN_ARGS", "NAME", "SYSTEM_PATH", "IP4ROUTE", "IP6ROUTE",
            "EXTRA_FILE", "NFT_FILE", "SYSCTL_FILE", "CHECK_NET_READY");
    /** Linux interface names have at most IFNAMSIZ - 1 = 15 bytes. */
    private static final Pattern LINK_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,14}");
    private static final Pattern STORE_FILE = Pattern.compile("/[A-Za-z0-9_./+=-]+");

    private final ContainerId id;
    private final Path file;
    private Map<String, EnvironmentFileParser.Entry> entries;

    private UnitConfReader(ContainerId id, Path file) {
        this.id = id;
        this.file = file;
    }

    /** Reads and checks {@code file}, the unit.conf of container {@code id}. */
    static UnitConf read(ContainerId id, Path file) throws UnitConfException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UnitConfException(id, file, 0, "unit.conf of container " + id + " not found at " + file
                    + ". Build the container first (nixunits build " + id + ").", e);
        } catch (IOException e) {
            throw new UnitConfException(id, file, 0, "cannot read unit.conf of container " + id + " at " + file + ": "
                    + e, e);
        }
        return parse(id, file, text);
    }

    /** Parses and checks the text of a unit.conf; {@code file} is only used in messages. */
    static UnitConf parse(ContainerId id, Path file, String text) throws UnitConfException {
        UnitConfReader reader = new UnitConfReader(id, file);
        reader.entries = EnvironmentFileParser.parse(id, file, text);
        return reader.toUnitConf();
    }

    private UnitConf toUnitConf() throws UnitConfException {
        String name = required("NAME");
        if (!name.equals(id.value())) {
            throw invalid("NAME", "names container " + ContainerId.quote(name) + ", not " + id
                    + ": the file belongs to another container. Rebuild container " + id);
        }
        List<String> nspawnArgs = List.of(required("NSPAWN_ARGS").strip().split("\\s+"));
        String systemPath = storeFile("SYSTEM_PATH", required("SYSTEM_PATH"));

        IpAddress ip4Route = gateway("IP4ROUTE", optional("IP4ROUTE"), false);
        IpAddress ip6Route = gateway("IP6ROUTE", optional("IP6ROUTE"), true);
        String extraFile = storeFile("EXTRA_FILE", optional("EXTRA_FILE"));
        String nftFile = storeFile("NFT_FILE", optional("NFT_FILE"));
        String sysctlFile = storeFile("SYSCTL_FILE", optional("SYSCTL_FILE"));
        String checkNetReady = optional("CHECK_NET_READY");

        List<InterfaceConf> interfaces = new ArrayList<>();
        for (Map.Entry<String, Map<String, String>> group : interfaceGroups().entrySet()) {
            interfaces.add(toInterface(group.getKey(), group.getValue()));
        }
        return new UnitConf(name, nspawnArgs, systemPath, ip4Route, ip6Route, extraFile, nftFile, sysctlFile,
                checkNetReady, interfaces);
    }

    /** Groups the interface keys by interface name, in the order of their first line; logs unknown keys. */
    private Map<String, Map<String, String>> interfaceGroups() {
        Map<String, Map<String, String>> groups = new LinkedHashMap<>();
        for (Map.Entry<String, EnvironmentFileParser.Entry> entry : entries.entrySet()) {
            String key = entry.getKey();
            Matcher matcher = INTERFACE_KEY.matcher(key);
            if (matcher.matches() && INTERFACE_FIELDS.contains(matcher.group(2))) {
                groups.computeIfAbsent(matcher.group(1), k -> new LinkedHashMap<>()).put(matcher.group(2),
                        entry.getValue().value());
            } else if (!KEYS.contains(key)) {
                LOG.warn("[{}] ignoring unknown key {} on line {} of {}", id, key, entry.getValue().line(), file);
            }
        }
        return groups;
    }

    private InterfaceConf toInterface(String name, Map<String, String> fields) throws UnitConfException {
        String prefix = "NIXUNITS__ETH__" + name + "__";
        if (name.length() > 15) {
            throw invalid(prefix + "IP4", "has interface name " + ContainerId.quote(name) + " of " + name.length()
                    + " characters, but Linux interface names have at most 15; shorten network.interfaces." + name);
        }
        IpAddress hostIp4 = address(prefix + "HOST_IP4", fields.get("HOST_IP4"), false);
        IpAddress hostIp6 = address(prefix + "HOST_IP6", fields.get("HOST_IP6"), true);
        IpAddress ip4 = address(prefix + "IP4", fields.get("IP4"), false);
        IpAddress ip6 = address(prefix + "IP6", fields.get("IP6"), true);
        MacvlanConf macvlan = macvlan(prefix, fields);

        String bridge = blankToNull(fields.get("OVS_BRIDGE"));
        if (bridge != null && !LINK_NAME.matcher(bridge).matches()) {
            throw invalid(prefix + "OVS_BRIDGE", "is " + ContainerId.quote(bridge) + ", not an Open vSwitch bridge"
                    + " name: use up to 15 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        int vlan = number(prefix + "OVS_VLAN", fields.get("OVS_VLAN"), 0, 4094, "an 802.1Q VLAN id is from 1 to"
                + " 4094, or 0 for untagged");
        if (vlan != 0 && bridge == null) {
            throw invalid(prefix + "OVS_VLAN", "is " + vlan + " but " + prefix + "OVS_BRIDGE is empty: a VLAN tag"
                    + " needs the Open vSwitch bridge that carries it");
        }
        if (macvlan != null && (hostIp4 != null || hostIp6 != null)) {
            throw invalid(prefix + "MV", "is set on an interface with a host address: a veth pair cannot carry a"
                    + " macvlan link; remove the macvlan or the host address");
        }
        return new InterfaceConf(name, hostIp4, hostIp6, ip4, ip6, macvlan, bridge, vlan);
    }

    private MacvlanConf macvlan(String prefix, Map<String, String> fields) throws UnitConfException {
        String link = blankToNull(fields.get("MV"));
        IpAddress ip4 = address(prefix + "MV_IP4", fields.get("MV_IP4"), false);
        IpAddress ip6 = address(prefix + "MV_IP6", fields.get("MV_IP6"), true);
        int vrid = number(prefix + "MV_VRID", fields.get("MV_VRID"), 0, 255, "a VRRP router id is from 1 to 255, or"
                + " empty for none");
        if (link == null) {
            if (ip4 != null || ip6 != null || vrid != 0) {
                throw invalid(prefix + "MV", "is empty while other MV_ fields are set: give the macvlan link name");
            }
            return null;
        }
        if (!LINK_NAME.matcher(link).matches()) {
            throw invalid(prefix + "MV", "is " + ContainerId.quote(link) + ", not an interface name: use up to 15"
                    + " letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        return new MacvlanConf(link, ip4, ip6, vrid);
    }

    private String required(String key) throws UnitConfException {
        String value = optional(key);
        if (value == null) {
            throw new UnitConfException(id, file, 0, file + " has no " + key + " line, so it is not a complete"
                    + " unit.conf. Rebuild container " + id + ".", null);
        }
        return value;
    }

    /** Returns the value of {@code key}, or null when it is absent or empty. */
    private String optional(String key) {
        EnvironmentFileParser.Entry entry = entries.get(key);
        return entry == null ? null : blankToNull(entry.value());
    }

    private IpAddress address(String key, String value, boolean ipv6) throws UnitConfException {
        if (blankToNull(value) == null) {
            return null;
        }
        try {
            return IpAddress.parse(value, ipv6);
        } catch (IllegalArgumentException e) {
            throw invalid(key, "is " + ContainerId.quote(value) + ", " + e.getMessage());
        }
    }

    private IpAddress gateway(String key, String value, boolean ipv6) throws UnitConfException {
        if (value == null) {
            return null;
        }
        try {
            return IpAddress.parseGateway(value, ipv6);
        } catch (IllegalArgumentException e) {
            throw invalid(key, "is " + ContainerId.quote(value) + ", " + e.getMessage());
        }
    }

    private int number(String key, String value, int min, int max, String rule) throws UnitConfException {
        if (blankToNull(value) == null) {
            return 0;
        }
        if (!value.matches("\\d{1,5}") || Integer.parseInt(value) < min || Integer.parseInt(value) > max) {
            throw invalid(key, "is " + ContainerId.quote(value) + ", but " + rule);
        }
        return Integer.parseInt(value);
    }

    private String storeFile(String key, String value) throws UnitConfException {
        if (value == null) {
            return null;
        }
        if (!STORE_FILE.matcher(value).matches() || value.contains("/../") || value.endsWith("/..")) {
            throw invalid(key, "is " + ContainerId.quote(value) + ", not an absolute path without '..'");
        }
        return value;
    }

    private UnitConfException invalid(String key, String problem) {
        EnvironmentFileParser.Entry entry = entries.get(key);
        int line = entry == null ? 0 : entry.line();
        String where = line == 0 ? key + " in " + file : key + " on line " + line + " of " + file;
        return new UnitConfException(id, file, line, "invalid unit.conf of container " + id + ": " + where + " "
                + problem + ".", null);
    }

    private static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
