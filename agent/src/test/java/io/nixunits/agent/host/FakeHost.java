package io.nixunits.agent.host;

import io.nixunits.agent.process.ProcessRunner;
import io.nixunits.model.ContainerId;
import io.nixunits.model.declaration.SharedModules;
import io.nixunits.model.host.StateLayout;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A host made of temporary directories: a state root, a unit directory, and the fake commands
 * of src/test/resources/fakes on a private PATH. The fakes log every call to a file that
 * {@link #commands()} returns with the temporary paths replaced by $STATE, $UNITS, $BIN and, for
 * the rest of the temporary directory, $TMP.
 */
public final class FakeHost {
    public static final String SYSTEM = "x86_64-linux";
    public static final String REVISION = "0123456789abcdef0123456789abcdef01234567";
    public static final String MK_CONTAINER = "(import /fake/nixunits).mkContainer";
    private static final List<String> FAKES = List.of("lib.sh", "nix", "systemctl", "machinectl", "mount", "umount",
            "chown", "nsenter");

    private final Path dir;
    private final Path bin;
    private final Path state;
    private final Path units;
    private HostTimeouts timeouts = new HostTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(1),
            Duration.ofSeconds(2), Duration.ofMillis(50));
    private Duration buildTimeout = Duration.ofSeconds(30);

    public FakeHost(Path dir) throws IOException {
        this.dir = dir;
        this.bin = Files.createDirectories(dir.resolve("bin"));
        this.state = dir.resolve("state");
        this.units = dir.resolve("units");
        for (String name : FAKES) {
            try (InputStream in = FakeHost.class.getResourceAsStream("/fakes/" + name)) {
                Files.copy(in, bin.resolve(name));
            }
            Files.setPosixFilePermissions(bin.resolve(name), PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    public FakeHost withTimeouts(HostTimeouts timeouts) {
        this.timeouts = timeouts;
        return this;
    }

    public FakeHost withBuildTimeout(Duration buildTimeout) {
        this.buildTimeout = buildTimeout;
        return this;
    }

    public Path state() {
        return state;
    }

    public Path bin() {
        return bin;
    }

    public StateLayout layout() {
        return new StateLayout(state);
    }

    /**
     * Returns a runner whose PATH has the fakes first, then the system directories for the
     * tools the fake scripts use (sed, mkdir); every faked name is found in the fakes first.
     */
    public ProcessRunner runner() {
        return new ProcessRunner(bin + ":/usr/bin:/bin");
    }

    public HostContext context() {
        NixSettings nix = new NixSettings(MK_CONTAINER, null, SYSTEM, REVISION, List.of(), buildTimeout);
        return new HostContext(layout(), runner(), new UnitDirectory(units, Path.of("/etc/systemd/system")), nix,
                timeouts);
    }

    /** Adds a rule to the fakes' control file, such as {@code fail nix build *--no-link*}. */
    public void control(String rule) throws IOException {
        Files.writeString(bin.resolve("control"), rule + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** Makes the fakes see {@code id} as running. */
    public void running(String id) throws IOException {
        Files.createDirectories(bin.resolve("running"));
        Files.writeString(bin.resolve("running").resolve(id), "");
    }

    public boolean isRunning(String id) {
        return Files.exists(bin.resolve("running").resolve(id));
    }

    /** Returns the calls logged since the last {@link #clearCommands()}, with temporary paths replaced. */
    public List<String> commands() throws IOException {
        Path log = bin.resolve("commands.log");
        if (!Files.exists(log)) {
            return List.of();
        }
        List<String> calls = new ArrayList<>();
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            calls.add(line.replace(state.toString(), "$STATE").replace(units.toString(), "$UNITS")
                    .replace(bin.toString(), "$BIN").replace(dir.toString(), "$TMP"));
        }
        return calls;
    }

    public void clearCommands() throws IOException {
        Files.deleteIfExists(bin.resolve("commands.log"));
    }

    /** Returns a build input for a declaration written under {@code declarations}. */
    public static BuildInput declare(Path declarations, String id, String config, String properties)
            throws IOException {
        Path dir = Files.createDirectories(declarations.resolve(id));
        Files.writeString(dir.resolve("config.nix"), config);
        Files.writeString(dir.resolve("properties.json"), properties);
        return new BuildInput(new ContainerId(id), dir.resolve("config.nix"), config.getBytes(StandardCharsets.UTF_8),
                properties.getBytes(StandardCharsets.UTF_8), null, SharedModules.none());
    }
}
