package io.nixunits.agent.host;

import io.nixunits.model.ContainerId;
import io.nixunits.model.host.UidMap;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Allocates and frees user-namespace ranges in the {@code uidmap} file, under the host lock,
 * writing the file back atomically. The allocation rules are those of {@link UidMap}.
 */
public final class UidRanges {
    private static final Logger LOG = LoggerFactory.getLogger(UidRanges.class);

    private final HostContext context;

    public UidRanges(HostContext context) {
        this.context = context;
    }

    /** Returns the host uid of the container's root, allocating a range when it has none. */
    public long allocate(ContainerId id) throws HostOperationException {
        try (PidLock hostLock = context.lockHost()) {
            UidMap current = read(id);
            UidMap updated = current.allocate(id);
            if (updated != current) {
                write(id, updated);
                LOG.info("[{}] allocated uid range index {}", id, updated.indexOf(id).orElseThrow());
            }
            return updated.rootUid(id).orElseThrow();
        }
    }

    /** Marks the container's range free, so the next new container reuses it. */
    public void free(ContainerId id) throws HostOperationException {
        try (PidLock hostLock = context.lockHost()) {
            UidMap current = read(id);
            if (current.indexOf(id).isEmpty()) {
                LOG.info("[{}] has no uid range to free", id);
                return;
            }
            write(id, current.free(id));
            LOG.info("[{}] freed uid range index {}", id, current.indexOf(id).orElseThrow());
        }
    }

    private UidMap read(ContainerId id) throws HostOperationException {
        Path file = context.layout().uidMap();
        if (!Files.exists(file)) {
            return UidMap.empty();
        }
        try {
            return UidMap.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new HostOperationException(id, file, "cannot read the uid map " + file + ": " + e, e);
        } catch (IllegalArgumentException e) {
            throw new HostOperationException(id, file, "uid map " + file + " is invalid: " + e.getMessage()
                    + ". Fix the line by hand: each line is '<container id> <index>'.", e);
        }
    }

    private void write(ContainerId id, UidMap map) throws HostOperationException {
        FileTrees.writeAtomically(id, context.layout().uidMap(), map.format().getBytes(StandardCharsets.UTF_8));
    }
}
