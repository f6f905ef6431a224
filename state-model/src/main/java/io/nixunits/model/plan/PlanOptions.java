package io.nixunits.model.plan;

/**
 * Settings of one planning run.
 *
 * @param system the Nix system, such as {@code x86_64-linux}
 * @param nixpkgsRevision the nixpkgs revision the builds use, or null when not configured; the
 *     unit hash cannot be checked then, and only the files are compared
 * @param allowDeleteAll whether an empty declaration set may delete every owned container
 */
public record PlanOptions(String system, String nixpkgsRevision, boolean allowDeleteAll) {
    public boolean knowsEnvironment() {
        return nixpkgsRevision != null && !nixpkgsRevision.isBlank();
    }
}
