package io.nixunits.agent.cli;

import io.nixunits.agent.host.HostContext;
import io.nixunits.agent.host.HostTimeouts;
import io.nixunits.agent.host.NixSettings;
import io.nixunits.agent.host.UnitDirectory;
import io.nixunits.agent.planning.PlanSettings;
import io.nixunits.agent.process.ProcessRunner;
import io.nixunits.model.host.StateLayout;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options for carrying out a plan on this host: Nix, time limits, units; shared by apply and run. */
final class HostOptions {
    @Option(names = {"-j", "--jobs"}, paramLabel = "N", defaultValue = "1",
            description = "Containers built at the same time (default: ${DEFAULT-VALUE}).")
    int jobs;

    @Mixin
    NixEntryOptions nix;

    @Option(names = "--nix-option", paramLabel = "ARG",
            description = "Argument added to every nix build, such as --show-trace; repeat for several.")
    List<String> nixOptions = new ArrayList<>();

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

    /** Rejects option values that cannot work, as a usage error. */
    void check(CommandLine commandLine) {
        if (jobs < 1) {
            throw new CommandLine.ParameterException(commandLine, "Invalid value " + jobs
                    + " for --jobs: give 1 or more.");
        }
        if (nix.buildTimeoutMinutes() < 1 || healthTimeoutSeconds < 1 || lockWaitSeconds < 0) {
            throw new CommandLine.ParameterException(commandLine, "Invalid time limit: --build-timeout and"
                    + " --health-timeout take 1 or more, --lock-wait 0 or more.");
        }
    }

    /** Returns the host context of these options; {@code runner} runs every external command. */
    HostContext hostContext(PlanSettings settings, ProcessRunner runner) {
        NixSettings nixSettings = nix.toSettings(settings.options().system(), settings.options().nixpkgsRevision(),
                nixOptions);
        HostTimeouts defaults = HostTimeouts.defaults();
        HostTimeouts timeouts = new HostTimeouts(defaults.command(), Duration.ofSeconds(lockWaitSeconds),
                Duration.ofSeconds(healthTimeoutSeconds), defaults.healthPoll());
        UnitDirectory units = unitDir == null ? UnitDirectory.detect()
                : new UnitDirectory(unitDir, UnitDirectory.DEFAULT_ROOT);
        return new HostContext(new StateLayout(settings.stateDir()), runner, units, nixSettings, timeouts);
    }
}
