package io.nixunits.agent.daemon;

import io.nixunits.agent.AgentException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Keeps the suspension in {@code <state root>/agent/suspended.json}; no file means not suspended. */
public final class SuspensionStore {
    public static final String FILE_NAME = "suspended.json";

    private final Path file;

    public SuspensionStore(Path agentDir) {
        this.file = agentDir.resolve(FILE_NAME);
    }

    public Path file() {
        return file;
    }

    public Optional<Suspension> read() throws AgentException {
        return JsonFiles.read(file, StatusJson::readSuspension, "suspension file");
    }

    public void suspend(Suspension suspension) throws AgentException {
        JsonFiles.write(file, json -> StatusJson.writeSuspension(json, suspension), "suspension file");
    }

    /** Ends the suspension; returns false when the agent was not suspended. */
    public boolean resume() throws AgentException {
        try {
            return Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new AgentException("cannot remove the suspension file " + file + ": " + e + ". Check that the"
                    + " state root is writable.", e);
        }
    }
}
