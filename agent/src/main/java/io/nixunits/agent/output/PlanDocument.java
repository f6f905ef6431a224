package io.nixunits.agent.output;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nixunits.agent.planning.PlanReport;
import io.nixunits.model.plan.Action;
import io.nixunits.model.plan.ContainerPlan;
import io.nixunits.model.plan.Plan;
import io.nixunits.model.plan.PropertyChange;
import io.nixunits.model.plan.Reason;
import io.nixunits.model.plan.Step;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON form of a plan, schema version {@value #SCHEMA_VERSION}, printed by
 * {@code plan --json} and written by {@code plan -o}. docs/plan-schema.md describes it; a
 * change that removes or renames a field raises the version.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PlanDocument(
        @JsonProperty("schemaVersion") int schemaVersion,
        @JsonProperty("createdAt") String createdAt,
        @JsonProperty("source") Source source,
        @JsonProperty("stateDir") String stateDir,
        @JsonProperty("hostDigest") String hostDigest,
        @JsonProperty("options") Options options,
        @JsonProperty("runtime") Runtime runtime,
        @JsonProperty("warnings") List<String> warnings,
        @JsonProperty("summary") Summary summary,
        @JsonProperty("containers") List<Container> containers) {

    public static final int SCHEMA_VERSION = 1;

    /** Origin of the declarations; {@code commit} and {@code ref} are null for a plain directory. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Source(
            @JsonProperty("kind") String kind,
            @JsonProperty("location") String location,
            @JsonProperty("ref") String ref,
            @JsonProperty("commit") String commit,
            @JsonProperty("declarations") String declarations) {
    }

    /** The planning options in effect. */
    public record Options(
            @JsonProperty("system") String system,
            @JsonProperty("nixpkgsRevision") String nixpkgsRevision,
            @JsonProperty("allowDeleteAll") boolean allowDeleteAll) {
    }

    /** Whether systemd was asked, and what runs. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Runtime(
            @JsonProperty("known") boolean known,
            @JsonProperty("running") List<String> running,
            @JsonProperty("unknownReason") String unknownReason) {
    }

    /** Counts by action, with {@code changes} true when applying would change the host. */
    public record Summary(
            @JsonProperty("changes") boolean changes,
            @JsonProperty("byAction") Map<String, Integer> byAction) {
    }

    /** One container's plan. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Container(
            @JsonProperty("name") String name,
            @JsonProperty("id") String id,
            @JsonProperty("action") String action,
            @JsonProperty("adopt") boolean adopt,
            @JsonProperty("steps") List<String> steps,
            @JsonProperty("reasons") List<ReasonItem> reasons) {
    }

    /** One reason; {@code file} and {@code change} are absent when they do not apply. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ReasonItem(
            @JsonProperty("code") String code,
            @JsonProperty("message") String message,
            @JsonProperty("file") String file,
            @JsonProperty("change") Change change) {
    }

    /** A property change; values are JSON text and absent when redacted. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Change(
            @JsonProperty("key") String key,
            @JsonProperty("kind") String kind,
            @JsonProperty("old") String oldValue,
            @JsonProperty("new") String newValue,
            @JsonProperty("redacted") boolean redacted) {
    }

    public static PlanDocument from(PlanReport report) {
        Plan plan = report.plan();
        Source source = new Source(report.source().fromGit() ? "git" : "directory", report.source().location(),
                report.source().ref(), report.source().commit(), report.source().declarations().toString());
        Options options = new Options(report.options().system(), report.options().nixpkgsRevision(),
                report.options().allowDeleteAll());
        Runtime runtime = new Runtime(plan.runtime().known(),
                plan.runtime().known() ? plan.runtime().running().stream().map(Object::toString).sorted().toList() : null,
                plan.runtime().unknownReason());

        Map<String, Integer> byAction = new LinkedHashMap<>();
        for (Action action : Action.values()) {
            byAction.put(name(action), plan.countByAction().getOrDefault(action, 0));
        }
        List<Container> containers = plan.containers().stream().map(PlanDocument::container).toList();
        return new PlanDocument(SCHEMA_VERSION, report.createdAt().toString(), source, report.stateDir().toString(),
                report.hostDigest(), options, runtime, plan.warnings(), new Summary(plan.hasChanges(), byAction),
                containers);
    }

    private static Container container(ContainerPlan plan) {
        List<String> steps = plan.steps().stream().map(PlanDocument::name).toList();
        List<ReasonItem> reasons = plan.reasons().stream().map(PlanDocument::reason).toList();
        return new Container(plan.name(), plan.id() == null ? null : plan.id().value(), name(plan.action()),
                plan.adopt(), steps, reasons);
    }

    private static ReasonItem reason(Reason reason) {
        PropertyChange change = reason.change();
        Change json = change == null ? null : new Change(change.key(), name(change.kind()), change.oldValue(),
                change.newValue(), change.redacted());
        return new ReasonItem(name(reason.code()), reason.message(), reason.file(), json);
    }

    /** Spells an enum constant as it appears in the JSON: lower case with dashes. */
    public static String name(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static Step step(String name) {
        return Step.valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
