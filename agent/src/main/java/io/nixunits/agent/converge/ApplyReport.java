package io.nixunits.agent.converge;

import java.util.List;

/**
 * The result of one apply, written to {@code <state root>/agent/last-apply.json} and printed
 * by {@code apply --json}.
 *
 * @param commit the commit applied, or null for a plain directory
 * @param converged whether every container converged
 */
public record ApplyReport(
        int schemaVersion,
        String stateDir,
        String source,
        String commit,
        String startedAt,
        String finishedAt,
        boolean converged,
        List<ContainerResult> containers) {

    public static final int SCHEMA_VERSION = 1;

    public ApplyReport {
        containers = List.copyOf(containers);
    }

    /** Returns the containers that did not converge. */
    public List<ContainerResult> failures() {
        return containers.stream().filter(c -> !c.result().converged()).toList();
    }
}
