package io.nixunits.agent.hooks;

import io.nixunits.agent.host.ContainerUnits;
import io.nixunits.agent.process.CommandResult;
import java.util.List;

/**
 * Clears the failed state of the network unit and the machine scope, so that the next start
 * is not refused and {@code systemctl --failed} does not list a container that was stopped.
 * The container's own service is stopping, so systemd handles its state.
 */
final class ResetFailedUnitsStep {
    private ResetFailedUnitsStep() {
    }

    static void run(HookRun run) throws HookException {
        String id = run.id().value();
        CommandResult result = run.run("resetting failed units", List.of("systemctl", "reset-failed",
                ContainerUnits.networkService(id), "machine-" + id + ".scope"));
        if (!result.succeeded()) {
            // systemctl fails when a unit is not loaded: there is nothing to reset then.
            run.log("systemctl reset-failed exited with status {}, ignored: {}", result.exitStatus(),
                    result.stderr().strip());
        }
    }
}
