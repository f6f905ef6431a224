package io.nixunits.agent.daemon;

import io.nixunits.agent.AgentException;
import java.nio.file.Path;
import java.util.Optional;

/** Keeps {@link AgentStatus} in {@code <state root>/agent/status.json}. */
public final class StatusStore {
    public static final String FILE_NAME = "status.json";

    private final Path file;

    public StatusStore(Path agentDir) {
        this.file = agentDir.resolve(FILE_NAME);
    }

    public Path file() {
        return file;
    }

    public Optional<AgentStatus> read() throws AgentException {
        return JsonFiles.read(file, StatusJson::readStatus, "status file");
    }

    public void write(AgentStatus status) throws AgentException {
        JsonFiles.write(file, json -> StatusJson.writeStatus(json, status), "status file");
    }
}
