package io.nixunits.agent.daemon;

import io.nixunits.agent.AgentException;
import io.nixunits.agent.converge.ApplyProgress;
import io.nixunits.agent.converge.ApplyReport;
import io.nixunits.agent.converge.ContainerResult;
import io.nixunits.agent.converge.Converger;
import io.nixunits.agent.output.PlanDocument;
import io.nixunits.agent.planning.PlanReport;
import io.nixunits.agent.source.Checkout;
import io.nixunits.agent.source.DirectorySource;
import io.nixunits.agent.source.SourceException;
import io.nixunits.model.StateModelException;
import io.nixunits.model.plan.Action;
import io.nixunits.model.plan.ContainerPlan;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one sync: fetch, decide whether to plan, plan, then apply, or only report when the agent
 * is suspended or when drift is found with self-heal off. A fetch error changes nothing on the
 * host. The status is written after every sync. The scheduler runs one sync at a time.
 */
public final class Synchronizer {
    private static final Logger LOG = LoggerFactory.getLogger(Synchronizer.class);

    private final SyncSetup setup;
    private final StatusStore statusStore;
    private final SuspensionStore suspensions;
    private final Clock clock;
    private final RandomGenerator random;

    private final AgentStatus.Source source;
    private AgentStatus.Attempt lastAttempt;
    private AgentStatus.Applied lastApplied;
    private AgentStatus.Planned lastPlan;
    private AgentStatus.FetchState fetch;
    private List<AgentStatus.ContainerOutcome> containers;
    private final FailedContainers failedContainers;
    private int failedSyncs;

    private volatile boolean stopping;
    private volatile Converger converger;

    /** @param previous the status the daemon wrote before it stopped, or empty on a first start */
    public Synchronizer(SyncSetup setup, StatusStore statusStore, SuspensionStore suspensions,
            Optional<AgentStatus> previous, Clock clock, RandomGenerator random) {
        this.setup = setup;
        this.statusStore = statusStore;
        this.suspensions = suspensions;
        this.clock = clock;
        this.random = random;
        this.source = new AgentStatus.Source(setup.source().redactedUrl(), setup.settings().ref(),
                setup.settings().path());
        AgentStatus status = previous.orElse(AgentStatus.empty(source));
        this.lastAttempt = status.lastAttempt();
        this.lastApplied = status.lastApplied();
        this.lastPlan = status.lastPlan();
        this.fetch = status.fetch() == null ? new AgentStatus.FetchState(null, null, null, 0) : status.fetch();
        this.containers = status.containers();
        this.failedContainers = new FailedContainers(status.failedContainers());
        this.failedSyncs = status.failedSyncs();
    }

    /**
     * Runs one sync and writes the status.
     *
     * @param trigger what started it; the start-up sync always plans
     */
    public SyncReport sync(SyncTrigger trigger) {
        Instant startedAt = clock.instant();
        Optional<Suspension> suspension = readSuspension();
        String commit = null;
        SyncResult result;
        String error = null;
        try {
            // fetch: on failure the host stays on the last applied commit
            commit = fetch(startedAt);
            if (commit == null) {
                result = SyncResult.FETCH_FAILED;
                error = fetch.error();
            } else {
                result = planAndApply(commit, suspension, startedAt, trigger == SyncTrigger.STARTUP);
            }
        } catch (AgentException | StateModelException e) {
            LOG.error("sync of commit {} failed: {}", FailedContainers.shortCommit(commit), e.getMessage());
            result = SyncResult.FAILED;
            error = e.getMessage();
        } catch (RuntimeException e) {
            LOG.error("sync of commit {} failed unexpectedly", FailedContainers.shortCommit(commit), e);
            result = SyncResult.FAILED;
            error = "unexpected " + e;
        }
        return finish(trigger, startedAt, commit, result, error, suspension.orElse(null));
    }

    /**
     * Asks a running sync to stop: the containers being worked on finish their current steps,
     * no other container starts, and no later sync applies anything.
     */
    public void stopAfterCurrentContainers() {
        stopping = true;
        Converger running = converger;
        if (running != null) {
            running.stopAfterCurrentContainers();
        }
    }

