package io.nixunits.agent.source;

import io.nixunits.agent.AgentException;

/**
 * The declarations cannot be obtained: a clone or fetch failed, a ref does not exist, or a
 * path is wrong. {@link #location()} is the repository or directory, credentials removed.
 */
public final class SourceException extends AgentException {
    private static final long serialVersionUID = 1L;

    private final String location;

    public SourceException(String location, String message, Throwable cause) {
        super(message, cause);
        this.location = location;
    }

    public String location() {
        return location;
    }
}
