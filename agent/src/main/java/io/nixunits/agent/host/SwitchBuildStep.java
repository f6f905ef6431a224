package io.nixunits.agent.host;

import io.nixunits.agent.process.CommandException;
import io.nixunits.model.ContainerId;
import io.nixunits.model.host.StateLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the finished build of {@code tmp/root_futur} in place, under the container's lock. The
 * previous {@code root/nix} and its files are kept in {@code tmp/root_old} for
 * {@link RollBackSwitchStep}. The caller stops a running container first.
 */
public final class SwitchBuildStep {
    private static final Logger LOG = LoggerFactory.getLogger(SwitchBuildStep.class);

    private final HostContext context;

    public SwitchBuildStep(HostContext context) {
        this.context = context;
    }

    /** Switches the pending build in; returns whether a previous build was kept for a rollback. */
    public boolean run(ContainerId id) throws HostOperationException {
        StateLayout.Container files = context.layout().files(id);
        ContainerDirectory.rejectIfDeclaredByNixos(context.layout(), id);

        try (PidLock containerLock = context.lockContainer(id)) {
            Path pending = files.pending();
            if (!Files.exists(pending.resolve(SwitchedFiles.COMPLETE)) || !Files.isDirectory(pending.resolve("nix"))) {
                throw new HostOperationException(id, pending, "container " + id + " has no finished build in "
                        + pending + " to switch in. Build it first.", null);
            }
            long rootUid = new UidRanges(context).allocate(id);

            // keep the previous build for a rollback
            Path rollback = files.rollback();
            FileTrees.delete(id, rollback);
            FileTrees.createDirectories(id, rollback, files.root());
            // systemd-nspawn refuses to run a command in a directory without usr/ ("doesn't look like
            // it has an OS tree"), and a built container has only nix/ in root/ until it first runs.
            FileTrees.createDirectories(id, files.root().resolve("usr"));
            boolean hadPrevious = Files.exists(files.complete());
            for (String name : SwitchedFiles.DESCRIPTION) {
                FileTrees.copyIfPresent(id, files.dir().resolve(name), rollback.resolve(name));
            }
            FileTrees.copyIfPresent(id, files.complete(), rollback.resolve(SwitchedFiles.COMPLETE));
            FileTrees.moveIfPresent(id, files.root().resolve("nix"), rollback.resolve("nix"));

            // put the new build in place, with .complete last
            FileTrees.moveIfPresent(id, pending.resolve("nix"), files.root().resolve("nix"));
            chown(id, files.root().resolve("nix"), rootUid);
            for (String name : SwitchedFiles.DESCRIPTION) {
                FileTrees.moveIfPresent(id, pending.resolve(name), files.dir().resolve(name));
            }
            FileTrees.moveIfPresent(id, pending.resolve(SwitchedFiles.COMPLETE), files.complete());
            FileTrees.delete(id, pending);
            LOG.info("[{}] switched in the new build{}", id, hadPrevious ? "; the previous one is kept in "
                    + rollback : "");
            return hadPrevious;
        }
    }

    /** Gives the new tree to the container's root uid and gid; links are changed, never followed. */
    private void chown(ContainerId id, Path tree, long rootUid) throws HostOperationException {
        String owner = rootUid + ":" + rootUid;
        try {
            context.runner().check(List.of("chown", "-R", "-h", owner, tree.toString()), context.timeouts().command());
        } catch (CommandException e) {
            throw new HostOperationException(id, tree, "cannot give " + tree + " to uid " + rootUid + ": "
                    + e.getMessage(), e);
        }
    }
}
