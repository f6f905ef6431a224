package io.nixunits.agent.daemon;

import io.nixunits.agent.AgentException;

/** The daemon cannot start or run: the scheduler, the HTTP listener or a secret file failed. */
public final class DaemonException extends AgentException {
    private static final long serialVersionUID = 1L;

    public DaemonException(String message, Throwable cause) {
        super(message, cause);
    }
}
