package io.nixunits.agent.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Resolves a path as a process inside a chroot store would see it: an absolute symbolic link
 * restarts from the chroot's root, not the host's. The chroot is a stack of layers, upper first,
 * as overlayfs shows them.
 */
final class ChrootPaths {
    /** The most links followed, as Linux allows (MAXSYMLINKS). */
    static final int MAX_LINKS = 40;

    private ChrootPaths() {
    }

    /**
     * Returns the chroot-absolute path that {@code path} resolves to, or empty when a part of it
     * is missing in every layer or there are too many links.
     */
    static Optional<String> resolve(List<Path> layers, String path) throws IOException {
        Deque<String> pending = new ArrayDeque<>(List.of(path.split("/")));
        Deque<String> resolved = new ArrayDeque<>();
        int links = 0;
        while (!pending.isEmpty()) {
            String part = pending.pollFirst();
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                resolved.pollLast();
                continue;
            }
            resolved.addLast(part);
            String current = "/" + String.join("/", resolved);
            Optional<Path> onDisk = find(layers, current);
            if (onDisk.isEmpty()) {
                return Optional.empty();
            }
            if (Files.isSymbolicLink(onDisk.get())) {
                if (++links > MAX_LINKS) {
                    return Optional.empty();
                }
                String target = Files.readSymbolicLink(onDisk.get()).toString();
                resolved.pollLast();
                if (target.startsWith("/")) {
                    resolved.clear();
                }
                List<String> targetParts = List.of(target.split("/"));
                for (int i = targetParts.size() - 1; i >= 0; i--) {
                    pending.addFirst(targetParts.get(i));
                }
            }
        }
        return Optional.of("/" + String.join("/", resolved));
    }

    private static Optional<Path> find(List<Path> layers, String chrootPath) {
        for (Path layer : layers) {
            Path candidate = layer.resolve(chrootPath.substring(1));
            if (Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
