package io.nixunits.model;

/** A string that is not a valid container id; {@link #value()} is the rejected input. */
public final class InvalidContainerIdException extends StateModelException {
    private static final long serialVersionUID = 1L;

    private final String value;

    public InvalidContainerIdException(String value, String problem) {
        super("invalid container id " + ContainerId.quote(value) + ": " + problem
                + ". Use 1 to " + ContainerId.MAX_LENGTH
                + " letters, digits, '-' and '.', starting with a letter or digit.");
        this.value = value;
    }

    public String value() {
        return value;
    }
}
