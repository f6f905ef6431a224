package io.nixunits.agent.daemon;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The daemon's Prometheus metrics, updated after each sync and each webhook request. */
public final class AgentMetrics implements SyncListener {
    /** The container states counted by {@code nixunits_containers}, so that a state that empties shows 0. */
    private static final List<String> STATES = List.of("converged", "unchanged", "failed", "rolled-back", "rejected",
            "held", "interrupted", "skipped");

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter syncs = Counter.builder()
            .name("nixunits_syncs_total")
            .help("Syncs finished, by result")
            .labelNames("result")
            .register(registry);
    private final Histogram syncDuration = Histogram.builder()
            .name("nixunits_sync_duration_seconds")
            .help("Duration of a sync, by result")
            .unit(Unit.SECONDS)
            .labelNames("result")
            .classicOnly()
            .classicUpperBounds(0.1, 0.5, 1, 5, 15, 60, 300, 900, 3600)
            .register(registry);
    private final Gauge lastSuccess = Gauge.builder()
            .name("nixunits_last_success_timestamp_seconds")
            .help("Unix time of the last sync that did not fail")
            .register(registry);
    private final Gauge containers = Gauge.builder()
            .name("nixunits_containers")
            .help("Containers by the outcome of the last apply")
            .labelNames("state")
            .register(registry);
    private final Counter fetchFailures = Counter.builder()
            .name("nixunits_fetch_failures_total")
            .help("Fetches of the repository that failed")
            .register(registry);
    private final Gauge suspended = Gauge.builder()
            .name("nixunits_suspended")
            .help("1 while the agent is suspended and applies nothing, else 0")
            .register(registry);
    private final Counter webhooks = Counter.builder()
            .name("nixunits_webhook_requests_total")
            .help("Webhook requests, by endpoint and outcome")
            .labelNames("endpoint", "outcome")
            .register(registry);

    public PrometheusRegistry registry() {
        return registry;
    }

    @Override
    public void syncStarted(SyncTrigger trigger) {
        // counted when it ends
    }

    @Override
    public void syncFinished(SyncReport report) {
        if (report == null) {
            return;
        }
        String result = report.result().label();
        syncs.labelValues(result).inc();
        syncDuration.labelValues(result).observe(report.duration().toNanos() / 1e9);
        if (report.result() == SyncResult.FETCH_FAILED) {
            fetchFailures.inc();
        }
        if (!report.result().backsOff()) {
            lastSuccess.set(System.currentTimeMillis() / 1000.0);
        }
        suspended.set(report.status().suspended() == null ? 0 : 1);
        Map<String, Integer> counts = new TreeMap<>();
        STATES.forEach(state -> counts.put(state, 0));
        report.status().containers().forEach(outcome -> counts.merge(outcome.result(), 1, Integer::sum));
        counts.forEach((state, count) -> containers.labelValues(state).set(count));
    }

    void webhook(String endpoint, String outcome) {
        webhooks.labelValues(endpoint, outcome).inc();
    }
}