    /** Returns the status as the last sync left it, with {@code nextRun} as the next scheduled time. */
    public synchronized AgentStatus status(Instant nextRun, Suspension suspension) {
        return new AgentStatus(AgentStatus.SCHEMA_VERSION, source, lastAttempt, lastApplied, lastPlan, fetch,
                containers, failedContainers.asMap(), failedSyncs, nextRun == null ? null : nextRun.toString(),
                suspension);
    }

    /** Fetches and returns the commit of the ref, or null when the fetch failed. */
    private String fetch(Instant now) {
        try {
            String commit = setup.source().fetchCommit();
            if (fetch.failingSince() != null) {
                LOG.info("fetch of {} works again after {} failures", source.repository(), fetch.failures());
            }
            fetch = new AgentStatus.FetchState(now.toString(), null, null, 0);
            return commit;
        } catch (SourceException e) {
            String since = fetch.failingSince() != null ? fetch.failingSince() : now.toString();
            fetch = new AgentStatus.FetchState(fetch.lastSuccessAt(), since, e.getMessage(), fetch.failures() + 1);
            String hostState = lastApplied == null ? "the host stays as it is (no commit applied yet)"
                    : "the host stays on commit " + FailedContainers.shortCommit(lastApplied.commit());
            LOG.warn("fetch failed (failing since {}), {}: {}", since, hostState, e.getMessage());
            return null;
        }
    }

    private SyncResult planAndApply(String commit, Optional<Suspension> suspension, Instant now, boolean force)
            throws AgentException, StateModelException {
        // decide: a new commit, a drift check, or nothing to do
        boolean known = lastApplied != null && commit.equals(lastApplied.commit());
        boolean seen = known || lastPlan != null && commit.equals(lastPlan.commit());
        if (!seen) {
            failedSyncs = 0;
        }
        boolean driftDue = force || lastPlan == null
                || !Instant.parse(lastPlan.at()).plus(setup.schedule().driftInterval()).isAfter(now);
        if (suspension.isPresent() && seen && !driftDue && lastPlan != null && commit.equals(lastPlan.commit())) {
            return SyncResult.SUSPENDED;
        }
        if (suspension.isEmpty() && known && !driftDue) {
            LOG.debug("commit {} is applied and no drift check is due", FailedContainers.shortCommit(commit));
            return SyncResult.NO_CHANGE;
        }

        // plan
        Checkout checkout = setup.source().checkOut(commit, setup.settings().path());
        PlanReport report = setup.pipeline().plan(setup.settings(), checkout);
        List<String> changes = report.plan().containers().stream()
                .filter(container -> container.action().changesHost())
                .map(container -> container.name() + ": " + container.action().label())
                .toList();

        // report only: suspended, or drift with self-heal off
        if (suspension.isPresent()) {
            lastPlan = new AgentStatus.Planned(commit, now.toString(), changes);
            LOG.info("suspended ({}): {} change(s) planned at commit {} are not applied", suspension.get().reason(),
                    changes.size(), FailedContainers.shortCommit(commit));
            return SyncResult.SUSPENDED;
        }
        if (known && !setup.selfHeal()) {
            lastPlan = new AgentStatus.Planned(commit, now.toString(), changes);
            for (ContainerPlan container : report.plan().containers()) {
                if (container.action().changesHost()) {
                    LOG.warn("[{}] drift: {} planned, not applied because self-heal is off", container.name(),
                            container.action().label());
                }
            }
            return changes.isEmpty() ? SyncResult.NO_CHANGE : SyncResult.DRIFT_REPORTED;
        }

        // apply, leaving out the containers that already failed at this commit
        if (stopping) {
            return SyncResult.INTERRUPTED;
        }
        List<AgentStatus.ContainerOutcome> skipped = new ArrayList<>();
        PlanReport toApply = failedContainers.withoutKnownFailures(report, commit, skipped);
        if (known && !changes.isEmpty()) {
            LOG.info("drift found at commit {}, correcting {} container(s)", FailedContainers.shortCommit(commit),
                    changes.size() - skipped.size());
        }
        ApplyReport applied = apply(toApply, checkout);
        failedContainers.record(toApply, commit, applied.containers(), clock.instant().toString());
        lastPlan = new AgentStatus.Planned(commit, now.toString(), List.of());
        lastApplied = new AgentStatus.Applied(commit, clock.instant().toString(), applied.converged()
                && skipped.isEmpty());
        containers = outcomes(applied, skipped);
        return resultOf(applied, skipped);
    }

