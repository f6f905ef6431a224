package io.nixunits.agent.hooks;

import java.util.List;

/** Network interfaces of the host's own namespace, seen through {@code ip}. */
final class HostLinks {
    private HostLinks() {
    }

    /** Returns whether {@code name} is an interface of the host's namespace; {@code ip} exits non-zero when not. */
    static boolean exists(HookRun run, String name) throws HookException {
        return run.run("looking up interface " + name, List.of("ip", "link", "show", "dev", name)).succeeded();
    }
}
