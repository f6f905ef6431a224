package io.nixunits.agent.command;

import io.nixunits.agent.cli.SourceOptions;
import io.nixunits.agent.host.NixSettings;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Option;

/** How 'build' and 'status' call Nix and compute the unit hash; the same settings and variables as the agent's. */
final class NixOptions {
    @Option(names = "--mk-container", paramLabel = "EXPR", defaultValue = "${env:NIXUNITS_MK_CONTAINER}",
            description = "Nix expression of the mkContainer function (default: mkContainer of the flake "
                    + NixSettings.DEFAULT_FLAKE + " for the system; env NIXUNITS_MK_CONTAINER).")
    String mkContainer;

    @Option(names = "--nixpkgs", paramLabel = "SOURCE", defaultValue = "${env:NIXUNITS_NIXPKGS}",
            description = "nixpkgs given to Nix as -I nixpkgs=SOURCE, for an entry point that reads <nixpkgs>"
                    + " (env NIXUNITS_NIXPKGS).")
    String nixpkgs;

    @Option(names = "--nixpkgs-revision", paramLabel = "REV", defaultValue = "${env:NIXUNITS_NIXPKGS_REVISION}",
            description = "nixpkgs revision the builds use, part of the unit hash (env NIXUNITS_NIXPKGS_REVISION)."
                    + " Without it, a nixpkgs update is not detected and the base is built every time.")
    String nixpkgsRevision;

    @Option(names = "--system", paramLabel = "SYSTEM", defaultValue = "${env:NIXUNITS_SYSTEM}",
            description = "Nix system, part of the unit hash (default: this machine's, such as x86_64-linux).")
    String system;

    @Option(names = "--build-timeout", paramLabel = "MINUTES", defaultValue = "60",
            description = "Time limit of one nix build, in minutes (default: ${DEFAULT-VALUE}).")
    long buildTimeoutMinutes;

    /** Returns the Nix settings; {@code showTrace} adds --show-trace to every build. */
    NixSettings toSettings(boolean showTrace) {
        String nixSystem = blank(system) ? SourceOptions.currentSystem() : system;
        String entryPoint = blank(mkContainer) ? NixSettings.defaultMkContainer(nixSystem) : mkContainer;
        return new NixSettings(entryPoint, blank(nixpkgs) ? null : nixpkgs, nixSystem,
                blank(nixpkgsRevision) ? null : nixpkgsRevision, showTrace ? List.of("--show-trace") : List.of(),
                Duration.ofMinutes(Math.max(1, buildTimeoutMinutes)));
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
