package io.nixunits.agent.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nixunits.agent.host.BuildInput;
import io.nixunits.agent.host.FakeHost;
import io.nixunits.agent.host.BaseBuild;
import io.nixunits.agent.host.BuildBaseStep;
import io.nixunits.agent.host.BuildContainerStep;
import io.nixunits.agent.process.ProcessRunner;
import io.nixunits.model.ContainerId;
import io.nixunits.model.declaration.SharedModules;
import io.nixunits.model.host.StateLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the verbs of {@code nixunits} against a temporary state root and the fake commands of
 * the host-operation tests, and checks the exact command lines they run. Not covered: real
 * Nix, systemd and namespaces (the fakes record calls and keep a running/ directory), and
 * which processes a real restart leaves behind.
 */
class NixUnitsVerbsTest {
    private static final String CONFIG = "{ ... }: { config.system.stateVersion = \"25.11\"; }\n";
    private static final String PROPERTIES = "{\"id\": \"web2\"}\n";
    private static final String UNIT = "nixunits@web2.service";
    private static final String NETWORK_UNIT = "nixunits-network@web2.service";

    @TempDir
    Path dir;

    @TempDir
    Path reference;

    private FakeHost host;
    private NixUnitsRun nixunits;
    private Path config;
    private Path properties;
    private StateLayout.Container files;

    @BeforeEach
    void setUp() throws Exception {
        host = new FakeHost(dir);
        nixunits = new NixUnitsRun(host, dir.resolve("units"));
        Path inputs = Files.createDirectories(dir.resolve("in"));
        config = Files.writeString(inputs.resolve("config.nix"), CONFIG);
        properties = Files.writeString(inputs.resolve("web2.json"), PROPERTIES);
        files = host.layout().files(new ContainerId("web2"));
    }

    /** Runs build with the fake host's Nix settings and {@code more} arguments. */
    private int build(String... more) {
        List<String> args = new ArrayList<>(List.of("build", "-n", config.toString(), "-j", properties.toString(),
                "--mk-container", FakeHost.MK_CONTAINER, "--system", FakeHost.SYSTEM, "--nixpkgs-revision",
                FakeHost.REVISION));
        args.addAll(List.of(more));
        return nixunits.run(args.toArray(String[]::new));
    }

    /**
     * Returns the calls of the base and container builds of the same inputs run directly through
     * the host operations, on a second fake host laid out like the first: 'nixunits build' must
     * run exactly these.
     */
    private List<String> buildCommands() throws Exception {
        FakeHost direct = new FakeHost(reference);
        Path inputs = Files.createDirectories(reference.resolve("in"));
        BuildInput input = new BuildInput(new ContainerId("web2"), Files.writeString(inputs.resolve("config.nix"),
                CONFIG), CONFIG.getBytes(StandardCharsets.UTF_8), Files.readAllBytes(properties), null,
                SharedModules.none());
        BaseBuild base = new BuildBaseStep(direct.context()).run(input);
        new BuildContainerStep(direct.context()).run(input, base);
        return direct.commands();
    }

    /** Returns the calls of a first start after a switch: units linked, started, then the health check. */
    private static List<String> switchAndStartCommands() {
        return List.of(
                "chown -R -h 67108864:67108864 $STATE/containers/web2/root/nix",
                "systemctl daemon-reload",
                "systemctl start " + UNIT,
                "systemctl is-active " + UNIT,
                "machinectl show web2 -p State --value");
    }

    private static final String LIST = "machinectl list -o json --no-pager";

    private void builtAndRunning() throws Exception {
        assertEquals(0, build("-s"), nixunits.stderr());
        host.clearCommands();
    }

    @Test
    void buildRunsBothBuilds() throws Exception {
        int status = build();

        assertEquals(0, status, nixunits.stderr());
        assertEquals(buildCommands(), host.commands());
        assertTrue(Files.exists(files.pending().resolve(".complete")), "the build waits in tmp/root_futur");
        assertFalse(Files.exists(files.complete()), "nothing is switched in");
        assertTrue(nixunits.stdout().contains("Switch it in and start it with 'nixunits start -s web2'"),
                nixunits.stdout());
    }

    @Test
    void buildStartSwitchesAndStarts() throws Exception {
        int status = build("-s");

        assertEquals(0, status, nixunits.stderr());
        List<String> expected = new ArrayList<>(buildCommands());
        expected.add(LIST);
        expected.addAll(switchAndStartCommands());
        assertEquals(expected, host.commands());
        assertEquals(CONFIG, Files.readString(files.complete()));
        assertTrue(host.isRunning("web2"));
        assertTrue(nixunits.stdout().contains("web2 started."), nixunits.stdout());
    }

