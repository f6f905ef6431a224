package io.nixunits.agent.source;

import java.nio.file.Path;

/**
 * Declarations ready to read.
 *
 * @param root the directory every declaration file must stay inside (the work tree, or the
 *     plain directory)
 * @param declarations the directory holding {@code <id>/} declarations
 * @param location where they came from, credentials removed
 * @param ref the requested ref, or null for a plain directory
 * @param commit the commit checked out, or null for a plain directory
 */
public record Checkout(Path root, Path declarations, String location, String ref, String commit) {
    public boolean fromGit() {
        return commit != null;
    }
}
