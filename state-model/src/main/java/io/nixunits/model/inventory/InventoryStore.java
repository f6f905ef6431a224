package io.nixunits.model.inventory;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.nixunits.model.ContainerId;
import io.nixunits.model.io.AtomicFiles;
import io.nixunits.model.json.JsonTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reads and writes the inventory as JSON:
 * <pre>
 * {"formatVersion": 1, "containers": [{"id", "origin", "unitHash", "commit", "updatedAt",
 *   "fingerprint": {"system", "nixpkgsRevision", "modules": {"name.nix": "sha256"}}}]}
 * </pre>
 * A write goes to a temporary file in the same directory and is then renamed over the old
 * file, so a crash leaves the old or the new inventory, never half of one.
 */
public final class InventoryStore {
    /** Version of the file format; a reader rejects a newer one rather than guess. */
    public static final int FORMAT_VERSION = 1;

    private final Path file;

    public InventoryStore(Path file) {
        this.file = file;
    }

    /** Reads the inventory; a missing file is an empty inventory. */
    public Inventory read() throws InventoryException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (java.nio.file.NoSuchFileException e) {
            return Inventory.empty();
        } catch (IOException e) {
            throw new InventoryException(file.toString(), "cannot read inventory " + file + ": " + e, e);
        }

        try {
            JsonNode document = JsonTrees.parse(bytes);
            if (document == null || !document.isObject()) {
                throw invalid("it is not a JSON object", null);
            }
            int version = document.path("formatVersion").asInt(0);
            if (version > FORMAT_VERSION) {
                throw new InventoryException(file.toString(), "inventory " + file + " has format version " + version
                        + ", newer than " + FORMAT_VERSION + " which this agent reads. Upgrade the agent.", null);
            }
            SortedMap<ContainerId, InventoryEntry> entries = new TreeMap<>();
            for (JsonNode item : document.path("containers")) {
                InventoryEntry entry = entry(item);
                entries.put(entry.id(), entry);
            }
            return new Inventory(entries);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw invalid("it is not valid JSON: " + JsonTrees.describe(e), e);
        } catch (IOException e) {
            throw invalid(e.getMessage(), e);
        }
    }

    private InventoryEntry entry(JsonNode item) throws InventoryException {
        String id = JsonTrees.text(item, "id");
        if (!ContainerId.isValid(id)) {
            throw new InventoryException(file.toString(), "inventory " + file + " lists invalid container id "
                    + ContainerId.quote(id) + ". Remove that entry by hand.", null);
        }
        InventoryEntry.Origin origin;
        Instant updatedAt;
        try {
            String originText = JsonTrees.text(item, "origin");
            origin = originText == null ? null : InventoryEntry.Origin.valueOf(originText);
            String updatedText = JsonTrees.text(item, "updatedAt");
            updatedAt = updatedText == null ? null : InstantText.parse(updatedText);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw invalid("entry " + id + " has " + e.getMessage(), e);
        }
        return new InventoryEntry(new ContainerId(id), origin, JsonTrees.text(item, "unitHash"),
                fingerprint(item.get("fingerprint")), JsonTrees.text(item, "commit"), updatedAt);
    }

    private static AgentFingerprint fingerprint(JsonNode node) {
        if (node == null || !node.isObject()) {
            return null;
        }
        TreeMap<String, String> modules = new TreeMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.path("modules").fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            modules.put(field.getKey(), field.getValue().asText());
        }
        return new AgentFingerprint(JsonTrees.text(node, "system"), JsonTrees.text(node, "nixpkgsRevision"), modules);
    }

    private InventoryException invalid(String problem, Throwable cause) {
        return new InventoryException(file.toString(), "inventory " + file + " is not valid: " + problem
                + ". Fix it by hand, or restore a copy. Moving it away also works: the containers it listed"
                + " are then adopted when still declared, and left alone when not.", cause);
    }

    /** Replaces the file with {@code inventory}, creating its directory when needed. */
    public void write(Inventory inventory) throws InventoryException {
        try {
            AtomicFiles.write(file, serialize(inventory));
        } catch (IOException e) {
            throw new InventoryException(file.toString(), "cannot write inventory " + file + ": " + e, e);
        }
    }

    private static byte[] serialize(Inventory inventory) throws IOException {
        return JsonTrees.write(json -> {
            json.writeStartObject();
            json.writeNumberField("formatVersion", FORMAT_VERSION);
            json.writeArrayFieldStart("containers");
            for (InventoryEntry entry : inventory.entries().values()) {
                json.writeStartObject();
                json.writeStringField("id", entry.id().value());
                json.writeStringField("origin", entry.origin() == null ? null : entry.origin().name());
                json.writeStringField("unitHash", entry.unitHash());
                writeFingerprint(json, entry.fingerprint());
                json.writeStringField("commit", entry.commit());
                json.writeStringField("updatedAt", entry.updatedAt() == null ? null : entry.updatedAt().toString());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    private static void writeFingerprint(JsonGenerator json, AgentFingerprint fingerprint) throws IOException {
        if (fingerprint == null) {
            json.writeNullField("fingerprint");
            return;
        }
        json.writeObjectFieldStart("fingerprint");
        json.writeStringField("system", fingerprint.system());
        json.writeStringField("nixpkgsRevision", fingerprint.nixpkgsRevision());
        json.writeObjectFieldStart("modules");
        for (Map.Entry<String, String> module : fingerprint.modules().entrySet()) {
            json.writeStringField(module.getKey(), module.getValue());
        }
        json.writeEndObject();
        json.writeEndObject();
    }
}
