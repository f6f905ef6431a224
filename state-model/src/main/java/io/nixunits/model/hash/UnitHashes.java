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
        return hashWithDigest(sha1Hex(file), salt);
    }

    /** Same as {@link #hashWith} for a file whose SHA-1 (hex) is already known. */
    public static String hashWithDigest(String fileSha1, String salt) {
        String line = salt + "-" + fileSha1 + "\n";
        return sha1Hex(line.getBytes(StandardCharsets.UTF_8));
    }

    public static String sha1Hex(byte[] bytes) {
        return HexFormat.of().formatHex(SHA1.get().digest(bytes));
    }

    public static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(SHA256.get().digest(bytes));
    }

    // MessageDigest instances are not thread-safe, and looking one up costs more than hashing a
    // small file, so each thread keeps its own.
    private static final ThreadLocal<MessageDigest> SHA1 = ThreadLocal.withInitial(() -> digest("SHA-1"));
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> digest("SHA-256"));

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides " + algorithm, e);
        }
    }
}
