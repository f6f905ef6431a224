package io.nixunits.agent.host;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nixunits.model.ContainerId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs real processes that stand for a killed agent's build, and one that does not. */
class LeftoverBuildsTest {
    @TempDir
    Path dir;

    @Test
    void stopsProcessesNamingTheMount() throws Exception {
        Path merged = Files.createDirectories(dir.resolve("containers/web2/tmp/merged"));
        Path other = Files.createDirectories(dir.resolve("containers/web3/tmp/merged"));
        // "sh -c CMD NAME ARG": the mount point is an argument, as in nix build --store <merged>
        Process build = new ProcessBuilder("sh", "-c", "sleep 60 & wait", "nix-build", "--store", merged.toString())
                .start();
        Process unrelated = new ProcessBuilder("sh", "-c", "sleep 60 & wait", "nix-build", "--store",
                other.toString()).start();
        try {
            Thread.sleep(200);

            LeftoverBuilds.stop(new ContainerId("web2"), merged, Duration.ofSeconds(5));

            assertTrue(build.waitFor(5, TimeUnit.SECONDS), "the leftover build was stopped");
            assertTrue(unrelated.isAlive(), "another container's build keeps running");
        } finally {
            build.descendants().forEach(ProcessHandle::destroyForcibly);
            build.destroyForcibly();
            unrelated.descendants().forEach(ProcessHandle::destroyForcibly);
            unrelated.destroyForcibly();
        }
    }

    @Test
    void killsWhatIgnoresSigterm() throws Exception {
        Path merged = Files.createDirectories(dir.resolve("containers/web2/tmp/merged"));
        Process stubborn = new ProcessBuilder("sh", "-c", "trap '' TERM; while :; do sleep 0.1; done", "nix-build",
                "--store", merged.toString()).start();
        try {
            Thread.sleep(200);

            LeftoverBuilds.stop(new ContainerId("web2"), merged, Duration.ofMillis(500));

            assertTrue(stubborn.waitFor(5, TimeUnit.SECONDS), "a build that ignores SIGTERM is killed");
        } finally {
            stubborn.destroyForcibly();
        }
    }
}