    @Test
    void buildUnchangedDoesNothing() throws Exception {
        builtAndRunning();

        int status = build();

        assertEquals(0, status, nixunits.stderr());
        assertEquals(List.of(), host.commands());
        assertTrue(nixunits.stdout().contains("web2: nothing to build, the running build has the same unit hash"),
                nixunits.stdout());
        assertTrue(nixunits.stderr().contains("[web2] build skipped: the running build has the same unit hash"),
                nixunits.stderr());
    }

    @Test
    void buildForceBuildsAgain() throws Exception {
        builtAndRunning();

        int status = build("-f");

        assertEquals(0, status, nixunits.stderr());
        assertEquals(buildCommands(), host.commands());
    }

    @Test
    void buildRestartStopsSwitchesStarts() throws Exception {
        builtAndRunning();
        Files.writeString(properties, "{\"id\": \"web2\", \"ip4\": \"10.0.0.2/31\"}\n");

        int status = build("-r");

        assertEquals(0, status, nixunits.stderr());
        List<String> commands = host.commands();
        assertEquals(List.of(
                LIST,
                "machinectl show web2 -p Leader --value",
                "systemctl stop " + UNIT + " " + NETWORK_UNIT,
                "chown -R -h 67108864:67108864 $STATE/containers/web2/root/nix",
                "systemctl start " + UNIT,
                "systemctl is-active " + UNIT,
                "machinectl show web2 -p State --value"), commands.subList(commands.size() - 7, commands.size()));
        assertTrue(commands.get(0).startsWith("mount -t overlay"), "the base is reused: " + commands.get(0));
        assertTrue(Files.exists(files.rollback().resolve("nix")), "the previous build is kept for a rollback");
    }

    @Test
    void buildFromStandardInput() throws Exception {
        int status = nixunits.withInput(CONFIG).run("build", "-n", "-", "-j", properties.toString(), "--mk-container",
                FakeHost.MK_CONTAINER, "--system", FakeHost.SYSTEM, "--nixpkgs-revision", FakeHost.REVISION, "-s");

        assertEquals(0, status, nixunits.stderr());
        assertEquals(CONFIG, Files.readString(files.complete()));
        String baseBuild = host.commands().get(0);
        assertTrue(baseBuild.contains("configFile = (/. + \"/") && baseBuild.contains("nixunits-config-"),
                baseBuild);
        assertFalse(baseBuild.contains("$TMP/in/config.nix"), baseBuild);
    }

    @Test
    void buildRejectsNixosContainer() throws Exception {
        Files.createDirectories(files.dir());
        Files.createSymbolicLink(files.unitConf(), Path.of("/etc/nixunits/web2.conf"));

        int status = build("-s");

        assertEquals(1, status);
        assertTrue(nixunits.stderr().contains("Error: container web2 is declared in the host's NixOS configuration"
                + " (unit.conf -> /etc/nixunits/web2.conf), so it is not built here."), nixunits.stderr());
        assertTrue(nixunits.stderr().contains("[web2] build rejected"), nixunits.stderr());
        assertEquals(List.of(), host.commands());
    }

    @Test
    void buildIdMismatch() throws Exception {
        int status = build("-i", "web3");

        assertEquals(1, status);
        assertTrue(nixunits.stderr().contains("Error: invalid declaration of container web3 in " + properties
                + ": properties.json has \"id\": \"web2\" but the container id is 'web3'. Make them equal or"
                + " remove \"id\"."), nixunits.stderr());
        assertEquals(List.of(), host.commands());
    }

    @Test
    void buildInvalidJson() throws Exception {
        Files.writeString(properties, "{\"id\": \"web2\",\n");

        int status = build();

        assertEquals(1, status);
        assertTrue(nixunits.stderr().contains("Error: invalid properties file " + properties
                + ": properties.json is not valid JSON at line 2"), nixunits.stderr());
        assertEquals(List.of(), host.commands());
    }

    @Test
    void buildJsonArray() throws Exception {
        Files.writeString(properties, "[]");

        int status = build("-i", "web2");

        assertEquals(1, status);
        assertTrue(nixunits.stderr().contains("properties.json must contain a JSON object, found array."),
                nixunits.stderr());
    }

