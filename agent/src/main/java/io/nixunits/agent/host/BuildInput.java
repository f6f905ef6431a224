package io.nixunits.agent.host;

import io.nixunits.model.ContainerId;
import io.nixunits.model.declaration.Declaration;
import io.nixunits.model.declaration.SharedModules;
import io.nixunits.model.hash.UnitHashes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a container is built from.
 *
 * @param configFile the declaration's config.nix on disk, which Nix evaluates; relative imports
 *     in it resolve from its directory
 * @param configNix the bytes of config.nix, hashed and recorded in {@code .complete}
 * @param propertiesJson the bytes of properties.json, recorded as {@code parameters.json}
 * @param modulesDir the shared modules directory, or null when there is none
 * @param modules the shared modules' hashes, empty when there are none
 */
public record BuildInput(
        ContainerId id, Path configFile, byte[] configNix, byte[] propertiesJson, Path modulesDir,
        SharedModules modules) {

    public static BuildInput of(Declaration declaration, Path declarationsDir, Path modulesDir, SharedModules modules) {
        Path configFile = declarationsDir.resolve(declaration.id().value()).resolve(Declaration.CONFIG_FILE);
        return new BuildInput(declaration.id(), configFile.toAbsolutePath(), declaration.configNix(),
                declaration.propertiesJson(), modulesDir == null ? null : modulesDir.toAbsolutePath(), modules);
    }

    /** Returns the shell tool's STORE_HASH of this config.nix. */
    public String storeHash(NixSettings nix) {
        return UnitHashes.storeHash(configNix, nix.envHash());
    }

    /** Returns the shell tool's UNIT_HASH, which {@code .unit_hash} records. */
    public String unitHash(NixSettings nix) {
        return UnitHashes.unitHash(propertiesJson, storeHash(nix));
    }

    /**
     * Returns the name of the base build's GC root. Without shared modules it is exactly the shell
     * tool's STORE_HASH, so a base that tool built is found and reused. With shared modules it is
     * a SHA-1 over STORE_HASH and each module's name and SHA-256, because STORE_HASH ignores the
     * modules and a changed module must not reuse a base built from the old one.
     */
    public String baseKey(NixSettings nix) {
        String storeHash = storeHash(nix);
        if (modules.sha256ByFile().isEmpty()) {
            return storeHash;
        }
        StringBuilder text = new StringBuilder(storeHash).append('\n');
        for (Map.Entry<String, String> module : modules.sha256ByFile().entrySet()) {
            text.append(module.getKey()).append(' ').append(module.getValue()).append('\n');
        }
        return UnitHashes.sha1Hex(text.toString().getBytes(StandardCharsets.UTF_8));
    }
}
