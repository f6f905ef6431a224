package io.nixunits.model.plan;

/** One operation of the executor, in the order it runs within a container. */
public enum Step {
    /** Record the container in the inventory as adopted. */
    ADOPT,
    /** Build config.nix into the shared base store. */
    BUILD_BASE,
    /** Build the container's overlay into tmp/root_futur. */
    BUILD_CONTAINER,
    /** Move the pending build into place, keeping the previous tree as tmp/root_old. */
    SWITCH,
    /** Enable and start the units. */
    START,
    /** Restart the container, which starts it when it is not running. */
    RESTART,
    /** Stop, disable and remove the configuration; the data is kept. */
    DELETE,
    /** Remove an inventory entry whose container directory is already gone. */
    FORGET
}
