package io.nixunits.agent.command;

import io.nixunits.agent.cli.ExitCodes;
import io.nixunits.agent.host.ContainerUnits;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code nixunits disable}: stops a container from starting at boot. */
@Command(name = "disable", mixinStandardHelpOptions = true,
        description = "Remove the links that 'enable' made and reload systemd. A running container keeps running.")
final class DisableCommand implements Callable<Integer> {
    @ParentCommand
    NixUnitsMain main;

    @Mixin
    ContainerArgument container;

    @Override
    public Integer call() throws Exception {
        LocalHost host = main.host();
        host.require("systemctl");
        new ContainerUnits(host.context()).disable(container.id);
        main.environment().out().println(container.id + " disabled.");
        return ExitCodes.OK;
    }
}
