package io.nixunits.agent.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loads agent.json, environment variables and options, in that order of precedence, and bad input. */
class AgentConfigLoaderTest {
    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

    @TempDir
    Path dir;

    private Path file(String json) throws Exception {
        return Files.writeString(dir.resolve("agent.json"), json);
    }

    private static Map<Setting, String> options(Setting setting, String value) {
        Map<Setting, String> options = new EnumMap<>(Setting.class);
        options.put(setting, value);
        return options;
    }

    @Test
    void fileEnvironmentAndOptionsMerged() throws Exception {
        Path config = file("""
                {"repository": "https://git.example.org/ops/c.git", "ref": "prod", "path": "hosts/a",
                 "schedule": {"interval": "5m", "driftInterval": "30m"}, "selfHeal": false,
                 "credentials": {"tokenFile": "/run/token"}, "listen": "9780",
                 "webhooks": {"githubSecretFile": "/run/gh"}}
                """);
        AgentConfig loaded = new AgentConfigLoader(Map.of("NIXUNITS_REF", "staging"))
                .load(config, options(Setting.PATH, "hosts/b")).toConfig(NOW);

        assertEquals("https://git.example.org/ops/c.git", loaded.repository());
        assertEquals("staging", loaded.ref());
        assertEquals("hosts/b", loaded.path());
        assertEquals(Duration.ofMinutes(5), loaded.schedule().interval());
        assertEquals(Duration.ofSeconds(30), loaded.schedule().jitter());
        assertEquals(Duration.ofMinutes(30), loaded.schedule().driftInterval());
        assertFalse(loaded.selfHeal());
        assertEquals(Path.of("/run/token"), loaded.credentials().tokenFile());
        assertEquals("127.0.0.1", loaded.listen().getHostString());
        assertEquals(9780, loaded.listen().getPort());
        assertEquals(Path.of("/run/gh"), loaded.webhooks().github());
    }

    @Test
    void defaultsWithoutFile() throws Exception {
        AgentConfig loaded = new AgentConfigLoader(Map.of("NIXUNITS_CONFIG", ""))
                .load(null, options(Setting.REPOSITORY, "/srv/repo.git")).toConfig(NOW);

        assertEquals("main", loaded.ref());
        assertEquals(Duration.ofSeconds(60), loaded.schedule().interval());
        assertEquals(Duration.ofSeconds(6), loaded.schedule().jitter());
        assertEquals(Duration.ofMinutes(10), loaded.schedule().driftInterval());
        assertEquals(Duration.ofSeconds(30), loaded.schedule().backoff(1));
        assertEquals(Duration.ofMinutes(15), loaded.schedule().backoff(20));
        assertTrue(loaded.selfHeal());
        assertNull(loaded.listen());
    }

    @Test
    void brokenJsonNamesFileAndLine() throws Exception {
        Path config = file("{\"repository\": \"x\",\n \"ref\": }");

        ConfigException e = assertThrows(ConfigException.class,
                () -> new AgentConfigLoader(Map.of()).load(config, Map.of()));

        assertTrue(e.getMessage().contains(config.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }

    @Test
    void unknownKeyRejected() throws Exception {
        Path config = file("{\"schedule\": {\"intervall\": \"5m\"}}");

        ConfigException e = assertThrows(ConfigException.class,
                () -> new AgentConfigLoader(Map.of()).load(config, Map.of()));

        assertTrue(e.getMessage().contains("unknown key 'schedule.intervall'"), e.getMessage());
        assertTrue(e.getMessage().contains("schedule.interval"), e.getMessage());
    }

    @Test
    void badValuesNameTheirOrigin() throws Exception {
        AgentConfigLoader loader = new AgentConfigLoader(Map.of("NIXUNITS_SYNC_CRON", "*/5 * * * *",
                "NIXUNITS_CONFIG", ""));
        ConfigException cron = assertThrows(ConfigException.class,
                () -> loader.load(null, options(Setting.REPOSITORY, "/r")).toConfig(NOW));
        assertTrue(cron.getMessage().contains("NIXUNITS_SYNC_CRON"), cron.getMessage());
        assertTrue(cron.getMessage().contains("seconds"), cron.getMessage());

        ConfigException interval = assertThrows(ConfigException.class, () -> new AgentConfigLoader(Map.of())
                .load(file("{\"repository\": \"/r\", \"schedule\": {\"interval\": \"soon\"}}"), Map.of())
                .toConfig(NOW));
        assertTrue(interval.getMessage().contains("'soon'"), interval.getMessage());

        ConfigException missing = assertThrows(ConfigException.class,
                () -> new AgentConfigLoader(Map.of()).load(file("{}"), Map.of()).toConfig(NOW));
        assertTrue(missing.getMessage().contains("no repository configured"), missing.getMessage());

        ConfigException hooks = assertThrows(ConfigException.class, () -> new AgentConfigLoader(Map.of())
                .load(file("{\"repository\": \"/r\", \"webhooks\": {\"gitlabSecretFile\": \"/s\"}}"), Map.of())
                .toConfig(NOW));
        assertTrue(hooks.getMessage().contains("listener is off"), hooks.getMessage());
    }

    @Test
    void cronScheduleHasJitterOfTenthOfPeriod() throws Exception {
        AgentConfig loaded = new AgentConfigLoader(Map.of("NIXUNITS_CONFIG", ""))
                .load(null, Map.of(Setting.REPOSITORY, "/r", Setting.CRON, "0 0/5 * * * ?")).toConfig(NOW);

        assertEquals(Duration.ofSeconds(30), loaded.schedule().jitter());
        Instant next = loaded.schedule().nextRun(NOW, java.util.random.RandomGenerator.of("L64X128MixRandom"));
        assertFalse(next.isBefore(NOW.plusSeconds(300)), next.toString());
        assertFalse(next.isAfter(NOW.plusSeconds(330)), next.toString());
    }

    @Test
    void missingExplicitFileRejected() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> new AgentConfigLoader(Map.of()).load(dir.resolve("none.json"), Map.of()));

        assertTrue(e.getMessage().contains("not found"), e.getMessage());
    }
}
