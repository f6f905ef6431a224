package io.nixunits.agent.hooks;

import io.nixunits.agent.AgentException;
import io.nixunits.model.ContainerId;

/**
 * A hook failed on one container. The message names the container, the step or value that
 * failed, and what to do.
 */
public class HookException extends AgentException {
    private static final long serialVersionUID = 1L;

    private final transient ContainerId containerId;

    public HookException(ContainerId containerId, String message, Throwable cause) {
        super(message, cause);
        this.containerId = containerId;
    }

    public ContainerId containerId() {
        return containerId;
    }
}
