package io.nixunits.agent.hooks;

/**
 * Configures the running container's network, then marks it ready: firewall first, so that no
 * packet passes before the rules, then addresses, routes and the readiness check.
 */
final class NetworkHook {
    private NetworkHook() {
    }

    static void run(HookRun run) throws HookException {
        CheckPrerequisitesStep.forNetwork(run);
        LoadNftRulesetStep.run(run);
        ConfigureInterfacesStep.run(run);
        AddDefaultRoutesStep.run(run);
        RunReadinessCheckStep.run(run);
        MarkNetworkReadyStep.run(run);
    }
}
