package io.nixunits.agent.converge;

import io.nixunits.model.ContainerId;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows the steps in progress. On a terminal, one status line is redrawn every second with each
 * running step and its elapsed time; otherwise, as under systemd, each start and end is a plain
 * log line.
 */
public final class ConsoleProgress implements ApplyProgress {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleProgress.class);

    private final PrintStream terminal;
    private final Map<String, Long> running = new ConcurrentSkipListMap<>();
    private final ScheduledExecutorService ticker;

    /** @param terminal where the status line goes, or null to log plain lines */
    public ConsoleProgress(PrintStream terminal) {
        this.terminal = terminal;
        if (terminal == null) {
            this.ticker = null;
            return;
        }
        this.ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "apply-progress");
            thread.setDaemon(true);
            return thread;
        });
        ticker.scheduleAtFixedRate(this::draw, 1, 1, TimeUnit.SECONDS);
    }

    @Override
    public void stepStarted(ContainerId id, String step) {
        if (terminal == null) {
            LOG.info("[{}] {} started", id, step);
            return;
        }
        running.put(id + " " + step, System.nanoTime());
        draw();
    }

    @Override
    public void stepFinished(ContainerId id, String step, Duration elapsed, boolean succeeded) {
        if (terminal == null) {
            LOG.info("[{}] {} {} after {} s", id, step, succeeded ? "finished" : "failed", elapsed.toSeconds());
            return;
        }
        running.remove(id + " " + step);
        synchronized (terminal) {
            terminal.print("\r\033[K");
            terminal.println(id + ": " + step + (succeeded ? " done" : " FAILED") + " (" + elapsed.toSeconds() + " s)");
        }
        draw();
    }

    @Override
    public void finished() {
        if (ticker != null) {
            ticker.shutdownNow();
            synchronized (terminal) {
                terminal.print("\r\033[K");
                terminal.flush();
            }
        }
    }

    private void draw() {
        StringBuilder line = new StringBuilder();
        long now = System.nanoTime();
        for (Map.Entry<String, Long> step : running.entrySet()) {
            long seconds = TimeUnit.NANOSECONDS.toSeconds(now - step.getValue());
            line.append(line.length() == 0 ? "" : " | ").append(step.getKey()).append(' ').append(seconds).append('s');
        }
        synchronized (terminal) {
            terminal.print("\r\033[K" + line);
            terminal.flush();
        }
    }
}
