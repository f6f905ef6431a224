package io.nixunits.agent.command;

import io.nixunits.model.ContainerId;
import picocli.CommandLine.Parameters;

/** The container id that most verbs take as their first argument. */
final class ContainerArgument {
    @Parameters(index = "0", paramLabel = "ID", converter = ContainerIdConverter.class,
            description = "Container id, which is also its machine name.")
    ContainerId id;
}
