package io.nixunits.agent.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nixunits.model.ContainerId;
import io.nixunits.model.host.StateLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the base build, the container build and the switch against a temporary state root with
 * fake nix, mount, umount and chown. Not covered here: what real Nix evaluates and stores, real
 * overlayfs and tmpfs semantics (the fake mount links the mount point to the upper directory),
 * and real ownership changes; the real-host test tier runs those.
 */
class BuildStepsTest {
    private static final String CONFIG = "{ ... }: { config.system.stateVersion = \"25.11\"; }\n";
    private static final String PROPERTIES = "{\"id\": \"web2\"}\n";

    @TempDir
    Path dir;

    private FakeHost host;
    private BuildInput input;
    private StateLayout.Container files;

    @BeforeEach
    void setUp() throws Exception {
        host = new FakeHost(dir);
        input = FakeHost.declare(dir.resolve("decl"), "web2", CONFIG, PROPERTIES);
        files = host.layout().files(new ContainerId("web2"));
    }

    private List<String> expectedBuildCommands(String baseKey) {
        return List.of(
                "nix build --impure --out-link $STATE/gcroots/" + baseKey + " --store $STATE/store/default/root"
                        + " --expr (" + FakeHost.MK_CONTAINER + ") { configFile = (/. + \"$TMP/decl/web2/config.nix\");"
                        + " propertiesJSON = \"{\\\"id\\\": \\\"dummy\\\"}\"; }",
                "mount -t overlay overlay -o lowerdir=$STATE/store/default/root,upperdir=$STATE/containers/web2/tmp/"
                        + "root_futur,workdir=$STATE/containers/web2/tmp/work $STATE/containers/web2/tmp/merged",
                "mount -t tmpfs tmpfs $STATE/containers/web2/tmp/merged/nix/var/nix",
                "nix build --impure --no-link --json --store $STATE/containers/web2/tmp/merged --expr ("
                        + FakeHost.MK_CONTAINER + ") { configFile = (/. + \"$TMP/decl/web2/config.nix\"); id = \"web2\";"
                        + " propertiesJSON = builtins.readFile (/. + \"$STATE/containers/web2/tmp/root_futur/"
                        + "parameters.json\"); }",
                "umount $STATE/containers/web2/tmp/merged/nix/var/nix",
                "umount $STATE/containers/web2/tmp/merged");
    }

    @Test
    void containerBuildReadsNixJsonOutput() {
        String system = "/nix/store/2i1rv4liwxyyh0bzx74gqn86gcji1hjg-nixos-system-web2";
        String printed = "[{\"drvPath\":\"" + system + ".drv\",\"outputs\":{\"out\":\"" + system + "\"}}]\n";

        assertEquals(system, BuildContainerStep.outputPath(printed));
        assertEquals(null, BuildContainerStep.outputPath(""));
        assertEquals(null, BuildContainerStep.outputPath("[]"));
        assertEquals(null, BuildContainerStep.outputPath(system));
        assertEquals(null, BuildContainerStep.outputPath("[{\"outputs\":{\"dev\":\"" + system + "\"}}]"));
    }

    @Test
    void buildAndSwitchLeaveShellLayout() throws Exception {
        HostContext context = host.context();

        BaseBuild base = new BuildBaseStep(context).run(input);
        new BuildContainerStep(context).run(input, base);
        boolean hadPrevious = new SwitchBuildStep(context).run(input.id());

        List<String> expected = new java.util.ArrayList<>(expectedBuildCommands(input.storeHash(context.nix())));
        expected.add("chown -R -h 67108864:67108864 $STATE/containers/web2/root/nix");
        assertEquals(expected, host.commands());
        assertFalse(hadPrevious);
        assertEquals(input.storeHash(context.nix()), base.key(), "without modules the GC root is STORE_HASH");
        assertEquals(CONFIG, Files.readString(files.complete()));
        assertEquals(PROPERTIES, Files.readString(files.parameters()));
        assertEquals(CONFIG, Files.readString(files.configuration()));
        assertEquals(input.unitHash(context.nix()) + "\n", Files.readString(files.unitHash()));
        assertEquals(files.root().resolve("nix/store/11111111111111111111111111111111-nixos-system-web2/etc/nixunits/"
                + "web2.conf"), Files.readSymbolicLink(files.unitConf()));
        assertTrue(Files.isRegularFile(files.unitConf()), "unit.conf resolves to the built file");
        assertEquals(base.gcRoot(), Files.readSymbolicLink(files.store()));
        assertEquals("web2 1024\n", Files.readString(host.layout().uidMap()));
        assertTrue(Files.exists(files.root().resolve("nix/var/nix/db/db.sqlite")), "the database was seeded");
        assertFalse(Files.exists(files.root().resolve("nix/var/nix/temproots")), "temproots are not seeded");
        assertTrue(Files.isDirectory(files.root().resolve("usr")), "systemd-nspawn needs root/usr");
        assertFalse(Files.exists(files.pending(), LinkOption.NOFOLLOW_LINKS));
        assertFalse(Files.exists(files.lock(), LinkOption.NOFOLLOW_LINKS), "the container lock is released");
        assertFalse(Files.exists(host.layout().hostLock(), LinkOption.NOFOLLOW_LINKS), "the host lock is released");
    }

    @Test
    void baseBuildSkippedWhenGcRootExists() throws Exception {
        HostContext context = host.context();
        new BuildBaseStep(context).run(input);
        host.clearCommands();

        BaseBuild again = new BuildBaseStep(context).run(input);

        assertEquals(List.of(), host.commands());
        assertFalse(again.built());
    }

