package io.nixunits.agent.cli;

import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Runs an action on SIGTERM and SIGINT instead of letting the JVM shut down, so that a daemon
 * stopped by systemd or Ctrl-C ends with exit status 0. With a shutdown hook alone the JVM
 * exits with 143 (128 + SIGTERM) after the hook, which systemd records as a failure.
 *
 * <p>{@code sun.misc.Signal} is in the JDK's {@code jdk.unsupported} module, which the JDK keeps
 * for this use. When a signal cannot be handled (the JVM runs with {@code -Xrs}, for example),
 * it is left to the JVM and the caller's shutdown hook still stops the daemon.
 */
final class StopSignals {
    private static final Logger LOG = LoggerFactory.getLogger(StopSignals.class);

    private StopSignals() {
    }

    /** Runs {@code stop} on its own thread at the first SIGTERM or SIGINT. */
    static void onStop(Runnable stop) {
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), signal -> {
                    LOG.info("received SIG{}", signal.getName());
                    Thread stopper = new Thread(stop, "agent-stop-" + signal.getName().toLowerCase(Locale.ROOT));
                    stopper.start();
                });
            } catch (IllegalArgumentException e) {
                LOG.warn("cannot handle SIG{} ({}); the JVM's shutdown stops the daemon, with exit status {}",
                        name, e.getMessage(), name.equals("TERM") ? 143 : 130);
            }
        }
    }
}
