package io.nixunits.agent.host;

import io.nixunits.agent.process.ProcessRunner;
import io.nixunits.model.ContainerId;
import io.nixunits.model.host.StateLayout;
import java.nio.file.Path;

/**
 * What every host operation works with: the state root, the one process runner, where units are
 * enabled, how Nix is called, and the time limits.
 */
public record HostContext(
        StateLayout layout, ProcessRunner runner, UnitDirectory units, NixSettings nix, HostTimeouts timeouts) {

    /**
     * Takes the host-wide lock, which guards the base store, the GC roots and the uid map. A
     * missing state root is created first.
     */
    public PidLock lockHost() throws HostOperationException {
        FileTrees.createDirectories(null, layout.root());
        return PidLock.acquire(layout.hostLock(), "host lock", timeouts.lockWait());
    }

    /** Takes the lock of one container, creating its directory when needed. */
    public PidLock lockContainer(ContainerId id) throws HostOperationException {
        Path dir = ContainerDirectory.create(layout, id);
        return PidLock.acquire(dir.resolve(".lock"), "lock of container " + id, timeouts.lockWait());
    }
}
