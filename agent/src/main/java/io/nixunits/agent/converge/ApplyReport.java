package io.nixunits.agent.converge;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The result of one apply, written to {@code <state root>/agent/last-apply.json} and printed
 * by {@code apply --json}.
 *
 * @param commit the commit applied, or null for a plain directory
 * @param converged whether every container converged
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApplyReport(
        @JsonProperty("schemaVersion") int schemaVersion,
        @JsonProperty("stateDir") String stateDir,
        @JsonProperty("source") String source,
        @JsonProperty("commit") String commit,
        @JsonProperty("startedAt") String startedAt,
        @JsonProperty("finishedAt") String finishedAt,
        @JsonProperty("converged") boolean converged,
        @JsonProperty("containers") List<ContainerResult> containers) {

    public static final int SCHEMA_VERSION = 1;

    public ApplyReport {
        containers = List.copyOf(containers);
    }

    /** Returns the containers that did not converge. */
    @JsonIgnore
    public List<ContainerResult> failures() {
        return containers.stream().filter(c -> !c.result().converged()).toList();
    }
}
