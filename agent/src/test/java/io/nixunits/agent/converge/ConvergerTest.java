package io.nixunits.agent.converge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nixunits.agent.host.FakeHost;
import io.nixunits.agent.output.PlanDocument;
import io.nixunits.agent.planning.PlanPipeline;
import io.nixunits.agent.planning.PlanReport;
import io.nixunits.agent.planning.PlanSettings;
import io.nixunits.agent.runtime.RuntimeProbe;
import io.nixunits.agent.source.GitFixture;
import io.nixunits.model.ContainerId;
import io.nixunits.model.inventory.Inventory;
import io.nixunits.model.inventory.InventoryEntry;
import io.nixunits.model.inventory.InventoryStore;
import io.nixunits.model.plan.PlanOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plans and applies declarations against a temporary state root, with fake nix, systemctl,
 * machinectl, mount, umount and chown that keep a small runtime state of their own. Not
 * covered: real builds, real overlay mounts, real systemd units and nspawn machines, and the
 * exit status of the command line (the report's {@code converged} flag decides it); the
 * real-host test tier covers those.
 */
class ConvergerTest {
    private static final String CONFIG = "{ ... }: { config.system.stateVersion = \"25.11\"; }\n";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-04T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private FakeHost host;

    @BeforeEach
    void setUp() throws Exception {
        host = new FakeHost(dir);
    }

    private PlanReport plan(Path declarations) throws Exception {
        PlanSettings settings = new PlanSettings(null, null, ".", declarations, "modules", host.state(),
                dir.resolve("cache"), new PlanOptions(FakeHost.SYSTEM, FakeHost.REVISION, false));
        return new PlanPipeline(new RuntimeProbe(host.runner()), CLOCK).plan(settings);
    }

    private ApplyReport apply(Path declarations) throws Exception {
        PlanReport report = plan(declarations);
        Path modules = declarations.resolve("modules");
        return new Converger(host.context(), ApplyProgress.NONE, CLOCK).apply(report,
                Files.isDirectory(modules) ? modules : null, 2);
    }

    private Path declare(String id, String properties) throws Exception {
        Path declarations = dir.resolve("decl");
        FakeHost.declare(declarations, id, CONFIG, properties);
        return declarations;
    }

    private static ContainerResult result(ApplyReport report, String name) {
        return report.containers().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    /** Returns the commands one new container goes through, with its base key and uid range. */
    private static List<String> creation(String id, String baseKey, String declarations, String modules, int index) {
        String merged = "$STATE/containers/" + id + "/tmp/merged";
        String config = "configFile = (/. + \"" + declarations + "/" + id + "/config.nix\");";
        String modulesArgument = modules == null ? "" : " modulesDir = (/. + \"" + modules + "\");";
        return List.of(
                "nix build --impure --out-link $STATE/gcroots/" + baseKey + " --store $STATE/store/default/root"
                        + " --expr (" + FakeHost.MK_CONTAINER + ") { " + config
                        + " propertiesJSON = \"{\\\"id\\\": \\\"dummy\\\"}\";" + modulesArgument + " }",
                "mount -t overlay overlay -o lowerdir=$STATE/store/default/root,upperdir=$STATE/containers/" + id
                        + "/tmp/root_futur,workdir=$STATE/containers/" + id + "/tmp/work " + merged,
                "mount -t tmpfs tmpfs " + merged + "/nix/var/nix",
                "nix build --impure --no-link --json --store " + merged + " --expr ("
                        + FakeHost.MK_CONTAINER + ") { " + config + " id = \"" + id + "\"; propertiesJSON ="
                        + " builtins.readFile (/. + \"$STATE/containers/" + id + "/tmp/root_futur/parameters.json\");"
                        + modulesArgument + " }",
                "umount " + merged + "/nix/var/nix",
                "umount " + merged);
    }

    private static List<String> activation(String id, int index) {
        return List.of(
                "chown -R -h " + (index * 65536L) + ":" + (index * 65536L) + " $STATE/containers/" + id + "/root/nix",
                "systemctl daemon-reload",
                "systemctl start nixunits@" + id + ".service",
                "systemctl is-active nixunits@" + id + ".service",
                "machinectl show " + id + " -p State --value");
    }

    @Test
    void examplesConvergeThenNothingToDo() throws Exception {
        Path examples = GitFixture.examples();
        PlanReport planned = plan(examples);
        host.clearCommands();

        ApplyReport first = new Converger(host.context(), ApplyProgress.NONE, CLOCK).apply(planned,
                examples.resolve("modules"), 1);

        // one base and one container build each, in name order, then the switches and starts
        String declarations = examples.toAbsolutePath().toString();
        String modules = examples.resolve("modules").toAbsolutePath().toString();
        List<String> expected = new ArrayList<>();
        for (String id : List.of("router1", "web2")) {
            var declaration = planned.desired().declarations().get(new ContainerId(id));
            var input = io.nixunits.agent.host.BuildInput.of(declaration, examples, examples.resolve("modules"),
                    planned.desired().modules());
            expected.addAll(creation(id, input.baseKey(host.context().nix()), declarations, modules, 0));
        }
        expected.addAll(activation("router1", 1024));
        expected.addAll(activation("web2", 1025));
        assertEquals(expected, host.commands());
        assertTrue(first.converged(), first.toString());
        assertEquals(List.of("build-base", "build-container", "switch", "start"), result(first, "web2").stepsDone());
        assertTrue(host.isRunning("router1"));
        assertTrue(host.isRunning("web2"));
        Inventory inventory = new InventoryStore(host.layout().inventory()).read();
        InventoryEntry web2 = inventory.get(new ContainerId("web2")).orElseThrow();
        assertEquals(InventoryEntry.Origin.CREATED, web2.origin());
        assertEquals(Files.readString(host.layout().files(new ContainerId("web2")).unitHash()).strip(), web2.unitHash());
        assertEquals(FakeHost.REVISION, web2.fingerprint().nixpkgsRevision());
        assertEquals(List.of("common.nix"), List.copyOf(web2.fingerprint().modules().keySet()));
        assertEquals("router1 1024\nweb2 1025\n", Files.readString(host.layout().uidMap()));

        // the second apply finds everything up to date: only the planner's machinectl list runs
        host.clearCommands();
        ApplyReport second = apply(examples);

        assertEquals(List.of("machinectl list --no-legend --no-pager"), host.commands());
        assertTrue(second.converged());
        assertEquals(ContainerResult.Result.UNCHANGED, result(second, "web2").result());
        assertEquals(ContainerResult.Result.UNCHANGED, result(second, "router1").result());
    }

    @Test
    void oneFailedBuildLeavesOthersConverged() throws Exception {
        declare("alpha", "{\"id\": \"alpha\"}\n");
        declare("beta", "{\"id\": \"beta\"}\n");
        Path declarations = declare("gamma", "{\"id\": \"gamma\"}\n");
        host.control("fail nix build *--json* id = \"beta\";*");

        ApplyReport report = apply(declarations);

        assertFalse(report.converged());
        assertEquals(List.of("beta"), report.failures().stream().map(ContainerResult::name).toList());
        ContainerResult beta = result(report, "beta");
        assertEquals(ContainerResult.Result.FAILED, beta.result());
        assertEquals(List.of("build-base"), beta.stepsDone());
        assertTrue(beta.error().startsWith("container build of beta failed: nix build "), beta.error());
        assertTrue(beta.error().endsWith("nix: failing as the test asked"), beta.error());
        assertEquals(ContainerResult.Result.CONVERGED, result(report, "alpha").result());
        assertEquals(ContainerResult.Result.CONVERGED, result(report, "gamma").result());
        assertTrue(host.isRunning("alpha"));
        assertFalse(host.isRunning("beta"));
        assertTrue(host.isRunning("gamma"));
        assertFalse(host.commands().contains("systemctl start nixunits@beta.service"));
        InventoryEntry owned = new InventoryStore(host.layout().inventory()).read().get(new ContainerId("beta"))
                .orElseThrow(() -> new AssertionError("a container that failed its first build is still owned"));
        assertEquals(InventoryEntry.Origin.CREATED, owned.origin());
        assertEquals(null, owned.unitHash());

        JsonNode written = new ObjectMapper().readTree(host.layout().agentDir().resolve("last-apply.json").toFile());
        assertFalse(written.get("converged").asBoolean());
        assertEquals("2026-12-04T12:00:00Z", written.get("startedAt").asText());
        assertEquals("beta", written.get("containers").get(1).get("name").asText());
        assertEquals("failed", written.get("containers").get(1).get("result").asText().toLowerCase());
        assertEquals(beta.error(), written.get("containers").get(1).get("error").asText());
    }

    @Test
    void failedStartRollsBackToPreviousBuild() throws Exception {
        Path declarations = declare("web2", "{\"id\": \"web2\"}\n");
        apply(declarations);
        ContainerId id = new ContainerId("web2");
        String oldHash = Files.readString(host.layout().files(id).unitHash());
        declare("web2", "{\"id\": \"web2\", \"port\": 8080}\n");
        host.control("fail-once systemctl start nixunits@web2.service");
        host.clearCommands();

        ApplyReport report = apply(declarations);

        ContainerResult web2 = result(report, "web2");
        assertEquals(ContainerResult.Result.ROLLED_BACK, web2.result());
        assertFalse(report.converged());
        assertTrue(web2.error().startsWith("the new build failed to start (systemctl start nixunits@web2.service"
                + " failed with exit status 1:\nsystemctl: failing once as the test asked); rolled back"),
                web2.error());
        assertEquals(List.of("build-container", "switch", "rollback"), web2.stepsDone());
        List<String> commands = host.commands();
        assertEquals(List.of(
                "systemctl stop nixunits@web2.service nixunits-network@web2.service",
                "chown -R -h 67108864:67108864 $STATE/containers/web2/root/nix",
                "systemctl start nixunits@web2.service",
                "systemctl stop nixunits@web2.service nixunits-network@web2.service",
                "systemctl start nixunits@web2.service",
                "systemctl is-active nixunits@web2.service",
                "machinectl show web2 -p State --value"), commands.subList(commands.size() - 7, commands.size()));
        assertTrue(host.isRunning("web2"));
        assertEquals("{\"id\": \"web2\"}\n", Files.readString(host.layout().files(id).parameters()));
        assertEquals(oldHash, Files.readString(host.layout().files(id).unitHash()));
        assertEquals(oldHash.strip(), new InventoryStore(host.layout().inventory()).read().get(id).orElseThrow()
                .unitHash(), "the inventory records the build that runs");
        assertTrue(Files.exists(host.layout().files(id).tmp().resolve("root_failed/parameters.json")),
                "the failed build is kept aside");
    }

    @Test
    void stalePlanFileIsRejected() throws Exception {
        Path declarations = declare("web2", "{\"id\": \"web2\"}\n");
        PlanReport saved = plan(declarations);
        Path planFile = dir.resolve("plan.json");
        PlanDocument document = PlanDocument.from(saved);
        apply(declarations);

        StalePlanException e = assertThrows(StalePlanException.class,
                () -> SavedPlanCheck.verify(planFile, document, plan(declarations)));

        assertTrue(e.getMessage().startsWith("plan " + planFile + " is stale: the host changed since it was made"),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("Make a new plan with 'nixunits-agent plan -o " + planFile
                + "' and review it."), e.getMessage());
    }

    @Test
    void incompletePlanFileIsRejected() throws Exception {
        Path declarations = declare("web2", "{\"id\": \"web2\"}\n");
        PlanDocument incomplete = new PlanDocument(PlanDocument.SCHEMA_VERSION, null, null, null, null, null, null,
                null, null, null);

        StalePlanException e = assertThrows(StalePlanException.class,
                () -> SavedPlanCheck.verify(dir.resolve("plan.json"), incomplete, plan(declarations)));

        assertEquals("plan " + dir.resolve("plan.json") + " is incomplete: it lacks stateDir, hostDigest or"
                + " containers. Give a file written by 'nixunits-agent plan -o FILE'.", e.getMessage());
    }

    @Test
    void currentPlanFileIsAccepted() throws Exception {
        Path declarations = declare("web2", "{\"id\": \"web2\"}\n");
        PlanDocument document = PlanDocument.from(plan(declarations));

        SavedPlanCheck.verify(dir.resolve("plan.json"), document, plan(declarations));
    }

    @Test
    void changedDeclarationMakesPlanStale() throws Exception {
        Path declarations = declare("web2", "{\"id\": \"web2\"}\n");
        apply(declarations);
        PlanDocument document = PlanDocument.from(plan(declarations));
        declare("web2", "{\"id\": \"web2\", \"port\": 8080}\n");

        StalePlanException e = assertThrows(StalePlanException.class,
                () -> SavedPlanCheck.verify(dir.resolve("plan.json"), document, plan(declarations)));

        assertTrue(e.getMessage().contains("a plan made now differs for web2"), e.getMessage());
    }

    @Test
    void deletionKeepsDataAndUidRange() throws Exception {
        Path declarations = declare("web2", "{\"id\": \"web2\"}\n");
        declare("old", "{\"id\": \"old\"}\n");
        apply(declarations);
        Files.walk(declarations.resolve("old")).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile()
                .delete());
        host.clearCommands();

        ApplyReport report = apply(declarations);

        assertEquals(ContainerResult.Result.CONVERGED, result(report, "old").result());
        assertEquals(List.of("machinectl list --no-legend --no-pager",
                "systemctl stop nixunits@old.service nixunits-network@old.service",
                "systemctl daemon-reload",
                "systemctl reset-failed nixunits@old.service nixunits-network@old.service"), host.commands());
        ContainerId old = new ContainerId("old");
        assertTrue(Files.isDirectory(host.layout().files(old).root().resolve("nix")), "the data is kept");
        assertFalse(Files.exists(host.layout().files(old).complete()));
        assertTrue(Files.readString(host.layout().uidMap()).contains("old 1024"), "the uid range is kept");
        assertFalse(new InventoryStore(host.layout().inventory()).read().contains(old));
        assertFalse(host.isRunning("old"));
    }
}
