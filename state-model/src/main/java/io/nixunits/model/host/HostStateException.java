package io.nixunits.model.host;

import io.nixunits.model.StateModelException;

/** The state root or one of its shared files cannot be read; {@link #path()} names it. */
public final class HostStateException extends StateModelException {
    private static final long serialVersionUID = 1L;

    private final String path;

    public HostStateException(String path, String message, Throwable cause) {
        super(message, cause);
        this.path = path;
    }

    public String path() {
        return path;
    }
}
