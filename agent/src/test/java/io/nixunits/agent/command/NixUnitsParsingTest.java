package io.nixunits.agent.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nixunits.agent.host.FakeHost;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Parses every verb and option of {@code nixunits}: help, usage errors with their exit status 2
 * and message, and bad combinations. Nothing here reaches a fake command unless it says so.
 */
class NixUnitsParsingTest {
    @TempDir
    Path dir;

    private FakeHost host;
    private NixUnitsRun nixunits;

    @BeforeEach
    void setUp() throws Exception {
        host = new FakeHost(dir);
        nixunits = new NixUnitsRun(host, dir.resolve("units"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"build", "start", "stop", "restart", "reboot", "status", "list", "delete", "enable",
        "disable", "shell", "nsenter", "ip6_get"})
    void helpOfEveryVerb(String verb) throws Exception {
        int status = nixunits.run(verb, "--help");

        assertEquals(0, status, nixunits.stderr());
        String name = switch (verb) {
            case "reboot" -> "restart";
            case "nsenter" -> "shell";
            default -> verb;
        };
        assertTrue(nixunits.stdout().startsWith("Usage: nixunits " + name), nixunits.stdout());
        assertEquals(List.of(), host.commands(), "help runs no command");
    }

    @Test
    void topLevelHelpListsVerbs() {
        int status = nixunits.run("--help");

        assertEquals(0, status);
        for (String verb : List.of("build", "start", "stop", "restart", "status", "list", "delete", "enable",
                "disable", "shell", "ip6_get")) {
            assertTrue(nixunits.stdout().contains("  " + verb), verb + " missing from:\n" + nixunits.stdout());
        }
    }

    @Test
    void buildWithoutConfig() throws Exception {
        int status = nixunits.run("build", "-j", "web2.json");

        assertEquals(2, status);
        assertTrue(nixunits.stderr().startsWith("Error: Missing required option: '--config=CONFIG.nix'"),
                nixunits.stderr());
        assertTrue(nixunits.stderr().contains("Run 'nixunits build --help' for the options."), nixunits.stderr());
        assertEquals(List.of(), host.commands());
    }

    @Test
    void buildWithoutProperties() {
        int status = nixunits.run("build", "-n", "config.nix");

        assertEquals(2, status);
        assertTrue(nixunits.stderr().contains("Missing required option: '--properties=PROPERTIES.json'"),
                nixunits.stderr());
    }

    @Test
    void buildStartWithRestart() throws Exception {
        int status = nixunits.run("build", "-n", "config.nix", "-j", "web2.json", "-s", "-r");

        assertEquals(2, status);
        assertTrue(nixunits.stderr().contains("--start, --restart are mutually exclusive"), nixunits.stderr());
        assertEquals(List.of(), host.commands());
    }

    @Test
    void buildIdWithUnderscore() {
        int status = nixunits.run("build", "-n", "config.nix", "-j", "web2.json", "-i", "web_2");

        assertEquals(2, status);
        assertTrue(nixunits.stderr().contains("invalid container id 'web_2': it contains '_', which systemd does"
                + " not allow in machine names"), nixunits.stderr());
    }

    @Test
    void buildUnknownOption() {
        int status = nixunits.run("build", "-n", "config.nix", "-j", "web2.json", "-x");

        assertEquals(2, status);
        assertTrue(nixunits.stderr().contains("Unknown option: '-x'"), nixunits.stderr());
    }

    @ParameterizedTest
    @ValueSource(strings = {"start", "stop", "restart", "status", "delete", "enable", "disable", "shell", "ip6_get"})
    void verbWithoutId(String verb) {
        int status = nixunits.run(verb);

        assertEquals(2, status);
        assertTrue(nixunits.stderr().contains("Missing required parameter: 'ID'"), nixunits.stderr());
        assertTrue(nixunits.stderr().contains("Usage: nixunits " + verb), nixunits.stderr());
    }

    @ParameterizedTest
    @ValueSource(strings = {"start", "stop", "restart", "status", "delete", "enable", "disable", "shell", "ip6_get"})
    void verbWithInvalidId(String verb) throws Exception {
        int status = nixunits.run(verb, "a_b");

        assertEquals(2, status);
        assertTrue(nixunits.stderr().contains("Invalid value for positional parameter at index 0 (ID): invalid"
                + " container id 'a_b'"), nixunits.stderr());
        assertEquals(List.of(), host.commands());
    }

    @Test
    void idStartingWithDash() {
        int status = nixunits.run("status", "--", "-web");

        assertEquals(2, status);
        assertTrue(nixunits.stderr().contains("it starts with '-'"), nixunits.stderr());
    }

    @Test
    void deleteExtraArgument() {
        int status = nixunits.run("delete", "web2", "web3");

        assertEquals(2, status);
        assertTrue(nixunits.stderr().contains("Unmatched argument at index"), nixunits.stderr());
    }

    @Test
    void statusWithOnlyConfig() {
        int status = nixunits.run("status", "web2", "-n", "config.nix");

        assertEquals(2, status);
        assertTrue(nixunits.stderr().contains("Missing required argument(s): --properties=PROPERTIES.json"),
                nixunits.stderr());
    }

    @Test
    void globalOptionAfterVerb() throws Exception {
        int status = nixunits.run("list", "--state-dir", dir.resolve("other").toString());

        assertEquals(0, status, nixunits.stderr());
        assertTrue(nixunits.stdout().contains("(no containers)"), nixunits.stdout());
    }

    @Test
    void ip6GetHostSide() {
        int status = nixunits.run("ip6_get", "web2", "--host");

        assertEquals(0, status);
        assertEquals(Ip6Address.host(new io.nixunits.model.ContainerId("web2")) + "\n", nixunits.stdout());
    }
}
