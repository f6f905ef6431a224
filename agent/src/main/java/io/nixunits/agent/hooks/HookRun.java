package io.nixunits.agent.hooks;

import io.nixunits.agent.process.CommandException;
import io.nixunits.agent.process.CommandResult;
import io.nixunits.model.ContainerId;
import io.nixunits.model.host.StateLayout;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of one hook on one container: the unit.conf read, the settings, and the commands the
 * steps run, each failure turned into a {@link HookException} that names the container, the
 * stage and what the step was doing.
 */
final class HookRun {
    private static final Logger LOG = LoggerFactory.getLogger(HookRun.class);

    private final ContainerId id;
    private final HookStage stage;
    private final UnitConf conf;
    private final HookSettings settings;
    private Long leader;

    HookRun(ContainerId id, HookStage stage, UnitConf conf, HookSettings settings) {
        this.id = id;
        this.stage = stage;
        this.conf = conf;
        this.settings = settings;
    }

    ContainerId id() {
        return id;
    }

    HookStage stage() {
        return stage;
    }

    UnitConf conf() {
        return conf;
    }

    HookSettings settings() {
        return settings;
    }

    StateLayout.Container files() {
        return settings.layout().files(id);
    }

    /** Logs what a step does, prefixed with the container id and the stage. */
    void log(String format, Object... arguments) {
        LOG.info("[" + id + "] " + stage.argument() + ": " + format, arguments);
    }

    void warn(String format, Object... arguments) {
        LOG.warn("[" + id + "] " + stage.argument() + ": " + format, arguments);
    }

    /** Runs {@code command} and fails, saying that {@code action} failed, unless it exits with status 0. */
    CommandResult check(String action, List<String> command) throws HookException {
        try {
            return settings.runner().check(command, settings.timeouts().command());
        } catch (CommandException e) {
            throw failed(action, e);
        }
    }

    /** Runs {@code command} and returns its result whatever its exit status. */
    CommandResult run(String action, List<String> command) throws HookException {
        try {
            return settings.runner().run(command, settings.timeouts().command());
        } catch (CommandException e) {
            throw failed(action, e);
        }
    }

    HookException failed(String action, Exception cause) {
        // A CommandException's message already names the command, its exit status and output.
        String reason = cause instanceof CommandException ? cause.getMessage() : cause.toString();
        return new HookException(id, "container " + id + ", " + stage.argument() + " hook: " + action + " failed: "
                + reason, cause);
    }

    HookException error(String message) {
        return new HookException(id, "container " + id + ", " + stage.argument() + " hook: " + message, null);
    }

    /** Returns the host PID of the container's init, looked up once with machinectl. */
    long leader() throws HookException {
        if (leader == null) {
            leader = MachineLeader.find(this);
        }
        return leader;
    }

    /** Returns {@code command} run by nsenter in the container's network namespace only. */
    List<String> inNetworkNamespace(String... command) throws HookException {
        return nsenter(List.of("--net"), List.of(command));
    }

    /**
     * Returns {@code command} run by nsenter in all the container's namespaces, user namespace
     * included, so it runs as the container's root and reads the container's files.
     */
    List<String> inContainer(String... command) throws HookException {
        return nsenter(List.of("--all"), List.of(command));
    }

    /**
     * Returns {@code arguments} run by the built system's shell, {@code SYSTEM_PATH/sw/bin/sh}, in
     * all the container's namespaces. The container's own {@code /bin/sh} is not used: a NixOS
     * system creates it when it activates, and a system may not have one at all.
     */
    List<String> inContainerShell(String... arguments) throws HookException {
        List<String> command = new ArrayList<>();
        command.add(conf().systemPath() + "/sw/bin/sh");
        command.addAll(List.of(arguments));
        return inContainer(command.toArray(String[]::new));
    }

    List<String> nsenter(List<String> namespaces, List<String> command) throws HookException {
        List<String> line = new ArrayList<>(List.of("nsenter", "--target", Long.toString(leader())));
        line.addAll(namespaces);
        line.addAll(command);
        return line;
    }
}
