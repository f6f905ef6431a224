package io.nixunits.agent.daemon;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.nixunits.agent.source.GitCredentials;
import io.nixunits.agent.source.UrlRedactor;
import io.nixunits.model.host.StateLayout;
import io.nixunits.model.json.JsonTrees;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the daemon's settings from {@code agent.json}, then the environment, then the command
 * line; a later source overrides an earlier one. Every value keeps its origin, so an error can
 * name the file key, variable or option to fix.
 */
public final class AgentConfigLoader {
    public static final Path DEFAULT_FILE = Path.of("/etc/nixunits/agent.json");
    public static final String CONFIG_VARIABLE = "NIXUNITS_CONFIG";
    /** The address the listener binds when {@code listen} gives only a port. */
    public static final String DEFAULT_LISTEN_HOST = "127.0.0.1";

    /** A setting's value and where it came from. */
    record Value(String text, String origin) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(AgentConfigLoader.class);
    /** The variables read elsewhere: by the launcher, the Nix options and the host options. */
    private static final Set<String> OTHER_VARIABLES = Set.of(CONFIG_VARIABLE, "NIXUNITS_CLASS_ARCHIVE",
            "NIXUNITS_JAR", "NIXUNITS_JIT", "NIXUNITS_MAIN", "NIXUNITS_MK_CONTAINER", "NIXUNITS_NIXPKGS",
            "NIXUNITS_NIXPKGS_REVISION", "NIXUNITS_STOP_TIMEOUT", "NIXUNITS_SYSTEM", "NIXUNITS_UNIT_DIR");

    private final Map<String, String> environment;

    public AgentConfigLoader(Map<String, String> environment) {
        this.environment = environment;
    }

    /**
     * Reads every source.
     *
     * @param file the configuration file given with {@code --config}, or null for
     *     {@code $NIXUNITS_CONFIG} or the default file, which may be missing
     * @param options the values given on the command line
     */
    public Values load(Path file, Map<Setting, String> options) throws ConfigException {
        Map<Setting, Value> values = new EnumMap<>(Setting.class);

        // the configuration file
        String fromEnvironment = environment.get(CONFIG_VARIABLE);
        Path configFile = file != null ? file : fromEnvironment != null && !fromEnvironment.isBlank()
                ? Path.of(fromEnvironment) : DEFAULT_FILE;
        boolean required = file != null || fromEnvironment != null && !fromEnvironment.isBlank();
        readFile(configFile, required, values);

        // the environment, then the command line
        warnUnknownVariables();
        for (Setting setting : Setting.values()) {
            String text = environment.get(setting.environmentVariable());
            if (text != null && !text.isBlank()) {
                values.put(setting, new Value(text.strip(), "environment variable " + setting.environmentVariable()));
            }
        }
        options.forEach((setting, text) -> {
            if (text != null) {
                values.put(setting, new Value(text, "option " + setting.option()));
            }
        });
        return new Values(values, configFile);
    }

    private static void readFile(Path file, boolean required, Map<Setting, Value> values) throws ConfigException {
        JsonNode root;
        try {
            root = JsonTrees.parse(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            if (required) {
                throw new ConfigException("configuration file " + file + " not found. Give an existing file with"
                        + " --config or " + CONFIG_VARIABLE + ", or leave both unset.");
            }
            return;
        } catch (JsonProcessingException e) {
            throw new ConfigException("invalid JSON in the configuration file " + file + ": "
                    + e.getOriginalMessage() + " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + "). Fix the file; the daemon keeps nothing from it.", e);
        } catch (IOException e) {
            throw new ConfigException("cannot read the configuration file " + file + ": " + e + ".", e);
        }
        if (root == null || !root.isObject()) {
            throw new ConfigException("the configuration file " + file + " must contain one JSON object, such as"
                    + " {\"repository\": \"https://git.example.org/ops/containers.git\"}.");
        }
        flatten(file, "", root, values);
    }

    private static void flatten(Path file, String prefix, JsonNode object, Map<Setting, Value> values)
            throws ConfigException {
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            String key = prefix + field.getKey();
            JsonNode node = field.getValue();
            if (node.isObject() && prefix.isEmpty() && isSection(key)) {
                flatten(file, key + ".", node, values);
                continue;
            }
            Setting setting = Setting.byKey(key).orElseThrow(() -> new ConfigException("unknown key '" + key
                    + "' in the configuration file " + file + ". Known keys: " + knownKeys() + "."));
            if (node.isNull()) {
                continue;
            }
            if (!node.isValueNode()) {
                throw new ConfigException("key '" + key + "' in the configuration file " + file
                        + " must be a string, a number or a boolean, not " + node.getNodeType().name()
                        .toLowerCase(Locale.ROOT) + ".");
            }
            values.put(setting, new Value(node.asText(), "key '" + key + "' of " + file));
        }
    }

