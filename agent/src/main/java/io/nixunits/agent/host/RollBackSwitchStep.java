package io.nixunits.agent.host;

import io.nixunits.model.ContainerId;
import io.nixunits.model.host.StateLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts back the build that {@link SwitchBuildStep} kept in {@code tmp/root_old}, under the
 * container's lock. The build that failed is moved to {@code tmp/root_failed}, not deleted, so
 * it can be looked at; the next rollback replaces it.
 */
public final class RollBackSwitchStep {
    private static final Logger LOG = LoggerFactory.getLogger(RollBackSwitchStep.class);

    private final HostContext context;

    public RollBackSwitchStep(HostContext context) {
        this.context = context;
    }

    /** Restores the previous build; returns false, changing nothing, when none was kept. */
    public boolean run(ContainerId id) throws HostOperationException {
        StateLayout.Container files = context.layout().files(id);
        try (PidLock containerLock = context.lockContainer(id)) {
            Path rollback = files.rollback();
            if (!Files.exists(rollback.resolve(SwitchedFiles.COMPLETE)) || !Files.isDirectory(rollback.resolve("nix"))) {
                LOG.info("[{}] no previous build in {} to roll back to", id, rollback);
                return false;
            }

            // set the failed build aside
            Path failed = files.tmp().resolve("root_failed");
            FileTrees.delete(id, failed);
            FileTrees.createDirectories(id, failed);
            FileTrees.moveIfPresent(id, files.complete(), failed.resolve(SwitchedFiles.COMPLETE));
            FileTrees.moveIfPresent(id, files.root().resolve("nix"), failed.resolve("nix"));
            for (String name : SwitchedFiles.DESCRIPTION) {
                FileTrees.moveIfPresent(id, files.dir().resolve(name), failed.resolve(name));
            }

            // restore the previous one, with .complete last
            FileTrees.moveIfPresent(id, rollback.resolve("nix"), files.root().resolve("nix"));
            for (String name : SwitchedFiles.DESCRIPTION) {
                FileTrees.moveIfPresent(id, rollback.resolve(name), files.dir().resolve(name));
            }
            FileTrees.moveIfPresent(id, rollback.resolve(SwitchedFiles.COMPLETE), files.complete());
            FileTrees.delete(id, rollback);
            LOG.warn("[{}] rolled back to the previous build; the failed one is kept in {}", id, failed);
            return true;
        }
    }
}
