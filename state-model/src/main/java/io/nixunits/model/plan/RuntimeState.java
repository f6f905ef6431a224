package io.nixunits.model.plan;

import io.nixunits.model.ContainerId;
import java.util.Set;

/**
 * Which containers run, as the caller found out from systemd. When it could not find out,
 * {@code known} is false and {@code unknownReason} says why; the planner then does not guess.
 */
public record RuntimeState(boolean known, Set<ContainerId> running, String unknownReason) {
    public RuntimeState {
        running = Set.copyOf(running);
    }

    public static RuntimeState known(Set<ContainerId> running) {
        return new RuntimeState(true, running, null);
    }

    public static RuntimeState unknown(String reason) {
        return new RuntimeState(false, Set.of(), reason);
    }

    /** Returns whether {@code id} is known to run; false also when the state is unknown. */
    public boolean isRunning(ContainerId id) {
        return running.contains(id);
    }
}
