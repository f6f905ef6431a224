package io.nixunits.agent.host;

import io.nixunits.agent.process.CommandException;
import io.nixunits.model.ContainerId;
import io.nixunits.model.host.StateLayout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes a container: stops and disables its units, clears their failed state, and removes
 * its configuration. Its data ({@code root/}) and its uid range are kept, unless {@code purge}
 * asks to remove the whole directory and free the range.
 */
public final class DeleteContainerStep {
    private static final Logger LOG = LoggerFactory.getLogger(DeleteContainerStep.class);

    private final HostContext context;

    public DeleteContainerStep(HostContext context) {
        this.context = context;
    }

    public void run(ContainerId id, boolean purge) throws HostOperationException {
        StateLayout.Container files = context.layout().files(id);
        ContainerDirectory.rejectIfDeclaredByNixos(context.layout(), id);
        ContainerUnits units = new ContainerUnits(context);

        // stop first: a container whose stop failed keeps its configuration
        try {
            units.stop(id);
            units.disable(id);
        } catch (CommandException e) {
            throw new HostOperationException(id, null, "cannot stop and disable container " + id + ", so its"
                    + " configuration is kept: " + e.getMessage(), e);
        }
        try {
            units.resetFailed(id);
        } catch (CommandException e) {
            LOG.warn("[{}] {}", id, e.getMessage());
        }

        // remove the configuration, and with purge the data
        try (PidLock containerLock = context.lockContainer(id)) {
            for (String name : SwitchedFiles.DESCRIPTION) {
                FileTrees.delete(id, files.dir().resolve(name));
            }
            FileTrees.delete(id, files.complete());
            FileTrees.delete(id, files.tmp());
            if (purge) {
                FileTrees.delete(id, files.root());
            }
        }
        if (purge) {
            FileTrees.delete(id, files.dir());
            new UidRanges(context).free(id);
            LOG.info("[{}] deleted with its data and uid range", id);
        } else {
            LOG.info("[{}] deleted; its data in {} and its uid range are kept", id, files.root());
        }
    }
}
