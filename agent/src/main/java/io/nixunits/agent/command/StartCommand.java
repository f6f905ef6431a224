package io.nixunits.agent.command;

import io.nixunits.agent.cli.ExitCodes;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code nixunits start}: enables a container's units, starts it and waits until it runs. */
@Command(name = "start", mixinStandardHelpOptions = true,
        description = "Enable the container's units, start it, and wait until its service is active and its machine"
                + " running. A running container is left as it is.")
final class StartCommand implements Callable<Integer> {
    @ParentCommand
    NixUnitsMain main;

    @Mixin
    ContainerArgument container;

    @Option(names = {"-s", "--switch"},
            description = "First switch in the finished build waiting in tmp/root_futur, unless the container runs"
                    + " (then 'restart -s' does it).")
    boolean switchBuild;

    @Override
    public Integer call() throws Exception {
        LocalHost host = main.host();
        host.require("systemctl", "machinectl");
        new ContainerActivation(host, host.context(), main.environment().out()).start(container.id, switchBuild);
        return ExitCodes.OK;
    }
}
