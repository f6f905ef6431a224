package io.nixunits.agent.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import io.nixunits.agent.AgentException;
import io.nixunits.model.io.AtomicFiles;
import io.nixunits.model.json.JsonTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads and writes the daemon's JSON files under the state root. A write goes to a temporary
 * file renamed over the old one, so a reader, or the daemon after a crash, reads either the old
 * document or the new one.
 */
final class JsonFiles {
    private JsonFiles() {
    }

    static void write(Path file, JsonTrees.DocumentBody document, String what) throws AgentException {
        try {
            AtomicFiles.write(file, JsonTrees.write(document));
        } catch (IOException e) {
            throw new AgentException("cannot write the " + what + " " + file + ": " + e + ". Check that the state"
                    + " root is writable.", e);
        }
    }

    /** Returns the document in {@code file} read by {@code reader}, or empty when the file does not exist. */
    static <T> Optional<T> read(Path file, Function<JsonNode, T> reader, String what) throws AgentException {
        JsonNode root;
        try {
            root = JsonTrees.parse(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw damaged(file, what, "it is not valid JSON: " + JsonTrees.describe(e), e);
        } catch (IOException e) {
            throw damaged(file, what, e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw damaged(file, what, "it does not contain a JSON object", null);
        }
        return Optional.of(reader.apply(root));
    }

    private static AgentException damaged(Path file, String what, String problem, Throwable cause) {
        return new AgentException("cannot read the " + what + " " + file + ": " + problem + ". Remove the file if"
                + " it is damaged; the daemon writes it again.", cause);
    }
}
