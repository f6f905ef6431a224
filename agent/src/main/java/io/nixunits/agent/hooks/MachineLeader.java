package io.nixunits.agent.hooks;

import io.nixunits.agent.process.CommandResult;
import java.util.List;

/** Finds the host PID of a running container's init through systemd-machined. */
final class MachineLeader {
    private MachineLeader() {
    }

    static long find(HookRun run) throws HookException {
        String id = run.id().value();
        CommandResult result = run.run("looking up the machine's leader process",
                List.of("machinectl", "show", id, "-p", "Leader", "--value"));
        String output = result.stdout().strip();
        if (!result.succeeded() || !output.matches("[1-9][0-9]{0,9}")) {
            throw run.error("machine " + id + " is not registered with systemd-machined or has no leader process"
                    + " (machinectl show " + id + " -p Leader --value exited with status " + result.exitStatus()
                    + ", output " + io.nixunits.model.ContainerId.quote(output + result.stderr().strip())
                    + "). Start the container with 'systemctl start nixunits@" + id + ".service'.");
        }
        return Long.parseLong(output);
    }
}
