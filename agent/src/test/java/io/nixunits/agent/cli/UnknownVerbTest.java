package io.nixunits.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A mistyped or missing verb of nixunits-agent is a usage error that lists the verbs. */
class UnknownVerbTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return AgentMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void mistypedVerbListsCommands() {
        int status = run("plna", "--dir", "examples");

        assertEquals(ExitCodes.USAGE, status);
        assertTrue(stderr().startsWith("Error: unknown command 'plna'. The commands are: plan, apply, run,"), stderr());
        assertTrue(stderr().contains("Run 'nixunits-agent --help' for the options."), stderr());
    }

    @Test
    void noVerbListsCommands() {
        int status = run();

        assertEquals(ExitCodes.USAGE, status);
        assertTrue(stderr().startsWith("Error: no command given. The commands are: plan, apply, run,"), stderr());
    }

    @Test
    void unknownOptionKeepsPicocliMessage() {
        int status = run("--colour");

        assertEquals(ExitCodes.USAGE, status);
        assertTrue(stderr().startsWith("Error: Unknown option: '--colour'"), stderr());
    }

    @Test
    void extraArgumentOfVerbIsNotAVerb() {
        int status = run("status", "extra");

        assertEquals(ExitCodes.USAGE, status);
        assertTrue(stderr().contains("Unmatched argument at index 1: 'extra'"), stderr());
    }
}
