package io.nixunits.agent.hooks;

/** The four moments of a container's life at which the units run a hook. */
public enum HookStage {
    /** {@code ExecStartPre=} of nixunits@.service: host-side links and directories. */
    PRE_START("pre-start"),
    /** nixunits-network@.service, once the machine scope is up: addresses, routes, firewall. */
    NETWORK("network"),
    /** {@code ExecStartPost=}: sysctl settings, the extra script, resolv.conf. */
    POST_START("post-start"),
    /** {@code ExecStop=}: power off, clean up. */
    STOP("stop");

    private final String argument;

    HookStage(String argument) {
        this.argument = argument;
    }

    /** Returns the word on the command line, such as {@code pre-start}. */
    public String argument() {
        return argument;
    }

    /** Returns the stage written as {@code argument}, or null when there is none. */
    public static HookStage fromArgument(String argument) {
        for (HookStage stage : values()) {
            if (stage.argument.equals(argument)) {
                return stage;
            }
        }
        return null;
    }
}
