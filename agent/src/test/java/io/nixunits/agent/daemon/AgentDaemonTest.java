package io.nixunits.agent.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nixunits.model.ContainerId;
import io.nixunits.model.inventory.InventoryStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the daemon with a real Quartz scheduler at 200 ms intervals against a bare repository
 * and a fake host. Not covered: real Nix builds and systemd units (the fakes stand in), the
 * systemd notifications (no NOTIFY_SOCKET here) and SIGTERM itself (stop() is what the hook calls).
 */
class AgentDaemonTest {
    @TempDir
    Path dir;

    private DaemonFixture fixture;

    @BeforeEach
    void setUp() throws Exception {
        fixture = new DaemonFixture(dir);
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    private AgentStatus status() throws Exception {
        return new StatusStore(fixture.host.layout().agentDir()).read().orElseThrow();
    }

    @Test
    void commitsAppliedInOrder() throws Exception {
        String first = fixture.declare("web2", "{\"address\": \"10.0.0.2\"}");
        fixture.start();
        fixture.awaitReport("applying the first commit", r -> first.equals(r.commit())
                && r.result() == SyncResult.CONVERGED);
        assertTrue(fixture.host.isRunning("web2"));

        String second = fixture.declare("router1", "{\"address\": \"10.0.0.1\"}");
        fixture.awaitReport("applying the second commit", r -> second.equals(r.commit())
                && r.result() == SyncResult.CONVERGED);

        assertTrue(fixture.host.isRunning("router1"));
        List<String> appliedCommits = fixture.reports.stream()
                .filter(r -> r.result() == SyncResult.CONVERGED)
                .map(SyncReport::commit)
                .distinct()
                .toList();
        assertEquals(List.of(first, second), appliedCommits);
        AgentStatus status = status();
        assertEquals(second, status.lastApplied().commit());
        assertTrue(status.lastApplied().converged());
        assertEquals(1, fixture.maxRunning.get());
        assertNotNull(status.nextRunAt());
        // later syncs of the same commit plan nothing
        fixture.awaitReport("no change", r -> second.equals(r.commit()) && r.result() == SyncResult.NO_CHANGE);
    }

    @Test
    void tickDuringSyncMergedIntoOne() throws Exception {
        slowNix();
        fixture.schedule = new SyncSchedule(Duration.ofHours(1), null, Duration.ZERO, Duration.ofHours(1),
                Duration.ofMillis(300), Duration.ofSeconds(2), Duration.ofHours(1));
        String commit = fixture.declare("web2", "{}");
        fixture.start();
        while (fixture.running.get() == 0) {
            Thread.sleep(10);
        }

        for (int i = 0; i < 5; i++) {
            fixture.daemon.scheduler().requestNow(SyncTrigger.WEBHOOK);
        }
        fixture.awaitReport("merged after the running one", r -> fixture.reports.size() >= 2);
        Thread.sleep(1000);

        assertEquals(1, fixture.maxRunning.get());
        assertEquals(List.of(SyncTrigger.STARTUP, SyncTrigger.WEBHOOK), fixture.triggers);
        assertEquals(SyncResult.CONVERGED, fixture.reports.get(0).result());
        assertEquals(commit, fixture.reports.get(1).commit());
        assertEquals(SyncResult.NO_CHANGE, fixture.reports.get(1).result());
    }

    @Test
    void fetchFailureBacksOffAndKeepsHost() throws Exception {
        String first = fixture.declare("web2", "{}");
        fixture.start();
        fixture.awaitReport("applying the commit", r -> first.equals(r.commit()) && r.result() == SyncResult.CONVERGED);
        Path moved = dir.resolve("moved.git");
        Files.move(fixture.repo.bare, moved);

        SyncReport third = fixture.awaitReport("failing three times", r -> r.status().failedSyncs() >= 3);

        // nothing deleted: the container runs, its directory and its inventory entry remain
        assertTrue(fixture.host.isRunning("web2"));
        assertTrue(Files.isDirectory(fixture.host.layout().container(new ContainerId("web2"))));
        assertTrue(new InventoryStore(fixture.host.layout().inventory()).read().get(new ContainerId("web2"))
                .isPresent());
        assertEquals(SyncResult.FETCH_FAILED, third.result());
        assertEquals(first, third.status().lastApplied().commit());
        assertNotNull(third.status().fetch().failingSince());
        // backoff: 300 ms, 600 ms, then 1200 ms after the third failure
        Instant finished = Instant.parse(third.status().lastAttempt().finishedAt());
        assertEquals(fixture.schedule.backoff(3), Duration.between(finished, third.nextRun()));
        assertEquals(Duration.ofMillis(1200), fixture.schedule.backoff(3));
        assertEquals(Duration.ofSeconds(2), fixture.schedule.backoff(10));

        // the remote comes back with a new commit: applied, and the backoff is reset
        Files.move(moved, fixture.repo.bare);
        String second = fixture.declare("router1", "{}");
        SyncReport applied = fixture.awaitReport("applying after the outage",
                r -> second.equals(r.commit()) && r.result() == SyncResult.CONVERGED);
        assertEquals(0, applied.status().failedSyncs());
        assertNull(applied.status().fetch().failingSince());
        assertTrue(fixture.host.isRunning("router1"));
    }

    @Test
    void failedContainerNotRetriedForSameCommit() throws Exception {
        fixture.schedule = new SyncSchedule(Duration.ofMillis(200), null, Duration.ZERO, Duration.ofMillis(200),
                Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofHours(1));
        fixture.host.control("fail nix build*id = \"web2\"*");
        String commit = fixture.declare("web2", "{}");
        fixture.start();
        fixture.awaitReport("failing web2", r -> r.result() == SyncResult.PARTIAL);
        SyncReport skipped = fixture.awaitReport("skipping web2 on a drift check", r -> r.status().containers()
                .stream().anyMatch(c -> c.name().equals("web2") && c.result().equals("skipped")));

        AgentStatus.FailedContainer failure = skipped.status().failedContainers().get("web2");
        assertEquals(commit, failure.commit());
        long builds = fixture.host.commands().stream().filter(c -> c.startsWith("nix build") && c.contains(
                "id = \"web2\"")).count();
        assertEquals(1, builds, fixture.host.commands().toString());
        String reason = skipped.status().containers().get(0).error();
        assertTrue(reason.contains("tried again when the commit changes"), reason);
    }

    @Test
    void suspendAppliesNothingUntilResume() throws Exception {
        SuspensionStore suspensions = new SuspensionStore(fixture.host.layout().agentDir());
        suspensions.suspend(new Suspension("disk replacement", Instant.now().toString(), "test"));
        String commit = fixture.declare("web2", "{}");
        fixture.start();

        SyncReport suspended = fixture.awaitReport("suspended", r -> r.result() == SyncResult.SUSPENDED);
        Thread.sleep(500);
        assertFalse(fixture.host.isRunning("web2"));
        assertTrue(fixture.host.commands().stream().noneMatch(c -> c.startsWith("nix build")));
        assertEquals("disk replacement", suspended.status().suspended().reason());
        assertEquals(List.of("web2: create"), suspended.status().lastPlan().pendingChanges());
        assertEquals(commit, suspended.commit());

        assertTrue(suspensions.resume());
        fixture.awaitReport("applied after resume", r -> r.result() == SyncResult.CONVERGED);
        assertTrue(fixture.host.isRunning("web2"));
    }

    @Test
    void driftCorrectedWithSelfHeal() throws Exception {
        fixture.schedule = new SyncSchedule(Duration.ofMillis(200), null, Duration.ZERO, Duration.ofMillis(400),
                Duration.ofMillis(300), Duration.ofSeconds(2), Duration.ofHours(1));
        fixture.declare("web2", "{}");
        fixture.start();
        fixture.awaitReport("first apply", r -> r.result() == SyncResult.CONVERGED);
        int before = fixture.reports.size();

        Files.delete(fixture.host.bin().resolve("running/web2"));

        fixture.awaitReport("drift correction", r -> fixture.reports.indexOf(r) >= before
                && r.result() == SyncResult.CONVERGED && r.status().containers().stream()
                .anyMatch(c -> c.name().equals("web2") && c.action().equals("start")));
        assertTrue(fixture.host.isRunning("web2"));
    }

    @Test
    void driftOnlyReportedWithoutSelfHeal() throws Exception {
        fixture.schedule = new SyncSchedule(Duration.ofMillis(200), null, Duration.ZERO, Duration.ofMillis(400),
                Duration.ofMillis(300), Duration.ofSeconds(2), Duration.ofHours(1));
        fixture.selfHeal = false;
        fixture.declare("web2", "{}");
        fixture.start();
        fixture.awaitReport("first apply", r -> r.result() == SyncResult.CONVERGED);

        Files.delete(fixture.host.bin().resolve("running/web2"));

        SyncReport drift = fixture.awaitReport("drift report", r -> r.result() == SyncResult.DRIFT_REPORTED);
        assertEquals(List.of("web2: start"), drift.status().lastPlan().pendingChanges());
        Thread.sleep(500);
        assertFalse(fixture.host.isRunning("web2"));
    }

    @Test
    void stopWaitsForRunningSync() throws Exception {
        slowNix();
        fixture.declare("web2", "{}");
        fixture.start();
        while (fixture.running.get() == 0) {
            Thread.sleep(10);
        }

        fixture.daemon.stop();

        assertEquals(0, fixture.running.get());
        assertEquals(1, fixture.reports.size());
        assertNull(fixture.daemon.scheduler().nextRun());
    }

    /** Makes every nix call take 0.8 s, so a sync lasts long enough to send requests during it. */
    private void slowNix() throws Exception {
        Path bin = fixture.host.bin();
        Files.move(bin.resolve("nix"), bin.resolve("nix-fast"));
        Files.writeString(bin.resolve("nix"), "#!/bin/sh\nsleep 0.8\nexec \"$(dirname \"$0\")/nix-fast\" \"$@\"\n");
        Files.setPosixFilePermissions(bin.resolve("nix"), PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
