package io.nixunits.agent.command;

import io.nixunits.agent.cli.NixEntryOptions;
import io.nixunits.agent.cli.SourceOptions;
import io.nixunits.agent.host.NixSettings;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Nix settings of 'build' and 'status', which also compute the unit hash; the same options and variables as the agent's. */
final class NixOptions {
    @Mixin
    NixEntryOptions entry;

    @Option(names = "--nixpkgs-revision", paramLabel = "REV", defaultValue = "${env:NIXUNITS_NIXPKGS_REVISION}",
            description = "nixpkgs revision the builds use, part of the unit hash (env NIXUNITS_NIXPKGS_REVISION)."
                    + " Without it, a nixpkgs update is not detected and the base is built every time.")
    String nixpkgsRevision;

    @Option(names = "--system", paramLabel = "SYSTEM", defaultValue = "${env:NIXUNITS_SYSTEM}",
            description = "Nix system, part of the unit hash (default: this machine's, such as x86_64-linux).")
    String system;

    /** Returns the Nix settings; {@code showTrace} adds --show-trace to every build. */
    NixSettings toSettings(boolean showTrace) {
        String nixSystem = blank(system) ? SourceOptions.currentSystem() : system;
        return entry.toSettings(nixSystem, blank(nixpkgsRevision) ? null : nixpkgsRevision,
                showTrace ? List.of("--show-trace") : List.of());
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
