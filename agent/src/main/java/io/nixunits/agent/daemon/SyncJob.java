package io.nixunits.agent.daemon;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/** The Quartz job of the sync; Quartz never runs two of them at the same time. */
@DisallowConcurrentExecution
final class SyncJob implements Job {
    static final String TRIGGER_KEY = "trigger";

    private final SyncScheduler scheduler;

    SyncJob(SyncScheduler scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    public void execute(JobExecutionContext context) {
        String trigger = context.getMergedJobDataMap().getString(TRIGGER_KEY);
        scheduler.runSync(trigger == null ? SyncTrigger.SCHEDULE : SyncTrigger.valueOf(trigger));
    }
}
