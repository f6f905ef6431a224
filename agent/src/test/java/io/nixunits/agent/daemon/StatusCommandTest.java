package io.nixunits.agent.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nixunits.agent.cli.AgentMain;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs status, suspend and resume as a user would, against a state root the test writes. */
class StatusCommandTest {
    @TempDir
    Path dir;

    private String run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = AgentMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertEquals(0, status, out.toString(StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void statusShowsStaleFetchAndSuspension() throws Exception {
        AgentStatus status = new AgentStatus(AgentStatus.SCHEMA_VERSION,
                new AgentStatus.Source("https://***@git.example.org/c.git", "main", "hosts/a"),
                new AgentStatus.Attempt(null, "schedule", "2026-12-04T12:00:00Z", "2026-12-04T12:00:01Z",
                        "fetch-failed", "cannot fetch https://***@git.example.org/c.git"),
                new AgentStatus.Applied("0123456789abcdef", "2026-12-04T11:00:00Z", false), null,
                new AgentStatus.FetchState("2026-12-04T11:00:00Z", "2026-12-04T11:30:00Z", "cannot fetch", 4),
                List.of(new AgentStatus.ContainerOutcome("web2", "rebuild", "failed", "nix build failed")), Map.of(),
                4, "2026-12-04T12:04:00Z", null);
        new StatusStore(dir.resolve("agent")).write(status);
        String stateDir = dir.toString();

        String suspended = run("suspend", "--state-dir", stateDir, "--reason", "disk swap");
        String text = run("status", "--state-dir", stateDir);
        String json = run("status", "--state-dir", stateDir, "--json");
        String resumed = run("resume", "--state-dir", stateDir);
        String again = run("resume", "--state-dir", stateDir);

        assertTrue(suspended.startsWith("Suspended"), suspended);
        assertTrue(text.contains("FAILING since 2026-12-04T11:30:00Z"), text);
        assertTrue(text.contains("commit 0123456789ab"), text);
        assertTrue(text.contains("Suspended:     yes"), text);
        assertTrue(text.contains("disk swap"), text);
        assertTrue(text.contains("backoff after 4 failed syncs"), text);
        assertTrue(text.contains("web2  failed (rebuild): nix build failed"), text);
        assertTrue(json.contains("\"reason\" : \"disk swap\""), json);
        assertTrue(resumed.startsWith("Resumed"), resumed);
        assertTrue(again.contains("not suspended"), again);
    }

    @Test
    void statusBeforeFirstSync() {
        String text = run("status", "--state-dir", dir.toString());

        assertTrue(text.startsWith("No status yet"), text);
    }

    @Test
    void statusJsonBeforeFirstSync() throws Exception {
        String text = run("status", "--state-dir", dir.toString(), "--json");

        com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
        assertEquals(AgentStatus.SCHEMA_VERSION, json.path("schemaVersion").asInt());
        assertTrue(json.path("containers").isArray(), text);
        assertTrue(json.path("lastAttempt").isMissingNode(), text);
    }

    @Test
    void suspendRejectsMissingStateRoot() {
        String missing = dir.resolve("mistyped").toString();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = AgentMain.run(new String[] {"suspend", "--state-dir", missing, "--reason", "maintenance"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        String error = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, status, error);
        assertTrue(error.contains("state root " + missing + " does not exist"), error);
        assertTrue(error.contains("Check --state-dir"), error);
        assertTrue(java.nio.file.Files.notExists(Path.of(missing)), "suspend created " + missing);
    }
}
