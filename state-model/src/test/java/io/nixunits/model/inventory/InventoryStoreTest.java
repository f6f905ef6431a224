package io.nixunits.model.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import io.nixunits.model.ContainerId;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InventoryStoreTest {
    private final FileSystem fs = Jimfs.newFileSystem(Configuration.unix());
    private final Path file = fs.getPath("/var/lib/nixunits/agent/inventory.json");
    private final InventoryStore store = new InventoryStore(file);

    @AfterEach
    void tearDown() throws Exception {
        fs.close();
    }

    @Test
    void missingFileIsEmpty() throws Exception {
        assertTrue(store.read().entries().isEmpty());
    }

    @Test
    void writeThenReadRoundTrips() throws Exception {
        AgentFingerprint fingerprint = new AgentFingerprint("x86_64-linux", "abc", new TreeMap<>(Map.of("a.nix", "1")));
        InventoryEntry entry = new InventoryEntry(new ContainerId("web2"), InventoryEntry.Origin.ADOPTED, "hash",
                fingerprint, "c0ffee", Instant.parse("2026-12-04T10:00:00Z"));

        store.write(Inventory.empty().with(entry));

        assertEquals(entry, store.read().get(new ContainerId("web2")).orElseThrow());
        assertFalse(Files.exists(file.resolveSibling("inventory.json.tmp")));
    }

    @Test
    void brokenFileIsAnError() throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{\"formatVersion\": 1, \"containers\": [");

        InventoryException e = assertThrows(InventoryException.class, store::read);

        assertTrue(e.getMessage().contains("is not valid JSON: Unexpected end-of-input"), e.getMessage());
        assertTrue(e.getMessage().contains("(start marker at [line: 1, column: 36]) at line 1, column 37."),
                e.getMessage());
        assertFalse(e.getMessage().contains("Source"), e.getMessage());
        assertTrue(e.getMessage().contains("Moving it away also works"), e.getMessage());
    }

    @Test
    void newerFormatIsRejected() throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{\"formatVersion\": 9, \"containers\": []}");

        InventoryException e = assertThrows(InventoryException.class, store::read);

        assertTrue(e.getMessage().contains("format version 9"), e.getMessage());
    }

    @Test
    void invalidIdInFileIsRejected() throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{\"formatVersion\": 1, \"containers\": [{\"id\": \"../etc\"}]}");

        InventoryException e = assertThrows(InventoryException.class, store::read);

        assertTrue(e.getMessage().contains("'../etc'"), e.getMessage());
    }
}
