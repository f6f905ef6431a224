package io.nixunits.agent.process;

import io.nixunits.agent.AgentException;
import java.util.List;

/**
 * An external command could not run, failed or timed out. The message names the command,
 * its exit status and the tail of its output.
 */
public final class CommandException extends AgentException {
    private static final long serialVersionUID = 1L;

    private final List<String> command;
    private final int exitStatus;

    public CommandException(List<String> command, int exitStatus, String message, Throwable cause) {
        super(message, cause);
        this.command = List.copyOf(command);
        this.exitStatus = exitStatus;
    }

    public List<String> command() {
        return command;
    }

    /** The exit status, or -1 when the command did not run or timed out. */
    public int exitStatus() {
        return exitStatus;
    }
}
