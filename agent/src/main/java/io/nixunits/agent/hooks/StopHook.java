package io.nixunits.agent.hooks;

import io.nixunits.agent.process.CommandResult;
import java.util.List;

/**
 * Stops the container and cleans up after it. Every step runs even when an earlier one failed,
 * so that a machine that cannot be powered off still has its ports removed; the first failure
 * is raised at the end.
 */
final class StopHook {
    /** One step of the stop hook. */
    private interface Step {
        void run(HookRun run) throws HookException;
    }

    private StopHook() {
    }

    static void run(HookRun run) throws HookException {
        HookException first = null;
        for (Step step : List.<Step>of(StopHook::stopMachine, RemoveOvsPortsStep::run, ResetFailedUnitsStep::run)) {
            try {
                step.run(run);
            } catch (HookException e) {
                run.warn("{}", e.getMessage());
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private static void stopMachine(HookRun run) throws HookException {
        String id = run.id().value();
        CommandResult leader = run.run("looking up the machine's leader process",
                List.of("machinectl", "show", id, "-p", "Leader", "--value"));
        String pid = leader.stdout().strip();
        if (!leader.succeeded() || !pid.matches("[1-9][0-9]{0,9}")) {
            run.log("machine is not running, nothing to power off");
            return;
        }
        EndStrayProcessesStep.run(run, Long.parseLong(pid));
        PowerOffMachineStep.run(run);
    }
}
