package io.nixunits.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the daemon as its own JVM and stops it with SIGTERM, as systemd does. The repository is
 * missing, so every fetch fails and nothing is built; this covers the stop and its exit status,
 * not a sync cut short.
 */
class RunStopTest {
    @TempDir
    Path dir;

    @Test
    void sigtermStopsWithStatusZero() throws IOException, InterruptedException {
        Path log = dir.resolve("daemon.log");
        Files.writeString(dir.resolve("agent.json"), "{}");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                AgentMain.class.getName(), "run", "--config", dir.resolve("agent.json").toString(),
                "--repo", dir.resolve("missing.git").toUri().toString(), "--state-dir", dir.resolve("state").toString(),
                "--interval", "1h", "--jitter", "0"))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().remove("NOTIFY_SOCKET");
        Process daemon = builder.start();
        try {
            waitForLine(log, "following");

            daemon.destroy();

            assertTrue(daemon.waitFor(60, TimeUnit.SECONDS), "the daemon did not stop within 60 s");
            String output = Files.readString(log);
            assertEquals(0, daemon.exitValue(), output);
            assertTrue(output.contains("received SIGTERM"), output);
            assertTrue(output.contains("stopped"), output);
        } finally {
            daemon.destroyForcibly();
        }
    }

    private static void waitForLine(Path log, String text) throws IOException, InterruptedException {
        for (int i = 0; i < 300; i++) {
            if (Files.exists(log) && Files.readString(log).contains(text)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the daemon never logged '" + text + "':\n" + Files.readString(log));
    }
}
