package io.nixunits.model.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;

/**
 * Parses JSON into Jackson trees with the streaming parser alone. An {@code ObjectMapper}
 * would do the same, but building one loads most of jackson-databind, which costs a command
 * that runs for under a second a large share of its run time.
 *
 * <p>Parsing is strict: a duplicate key or anything after the first value is an error.
 */
public final class JsonTrees {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonTrees() {
    }

    /**
     * Parses one JSON value; returns null for empty input.
     *
     * @throws JsonParseException with the line and column of the first error
     */
    public static JsonNode parse(byte[] bytes) throws IOException {
        try (JsonParser parser = FACTORY.createParser(bytes)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return null;
            }
            JsonNode value = read(parser, first);
            JsonToken trailing = parser.nextToken();
            if (trailing != null) {
                throw new JsonParseException(parser, "unexpected " + parser.getText() + " after the end of the"
                        + " JSON value");
            }
            return value;
        }
    }

    /** Returns a parse error for people: Jackson's message, then its line and column. */
    public static String describe(com.fasterxml.jackson.core.JsonProcessingException e) {
        return message(e) + location(e);
    }

    /** Returns Jackson's message of a parse error without the source descriptions in its locations. */
    public static String message(com.fasterxml.jackson.core.JsonProcessingException e) {
        // For an unclosed array, for example, Jackson writes
        // "(start marker at [Source: REDACTED (...); line: 1, column: 36])".
        return e.getOriginalMessage().replaceAll("\\[Source: [^;\\]]*; ", "[");
    }

    /** Returns " at line L, column C" for a parse error, or nothing when Jackson gives no location. */
    public static String location(com.fasterxml.jackson.core.JsonProcessingException e) {
        com.fasterxml.jackson.core.JsonLocation at = e.getLocation();
        return at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    }

    private static JsonNode read(JsonParser parser, JsonToken token) throws IOException {
        return switch (token) {
            case START_OBJECT -> readObject(parser);
            case START_ARRAY -> readArray(parser);
            case VALUE_STRING -> NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT -> parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                    ? NODES.numberNode(parser.getBigIntegerValue()) : NODES.numberNode(parser.getLongValue());
            case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDecimalValue());
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NULL -> NODES.nullNode();
            default -> throw new JsonParseException(parser, "unexpected " + token);
        };
    }

    private static ObjectNode readObject(JsonParser parser) throws IOException {
        ObjectNode object = NODES.objectNode();
        JsonToken token = parser.nextToken();
        while (token == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            object.set(name, read(parser, parser.nextToken()));
            token = parser.nextToken();
        }
        return object;
    }

    private static ArrayNode readArray(JsonParser parser) throws IOException {
        ArrayNode array = NODES.arrayNode();
        JsonToken token = parser.nextToken();
        while (token != JsonToken.END_ARRAY) {
            array.add(read(parser, token));
            token = parser.nextToken();
        }
        return array;
    }

    /** Returns a text field of {@code node}, or null when it is missing or JSON null. */
    public static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** Returns {@code field} of {@code node} as an int, or 0 when it is missing or not a number. */
    public static int integer(JsonNode node, String field) {
        return node.path(field).asInt(0);
    }

    /**
     * Returns the document that {@code body} writes, indented as Jackson's default pretty
     * printer does and ended by a newline.
     */
    public static byte[] write(DocumentBody body) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator json = FACTORY.createGenerator(bytes)) {
            json.useDefaultPrettyPrinter();
            body.write(json);
        }
        bytes.write('\n');
        return bytes.toByteArray();
    }

    /**
     * Returns {@code node} as compact JSON, as {@link JsonNode#toString()} does without building
     * the object mapper that it uses.
     */
    public static String compact(JsonNode node) {
        StringWriter text = new StringWriter();
        try (JsonGenerator json = FACTORY.createGenerator(text)) {
            writeTree(json, node);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write JSON to a string", e);
        }
        return text.toString();
    }

    /** Writes {@code node} and everything under it. */
    public static void writeTree(JsonGenerator json, JsonNode node) throws IOException {
        switch (node.getNodeType()) {
            case OBJECT -> {
                json.writeStartObject();
                Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    json.writeFieldName(field.getKey());
                    writeTree(json, field.getValue());
                }
                json.writeEndObject();
            }
            case ARRAY -> {
                json.writeStartArray();
                for (JsonNode item : node) {
                    writeTree(json, item);
                }
                json.writeEndArray();
            }
            case STRING -> json.writeString(node.textValue());
            case NUMBER -> {
                if (node.isIntegralNumber()) {
                    json.writeNumber(node.bigIntegerValue());
                } else {
                    json.writeNumber(node.decimalValue());
                }
            }
            case BOOLEAN -> json.writeBoolean(node.booleanValue());
            case NULL, MISSING -> json.writeNull();
            default -> json.writeString(node.asText());
        }
    }

    /** Writes a string field, or nothing when {@code value} is null. */
    public static void writeIfPresent(JsonGenerator json, String field, String value) throws IOException {
        if (value != null) {
            json.writeStringField(field, value);
        }
    }

    /** Writes the fields of one JSON document with a streaming generator. */
    @FunctionalInterface
    public interface DocumentBody {
        void write(JsonGenerator json) throws IOException;
    }

    /** The streaming factory, for writers that want the same settings. */
    public static JsonFactory factory() {
        return FACTORY;
    }
}
