package io.nixunits.agent.host;

import io.nixunits.agent.process.CommandException;
import io.nixunits.model.ContainerId;
import io.nixunits.model.host.StateLayout;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The overlay a container build writes through: the base store as the lower layer,
 * {@code tmp/root_futur} as the upper one, mounted on {@code tmp/merged}, with a tmpfs on
 * {@code merged/nix/var/nix} holding a copy of the base store's database so the build cannot
 * change the shared one. Closing it unmounts both, also after a failure or an interruption.
 */
final class OverlayMount implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OverlayMount.class);
    /** Entries of the database directory that belong to running processes and are not copied. */
    private static final Set<String> NOT_SEEDED = Set.of("temproots");
    /** How long a leftover build may take to end after SIGTERM before it is killed. */
    private static final java.time.Duration LEFTOVER_GRACE = java.time.Duration.ofSeconds(10);

    private final HostContext context;
    private final ContainerId id;
    private final Path merged;
    private final Path database;
    private boolean overlayMounted;
    private boolean databaseMounted;

    private OverlayMount(HostContext context, ContainerId id, Path merged) {
        this.context = context;
        this.id = id;
        this.merged = merged;
        this.database = merged.resolve("nix/var/nix");
    }

    /** Mounts the overlay and the database tmpfs, and seeds the database from the base store. */
    static OverlayMount mount(HostContext context, ContainerId id) throws HostOperationException {
        StateLayout.Container files = context.layout().files(id);
        Path base = context.layout().baseStore();
        OverlayMount mount = new OverlayMount(context, id, files.merged());
        try {
            String options = "lowerdir=" + base + ",upperdir=" + files.pending() + ",workdir=" + files.work();
            mount.run(List.of("mount", "-t", "overlay", "overlay", "-o", options, files.merged().toString()));
            mount.overlayMounted = true;

            FileTrees.createDirectories(id, mount.database);
            mount.run(List.of("mount", "-t", "tmpfs", "tmpfs", mount.database.toString()));
            mount.databaseMounted = true;

            Path baseDatabase = base.resolve("nix/var/nix");
            if (java.nio.file.Files.isDirectory(baseDatabase)) {
                FileTrees.copy(id, baseDatabase, mount.database, NOT_SEEDED);
            }
        } catch (HostOperationException | RuntimeException e) {
            mount.close();
            throw e;
        }
        return mount;
    }

    /**
     * Stops the processes of an earlier, killed build, then unmounts what it left mounted below
     * {@code merged}. A killed agent leaves its {@code nix build} running; clearing the overlay
     * under it would make both that build and the next one fail.
     */
    static void unmountLeftovers(HostContext context, ContainerId id) {
        LeftoverBuilds.stop(id, context.layout().files(id).merged(), LEFTOVER_GRACE);
        for (Path leftover : MountTable.mountsUnder(context.layout().files(id).merged())) {
            LOG.warn("[{}] unmounting {}, left mounted by an earlier build", id, leftover);
            unmount(context, id, leftover);
        }
    }

    private void run(List<String> command) throws HostOperationException {
        try {
            context.runner().check(command, context.timeouts().command());
        } catch (CommandException e) {
            throw new HostOperationException(id, merged, "cannot mount the build overlay of container " + id + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Unmounts the tmpfs, then the overlay. An interrupt flag is cleared for the time of the
     * unmounts, because the runner stops waiting on an interrupted thread, and set again after.
     */
    @Override
    public void close() {
        boolean interrupted = Thread.interrupted();
        try {
            if (databaseMounted) {
                unmount(context, id, database);
                databaseMounted = false;
            }
            if (overlayMounted) {
                unmount(context, id, merged);
                overlayMounted = false;
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Unmounts {@code mountPoint}, lazily when a plain unmount fails; a failure of both is logged. */
    private static void unmount(HostContext context, ContainerId id, Path mountPoint) {
        try {
            context.runner().check(List.of("umount", mountPoint.toString()), context.timeouts().command());
            return;
        } catch (CommandException e) {
            LOG.warn("[{}] {}; trying a lazy unmount", id, e.getMessage());
        }
        try {
            context.runner().check(List.of("umount", "-l", mountPoint.toString()), context.timeouts().command());
        } catch (CommandException e) {
            LOG.error("[{}] {}. Unmount {} by hand before the next build.", id, e.getMessage(), mountPoint);
        }
    }
}
