package io.nixunits.agent.process;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
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
    /** Characters of a streamed standard error kept for the error message. */
    static final int STREAMED_KEPT_CHARS = 16 * 1024;

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
        return execute(command, timeout, null);
    }

    /**
     * Runs {@code command}, passes each line of its standard error to {@code errorLines} as it
     * comes, and fails unless it exits with status 0. Standard output is captured whole, so a
     * command such as {@code nix build --print-out-paths} can stream its progress and still
     * return its result. Of standard error, only the last {@value #STREAMED_KEPT_CHARS}
     * characters are kept, for the error message.
     */
    public CommandResult checkStreaming(List<String> command, Duration timeout, Consumer<String> errorLines)
            throws CommandException {
        CommandResult result = execute(command, timeout, errorLines);
        if (!result.succeeded()) {
            throw failure(result);
        }
        return result;
    }

    private CommandResult execute(List<String> command, Duration timeout, Consumer<String> errorLines)
            throws CommandException {
        List<String> resolved = resolve(command);
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
        StreamCollector stderr = errorLines == null ? StreamCollector.start(process.getErrorStream())
                : StreamCollector.startLines(process.getErrorStream(), errorLines);
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

    /**
     * Runs {@code command} attached to this process's standard input, output and error, without
     * a time limit, and returns its exit status. For interactive commands, such as a shell in a
     * container or {@code machinectl login}, whose output is the user's and not the caller's.
     */
    public int runAttached(List<String> command) throws CommandException {
        List<String> resolved = resolve(command);
        LOG.debug("running attached {}", command);
        try {
            ProcessBuilder builder = new ProcessBuilder(resolved).inheritIO();
            builder.environment().put("PATH", searchPath);
            return builder.start().waitFor();
        } catch (IOException e) {
            throw new CommandException(command, -1, "cannot start " + String.join(" ", command) + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandException(command, -1, String.join(" ", command) + " was interrupted", e);
        }
    }

    /** Returns {@code command} with its first word replaced by the executable it names on the search path. */
    private List<String> resolve(List<String> command) throws CommandException {
        List<String> resolved = new ArrayList<>(command);
        Path executable = find(command.get(0)).orElseThrow(() -> new CommandException(command, -1,
                command.get(0) + " not found on PATH (" + searchPath + "). Install it or fix PATH.", null));
        resolved.set(0, executable.toString());
        return resolved;
    }

    /** Runs {@code command} and fails unless it exits with status 0. */
    public CommandResult check(List<String> command, Duration timeout) throws CommandException {
        CommandResult result = run(command, timeout);
        if (!result.succeeded()) {
            throw failure(result);
        }
        return result;
    }

    private static CommandException failure(CommandResult result) {
        return new CommandException(result.command(), result.exitStatus(), String.join(" ", result.command())
                + " failed with exit status " + result.exitStatus() + tail(result.stdout(), result.stderr()), null);
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

        /** Reads lines, hands each to {@code lines}, and keeps only the end of the text. */
        private StreamCollector(InputStream in, Consumer<String> lines) {
            this.thread = new Thread(() -> {
                try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = reader.readLine()) != null) {
                        lines.accept(line);
                        keepEnd(line);
                    }
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

        static StreamCollector startLines(InputStream in, Consumer<String> lines) {
            StreamCollector collector = new StreamCollector(in, lines);
            collector.thread.start();
            return collector;
        }

        private void keepEnd(String line) {
            synchronized (buffer) {
                byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
                buffer.write(bytes, 0, bytes.length);
                if (buffer.size() > 2 * STREAMED_KEPT_CHARS) {
                    byte[] all = buffer.toByteArray();
                    buffer.reset();
                    buffer.write(all, all.length - STREAMED_KEPT_CHARS, STREAMED_KEPT_CHARS);
                }
            }
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
