package io.nixunits.agent.daemon;

import java.util.Locale;

/** The result of one sync, as status, logs and metrics name it. */
public enum SyncResult {
    /** The commit was applied, or drift corrected, and every container converged. */
    CONVERGED,
    /** The plan was carried out, but some containers were rejected or had their deletion held. */
    CONVERGED_WITH_PROBLEMS,
    /** Some containers failed or were rolled back; the others converged. */
    PARTIAL,
    /** The commit is the one applied and no drift check was due, so nothing was planned. */
    NO_CHANGE,
    /** Drift was found and only reported, because self-heal is off. */
    DRIFT_REPORTED,
    /** The agent is suspended: the plan was made and nothing applied. */
    SUSPENDED,
    /** The remote could not be fetched; the host stays on the last applied commit. */
    FETCH_FAILED,
    /** Planning or applying failed before any container was handled. */
    FAILED,
    /** The daemon was stopping, so the sync was cut short between containers. */
    INTERRUPTED;

    /** Returns the lower-case, dashed name used in JSON and metrics labels. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Returns whether this result counts as a failure for the backoff. */
    public boolean backsOff() {
        return this == PARTIAL || this == FETCH_FAILED || this == FAILED;
    }
}
