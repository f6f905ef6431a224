package io.nixunits.agent.hooks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/**
 * Finds on the host a store file that unit.conf names ({@code NFT_FILE}, {@code SYSCTL_FILE}...).
 * A file built for one container is in its own store layer, {@code containers/<id>/root/nix/store};
 * one shared with the base build is in {@code store/default/root/nix/store}; a container declared
 * in the host's NixOS configuration uses the host's {@code /nix/store}.
 */
final class ContainerFiles {
    private ContainerFiles() {
    }

    /**
     * Returns the host path of {@code storePath}. A copy under the container's root must stay
     * there once symbolic links are resolved, because the container may write below its root.
     */
    static Path resolve(HookRun run, String storePath, String key) throws HookException {
        Path root = run.files().root();
        List<Path> bases = List.of(root, run.settings().layout().baseStore());
        for (Path base : bases) {
            Path candidate = Path.of(base.toString(), storePath);
            if (!Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            return checkInside(run, candidate, base, key);
        }
        Path onHost = Path.of(storePath);
        if (Files.isRegularFile(onHost)) {
            return onHost;
        }
        throw run.error(key + " " + storePath + " not found in the container's store (" + root + storePath
                + "), the base store (" + run.settings().layout().baseStore() + storePath + ") or the host's. Rebuild"
                + " the container so that its store holds the file.");
    }

    private static Path checkInside(HookRun run, Path candidate, Path base, String key) throws HookException {
        try {
            Path real = candidate.toRealPath();
            if (!real.startsWith(base.toRealPath()) || !Files.isRegularFile(real)) {
                throw run.error(key + " " + candidate + " resolves to " + real + ", which is not a regular file under "
                        + base + "; the hooks do not follow links out of it. Rebuild the container.");
            }
            return real;
        } catch (IOException e) {
            throw run.failed("resolving " + key + " " + candidate, e);
        }
    }
}
