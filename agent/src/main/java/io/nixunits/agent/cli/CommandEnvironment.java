package io.nixunits.agent.cli;

import io.nixunits.agent.process.ProcessRunner;
import java.io.InputStream;
import java.io.PrintStream;

/**
 * What a command line runs with: the process runner, whose search path decides which
 * {@code nix}, {@code systemctl} and {@code machinectl} are called, and the standard streams.
 * Tests give a runner on a PATH of fake commands and streams they read back.
 *
 * @param terminal whether standard input and output are a terminal, which allows questions and colour
 */
public record CommandEnvironment(ProcessRunner runner, InputStream in, PrintStream out, PrintStream err,
        boolean terminal) {

    /** Returns the environment of this process: its own PATH, standard streams and console. */
    public static CommandEnvironment system(PrintStream out) {
        return new CommandEnvironment(new ProcessRunner(), System.in, out, System.err, System.console() != null);
    }
}
