package io.nixunits.model.host;

import io.nixunits.model.ContainerId;

/**
 * One container directory under {@code <state root>/containers/<id>} as found on disk.
 *
 * @param complete whether a build was switched in ({@code .complete} present)
 * @param completeConfig content of {@code .complete}: the config.nix of the switched-in build,
 *     null when {@code .complete} is missing, empty when the tool that wrote it left it empty
 * @param recordedUnitHash content of {@code .unit_hash}, or null
 * @param parameters bytes of {@code parameters.json}, or null
 * @param unitConfTarget where the {@code unit.conf} symlink points, or null
 * @param pending the build waiting in {@code tmp/root_futur}, or null
 * @param hasData whether {@code root/} exists
 * @param hasRollback whether {@code tmp/root_old} exists
 */
public record ContainerState(
        ContainerId id,
        boolean complete,
        byte[] completeConfig,
        String recordedUnitHash,
        byte[] parameters,
        String unitConfTarget,
        PendingBuild pending,
        boolean hasData,
        boolean hasRollback) {

    /** The directory the host's NixOS configuration renders unit.conf files into. */
    public static final String NIXOS_UNIT_CONF_DIR = "/etc/nixunits/";

    /** Returns whether the host's NixOS configuration declares this container. */
    public boolean declaredByNixos() {
        return unitConfTarget != null && unitConfTarget.startsWith(NIXOS_UNIT_CONF_DIR);
    }

    /** Returns the status the old {@code status} command printed. */
    public String status(boolean running) {
        if (pending != null && pending.complete()) {
            return "created";
        }
        if (!complete) {
            return "initial";
        }
        return running ? "started" : "configured";
    }
}
