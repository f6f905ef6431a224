package io.nixunits.agent.host;

import io.nixunits.model.ContainerId;
import io.nixunits.model.host.ContainerState;
import io.nixunits.model.host.StateLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Creates a container's directory with the mode the shell tool gave it. */
final class ContainerDirectory {
    /** rwxr-s---: the group may read, and new files inherit the directory's group. */
    static final int MODE = 02750;

    private ContainerDirectory() {
    }

    static Path create(StateLayout layout, ContainerId id) throws HostOperationException {
        Path dir = layout.container(id);
        if (Files.isDirectory(dir)) {
            return dir;
        }
        try {
            Files.createDirectories(dir);
            Files.setAttribute(dir, "unix:mode", MODE);
        } catch (IOException | UnsupportedOperationException e) {
            throw new HostOperationException(id, dir, "cannot create the directory of container " + id + " at " + dir
                    + ": " + e + ". Check that the state root is writable.", e);
        }
        return dir;
    }

    /**
     * Rejects a container whose unit.conf points into {@code /etc/nixunits/}: the host's NixOS
     * configuration declares it, and changing it here would fight that configuration.
     */
    static void rejectIfDeclaredByNixos(StateLayout layout, ContainerId id) throws HostOperationException {
        Path unitConf = layout.files(id).unitConf();
        if (!Files.isSymbolicLink(unitConf)) {
            return;
        }
        String target;
        try {
            target = Files.readSymbolicLink(unitConf).toString();
        } catch (IOException e) {
            throw new HostOperationException(id, unitConf, "cannot read the symbolic link " + unitConf + ": " + e, e);
        }
        if (target.startsWith(ContainerState.NIXOS_UNIT_CONF_DIR)) {
            throw new HostOperationException(id, unitConf, "container " + id + " is declared in the host's NixOS"
                    + " configuration (unit.conf -> " + target + "), so it is left alone. Change it there, or remove"
                    + " it from there first.", null);
        }
    }
}
