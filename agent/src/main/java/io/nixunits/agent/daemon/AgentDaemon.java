package io.nixunits.agent.daemon;

import io.nixunits.agent.AgentException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running agent: the sync scheduler, the HTTP listener when configured, and the systemd
 * notifications. {@link #start} returns once the first sync is scheduled and systemd is notified
 * that the daemon is ready; {@link #stop} lets the running sync finish its current containers.
 */
public final class AgentDaemon {
    private static final Logger LOG = LoggerFactory.getLogger(AgentDaemon.class);

    private final SyncScheduler scheduler;
    private final HttpEndpoints http;
    private final Watchdog watchdog;
    private final SystemdNotifier notifier;
    private final SyncSetup setup;
    private final AgentMetrics metrics;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private boolean stopping;

    private AgentDaemon(SyncScheduler scheduler, HttpEndpoints http, Watchdog watchdog, SystemdNotifier notifier,
            SyncSetup setup, AgentMetrics metrics) {
        this.scheduler = scheduler;
        this.http = http;
        this.watchdog = watchdog;
        this.notifier = notifier;
        this.setup = setup;
        this.metrics = metrics;
    }

    /**
     * Starts the daemon.
     *
     * @param listeners notified of each sync besides the metrics, such as a test's recorder
     */
    public static AgentDaemon start(AgentConfig config, SyncSetup setup, SystemdNotifier notifier,
            List<SyncListener> listeners, Clock clock) throws AgentException {
        // the state the last run left
        StatusStore statusStore = new StatusStore(setup.host().layout().agentDir());
        SuspensionStore suspensions = new SuspensionStore(setup.host().layout().agentDir());
        Optional<AgentStatus> previous = readPrevious(statusStore);
        Synchronizer synchronizer = new Synchronizer(setup, statusStore, suspensions, previous, clock,
                RandomGenerator.getDefault());

        // scheduler, listener, systemd
        AgentMetrics metrics = new AgentMetrics();
        List<SyncListener> all = new ArrayList<>(listeners);
        all.add(0, metrics);
        all.add(new HeapRelease());
        SyncScheduler scheduler = new SyncScheduler(synchronizer, all, setup.schedule().syncTimeout(), clock);
        HttpEndpoints http = null;
        try {
            if (config.listen() != null) {
                http = HttpEndpoints.start(config.listen(), config.webhooks(), scheduler, metrics);
            }
            scheduler.start();
        } catch (AgentException | RuntimeException e) {
            scheduler.stop();
            if (http != null) {
                http.close();
            }
            throw e;
        }
        LOG.info("following {} ref {} path {}: {}; self-heal {}", setup.source().redactedUrl(),
                setup.settings().ref(), setup.settings().path(), setup.schedule().describe(),
                setup.selfHeal() ? "on" : "off");
        notifier.ready("following " + setup.source().redactedUrl() + " " + setup.settings().ref());
        Watchdog watchdog = Watchdog.start(notifier, scheduler::healthy);
        return new AgentDaemon(scheduler, http, watchdog, notifier, setup, metrics);
    }

    public SyncScheduler scheduler() {
        return scheduler;
    }

    public AgentMetrics metrics() {
        return metrics;
    }

    /** Returns the HTTP listener's port, or -1 when it is off. */
    public int httpPort() {
        return http == null ? -1 : http.port();
    }

    /** Blocks until {@link #stop} has finished. */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    /**
     * Stops: systemd is notified, no sync starts any more, and the running one finishes the steps of
     * the containers it works on. Returns when everything has stopped; a second call waits too.
     */
    public void stop() {
        synchronized (this) {
            if (stopping) {
                try {
                    stopped.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
            stopping = true;
        }
        LOG.info("stopping: the running sync finishes its current containers, no new one starts");
        notifier.stopping();
        if (watchdog != null) {
            watchdog.close();
        }
        scheduler.stop();
        if (http != null) {
            http.close();
        }
        setup.source().close();
        LOG.info("stopped");
        stopped.countDown();
    }

    private static Optional<AgentStatus> readPrevious(StatusStore store) {
        try {
            return store.read();
        } catch (AgentException e) {
            LOG.warn("{} Starting with an empty status: failed containers are tried again.", e.getMessage());
            return Optional.empty();
        }
    }
}
