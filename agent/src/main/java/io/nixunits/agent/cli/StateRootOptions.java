package io.nixunits.agent.cli;

import io.nixunits.agent.daemon.AgentConfigLoader;
import io.nixunits.agent.daemon.ConfigException;
import io.nixunits.agent.daemon.Setting;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options that locate the state root for status, suspend and resume, the same way the daemon does. */
final class StateRootOptions {
    @Option(names = "--config", paramLabel = "FILE",
            description = "The daemon's configuration file, read for stateDir (default: $NIXUNITS_CONFIG, else"
                    + " /etc/nixunits/agent.json when it exists).")
    Path configFile;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "State root of the host (default: from the configuration, else /var/lib/nixunits).")
    String stateDir;

    /**
     * Returns the agent directory under the state root.
     *
     * @throws ConfigException when the state root does not exist, which is most often a mistyped
     *     path: suspending there would report success and leave the daemon running
     */
    Path agentDir() throws ConfigException {
        Map<Setting, String> options = new EnumMap<>(Setting.class);
        options.put(Setting.STATE_DIR, stateDir);
        AgentConfigLoader.Values values = new AgentConfigLoader(System.getenv()).load(configFile, options);
        Path root = values.stateDir();
        if (!Files.isDirectory(root)) {
            throw new ConfigException("state root " + root + " does not exist. Check --state-dir or stateDir in"
                    + " the configuration file.");
        }
        return root.resolve("agent");
    }
}
