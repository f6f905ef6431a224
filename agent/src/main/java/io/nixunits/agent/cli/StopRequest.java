package io.nixunits.agent.cli;

/**
 * A stop that may be requested before there is anything to stop. The daemon handles SIGTERM
 * from before it starts, because it sends systemd its readiness while starting. A stop
 * requested in between runs as soon as the daemon is attached.
 */
final class StopRequest {
    private Runnable stop;
    private boolean requested;

    /** Stops the attached daemon, or the daemon attached later. */
    void request() {
        Runnable now;
        synchronized (this) {
            requested = true;
            now = stop;
        }
        if (now != null) {
            now.run();
        }
    }

    /** Attaches the action that stops the daemon, and runs it at once when a stop was requested. */
    void attach(Runnable action) {
        boolean stopNow;
        synchronized (this) {
            stop = action;
            stopNow = requested;
        }
        if (stopNow) {
            action.run();
        }
    }
}
