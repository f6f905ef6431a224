package io.nixunits.agent.hooks;

/** Finishes a started container: sysctl settings, the extra script, the host's resolv.conf. */
final class PostStartHook {
    private PostStartHook() {
    }

    static void run(HookRun run) throws HookException {
        CheckPrerequisitesStep.forPostStart(run);
        ApplySysctlStep.run(run);
        RunExtraScriptStep.run(run);
        CopyResolvConfStep.run(run);
    }
}
