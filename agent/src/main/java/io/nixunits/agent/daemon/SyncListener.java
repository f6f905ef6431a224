package io.nixunits.agent.daemon;

/** Receiver of the start and end of each sync, such as the metrics; called on the sync's thread. */
public interface SyncListener {
    void syncStarted(SyncTrigger trigger);

    void syncFinished(SyncReport report);
}
