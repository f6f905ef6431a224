package io.nixunits.agent.hooks;

/** Prepares the host before systemd-nspawn starts: Open vSwitch ports, macvlan links, bind mount parents. */
final class PreStartHook {
    private PreStartHook() {
    }

    static void run(HookRun run) throws HookException {
        CheckPrerequisitesStep.forPreStart(run);
        CreateOvsPortsStep.run(run);
        CreateMacvlanLinksStep.run(run);
        PrepareBindTargetsStep.run(run);
    }
}
