package io.nixunits.model.plan;

/** The change convergence makes to one container, as a whole; its steps are the operations. */
public enum Action {
    /** Nothing usable on the host: build base and container, switch, start. */
    CREATE("+", "create"),
    /** config.nix, the shared modules or nixpkgs changed: base build, container build, switch. */
    REBUILD_BASE_AND_CONTAINER("~", "rebuild base and container"),
    /** Only properties.json changed: container (overlay) build and switch. */
    REBUILD_CONTAINER("~", "rebuild container"),
    /** A finished build that matches the declaration waits in tmp/root_futur: switch it in. */
    SWITCH("~", "switch pending build"),
    /** Up to date but not running: start it. */
    START(">", "start"),
    /** Up to date and already on the host, not yet owned by the agent: record it in the inventory. */
    ADOPT("=", "adopt"),
    /** Owned by the agent and no longer declared: stop, disable and remove its configuration. */
    DELETE("-", "delete"),
    /** Up to date: nothing to do. */
    UNCHANGED(" ", "unchanged"),
    /** Not the agent's: neither declared nor in the inventory, or declared by NixOS. Left alone. */
    UNMANAGED(" ", "unmanaged"),
    /** The declaration was rejected; an existing container is left exactly as it is. */
    INVALID("!", "invalid"),
    /** A deletion that was held back because the whole declaration set is empty. */
    DELETE_HELD("!", "deletion held");

    private final String symbol;
    private final String label;

    Action(String symbol, String label) {
        this.symbol = symbol;
        this.label = label;
    }

    /** Returns the one-character mark shown before the container in a human plan. */
    public String symbol() {
        return symbol;
    }

    public String label() {
        return label;
    }

    /** Returns whether this action changes the host. */
    public boolean changesHost() {
        return switch (this) {
            case CREATE, REBUILD_BASE_AND_CONTAINER, REBUILD_CONTAINER, SWITCH, START, ADOPT, DELETE -> true;
            case UNCHANGED, UNMANAGED, INVALID, DELETE_HELD -> false;
        };
    }
}
