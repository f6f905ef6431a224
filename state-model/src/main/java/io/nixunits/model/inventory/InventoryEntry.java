package io.nixunits.model.inventory;

import io.nixunits.model.ContainerId;
import java.time.Instant;

/**
 * A container the agent owns.
 *
 * @param origin how the agent came to own it
 * @param unitHash the unit hash of the build the agent last switched in or found at adoption
 * @param fingerprint the agent's extra build inputs at that time
 * @param commit the repository commit it was built or adopted from, or null for a plain directory
 * @param updatedAt when this entry was last written
 */
public record InventoryEntry(
        ContainerId id, Origin origin, String unitHash, AgentFingerprint fingerprint, String commit, Instant updatedAt) {

    /** How the agent came to own a container. */
    public enum Origin {
        /** The agent built it from nothing. */
        CREATED,
        /** It existed on the host when it was first declared; the agent took it over. */
        ADOPTED
    }
}
