package io.nixunits.agent.daemon;

import io.nixunits.agent.converge.ContainerResult;
import io.nixunits.agent.planning.PlanReport;
import io.nixunits.model.declaration.Declaration;
import io.nixunits.model.hash.UnitHashes;
import io.nixunits.model.plan.ContainerPlan;
import io.nixunits.model.plan.Plan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remembers which containers failed at which commit and unit hash, so that a failure is not
 * retried on every sync: such a container is left out of the plan until the commit or its
 * declaration changes.
 */
final class FailedContainers {
    private static final Logger LOG = LoggerFactory.getLogger(FailedContainers.class);
    /** The unit hash recorded for a container that is no longer declared, such as a failed deletion. */
    static final String UNDECLARED = "undeclared";

    private final Map<String, AgentStatus.FailedContainer> failures;

    FailedContainers(Map<String, AgentStatus.FailedContainer> failures) {
        this.failures = new TreeMap<>(failures);
    }

    Map<String, AgentStatus.FailedContainer> asMap() {
        return Map.copyOf(failures);
    }

    /**
     * Returns the plan without the containers that already failed at this commit and unit hash,
     * and adds a {@code skipped} outcome for each to {@code skipped}.
     */
    PlanReport withoutKnownFailures(PlanReport report, String commit, List<AgentStatus.ContainerOutcome> skipped) {
        List<ContainerPlan> kept = new ArrayList<>();
        for (ContainerPlan container : report.plan().containers()) {
            AgentStatus.FailedContainer failed = failures.get(container.name());
            boolean known = failed != null && !container.steps().isEmpty() && failed.commit().equals(commit)
                    && failed.unitHash().equals(unitHash(report, container));
            if (!known) {
                kept.add(container);
                continue;
            }
            String reason = "its " + container.action().label() + " failed at commit " + shortCommit(commit)
                    + " (" + failed.failedAt() + ": " + failed.error() + "); it is tried again when the commit"
                    + " changes";
            LOG.warn("[{}] skipped: {}", container.name(), reason);
            skipped.add(new AgentStatus.ContainerOutcome(container.name(), container.action().label(), "skipped",
                    reason));
        }
        if (kept.size() == report.plan().containers().size()) {
            return report;
        }
        Plan plan = new Plan(kept, report.plan().warnings(), report.plan().runtime());
        return new PlanReport(plan, report.source(), report.stateDir(), report.options(),
                report.createdAt(), report.desired(), report.actual(), report.inventory());
    }

    /** Records the failures of an apply at {@code commit}, and drops the containers that converged. */
    void record(PlanReport report, String commit, List<ContainerResult> results, String now) {
        failures.values().removeIf(failure -> !failure.commit().equals(commit));
        for (ContainerResult result : results) {
            switch (result.result()) {
                case FAILED, ROLLED_BACK -> {
                    ContainerPlan plan = report.plan().containers().stream()
                            .filter(container -> container.name().equals(result.name())).findFirst().orElseThrow();
                    failures.put(result.name(), new AgentStatus.FailedContainer(commit, unitHash(report, plan), now,
                            result.error()));
                }
                case CONVERGED -> failures.remove(result.name());
                default -> {
                    // unchanged, rejected, held or interrupted: nothing to remember
                }
            }
        }
    }

    private static String unitHash(PlanReport report, ContainerPlan container) {
        Declaration declaration = container.id() == null ? null : report.desired().declarations().get(container.id());
        if (declaration == null) {
            return UNDECLARED;
        }
        return declaration.unitHash(UnitHashes.envHash(report.options().system(), report.options().nixpkgsRevision()));
    }

    static String shortCommit(String commit) {
        return commit == null ? "none" : commit.substring(0, Math.min(12, commit.length()));
    }
}
