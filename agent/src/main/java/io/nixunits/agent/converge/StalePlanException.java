package io.nixunits.agent.converge;

import io.nixunits.agent.AgentException;
import java.nio.file.Path;

/** A saved plan no longer matches the repository or the host; {@link #planFile()} names it. */
public final class StalePlanException extends AgentException {
    private static final long serialVersionUID = 1L;

    private final transient Path planFile;

    public StalePlanException(Path planFile, String message) {
        super(message);
        this.planFile = planFile;
    }

    public Path planFile() {
        return planFile;
    }
}
