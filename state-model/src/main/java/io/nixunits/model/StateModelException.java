package io.nixunits.model;

/**
 * Root of the checked exceptions thrown by the state model. Each subclass carries the value
 * that was rejected, so a caller can name it in its own message.
 */
public class StateModelException extends Exception {
    private static final long serialVersionUID = 1L;

    public StateModelException(String message) {
        super(message);
    }

    public StateModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
