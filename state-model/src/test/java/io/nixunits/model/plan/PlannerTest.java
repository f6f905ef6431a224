package io.nixunits.model.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nixunits.model.ContainerId;
import io.nixunits.model.declaration.Declaration;
import io.nixunits.model.declaration.DeclarationProblem;
import io.nixunits.model.declaration.DesiredState;
import io.nixunits.model.declaration.SharedModules;
import io.nixunits.model.hash.UnitHashes;
import io.nixunits.model.host.HostFixture;
import io.nixunits.model.inventory.AgentFingerprint;
import io.nixunits.model.inventory.Inventory;
import io.nixunits.model.inventory.InventoryEntry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PlannerTest {
    private static final String SYSTEM = "x86_64-linux";
    private static final String REV = "1111111111111111111111111111111111111111";
    private static final String NEW_REV = "2222222222222222222222222222222222222222";
    private static final String ENV = UnitHashes.envHash(SYSTEM, REV);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String WEB2_CONFIG = "{ properties, ... }: { caps_allow = [ ]; }\n";
    private static final String WEB2_PROPS = "{\n  \"id\": \"web2\",\n  \"ip4\": \"192.168.20.2/31\"\n}\n";

    private final HostFixture host = new HostFixture();
    private final TreeMap<ContainerId, Declaration> declarations = new TreeMap<>();
    private final List<DeclarationProblem> problems = new ArrayList<>();
    private SharedModules modules = SharedModules.none();
    private Inventory inventory = Inventory.empty();
    private RuntimeState runtime = RuntimeState.known(Set.of());
    private PlanOptions options = new PlanOptions(SYSTEM, REV, false);

    @AfterEach
    void tearDown() throws Exception {
        host.close();
    }

    // helpers

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private Declaration declare(String id, String config, String properties) throws Exception {
        Declaration declaration = new Declaration(new ContainerId(id), bytes(config), bytes(properties),
                (ObjectNode) JSON.readTree(properties));
        declarations.put(declaration.id(), declaration);
        return declaration;
    }

    /** Puts on the host a container built from these files with nixpkgs {@code rev}, as the shell tool records it. */
    private void built(String id, String config, String properties, String rev) {
        String unitHash = UnitHashes.unitHash(bytes(properties),
                UnitHashes.storeHash(bytes(config), UnitHashes.envHash(SYSTEM, rev)));
        host.container(id).built(bytes(config), bytes(properties), unitHash);
    }

    private void owned(String id, String config, String properties) {
        String unitHash = UnitHashes.unitHash(bytes(properties), UnitHashes.storeHash(bytes(config), ENV));
        inventory = inventory.with(new InventoryEntry(new ContainerId(id), InventoryEntry.Origin.CREATED, unitHash,
                AgentFingerprint.of(SYSTEM, REV, modules), "c0ffee", Instant.parse("2026-12-01T00:00:00Z")));
    }

    private void running(String... ids) {
        runtime = RuntimeState.known(Set.of(ids).stream().map(ContainerId::new).collect(java.util.stream.Collectors.toSet()));
    }

    private Plan plan() throws Exception {
        DesiredState desired = new DesiredState(declarations, problems, modules, List.of());
        return new Planner().plan(new PlanInput(desired, host.read(), runtime, inventory, options));
    }

    private static ContainerPlan only(Plan plan) {
        assertEquals(1, plan.containers().size(), plan.containers().toString());
        return plan.containers().get(0);
    }

    private static List<ReasonCode> codes(ContainerPlan plan) {
        return plan.reasons().stream().map(Reason::code).toList();
    }

    // creation and up-to-date containers

    @Test
    void missingContainerIsCreated() throws Exception {
        declare("web2", WEB2_CONFIG, WEB2_PROPS);

        ContainerPlan web2 = only(plan());

        assertEquals(Action.CREATE, web2.action());
        assertEquals(List.of(Step.BUILD_BASE, Step.BUILD_CONTAINER, Step.SWITCH, Step.START), web2.steps());
        assertEquals(List.of(ReasonCode.NOT_ON_HOST), codes(web2));
        assertFalse(web2.adopt());
    }

    @Test
    void directoryWithoutBuildIsCreated() throws Exception {
        declare("web2", WEB2_CONFIG, WEB2_PROPS);
        owned("web2", WEB2_CONFIG, WEB2_PROPS);
        host.container("web2").data();

        ContainerPlan web2 = only(plan());

        assertEquals(Action.CREATE, web2.action());
        assertEquals(List.of(ReasonCode.NOT_BUILT), codes(web2));
    }

    @Test
    void upToDateRunningIsUnchanged() throws Exception {
        declare("web2", WEB2_CONFIG, WEB2_PROPS);
        built("web2", WEB2_CONFIG, WEB2_PROPS, REV);
        owned("web2", WEB2_CONFIG, WEB2_PROPS);
        running("web2");

        Plan plan = plan();
        ContainerPlan web2 = only(plan);

        assertEquals(Action.UNCHANGED, web2.action());
        assertEquals(List.of(), web2.steps());
        assertEquals(List.of(ReasonCode.UP_TO_DATE), codes(web2));
        assertFalse(plan.hasChanges());
    }

    @Test
    void upToDateStoppedIsStarted() throws Exception {
        declare("web2", WEB2_CONFIG, WEB2_PROPS);
        built("web2", WEB2_CONFIG, WEB2_PROPS, REV);
        owned("web2", WEB2_CONFIG, WEB2_PROPS);

        ContainerPlan web2 = only(plan());

        assertEquals(Action.START, web2.action());
        assertEquals(List.of(Step.START), web2.steps());
        assertEquals(List.of(ReasonCode.NOT_RUNNING), codes(web2));
    }

    // rebuilds

    @Test
    void configChangeRebuildsBase() throws Exception {
        declare("web2", "{ ... }: { caps_allow = [ \"CAP_NET_ADMIN\" ]; }\n", WEB2_PROPS);
        built("web2", WEB2_CONFIG, WEB2_PROPS, REV);
        owned("web2", WEB2_CONFIG, WEB2_PROPS);
        running("web2");

        ContainerPlan web2 = only(plan());

        assertEquals(Action.REBUILD_BASE_AND_CONTAINER, web2.action());
        assertEquals(List.of(Step.BUILD_BASE, Step.BUILD_CONTAINER, Step.SWITCH, Step.RESTART), web2.steps());
        Reason reason = web2.reasons().get(0);
        assertEquals(ReasonCode.CONFIG_CHANGED, reason.code());
        assertEquals("config.nix", reason.file());
        assertTrue(reason.message().startsWith("config.nix changed (sha1 " + UnitHashes.sha1Hex(bytes(WEB2_CONFIG))),
                reason.message());
    }

    @Test
    void propertiesChangeRebuildsContainerOnly() throws Exception {
        declare("web2", WEB2_CONFIG, "{\"id\": \"web2\", \"ip4\": \"192.168.20.4/31\", \"vlan\": 12}");
        built("web2", WEB2_CONFIG, WEB2_PROPS, REV);
        owned("web2", WEB2_CONFIG, WEB2_PROPS);
        running("web2");

        ContainerPlan web2 = only(plan());

        assertEquals(Action.REBUILD_CONTAINER, web2.action());
        assertEquals(List.of(Step.BUILD_CONTAINER, Step.SWITCH, Step.RESTART), web2.steps());
        List<String> messages = web2.reasons().stream().map(Reason::message).toList();
        assertEquals(List.of(
                "properties.json changed: 2 keys",
                "ip4: \"192.168.20.2/31\" -> \"192.168.20.4/31\"",
                "vlan added: 12"), messages);
        PropertyChange ip4 = web2.reasons().get(1).change();
        assertEquals(new PropertyChange("ip4", PropertyChange.Kind.CHANGED, "\"192.168.20.2/31\"",
                "\"192.168.20.4/31\"", false), ip4);
    }

    @Test
    void secretValuesAreRedacted() throws Exception {
        String before = "{\"id\": \"web2\", \"db\": {\"password\": \"hunter2\"}, \"apiToken\": \"t1\"}";
        String after = "{\"id\": \"web2\", \"db\": {\"password\": \"correct horse\"}}";
        declare("web2", WEB2_CONFIG, after);
        built("web2", WEB2_CONFIG, before, REV);
        owned("web2", WEB2_CONFIG, before);
        running("web2");

        ContainerPlan web2 = only(plan());

        List<String> messages = web2.reasons().stream().map(Reason::message).toList();
        assertEquals(List.of(
                "properties.json changed: 2 keys",
                "apiToken removed (value redacted)",
                "db.password changed (value redacted)"), messages);
        String all = web2.toString();
        assertFalse(all.contains("hunter2") || all.contains("correct horse") || all.contains("t1\""), all);
        assertNull(web2.reasons().get(2).change().newValue());
        assertTrue(web2.reasons().get(2).change().redacted());
    }

    @Test
    void formattingOnlyChangeRebuildsContainer() throws Exception {
        declare("web2", WEB2_CONFIG, "{\"id\":\"web2\",\"ip4\":\"192.168.20.2/31\"}");
        built("web2", WEB2_CONFIG, WEB2_PROPS, REV);
        owned("web2", WEB2_CONFIG, WEB2_PROPS);
        running("web2");

        ContainerPlan web2 = only(plan());

        assertEquals(Action.REBUILD_CONTAINER, web2.action());
        assertEquals("properties.json changed (formatting only, no value changed)", web2.reasons().get(0).message());
    }

    @Test
    void nixpkgsChangeSeenThroughUnitHash() throws Exception {
        declare("web2", WEB2_CONFIG, WEB2_PROPS);
        built("web2", WEB2_CONFIG, WEB2_PROPS, REV);
        options = new PlanOptions(SYSTEM, NEW_REV, false);
        running("web2");

        ContainerPlan web2 = only(plan());

        assertEquals(Action.REBUILD_BASE_AND_CONTAINER, web2.action());
        assertTrue(web2.adopt());
        assertEquals(List.of(ReasonCode.NOT_IN_INVENTORY, ReasonCode.NIXPKGS_CHANGED), codes(web2));
        assertTrue(web2.reasons().get(1).message().contains("now x86_64-linux-" + NEW_REV),
                web2.reasons().get(1).message());
    }

    @Test
    void nixpkgsChangeSeenThroughFingerprint() throws Exception {
        declare("web2", WEB2_CONFIG, WEB2_PROPS);
        built("web2", WEB2_CONFIG, WEB2_PROPS, REV);
        owned("web2", WEB2_CONFIG, WEB2_PROPS);
        options = new PlanOptions(SYSTEM, NEW_REV, false);
        running("web2");

        ContainerPlan web2 = only(plan());

        assertEquals(Action.REBUILD_BASE_AND_CONTAINER, web2.action());
        assertEquals("nixpkgs revision changed (" + REV + " -> " + NEW_REV + ")", web2.reasons().get(0).message());
    }

    @Test
    void sharedModuleChangeRebuildsBase() throws Exception {
        modules = SharedModules.of(Map.of("common.nix", "aaa", "old.nix", "bbb"));
        declare("web2", WEB2_CONFIG, WEB2_PROPS);
        built("web2", WEB2_CONFIG, WEB2_PROPS, REV);
        owned("web2", WEB2_CONFIG, WEB2_PROPS);
        modules = SharedModules.of(Map.of("common.nix", "ccc", "new.nix", "ddd"));
        running("web2");

        ContainerPlan web2 = only(plan());

        assertEquals(Action.REBUILD_BASE_AND_CONTAINER, web2.action());
        assertEquals(List.of("shared module modules/common.nix changed", "shared module modules/new.nix added",
                "shared module modules/old.nix removed"), web2.reasons().stream().map(Reason::message).toList());
        assertEquals("modules/common.nix", web2.reasons().get(0).file());
    }

    @Test
    void rebuildOfStoppedContainerStartsIt() throws Exception {
        declare("web2", WEB2_CONFIG, "{\"id\": \"web2\"}");
        built("web2", WEB2_CONFIG, WEB2_PROPS, REV);
        owned("web2", WEB2_CONFIG, WEB2_PROPS);

        ContainerPlan web2 = only(plan());

        assertEquals(List.of(Step.BUILD_CONTAINER, Step.SWITCH, Step.START), web2.steps());
    }

    // pending builds

    @Test
    void matchingPendingBuildIsSwitched() throws Exception {
        String newProps = "{\"id\": \"web2\", \"ip4\": \"192.168.20.6/31\"}";
        declare("web2", WEB2_CONFIG, newProps);
        built("web2", WEB2_CONFIG, WEB2_PROPS, REV);
        owned("web2", WEB2_CONFIG, WEB2_PROPS);
        host.container("web2").pending(bytes(WEB2_CONFIG), bytes(newProps),
                declarations.get(new ContainerId("web2")).unitHash(ENV), true);
        running("web2");

        ContainerPlan web2 = only(plan());

        assertEquals(Action.SWITCH, web2.action());
        assertEquals(List.of(Step.SWITCH, Step.RESTART), web2.steps());
        assertTrue(codes(web2).contains(ReasonCode.PENDING_BUILD_MATCHES));
    }

    @Test
    void pendingBuildOfFirstContainerIsSwitched() throws Exception {
        declare("web2", WEB2_CONFIG, WEB2_PROPS);
        host.container("web2").pending(bytes(WEB2_CONFIG), bytes(WEB2_PROPS), null, true);

        ContainerPlan web2 = only(plan());

        assertEquals(Action.SWITCH, web2.action());
        assertEquals(List.of(Step.ADOPT, Step.SWITCH, Step.START), web2.steps());
    }

    @Test
    void outdatedPendingBuildIsReplaced() throws Exception {
        String newProps = "{\"id\": \"web2\", \"ip4\": \"192.168.20.6/31\"}";
        declare("web2", WEB2_CONFIG, newProps);
        built("web2", WEB2_CONFIG, WEB2_PROPS, REV);
        owned("web2", WEB2_CONFIG, WEB2_PROPS);
        host.container("web2").pending(bytes(WEB2_CONFIG), bytes("{\"id\": \"web2\"}"), null, true);
        running("web2");

        ContainerPlan web2 = only(plan());

        assertEquals(Action.REBUILD_CONTAINER, web2.action());
        assertTrue(codes(web2).contains(ReasonCode.PENDING_BUILD_OUTDATED));
    }

    @Test
    void pendingBuildNotUsedAfterModuleChange() throws Exception {
        String newProps = "{\"id\": \"web2\", \"ip4\": \"192.168.20.6/31\"}";
        declare("web2", WEB2_CONFIG, newProps);
        built("web2", WEB2_CONFIG, WEB2_PROPS, REV);
        owned("web2", WEB2_CONFIG, WEB2_PROPS);
        host.container("web2").pending(bytes(WEB2_CONFIG), bytes(newProps), null, true);
        modules = SharedModules.of(Map.of("common.nix", "new"));
        running("web2");

        assertEquals(Action.REBUILD_BASE_AND_CONTAINER, only(plan()).action());
    }

    // ownership

    @Test
    void shellBuiltContainerIsAdoptedWithoutRebuild() throws Exception {
        declare("web2", WEB2_CONFIG, WEB2_PROPS);
        built("web2", WEB2_CONFIG, WEB2_PROPS, REV);
        running("web2");

        ContainerPlan web2 = only(plan());

        assertEquals(Action.ADOPT, web2.action());
        assertTrue(web2.adopt());
        assertEquals(List.of(Step.ADOPT), web2.steps());
        assertEquals(List.of(ReasonCode.NOT_IN_INVENTORY, ReasonCode.UP_TO_DATE), codes(web2));
    }

    @Test
    void adoptionWithRebuildKeepsRebuildAction() throws Exception {
        declare("web2", WEB2_CONFIG, "{\"id\": \"web2\"}");
        built("web2", WEB2_CONFIG, WEB2_PROPS, REV);
        running("web2");

        ContainerPlan web2 = only(plan());

        assertEquals(Action.REBUILD_CONTAINER, web2.action());
        assertTrue(web2.adopt());
        assertEquals(List.of(Step.ADOPT, Step.BUILD_CONTAINER, Step.SWITCH, Step.RESTART), web2.steps());
    }

    @Test
    void undeclaredOwnedContainerIsDeleted() throws Exception {
        declare("web2", WEB2_CONFIG, WEB2_PROPS);
        built("web2", WEB2_CONFIG, WEB2_PROPS, REV);
        owned("web2", WEB2_CONFIG, WEB2_PROPS);
        built("old", WEB2_CONFIG, WEB2_PROPS, REV);
        owned("old", WEB2_CONFIG, WEB2_PROPS);
        running("web2", "old");

        ContainerPlan old = plan().containers().get(0);

        assertEquals("old", old.name());
        assertEquals(Action.DELETE, old.action());
        assertEquals(List.of(Step.DELETE), old.steps());
        assertTrue(old.reasons().get(1).message().contains("data (root/) and uid range are kept"));
    }

    @Test
    void ownedContainerGoneFromHostIsForgotten() throws Exception {
        declare("web2", WEB2_CONFIG, WEB2_PROPS);
        owned("gone", WEB2_CONFIG, WEB2_PROPS);

        ContainerPlan gone = plan().containers().get(0);

        assertEquals(Action.DELETE, gone.action());
        assertEquals(List.of(Step.FORGET), gone.steps());
        assertTrue(codes(gone).contains(ReasonCode.ABSENT_FROM_HOST));
    }

    @Test
    void undeclaredUnownedContainerIsLeftAlone() throws Exception {
        declare("web2", WEB2_CONFIG, WEB2_PROPS);
        built("manual", WEB2_CONFIG, WEB2_PROPS, REV);
        running("manual");

        ContainerPlan manual = plan().containers().get(0);

        assertEquals("manual", manual.name());
        assertEquals(Action.UNMANAGED, manual.action());
        assertEquals(List.of(), manual.steps());
        assertEquals(List.of(ReasonCode.NOT_OWNED), codes(manual));
    }

    @Test
    void nixosContainerIsNeverTouched() throws Exception {
        declare("dns", WEB2_CONFIG, "{\"ip4\": \"10.1.0.2/31\"}");
        host.container("dns").built(bytes(WEB2_CONFIG), bytes(WEB2_PROPS), null).unitConf("/etc/nixunits/dns.conf");

        ContainerPlan dns = only(plan());

        assertEquals(Action.UNMANAGED, dns.action());
        assertEquals(List.of(), dns.steps());
        assertEquals(List.of(ReasonCode.NIXOS_DECLARED), codes(dns));
        assertTrue(dns.reasons().get(0).message().contains("/etc/nixunits/dns.conf"));
    }

    @Test
    void ownedContainerNowInNixosIsNotDeleted() throws Exception {
        declare("web2", WEB2_CONFIG, WEB2_PROPS);
        host.container("dns").built(bytes(WEB2_CONFIG), bytes(WEB2_PROPS), null).unitConf("/etc/nixunits/dns.conf");
        owned("dns", WEB2_CONFIG, WEB2_PROPS);

        ContainerPlan dns = plan().containers().get(0);

        assertEquals(Action.UNMANAGED, dns.action());
        assertEquals(List.of(), dns.steps());
    }

    // rejected declarations and guards

    @Test
    void invalidDeclarationKeepsExistingContainer() throws Exception {
        problems.add(new DeclarationProblem("web2", "properties.json", "properties.json is not valid JSON at line 1"));
        built("web2", WEB2_CONFIG, WEB2_PROPS, REV);
        owned("web2", WEB2_CONFIG, WEB2_PROPS);
        running("web2");

        ContainerPlan web2 = only(plan());

        assertEquals(Action.INVALID, web2.action());
        assertEquals(List.of(), web2.steps());
        assertEquals(List.of(ReasonCode.INVALID_DECLARATION, ReasonCode.EXISTING_CONTAINER_KEPT), codes(web2));
        assertEquals("properties.json", web2.reasons().get(0).file());
    }

    @Test
    void invalidIdDeclarationHasNoId() throws Exception {
        problems.add(new DeclarationProblem("web_2", null, "invalid container id 'web_2'"));

        ContainerPlan plan = only(plan());

        assertEquals("web_2", plan.name());
        assertNull(plan.id());
        assertEquals(Action.INVALID, plan.action());
    }

    @Test
    void emptyDeclarationSetHoldsDeletions() throws Exception {
        built("a", WEB2_CONFIG, WEB2_PROPS, REV);
        owned("a", WEB2_CONFIG, WEB2_PROPS);
        built("b", WEB2_CONFIG, WEB2_PROPS, REV);
        owned("b", WEB2_CONFIG, WEB2_PROPS);

        Plan plan = plan();

        assertEquals(List.of(Action.DELETE_HELD, Action.DELETE_HELD),
                plan.containers().stream().map(ContainerPlan::action).toList());
        assertFalse(plan.hasChanges());
        assertTrue(plan.warnings().stream().anyMatch(w -> w.contains("deletion is held back")),
                plan.warnings().toString());
    }

    @Test
    void emptySetDeletesWhenAllowed() throws Exception {
        built("a", WEB2_CONFIG, WEB2_PROPS, REV);
        owned("a", WEB2_CONFIG, WEB2_PROPS);
        options = new PlanOptions(SYSTEM, REV, true);

        assertEquals(Action.DELETE, only(plan()).action());
    }

    @Test
    void onlyInvalidDeclarationsStillHoldDeletions() throws Exception {
        problems.add(new DeclarationProblem("x_y", null, "invalid container id 'x_y'"));
        built("a", WEB2_CONFIG, WEB2_PROPS, REV);
        owned("a", WEB2_CONFIG, WEB2_PROPS);

        assertEquals(Action.DELETE_HELD, plan().containers().get(0).action());
    }

    // unknown inputs

    @Test
    void unknownRuntimeDoesNotGuess() throws Exception {
        declare("web2", WEB2_CONFIG, WEB2_PROPS);
        built("web2", WEB2_CONFIG, WEB2_PROPS, REV);
        owned("web2", WEB2_CONFIG, WEB2_PROPS);
        declare("db", WEB2_CONFIG, "{}");
        built("db", WEB2_CONFIG, WEB2_PROPS, REV);
        owned("db", WEB2_CONFIG, WEB2_PROPS);
        runtime = RuntimeState.unknown("machinectl not found on PATH");

        Plan plan = plan();

        ContainerPlan db = plan.containers().get(0);
        ContainerPlan web2 = plan.containers().get(1);
        assertEquals(Action.UNCHANGED, web2.action());
        assertEquals(List.of(ReasonCode.RUNTIME_UNKNOWN), codes(web2));
        assertEquals(List.of(Step.BUILD_CONTAINER, Step.SWITCH, Step.RESTART), db.steps());
        assertTrue(plan.warnings().get(0).contains("machinectl not found on PATH"), plan.warnings().toString());
    }

    @Test
    void unknownRevisionComparesFilesOnly() throws Exception {
        declare("web2", WEB2_CONFIG, WEB2_PROPS);
        built("web2", WEB2_CONFIG, WEB2_PROPS, "an-old-revision");
        owned("web2", WEB2_CONFIG, WEB2_PROPS);
        options = new PlanOptions(SYSTEM, null, false);
        running("web2");

        Plan plan = plan();

        assertEquals(Action.UNCHANGED, only(plan).action());
        assertTrue(plan.warnings().get(0).contains("--nixpkgs-revision"));
    }

    @Test
    void hostProblemsAreListedUnmanaged() throws Exception {
        declare("web2", WEB2_CONFIG, WEB2_PROPS);
        java.nio.file.Files.createDirectories(host.layout.containers().resolve("odd_name"));

        ContainerPlan odd = plan().containers().get(0);

        assertEquals("odd_name", odd.name());
        assertEquals(Action.UNMANAGED, odd.action());
        assertEquals(List.of(ReasonCode.INVALID_HOST_ENTRY), codes(odd));
    }

    @Test
    void mixedHostPlansEachContainer() throws Exception {
        declare("new1", WEB2_CONFIG, "{}");
        declare("web2", WEB2_CONFIG, WEB2_PROPS);
        built("web2", WEB2_CONFIG, WEB2_PROPS, REV);
        owned("web2", WEB2_CONFIG, WEB2_PROPS);
        built("old", WEB2_CONFIG, WEB2_PROPS, REV);
        owned("old", WEB2_CONFIG, WEB2_PROPS);
        built("manual", WEB2_CONFIG, WEB2_PROPS, REV);
        problems.add(new DeclarationProblem("broken", "config.nix", "config.nix is missing"));
        running("web2", "old", "manual");

        Plan plan = plan();

        assertEquals(List.of("broken:INVALID", "manual:UNMANAGED", "new1:CREATE", "old:DELETE", "web2:UNCHANGED"),
                plan.containers().stream().map(c -> c.name() + ":" + c.action()).toList());
        assertTrue(plan.hasChanges());
        assertEquals(1, plan.countByAction().get(Action.CREATE));
    }

    @Test
    void secretWordsCoverCommonNames() {
        for (String key : List.of("password", "db.passwd", "apiToken", "wifiPsk", "tlsCert", "sshKey", "credentials")) {
            assertTrue(PropertiesDiff.looksSecret(key), key);
        }
        assertFalse(PropertiesDiff.looksSecret("ip4"));
        assertFalse(PropertiesDiff.looksSecret("hostIp6"));
    }
}
