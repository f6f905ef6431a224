package io.nixunits.agent.hooks;

import io.nixunits.agent.process.CommandResult;
import java.util.List;

/**
 * Open vSwitch ports that the hooks create. Each one is marked with the container's id in the
 * interface's {@code external_ids}, so that a later hook removes or replaces only the ports it
 * created, never a port that another container or the administrator made with the same name.
 */
final class OvsPorts {
    /** The external_ids key holding the id of the container a port was created for. */
    static final String OWNER_KEY = "nixunits-container";

    private OvsPorts() {
    }

    /** Returns the id of the container that port {@code port} was created for, or null when it is unmarked or absent. */
    static String owner(HookRun run, String port) throws HookException {
        CommandResult result = run.check("reading the owner of Open vSwitch port " + port,
                List.of("ovs-vsctl", "--if-exists", "get", "interface", port, "external_ids:" + OWNER_KEY));
        String owner = result.stdout().strip();
        if (owner.length() >= 2 && owner.startsWith("\"") && owner.endsWith("\"")) {
            owner = owner.substring(1, owner.length() - 1);
        }
        return owner.isEmpty() ? null : owner;
    }
}