    /**
     * Warns about {@code NIXUNITS_*} variables that nothing reads, such as a mistyped
     * {@code NIXUNITS_INTERVAL} for {@code NIXUNITS_SYNC_INTERVAL}, which would otherwise be
     * ignored without a word.
     */
    private void warnUnknownVariables() {
        Set<String> known = new TreeSet<>(OTHER_VARIABLES);
        for (Setting setting : Setting.values()) {
            known.add(setting.environmentVariable());
        }
        for (String name : new TreeSet<>(environment.keySet())) {
            if (name.startsWith("NIXUNITS_") && !known.contains(name)) {
                LOG.warn("environment variable {} is not a NixUnits setting and is ignored. Known: {}.", name,
                        String.join(", ", known));
            }
        }
    }

    private static boolean isSection(String key) {
        return Arrays.stream(Setting.values()).anyMatch(setting -> setting.key().startsWith(key + "."));
    }

    private static String knownKeys() {
        return Arrays.stream(Setting.values()).map(Setting::key).collect(Collectors.joining(", "));
    }

    /** The merged values, turned into settings on demand. */
    public static final class Values {
        private final Map<Setting, Value> values;
        private final Path file;

        Values(Map<Setting, Value> values, Path file) {
            this.values = values;
            this.file = file;
        }

        /** Returns the state root, which the status, suspend and resume commands need alone. */
        public Path stateDir() {
            Value value = values.get(Setting.STATE_DIR);
            return Path.of(value == null ? StateLayout.DEFAULT_ROOT : value.text());
        }

        /** Checks every value and returns the daemon's settings. */
        public AgentConfig toConfig(Instant now) throws ConfigException {
            Value repository = values.get(Setting.REPOSITORY);
            if (repository == null || repository.text().isBlank()) {
                throw new ConfigException("no repository configured. Set \"repository\" in " + file + ", "
                        + Setting.REPOSITORY.environmentVariable() + " or " + Setting.REPOSITORY.option() + ".");
            }
            return new AgentConfig(repository.text(), text(Setting.REF, "main"), text(Setting.PATH, "."),
                    text(Setting.MODULES, "modules"), stateDir(), schedule(now), bool(Setting.SELF_HEAL, true),
                    credentials(), listen(), webhooks());
        }

        /** Returns where each value came from, for the daemon's start-up log; no value is shown. */
        public String describeOrigins() {
            return values.entrySet().stream()
                    .map(entry -> entry.getKey().key() + " from " + entry.getValue().origin())
                    .collect(Collectors.joining("; "));
        }

        private SyncSchedule schedule(Instant now) throws ConfigException {
            Value cron = values.get(Setting.CRON);
            Value interval = values.get(Setting.INTERVAL);
            if (cron != null && interval != null) {
                throw new ConfigException("both an interval (" + interval.origin() + ") and a cron expression ("
                        + cron.origin() + ") are set. Keep one of them.");
            }
            Duration every = duration(Setting.INTERVAL, SyncSchedule.DEFAULT_INTERVAL);
            Duration jitter;
            Value jitterValue = values.get(Setting.JITTER);
            if (cron != null) {
                var expression = SyncSchedule.parseCron(cron.text(), cron.origin());
                jitter = jitterValue == null ? SyncSchedule.defaultCronJitter(expression, now)
                        : jitter(jitterValue, SyncSchedule.defaultCronJitter(expression, now).multipliedBy(10));
            } else {
                jitter = jitterValue == null
                        ? Duration.ofMillis((long) (every.toMillis() * SyncSchedule.DEFAULT_JITTER_SHARE))
                        : jitter(jitterValue, every);
            }
            Duration backoffInitial = duration(Setting.BACKOFF_INITIAL, SyncSchedule.DEFAULT_BACKOFF_INITIAL);
            Duration backoffMax = duration(Setting.BACKOFF_MAX, SyncSchedule.DEFAULT_BACKOFF_MAX);
            if (backoffMax.compareTo(backoffInitial) < 0) {
                throw new ConfigException("the maximum backoff " + DurationText.format(backoffMax)
                        + " is shorter than the first one " + DurationText.format(backoffInitial) + ". Raise "
                        + Setting.BACKOFF_MAX.key() + " or lower " + Setting.BACKOFF_INITIAL.key() + ".");
            }
            return new SyncSchedule(every, cron == null ? null : cron.text().strip(), jitter,
                    duration(Setting.DRIFT_INTERVAL, SyncSchedule.DEFAULT_DRIFT_INTERVAL), backoffInitial, backoffMax,
                    duration(Setting.SYNC_TIMEOUT, SyncSchedule.DEFAULT_SYNC_TIMEOUT));
        }

