package io.nixunits.agent.daemon;

import io.nixunits.agent.host.HostContext;
import io.nixunits.agent.planning.PlanPipeline;
import io.nixunits.agent.planning.PlanSettings;
import io.nixunits.agent.source.GitSource;

/**
 * What every sync works with, made once when the daemon starts.
 *
 * @param settings the planning settings, as {@code plan} and {@code apply} take them
 * @param source the repository, with its credentials
 * @param pipeline the planner, as {@code apply} uses it
 * @param host the host operations' context, as {@code apply} uses it
 * @param jobs how many containers are built at the same time
 * @param selfHeal whether drift found without a new commit is corrected
 * @param schedule when syncs run, the drift interval and the backoff
 */
public record SyncSetup(
        PlanSettings settings,
        GitSource source,
        PlanPipeline pipeline,
        HostContext host,
        int jobs,
        boolean selfHeal,
        SyncSchedule schedule) {
}
