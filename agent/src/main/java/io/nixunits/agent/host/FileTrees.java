package io.nixunits.agent.host;

import io.nixunits.model.ContainerId;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;

/**
 * File operations of the host steps. None of them follows a symbolic link out of the tree it
 * was given, and each failure names the container and the path.
 */
final class FileTrees {
    private FileTrees() {
    }

    /**
     * Deletes {@code tree} and everything below it; a symbolic link is deleted, never followed.
     * Read-only directories, as Nix leaves its store paths, are made writable first.
     */
    static void delete(ContainerId id, Path tree) throws HostOperationException {
        if (!Files.exists(tree, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            if (!Files.isDirectory(tree, LinkOption.NOFOLLOW_LINKS)) {
                Files.delete(tree);
                return;
            }
            Files.walkFileTree(tree, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    dir.toFile().setWritable(true, true);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                    if (failure != null) {
                        throw failure;
                    }
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new HostOperationException(id, tree, "cannot delete " + tree + " of container " + id + ": " + e
                    + ". Check for a leftover mount below it ('findmnt -R " + tree + "').", e);
        }
    }

    /** Copies the tree {@code from} into {@code to}, symbolic links as links, skipping names in {@code skip}. */
    static void copy(ContainerId id, Path from, Path to, Set<String> skip) throws HostOperationException {
        try {
            Files.walkFileTree(from, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    if (skip.contains(dir.getFileName().toString()) && !dir.equals(from)) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    if (!skip.contains(file.getFileName().toString())) {
                        Files.copy(file, to.resolve(from.relativize(file).toString()), LinkOption.NOFOLLOW_LINKS,
                                StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new HostOperationException(id, from, "cannot copy " + from + " to " + to + " for container " + id
                    + ": " + e, e);
        }
    }

    /** Moves {@code from} to {@code to}, replacing a file or link there; does nothing when {@code from} is absent. */
    static boolean moveIfPresent(ContainerId id, Path from, Path to) throws HostOperationException {
        if (!Files.exists(from, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try {
            try {
                Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new HostOperationException(id, from, "cannot move " + from + " to " + to + " for container " + id
                    + ": " + e, e);
        }
        return true;
    }

    /** Copies a file or a symbolic link (as a link) to {@code to}; does nothing when {@code from} is absent. */
    static void copyIfPresent(ContainerId id, Path from, Path to) throws HostOperationException {
        if (!Files.exists(from, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.copy(from, to, LinkOption.NOFOLLOW_LINKS, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new HostOperationException(id, from, "cannot copy " + from + " to " + to + " for container " + id
                    + ": " + e, e);
        }
    }

    /** Writes {@code bytes} to a temporary file beside {@code file}, then renames it over {@code file}. */
    static void writeAtomically(ContainerId id, Path file, byte[] bytes) throws HostOperationException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.createDirectories(file.getParent());
            Files.write(temporary, bytes);
        } catch (IOException e) {
            throw new HostOperationException(id, file, "cannot write " + temporary + ": " + e, e);
        }
        moveIfPresent(id, temporary, file);
    }

    /** Replaces whatever is at {@code link} with a symbolic link to {@code target}. */
    static void symlink(ContainerId id, Path link, Path target) throws HostOperationException {
        try {
            Files.createDirectories(link.getParent());
            Files.deleteIfExists(link);
            Files.createSymbolicLink(link, target);
        } catch (IOException e) {
            throw new HostOperationException(id, link, "cannot create the symbolic link " + link + " -> " + target
                    + ": " + e, e);
        }
    }

    static void createDirectories(ContainerId id, Path... dirs) throws HostOperationException {
        for (Path dir : dirs) {
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new HostOperationException(id, dir, "cannot create " + dir + " for container " + id + ": " + e,
                        e);
            }
        }
    }
}