        /** Parses a jitter written as a duration or as a percentage of {@code period}. */
        private static Duration jitter(Value value, Duration period) throws ConfigException {
            String text = value.text().strip();
            if (text.endsWith("%")) {
                double share;
                try {
                    share = Double.parseDouble(text.substring(0, text.length() - 1)) / 100;
                } catch (NumberFormatException e) {
                    share = -1;
                }
                if (share < 0 || share > 1) {
                    throw new ConfigException("invalid jitter '" + text + "' (" + value.origin() + "). Give a"
                            + " percentage from 0% to 100%, or a duration such as 5s.");
                }
                return Duration.ofMillis((long) (period.toMillis() * share));
            }
            if (text.equals("0")) {
                return Duration.ZERO;
            }
            return DurationText.parse(value.origin(), text);
        }

        private GitCredentials credentials() {
            Path token = path(Setting.TOKEN_FILE);
            Path key = path(Setting.SSH_KEY_FILE);
            Value username = values.get(Setting.GIT_USERNAME);
            return new GitCredentials(username == null ? null : username.text(), token, key,
                    path(Setting.KNOWN_HOSTS_FILE));
        }

        private InetSocketAddress listen() throws ConfigException {
            Value value = values.get(Setting.LISTEN);
            if (value == null || value.text().isBlank() || value.text().equals("off")) {
                if (webhooks().any()) {
                    Setting first = Arrays.stream(new Setting[] {Setting.GITEA_SECRET_FILE, Setting.GITHUB_SECRET_FILE,
                            Setting.GITLAB_SECRET_FILE}).filter(values::containsKey).findFirst().orElseThrow();
                    throw new ConfigException("a webhook secret is set (" + values.get(first).origin() + ") but the"
                            + " HTTP listener is off. Set \"listen\" (such as 9780 for 127.0.0.1:9780) in " + file
                            + ", " + Setting.LISTEN.environmentVariable() + " or " + Setting.LISTEN.option() + ".");
                }
                return null;
            }
            return ListenAddress.parse(value.text(), value.origin());
        }

        private AgentConfig.WebhookSecrets webhooks() {
            return new AgentConfig.WebhookSecrets(path(Setting.GITEA_SECRET_FILE), path(Setting.GITHUB_SECRET_FILE),
                    path(Setting.GITLAB_SECRET_FILE));
        }

        private String text(Setting setting, String fallback) {
            Value value = values.get(setting);
            return value == null || value.text().isBlank() ? fallback : value.text();
        }

        private Path path(Setting setting) {
            Value value = values.get(setting);
            return value == null || value.text().isBlank() ? null : Path.of(value.text());
        }

        private Duration duration(Setting setting, Duration fallback) throws ConfigException {
            Value value = values.get(setting);
            return value == null ? fallback : DurationText.parse(value.origin(), value.text());
        }

        private boolean bool(Setting setting, boolean fallback) throws ConfigException {
            Value value = values.get(setting);
            if (value == null) {
                return fallback;
            }
            return switch (value.text().strip().toLowerCase(Locale.ROOT)) {
                case "true", "yes", "1", "on" -> true;
                case "false", "no", "0", "off" -> false;
                default -> throw new ConfigException("invalid value '" + UrlRedactor.redact(value.text()) + "' for "
                        + setting.key() + " (" + value.origin() + "). Give true or false.");
            };
        }
    }
}
