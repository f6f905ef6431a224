package io.nixunits.agent.process;

import java.util.List;

/** A finished command: its argument list, exit status and captured output. */
public record CommandResult(List<String> command, int exitStatus, String stdout, String stderr) {
    public boolean succeeded() {
        return exitStatus == 0;
    }
}
