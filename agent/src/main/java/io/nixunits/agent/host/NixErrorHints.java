package io.nixunits.agent.host;

/**
 * Adds the fix to the Nix errors that a host set up by hand runs into first: a missing
 * experimental feature, and the default mkContainer, a flake that only the NixOS module
 * installs.
 */
final class NixErrorHints {
    private NixErrorHints() {
    }

    /** Returns the fix for {@code nixError} as a sentence that starts with a space, or "" for other errors. */
    static String hintFor(String nixError) {
        if (nixError.contains("getFlake") || nixError.contains("'flakes' is disabled")
                || nixError.contains(NixSettings.DEFAULT_FLAKE.substring("path:".length()))) {
            return " The default mkContainer is the flake " + NixSettings.DEFAULT_FLAKE + ", which the NixOS module"
                    + " installs and which needs Nix's 'flakes' feature. On other hosts give --mk-container or"
                    + " NIXUNITS_MK_CONTAINER (see docs/nix.md).";
        }
        if (nixError.contains("'nix-command' is disabled")) {
            return " Add 'experimental-features = nix-command' to /etc/nix/nix.conf.";
        }
        return "";
    }
}
