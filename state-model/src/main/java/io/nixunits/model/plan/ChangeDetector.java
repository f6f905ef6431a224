package io.nixunits.model.plan;

import io.nixunits.model.declaration.Declaration;
import io.nixunits.model.declaration.SharedModules;
import io.nixunits.model.hash.UnitHashes;
import io.nixunits.model.host.ContainerState;
import io.nixunits.model.host.PendingBuild;
import io.nixunits.model.inventory.AgentFingerprint;
import io.nixunits.model.inventory.InventoryEntry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * Finds what differs between a switched-in build and its declaration, and whether that needs
 * a base build (config.nix, shared modules, nixpkgs) or a container build only
 * (properties.json).
 *
 * <p>The files are compared first, because they name the change; the shell tool's unit hash
 * then catches a change of nixpkgs revision or system; the agent's fingerprint catches shared
 * modules, which the unit hash does not cover.
 */
final class ChangeDetector {

    /** The changes found; {@code pendingAllowed} is false when a pending build may predate a module change. */
    record Changes(boolean needsBase, boolean needsContainer, boolean pendingAllowed, List<Reason> reasons) {
        boolean needsBuild() {
            return needsBase || needsContainer;
        }
    }

    Changes detect(
            ContainerState state, Declaration declaration, InventoryEntry owned, SharedModules modules,
            PlanOptions options) {
        List<Reason> reasons = new ArrayList<>();
        boolean needsBase = false;
        boolean needsContainer = false;
        boolean pendingAllowed = true;

        // config.nix: .complete contains the config the running build came from
        boolean configKnown = state.completeConfig() != null && state.completeConfig().length > 0;
        boolean configChanged = configKnown && !Arrays.equals(state.completeConfig(), declaration.configNix());
        if (configChanged) {
            needsBase = true;
            reasons.add(Reason.file(ReasonCode.CONFIG_CHANGED, Declaration.CONFIG_FILE, "config.nix changed (sha1 "
                    + UnitHashes.sha1Hex(state.completeConfig()) + " -> " + declaration.configSha1() + ")"));
        }

        // properties.json, key by key
        boolean propertiesChanged = state.parameters() == null
                || !Arrays.equals(state.parameters(), declaration.propertiesJson());
        if (propertiesChanged) {
            needsContainer = true;
            reasons.addAll(propertyReasons(state, declaration));
        }

        // the shell tool's unit hash covers the nix system and nixpkgs revision
        boolean nixpkgsReported = false;
        AgentFingerprint fingerprint = owned == null ? null : owned.fingerprint();
        if (options.knowsEnvironment() && fingerprint != null && fingerprint.nixpkgsRevision() != null
                && !fingerprint.nixpkgsRevision().equals(options.nixpkgsRevision())) {
            needsBase = true;
            pendingAllowed = false;
            nixpkgsReported = true;
            reasons.add(Reason.of(ReasonCode.NIXPKGS_CHANGED, "nixpkgs revision changed ("
                    + fingerprint.nixpkgsRevision() + " -> " + options.nixpkgsRevision() + ")"));
        }
        if (options.knowsEnvironment() && !nixpkgsReported) {
            String env = UnitHashes.envHash(options.system(), options.nixpkgsRevision());
            String expected = declaration.unitHash(env);
            String recorded = state.recordedUnitHash();
            if (recorded != null && !recorded.equals(expected) && !configChanged && !propertiesChanged) {
                needsBase = true;
                ReasonCode code = configKnown ? ReasonCode.NIXPKGS_CHANGED : ReasonCode.UNIT_HASH_CHANGED;
                String cause = configKnown
                        ? "with unchanged files, so the nix system or nixpkgs revision changed (now " + env + ")"
                        : "and .complete is empty, so config.nix cannot be compared";
                reasons.add(Reason.of(code, "unit hash " + recorded + " recorded, " + expected + " expected " + cause));
            } else if (recorded == null && !configChanged && !propertiesChanged) {
                reasons.add(Reason.of(ReasonCode.UNIT_HASH_NOT_CHECKED, "no .unit_hash recorded; config.nix and"
                        + " properties.json match the running build"));
            }
        }

        // shared modules, recorded by the agent only
        if (fingerprint != null) {
            List<Reason> moduleReasons = moduleReasons(fingerprint, modules);
            if (!moduleReasons.isEmpty()) {
                needsBase = true;
                pendingAllowed = false;
                reasons.addAll(moduleReasons);
            }
        }
        return new Changes(needsBase, needsContainer, pendingAllowed, reasons);
    }

