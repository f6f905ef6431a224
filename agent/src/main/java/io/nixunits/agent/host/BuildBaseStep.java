package io.nixunits.agent.host;

import io.nixunits.agent.process.CommandException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a container's config.nix into the shared base store, under the host lock, with a GC
 * root per base key. A base whose GC root exists is not built again, unless the nixpkgs revision
 * is unknown: the key cannot tell two revisions apart then.
 */
public final class BuildBaseStep {
    private static final Logger LOG = LoggerFactory.getLogger(BuildBaseStep.class);

    private final HostContext context;

    public BuildBaseStep(HostContext context) {
        this.context = context;
    }

    public BaseBuild run(BuildInput input) throws HostOperationException {
        return run(input, false);
    }

    /** Builds the base; with {@code force}, also when its GC root exists, replacing that root. */
    public BaseBuild run(BuildInput input, boolean force) throws HostOperationException {
        NixSettings nix = context.nix();
        String key = input.baseKey(nix);
        Path gcRoot = context.layout().gcRoots().resolve(key);

        try (PidLock hostLock = context.lockHost()) {
            // reuse a base built earlier, by this agent or the shell tool
            if (force) {
                LOG.info("[{}] base build forced although its GC root may exist", input.id());
            } else if (Files.exists(gcRoot, LinkOption.NOFOLLOW_LINKS)) {
                if (nix.knowsRevision()) {
                    LOG.info("[{}] base build skipped: its GC root {} exists", input.id(), gcRoot);
                    return new BaseBuild(key, gcRoot, false);
                }
                LOG.info("[{}] base build not skipped although {} exists: the nixpkgs revision is not configured,"
                        + " so the GC root may be of another revision", input.id(), gcRoot);
            }

            // build
            Path store = context.layout().baseStore();
            FileTrees.createDirectories(input.id(), context.layout().gcRoots(), store);
            List<String> command = NixBuildCommand.base(nix, input, store, gcRoot);
            LOG.info("[{}] building the base store {}", input.id(), key);
            try {
                context.runner().checkStreaming(command, nix.buildTimeout(),
                        line -> LOG.info("[{}] nix: {}", input.id(), line));
            } catch (CommandException e) {
                throw new HostOperationException(input.id(), input.configFile(), "base build of container "
                        + input.id() + " failed: " + e.getMessage() + NixErrorHints.hintFor(e.getMessage()), e);
            }
            if (!Files.exists(gcRoot, LinkOption.NOFOLLOW_LINKS)) {
                throw new HostOperationException(input.id(), gcRoot, "base build of container " + input.id()
                        + " succeeded but left no GC root at " + gcRoot + ". Check the nix options given.", null);
            }
            return new BaseBuild(key, gcRoot, true);
        }
    }
}
