package io.nixunits.agent.cli;

import io.nixunits.agent.daemon.Suspension;
import io.nixunits.agent.daemon.SuspensionStore;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code nixunits-agent suspend}: the daemon keeps fetching and planning, and applies nothing. */
@Command(name = "suspend", mixinStandardHelpOptions = true,
        description = {"Suspend the daemon: it keeps fetching and planning, and reports what it would change, but"
                + " applies nothing until 'nixunits-agent resume'. A sync already running finishes.",
            "Written to STATE_DIR/agent/suspended.json; the daemon reads it at each sync."})
final class SuspendCommand implements Callable<Integer> {
    @ParentCommand
    AgentMain parent;

    @Mixin
    StateRootOptions stateRoot;

    @Option(names = "--reason", paramLabel = "TEXT", required = true,
            description = "Why, shown by 'nixunits-agent status', such as \"disk replacement, ticket 42\".")
    String reason;

    @Override
    public Integer call() throws Exception {
        SuspensionStore store = new SuspensionStore(stateRoot.agentDir());
        Optional<Suspension> previous = store.read();
        String user = System.getenv().getOrDefault("SUDO_USER", System.getProperty("user.name"));
        store.suspend(new Suspension(reason, Clock.systemUTC().instant().toString(), user));
        previous.ifPresent(old -> parent.out().println("Replacing the suspension of " + old.since() + ": "
                + old.reason()));
        parent.out().println("Suspended: the agent fetches and plans but applies nothing until"
                + " 'nixunits-agent resume'.");
        return ExitCodes.OK;
    }
}
