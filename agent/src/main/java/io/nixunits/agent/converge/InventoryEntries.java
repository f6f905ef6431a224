package io.nixunits.agent.converge;

import io.nixunits.model.ContainerId;
import io.nixunits.model.host.StateLayout;
import io.nixunits.model.inventory.AgentFingerprint;
import io.nixunits.model.inventory.InventoryEntry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * Makes inventory entries for the containers of one apply. The unit hash is read from the
 * container's {@code .unit_hash}, so the entry records what is on disk, not what was planned.
 */
final class InventoryEntries {
    private final StateLayout layout;
    private final AgentFingerprint fingerprint;
    private final String commit;
    private final Clock clock;

    InventoryEntries(StateLayout layout, AgentFingerprint fingerprint, String commit, Clock clock) {
        this.layout = layout;
        this.fingerprint = fingerprint;
        this.commit = commit;
        this.clock = clock;
    }

    InventoryEntry adopted(ContainerId id) {
        return new InventoryEntry(id, InventoryEntry.Origin.ADOPTED, unitHash(id), fingerprint, commit,
                clock.instant());
    }

    /** Returns the entry after a switch; a container already owned keeps its origin. */
    /**
     * Returns the entry of a container the agent is about to create: owned from the first build
     * on, so that a build that fails leaves a directory the agent still deletes when the
     * declaration goes away. It has no unit hash and no fingerprint until a build is switched in.
     */
    InventoryEntry claimed(ContainerId id) {
        return new InventoryEntry(id, InventoryEntry.Origin.CREATED, null, null, commit, clock.instant());
    }

    InventoryEntry switched(ContainerId id, Optional<InventoryEntry> previous) {
        InventoryEntry.Origin origin = previous.map(InventoryEntry::origin).orElse(InventoryEntry.Origin.CREATED);
        return new InventoryEntry(id, origin, unitHash(id), fingerprint, commit, clock.instant());
    }

    private String unitHash(ContainerId id) {
        Path file = layout.files(id).unitHash();
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8).strip() : null;
        } catch (IOException e) {
            return null;
        }
    }
}
