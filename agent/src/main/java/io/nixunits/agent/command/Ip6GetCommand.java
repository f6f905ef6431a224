package io.nixunits.agent.command;

import io.nixunits.agent.cli.ExitCodes;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code nixunits ip6_get}: prints the IPv6 address derived from a container id. */
@Command(name = "ip6_get", mixinStandardHelpOptions = true,
        description = "Print the IPv6 address derived from the container id, as the shell version of NixUnits"
                + " computed it: fc00::, then the CRC-32 of the id in hex split after four digits, then :2. The id need not exist on this host.")
final class Ip6GetCommand implements Callable<Integer> {
    @ParentCommand
    NixUnitsMain main;

    @Mixin
    ContainerArgument container;

    @Option(names = "--host", description = "Print the host side's address, which ends in :1, instead.")
    boolean hostSide;

    @Override
    public Integer call() {
        String address = hostSide ? Ip6Address.host(container.id) : Ip6Address.container(container.id);
        main.environment().out().println(address);
        return ExitCodes.OK;
    }
}
