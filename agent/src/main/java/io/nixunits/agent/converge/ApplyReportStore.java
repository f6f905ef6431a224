package io.nixunits.agent.converge;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.nixunits.agent.AgentException;
import io.nixunits.model.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;

/** Writes the apply report as JSON, through a temporary file renamed over the old report. */
public final class ApplyReportStore {
    public static final String FILE_NAME = "last-apply.json";
    static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final Path file;

    public ApplyReportStore(Path file) {
        this.file = file;
    }

    public static String toJson(ApplyReport report) throws AgentException {
        try {
            return JSON.writeValueAsString(report);
        } catch (IOException e) {
            throw new AgentException("cannot format the apply report: " + e, e);
        }
    }

    public void write(ApplyReport report) throws AgentException {
        try {
            AtomicFiles.write(file, JSON.writeValueAsBytes(report));
        } catch (IOException e) {
            throw new AgentException("cannot write the apply report " + file + ": " + e, e);
        }
    }
}
