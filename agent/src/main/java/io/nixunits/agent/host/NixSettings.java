package io.nixunits.agent.host;

import java.time.Duration;
import java.util.List;

/**
 * How the builds call Nix. These are settings, not code, because the entry point and nixpkgs
 * differ between hosts.
 *
 * @param mkContainer a Nix expression that evaluates to the {@code mkContainer} function, which
 *     takes {@code { configFile, id ? null, propertiesJSON, modulesDir ? null }}
 * @param nixpkgs a nixpkgs source passed as {@code -I nixpkgs=VALUE}, for an entry point that
 *     reads {@code <nixpkgs>}; null when the entry point pins its own (a flake does)
 * @param system the Nix system, such as {@code x86_64-linux}
 * @param nixpkgsRevision the nixpkgs revision the entry point builds with, part of the unit
 *     hash; null when not configured
 * @param extraOptions further arguments given to every {@code nix build}, such as
 *     {@code --show-trace}
 * @param buildTimeout how long one {@code nix build} may run
 */
public record NixSettings(
        String mkContainer,
        String nixpkgs,
        String system,
        String nixpkgsRevision,
        List<String> extraOptions,
        Duration buildTimeout) {

    /** The flake the NixOS module of NixUnits installs on the host. */
    public static final String DEFAULT_FLAKE = "path:/etc/nixunits/flake";

    public NixSettings {
        extraOptions = List.copyOf(extraOptions);
    }

    /** Returns the default entry point for {@code system}: {@code mkContainer} of the host's NixUnits flake. */
    public static String defaultMkContainer(String system) {
        return "(builtins.getFlake \"" + DEFAULT_FLAKE + "\").lib." + system + ".mkContainer";
    }

    /** Returns whether the nixpkgs revision is known, so hashes that include it can be trusted. */
    public boolean knowsRevision() {
        return nixpkgsRevision != null && !nixpkgsRevision.isBlank();
    }

    /**
     * Returns the environment part of the shell tool's hashes. Without a configured revision it
     * ends in {@code unknown}, which no real revision matches.
     */
    public String envHash() {
        return system + "-" + (knowsRevision() ? nixpkgsRevision : "unknown");
    }
}
