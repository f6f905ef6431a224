package io.nixunits.agent.daemon;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends WATCHDOG=1 to systemd at half the watchdog time, but only while the scheduler is
 * healthy, so that systemd restarts a daemon whose scheduler stopped or whose sync hangs.
 */
final class Watchdog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Watchdog.class);

    private final ScheduledExecutorService timer;

    private Watchdog(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    /** Starts sending, or returns null when systemd expects no watchdog messages. */
    static Watchdog start(SystemdNotifier notifier, BooleanSupplier healthy) {
        Duration interval = notifier.watchdogInterval();
        if (interval == null) {
            return null;
        }
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "watchdog");
            thread.setDaemon(true);
            return thread;
        });
        boolean[] warned = new boolean[1];
        timer.scheduleAtFixedRate(() -> {
            if (healthy.getAsBoolean()) {
                notifier.watchdog();
                warned[0] = false;
            } else if (!warned[0]) {
                LOG.error("the sync scheduler is not healthy; watchdog messages stop, so systemd restarts the agent");
                warned[0] = true;
            }
        }, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("sending watchdog messages every {}", DurationText.format(interval));
        return new Watchdog(timer);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
