package io.nixunits.agent.runtime;

import io.nixunits.agent.process.CommandException;
import io.nixunits.agent.process.CommandResult;
import io.nixunits.agent.process.ProcessRunner;
import io.nixunits.model.ContainerId;
import io.nixunits.model.plan.RuntimeState;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Asks {@code machinectl} which machines run. When it is missing or fails (no systemd-machined,
 * no D-Bus), the runtime state is unknown and carries the reason, instead of guessing.
 */
public final class RuntimeProbe {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final ProcessRunner runner;

    public RuntimeProbe(ProcessRunner runner) {
        this.runner = runner;
    }

    public RuntimeState probe() {
        if (runner.find("machinectl").isEmpty()) {
            return RuntimeState.unknown("machinectl not found on PATH; install systemd-container");
        }
        CommandResult result;
        try {
            result = runner.run(List.of("machinectl", "list", "--no-legend", "--no-pager"), TIMEOUT);
        } catch (CommandException e) {
            return RuntimeState.unknown(e.getMessage());
        }
        if (!result.succeeded()) {
            String detail = result.stderr().isBlank() ? result.stdout() : result.stderr();
            return RuntimeState.unknown("machinectl list failed with exit status " + result.exitStatus() + ": "
                    + detail.strip().replace('\n', ' ') + "; check that systemd-machined runs");
        }
        return RuntimeState.known(parseMachineList(result.stdout()));
    }

    /**
     * Returns the container ids of {@code machinectl list --no-legend}: the first column of lines
     * whose second column is the machine class {@code container}. Other lines, such as
     * "No machines.", are skipped.
     */
    static Set<ContainerId> parseMachineList(String output) {
        Set<ContainerId> running = new HashSet<>();
        for (String line : output.split("\n")) {
            String[] columns = line.strip().split("\\s+");
            if (columns.length >= 2 && columns[1].equals("container") && ContainerId.isValid(columns[0])) {
                running.add(new ContainerId(columns[0]));
            }
        }
        return running;
    }
}
