package io.nixunits.agent.daemon;

import static org.junit.jupiter.api.Assertions.fail;

import io.nixunits.agent.host.FakeHost;
import io.nixunits.agent.planning.PlanPipeline;
import io.nixunits.agent.planning.PlanSettings;
import io.nixunits.agent.runtime.RuntimeProbe;
import io.nixunits.agent.source.GitFixture;
import io.nixunits.agent.source.GitSource;
import io.nixunits.model.plan.PlanOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A daemon on a fake host (temporary state root, fake nix, systemctl, machinectl) following a
 * bare repository made with the git command. Syncs are recorded with the number running at once.
 */
final class DaemonFixture implements AutoCloseable, SyncListener {
    static final String CONFIG = "{ ... }: { config.system.stateVersion = \"25.11\"; }\n";

    final Path dir;
    final FakeHost host;
    final GitFixture repo;
    final List<SyncReport> reports = new CopyOnWriteArrayList<>();
    final List<SyncTrigger> triggers = new CopyOnWriteArrayList<>();
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger maxRunning = new AtomicInteger();
    SyncSchedule schedule = new SyncSchedule(Duration.ofMillis(200), null, Duration.ZERO, Duration.ofMinutes(10),
            Duration.ofMillis(300), Duration.ofSeconds(2), Duration.ofHours(1));
    boolean selfHeal = true;
    String repository;
    InetSocketAddress listen;
    AgentConfig.WebhookSecrets webhooks = AgentConfig.WebhookSecrets.NONE;
    AgentDaemon daemon;

    DaemonFixture(Path dir) throws IOException, InterruptedException {
        this.dir = dir;
        this.host = new FakeHost(dir.resolve("host"));
        this.repo = new GitFixture(dir.resolve("git"));
        this.repository = repo.bare.toString();
    }

    /** Commits a declaration of {@code id} with {@code properties} and pushes it; returns the commit. */
    String declare(String id, String properties) throws IOException, InterruptedException {
        repo.write("hosts/h1/" + id + "/config.nix", CONFIG).write("hosts/h1/" + id + "/properties.json", properties);
        return repo.commitAndPush("declare " + id);
    }

    AgentDaemon start() throws Exception {
        PlanSettings settings = new PlanSettings(repository, "main", "hosts/h1", null, "modules", host.state(),
                dir.resolve("cache"), new PlanOptions(FakeHost.SYSTEM, FakeHost.REVISION, false));
        GitSource source = new GitSource(repository, "main", dir.resolve("cache"));
        SyncSetup setup = new SyncSetup(settings, source,
                new PlanPipeline(new RuntimeProbe(host.runner()), Clock.systemUTC()), host.context(), 1, selfHeal,
                schedule);
        AgentConfig config = new AgentConfig(repository, "main", "hosts/h1", "modules", host.state(), schedule,
                selfHeal, io.nixunits.agent.source.GitCredentials.NONE, listen, webhooks);
        daemon = AgentDaemon.start(config, setup, new SystemdNotifier(host.runner(), Map.of()), List.of(this),
                Clock.systemUTC());
        return daemon;
    }

    /** Waits up to 20 s for a sync report that matches, and returns it. */
    SyncReport awaitReport(String description, Predicate<SyncReport> condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            for (SyncReport report : reports) {
                if (condition.test(report)) {
                    return report;
                }
            }
            Thread.sleep(20);
        }
        fail("no sync " + description + " within 20 s; syncs: " + summary());
        return null;
    }

    List<String> summary() {
        List<String> lines = new ArrayList<>();
        for (SyncReport report : reports) {
            lines.add(report.result().label() + " " + report.commit());
        }
        return lines;
    }

    @Override
    public void syncStarted(SyncTrigger trigger) {
        triggers.add(trigger);
        int now = running.incrementAndGet();
        maxRunning.accumulateAndGet(now, Math::max);
    }

    @Override
    public void syncFinished(SyncReport report) {
        running.decrementAndGet();
        reports.add(report);
    }

    @Override
    public void close() {
        if (daemon != null) {
            daemon.stop();
        }
    }
}
