package io.nixunits.agent.daemon;

import java.util.Set;

/**
 * Asks for a full garbage collection after each sync that planned, so that the heap the
 * planning used is given back to the system while the daemon waits. With the serial collector
 * and {@code -XX:-ShrinkHeapInSteps} (the launcher's options for {@code run}), one collection
 * shrinks the heap to the live objects plus {@code MaxHeapFreeRatio}.
 *
 * <p>A sync that only fetched allocates little, so it is left to the ordinary collections.
 */
final class HeapRelease implements SyncListener {
    private static final Set<SyncResult> ONLY_FETCHED = Set.of(SyncResult.NO_CHANGE, SyncResult.FETCH_FAILED);

    @Override
    public void syncStarted(SyncTrigger trigger) {
    }

    @Override
    public void syncFinished(SyncReport report) {
        if (report != null && !ONLY_FETCHED.contains(report.result())) {
            System.gc();
        }
    }
}
