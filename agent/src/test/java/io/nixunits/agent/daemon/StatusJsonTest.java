package io.nixunits.agent.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nixunits.agent.AgentException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatusJsonTest {
    @TempDir
    Path agentDir;

    private static AgentStatus fullStatus() {
        return new AgentStatus(AgentStatus.SCHEMA_VERSION,
                new AgentStatus.Source("https://git.example.org/ops/fleet.git", "main", "hosts/h1"),
                new AgentStatus.Attempt("c2", "webhook", "2026-12-04T10:00:00Z", "2026-12-04T10:00:05Z", "partial",
                        "web3: build failed"),
                new AgentStatus.Applied("c1", "2026-12-03T09:00:00Z", true),
                new AgentStatus.Planned("c2", "2026-12-04T10:00:01Z", List.of("web2: restart")),
                new AgentStatus.FetchState("2026-12-04T10:00:00Z", null, null, 0),
                List.of(new AgentStatus.ContainerOutcome("web2", "restart", "converged", null),
                        new AgentStatus.ContainerOutcome("web3", "create", "failed", "build \"failed\"\nline 2")),
                Map.of("web3", new AgentStatus.FailedContainer("c2", "abc123", "2026-12-04T10:00:04Z", "build failed")),
                2, "2026-12-04T10:01:00Z", new Suspension("maintenance", "2026-12-04T09:00:00Z", "ops"));
    }

    @Test
    void statusReadsBackEqual() throws AgentException {
        StatusStore store = new StatusStore(agentDir);
        AgentStatus status = fullStatus();

        store.write(status);

        assertEquals(status, store.read().orElseThrow());
    }

    @Test
    void emptyStatusOmitsNullFields() throws AgentException, IOException {
        StatusStore store = new StatusStore(agentDir);
        AgentStatus status = AgentStatus.empty(new AgentStatus.Source("file:///srv/fleet.git", "main", "."));

        store.write(status);

        assertEquals(status, store.read().orElseThrow());
        String text = Files.readString(store.file());
        assertFalse(text.contains("lastAttempt"), text);
        assertFalse(text.contains("null"), text);
    }

    @Test
    void unknownFieldsAreIgnored() throws AgentException, IOException {
        StatusStore store = new StatusStore(agentDir);
        Files.writeString(store.file(), "{\"schemaVersion\": 1, \"addedLater\": {\"x\": 1}, \"failedSyncs\": 3}");

        AgentStatus read = store.read().orElseThrow();

        assertEquals(3, read.failedSyncs());
        assertTrue(read.containers().isEmpty());
    }

    @Test
    void readNamesDamagedFile() throws IOException {
        StatusStore store = new StatusStore(agentDir);
        Files.writeString(store.file(), "{\"schemaVersion\": 1,");

        AgentException error = assertThrows(AgentException.class, store::read);

        assertTrue(error.getMessage().contains(store.file().toString()), error.getMessage());
        assertTrue(error.getMessage().contains("Remove the file if it is damaged"), error.getMessage());
    }

    @Test
    void readRejectsNonObject() throws IOException {
        StatusStore store = new StatusStore(agentDir);
        Files.writeString(store.file(), "[]");

        AgentException error = assertThrows(AgentException.class, store::read);

        assertTrue(error.getMessage().contains("does not contain a JSON object"), error.getMessage());
    }

    @Test
    void suspensionReadsBackEqual() throws AgentException {
        SuspensionStore store = new SuspensionStore(agentDir);
        Suspension suspension = new Suspension("kernel upgrade", "2026-12-04T08:00:00Z", "alice");

        store.suspend(suspension);

        assertEquals(suspension, store.read().orElseThrow());
        assertTrue(store.resume());
        assertTrue(store.read().isEmpty());
    }

    @Test
    void bytesEndWithANewline() throws IOException {
        byte[] bytes = StatusJson.bytes(fullStatus());

        assertEquals('\n', new String(bytes, StandardCharsets.UTF_8).charAt(bytes.length - 1));
    }
}