    @Test
    void modulesChangeTheBaseKey() throws Exception {
        NixSettings nix = host.context().nix();
        BuildInput withModules = new BuildInput(input.id(), input.configFile(), input.configNix(),
                input.propertiesJson(), dir.resolve("modules"),
                io.nixunits.model.declaration.SharedModules.of(java.util.Map.of("common.nix", "aa")));
        BuildInput changed = new BuildInput(input.id(), input.configFile(), input.configNix(), input.propertiesJson(),
                dir.resolve("modules"), io.nixunits.model.declaration.SharedModules.of(java.util.Map.of("common.nix",
                        "bb")));

        assertFalse(withModules.baseKey(nix).equals(input.storeHash(nix)));
        assertFalse(withModules.baseKey(nix).equals(changed.baseKey(nix)));
        assertEquals(input.unitHash(nix), withModules.unitHash(nix), ".unit_hash stays the shell tool's");
    }

    @Test
    void failedBaseBuildLeavesNothing() throws Exception {
        host.control("fail nix build --impure --out-link *");

        HostOperationException e = assertThrows(HostOperationException.class,
                () -> new BuildBaseStep(host.context()).run(input));

        assertEquals(input.id(), e.containerId());
        assertTrue(e.getMessage().startsWith("base build of container web2 failed: nix build --impure --out-link "),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("failed with exit status 1:\nnix: failing as the test asked"),
                e.getMessage());
        assertFalse(Files.exists(host.layout().gcRoots().resolve(input.storeHash(host.context().nix())),
                LinkOption.NOFOLLOW_LINKS));
        assertFalse(Files.exists(host.layout().hostLock(), LinkOption.NOFOLLOW_LINKS), "the host lock is released");
    }

    @Test
    void failedContainerBuildUnmountsAndKeepsRunningBuild() throws Exception {
        HostContext context = host.context();
        BaseBuild base = new BuildBaseStep(context).run(input);
        new BuildContainerStep(context).run(input, base);
        new SwitchBuildStep(context).run(input.id());
        host.running("web2");
        host.clearCommands();
        host.control("fail nix build *--json*");
        BuildInput changed = FakeHost.declare(dir.resolve("decl"), "web2", CONFIG, "{\"id\": \"web2\", \"x\": 1}\n");

        HostOperationException e = assertThrows(HostOperationException.class,
                () -> new BuildContainerStep(context).run(changed, base));

        assertTrue(e.getMessage().startsWith("container build of web2 failed: "), e.getMessage());
        List<String> commands = host.commands();
        assertEquals("umount $STATE/containers/web2/tmp/merged/nix/var/nix", commands.get(commands.size() - 2));
        assertEquals("umount $STATE/containers/web2/tmp/merged", commands.get(commands.size() - 1));
        assertFalse(Files.exists(files.pending().resolve(".complete")), "an unfinished build is never complete");
        assertFalse(Files.isSymbolicLink(files.merged()), "the fake overlay is unmounted");
        assertEquals(PROPERTIES, Files.readString(files.parameters()), "the switched-in build is untouched");
        assertEquals(CONFIG, Files.readString(files.complete()));
        assertTrue(host.isRunning("web2"));
        assertFalse(Files.exists(files.lock(), LinkOption.NOFOLLOW_LINKS), "the container lock is released");
    }

    @Test
    void hungBuildTimesOutAndUnmounts() throws Exception {
        host.withBuildTimeout(Duration.ofSeconds(1));
        HostContext context = host.context();
        BaseBuild base = new BuildBaseStep(context).run(input);
        host.control("hang nix build *--json*");

        long start = System.nanoTime();
        HostOperationException e = assertThrows(HostOperationException.class,
                () -> new BuildContainerStep(context).run(input, base));

        assertTrue(e.getMessage().contains(" timed out after 1 s"), e.getMessage());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 10, "the hung command was killed");
        List<String> commands = host.commands();
        assertEquals("umount $STATE/containers/web2/tmp/merged", commands.get(commands.size() - 1));
        assertFalse(Files.exists(files.pending().resolve(".complete")));
    }

    @Test
    void switchWithoutFinishedBuildIsRejected() throws Exception {
        HostOperationException e = assertThrows(HostOperationException.class,
                () -> new SwitchBuildStep(host.context()).run(input.id()));

        assertEquals("container web2 has no finished build in " + files.pending() + " to switch in. Build it first.",
                e.getMessage());
        assertEquals(List.of(), host.commands());
    }

    @Test
    void nixosDeclaredContainerIsLeftAlone() throws Exception {
        Files.createDirectories(files.dir());
        Files.createSymbolicLink(files.unitConf(), Path.of("/etc/nixunits/web2.conf"));

        HostOperationException e = assertThrows(HostOperationException.class,
                () -> new BuildContainerStep(host.context()).run(input, new BaseBuild("k", dir, false)));

        assertTrue(e.getMessage().startsWith("container web2 is declared in the host's NixOS configuration"),
                e.getMessage());
        assertEquals(List.of(), host.commands());
        assertEquals("/etc/nixunits/web2.conf", Files.readSymbolicLink(files.unitConf()).toString());
    }

    @Test
    void uidRangeReusesFreedIndex() throws Exception {
        Files.createDirectories(host.state());
        Files.writeString(host.layout().uidMap(), "old 1024\n__FREE__ 1025\nother 1026\n", StandardCharsets.UTF_8);

        long rootUid = new UidRanges(host.context()).allocate(input.id());

        assertEquals(1025L * 65536, rootUid);
        assertEquals("old 1024\nweb2 1025\nother 1026\n", Files.readString(host.layout().uidMap()));
    }
}
