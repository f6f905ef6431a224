package io.nixunits.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nixunits.agent.host.FakeHost;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code nixunits-agent apply} through its command line with the fake commands of the
 * host-operation tests on the runner's PATH, and checks its exit statuses: 0 when every container
 * converged, 3 when one failed, 1 when nothing could run.
 */
class ApplyExitStatusTest {
    @TempDir
    Path dir;

    private FakeHost host;
    private Path declarations;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void setUp() throws Exception {
        host = new FakeHost(dir);
        declarations = dir.resolve("declarations");
        for (String id : List.of("web2", "web3")) {
            Path container = Files.createDirectories(declarations.resolve(id));
            Files.writeString(container.resolve("config.nix"), "{ ... }: { }\n");
            Files.writeString(container.resolve("properties.json"), "{\"id\": \"" + id + "\"}\n");
        }
    }

    private int apply(Path source) {
        List<String> args = new ArrayList<>(List.of("apply", "--dir", source.toString(), "--state-dir",
                host.state().toString(), "--unit-dir", dir.resolve("units").toString(), "--mk-container",
                FakeHost.MK_CONTAINER, "--system", FakeHost.SYSTEM, "--nixpkgs-revision", FakeHost.REVISION,
                "--no-color"));
        CommandEnvironment environment = new CommandEnvironment(host.runner(), InputStream.nullInputStream(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                false);
        return AgentMain.run(args.toArray(String[]::new), environment);
    }

    @Test
    void everyContainerConverged() throws Exception {
        int status = apply(declarations);

        assertEquals(ExitCodes.OK, status, err.toString(StandardCharsets.UTF_8));
        assertTrue(host.isRunning("web2"));
        assertTrue(host.isRunning("web3"));
    }

    @Test
    void oneContainerFailed() throws Exception {
        host.control("fail nix build --impure --no-link *id = \"web3\"*");

        int status = apply(declarations);

        assertEquals(ExitCodes.PARTIAL_FAILURE, status, err.toString(StandardCharsets.UTF_8));
        assertTrue(host.isRunning("web2"), "the other container converged");
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("web3: failed"), out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void missingSourceRunsNothing() throws Exception {
        int status = apply(dir.resolve("missing"));

        assertEquals(ExitCodes.ERROR, status);
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("Error: "), err.toString(StandardCharsets.UTF_8));
        assertEquals(List.of(), host.commands());
    }
}
