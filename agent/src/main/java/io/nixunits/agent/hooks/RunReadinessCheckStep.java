package io.nixunits.agent.hooks;

import java.util.List;

/**
 * Runs the declaration's {@code preCheckNetReadyScript} ({@code CHECK_NET_READY}) on the host,
 * through {@code sh -c} with the container id as its last argument, as the shell tool did. The
 * network is declared ready only when it exits with status 0.
 */
final class RunReadinessCheckStep {
    private RunReadinessCheckStep() {
    }

    static void run(HookRun run) throws HookException {
        String script = run.conf().checkNetReady();
        if (script == null) {
            return;
        }
        run.log("running the network readiness check {}", script);
        run.check("the network readiness check (CHECK_NET_READY)",
                List.of("sh", "-c", script + " \"$1\"", "nixunits-check-net-ready", run.id().value()));
    }
}
