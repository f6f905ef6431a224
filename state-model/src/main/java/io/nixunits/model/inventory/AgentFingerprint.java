package io.nixunits.model.inventory;

import io.nixunits.model.declaration.SharedModules;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The build inputs the shell tool's unit hash did not cover, recorded by the agent for each
 * container it built or adopted: the nixpkgs revision and system, and the shared modules.
 */
public record AgentFingerprint(String system, String nixpkgsRevision, SortedMap<String, String> modules) {
    public AgentFingerprint {
        modules = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(modules == null ? new TreeMap<>() : modules));
    }

    public static AgentFingerprint of(String system, String nixpkgsRevision, SharedModules modules) {
        return new AgentFingerprint(system, nixpkgsRevision, modules.sha256ByFile());
    }
}
