package io.nixunits.agent.converge;

import io.nixunits.agent.AgentException;
import io.nixunits.agent.host.BaseBuild;
import io.nixunits.agent.host.BuildBaseStep;
import io.nixunits.agent.host.BuildContainerStep;
import io.nixunits.agent.host.BuildInput;
import io.nixunits.agent.host.DeleteContainerStep;
import io.nixunits.agent.host.HostContext;
import io.nixunits.agent.planning.PlanReport;
import io.nixunits.model.declaration.Declaration;
import io.nixunits.model.inventory.AgentFingerprint;
import io.nixunits.model.inventory.InventoryStore;
import io.nixunits.model.plan.Action;
import io.nixunits.model.plan.Reason;
import io.nixunits.model.plan.Step;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out a plan: all builds first, up to {@code jobs} at a time, then switches, starts and
 * restarts one container at a time, and deletions last. A container that fails is reported and
 * the others go on; a failed build never touches the running container.
 */
public final class Converger {
    private static final Logger LOG = LoggerFactory.getLogger(Converger.class);

    private final HostContext context;
    private final ApplyProgress progress;
    private final Clock clock;
    private volatile boolean cancelled;
    private volatile ExecutorService buildPool;
    private volatile Thread applyThread;

    public Converger(HostContext context, ApplyProgress progress, Clock clock) {
        this.context = context;
        this.progress = progress;
        this.clock = clock;
    }

    /**
     * Applies {@code report}'s plan and writes the inventory and {@code agent/last-apply.json}.
     *
     * @param modulesDir the shared modules directory of the declarations, or null when there is none
     * @param jobs how many containers are built at the same time, at least 1
     */
    public ApplyReport apply(PlanReport report, Path modulesDir, int jobs) throws AgentException {
        applyThread = Thread.currentThread();
        Instant startedAt = clock.instant();
        AgentFingerprint fingerprint = AgentFingerprint.of(report.options().system(),
                report.options().nixpkgsRevision(), report.desired().modules());
        InventoryRecorder inventory = new InventoryRecorder(new InventoryStore(context.layout().inventory()),
                report.inventory());
        InventoryEntries entries = new InventoryEntries(context.layout(), fingerprint, report.source().commit(), clock);
        List<ContainerRun> runs = report.plan().containers().stream()
                .map(plan -> new ContainerRun(plan, progress))
                .toList();

        // skips and refusals
        for (ContainerRun run : runs) {
            if (run.plan().steps().isEmpty()) {
                skip(run);
            }
        }

        // containers created now are owned before their first build, so a failed build is not orphaned
        for (ContainerRun run : runs) {
            boolean creates = run.plan().action() == Action.CREATE && run.id() != null
                    && !report.actual().containers().containsKey(run.id()) && inventory.get(run.id()).isEmpty();
            if (creates) {
                carryOut(run, () -> inventory.put(entries.claimed(run.id())));
            }
        }

        // builds, in parallel
        build(report, modulesDir, runs, Math.max(1, jobs));

        // switches, starts and restarts, in name order
        ActivateContainer activation = new ActivateContainer(context, inventory, entries);
        for (ContainerRun run : runs) {
            if (!run.finished() && (run.has(Step.ADOPT) || run.has(Step.SWITCH) || run.has(Step.START)
                    || run.has(Step.RESTART))) {
                carryOut(run, () -> activation.run(run));
            }
        }

        // deletions last
        for (ContainerRun run : runs) {
            if (!run.finished() && run.has(Step.DELETE)) {
                carryOut(run, () -> run.step(Step.DELETE, () -> {
                    new DeleteContainerStep(context).run(run.id(), false);
                    inventory.remove(run.id());
                }));
            } else if (!run.finished() && run.has(Step.FORGET)) {
                carryOut(run, () -> run.step(Step.FORGET, () -> inventory.remove(run.id())));
            }
        }

        // report
        boolean interrupted = Thread.interrupted();
        progress.finished();
        List<ContainerResult> results = runs.stream().map(ContainerRun::toResult).toList();
        ApplyReport applyReport = new ApplyReport(ApplyReport.SCHEMA_VERSION, report.stateDir().toString(),
                report.source().location(), report.source().commit(), startedAt.toString(), clock.instant().toString(),
                results.stream().allMatch(r -> r.result().converged()), results);
        new ApplyReportStore(context.layout().agentDir().resolve(ApplyReportStore.FILE_NAME)).write(applyReport);
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return applyReport;
    }

