package io.nixunits.agent.command;

import io.nixunits.agent.cli.ExitCodes;
import io.nixunits.agent.host.ContainerUnits;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code nixunits enable}: makes a container start at boot. */
@Command(name = "enable", mixinStandardHelpOptions = true,
        description = "Link the container's service into multi-user.target and its network unit into its machine"
                + " scope, so it starts at boot, then reload systemd. Nothing is started now.")
final class EnableCommand implements Callable<Integer> {
    @ParentCommand
    NixUnitsMain main;

    @Mixin
    ContainerArgument container;

    @Override
    public Integer call() throws Exception {
        LocalHost host = main.host();
        host.require("systemctl");
        new ContainerUnits(host.context()).enable(container.id);
        main.environment().out().println(container.id + " enabled.");
        return ExitCodes.OK;
    }
}
