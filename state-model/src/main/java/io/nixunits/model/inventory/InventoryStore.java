package io.nixunits.model.inventory;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.nixunits.model.ContainerId;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reads and writes the inventory as JSON. A write goes to a temporary file in the same
 * directory and is then renamed over the old file, so a crash leaves the old or the new
 * inventory, never half of one.
 */
public final class InventoryStore {
    /** Version of the file format; a reader rejects a newer one rather than guess. */
    public static final int FORMAT_VERSION = 1;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private final Path file;

    public InventoryStore(Path file) {
        this.file = file;
    }

    /** The file's JSON shape. */
    record Document(
            @JsonProperty("formatVersion") int formatVersion,
            @JsonProperty("containers") List<Item> containers) {
    }

    /** One container in the file's JSON shape. */
    record Item(
            @JsonProperty("id") String id,
            @JsonProperty("origin") InventoryEntry.Origin origin,
            @JsonProperty("unitHash") String unitHash,
            @JsonProperty("fingerprint") AgentFingerprint fingerprint,
            @JsonProperty("commit") String commit,
            @JsonProperty("updatedAt") String updatedAt) {
    }

    /** Reads the inventory; a missing file is an empty inventory. */
    public Inventory read() throws InventoryException {
        if (!Files.exists(file)) {
            return Inventory.empty();
        }
        Document document;
        try {
            document = JSON.readValue(Files.readAllBytes(file), Document.class);
        } catch (JsonProcessingException e) {
            throw new InventoryException(file.toString(), "inventory " + file + " is not valid: "
                    + e.getOriginalMessage() + ". Restore it from a backup; the agent will not guess which"
                    + " containers it owns.", e);
        } catch (IOException e) {
            throw new InventoryException(file.toString(), "cannot read inventory " + file + ": " + e, e);
        }
        if (document.formatVersion() > FORMAT_VERSION) {
            throw new InventoryException(file.toString(), "inventory " + file + " has format version "
                    + document.formatVersion() + ", newer than " + FORMAT_VERSION
                    + " which this agent reads. Upgrade the agent.", null);
        }

        SortedMap<ContainerId, InventoryEntry> entries = new TreeMap<>();
        for (Item item : document.containers() == null ? List.<Item>of() : document.containers()) {
            if (!ContainerId.isValid(item.id())) {
                throw new InventoryException(file.toString(), "inventory " + file + " lists invalid container id "
                        + ContainerId.quote(item.id()) + ". Remove that entry by hand.", null);
            }
            ContainerId id = new ContainerId(item.id());
            Instant updatedAt = item.updatedAt() == null ? null : Instant.parse(item.updatedAt());
            entries.put(id, new InventoryEntry(id, item.origin(), item.unitHash(), item.fingerprint(), item.commit(),
                    updatedAt));
        }
        return new Inventory(entries);
    }

    /** Replaces the file with {@code inventory}, creating its directory when needed. */
    public void write(Inventory inventory) throws InventoryException {
        List<Item> items = inventory.entries().values().stream()
                .map(e -> new Item(e.id().value(), e.origin(), e.unitHash(), e.fingerprint(), e.commit(),
                        e.updatedAt() == null ? null : e.updatedAt().toString()))
                .toList();
        try {
            Files.createDirectories(file.getParent());
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(temporary, JSON.writeValueAsBytes(new Document(FORMAT_VERSION, items)));
            try {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new InventoryException(file.toString(), "cannot write inventory " + file + ": " + e, e);
        }
    }
}
