package io.nixunits.agent.cli;

/**
 * The exit statuses of both commands, {@code nixunits-agent} and {@code nixunits}.
 *
 * <p>{@code plan --detailed-exitcode} reuses 2 for "changes planned", as {@code terraform plan}
 * does; a usage error is told apart by its message on standard error.
 */
public final class ExitCodes {
    /** Success; with {@code plan --detailed-exitcode}, no changes. */
    public static final int OK = 0;
    /** An error: nothing was done, or the operation failed. */
    public static final int ERROR = 1;
    /** A usage error (bad option or argument); with {@code plan --detailed-exitcode}, changes planned. */
    public static final int USAGE = 2;
    /** With {@code plan --detailed-exitcode}: changes planned. */
    public static final int CHANGES = 2;
    /** Some containers failed while the others converged. */
    public static final int PARTIAL_FAILURE = 3;

    private ExitCodes() {
    }
}
