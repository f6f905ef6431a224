package io.nixunits.agent.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import io.nixunits.agent.AgentException;
import io.nixunits.agent.converge.ApplyProgress;
import io.nixunits.agent.converge.ApplyReport;
import io.nixunits.agent.converge.ApplyReportStore;
import io.nixunits.agent.converge.ConsoleProgress;
import io.nixunits.agent.converge.ContainerResult;
import io.nixunits.agent.converge.Converger;
import io.nixunits.agent.converge.SavedPlanCheck;
import io.nixunits.agent.host.HostContext;
import io.nixunits.agent.output.PlanDocument;
import io.nixunits.agent.output.PlanPrinter;
import io.nixunits.agent.planning.PlanReport;
import io.nixunits.agent.planning.PlanSettings;
import io.nixunits.agent.process.ProcessRunner;
import io.nixunits.agent.source.DirectorySource;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code nixunits-agent apply}: makes a plan, or takes a saved one, and carries it out. */
@Command(name = "apply", mixinStandardHelpOptions = true,
        description = {"Plan as 'plan' does, print the plan, then carry it out: builds first, then switches,"
                + " starts and restarts, deletions last. A container that fails does not stop the others, and a"
                + " failed build leaves the running container as it is.",
            "The report is written to STATE_DIR/agent/last-apply.json."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:every container converged",
            "1:error before anything ran (bad source, stale --plan, unreadable state)",
            "2:usage error",
            "3:some containers failed, were rolled back, were rejected as invalid or had their deletion held;"
                    + " the others converged"})
final class ApplyCommand implements Callable<Integer> {
    /** How long a shutdown hook waits for running steps to unmount and unlock. */
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(60);

    @ParentCommand
    AgentMain parent;

    @Spec
    CommandSpec spec;

    @Mixin
    SourceOptions source;

    @Option(names = "--plan", paramLabel = "FILE",
            description = "Carry out FILE, written by 'plan -o', instead of a new plan. It is rejected when the"
                    + " commit, the host or any container's plan changed since. Give the same source options.")
    Path planFile;

    @Option(names = "--json", description = "Print the apply report as JSON instead of a summary.")
    boolean json;

    @Mixin
    HostOptions host;

    @Override
    public Integer call() throws Exception {
        host.check(spec.commandLine());
        PlanSettings settings = source.toSettings();
        PrintStream out = parent.out();

        // plan, or check the saved plan against a plan made now
        PlanReport report = parent.pipeline().plan(settings);
        if (planFile != null) {
            SavedPlanCheck.verify(planFile, readPlan(planFile), report);
        }
        if (!json) {
            new PlanPrinter(out, parent.colour()).print(report);
        }

        // carry it out
        Path modulesDir = DirectorySource.resolveInsideOrMissing(report.source().declarations(),
                source.modulesPath, report.source().location());
        HostContext context = host.hostContext(settings, parent.runner());
        boolean terminal = !json && System.console() != null && out == System.out;
        ApplyProgress progress = new ConsoleProgress(terminal ? out : null);
        Converger converger = new Converger(context, progress, Clock.systemUTC());
        ApplyReport result = applyWithShutdownHook(converger, report, modulesDir);

        // report
        if (json) {
            out.println(ApplyReportStore.toJson(result));
        } else {
            printSummary(out, result);
        }
        return result.converged() ? ExitCodes.OK : ExitCodes.PARTIAL_FAILURE;
    }

    /**
     * Applies with a shutdown hook that, on SIGTERM or SIGINT, interrupts the running steps and
     * waits for them to unmount their overlays and release their locks.
     */
    private ApplyReport applyWithShutdownHook(Converger converger, PlanReport report, Path modulesDir)
            throws AgentException {
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            converger.cancel();
            try {
                done.await(SHUTDOWN_GRACE.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "apply-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return converger.apply(report, modulesDir, host.jobs);
        } finally {
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down; the hook is running
            }
        }
    }

    private static PlanDocument readPlan(Path file) throws AgentException {
        try {
            return JsonOutput.mapper().copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                    .readValue(file.toFile(), PlanDocument.class);
        } catch (IOException e) {
            throw new AgentException("cannot read plan " + file + ": " + e.getMessage()
                    + ". Give a file written by 'nixunits-agent plan -o FILE'.", e);
        }
    }

    private static void printSummary(PrintStream out, ApplyReport report) {
        out.println();
        for (ContainerResult container : report.containers()) {
            if (container.result() == ContainerResult.Result.UNCHANGED) {
                continue;
            }
            String line = container.name() + ": " + PlanDocument.name(container.result()) + " (" + container.action()
                    + ", " + container.durationMillis() / 1000 + " s)";
            out.println(container.error() == null ? line : line + ": " + container.error());
        }
        long failed = report.failures().size();
        out.println(failed == 0 ? "Apply complete: every container converged."
                : "Apply finished: " + failed + " container(s) did not converge.");
    }
}
