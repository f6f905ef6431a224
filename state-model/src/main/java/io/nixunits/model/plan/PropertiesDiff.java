package io.nixunits.model.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nixunits.model.json.JsonTrees;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compares two properties.json objects key by key. Nested objects are walked and named with
 * dots; arrays compare as a whole. Values of keys that look like secrets are redacted.
 */
public final class PropertiesDiff {
    /** Words that, found in a key name (any case), mark its value as a secret. */
    static final List<String> SECRET_WORDS = List.of("pass", "secret", "token", "key", "credential", "private",
            "psk", "cert");

    private PropertiesDiff() {
    }

    /**
     * Returns the changes from {@code oldJson} (raw bytes, possibly not valid JSON) to
     * {@code current}. When the old bytes cannot be parsed, every current key counts as added.
     */
    public static List<PropertyChange> between(byte[] oldJson, ObjectNode current) {
        Map<String, JsonNode> before = new TreeMap<>();
        if (oldJson != null) {
            try {
                JsonNode parsed = JsonTrees.parse(oldJson);
                if (parsed != null && parsed.isObject()) {
                    flatten("", parsed, before);
                }
            } catch (IOException e) {
                // An unreadable old file leaves "before" empty, so every key shows as added.
                before.clear();
            }
        }
        Map<String, JsonNode> after = new TreeMap<>();
        flatten("", current, after);

        List<PropertyChange> changes = new ArrayList<>();
        TreeMap<String, Boolean> keys = new TreeMap<>();
        before.keySet().forEach(k -> keys.put(k, true));
        after.keySet().forEach(k -> keys.put(k, true));
        for (String key : keys.keySet()) {
            JsonNode oldValue = before.get(key);
            JsonNode newValue = after.get(key);
            if (oldValue != null && oldValue.equals(newValue)) {
                continue;
            }
            PropertyChange.Kind kind = oldValue == null ? PropertyChange.Kind.ADDED
                    : newValue == null ? PropertyChange.Kind.REMOVED : PropertyChange.Kind.CHANGED;
            if (looksSecret(key)) {
                changes.add(new PropertyChange(key, kind, null, null, true));
            } else {
                changes.add(new PropertyChange(key, kind, text(oldValue), text(newValue), false));
            }
        }
        return changes;
    }

    /** Returns whether a dotted key names a secret; any of its segments may carry the word. */
    public static boolean looksSecret(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        return SECRET_WORDS.stream().anyMatch(lower::contains);
    }

    private static void flatten(String prefix, JsonNode node, Map<String, JsonNode> into) {
        if (node.isObject() && (prefix.isEmpty() || node.size() > 0)) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                flatten(prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(), field.getValue(), into);
            }
        } else {
            into.put(prefix, node);
        }
    }

    private static String text(JsonNode node) {
        return node == null ? null : JsonTrees.compact(node);
    }
}
