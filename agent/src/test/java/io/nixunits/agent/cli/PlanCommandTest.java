package io.nixunits.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nixunits.agent.planning.PlanPipeline;
import io.nixunits.agent.process.ProcessRunner;
import io.nixunits.agent.runtime.RuntimeProbe;
import io.nixunits.agent.source.GitFixture;
import io.nixunits.model.ContainerId;
import io.nixunits.model.declaration.SharedModules;
import io.nixunits.model.hash.UnitHashes;
import io.nixunits.model.inventory.AgentFingerprint;
import io.nixunits.model.inventory.Inventory;
import io.nixunits.model.inventory.InventoryEntry;
import io.nixunits.model.inventory.InventoryStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code nixunits-agent plan} in process, on the repository's examples, a temporary state
 * root, and a fake {@code machinectl} on a private PATH.
 */
class PlanCommandTest {
    private static final String REV = "0123456789abcdef0123456789abcdef01234567";

    @TempDir
    Path dir;

    private Path state;
    private Path bin;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void setUp() throws Exception {
        state = dir.resolve("state");
        bin = Files.createDirectories(dir.resolve("bin"));
        running();
    }

    private void running(String... ids) throws Exception {
        StringBuilder script = new StringBuilder("#!/bin/sh\n");
        for (String id : ids) {
            script.append("echo '").append(id).append(" container systemd-nspawn nixos 25.11 -'\n");
        }
        Path fake = bin.resolve("machinectl");
        Files.writeString(fake, script.toString());
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private int plan(String... args) {
        List<String> all = new ArrayList<>(List.of("plan", "--state-dir", state.toString(), "--system",
                "x86_64-linux", "--no-color"));
        all.addAll(List.of(args));
        PlanPipeline pipeline = new PlanPipeline(new RuntimeProbe(new ProcessRunner(bin.toString())),
                Clock.fixed(Instant.parse("2026-12-04T12:00:00Z"), ZoneOffset.UTC));
        return AgentMain.run(all.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), pipeline);
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** Puts the examples on the host as the agent would have left them, built with {@link #REV}. */
    private void convergeExamples() throws Exception {
        Inventory inventory = Inventory.empty();
        for (String id : List.of("web2", "router1")) {
            Path declaration = GitFixture.examples().resolve(id);
            byte[] config = Files.readAllBytes(declaration.resolve("config.nix"));
            byte[] props = Files.readAllBytes(declaration.resolve("properties.json"));
            String env = UnitHashes.envHash("x86_64-linux", REV);
            String unitHash = UnitHashes.unitHash(props, UnitHashes.storeHash(config, env));
            Path container = Files.createDirectories(state.resolve("containers").resolve(id));
            Files.write(container.resolve(".complete"), config);
            Files.write(container.resolve("parameters.json"), props);
            Files.writeString(container.resolve(".unit_hash"), unitHash + "\n");
            Path modules = GitFixture.examples().resolve("modules/common.nix");
            SharedModules shared = SharedModules.of(Map.of("common.nix",
                    UnitHashes.sha256Hex(Files.readAllBytes(modules))));
            inventory = inventory.with(new InventoryEntry(new ContainerId(id), InventoryEntry.Origin.CREATED, unitHash,
                    AgentFingerprint.of("x86_64-linux", REV, shared), null, Instant.now()));
        }
        new InventoryStore(state.resolve("agent/inventory.json")).write(inventory);
    }

    @Test
    void examplesOnEmptyHostPlanTwoCreations() {
        int status = plan("--dir", GitFixture.examples().toString());

        assertEquals(0, status, stderr());
        assertTrue(stdout().contains("  + router1  create\n      not on the host\n"
                + "      steps: build base, build container, switch, start\n"), stdout());
        assertTrue(stdout().contains("  + web2  create\n"), stdout());
        assertTrue(stdout().contains("Plan: 2 to create, 0 to change, 0 to start, 0 to adopt, 0 to delete;"
                + " 0 unchanged, 0 unmanaged."), stdout());
    }

    @Test
    void detailedExitCodeReportsChanges() {
        assertEquals(2, plan("--dir", GitFixture.examples().toString(), "--detailed-exitcode"), stderr());
    }

    @Test
    void convergedHostHasNoChanges() throws Exception {
        convergeExamples();
        running("web2", "router1");

        int status = plan("--dir", GitFixture.examples().toString(), "--nixpkgs-revision", REV, "--detailed-exitcode");

        assertEquals(0, status, stdout() + stderr());
        assertTrue(stdout().contains("  = router1  unchanged: up to date and running\n".replace("=", " ")), stdout());
        assertTrue(stdout().contains("No changes."), stdout());
    }

    @Test
    void stoppedContainerIsPlannedToStart() throws Exception {
        convergeExamples();
        running("router1");

        int status = plan("--dir", GitFixture.examples().toString(), "--nixpkgs-revision", REV, "--detailed-exitcode");

        assertEquals(2, status);
        assertTrue(stdout().contains("  > web2  start\n      up to date but not running\n      steps: start\n"),
                stdout());
    }

    @Test
    void invalidDeclarationFailsDetailedExitCode() throws Exception {
        Path repo = dir.resolve("decls");
        Files.createDirectories(repo.resolve("bad_id"));
        Files.writeString(repo.resolve("bad_id/config.nix"), "{ }");
        Files.writeString(repo.resolve("bad_id/properties.json"), "{}");

        assertEquals(1, plan("--dir", repo.toString(), "--detailed-exitcode"));
        assertTrue(stdout().contains("  ! bad_id  invalid\n      invalid container id 'bad_id': it contains '_', which"
                + " systemd does not allow in machine names. Use 1 to 64 letters, digits, '-' and '.', starting with a"
                + " letter or digit. Rename the directory: its name is the container id.\n"), stdout());
    }

    @Test
    void jsonOutputFollowsSchema() throws Exception {
        int status = plan("--dir", GitFixture.examples().toString(), "--json");

        assertEquals(0, status, stderr());
        JsonNode json = new ObjectMapper().readTree(stdout());
        assertEquals(1, json.get("schemaVersion").asInt());
        assertEquals("directory", json.get("source").get("kind").asText());
        assertEquals("2026-12-04T12:00:00Z", json.get("createdAt").asText());
        assertTrue(json.get("summary").get("changes").asBoolean());
        assertEquals(2, json.get("summary").get("byAction").get("create").asInt());
        assertEquals("router1", json.get("containers").get(0).get("name").asText());
        assertEquals("create", json.get("containers").get(0).get("action").asText());
        assertEquals("build-base", json.get("containers").get(0).get("steps").get(0).asText());
        assertTrue(json.get("runtime").get("known").asBoolean());
        assertEquals(64, json.get("hostDigest").asText().length());
    }

    @Test
    void outFileHoldsPlanJson() throws Exception {
        Path file = dir.resolve("plans/plan.json");

        assertEquals(0, plan("--dir", GitFixture.examples().toString(), "-o", file.toString()));

        JsonNode json = new ObjectMapper().readTree(file.toFile());
        assertEquals(2, json.get("containers").size());
        assertTrue(stdout().contains("Plan: 2 to create"), "the human plan is still printed");
    }

    @Test
    void outFileThatIsADirectoryIsAnError() throws Exception {
        Path directory = Files.createDirectories(dir.resolve("plans"));

        assertEquals(1, plan("--dir", GitFixture.examples().toString(), "-o", directory.toString()));

        assertTrue(stderr().contains("cannot write the plan to " + directory + " (given with -o): Is a directory."),
                stderr());
        assertFalse(stderr().contains("unexpected"), stderr());
    }

    @Test
    void invalidSystemIsAUsageError() {
        int status = AgentMain.run(new String[] {"plan", "--dir", GitFixture.examples().toString(), "--state-dir",
            state.toString(), "--system", "x86 64"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertEquals(2, status, stderr());
        assertTrue(stderr().contains("'x86 64' is not a Nix system for Linux"), stderr());
        assertFalse(Files.exists(state), "nothing is written");
    }

    @Test
    void branchNameIsNotARevision() {
        assertEquals(2, plan("--dir", GitFixture.examples().toString(), "--nixpkgs-revision", "nixos-unstable"));
        assertTrue(stderr().contains("'nixos-unstable' is not a nixpkgs revision"), stderr());
    }

    @Test
    void gitRepositoryPlanNamesCommit() throws Exception {
        GitFixture repo = new GitFixture(dir.resolve("git"));
        repo.copy(GitFixture.examples(), "hosts/h1");
        String commit = repo.commitAndPush("declare web2 and router1");

        int status = plan("--repo", repo.bare.toString(), "--path", "hosts/h1", "--cache-dir",
                dir.resolve("cache").toString());

        assertEquals(0, status, stderr());
        assertTrue(stdout().startsWith("NixUnits plan for state root " + state + " from Git repository " + repo.bare
                + ", ref main at commit " + commit + "\n"), stdout());
    }

    @Test
    void unreachableRepositoryIsAnErrorWithoutTrace() {
        int status = plan("--repo", "http://ci:hunter2@127.0.0.1:9/none.git", "--cache-dir",
                dir.resolve("cache").toString());

        assertEquals(1, status);
        assertTrue(stderr().startsWith("Error: cannot clone http://***@127.0.0.1:9/none.git: "), stderr());
        assertFalse(stderr().contains("hunter2"), stderr());
        assertFalse(stderr().contains("\tat "), "no stack trace without --debug");
    }

    @Test
    void missingSourceIsUsageError() {
        int status = plan();

        assertEquals(2, status);
        assertTrue(stderr().startsWith("Error: Missing required argument"), stderr());
        assertTrue(stderr().contains("Run 'nixunits-agent plan --help' for the options."), stderr());
    }

    @Test
    void bothSourcesAreUsageError() {
        int status = plan("--dir", "a", "--repo", "b");

        assertEquals(2, status);
        assertTrue(stderr().contains("mutually exclusive"), stderr());
    }

    @Test
    void missingDirectoryIsAnError() {
        int status = plan("--dir", dir.resolve("nowhere").toString());

        assertEquals(1, status);
        assertTrue(stderr().contains("declarations directory " + dir.resolve("nowhere") + " does not exist"), stderr());
    }

    @Test
    void emptyDirectoryHoldsDeletions() throws Exception {
        convergeExamples();
        Path empty = Files.createDirectories(dir.resolve("empty"));

        int status = plan("--dir", empty.toString(), "--nixpkgs-revision", REV);

        assertEquals(0, status, stderr());
        assertTrue(stdout().contains("deletion is held back"), stdout());
        assertTrue(stdout().contains("  ! web2  deletion held\n"), stdout());
    }

    @Test
    void pathWithDirIsUsageError() {
        int status = plan("--dir", GitFixture.examples().toString(), "--path", "../..");

        assertEquals(2, status);
        assertTrue(stderr().startsWith("Error: --path applies to --repo only"), stderr());
    }

    @Test
    void missingNamedModulesIsAnError() {
        int status = plan("--dir", GitFixture.examples().toString(), "--modules", "nope");

        assertEquals(1, status);
        assertTrue(stderr().contains("shared modules directory nope not found in "), stderr());
    }

    @Test
    void emptyDirectoryIsWarned() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("nothing-here"));

        assertEquals(0, plan("--dir", empty.toString()));
        assertTrue(stdout().contains("Warning: No declarations were found."), stdout());
    }

    @Test
    void missingStateRootIsWarned() {
        assertEquals(0, plan("--dir", GitFixture.examples().toString()));
        assertTrue(stdout().contains("Warning: State root " + state + " does not exist"), stdout());
    }

    @Test
    void versionWorksOnVerbs() {
        assertEquals(0, plan("-V"));
        assertTrue(stdout().startsWith("NixUnits "), stdout());
    }

    @Test
    void brokenInventoryNamesFile() throws Exception {
        // The host and the inventory are read on another thread, and their errors must still reach the user.
        convergeExamples();
        Path inventory = state.resolve("agent/inventory.json");
        Files.writeString(inventory, "{\"formatVersion\": 1, \"containers\": [");

        int status = plan("--dir", GitFixture.examples().toString(), "--nixpkgs-revision", REV);

        assertEquals(1, status, stdout());
        assertTrue(stderr().contains(inventory.toString()), stderr());
        assertEquals("", stdout());
    }

    @Test
    void brokenUidMapNamesFile() throws Exception {
        convergeExamples();
        Files.writeString(state.resolve("uidmap"), "web2 not-a-number\n");

        int status = plan("--dir", GitFixture.examples().toString(), "--nixpkgs-revision", REV);

        assertEquals(1, status, stdout());
        assertTrue(stderr().contains("uid map " + state.resolve("uidmap") + " is invalid"), stderr());
    }
}
