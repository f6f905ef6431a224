package io.nixunits.agent.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NixErrorHintsTest {
    @Test
    void missingNixCommandNamesNixConf() {
        String hint = NixErrorHints.hintFor("error: experimental Nix feature 'nix-command' is disabled; use"
                + " '--extra-experimental-features nix-command' to override");

        assertTrue(hint.contains("experimental-features = nix-command"), hint);
        assertTrue(hint.contains("/etc/nix/nix.conf"), hint);
    }

    @Test
    void missingGetFlakeNamesMkContainer() {
        String hint = NixErrorHints.hintFor("error: attribute 'getFlake' missing\n at «string»:1:2:\n"
                + " 1| ((builtins.getFlake \"path:/etc/nixunits/flake\").lib.x86_64-linux.mkContainer)");

        assertTrue(hint.contains("--mk-container"), hint);
        assertTrue(hint.contains("NIXUNITS_MK_CONTAINER"), hint);
    }

    @Test
    void missingFlakeDirectoryNamesMkContainer() {
        String hint = NixErrorHints.hintFor("error: getting status of '/etc/nixunits/flake': No such file or"
                + " directory");

        assertTrue(hint.contains("--mk-container"), hint);
    }

    @Test
    void otherErrorsGetNoHint() {
        assertEquals("", NixErrorHints.hintFor("error: undefined variable 'pkgs' at config.nix:3:5"));
    }
}
