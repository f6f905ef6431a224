package io.nixunits.agent.daemon;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.nixunits.model.json.JsonTrees;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Converts {@link AgentStatus} and {@link Suspension} to and from JSON with the streaming
 * generator and the tree parser. An {@code ObjectMapper} would do it from annotations, but
 * building one added about 10 MiB to the resident set of a small test program, and the daemon
 * is meant to stay small.
 *
 * <p>Null fields are left out. Reading ignores unknown fields, so a newer status file still
 * reads.
 */
public final class StatusJson {
    private StatusJson() {
    }

    /** Returns the status as indented JSON, ended by a newline. */
    public static byte[] bytes(AgentStatus status) throws IOException {
        return JsonTrees.write(json -> writeStatus(json, status));
    }

    static void writeStatus(JsonGenerator json, AgentStatus status) throws IOException {
        json.writeStartObject();
        json.writeNumberField("schemaVersion", status.schemaVersion());
        if (status.source() != null) {
            json.writeObjectFieldStart("source");
            json.writeStringField("repository", status.source().repository());
            json.writeStringField("ref", status.source().ref());
            json.writeStringField("path", status.source().path());
            json.writeEndObject();
        }
        if (status.lastAttempt() != null) {
            writeAttempt(json, status.lastAttempt());
        }
        if (status.lastApplied() != null) {
            json.writeObjectFieldStart("lastApplied");
            json.writeStringField("commit", status.lastApplied().commit());
            json.writeStringField("finishedAt", status.lastApplied().finishedAt());
            json.writeBooleanField("converged", status.lastApplied().converged());
            json.writeEndObject();
        }
        if (status.lastPlan() != null) {
            json.writeObjectFieldStart("lastPlan");
            json.writeStringField("commit", status.lastPlan().commit());
            json.writeStringField("at", status.lastPlan().at());
            writeStrings(json, "pendingChanges", status.lastPlan().pendingChanges());
            json.writeEndObject();
        }
        if (status.fetch() != null) {
            writeFetch(json, status.fetch());
        }

        writeContainers(json, status);
        json.writeNumberField("failedSyncs", status.failedSyncs());
        JsonTrees.writeIfPresent(json, "nextRunAt", status.nextRunAt());
        if (status.suspended() != null) {
            json.writeFieldName("suspended");
            writeSuspension(json, status.suspended());
        }
        json.writeEndObject();
    }

    private static void writeAttempt(JsonGenerator json, AgentStatus.Attempt attempt) throws IOException {
        json.writeObjectFieldStart("lastAttempt");
        JsonTrees.writeIfPresent(json, "commit", attempt.commit());
        JsonTrees.writeIfPresent(json, "trigger", attempt.trigger());
        JsonTrees.writeIfPresent(json, "startedAt", attempt.startedAt());
        JsonTrees.writeIfPresent(json, "finishedAt", attempt.finishedAt());
        JsonTrees.writeIfPresent(json, "result", attempt.result());
        JsonTrees.writeIfPresent(json, "error", attempt.error());
        json.writeEndObject();
    }

    private static void writeFetch(JsonGenerator json, AgentStatus.FetchState fetch) throws IOException {
        json.writeObjectFieldStart("fetch");
        JsonTrees.writeIfPresent(json, "lastSuccessAt", fetch.lastSuccessAt());
        JsonTrees.writeIfPresent(json, "failingSince", fetch.failingSince());
        JsonTrees.writeIfPresent(json, "error", fetch.error());
        json.writeNumberField("failures", fetch.failures());
        json.writeEndObject();
    }

    /** Writes the outcome per container and the containers whose apply failed. */
    private static void writeContainers(JsonGenerator json, AgentStatus status) throws IOException {
        json.writeArrayFieldStart("containers");
        for (AgentStatus.ContainerOutcome outcome : status.containers()) {
            json.writeStartObject();
            JsonTrees.writeIfPresent(json, "name", outcome.name());
            JsonTrees.writeIfPresent(json, "action", outcome.action());
            JsonTrees.writeIfPresent(json, "result", outcome.result());
            JsonTrees.writeIfPresent(json, "error", outcome.error());
            json.writeEndObject();
        }
        json.writeEndArray();

        json.writeObjectFieldStart("failedContainers");
        for (Map.Entry<String, AgentStatus.FailedContainer> failed : status.failedContainers().entrySet()) {
            json.writeObjectFieldStart(failed.getKey());
            JsonTrees.writeIfPresent(json, "commit", failed.getValue().commit());
            JsonTrees.writeIfPresent(json, "unitHash", failed.getValue().unitHash());
            JsonTrees.writeIfPresent(json, "failedAt", failed.getValue().failedAt());
            JsonTrees.writeIfPresent(json, "error", failed.getValue().error());
            json.writeEndObject();
        }
        json.writeEndObject();
    }

