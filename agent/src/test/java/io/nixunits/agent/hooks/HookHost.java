package io.nixunits.agent.hooks;

import io.nixunits.agent.host.FakeHost;
import io.nixunits.agent.process.ProcessRunner;
import io.nixunits.model.ContainerId;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

/**
 * A {@link FakeHost} with the fake network commands added (ip, ovs-vsctl, nsenter, nft,
 * sysctl, kill), a fake /proc and a host resolv.conf, for running the hooks. unit.conf files
 * come from src/test/resources/hooks/unit-conf, copies of the Nix renderer's golden files.
 */
final class HookHost {
    static final List<String> NETWORK_FAKES = List.of("ip", "ovs-vsctl", "nsenter", "nft", "sysctl", "kill");
    /** The fake host's resolv.conf, without a final newline so that the logged nsenter call stays on one line. */
    static final String RESOLV_CONF = "nameserver 10.0.0.53";

    private final Path dir;
    private final FakeHost host;
    private final Path proc;
    private String searchPath;
    private HookTimeouts timeouts = new HookTimeouts(Duration.ofSeconds(10), Duration.ofMillis(300),
            Duration.ofMillis(200), Duration.ofMillis(200), Duration.ofMillis(20));

    HookHost(Path dir) throws IOException {
        this.dir = dir;
        this.host = new FakeHost(dir);
        for (String name : NETWORK_FAKES) {
            Path target = host.bin().resolve(name);
            try (InputStream in = HookHost.class.getResourceAsStream("/fakes/" + name)) {
                Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        this.proc = Files.createDirectories(dir.resolve("proc"));
        Files.writeString(dir.resolve("resolv.conf"), RESOLV_CONF);
        this.searchPath = host.bin() + ":/usr/bin:/bin";
    }

    FakeHost fake() {
        return host;
    }

    Path proc() {
        return proc;
    }

    HookHost withTimeouts(HookTimeouts timeouts) {
        this.timeouts = timeouts;
        return this;
    }

    HookSettings settings() {
        return new HookSettings(host.layout(), new ProcessRunner(searchPath), timeouts, proc,
                dir.resolve("resolv.conf"));
    }

    /** Installs the golden unit.conf {@code name}.conf as the unit.conf of its container; returns the id. */
    String install(String name) throws IOException {
        String text;
        try (InputStream in = HookHost.class.getResourceAsStream("/hooks/unit-conf/" + name + ".conf")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String id = text.lines().filter(l -> l.startsWith("NAME=")).findFirst().orElseThrow().substring(5);
        writeUnitConf(id, text);
        return id;
    }

    void writeUnitConf(String id, String text) throws IOException {
        Path file = host.layout().files(new ContainerId(id)).unitConf();
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    /** Writes a store file at {@code storePath} inside the container's own store layer. */
    void storeFile(String id, String storePath, String content) throws IOException {
        Path file = Path.of(host.layout().files(new ContainerId(id)).root().toString(), storePath);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    void uidMap(String text) throws IOException {
        Files.createDirectories(host.state());
        Files.writeString(host.layout().uidMap(), text);
    }

    void bridge(String name) throws IOException {
        Files.createDirectories(host.bin().resolve("ovs/bridges"));
        Files.writeString(host.bin().resolve("ovs/bridges").resolve(name), "");
    }

    /** Records an Open vSwitch port with {@code owner} as its mark ("" for none), without its interface. */
    void ovsPort(String name, String owner) throws IOException {
        Files.createDirectories(host.bin().resolve("ovs/ports"));
        Files.writeString(host.bin().resolve("ovs/ports").resolve(name), owner);
    }

    boolean ovsPortExists(String name) {
        return Files.exists(host.bin().resolve("ovs/ports").resolve(name));
    }

    void link(String name) throws IOException {
        Files.createDirectories(host.bin().resolve("links"));
        Files.writeString(host.bin().resolve("links").resolve(name), "");
    }

    /** Makes machinectl keep {@code id} registered after poweroff and terminate. */
    void stubborn(String id) throws IOException {
        Files.createDirectories(host.bin().resolve("stubborn"));
        Files.writeString(host.bin().resolve("stubborn").resolve(id), "");
    }

    /** Adds a process to the fake /proc: its parent and the target of its ns/pid link. */
    void process(long pid, long parent, String pidNamespace) throws IOException {
        Path entry = Files.createDirectories(proc.resolve(Long.toString(pid)));
        Files.writeString(entry.resolve("stat"), pid + " (some (odd) name) S " + parent + " " + pid + " 0\n");
        Files.createDirectories(entry.resolve("ns"));
        Files.createSymbolicLink(entry.resolve("ns/pid"), Path.of(pidNamespace));
    }

    /**
     * Leaves only the fakes and the few system tools they need on PATH, then removes the fake
     * {@code command}, so that a host that has the real one does not hide its absence.
     */
    void remove(String command) throws IOException {
        Path tools = Files.createDirectories(dir.resolve("tools"));
        for (String tool : List.of("sh", "mkdir", "cat", "rm", "dirname", "basename", "sleep")) {
            for (String systemDir : List.of("/usr/bin", "/bin")) {
                Path found = Path.of(systemDir, tool);
                if (Files.isExecutable(found) && !Files.exists(tools.resolve(tool))) {
                    Files.createSymbolicLink(tools.resolve(tool), found);
                }
            }
        }
        searchPath = host.bin() + ":" + tools;
        Files.delete(host.bin().resolve(command));
    }

    void run(HookStage stage, String id) throws HookException {
        Hooks.run(stage, new ContainerId(id), settings());
    }

    List<String> commands() throws IOException {
        return host.commands();
    }

    void clearCommands() throws IOException {
        host.clearCommands();
    }
}
