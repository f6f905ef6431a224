package io.nixunits.agent.hooks;

/**
 * Runs the declaration's {@code extra} script ({@code EXTRA_FILE}) with the built system's
 * shell, in all the container's namespaces: it runs as the container's root, not the host's.
 */
final class RunExtraScriptStep {
    private RunExtraScriptStep() {
    }

    static void run(HookRun run) throws HookException {
        String extraFile = run.conf().extraFile();
        if (extraFile == null) {
            return;
        }
        run.log("running the extra script {} inside the container", extraFile);
        run.check("the extra script " + extraFile, run.inContainerShell(extraFile));
    }
}
