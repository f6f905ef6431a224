package io.nixunits.agent.host;

import java.nio.file.Path;

/**
 * A base build in the shared store: its GC root, and whether this run built it or found it.
 *
 * @param key the GC root's name (see {@link BuildInput#baseKey})
 */
public record BaseBuild(String key, Path gcRoot, boolean built) {
}