    static void writeSuspension(JsonGenerator json, Suspension suspension) throws IOException {
        json.writeStartObject();
        json.writeStringField("reason", suspension.reason());
        json.writeStringField("since", suspension.since());
        json.writeStringField("user", suspension.user());
        json.writeEndObject();
    }

    private static void writeStrings(JsonGenerator json, String field, List<String> values) throws IOException {
        json.writeArrayFieldStart(field);
        for (String value : values) {
            json.writeString(value);
        }
        json.writeEndArray();
    }

    /** Reads a status document; missing fields become null, 0 or empty. */
    static AgentStatus readStatus(JsonNode root) {
        JsonNode source = root.get("source");
        JsonNode attempt = root.get("lastAttempt");
        JsonNode applied = root.get("lastApplied");
        JsonNode plan = root.get("lastPlan");
        JsonNode fetch = root.get("fetch");
        List<AgentStatus.ContainerOutcome> containers = new ArrayList<>();
        for (JsonNode outcome : root.path("containers")) {
            containers.add(new AgentStatus.ContainerOutcome(JsonTrees.text(outcome, "name"),
                    JsonTrees.text(outcome, "action"), JsonTrees.text(outcome, "result"),
                    JsonTrees.text(outcome, "error")));
        }
        Map<String, AgentStatus.FailedContainer> failed = new TreeMap<>();
        root.path("failedContainers").fields().forEachRemaining(entry -> failed.put(entry.getKey(),
                new AgentStatus.FailedContainer(JsonTrees.text(entry.getValue(), "commit"),
                        JsonTrees.text(entry.getValue(), "unitHash"), JsonTrees.text(entry.getValue(), "failedAt"),
                        JsonTrees.text(entry.getValue(), "error"))));
        JsonNode suspended = root.get("suspended");
        return new AgentStatus(JsonTrees.integer(root, "schemaVersion"),
                isObject(source) ? new AgentStatus.Source(JsonTrees.text(source, "repository"),
                        JsonTrees.text(source, "ref"), JsonTrees.text(source, "path")) : null,
                isObject(attempt) ? new AgentStatus.Attempt(JsonTrees.text(attempt, "commit"),
                        JsonTrees.text(attempt, "trigger"), JsonTrees.text(attempt, "startedAt"),
                        JsonTrees.text(attempt, "finishedAt"), JsonTrees.text(attempt, "result"),
                        JsonTrees.text(attempt, "error")) : null,
                isObject(applied) ? new AgentStatus.Applied(JsonTrees.text(applied, "commit"),
                        JsonTrees.text(applied, "finishedAt"), applied.path("converged").asBoolean(false)) : null,
                isObject(plan) ? new AgentStatus.Planned(JsonTrees.text(plan, "commit"), JsonTrees.text(plan, "at"),
                        strings(plan.path("pendingChanges"))) : null,
                isObject(fetch) ? new AgentStatus.FetchState(JsonTrees.text(fetch, "lastSuccessAt"),
                        JsonTrees.text(fetch, "failingSince"), JsonTrees.text(fetch, "error"),
                        JsonTrees.integer(fetch, "failures")) : null,
                containers, failed, JsonTrees.integer(root, "failedSyncs"), JsonTrees.text(root, "nextRunAt"),
                isObject(suspended) ? readSuspension(suspended) : null);
    }

    static Suspension readSuspension(JsonNode root) {
        return new Suspension(JsonTrees.text(root, "reason"), JsonTrees.text(root, "since"),
                JsonTrees.text(root, "user"));
    }

    private static boolean isObject(JsonNode node) {
        return node != null && node.isObject();
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        for (JsonNode value : array) {
            values.add(value.asText());
        }
        return values;
    }
}
