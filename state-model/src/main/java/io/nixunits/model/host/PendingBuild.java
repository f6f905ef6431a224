package io.nixunits.model.host;

/**
 * A build in {@code tmp/root_futur} that has not been switched in. {@code complete} is true
 * once the build finished ({@code .complete} present). The fields hold what the build was made
 * from; each is null when its file is missing.
 */
public record PendingBuild(boolean complete, String unitHash, byte[] configNix, byte[] parameters) {
}
