package io.nixunits.agent.command;

import io.nixunits.agent.cli.ExitCodes;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code nixunits restart} (or {@code reboot}): restarts a container, unless a shell is open in it. */
@Command(name = "restart", aliases = "reboot", mixinStandardHelpOptions = true,
        description = {"Restart the container and wait until it runs again; a stopped container is started.",
            "Rejected while a shell opened by 'nixunits shell' is open in it: the shell would be left in the"
                    + " namespaces of the stopped container."})
final class RestartCommand implements Callable<Integer> {
    @ParentCommand
    NixUnitsMain main;

    @Mixin
    ContainerArgument container;

    @Option(names = {"-s", "--switch"},
            description = "Stop the container, switch in the finished build waiting in tmp/root_futur, and start it;"
                    + " when the new build does not come up, the previous one is put back.")
    boolean switchBuild;

    @Override
    public Integer call() throws Exception {
        LocalHost host = main.host();
        host.require("systemctl", "machinectl");
        new ContainerActivation(host, host.context(), main.environment().out()).restart(container.id, switchBuild);
        return ExitCodes.OK;
    }
}
