package io.nixunits.agent.hooks;

import io.nixunits.model.ContainerId;
import java.nio.file.Path;

/** A container's unit.conf is missing, unreadable or has a line or value the hooks do not accept. */
public final class UnitConfException extends HookException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final int line;

    public UnitConfException(ContainerId containerId, Path file, int line, String message, Throwable cause) {
        super(containerId, message, cause);
        this.file = file;
        this.line = line;
    }

    public Path file() {
        return file;
    }

    /** The 1-based line number, or 0 when the problem is not on one line. */
    public int line() {
        return line;
    }
}
