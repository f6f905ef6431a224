package io.nixunits.agent.daemon;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.TimeZone;
import java.util.random.RandomGenerator;
import org.quartz.CronExpression;

/**
 * When syncs run: every {@code interval}, or at the times of a Quartz cron expression, each run
 * delayed by a random part of {@code jitter} so that a fleet of hosts does not fetch at once.
 * After a failed sync the next one waits for the backoff instead; a new commit resets it.
 *
 * @param interval the time between two syncs, when there is no cron expression
 * @param cron a Quartz cron expression (seconds first, such as {@code 0 0/5 * * * ?}), or null
 * @param jitter the maximum random delay added to each scheduled run
 * @param driftInterval how often a full plan runs without a new commit, to find drift
 * @param backoffInitial the wait after the first failed sync, doubled after each further one
 * @param backoffMax the maximum wait after failed syncs
 * @param syncTimeout how long one sync may run before the watchdog stops, so that systemd
 *     restarts a daemon whose sync hangs
 */
public record SyncSchedule(
        Duration interval,
        String cron,
        Duration jitter,
        Duration driftInterval,
        Duration backoffInitial,
        Duration backoffMax,
        Duration syncTimeout) {

    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(60);
    public static final Duration DEFAULT_DRIFT_INTERVAL = Duration.ofMinutes(10);
    public static final Duration DEFAULT_BACKOFF_INITIAL = Duration.ofSeconds(30);
    public static final Duration DEFAULT_BACKOFF_MAX = Duration.ofMinutes(15);
    /** Longer than the default build time limit of 60 minutes plus the health checks. */
    public static final Duration DEFAULT_SYNC_TIMEOUT = Duration.ofHours(3);
    /** The default jitter, as a share of the interval (or of the time between two cron runs). */
    public static final double DEFAULT_JITTER_SHARE = 0.10;

    /** Checks that {@code cron} is a valid Quartz expression; {@code origin} names where it was set. */
    public static CronExpression parseCron(String cron, String origin) throws ConfigException {
        try {
            CronExpression expression = new CronExpression(cron);
            expression.setTimeZone(TimeZone.getDefault());
            return expression;
        } catch (ParseException e) {
            String hint = cron.strip().split("\\s+").length == 5
                    ? " It has 5 fields: Quartz expressions start with seconds, such as '0 0/5 * * * ?' for every"
                    + " 5 minutes."
                    : " Write a Quartz expression, such as '0 0/5 * * * ?' for every 5 minutes.";
            throw new ConfigException("invalid cron expression '" + cron + "' (" + origin + "): " + e.getMessage()
                    + "." + hint, e);
        }
    }

    /** Returns the time of the next scheduled sync after {@code now}, jitter included. */
    public Instant nextRun(Instant now, RandomGenerator random) {
        Instant base;
        if (cron == null) {
            base = now.plus(interval);
        } else {
            CronExpression expression = cronExpression();
            Date next = expression.getNextValidTimeAfter(Date.from(now));
            base = next == null ? now.plus(DEFAULT_INTERVAL) : next.toInstant();
        }
        long jitterMillis = jitter.toMillis();
        return jitterMillis <= 0 ? base : base.plusMillis(random.nextLong(jitterMillis + 1));
    }

    /** Returns the wait after {@code failures} failed syncs in a row (at least 1). */
    public Duration backoff(int failures) {
        Duration delay = backoffInitial;
        for (int i = 1; i < failures && delay.compareTo(backoffMax) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(backoffMax) > 0 ? backoffMax : delay;
    }

    /** Returns the default jitter for a cron expression: a tenth of the time between its next two runs. */
    static Duration defaultCronJitter(CronExpression expression, Instant now) {
        Date first = expression.getNextValidTimeAfter(Date.from(now));
        Date second = first == null ? null : expression.getNextValidTimeAfter(first);
        if (second == null) {
            return Duration.ZERO;
        }
        long gap = second.getTime() - first.getTime();
        return Duration.ofMillis((long) (gap * DEFAULT_JITTER_SHARE));
    }

    /** Describes the schedule for logs and status, such as {@code every 60s, jitter up to 6s}. */
    public String describe() {
        String when = cron == null ? "every " + DurationText.format(interval) : "cron '" + cron + "'";
        return when + ", jitter up to " + DurationText.format(jitter)
                + ", drift check every " + DurationText.format(driftInterval);
    }

    private CronExpression cronExpression() {
        try {
            return parseCron(cron, "schedule");
        } catch (ConfigException e) {
            // the loader parsed the same expression before this record was made
            throw new IllegalStateException(e);
        }
    }
}
