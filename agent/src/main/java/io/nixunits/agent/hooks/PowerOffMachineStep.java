package io.nixunits.agent.hooks;

import io.nixunits.agent.process.CommandResult;
import java.time.Duration;
import java.util.List;

/**
 * Stops the machine gently, then firmly: {@code machinectl poweroff} and a wait of
 * {@link HookTimeouts#powerOff()}, then {@code machinectl terminate} and a wait of
 * {@link HookTimeouts#terminate()}, then SIGKILL to all its processes.
 */
final class PowerOffMachineStep {
    private PowerOffMachineStep() {
    }

    static void run(HookRun run) throws HookException {
        String id = run.id().value();
        HookTimeouts timeouts = run.settings().timeouts();

        run.log("powering off, waiting up to {} s", timeouts.powerOff().toSeconds());
        run.run("powering off the machine", List.of("machinectl", "poweroff", id));
        if (waitUntilGone(run, timeouts.powerOff())) {
            run.log("machine powered off");
            return;
        }

        run.warn("machine still runs {} s after poweroff, terminating it", timeouts.powerOff().toSeconds());
        run.run("terminating the machine", List.of("machinectl", "terminate", id));
        if (waitUntilGone(run, timeouts.terminate())) {
            run.log("machine terminated");
            return;
        }

        run.warn("machine still runs {} s after terminate, sending SIGKILL to all its processes",
                timeouts.terminate().toSeconds());
        run.run("killing the machine", List.of("machinectl", "kill", id, "--signal=SIGKILL"));
    }

    /** Returns whether the machine left systemd-machined's registry within {@code limit}. */
    private static boolean waitUntilGone(HookRun run, Duration limit) throws HookException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            if (!isRegistered(run)) {
                return true;
            }
            if (System.nanoTime() >= deadline) {
                return false;
            }
            EndStrayProcessesStep.pause(run, run.settings().timeouts().poll());
        }
    }

    static boolean isRegistered(HookRun run) throws HookException {
        CommandResult result = run.run("checking whether the machine runs",
                List.of("machinectl", "show", run.id().value(), "-p", "State", "--value"));
        return result.succeeded();
    }
}
