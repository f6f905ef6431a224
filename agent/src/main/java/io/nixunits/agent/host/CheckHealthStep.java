package io.nixunits.agent.host;

import io.nixunits.agent.process.CommandException;
import io.nixunits.model.ContainerId;
import java.time.Duration;

/**
 * Waits until a started container is healthy: its service is {@code active} and its machine is
 * registered and {@code running}. Fails with the last states seen when the time runs out.
 */
public final class CheckHealthStep {
    private final HostContext context;
    private final ContainerUnits units;

    public CheckHealthStep(HostContext context) {
        this.context = context;
        this.units = new ContainerUnits(context);
    }

    public void run(ContainerId id) throws HostOperationException, CommandException {
        Duration limit = context.timeouts().health();
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            String service = units.activeState(id);
            String machine = service.equals("active") ? units.machineState(id) : "not checked";
            if (service.equals("active") && machine.equals("running")) {
                return;
            }
            if (System.nanoTime() >= deadline) {
                throw new HostOperationException(id, null, "container " + id + " is not healthy after "
                        + limit.toSeconds() + " s: " + ContainerUnits.service(id.value()) + " is " + service
                        + ", machine state is " + machine + ". See 'journalctl -u "
                        + ContainerUnits.service(id.value()) + "'.", null);
            }
            try {
                Thread.sleep(context.timeouts().healthPoll().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new HostOperationException(id, null, "interrupted while checking the health of container " + id,
                        e);
            }
        }
    }
}