    @Test
    void buildWithoutAnyId() throws Exception {
        Files.writeString(properties, "{}");

        int status = build();

        assertEquals(1, status);
        assertTrue(nixunits.stderr().contains("Error: no container id: " + properties + " has no \"id\" string."
                + " Give the id with -i ID"), nixunits.stderr());
    }

    @Test
    void buildInvalidIdInProperties() throws Exception {
        Files.writeString(properties, "{\"id\": \"web_2\"}");

        int status = build();

        assertEquals(1, status);
        assertTrue(nixunits.stderr().contains("Error: the \"id\" of " + properties + " is an invalid container id"
                + " 'web_2'"), nixunits.stderr());
    }

    @Test
    void buildMissingConfigFile() throws Exception {
        int status = nixunits.run("build", "-n", dir.resolve("nope.nix").toString(), "-j", properties.toString());

        assertEquals(1, status);
        assertTrue(nixunits.stderr().contains("Error: config.nix file " + dir.resolve("nope.nix") + " not found."
                + " Check the path given with -n."), nixunits.stderr());
    }

    @Test
    void buildWithoutNixInstalled() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty-bin"));
        int status = nixunits.withRunner(new ProcessRunner(empty.toString())).run("build", "-n", config.toString(),
                "-j", properties.toString());

