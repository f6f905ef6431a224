package io.nixunits.model.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonTreesTest {
    private static final String DOCUMENT = "{\"name\":\"web2\",\"port\":8080,\"ratio\":0.25,\"big\":123456789012345678901234,"
            + "\"on\":true,\"none\":null,\"list\":[1,\"two\",{\"three\":[]}],\"quote\":\"a\\\"b\\u00e9\\n\"}";

    @Test
    void compactWritesWhatTheObjectMapperWrites() throws IOException {
        JsonNode parsed = JsonTrees.parse(DOCUMENT.getBytes(StandardCharsets.UTF_8));
        JsonNode mapped = new ObjectMapper().readTree(DOCUMENT);

        assertEquals(mapped.toString(), JsonTrees.compact(parsed));
        assertEquals(new ObjectMapper().readTree(JsonTrees.compact(parsed)), mapped);
    }

    @Test
    void writeIndentsLikePrettyPrinter() throws IOException {
        JsonNode node = new ObjectMapper().readTree(DOCUMENT);

        byte[] written = JsonTrees.write(json -> JsonTrees.writeTree(json, node));

        String expected = new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n";
        assertEquals(expected, new String(written, StandardCharsets.UTF_8));
    }

    @Test
    void writeIfPresentLeavesOutNullValues() throws IOException {
        byte[] written = JsonTrees.write(json -> {
            json.writeStartObject();
            JsonTrees.writeIfPresent(json, "kept", "value");
            JsonTrees.writeIfPresent(json, "dropped", null);
            json.writeEndObject();
        });

        JsonNode read = JsonTrees.parse(written);
        assertEquals("value", JsonTrees.text(read, "kept"));
        assertEquals(1, read.size());
    }

    @Test
    void parseRejectsDuplicateKeysAndTrailingValues() {
        assertThrows(JsonParseException.class, () -> JsonTrees.parse("{\"a\":1,\"a\":2}".getBytes(StandardCharsets.UTF_8)));
        assertThrows(JsonParseException.class, () -> JsonTrees.parse("{} {}".getBytes(StandardCharsets.UTF_8)));
    }
}
