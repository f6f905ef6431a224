package io.nixunits.agent.converge;

import io.nixunits.agent.AgentException;
import io.nixunits.agent.host.ContainerUnits;
import io.nixunits.agent.host.HostContext;
import io.nixunits.agent.host.RollBackSwitchStep;
import io.nixunits.agent.host.StartContainerStep;
import io.nixunits.agent.host.SwitchBuildStep;
import io.nixunits.model.ContainerId;
import io.nixunits.model.inventory.InventoryEntry;
import io.nixunits.model.plan.Step;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts one built container into service: stops it when it must restart, switches the new build
 * in, records it in the inventory, starts it and checks its health. When the new build fails
 * its start or health check and a previous build was kept, that one is switched back and started.
 */
final class ActivateContainer {
    private static final Logger LOG = LoggerFactory.getLogger(ActivateContainer.class);

    private final HostContext context;
    private final InventoryRecorder inventory;
    private final InventoryEntries entries;

    ActivateContainer(HostContext context, InventoryRecorder inventory, InventoryEntries entries) {
        this.context = context;
        this.inventory = inventory;
        this.entries = entries;
    }

    void run(ContainerRun run) throws AgentException {
        ContainerId id = run.id();
        boolean restart = run.has(Step.RESTART);
        boolean start = run.has(Step.START) || restart;

        // adoption: the container is the agent's from now on
        if (run.has(Step.ADOPT)) {
            run.step(Step.ADOPT, () -> inventory.put(entries.adopted(id)));
        }

        if (!run.has(Step.SWITCH)) {
            if (start) {
                run.step(restart ? Step.RESTART : Step.START, () -> new StartContainerStep(context).run(id, restart));
            }
            return;
        }

        // switch: a running container is stopped first, so its tree is not replaced under it
        Optional<InventoryEntry> previousEntry = inventory.get(id);
        boolean[] hadPrevious = new boolean[1];
        run.step(Step.SWITCH, () -> {
            if (restart) {
                new ContainerUnits(context).stop(id);
            }
            hadPrevious[0] = new SwitchBuildStep(context).run(id);
            inventory.put(entries.switched(id, previousEntry));
        });
        if (!start) {
            return;
        }

        // start and check; roll back when the new build does not come up
        try {
            run.step(restart ? Step.RESTART : Step.START, () -> new StartContainerStep(context).run(id, false));
        } catch (AgentException failure) {
            if (!hadPrevious[0]) {
                throw failure;
            }
            rollBack(run, previousEntry, failure);
        }
    }

    private void rollBack(ContainerRun run, Optional<InventoryEntry> previousEntry, AgentException failure) {
        ContainerId id = run.id();
        LOG.warn("[{}] the new build did not start: {}. Rolling back to the previous build.", id, failure.getMessage());
        try {
            run.step("rollback", () -> {
                new ContainerUnits(context).stop(id);
                new RollBackSwitchStep(context).run(id);
                if (previousEntry.isPresent()) {
                    inventory.put(previousEntry.get());
                }
                new StartContainerStep(context).run(id, false);
            });
        } catch (AgentException rollbackFailure) {
            run.finish(ContainerResult.Result.FAILED, "the new build failed to start (" + failure.getMessage()
                    + "), and the rollback to the previous build failed too: " + rollbackFailure.getMessage());
            return;
        }
        run.finish(ContainerResult.Result.ROLLED_BACK, "the new build failed to start (" + failure.getMessage()
                + "); rolled back to the previous build, which runs again");
    }
}
