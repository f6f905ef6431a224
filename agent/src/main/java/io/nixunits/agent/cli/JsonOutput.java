package io.nixunits.agent.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The object mapper of the commands' JSON output, built on first use: building it loads most
 * of jackson-databind, which a run without JSON output should not pay for.
 */
public final class JsonOutput {
    private JsonOutput() {
    }

    public static ObjectMapper mapper() {
        return Holder.MAPPER;
    }

    private static final class Holder {
        static final ObjectMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    }
}
