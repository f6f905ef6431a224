package io.nixunits.agent.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A bare repository and a work clone made with the real {@code git} command, for tests that
 * push commits and then let the agent clone or fetch them.
 */
public final class GitFixture {
    public final Path bare;
    public final Path work;

    public GitFixture(Path dir) throws IOException, InterruptedException {
        this.bare = dir.resolve("declarations.git");
        this.work = dir.resolve("work");
        Files.createDirectories(dir);
        git(dir, "init", "--quiet", "--bare", "--initial-branch=main", bare.toString());
        git(dir, "init", "--quiet", "--initial-branch=main", work.toString());
        git(work, "remote", "add", "origin", bare.toString());
    }

    /** Writes {@code content} to {@code relative} in the work clone. */
    public GitFixture write(String relative, String content) throws IOException {
        Path file = work.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return this;
    }

    public GitFixture delete(String relative) throws IOException, InterruptedException {
        git(work, "rm", "-r", "--quiet", relative);
        return this;
    }

    /** Copies a directory tree into the work clone under {@code relative}. */
    public GitFixture copy(Path source, String relative) throws IOException {
        try (var paths = Files.walk(source)) {
            for (Path path : paths.toList()) {
                Path target = work.resolve(relative).resolve(source.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        }
        return this;
    }

    /** Commits everything and pushes to the bare repository; returns the commit id. */
    public String commitAndPush(String message) throws IOException, InterruptedException {
        git(work, "add", "-A");
        git(work, "commit", "--quiet", "-m", message);
        git(work, "push", "--quiet", "origin", "HEAD:main");
        return git(work, "rev-parse", "HEAD").strip();
    }

    public String git(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=Test", "-c", "user.email=test@example.org",
                "-c", "commit.gpgsign=false", "-C", dir.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), String.join(" ", command) + ": " + output);
        return output;
    }

    public static Path examples() {
        Path here = Path.of("").toAbsolutePath();
        Path candidate = here.resolveSibling("examples");
        return Files.isDirectory(candidate) ? candidate : here.resolve("examples");
    }
}