    /**
     * Stops the apply from another thread, such as a shutdown hook: running steps are interrupted
     * (their mounts and locks are released on the way out) and no further step starts.
     */
    public void cancel() {
        cancelled = true;
        ExecutorService pool = buildPool;
        if (pool != null) {
            pool.shutdownNow();
        }
        Thread thread = applyThread;
        if (thread != null) {
            thread.interrupt();
        }
    }

    /**
     * Stops the apply from another thread without interrupting it, as the daemon does on a stop
     * request: the containers being worked on finish their steps, and no other container starts.
     */
    public void stopAfterCurrentContainers() {
        cancelled = true;
    }

    private void build(PlanReport report, Path modulesDir, List<ContainerRun> runs, int jobs) {
        List<ContainerRun> builds = runs.stream()
                .filter(run -> run.has(Step.BUILD_BASE) || run.has(Step.BUILD_CONTAINER))
                .toList();
        if (builds.isEmpty()) {
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(jobs, builds.size()));
        buildPool = pool;
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (ContainerRun run : builds) {
                Declaration declaration = report.desired().declarations().get(run.id());
                BuildInput input = BuildInput.of(declaration, report.source().declarations(), modulesDir,
                        report.desired().modules());
                futures.add(pool.submit(() -> carryOut(run, () -> buildOne(run, input))));
            }
            for (Future<?> future : futures) {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    LOG.error("a build task failed unexpectedly", e.getCause());
                } catch (InterruptedException e) {
                    cancel();
                    Thread.currentThread().interrupt();
                    return;
                } catch (java.util.concurrent.CancellationException e) {
                    LOG.debug("a build task was cancelled");
                }
            }
        } finally {
            pool.shutdownNow();
            buildPool = null;
        }
        for (ContainerRun run : builds) {
            if (!run.finished() && cancelled) {
                run.finish(ContainerResult.Result.INTERRUPTED, "apply was interrupted before this build finished");
            }
        }
    }

    private void buildOne(ContainerRun run, BuildInput input) throws AgentException {
        BaseBuild[] base = new BaseBuild[1];
        if (run.has(Step.BUILD_BASE)) {
            run.step(Step.BUILD_BASE, () -> base[0] = new BuildBaseStep(context).run(input));
        } else {
            // the base is already built: find its GC root, which the container build links to
            base[0] = new BaseBuild(input.baseKey(context.nix()),
                    context.layout().gcRoots().resolve(input.baseKey(context.nix())), false);
        }
        run.step(Step.BUILD_CONTAINER, () -> new BuildContainerStep(context).run(input, base[0]));
    }

    /** Runs one container's work; a failure ends that container's apply and no other's. */
    private void carryOut(ContainerRun run, ContainerRun.StepBody work) {
        if (cancelled) {
            run.finish(ContainerResult.Result.INTERRUPTED, "apply was interrupted before this container's turn");
            LOG.warn("[{}] skipped: apply was interrupted", run.id());
            return;
        }
        try {
            work.run();
        } catch (AgentException e) {
            LOG.error("[{}] {} failed: {}", run.id(), run.plan().action().label(), e.getMessage());
            run.finish(ContainerResult.Result.FAILED, e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("[{}] {} failed unexpectedly", run.id(), run.plan().action().label(), e);
            run.finish(ContainerResult.Result.FAILED, "unexpected " + e);
        }
    }

    private static void skip(ContainerRun run) {
        String reasons = run.plan().reasons().stream().map(Reason::message).collect(Collectors.joining("; "));
        String name = run.plan().name();
        switch (run.plan().action()) {
            case INVALID -> {
                LOG.warn("[{}] rejected: {}", name, reasons);
                run.finish(ContainerResult.Result.REJECTED, reasons);
            }
            case DELETE_HELD -> {
                LOG.warn("[{}] deletion held back: {}", name, reasons);
                run.finish(ContainerResult.Result.HELD, reasons);
            }
            // Unchanged is the common case, so it logs at debug level and a drift check of a
            // large host writes no line per container.
            case UNCHANGED -> LOG.debug("[{}] skipped, {}: {}", name, run.plan().action().label(), reasons);
            default -> LOG.info("[{}] skipped, {}: {}", name, run.plan().action().label(), reasons);
        }
    }
}
