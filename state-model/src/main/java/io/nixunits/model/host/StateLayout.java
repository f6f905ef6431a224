package io.nixunits.model.host;

import io.nixunits.model.ContainerId;
import java.nio.file.Path;

/**
 * The paths under the state root, shared with the shell version of NixUnits. The agent's own
 * files live under {@code agent/}, which the shell version never used.
 */
public record StateLayout(Path root) {
    public static final String DEFAULT_ROOT = "/var/lib/nixunits";

    public Path hostLock() {
        return root.resolve(".lock");
    }

    public Path uidMap() {
        return root.resolve("uidmap");
    }

    public Path baseStore() {
        return root.resolve("store/default/root");
    }

    public Path gcRoots() {
        return root.resolve("gcroots");
    }

    public Path containers() {
        return root.resolve("containers");
    }

    public Path container(ContainerId id) {
        return containers().resolve(id.value());
    }

    public Path agentDir() {
        return root.resolve("agent");
    }

    public Path inventory() {
        return agentDir().resolve("inventory.json");
    }

    /** Files inside one container directory. */
    public record Container(Path dir) {
        public Path root() {
            return dir.resolve("root");
        }

        public Path complete() {
            return dir.resolve(".complete");
        }

        public Path unitHash() {
            return dir.resolve(".unit_hash");
        }

        public Path lock() {
            return dir.resolve(".lock");
        }

        public Path parameters() {
            return dir.resolve("parameters.json");
        }

        public Path configuration() {
            return dir.resolve("configuration.nix");
        }

        public Path unitConf() {
            return dir.resolve("unit.conf");
        }

        public Path store() {
            return dir.resolve("store");
        }

        public Path tmp() {
            return dir.resolve("tmp");
        }

        public Path pending() {
            return tmp().resolve("root_futur");
        }

        public Path rollback() {
            return tmp().resolve("root_old");
        }

        public Path work() {
            return tmp().resolve("work");
        }

        public Path merged() {
            return tmp().resolve("merged");
        }
    }

    public Container files(ContainerId id) {
        return new Container(container(id));
    }
}
