package io.nixunits.agent.command;

import io.nixunits.agent.cli.ExitCodes;
import io.nixunits.agent.host.ContainerUnits;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code nixunits stop}: stops a container's units; they stay enabled. */
@Command(name = "stop", mixinStandardHelpOptions = true,
        description = "Stop the container's service and network units. They stay enabled, so the container starts"
                + " again at boot; 'disable' prevents that.")
final class StopCommand implements Callable<Integer> {
    @ParentCommand
    NixUnitsMain main;

    @Mixin
    ContainerArgument container;

    @Override
    public Integer call() throws Exception {
        LocalHost host = main.host();
        host.require("systemctl");
        new ContainerUnits(host.context()).stop(container.id);
        main.environment().out().println(container.id + " stopped.");
        return ExitCodes.OK;
    }
}
