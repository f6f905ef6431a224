package io.nixunits.agent.command;

import io.nixunits.agent.cli.CommandEnvironment;
import io.nixunits.agent.host.FakeHost;
import io.nixunits.agent.process.ProcessRunner;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs {@code nixunits} in process against a {@link FakeHost}: its state root, unit directory and
 * fake commands, with standard input given by the test and the output, logs included, kept for
 * assertions.
 */
final class NixUnitsRun {
    private final FakeHost host;
    private final Path unitDir;
    private ProcessRunner runner;
    private String input = "";
    private String stdout = "";
    private String stderr = "";

    NixUnitsRun(FakeHost host, Path unitDir) {
        this.host = host;
        this.unitDir = unitDir;
        this.runner = host.runner();
    }

    /** Runs the commands of {@code runner} instead of the fake host's, such as one on a PATH without a tool. */
    NixUnitsRun withRunner(ProcessRunner runner) {
        this.runner = runner;
        return this;
    }

    NixUnitsRun withInput(String text) {
        this.input = text;
        return this;
    }

    /** Runs {@code nixunits --state-dir STATE --unit-dir UNITS ARGS...} and returns its exit status. */
    int run(String... args) {
        List<String> all = new ArrayList<>(List.of("--state-dir", host.state().toString(), "--unit-dir",
                unitDir.toString()));
        all.addAll(List.of(args));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandEnvironment environment = new CommandEnvironment(runner,
                new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                false);
        // slf4j-simple writes to whatever System.err is at each log call, so the logs are caught too
        PrintStream systemErr = System.err;
        System.setErr(environment.err());
        int status;
        try {
            status = NixUnitsMain.run(all.toArray(String[]::new), environment);
        } finally {
            System.setErr(systemErr);
        }
        stdout = out.toString(StandardCharsets.UTF_8);
        stderr = err.toString(StandardCharsets.UTF_8);
        return status;
    }

    String stdout() {
        return stdout;
    }

    String stderr() {
        return stderr;
    }
}
