package io.nixunits.agent.command;

import io.nixunits.agent.AgentException;
import io.nixunits.agent.host.ContainerUnits;
import io.nixunits.agent.host.HostContext;
import io.nixunits.agent.host.RollBackSwitchStep;
import io.nixunits.agent.host.StartContainerStep;
import io.nixunits.agent.host.SwitchBuildStep;
import io.nixunits.model.ContainerId;
import io.nixunits.model.host.ContainerState;
import java.io.PrintStream;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts or restarts a container by hand, and with {@code switchBuild} first puts its finished
 * pending build in place. A running container is never switched under itself: start leaves the
 * new build waiting, restart stops the container first. When a switched-in build does not come
 * up and a previous one was kept, the previous one is put back and started.
 */
final class ContainerActivation {
    private static final Logger LOG = LoggerFactory.getLogger(ContainerActivation.class);

    private final LocalHost host;
    private final HostContext context;
    private final PrintStream out;

    ContainerActivation(LocalHost host, HostContext context, PrintStream out) {
        this.host = host;
        this.context = context;
        this.out = out;
    }

    void start(ContainerId id, boolean switchBuild) throws AgentException {
        ContainerState state = host.read(id);
        boolean switching = switchBuild && pendingReady(state);
        requireBuild(state, switching);

        // a running container keeps its build
        if (host.machines().runs(id.value())) {
            if (switching) {
                LOG.info("[{}] running, so its new build is not switched in; 'nixunits restart -s {}' does it", id, id);
            }
            LOG.info("[{}] start skipped: already running", id);
            out.println(id + " is already running.");
            return;
        }

        if (switching) {
            switchAndStart(id);
        } else {
            new StartContainerStep(context).run(id, false);
        }
        out.println(id + " started.");
    }

    void restart(ContainerId id, boolean switchBuild) throws AgentException {
        ContainerState state = host.read(id);
        boolean switching = switchBuild && pendingReady(state);
        requireBuild(state, switching);
        refuseWhileShellOpen(id);

        if (switching) {
            new ContainerUnits(context).stop(id);
            switchAndStart(id);
        } else {
            new StartContainerStep(context).run(id, true);
        }
        out.println(id + " restarted.");
    }

    /** Fails when a shell opened by 'nixunits shell' runs in the container's namespaces. */
    void refuseWhileShellOpen(ContainerId id) throws AgentException {
        if (!host.machines().runs(id.value())) {
            return;
        }
        long leader = Machines.leader(host.runner(), id);
        List<Long> shells = ShellSessions.enteredInto(leader);
        if (!shells.isEmpty()) {
            LOG.warn("[{}] restart rejected: a shell is open in the container (nsenter process {})", id, shells);
            throw new AgentException("container " + id + " has a shell open (nsenter process " + shells + "), so it"
                    + " is not restarted. Leave the shell first.");
        }
    }

    private void switchAndStart(ContainerId id) throws AgentException {
        boolean hadPrevious = new SwitchBuildStep(context).run(id);
        try {
            new StartContainerStep(context).run(id, false);
        } catch (AgentException failure) {
            if (!hadPrevious) {
                throw failure;
            }
            rollBack(id, failure);
        }
    }

    private void rollBack(ContainerId id, AgentException failure) throws AgentException {
        LOG.warn("[{}] the new build did not start: {}. Rolling back to the previous build.", id, failure.getMessage());
        try {
            new ContainerUnits(context).stop(id);
            new RollBackSwitchStep(context).run(id);
            new StartContainerStep(context).run(id, false);
        } catch (AgentException rollbackFailure) {
            throw new AgentException("the new build of container " + id + " did not start (" + failure.getMessage()
                    + "), and the rollback to the previous build failed too: " + rollbackFailure.getMessage(),
                    rollbackFailure);
        }
        throw new AgentException("the new build of container " + id + " did not start (" + failure.getMessage()
                + "); the previous build was put back and runs again. The failed build is in "
                + context.layout().files(id).tmp().resolve("root_failed") + ".", failure);
    }

    private static boolean pendingReady(ContainerState state) {
        return state.pending() != null && state.pending().complete();
    }

    private static void requireBuild(ContainerState state, boolean switching) throws AgentException {
        if (state.complete() || switching) {
            return;
        }
        ContainerId id = state.id();
        if (pendingReady(state)) {
            throw new AgentException("container " + id + " is built but its build is not switched in. Give -s to"
                    + " switch it in: 'nixunits start -s " + id + "'.");
        }
        throw new AgentException("container " + id + " has no build. Build it first: 'nixunits build -n CONFIG.nix -j"
                + " PROPERTIES.json -i " + id + " -s'.");
    }
}