    private ApplyReport apply(PlanReport report, Checkout checkout) throws AgentException {
        Path modulesDir = DirectorySource.resolveInsideOrMissing(checkout.declarations(),
                setup.settings().modulesPath(), checkout.location());
        Converger running = new Converger(setup.host(), new io.nixunits.agent.converge.ConsoleProgress(null),
                clock);
        converger = running;
        try {
            if (stopping) {
                running.stopAfterCurrentContainers();
            }
            return running.apply(report, modulesDir, setup.jobs());
        } finally {
            converger = null;
        }
    }

    private static List<AgentStatus.ContainerOutcome> outcomes(ApplyReport applied,
            List<AgentStatus.ContainerOutcome> skipped) {
        List<AgentStatus.ContainerOutcome> outcomes = new ArrayList<>(skipped);
        for (ContainerResult result : applied.containers()) {
            outcomes.add(new AgentStatus.ContainerOutcome(result.name(), result.action(),
                    PlanDocument.name(result.result()), result.error()));
        }
        outcomes.sort((a, b) -> a.name().compareTo(b.name()));
        return outcomes;
    }

    private static SyncResult resultOf(ApplyReport applied, List<AgentStatus.ContainerOutcome> skipped) {
        boolean interrupted = false;
        boolean failed = !skipped.isEmpty();
        boolean problems = false;
        for (ContainerResult result : applied.containers()) {
            switch (result.result()) {
                case FAILED, ROLLED_BACK -> failed = true;
                case INTERRUPTED -> interrupted = true;
                case REJECTED, HELD -> problems = true;
                default -> {
                    // converged or unchanged
                }
            }
        }
        if (interrupted) {
            return SyncResult.INTERRUPTED;
        }
        if (failed) {
            return SyncResult.PARTIAL;
        }
        return problems ? SyncResult.CONVERGED_WITH_PROBLEMS : SyncResult.CONVERGED;
    }

    private SyncReport finish(SyncTrigger trigger, Instant startedAt, String commit, SyncResult result, String error,
            Suspension suspension) {
        Instant finishedAt = clock.instant();
        AgentStatus status;
        Instant nextRun;
        synchronized (this) {
            lastAttempt = new AgentStatus.Attempt(commit, trigger.label(), startedAt.toString(), finishedAt.toString(),
                    result.label(), error);
            failedSyncs = result.backsOff() ? failedSyncs + 1 : 0;
            nextRun = failedSyncs > 0 ? finishedAt.plus(setup.schedule().backoff(failedSyncs))
                    : setup.schedule().nextRun(finishedAt, random);
            status = status(nextRun, suspension);
        }
        if (failedSyncs > 0) {
            LOG.info("sync {} ({} in a row); next attempt in {}", result.label(), failedSyncs,
                    DurationText.format(Duration.between(finishedAt, nextRun)));
        } else if (result != SyncResult.NO_CHANGE) {
            LOG.info("sync {} at commit {}", result.label(), FailedContainers.shortCommit(commit));
        }
        try {
            statusStore.write(status);
        } catch (AgentException e) {
            LOG.error("{}", e.getMessage());
        }
        return new SyncReport(result, commit, Duration.between(startedAt, finishedAt), nextRun, status);
    }

    /** Reads the suspension; a file that cannot be read counts as a suspension, so nothing is applied. */
    private Optional<Suspension> readSuspension() {
        try {
            return suspensions.read();
        } catch (AgentException e) {
            LOG.error("{} Applying nothing until it is fixed.", e.getMessage());
            return Optional.of(new Suspension("the suspension file cannot be read: " + e.getMessage(),
                    clock.instant().toString(), null));
        }
    }
}
