package io.nixunits.agent.command;

import io.nixunits.agent.AgentException;
import io.nixunits.agent.cli.UnitHashOptions;
import io.nixunits.agent.host.HostContext;
import io.nixunits.agent.host.HostTimeouts;
import io.nixunits.agent.host.NixSettings;
import io.nixunits.agent.host.UnitDirectory;
import io.nixunits.agent.process.ProcessRunner;
import io.nixunits.model.ContainerId;
import io.nixunits.model.host.ContainerState;
import io.nixunits.model.host.HostStateException;
import io.nixunits.model.host.HostStateReader;
import io.nixunits.model.host.StateLayout;
import io.nixunits.model.inventory.Inventory;
import io.nixunits.model.inventory.InventoryException;
import io.nixunits.model.inventory.InventoryStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This host as the {@code nixunits} verbs see it: the state root, where units are enabled, the
 * process runner, and the tools each verb needs.
 */
final class LocalHost {
    private static final Logger LOG = LoggerFactory.getLogger(LocalHost.class);

    /** The Debian package of each tool a verb may need, for the message when it is missing. */
    private static final Map<String, String> DEBIAN_PACKAGES = Map.of(
            "nix", "nix-bin",
            "systemctl", "systemd",
            "machinectl", "systemd-container",
            "nsenter", "util-linux");

    private final ProcessRunner runner;
    private final StateLayout layout;
    private final Path unitDir;

    LocalHost(ProcessRunner runner, Path stateDir, Path unitDir) {
        this.runner = runner;
        this.layout = new StateLayout(stateDir);
        this.unitDir = unitDir;
    }

    ProcessRunner runner() {
        return runner;
    }

    StateLayout layout() {
        return layout;
    }

    /** Returns the context of the host operations that need no Nix: units, switches, deletions. */
    HostContext context() {
        String system = UnitHashOptions.currentSystem();
        return context(new NixSettings(NixSettings.defaultMkContainer(system), null, system, null, List.of(),
                Duration.ofHours(1)));
    }

    /** Returns the context of the host operations, builds included, with {@code nix}. */
    HostContext context(NixSettings nix) {
        UnitDirectory units = unitDir == null ? UnitDirectory.detect()
                : new UnitDirectory(unitDir, UnitDirectory.DEFAULT_ROOT);
        return new HostContext(layout, runner, units, nix, HostTimeouts.defaults());
    }

    /** Reads one container's directory; a missing one reads as a container with no build. */
    ContainerState read(ContainerId id) throws AgentException {
        try {
            return new HostStateReader(layout).readContainer(id);
        } catch (HostStateException e) {
            throw new AgentException(e.getMessage(), e);
        }
    }

    Inventory inventory() throws InventoryException {
        return new InventoryStore(layout.inventory()).read();
    }

    /** Returns whether nixunits-agent's inventory lists the container; an unreadable inventory is logged and reads as no. */
    boolean managedByAgent(ContainerId id) {
        try {
            return inventory().contains(id);
        } catch (InventoryException e) {
            LOG.warn("[{}] cannot tell whether nixunits-agent manages it: {}", id, e.getMessage());
            return false;
        }
    }

    /** Fails, naming the tool and how to install it, unless every one of {@code tools} is on the PATH. */
    void require(String... tools) throws AgentException {
        for (String tool : tools) {
            if (runner.find(tool).isEmpty()) {
                String debianPackage = DEBIAN_PACKAGES.getOrDefault(tool, tool);
                throw new AgentException(tool + " not found on PATH. Install it (on Debian: apt-get install "
                        + debianPackage + "; on NixOS it comes with the system), or fix PATH.");
            }
        }
    }

    /** Returns the running machines; machinectl must be installed. */
    Machines machines() throws AgentException {
        require("machinectl");
        return Machines.read(runner);
    }
}
