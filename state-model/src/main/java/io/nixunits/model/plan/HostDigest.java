package io.nixunits.model.plan;

import io.nixunits.model.hash.UnitHashes;
import io.nixunits.model.host.ContainerState;
import io.nixunits.model.host.HostState;
import io.nixunits.model.host.PendingBuild;
import io.nixunits.model.inventory.AgentFingerprint;
import io.nixunits.model.inventory.Inventory;
import io.nixunits.model.inventory.InventoryEntry;
import java.nio.charset.StandardCharsets;

/**
 * A SHA-256 over everything on the host a plan was made from, so that applying a saved plan
 * can detect that the host changed since.
 */
public final class HostDigest {
    private HostDigest() {
    }

    public static String of(HostState host, Inventory inventory) {
        StringBuilder text = new StringBuilder();
        for (ContainerState state : host.containers().values()) {
            text.append("container ").append(state.id())
                    .append(' ').append(sha1(state.completeConfig()))
                    .append(' ').append(state.recordedUnitHash())
                    .append(' ').append(sha1(state.parameters()))
                    .append(' ').append(state.unitConfTarget());
            PendingBuild pending = state.pending();
            if (pending != null) {
                text.append(" pending ").append(pending.complete())
                        .append(' ').append(pending.unitHash())
                        .append(' ').append(sha1(pending.configNix()))
                        .append(' ').append(sha1(pending.parameters()));
            }
            text.append('\n');
        }
        text.append("uidmap\n").append(host.uidMap().format());
        for (InventoryEntry entry : inventory.entries().values()) {
            text.append("owned ").append(entry.id()).append(' ').append(entry.origin())
                    .append(' ').append(entry.unitHash());
            AgentFingerprint fingerprint = entry.fingerprint();
            if (fingerprint != null) {
                text.append(' ').append(fingerprint.system()).append(' ').append(fingerprint.nixpkgsRevision());
                fingerprint.modules().forEach((name, sha256) -> text.append(' ').append(name).append('=').append(sha256));
            }
            text.append('\n');
        }
        return UnitHashes.sha256Hex(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String sha1(byte[] bytes) {
        return bytes == null ? "-" : UnitHashes.sha1Hex(bytes);
    }
}
