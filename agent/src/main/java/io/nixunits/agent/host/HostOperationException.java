package io.nixunits.agent.host;

import io.nixunits.agent.AgentException;
import io.nixunits.model.ContainerId;
import java.nio.file.Path;

/**
 * A host operation failed on one container or one file. The message says what failed and what
 * to do; {@link #containerId()} and {@link #path()} are null when they do not apply.
 */
public class HostOperationException extends AgentException {
    private static final long serialVersionUID = 1L;

    private final transient ContainerId containerId;
    private final transient Path path;

    public HostOperationException(ContainerId containerId, Path path, String message, Throwable cause) {
        super(message, cause);
        this.containerId = containerId;
        this.path = path;
    }

    public ContainerId containerId() {
        return containerId;
    }

    public Path path() {
        return path;
    }
}
