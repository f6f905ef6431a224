package io.nixunits.model.plan;

/**
 * One changed key of properties.json, in dotted form for nested objects ({@code ovs.vlan}).
 * Values are JSON text; both are null when {@code redacted} because the key looks like a secret.
 * {@code oldValue} is null for an added key and {@code newValue} for a removed one.
 */
public record PropertyChange(String key, Kind kind, String oldValue, String newValue, boolean redacted) {
    /** Whether the key was added, removed or changed. */
    public enum Kind {
        ADDED, REMOVED, CHANGED
    }
}
