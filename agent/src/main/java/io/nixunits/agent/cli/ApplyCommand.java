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
import io.nixunits.agent.host.HostTimeouts;
import io.nixunits.agent.host.NixSettings;
import io.nixunits.agent.host.UnitDirectory;
import io.nixunits.agent.output.PlanDocument;
import io.nixunits.agent.output.PlanPrinter;
import io.nixunits.agent.planning.PlanReport;
import io.nixunits.agent.planning.PlanSettings;
import io.nixunits.agent.process.ProcessRunner;
import io.nixunits.agent.source.DirectorySource;
import io.nixunits.model.host.StateLayout;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

    @Option(names = {"-j", "--jobs"}, paramLabel = "N", defaultValue = "1",
            description = "Containers built at the same time (default: ${DEFAULT-VALUE}).")
    int jobs;

    @Option(names = "--json", description = "Print the apply report as JSON instead of a summary.")
    boolean json;

    @Option(names = "--mk-container", paramLabel = "EXPR", defaultValue = "${env:NIXUNITS_MK_CONTAINER}",
            description = "Nix expression of the mkContainer function (default: mkContainer of the flake "
                    + NixSettings.DEFAULT_FLAKE + " for the system; env NIXUNITS_MK_CONTAINER).")
    String mkContainer;

    @Option(names = "--nixpkgs", paramLabel = "SOURCE", defaultValue = "${env:NIXUNITS_NIXPKGS}",
            description = "nixpkgs given to Nix as -I nixpkgs=SOURCE, for an entry point that reads <nixpkgs>"
                    + " (env NIXUNITS_NIXPKGS). A flake entry point pins its own.")
    String nixpkgs;

    @Option(names = "--nix-option", paramLabel = "ARG",
            description = "Argument added to every nix build, such as --show-trace; repeat for several.")
    List<String> nixOptions = new ArrayList<>();

    @Option(names = "--build-timeout", paramLabel = "MINUTES", defaultValue = "60",
            description = "Time limit of one nix build, in minutes (default: ${DEFAULT-VALUE}).")
    long buildTimeoutMinutes;

    @Option(names = "--health-timeout", paramLabel = "SECONDS", defaultValue = "120",
            description = "Time a started container has to become active and running, in seconds (default:"
                    + " ${DEFAULT-VALUE}).")
    long healthTimeoutSeconds;

    @Option(names = "--lock-wait", paramLabel = "SECONDS", defaultValue = "300",
            description = "Time to wait for a lock held by another nixunits process, in seconds (default:"
                    + " ${DEFAULT-VALUE}).")
    long lockWaitSeconds;

    @Option(names = "--unit-dir", paramLabel = "DIR", defaultValue = "${env:NIXUNITS_UNIT_DIR}",
            description = "Where units are enabled (default: /run/systemd/system on NixOS, /etc/systemd/system"
                    + " elsewhere; env NIXUNITS_UNIT_DIR).")
    Path unitDir;

    @Override
    public Integer call() throws Exception {
        checkOptions();
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
        HostContext context = hostContext(settings);
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

    private void checkOptions() {
        if (jobs < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Invalid value " + jobs
                    + " for --jobs: give 1 or more.");
        }
        if (buildTimeoutMinutes < 1 || healthTimeoutSeconds < 1 || lockWaitSeconds < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Invalid time limit: --build-timeout and"
                    + " --health-timeout take 1 or more, --lock-wait 0 or more.");
        }
    }

    private HostContext hostContext(PlanSettings settings) {
        String system = settings.options().system();
        String entryPoint = mkContainer == null || mkContainer.isBlank()
                ? NixSettings.defaultMkContainer(system) : mkContainer;
        NixSettings nix = new NixSettings(entryPoint, nixpkgs == null || nixpkgs.isBlank() ? null : nixpkgs, system,
                settings.options().nixpkgsRevision(), nixOptions, Duration.ofMinutes(buildTimeoutMinutes));
        HostTimeouts defaults = HostTimeouts.defaults();
        HostTimeouts timeouts = new HostTimeouts(defaults.command(), Duration.ofSeconds(lockWaitSeconds),
                Duration.ofSeconds(healthTimeoutSeconds), defaults.healthPoll());
        UnitDirectory units = unitDir == null ? UnitDirectory.detect()
                : new UnitDirectory(unitDir, UnitDirectory.DEFAULT_ROOT);
        return new HostContext(new StateLayout(settings.stateDir()), new ProcessRunner(), units, nix, timeouts);
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
            return converger.apply(report, modulesDir, jobs);
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
