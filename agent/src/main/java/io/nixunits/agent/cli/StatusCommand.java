package io.nixunits.agent.cli;

import io.nixunits.agent.daemon.AgentStatus;
import io.nixunits.agent.daemon.StatusJson;
import io.nixunits.agent.daemon.StatusStore;
import io.nixunits.agent.daemon.Suspension;
import io.nixunits.agent.daemon.SuspensionStore;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code nixunits-agent status}: what the daemon did last, read from the state root. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show the daemon's last attempted and last applied commits, the outcome per container,"
                + " fetch failures, the suspension and the next scheduled sync. Reads"
                + " STATE_DIR/agent/status.json, so it works while the daemon is stopped.")
final class StatusCommand implements Callable<Integer> {
    @ParentCommand
    AgentMain parent;

    @Mixin
    StateRootOptions stateRoot;

    @Option(names = "--json", description = "Print the status as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Path agentDir = stateRoot.agentDir();
        Optional<AgentStatus> stored = new StatusStore(agentDir).read();
        Suspension suspension = new SuspensionStore(agentDir).read().orElse(null);
        PrintStream out = parent.out();
        if (stored.isEmpty() && !json) {
            out.println("No status yet: the daemon has not finished a sync with the state root " + agentDir.getParent()
                    + ".");
            if (suspension != null) {
                out.println("Suspended since " + suspension.since() + ": " + suspension.reason());
            }
            return ExitCodes.OK;
        }
        // Before the first sync, --json prints an empty status, so a script parses one format.
        AgentStatus s = stored.orElseGet(() -> AgentStatus.empty(null));
        AgentStatus status = new AgentStatus(s.schemaVersion(), s.source(), s.lastAttempt(), s.lastApplied(),
                s.lastPlan(), s.fetch(), s.containers(), s.failedContainers(), s.failedSyncs(), s.nextRunAt(),
                suspension);
        if (json) {
            out.write(StatusJson.bytes(status));
        } else {
            print(out, status);
        }
        return ExitCodes.OK;
    }

    private static void print(PrintStream out, AgentStatus status) {
        AgentStatus.Source source = status.source();
        out.println("Repository:    " + source.repository() + " (ref " + source.ref() + ", path " + source.path() + ")");

        AgentStatus.Attempt attempt = status.lastAttempt();
        if (attempt != null) {
            out.println("Last attempt:  " + attempt.finishedAt() + ", commit " + shortCommit(attempt.commit()) + " ("
                    + attempt.trigger() + "): " + attempt.result()
                    + (attempt.error() == null ? "" : ": " + attempt.error()));
        }
        AgentStatus.Applied applied = status.lastApplied();
        out.println("Last applied:  " + (applied == null ? "nothing yet" : applied.finishedAt() + ", commit "
                + shortCommit(applied.commit()) + (applied.converged() ? ", every container converged"
                : ", some containers did not converge")));

        AgentStatus.FetchState fetch = status.fetch();
        if (fetch != null && fetch.failingSince() != null) {
            out.println("Fetch:         FAILING since " + fetch.failingSince() + " (" + fetch.failures() + " in a row): "
                    + fetch.error());
            out.println("               the host stays on the last applied commit; last successful fetch: "
                    + (fetch.lastSuccessAt() == null ? "never" : fetch.lastSuccessAt()));
        } else if (fetch != null && fetch.lastSuccessAt() != null) {
            out.println("Fetch:         ok, last at " + fetch.lastSuccessAt());
        }

        Suspension suspension = status.suspended();
        out.println("Suspended:     " + (suspension == null ? "no" : "yes, since " + suspension.since()
                + (suspension.user() == null ? "" : " by " + suspension.user()) + ": " + suspension.reason()));
        out.println("Next sync:     " + (status.nextRunAt() == null ? "not scheduled" : status.nextRunAt())
                + (status.failedSyncs() > 0 ? " (backoff after " + status.failedSyncs()
                        + (status.failedSyncs() == 1 ? " failed sync)" : " failed syncs)") : ""));

        if (status.lastPlan() != null && !status.lastPlan().pendingChanges().isEmpty()) {
            out.println("Not applied:   " + status.lastPlan().pendingChanges().size() + " change(s) planned at "
                    + status.lastPlan().at() + ": " + String.join(", ", status.lastPlan().pendingChanges()));
        }

        Map<String, Integer> counts = new TreeMap<>();
        status.containers().forEach(outcome -> counts.merge(outcome.result(), 1, Integer::sum));
        out.println("Containers:    " + (counts.isEmpty() ? "none" : counts.toString().replaceAll("[{}]", "")
                .replace("=", ": ")));
        for (AgentStatus.ContainerOutcome outcome : status.containers()) {
            if (!outcome.result().equals("converged") && !outcome.result().equals("unchanged")) {
                out.println("  " + outcome.name() + "  " + outcome.result() + " (" + outcome.action() + ")"
                        + (outcome.error() == null ? "" : ": " + outcome.error()));
            }
        }
    }

    private static String shortCommit(String commit) {
        return commit == null ? "none" : commit.substring(0, Math.min(12, commit.length()));
    }
}
