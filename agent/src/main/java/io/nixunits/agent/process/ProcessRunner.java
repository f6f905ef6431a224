package io.nixunits.agent.process;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every external command of the agent: logs the full argument list at debug, enforces a
 * timeout, captures the output, and reports a failure with the exit status and the tail of
 * the output.
 */
public class ProcessRunner {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessRunner.class);
    /** Characters of output quoted in an error message. */
    static final int TAIL_CHARS = 2000;

    private final String searchPath;

    /** Uses the process's own {@code PATH}. */
    public ProcessRunner() {
        this(System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    }

    /** Looks commands up in {@code searchPath}, a colon-separated list of directories. */
    public ProcessRunner(String searchPath) {
        this.searchPath = searchPath;
    }

    /** Returns the executable that {@code name} resolves to on the search path. */
    public Optional<Path> find(String name) {
        for (String dir : searchPath.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Runs {@code command} and returns its result whatever its exit status. */
    public CommandResult run(List<String> command, Duration timeout) throws CommandException {
        List<String> resolved = new ArrayList<>(command);
        Path executable = find(command.get(0)).orElseThrow(() -> new CommandException(command, -1,
                command.get(0) + " not found on PATH (" + searchPath + "). Install it or fix PATH.", null));
        resolved.set(0, executable.toString());
        LOG.debug("running {}", command);

        Process process;
        try {
            ProcessBuilder builder = new ProcessBuilder(resolved);
            builder.environment().put("PATH", searchPath);
            process = builder.start();
        } catch (IOException e) {
            throw new CommandException(command, -1, "cannot start " + String.join(" ", command) + ": " + e, e);
        }
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            LOG.debug("cannot close the standard input of {}: {}", command.get(0), e.toString());
        }
        StreamCollector stdout = StreamCollector.start(process.getInputStream());
        StreamCollector stderr = StreamCollector.start(process.getErrorStream());
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
                throw new CommandException(command, -1, String.join(" ", command) + " timed out after "
                        + timeout.toSeconds() + " s" + tail(stdout.text(), stderr.text()), null);
            }
        } catch (InterruptedException e) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new CommandException(command, -1, String.join(" ", command) + " was interrupted", e);
        }
        return new CommandResult(command, process.exitValue(), stdout.text(), stderr.text());
    }

    /** Runs {@code command} and fails unless it exits with status 0. */
    public CommandResult check(List<String> command, Duration timeout) throws CommandException {
        CommandResult result = run(command, timeout);
        if (!result.succeeded()) {
            throw new CommandException(command, result.exitStatus(), String.join(" ", command) + " failed with exit"
                    + " status " + result.exitStatus() + tail(result.stdout(), result.stderr()), null);
        }
        return result;
    }

    static String tail(String stdout, String stderr) {
        String output = (stdout + (stdout.isEmpty() || stderr.isEmpty() ? "" : "\n") + stderr).strip();
        if (output.isEmpty()) {
            return " and no output";
        }
        if (output.length() > TAIL_CHARS) {
            output = "..." + output.substring(output.length() - TAIL_CHARS);
        }
        return ":\n" + output;
    }

    /** Reads a stream to its end on a thread of its own, so a full pipe never blocks the command. */
    private static final class StreamCollector {
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private final Thread thread;

        private StreamCollector(InputStream in) {
            this.thread = new Thread(() -> {
                try (in) {
                    in.transferTo(buffer);
                } catch (IOException e) {
                    // The process was killed; what was read so far is kept.
                }
            }, "process-output");
            thread.setDaemon(true);
        }

        static StreamCollector start(InputStream in) {
            StreamCollector collector = new StreamCollector(in);
            collector.thread.start();
            return collector;
        }

        String text() {
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (buffer) {
                return buffer.toString(StandardCharsets.UTF_8);
            }
        }
    }
}
