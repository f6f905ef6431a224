package io.nixunits.agent.daemon;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.quartz.JobBuilder;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.StdSchedulerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs syncs with Quartz, one at a time. There is never more than one trigger: after each sync
 * the next one is scheduled at the time the sync chose (schedule and jitter, or backoff). A
 * request that comes while a sync runs is merged into one pending sync that starts when the
 * running one ends.
 */
public final class SyncScheduler {
    private static final Logger LOG = LoggerFactory.getLogger(SyncScheduler.class);
    private static final JobKey JOB = JobKey.jobKey("sync", "nixunits");
    private static final AtomicLong SCHEDULERS = new AtomicLong();
    /** How late a scheduled sync may start before the scheduler counts as unhealthy. */
    private static final Duration START_SLACK = Duration.ofMinutes(2);

    private final Scheduler quartz;
    private final Synchronizer synchronizer;
    private final List<SyncListener> listeners;
    private final Duration syncTimeout;
    private final Clock clock;
    private final AtomicLong triggers = new AtomicLong();

    private final Object lock = new Object();
    private boolean running;
    private Instant runningSince;
    private SyncTrigger pending;
    private TriggerKey scheduled;
    private Instant nextRun;
    private boolean stopping;

    /**
     * @param syncTimeout how long one sync may run before the scheduler counts as unhealthy, so
     *     that the systemd watchdog restarts a daemon whose sync hangs
     */
    public SyncScheduler(Synchronizer synchronizer, List<SyncListener> listeners, Duration syncTimeout, Clock clock)
            throws DaemonException {
        this.synchronizer = synchronizer;
        this.listeners = List.copyOf(listeners);
        this.syncTimeout = syncTimeout;
        this.clock = clock;
        Properties properties = new Properties();
        properties.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_NAME,
                "nixunits-agent-" + SCHEDULERS.incrementAndGet());
        properties.setProperty(StdSchedulerFactory.PROP_THREAD_POOL_CLASS, "org.quartz.simpl.SimpleThreadPool");
        properties.setProperty("org.quartz.threadPool.threadCount", "1");
        properties.setProperty("org.quartz.threadPool.threadNamePrefix", "sync");
        properties.setProperty(StdSchedulerFactory.PROP_JOB_STORE_CLASS, "org.quartz.simpl.RAMJobStore");
        try {
            quartz = new StdSchedulerFactory(properties).getScheduler();
            quartz.setJobFactory((bundle, scheduler) -> new SyncJob(this));
            quartz.addJob(JobBuilder.newJob(SyncJob.class).withIdentity(JOB).storeDurably().build(), false);
        } catch (SchedulerException e) {
            throw new DaemonException("cannot create the Quartz scheduler: " + e.getMessage(), e);
        }
    }

    /** Starts the scheduler; the first sync runs at once. */
    public void start() throws DaemonException {
        try {
            quartz.start();
        } catch (SchedulerException e) {
            throw new DaemonException("cannot start the Quartz scheduler: " + e.getMessage(), e);
        }
        synchronized (lock) {
            schedule(clock.instant(), SyncTrigger.STARTUP);
        }
    }

    /** Runs a sync as soon as possible; while one runs, at most one more is kept pending. */
    public void requestNow(SyncTrigger trigger) {
        synchronized (lock) {
            if (stopping) {
                LOG.info("sync requested by {} ignored: the daemon is stopping", trigger.label());
                return;
            }
            if (running) {
                if (pending == null) {
                    LOG.info("sync requested by {} while one runs; it starts when the running one ends",
                            trigger.label());
                } else {
                    LOG.debug("sync requested by {} merged with the pending one", trigger.label());
                }
                pending = trigger;
                return;
            }
            schedule(clock.instant(), trigger);
        }
    }

    /** Returns when the next sync is due, or null while one runs or after a stop. */
    public Instant nextRun() {
        synchronized (lock) {
            return running || stopping ? null : nextRun;
        }
    }

    /**
     * Returns whether the scheduler works: Quartz runs, and either a sync runs for less than the
     * sync timeout or the next one is scheduled and not overdue.
     */
    public boolean healthy() {
        try {
            if (!quartz.isStarted() || quartz.isShutdown() || quartz.isInStandbyMode()) {
                return false;
            }
        } catch (SchedulerException e) {
            return false;
        }
        Instant now = clock.instant();
        synchronized (lock) {
            if (running) {
                return runningSince.plus(syncTimeout).isAfter(now);
            }
            return scheduled != null && nextRun.plus(START_SLACK).isAfter(now);
        }
    }

    /**
     * Stops: no sync starts any more, the running one finishes the steps of the containers it
     * works on and starts no other, and this method returns when it has ended.
     */
    public void stop() {
        synchronized (lock) {
            stopping = true;
            pending = null;
            unscheduleCurrent();
        }
        synchronizer.stopAfterCurrentContainers();
        try {
            quartz.shutdown(true);
        } catch (SchedulerException e) {
            LOG.error("cannot shut the Quartz scheduler down: {}", e.getMessage());
        }
    }

    /** Runs one sync, called by {@link SyncJob} on Quartz's thread. */
    void runSync(SyncTrigger trigger) {
        synchronized (lock) {
            if (stopping || running) {
                return;
            }
            running = true;
            runningSince = clock.instant();
            pending = null;
            scheduled = null;
        }
        listeners.forEach(listener -> listener.syncStarted(trigger));
        SyncReport report = null;
        try {
            report = synchronizer.sync(trigger);
        } finally {
            synchronized (lock) {
                running = false;
                runningSince = null;
                if (!stopping) {
                    Instant at = report != null ? report.nextRun() : clock.instant().plus(Duration.ofMinutes(1));
                    if (pending != null) {
                        schedule(clock.instant(), pending);
                        pending = null;
                    } else {
                        schedule(at, SyncTrigger.SCHEDULE);
                    }
                }
            }
        }
        for (SyncListener listener : listeners) {
            listener.syncFinished(report);
        }
    }

    /** Replaces the scheduled trigger by one at {@code at}; called with {@link #lock} held. */
    private void schedule(Instant at, SyncTrigger trigger) {
        unscheduleCurrent();
        TriggerKey key = TriggerKey.triggerKey("sync-" + triggers.incrementAndGet(), "nixunits");
        Trigger next = TriggerBuilder.newTrigger()
                .withIdentity(key)
                .forJob(JOB)
                .usingJobData(SyncJob.TRIGGER_KEY, trigger.name())
                .startAt(Date.from(at))
                .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
                .build();
        try {
            quartz.scheduleJob(next);
            scheduled = key;
            nextRun = at;
            LOG.debug("next sync ({}) at {}", trigger.label(), at);
        } catch (SchedulerException e) {
            // healthy() is then false, so watchdog messages stop and systemd restarts the daemon
            LOG.error("cannot schedule the next sync: {}", e.getMessage());
            scheduled = null;
        }
    }

    private void unscheduleCurrent() {
        if (scheduled == null) {
            return;
        }
        try {
            quartz.unscheduleJob(scheduled);
        } catch (SchedulerException e) {
            LOG.warn("cannot remove the scheduled sync {}: {}", scheduled, e.getMessage());
        }
        scheduled = null;
    }
}
