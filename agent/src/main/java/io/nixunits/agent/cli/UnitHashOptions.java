package io.nixunits.agent.cli;

import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * The Nix system and the nixpkgs revision. With the two declaration files they make the shell
 * tool's unit hash, so every command that plans, builds or compares unit hashes takes them with
 * the same names, variables and defaults.
 */
public final class UnitHashOptions {
    @Option(names = "--nixpkgs-revision", paramLabel = "REV", defaultValue = "${env:NIXUNITS_NIXPKGS_REVISION}",
            description = "nixpkgs revision the builds use, part of the unit hash (env NIXUNITS_NIXPKGS_REVISION)."
                    + " Without it, a nixpkgs update is not detected, and 'nixunits build' builds the base"
                    + " every time.")
    String nixpkgsRevision;

    @Option(names = "--system", paramLabel = "SYSTEM", defaultValue = "${env:NIXUNITS_SYSTEM}",
            description = "Nix system, part of the unit hash (env NIXUNITS_SYSTEM; default: this machine's,"
                    + " such as x86_64-linux).")
    String system;

    /** Returns the revision given, or null when none was given. */
    public String nixpkgsRevision() {
        return blank(nixpkgsRevision) ? null : nixpkgsRevision;
    }

    /** Returns the system given, or this machine's. */
    public String system() {
        return blank(system) ? currentSystem() : system;
    }

    /** Returns the Nix system name of this machine, such as {@code x86_64-linux}. */
    public static String currentSystem() {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String nixArch = switch (arch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            default -> arch;
        };
        return nixArch + "-linux";
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
