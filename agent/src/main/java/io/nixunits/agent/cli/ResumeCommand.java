package io.nixunits.agent.cli;

import io.nixunits.agent.daemon.SuspensionStore;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code nixunits-agent resume}: ends a suspension. */
@Command(name = "resume", mixinStandardHelpOptions = true,
        description = "End a suspension: the daemon applies again from its next sync, including the changes"
                + " planned while it was suspended.")
final class ResumeCommand implements Callable<Integer> {
    @ParentCommand
    AgentMain parent;

    @Mixin
    StateRootOptions stateRoot;

    @Override
    public Integer call() throws Exception {
        boolean wasSuspended = new SuspensionStore(stateRoot.agentDir()).resume();
        parent.out().println(wasSuspended ? "Resumed: the agent applies again from its next sync."
                : "The agent was not suspended; nothing to do.");
        return ExitCodes.OK;
    }
}
