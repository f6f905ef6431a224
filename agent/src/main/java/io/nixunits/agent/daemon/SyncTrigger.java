package io.nixunits.agent.daemon;

import java.util.Locale;

/** What started a sync. */
public enum SyncTrigger {
    /** The first sync after the daemon starts; it always plans, to find drift made while it was down. */
    STARTUP,
    /** The interval or cron schedule, or the backoff after a failure. */
    SCHEDULE,
    /** A verified webhook request, such as a push. */
    WEBHOOK;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
