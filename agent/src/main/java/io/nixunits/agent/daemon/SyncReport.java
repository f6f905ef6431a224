package io.nixunits.agent.daemon;

import java.time.Duration;
import java.time.Instant;

/**
 * The result of one sync, for the scheduler and the metrics.
 *
 * @param commit the commit fetched, or null when the fetch failed
 * @param nextRun when the next sync is due: the schedule, or the backoff after a failure
 * @param status the status written after the sync
 */
public record SyncReport(SyncResult result, String commit, Duration duration, Instant nextRun, AgentStatus status) {
}
