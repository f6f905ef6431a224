package io.nixunits.agent.daemon;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.nixunits.agent.AgentException;
import io.nixunits.model.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads and writes the daemon's JSON files under the state root. A write goes to a temporary
 * file renamed over the old one, so a reader, or the daemon after a crash, reads either the old
 * document or the new one.
 */
final class JsonFiles {
    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private JsonFiles() {
    }

    static void write(Path file, Object document, String what) throws AgentException {
        try {
            AtomicFiles.write(file, JSON.writeValueAsBytes(document));
        } catch (IOException e) {
            throw new AgentException("cannot write the " + what + " " + file + ": " + e + ". Check that the state"
                    + " root is writable.", e);
        }
    }

    /** Returns the document in {@code file}, or empty when the file does not exist. */
    static <T> Optional<T> read(Path file, Class<T> type, String what) throws AgentException {
        try {
            return Optional.of(JSON.readValue(Files.readAllBytes(file), type));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new AgentException("cannot read the " + what + " " + file + ": " + e.getMessage() + ". Remove the"
                    + " file if it is damaged; the daemon writes it again.", e);
        }
    }
}
