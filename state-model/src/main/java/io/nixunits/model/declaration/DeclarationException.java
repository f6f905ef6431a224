package io.nixunits.model.declaration;

import io.nixunits.model.StateModelException;

/**
 * The declarations directory as a whole cannot be read (missing, not a directory,
 * unreadable). A single bad declaration is not an exception but a {@link DeclarationProblem}.
 */
public final class DeclarationException extends StateModelException {
    private static final long serialVersionUID = 1L;

    private final String path;

    public DeclarationException(String path, String message, Throwable cause) {
        super(message, cause);
        this.path = path;
    }

    public String path() {
        return path;
    }
}
