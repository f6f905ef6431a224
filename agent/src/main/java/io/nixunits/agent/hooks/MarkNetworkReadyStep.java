package io.nixunits.agent.hooks;

/**
 * Creates {@code /run/net-ready} inside the container, which its {@code wait-net-ready} unit
 * waits for before the container's network targets are reached.
 */
final class MarkNetworkReadyStep {
    static final String MARKER = "/run/net-ready";

    private MarkNetworkReadyStep() {
    }

    static void run(HookRun run) throws HookException {
        run.log("network configured, creating {} inside the container", MARKER);
        run.check("creating " + MARKER + " inside the container",
                run.inContainer(run.conf().systemPath() + "/sw/bin/touch", MARKER));
    }
}
