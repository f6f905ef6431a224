package io.nixunits.agent.hooks;

import io.nixunits.model.ContainerId;
import java.nio.file.Path;

/**
 * Runs one hook stage on one container: reads its unit.conf from the state root, then runs the
 * stage's steps in order. Each step logs what it does with the container id, and stops the
 * stage with a {@link HookException} naming the command and its output when a command fails.
 */
public final class Hooks {
    private Hooks() {
    }

    public static void run(HookStage stage, ContainerId id, HookSettings settings) throws HookException {
        Path file = settings.layout().files(id).unitConf();
        UnitConf conf = UnitConfReader.read(id, file);
        HookRun run = new HookRun(id, stage, conf, settings);

        long start = System.nanoTime();
        run.log("starting, unit.conf {}", file);
        switch (stage) {
            case PRE_START -> PreStartHook.run(run);
            case NETWORK -> NetworkHook.run(run);
            case POST_START -> PostStartHook.run(run);
            case STOP -> StopHook.run(run);
            default -> throw new IllegalStateException("no steps for stage " + stage);
        }
        run.log("done in {} ms", (System.nanoTime() - start) / 1_000_000);
    }
}
