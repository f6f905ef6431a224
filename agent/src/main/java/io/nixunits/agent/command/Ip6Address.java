package io.nixunits.agent.command;

import io.nixunits.model.ContainerId;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * The IPv6 address the shell version of NixUnits derived from a container id, kept identical so
 * that addresses already in use stay valid. That tool took the CRC-32 that gzip stores after the
 * id's bytes and printed it with {@code hexdump -e '"%01x"'}, which reads the four little-endian
 * bytes as one integer: S is the CRC-32 in lower-case hex without leading zeros. The container's
 * address is {@code fc00::S[0:4]:S[4:]:2}, and the host side's ends in {@code :1}.
 */
final class Ip6Address {
    private Ip6Address() {
    }

    static String container(ContainerId id) {
        return prefix(id) + ":2";
    }

    static String host(ContainerId id) {
        return prefix(id) + ":1";
    }

    // NOTE: a CRC-32 below 0x10000 has 4 hex digits or fewer, so S[4:] is empty and the old
    // formula gives "fc00::abcd::2", which is not a valid address. It is kept as the old tool
    // printed it, because these strings are compared with what hosts already use.
    private static String prefix(ContainerId id) {
        CRC32 crc = new CRC32();
        crc.update(id.value().getBytes(StandardCharsets.UTF_8));
        String digits = Long.toHexString(crc.getValue());
        int split = Math.min(4, digits.length());
        return "fc00::" + digits.substring(0, split) + ":" + digits.substring(split);
    }
}
