package io.nixunits.model.declaration;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nixunits.model.ContainerId;
import io.nixunits.model.hash.UnitHashes;

/**
 * One container's declaration: the bytes of {@code <id>/config.nix} and
 * {@code <id>/properties.json}, and the parsed properties. The hashes are over the bytes, as
 * the shell tool computed them, so the raw bytes are kept.
 */
public record Declaration(
        ContainerId id, byte[] configNix, byte[] propertiesJson, ObjectNode properties, String configSha1,
        String propertiesSha1) {
    public static final String CONFIG_FILE = "config.nix";
    public static final String PROPERTIES_FILE = "properties.json";

    /** Makes a declaration, computing the SHA-1 of both files once. */
    public Declaration(ContainerId id, byte[] configNix, byte[] propertiesJson, ObjectNode properties) {
        this(id, configNix, propertiesJson, properties, UnitHashes.sha1Hex(configNix),
                UnitHashes.sha1Hex(propertiesJson));
    }

    public String storeHash(String envHash) {
        return UnitHashes.hashWithDigest(configSha1, envHash);
    }

    public String unitHash(String envHash) {
        return UnitHashes.hashWithDigest(propertiesSha1, storeHash(envHash));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Declaration that
                && id.equals(that.id)
                && java.util.Arrays.equals(configNix, that.configNix)
                && java.util.Arrays.equals(propertiesJson, that.propertiesJson);
    }

    @Override
    public int hashCode() {
        return id.hashCode() * 31 + java.util.Arrays.hashCode(propertiesJson);
    }

    @Override
    public String toString() {
        return "Declaration[" + id + "]";
    }
}
