package io.nixunits.model.declaration;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The shared Nix modules applied to every container: file name to SHA-256 of its bytes.
 * A change here changes every container's system, which the shell tool's hashes did not see.
 */
public record SharedModules(SortedMap<String, String> sha256ByFile) {
    public SharedModules {
        sha256ByFile = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(sha256ByFile));
    }

    public static SharedModules none() {
        return new SharedModules(new TreeMap<>());
    }

    public static SharedModules of(Map<String, String> sha256ByFile) {
        return new SharedModules(new TreeMap<>(sha256ByFile));
    }
}
