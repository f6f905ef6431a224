package io.nixunits.agent.hooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Parses {@code hook <stage> <id>} as a user types it, bad input included. */
class HookCommandTest {
    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    /** Stands for the nixunits main command, whose --state-dir every verb inherits. */
    @CommandLine.Command(name = "nixunits", subcommands = HookCommand.class)
    static final class Parent {
        @CommandLine.Option(names = "--state-dir", scope = CommandLine.ScopeType.INHERIT)
        Path stateDir;
    }

    private int execute(String... args) {
        CommandLine line = new CommandLine(new Parent());
        line.setErr(new PrintWriter(err, true));
        line.setOut(new PrintWriter(new StringWriter(), true));
        return line.execute(args);
    }

    @Test
    void unknownStageRejected() {
        int status = execute("hook", "start", "web2");

        assertEquals(2, status);
        assertTrue(err.toString().contains("Invalid stage 'start': use one of pre-start, network, post-start, stop."),
                err.toString());
    }

    @Test
    void invalidIdRejected() {
        int status = execute("hook", "pre-start", "../etc");

        assertEquals(2, status);
        assertTrue(err.toString().contains("invalid container id '../etc'"), err.toString());
    }

    @Test
    void invalidStopTimeoutRejected() {
        int status = execute("hook", "--stop-timeout", "0", "stop", "web2");

        assertEquals(2, status);
        assertTrue(err.toString().contains("Invalid value 0 for --stop-timeout"), err.toString());
    }

    @Test
    void preStartWithoutNetworkSucceeds() throws Exception {
        Path unitConf = dir.resolve("containers/isolated/unit.conf");
        Files.createDirectories(unitConf.getParent());
        Files.writeString(unitConf, "NSPAWN_ARGS=--private-network\nNAME=isolated\nSYSTEM_PATH=/nix/store/"
                + "00000000000000000000000000000000-nixos-system\n");

        int status = execute("hook", "--state-dir", dir.toString(), "pre-start", "isolated");

        assertEquals(0, status, err.toString());
    }
}
