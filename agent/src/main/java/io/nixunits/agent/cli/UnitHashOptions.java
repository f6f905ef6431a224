package io.nixunits.agent.cli;

import java.util.Locale;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * The Nix system and the nixpkgs revision. With the two declaration files they make the shell
 * tool's unit hash, so every command that plans, builds or compares unit hashes takes them with
 * the same names, variables and defaults.
 */
public final class UnitHashOptions {
    /** A Nix system for Linux: a CPU name, then {@code -linux}. */
    private static final Pattern SYSTEM = Pattern.compile("[a-z0-9_]+-linux");
    /** A Git commit id, or a NixOS version, which ends in the commit: {@code 24.05.20240601.abc1234}. */
    private static final Pattern REVISION =
            Pattern.compile("[0-9a-fA-F]{7,40}|\\d{2}\\.\\d{2}(\\.\\d+)?(\\.[0-9a-fA-F]{7,40})?");

    @Option(names = "--nixpkgs-revision", paramLabel = "REV", defaultValue = "${env:NIXUNITS_NIXPKGS_REVISION}",
            converter = RevisionConverter.class,
            description = "nixpkgs revision the builds use, part of the unit hash (env NIXUNITS_NIXPKGS_REVISION)."
                    + " Without it, a nixpkgs update is not detected, and 'nixunits build' builds the base"
                    + " every time.")
    String nixpkgsRevision;

    @Option(names = "--system", paramLabel = "SYSTEM", defaultValue = "${env:NIXUNITS_SYSTEM}",
            converter = SystemConverter.class,
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

    /** Returns {@code value} when it is blank or matches {@code pattern}, or throws {@code problem}. */
    private static String accept(String value, Pattern pattern, String problem) {
        if (blank(value) || pattern.matcher(value).matches()) {
            return value;
        }
        throw new TypeConversionException("'" + value + "' " + problem);
    }

    /** Accepts a Nix system such as x86_64-linux, or nothing. A typo would name no build of the flake. */
    static final class SystemConverter implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            return accept(value, SYSTEM, "is not a Nix system for Linux. Give one such as x86_64-linux or"
                    + " aarch64-linux (option --system or NIXUNITS_SYSTEM), or leave it out for this machine's ("
                    + currentSystem() + ").");
        }
    }

    /**
     * Accepts a nixpkgs commit or a NixOS version, or nothing. A branch name such as
     * {@code nixos-unstable} is rejected, because it moves and the unit hash would then miss a
     * nixpkgs update.
     */
    static final class RevisionConverter implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            return accept(value, REVISION, "is not a nixpkgs revision. Give the commit the builds use (7 to 40"
                    + " hex digits, as 'nixos-version --revision' prints it) or a NixOS version such as"
                    + " 24.05.20240601.abc1234 (option --nixpkgs-revision or NIXUNITS_NIXPKGS_REVISION). A branch"
                    + " name moves, so a nixpkgs update would go unnoticed.");
        }
    }
}
