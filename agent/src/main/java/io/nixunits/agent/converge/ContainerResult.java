package io.nixunits.agent.converge;

import java.util.List;

/**
 * The outcome of apply for one container.
 *
 * @param action the planned action, as in the plan's JSON
 * @param result the outcome
 * @param stepsDone the steps that finished, in order
 * @param durationMillis the time spent on this container's steps, in milliseconds
 * @param error why it failed, was rolled back or was not carried out; null when it converged
 */
public record ContainerResult(
        String name,
        String id,
        String action,
        Result result,
        List<String> stepsDone,
        long durationMillis,
        String error) {

    public ContainerResult {
        stepsDone = List.copyOf(stepsDone);
    }

    /** The outcome for one container. */
    public enum Result {
        /** Every planned step succeeded. */
        CONVERGED,
        /** Nothing was planned: up to date, or not the agent's. */
        UNCHANGED,
        /** A step failed; a running container was left as it was unless the error states otherwise. */
        FAILED,
        /** The new build failed its start or health check, and the previous build runs again. */
        ROLLED_BACK,
        /** The declaration is invalid; the container on the host was left as it is. */
        REJECTED,
        /** The deletion was held back because the declaration set is empty. */
        HELD,
        /** Not carried out because apply was interrupted. */
        INTERRUPTED;

        /** Returns whether this outcome leaves the host as declared. */
        public boolean converged() {
            return this == CONVERGED || this == UNCHANGED;
        }
    }
}
