package io.nixunits.agent.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Declarations from a plain directory, without Git. */
public final class DirectorySource {
    private DirectorySource() {
    }

    public static Checkout checkout(Path dir) throws SourceException {
        if (!Files.isDirectory(dir)) {
            throw new SourceException(dir.toString(), "declarations directory " + dir
                    + " does not exist or is not a directory. Check --dir.", null);
        }
        return new Checkout(dir, dir, dir.toString(), null, null);
    }

    /**
     * Resolves {@code path} inside {@code root}, rejecting one that leaves it ({@code ..},
     * an absolute path, or a symlink out of it).
     */
    public static Path resolveInside(Path root, String path, String location) throws SourceException {
        if (path == null || path.isEmpty() || path.equals(".")) {
            return root;
        }
        Path relative = root.getFileSystem().getPath(path);
        Path resolved = root.resolve(relative).normalize();
        if (relative.isAbsolute() || !resolved.startsWith(root.normalize())) {
            throw new SourceException(location, "path " + path + " leaves the repository " + location
                    + ". Give a path relative to the repository root (--path).", null);
        }
        if (!Files.isDirectory(resolved)) {
            throw new SourceException(location, "path " + path + " is not a directory in " + location
                    + ". Check --path.", null);
        }
        try {
            if (!resolved.toRealPath().startsWith(root.toRealPath())) {
                throw new SourceException(location, "path " + path + " resolves outside the repository " + location
                        + " through a symlink. Give a real directory (--path).", null);
            }
        } catch (IOException e) {
            throw new SourceException(location, "path " + path + " cannot be resolved in " + location + ": " + e, e);
        }
        return resolved;
    }

    /**
     * Resolves {@code path} inside {@code root} like {@link #resolveInside}, but returns null
     * when the directory does not exist, for optional directories such as shared modules.
     */
    public static Path resolveInsideOrMissing(Path root, String path, String location) throws SourceException {
        Path relative = root.getFileSystem().getPath(path);
        Path resolved = root.resolve(relative).normalize();
        if (relative.isAbsolute() || !resolved.startsWith(root.normalize())) {
            throw new SourceException(location, "path " + path + " leaves the declarations directory in " + location
                    + ". Give a relative path (--modules).", null);
        }
        return Files.isDirectory(resolved) ? resolveInside(root, path, location) : null;
    }
}
