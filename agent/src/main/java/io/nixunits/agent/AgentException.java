package io.nixunits.agent;

/**
 * Root of the checked exceptions of the agent's operations. Messages say what failed, on
 * which value, and what to do; the command line prints them without a stack trace.
 */
public class AgentException extends Exception {
    private static final long serialVersionUID = 1L;

    public AgentException(String message) {
        super(message);
    }

    public AgentException(String message, Throwable cause) {
        super(message, cause);
    }
}
