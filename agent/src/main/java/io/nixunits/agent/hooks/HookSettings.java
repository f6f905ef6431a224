package io.nixunits.agent.hooks;

import io.nixunits.agent.process.ProcessRunner;
import io.nixunits.model.host.StateLayout;
import java.nio.file.Path;

/**
 * The inputs of every hook.
 *
 * @param layout the state root, where containers/<id>/unit.conf and root/ are
 * @param runner the one process runner
 * @param timeouts the time limits
 * @param procRoot the proc file system, {@code /proc} on a real host
 * @param hostResolvConf the host's resolver configuration copied into containers, {@code /etc/resolv.conf}
 */
public record HookSettings(StateLayout layout, ProcessRunner runner, HookTimeouts timeouts, Path procRoot,
        Path hostResolvConf) {

    public static HookSettings forHost(StateLayout layout, ProcessRunner runner, HookTimeouts timeouts) {
        return new HookSettings(layout, runner, timeouts, Path.of("/proc"), Path.of("/etc/resolv.conf"));
    }
}
