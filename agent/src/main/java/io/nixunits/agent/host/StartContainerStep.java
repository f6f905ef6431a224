package io.nixunits.agent.host;

import io.nixunits.agent.process.CommandException;
import io.nixunits.model.ContainerId;

/** Enables a container's units, starts or restarts it, and waits until it is healthy. */
public final class StartContainerStep {
    private final HostContext context;

    public StartContainerStep(HostContext context) {
        this.context = context;
    }

    /** @param restart restart a running container instead of only starting a stopped one */
    public void run(ContainerId id, boolean restart) throws HostOperationException, CommandException {
        ContainerUnits units = new ContainerUnits(context);
        units.enable(id);
        if (restart) {
            units.restart(id);
        } else {
            units.start(id);
        }
        new CheckHealthStep(context).run(id);
    }
}
