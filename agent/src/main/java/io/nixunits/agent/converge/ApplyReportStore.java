package io.nixunits.agent.converge;

import com.fasterxml.jackson.core.JsonGenerator;
import io.nixunits.agent.AgentException;
import io.nixunits.model.io.AtomicFiles;
import io.nixunits.model.json.JsonTrees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Writes the apply report as indented JSON, through a temporary file renamed over the old
 * report. Null fields are left out. It uses the streaming generator because the daemon applies
 * with it, and building an {@code ObjectMapper} added about 10 MiB to the resident set of a
 * small test program.
 */
public final class ApplyReportStore {
    public static final String FILE_NAME = "last-apply.json";

    private final Path file;

    public ApplyReportStore(Path file) {
        this.file = file;
    }

    /** Returns the report as JSON, without a final newline. */
    public static String toJson(ApplyReport report) throws AgentException {
        try {
            return new String(bytes(report), StandardCharsets.UTF_8).stripTrailing();
        } catch (IOException e) {
            throw new AgentException("cannot format the apply report: " + e, e);
        }
    }

    public void write(ApplyReport report) throws AgentException {
        try {
            AtomicFiles.write(file, bytes(report));
        } catch (IOException e) {
            throw new AgentException("cannot write the apply report " + file + ": " + e, e);
        }
    }

    private static byte[] bytes(ApplyReport report) throws IOException {
        return JsonTrees.write(json -> {
            json.writeStartObject();
            json.writeNumberField("schemaVersion", report.schemaVersion());
            JsonTrees.writeIfPresent(json, "stateDir", report.stateDir());
            JsonTrees.writeIfPresent(json, "source", report.source());
            JsonTrees.writeIfPresent(json, "commit", report.commit());
            JsonTrees.writeIfPresent(json, "startedAt", report.startedAt());
            JsonTrees.writeIfPresent(json, "finishedAt", report.finishedAt());
            json.writeBooleanField("converged", report.converged());
            json.writeArrayFieldStart("containers");
            for (ContainerResult container : report.containers()) {
                writeContainer(json, container);
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    private static void writeContainer(JsonGenerator json, ContainerResult container) throws IOException {
        json.writeStartObject();
        JsonTrees.writeIfPresent(json, "name", container.name());
        JsonTrees.writeIfPresent(json, "id", container.id());
        JsonTrees.writeIfPresent(json, "action", container.action());
        JsonTrees.writeIfPresent(json, "result", container.result() == null ? null : container.result().name());
        json.writeArrayFieldStart("stepsDone");
        for (String step : container.stepsDone()) {
            json.writeString(step);
        }
        json.writeEndArray();
        json.writeNumberField("durationMillis", container.durationMillis());
        JsonTrees.writeIfPresent(json, "error", container.error());
        json.writeEndObject();
    }
}
