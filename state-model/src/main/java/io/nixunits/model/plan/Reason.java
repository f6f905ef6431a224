package io.nixunits.model.plan;

/**
 * Why an action was planned. {@code file} names the declaration file involved and
 * {@code change} the property, each null when it does not apply.
 */
public record Reason(ReasonCode code, String message, String file, PropertyChange change) {
    public static Reason of(ReasonCode code, String message) {
        return new Reason(code, message, null, null);
    }

    public static Reason file(ReasonCode code, String file, String message) {
        return new Reason(code, message, file, null);
    }
}
