package io.nixunits.agent.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nixunits.agent.cli.CommandEnvironment;
import io.nixunits.agent.process.ProcessRunner;
import io.nixunits.model.ContainerId;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checks {@code ip6_get} against the shell version's pipeline, run for real: gzip's CRC-32 of the
 * id printed by hexdump, split after four digits. Needs gzip, tail, head and hexdump (Debian's
 * bsdextrautils) on the PATH.
 */
class Ip6AddressTest {
    @ParameterizedTest
    @ValueSource(strings = {"web2", "router1", "a", "b", "x", "test-1", "db.internal", "A-very-long-name.example",
        "0", "nixunits", "web10", "mail-2.example.org"})
    void sameAsShellPipeline(String id) throws Exception {
        String digits = shellPipeline(id);
        String expected = "fc00::" + digits.substring(0, Math.min(4, digits.length())) + ":"
                + digits.substring(Math.min(4, digits.length()));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CommandEnvironment environment = new CommandEnvironment(new ProcessRunner(), InputStream.nullInputStream(),
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err, false);
        int status = NixUnitsMain.run(new String[] {"ip6_get", id}, environment);

        assertEquals(0, status);
        assertEquals(expected + ":2\n", out.toString(StandardCharsets.UTF_8));
        assertEquals(expected + ":1", Ip6Address.host(new ContainerId(id)));
    }

    /** Runs the old tool's pipeline for {@code id}, passed as an argument and never parsed by the shell. */
    private static String shellPipeline(String id) throws Exception {
        Process process = new ProcessBuilder(List.of("sh", "-c",
                "printf %s \"$1\" | gzip -c | tail -c8 | head -c4 | hexdump -e '\"%01x\"'", "sh", id))
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(10, TimeUnit.SECONDS);
        assertEquals(0, process.exitValue(), "the pipeline failed: " + output);
        return output.strip();
    }

}
