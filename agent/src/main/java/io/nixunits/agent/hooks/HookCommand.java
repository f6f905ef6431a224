package io.nixunits.agent.hooks;

import io.nixunits.agent.process.ProcessRunner;
import io.nixunits.model.ContainerId;
import io.nixunits.model.InvalidContainerIdException;
import io.nixunits.model.host.StateLayout;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code nixunits hook <stage> <id>}: what the systemd units run around a container's life.
 * The hooks are a Java subcommand rather than shell scripts so that they share the agent's one
 * process runner (timeouts, logged command lines, output in errors), its logging and error
 * policy, and its tests against fake commands.
 */
@Command(name = "hook", mixinStandardHelpOptions = true,
        description = {"Run one stage of a container's lifecycle hooks; the nixunits@ and nixunits-network@ units"
                + " call this. The container's unit.conf is read from STATE_DIR/containers/ID/unit.conf, where"
                + " STATE_DIR is the --state-dir of nixunits.",
            "Stages: pre-start (Open vSwitch ports, macvlan links, bind mount parents), network (nftables, addresses,"
                + " routes, readiness check, /run/net-ready), post-start (sysctl, extra script, resolv.conf), stop"
                + " (stray processes, power off, Open vSwitch ports, failed units)."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:the stage finished", "1:a step failed; the message names the command and its output",
            "2:usage error"})
public final class HookCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "STAGE", description = "pre-start, network, post-start or stop.")
    String stage;

    @Parameters(index = "1", paramLabel = "ID", description = "The container id (the unit's instance name).")
    String id;

    @Option(names = "--stop-timeout", paramLabel = "SECONDS", defaultValue = "${env:NIXUNITS_STOP_TIMEOUT:-90}",
            description = "How long 'stop' waits for the container to power off before terminating it, in seconds"
                    + " (default: ${DEFAULT-VALUE}; env NIXUNITS_STOP_TIMEOUT).")
    long stopTimeoutSeconds;

    @Override
    public Integer call() throws HookException {
        HookStage parsedStage = HookStage.fromArgument(stage);
        if (parsedStage == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Invalid stage '" + stage + "': use one of "
                    + Arrays.stream(HookStage.values()).map(HookStage::argument).collect(Collectors.joining(", "))
                    + ".");
        }
        ContainerId containerId;
        try {
            containerId = ContainerId.parse(id);
        } catch (InvalidContainerIdException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (stopTimeoutSeconds < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Invalid value " + stopTimeoutSeconds
                    + " for --stop-timeout: give 1 or more seconds.");
        }

        HookTimeouts timeouts = HookTimeouts.defaults().withPowerOff(Duration.ofSeconds(stopTimeoutSeconds));
        HookSettings settings = HookSettings.forHost(new StateLayout(stateDir()), new ProcessRunner(), timeouts);
        Hooks.run(parsedStage, containerId, settings);
        return 0;
    }

    /**
     * Returns the state root given by the parent command's inherited {@code --state-dir} option,
     * or, without one, {@code NIXUNITS_STATE_DIR} or {@value StateLayout#DEFAULT_ROOT}.
     */
    private Path stateDir() {
        OptionSpec option = spec.findOption("--state-dir");
        if (option != null && option.getValue() != null) {
            return Path.of(option.getValue().toString());
        }
        String fromEnvironment = System.getenv("NIXUNITS_STATE_DIR");
        return Path.of(fromEnvironment == null || fromEnvironment.isEmpty() ? StateLayout.DEFAULT_ROOT
                : fromEnvironment);
    }
}
