package io.nixunits.model.hash;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The hashes the shell version of NixUnits used to decide rebuilds, reproduced bit for bit so
 * that containers it built are recognised as up to date.
 *
 * <pre>
 * hashWith(file, salt) = sha1hex(salt + "-" + sha1hex(file bytes) + "\n")
 * envHash              = system + "-" + nixpkgs revision
 * storeHash            = hashWith(config.nix, envHash)        names the base build's GC root
 * unitHash             = hashWith(properties.json, storeHash)  stored in .unit_hash
 * </pre>
 * The trailing newline is the one the old tool's {@code echo} added.
 */
public final class UnitHashes {
    private UnitHashes() {
    }

    public static String envHash(String system, String nixpkgsRevision) {
        return system + "-" + nixpkgsRevision;
    }

    public static String storeHash(byte[] configNix, String envHash) {
        return hashWith(configNix, envHash);
    }

    public static String unitHash(byte[] propertiesJson, String storeHash) {
        return hashWith(propertiesJson, storeHash);
    }

    public static String hashWith(byte[] file, String salt) {
        String line = salt + "-" + sha1Hex(file) + "\n";
        return sha1Hex(line.getBytes(StandardCharsets.UTF_8));
    }

    public static String sha1Hex(byte[] bytes) {
        return hex("SHA-1", bytes);
    }

    public static String sha256Hex(byte[] bytes) {
        return hex("SHA-256", bytes);
    }

    private static String hex(String algorithm, byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides " + algorithm, e);
        }
    }
}
