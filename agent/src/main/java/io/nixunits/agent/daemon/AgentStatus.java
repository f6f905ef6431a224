package io.nixunits.agent.daemon;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the daemon did last, written to {@code <state root>/agent/status.json} after every sync
 * and read by {@code nixunits-agent status}. Times are ISO-8601 strings in UTC.
 *
 * @param source the repository (credentials removed), ref and path followed
 * @param lastAttempt the last sync, whatever its result
 * @param lastApplied the last sync that carried out a plan; the host is on this commit
 * @param lastPlan the last plan made, with the changes it found that were not applied
 * @param fetch whether fetching works, and since when it fails
 * @param containers the outcome per container of the last apply, and the containers skipped
 * @param failedContainers per container id, the commit and unit hash whose apply failed; they
 *     are not tried again until the commit changes
 * @param failedSyncs failed syncs in a row, which set the backoff
 * @param nextRunAt when the next scheduled sync runs, or null when the daemon is stopped
 * @param suspended the suspension in force at the last sync, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AgentStatus(
        @JsonProperty("schemaVersion") int schemaVersion,
        @JsonProperty("source") Source source,
        @JsonProperty("lastAttempt") Attempt lastAttempt,
        @JsonProperty("lastApplied") Applied lastApplied,
        @JsonProperty("lastPlan") Planned lastPlan,
        @JsonProperty("fetch") FetchState fetch,
        @JsonProperty("containers") List<ContainerOutcome> containers,
        @JsonProperty("failedContainers") Map<String, FailedContainer> failedContainers,
        @JsonProperty("failedSyncs") int failedSyncs,
        @JsonProperty("nextRunAt") String nextRunAt,
        @JsonProperty("suspended") Suspension suspended) {

    public static final int SCHEMA_VERSION = 1;

    public AgentStatus {
        containers = containers == null ? List.of() : List.copyOf(containers);
        failedContainers = failedContainers == null ? Map.of() : new TreeMap<>(failedContainers);
    }

    public static AgentStatus empty(Source source) {
        return new AgentStatus(SCHEMA_VERSION, source, null, null, null, new FetchState(null, null, null, 0),
                List.of(), Map.of(), 0, null, null);
    }

    /** The repository, ref and path the daemon follows. */
    public record Source(
            @JsonProperty("repository") String repository,
            @JsonProperty("ref") String ref,
            @JsonProperty("path") String path) {
    }

    /**
     * One sync.
     *
     * @param commit the commit fetched, or null when the fetch failed
     * @param trigger what started it: {@code schedule}, {@code webhook} or {@code startup}
     * @param result one of {@link SyncResult}'s names
     * @param error why it failed, or null
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Attempt(
            @JsonProperty("commit") String commit,
            @JsonProperty("trigger") String trigger,
            @JsonProperty("startedAt") String startedAt,
            @JsonProperty("finishedAt") String finishedAt,
            @JsonProperty("result") String result,
            @JsonProperty("error") String error) {
    }

    /** The last plan carried out, and whether every container converged. */
    public record Applied(
            @JsonProperty("commit") String commit,
            @JsonProperty("finishedAt") String finishedAt,
            @JsonProperty("converged") boolean converged) {
    }

    /**
     * The last plan made.
     *
     * @param pendingChanges the containers whose planned changes were not applied (suspended,
     *     or drift with self-heal off), as {@code name: action}
     */
    public record Planned(
            @JsonProperty("commit") String commit,
            @JsonProperty("at") String at,
            @JsonProperty("pendingChanges") List<String> pendingChanges) {
        public Planned {
            pendingChanges = pendingChanges == null ? List.of() : List.copyOf(pendingChanges);
        }
    }

    /**
     * @param lastSuccessAt the last fetch that worked
     * @param failingSince the first failed fetch of the current series, or null when the last worked
     * @param error the last fetch error (credentials removed), or null
     * @param failures failed fetches in a row
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FetchState(
            @JsonProperty("lastSuccessAt") String lastSuccessAt,
            @JsonProperty("failingSince") String failingSince,
            @JsonProperty("error") String error,
            @JsonProperty("failures") int failures) {
    }

    /** One container's outcome: a result of the apply report, or {@code skipped}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ContainerOutcome(
            @JsonProperty("name") String name,
            @JsonProperty("action") String action,
            @JsonProperty("result") String result,
            @JsonProperty("error") String error) {
    }

    /** A container whose apply failed at {@code commit} with the declaration of {@code unitHash}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FailedContainer(
            @JsonProperty("commit") String commit,
            @JsonProperty("unitHash") String unitHash,
            @JsonProperty("failedAt") String failedAt,
            @JsonProperty("error") String error) {
    }
}
