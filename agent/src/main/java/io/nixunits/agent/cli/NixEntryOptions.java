package io.nixunits.agent.cli;

import io.nixunits.agent.host.NixSettings;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Nix build options of both commands: the mkContainer entry point, the nixpkgs
 * source and the time limit of one build. A picocli mixin of {@code apply}, {@code run},
 * {@code nixunits build} and {@code nixunits status}.
 */
public final class NixEntryOptions {
    @Option(names = "--mk-container", paramLabel = "EXPR", defaultValue = "${env:NIXUNITS_MK_CONTAINER}",
            description = "Nix expression of the mkContainer function (default: mkContainer of the flake "
                    + NixSettings.DEFAULT_FLAKE + " for the system; env NIXUNITS_MK_CONTAINER).")
    String mkContainer;

    @Option(names = "--nixpkgs", paramLabel = "SOURCE", defaultValue = "${env:NIXUNITS_NIXPKGS}",
            description = "nixpkgs given to Nix as -I nixpkgs=SOURCE, for an entry point that reads <nixpkgs>"
                    + " (env NIXUNITS_NIXPKGS). A flake entry point pins its own.")
    String nixpkgs;

    @Option(names = "--build-timeout", paramLabel = "MINUTES", defaultValue = "60",
            description = "Time limit of one nix build, in minutes (default: ${DEFAULT-VALUE}).")
    long buildTimeoutMinutes;

    /** Returns the Nix settings for {@code system} and {@code nixpkgsRevision} (null when unknown). */
    public NixSettings toSettings(String system, String nixpkgsRevision, List<String> extraOptions) {
        String entryPoint = blank(mkContainer) ? NixSettings.defaultMkContainer(system) : mkContainer;
        return new NixSettings(entryPoint, blank(nixpkgs) ? null : nixpkgs, system, nixpkgsRevision, extraOptions,
                Duration.ofMinutes(Math.max(1, buildTimeoutMinutes)));
    }

    /** Returns the build time limit as given, for a usage check. */
    public long buildTimeoutMinutes() {
        return buildTimeoutMinutes;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