    /**
     * Returns whether a finished build in tmp/root_futur was made from the declared files
     * (and, when the nixpkgs revision is configured, has the expected unit hash).
     */
    boolean pendingMatches(ContainerState state, Declaration declaration, PlanOptions options) {
        PendingBuild pending = state.pending();
        if (pending == null || !pending.complete()) {
            return false;
        }
        boolean filesMatch = Arrays.equals(pending.configNix(), declaration.configNix())
                && Arrays.equals(pending.parameters(), declaration.propertiesJson());
        if (!filesMatch) {
            return false;
        }
        if (options.knowsEnvironment() && pending.unitHash() != null) {
            String env = UnitHashes.envHash(options.system(), options.nixpkgsRevision());
            return pending.unitHash().equals(declaration.unitHash(env));
        }
        return true;
    }

    private static List<Reason> propertyReasons(ContainerState state, Declaration declaration) {
        List<Reason> reasons = new ArrayList<>();
        if (state.parameters() == null) {
            reasons.add(Reason.file(ReasonCode.PROPERTIES_CHANGED, Declaration.PROPERTIES_FILE,
                    "properties.json changed (no parameters.json recorded on the host)"));
            return reasons;
        }
        List<PropertyChange> keyChanges = PropertiesDiff.between(state.parameters(), declaration.properties());
        String summary = keyChanges.isEmpty() ? "properties.json changed (formatting only, no value changed)"
                : "properties.json changed: " + keyChanges.size() + (keyChanges.size() == 1 ? " key" : " keys");
        reasons.add(Reason.file(ReasonCode.PROPERTIES_CHANGED, Declaration.PROPERTIES_FILE, summary));
        for (PropertyChange change : keyChanges) {
            reasons.add(new Reason(ReasonCode.PROPERTY_CHANGED, describe(change), Declaration.PROPERTIES_FILE, change));
        }
        return reasons;
    }

    static String describe(PropertyChange change) {
        if (change.redacted()) {
            return change.key() + " " + change.kind().name().toLowerCase(java.util.Locale.ROOT) + " (value redacted)";
        }
        return switch (change.kind()) {
            case ADDED -> change.key() + " added: " + change.newValue();
            case REMOVED -> change.key() + " removed (was " + change.oldValue() + ")";
            case CHANGED -> change.key() + ": " + change.oldValue() + " -> " + change.newValue();
        };
    }

    private static List<Reason> moduleReasons(AgentFingerprint fingerprint, SharedModules modules) {
        List<Reason> reasons = new ArrayList<>();
        TreeSet<String> names = new TreeSet<>(fingerprint.modules().keySet());
        names.addAll(modules.sha256ByFile().keySet());
        for (String name : names) {
            String before = fingerprint.modules().get(name);
            String after = modules.sha256ByFile().get(name);
            String file = "modules/" + name;
            if (before == null) {
                reasons.add(Reason.file(ReasonCode.MODULE_CHANGED, file, "shared module " + file + " added"));
            } else if (after == null) {
                reasons.add(Reason.file(ReasonCode.MODULE_CHANGED, file, "shared module " + file + " removed"));
            } else if (!before.equals(after)) {
                reasons.add(Reason.file(ReasonCode.MODULE_CHANGED, file, "shared module " + file + " changed"));
            }
        }
        return reasons;
    }
}
