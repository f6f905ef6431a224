package io.nixunits.agent.daemon;

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
public record AgentStatus(
        int schemaVersion,
        Source source,
        Attempt lastAttempt,
        Applied lastApplied,
        Planned lastPlan,
        FetchState fetch,
        List<ContainerOutcome> containers,
        Map<String, FailedContainer> failedContainers,
        int failedSyncs,
        String nextRunAt,
        Suspension suspended) {

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
            String repository,
            String ref,
            String path) {
    }

    /**
     * One sync.
     *
     * @param commit the commit fetched, or null when the fetch failed
     * @param trigger what started it: {@code schedule}, {@code webhook} or {@code startup}
     * @param result one of {@link SyncResult}'s names
     * @param error why it failed, or null
     */
    public record Attempt(
            String commit,
            String trigger,
            String startedAt,
            String finishedAt,
            String result,
            String error) {
    }

    /** The last plan carried out, and whether every container converged. */
    public record Applied(
            String commit,
            String finishedAt,
            boolean converged) {
    }

    /**
     * The last plan made.
     *
     * @param pendingChanges the containers whose planned changes were not applied (suspended,
     *     or drift with self-heal off), as {@code name: action}
     */
    public record Planned(
            String commit,
            String at,
            List<String> pendingChanges) {
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
    public record FetchState(
            String lastSuccessAt,
            String failingSince,
            String error,
            int failures) {
    }

    /** One container's outcome: a result of the apply report, or {@code skipped}. */
    public record ContainerOutcome(
            String name,
            String action,
            String result,
            String error) {
    }

    /** A container whose apply failed at {@code commit} with the declaration of {@code unitHash}. */
    public record FailedContainer(
            String commit,
            String unitHash,
            String failedAt,
            String error) {
    }
}
