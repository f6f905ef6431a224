package io.nixunits.agent.host;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a container's units are enabled. The {@code .wants} symbolic links go under
 * {@code root}: {@code /run/systemd/system} on NixOS, whose {@code /etc/systemd/system} is
 * generated from the host configuration, and {@code /etc/systemd/system} elsewhere. They point
 * at the unit templates in {@code templates}.
 */
public record UnitDirectory(Path root, Path templates) {
    public static final Path NIXOS_MARKER = Path.of("/etc/NIXOS");
    public static final Path NIXOS_ROOT = Path.of("/run/systemd/system");
    public static final Path DEFAULT_ROOT = Path.of("/etc/systemd/system");

    /** Returns the directory for this host: NixOS is recognised by {@code /etc/NIXOS}. */
    public static UnitDirectory detect() {
        Path root = Files.exists(NIXOS_MARKER) ? NIXOS_ROOT : DEFAULT_ROOT;
        return new UnitDirectory(root, DEFAULT_ROOT);
    }

    public Path serviceLink(String id) {
        return root.resolve("multi-user.target.wants").resolve(ContainerUnits.service(id));
    }

    public Path networkLink(String id) {
        return root.resolve("machine-" + id + ".scope.wants").resolve(ContainerUnits.networkService(id));
    }

    public Path serviceTemplate() {
        return templates.resolve("nixunits@.service");
    }

    public Path networkTemplate() {
        return templates.resolve("nixunits-network@.service");
    }
}