        assertEquals(1, status);
        assertTrue(nixunits.stderr().contains("Error: nix not found on PATH. Install it (on Debian: apt-get install"
                + " nix-bin; on NixOS it comes with the system), or fix PATH."), nixunits.stderr());
    }

    @Test
    void buildFailureNamesContainer() throws Exception {
        host.control("fail nix build --impure --no-link *");

        int status = build("-s");

        assertEquals(1, status);
        assertTrue(nixunits.stderr().contains("Error: container build of web2 failed: nix build"), nixunits.stderr());
        assertFalse(nixunits.stderr().contains("\tat "), "no stack trace without --debug");
        assertFalse(host.isRunning("web2"));
    }

    @Test
    void buildFailureWithDebugShowsTrace() throws Exception {
        host.control("fail nix build --impure --no-link *");

        int status = build("-d");

        assertEquals(1, status);
        assertTrue(nixunits.stderr().contains("\tat "), "a stack trace with --debug");
        assertTrue(host.commands().get(0).contains(" --show-trace "), host.commands().get(0));
    }

    @Test
    void startNeedsSwitchOption() throws Exception {
        assertEquals(0, build(), nixunits.stderr());

        int status = nixunits.run("start", "web2");

        assertEquals(1, status);
        assertTrue(nixunits.stderr().contains("Error: container web2 is built but its build is not switched in."
                + " Give -s to switch it in: 'nixunits start -s web2'."), nixunits.stderr());
    }

    @Test
    void startSwitchesPendingBuild() throws Exception {
        assertEquals(0, build(), nixunits.stderr());
        host.clearCommands();

        int status = nixunits.run("start", "-s", "web2");

        assertEquals(0, status, nixunits.stderr());
        List<String> expected = new ArrayList<>(List.of(LIST));
        expected.addAll(switchAndStartCommands());
        assertEquals(expected, host.commands());
    }

    @Test
    void startRunningContainer() throws Exception {
        builtAndRunning();

        int status = nixunits.run("start", "web2");

        assertEquals(0, status, nixunits.stderr());
        assertEquals(List.of(LIST), host.commands());
        assertEquals("web2 is already running.\n", nixunits.stdout());
        assertTrue(nixunits.stderr().contains("[web2] start skipped: already running"), nixunits.stderr());
    }

    @Test
    void startUnknownContainer() throws Exception {
        int status = nixunits.run("start", "web9");

        assertEquals(1, status);
        assertTrue(nixunits.stderr().contains("Error: container web9 has no build. Build it first"),
                nixunits.stderr());
        assertEquals(List.of(), host.commands());
    }

    @Test
    void stopStopsBothUnits() throws Exception {
        builtAndRunning();

        int status = nixunits.run("stop", "web2");

        assertEquals(0, status, nixunits.stderr());
        assertEquals(List.of("systemctl stop " + UNIT + " " + NETWORK_UNIT), host.commands());
        assertFalse(host.isRunning("web2"));
    }

    @Test
    void restartRunningContainer() throws Exception {
        builtAndRunning();

        int status = nixunits.run("restart", "web2");

        assertEquals(0, status, nixunits.stderr());
        assertEquals(List.of(
                LIST,
                "machinectl show web2 -p Leader --value",
                "systemctl restart " + UNIT,
                "systemctl is-active " + UNIT,
                "machinectl show web2 -p State --value"), host.commands());
    }

    @Test
    void rebootRejectedWhileShellOpen() throws Exception {
        builtAndRunning();
        Path shellDir = Files.createDirectories(dir.resolve("shell"));
        Path fakeShell = Files.writeString(shellDir.resolve("nsenter"), "#!/bin/sh\nsleep 30\ntrue\n");
        Files.setPosixFilePermissions(fakeShell, PosixFilePermissions.fromString("rwxr-xr-x"));
        Process shell = new ProcessBuilder(fakeShell.toString(), "--target", "4242", "--mount", "--uts", "--ipc",
                "--net", "--pid", "--user").start();
        try {
            int status = nixunits.run("reboot", "web2");

            assertEquals(1, status);
            assertTrue(nixunits.stderr().contains("Error: container web2 has a shell open (nsenter process ["
                    + shell.pid() + "]), so it is not restarted. Leave the shell first."), nixunits.stderr());
            assertTrue(nixunits.stderr().contains("[web2] restart rejected"), nixunits.stderr());
            assertEquals(List.of(LIST, "machinectl show web2 -p Leader --value"), host.commands());
        } finally {
            shell.destroy();
            shell.waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void deleteAsksAndKeepsOnNo() throws Exception {
        builtAndRunning();

        int status = nixunits.withInput("n\n").run("delete", "web2");

        assertEquals(1, status);
        assertTrue(nixunits.stderr().contains("Delete container web2: stop it, disable it and remove its"
                + " configuration? [y/N] "), nixunits.stderr());
        assertTrue(nixunits.stderr().contains("Error: deletion of container web2 not confirmed, so nothing was deleted."),
                nixunits.stderr());
        assertEquals(List.of(), host.commands());
        assertTrue(Files.exists(files.complete()));
    }

    @Test
    void deleteWithoutAnswerKeeps() throws Exception {
        builtAndRunning();

        int status = nixunits.run("delete", "web2");

        assertEquals(1, status);
        assertEquals(List.of(), host.commands());
        assertTrue(Files.exists(files.complete()));
    }

    @Test
    void deleteConfirmedKeepsData() throws Exception {
        builtAndRunning();

        int status = nixunits.withInput("y\n").run("delete", "web2");

        assertEquals(0, status, nixunits.stderr());
        assertEquals(List.of(
                "systemctl stop " + UNIT + " " + NETWORK_UNIT,
                "systemctl daemon-reload",
                "systemctl reset-failed " + UNIT + " " + NETWORK_UNIT), host.commands());
        assertFalse(Files.exists(files.complete()));
        assertTrue(Files.isDirectory(files.root().resolve("nix")), "the data is kept");
        assertEquals("web2 1024\n", Files.readString(host.layout().uidMap()), "the uid range is kept");
    }

    @Test
    void deleteForceRemovesData() throws Exception {
        builtAndRunning();

        int status = nixunits.run("delete", "-f", "-r", "web2");

        assertEquals(0, status, nixunits.stderr());
        assertEquals(List.of(
                "systemctl stop " + UNIT + " " + NETWORK_UNIT,
                "systemctl daemon-reload",
                "systemctl reset-failed " + UNIT + " " + NETWORK_UNIT), host.commands());
        assertFalse(Files.exists(files.dir(), LinkOption.NOFOLLOW_LINKS));
        assertEquals("__FREE__ 1024\n", Files.readString(host.layout().uidMap()));
        assertFalse(nixunits.stderr().contains("[y/N]"), "no question with -f");
    }

    @Test
    void deleteRejectsNixosContainer() throws Exception {
        Files.createDirectories(files.root());
        Files.createSymbolicLink(files.unitConf(), Path.of("/etc/nixunits/web2.conf"));

        int status = nixunits.run("delete", "-f", "-r", "web2");

        assertEquals(1, status);
        assertTrue(nixunits.stderr().contains("Error: container web2 is declared in the host's NixOS configuration"
                + " (unit.conf -> /etc/nixunits/web2.conf), so it is not deleted here."), nixunits.stderr());
        assertEquals(List.of(), host.commands());
        assertTrue(Files.isDirectory(files.root()));
    }

    @Test
    void deleteUnknownContainer() throws Exception {
        int status = nixunits.run("delete", "-f", "web9");

        assertEquals(1, status);
        assertTrue(nixunits.stderr().contains("Error: container web9 not found"), nixunits.stderr());
        assertEquals(List.of(), host.commands());
    }

    @Test
    void enableThenDisable() throws Exception {
        Path link = dir.resolve("units/multi-user.target.wants/" + UNIT);

        assertEquals(0, nixunits.run("enable", "web2"), nixunits.stderr());
        assertTrue(Files.isSymbolicLink(link));
        assertEquals(0, nixunits.run("disable", "web2"), nixunits.stderr());

        assertFalse(Files.exists(link, LinkOption.NOFOLLOW_LINKS));
        assertEquals(List.of("systemctl daemon-reload", "systemctl daemon-reload"), host.commands());
    }

    @Test
    void statusJsonOfRunningContainer() throws Exception {
        builtAndRunning();

        int status = nixunits.run("status", "web2", "--json");

        assertEquals(0, status, nixunits.stderr());
        JsonNode json = new ObjectMapper().readTree(nixunits.stdout());
        assertEquals("web2", json.get("id").asText());
        assertTrue(json.get("started").asBoolean());
        assertEquals("started", json.get("status").asText());
        assertFalse(json.get("in_nixos").asBoolean());
        assertFalse(json.get("need_container_build").asBoolean());
        assertFalse(json.get("need_store_build").asBoolean());
        assertFalse(json.get("need_switch").asBoolean());
        assertEquals("nixos", json.get("os").asText());
        assertEquals("25.11", json.get("version").asText());
        assertEquals("[\"192.168.20.2\",\"fc00::1:2\"]", json.get("addresses").toString());
    }

    @Test
    void statusWithChangedInputs() throws Exception {
        builtAndRunning();
        Files.writeString(properties, "{\"id\": \"web2\", \"ip4\": \"10.0.0.2/31\"}\n");

        int status = nixunits.run("status", "web2", "-n", config.toString(), "-j", properties.toString(),
                "--system", FakeHost.SYSTEM, "--nixpkgs-revision", FakeHost.REVISION);

        assertEquals(0, status, nixunits.stderr());
        assertEquals(List.of(
                "web2: started, running",
                "  needs: container build",
                "  os: nixos 25.11",
                "  addresses: 192.168.20.2, fc00::1:2"), nixunits.stdout().lines().toList());
    }

    @Test
    void statusOfPendingBuild() throws Exception {
        assertEquals(0, build(), nixunits.stderr());

        int status = nixunits.run("status", "web2", "--json");

        assertEquals(0, status, nixunits.stderr());
        JsonNode json = new ObjectMapper().readTree(nixunits.stdout());
        assertEquals("created", json.get("status").asText());
        assertFalse(json.get("started").asBoolean());
        assertTrue(json.get("need_switch").asBoolean());
        assertFalse(json.has("os"), "no machine fields when not running");
    }

    @Test
    void listShowsWhoManages() throws Exception {
        builtAndRunning();
        StateLayout layout = host.layout();
        Path nixos = Files.createDirectories(layout.container(new ContainerId("dns1")));
        Files.createSymbolicLink(nixos.resolve("unit.conf"), Path.of("/etc/nixunits/dns1.conf"));
        Files.createDirectories(layout.container(new ContainerId("router1")));
        Files.createDirectories(layout.agentDir());
        Files.writeString(layout.inventory(), "{\"formatVersion\": 1, \"containers\": [{\"id\": \"router1\","
                + " \"origin\": \"CREATED\"}]}\n");
        host.running("other");

        int status = nixunits.run("list");

        assertEquals(0, status, nixunits.stderr());
        assertEquals(List.of(
                "ID       STATUS      RUNNING  MANAGED  ADDRESSES",
                "dns1     initial     no       nixos    -",
                "other    -           yes      -        192.168.20.2,fc00::1:2",
                "router1  initial     no       agent    -",
                "web2     started     yes      by hand  192.168.20.2,fc00::1:2"), nixunits.stdout().lines().toList());
    }

    @Test
    void listWithoutMachinedShowsDisk() throws Exception {
        builtAndRunning();
        host.control("fail machinectl list *");

        int status = nixunits.run("list");

        assertEquals(0, status, nixunits.stderr());
        assertEquals(List.of(
                "ID    STATUS      RUNNING  MANAGED  ADDRESSES",
                "web2  configured  unknown  by hand  -"), nixunits.stdout().lines().toList());
        assertTrue(nixunits.stderr().contains("listing the containers on disk only: cannot list the running"
                + " machines"), nixunits.stderr());
    }

    @Test
    void listWarnsOfMissingStateRoot() {
        int status = nixunits.run("list");

        assertEquals(0, status, nixunits.stderr());
        assertFalse(Files.exists(host.state()));
        assertTrue(nixunits.stderr().contains("state root " + host.state() + " does not exist"), nixunits.stderr());
    }

    @Test
    void statusWarnsOfMissingStateRoot() {
        int status = nixunits.run("status", "web2");

        assertEquals(0, status, nixunits.stderr());
        assertTrue(nixunits.stderr().contains("[web2] state root " + host.state() + " does not exist"),
                nixunits.stderr());
        assertTrue(nixunits.stdout().startsWith("web2: initial"), nixunits.stdout());
    }

    @Test
    void statusWithoutMachinedShowsDisk() throws Exception {
        builtAndRunning();
        host.control("fail machinectl list *");

        int status = nixunits.run("status", "web2");

        assertEquals(0, status, nixunits.stderr());
        assertEquals(List.of("web2: configured, running unknown", "  needs: nothing"), nixunits.stdout().lines().toList());
        assertTrue(nixunits.stderr().contains("[web2] showing the container on disk only: cannot list the running"
                + " machines"), nixunits.stderr());
    }

    @Test
    void statusJsonWithoutMachinedOmitsStarted() throws Exception {
        builtAndRunning();
        host.control("fail machinectl list *");

        int status = nixunits.run("status", "web2", "--json");

        assertEquals(0, status, nixunits.stderr());
        JsonNode json = new ObjectMapper().readTree(nixunits.stdout());
        assertFalse(json.has("started"), nixunits.stdout());
        assertEquals("configured", json.get("status").asText());
    }

    @Test
    void shellEntersAllNamespaces() throws Exception {
        builtAndRunning();

        int status = nixunits.run("shell", "web2");

        assertEquals(0, status, nixunits.stderr());
        assertEquals(List.of("machinectl show web2 -p Leader --value",
                "nsenter --target 4242 --mount --uts --ipc --net --pid --user"), host.commands());
        assertTrue(nixunits.stderr().contains("Entering container web2 (leader PID 4242)"), nixunits.stderr());
    }

    @Test
    void nsenterNetworkOnlyWithCommand() throws Exception {
        builtAndRunning();

        int status = nixunits.run("nsenter", "-q", "web2", "-n", "ip", "-br", "addr");

        assertEquals(0, status, nixunits.stderr());
        assertEquals(List.of("machinectl show web2 -p Leader --value", "nsenter --target 4242 --net ip -br addr"),
                host.commands());
        assertFalse(nixunits.stderr().contains("Entering"), "quiet");
    }

    @Test
    void shellOfStoppedContainer() throws Exception {
        int status = nixunits.run("shell", "web2");

        assertEquals(1, status);
        assertTrue(nixunits.stderr().contains("Error: container web2 is not running (No machine 'web2' known)."
                + " Start it with 'nixunits start web2'."), nixunits.stderr());
    }

    @Test
    void otherVerbPassedToMachinectl() throws Exception {
        builtAndRunning();

        int status = nixunits.run("poweroff", "web2");

        assertEquals(0, status, nixunits.stderr());
        assertEquals(List.of("machinectl poweroff web2"), host.commands());
    }

    @Test
    void machinectlOptionsPassedUnchanged() throws Exception {
        int status = nixunits.run("show", "web2", "-p", "Leader", "--value");

        assertEquals(1, status, "machinectl's exit status, as web2 is not running");
        assertEquals(List.of("machinectl show web2 -p Leader --value"), host.commands());
    }

    @Test
    void machinectlFailureStatusPassedThrough() throws Exception {
        host.control("fail machinectl terminate *");

        int status = nixunits.run("terminate", "web2");

        assertEquals(1, status);
        assertEquals(List.of("machinectl terminate web2"), host.commands());
        assertFalse(nixunits.stderr().contains("Error:"), "machinectl's own message is the error");
    }

    @Test
    void noArgumentsListsMachines() throws Exception {
        int status = nixunits.run();

        assertEquals(0, status, nixunits.stderr());
        assertEquals(List.of("machinectl "), host.commands());
    }
}
