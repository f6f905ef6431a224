package io.nixunits.agent.host;

import com.fasterxml.jackson.databind.JsonNode;
import io.nixunits.agent.process.CommandException;
import io.nixunits.agent.process.CommandResult;
import io.nixunits.model.ContainerId;
import io.nixunits.model.host.StateLayout;
import io.nixunits.model.json.JsonTrees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a container's system into {@code tmp/root_futur}, under the container's lock, through
 * an overlay on the base store. The running container is not touched: only a switch puts the
 * build in place. {@code .complete}, holding config.nix, is written last, so a build that failed
 * or was killed is never taken for a finished one.
 */
public final class BuildContainerStep {
    private static final Logger LOG = LoggerFactory.getLogger(BuildContainerStep.class);

    private final HostContext context;

    public BuildContainerStep(HostContext context) {
        this.context = context;
    }

    public void run(BuildInput input, BaseBuild base) throws HostOperationException {
        ContainerId id = input.id();
        StateLayout.Container files = context.layout().files(id);
        ContainerDirectory.rejectIfDeclaredByNixos(context.layout(), id);

        try (PidLock containerLock = context.lockContainer(id)) {
            // clear what an earlier build left
            OverlayMount.unmountLeftovers(context, id);
            FileTrees.delete(id, files.pending());
            FileTrees.delete(id, files.work());
            FileTrees.delete(id, files.merged());
            FileTrees.createDirectories(id, files.pending(), files.work(), files.merged());

            // the build inputs, written before the mount because an overlay's upper directory must
            // not change while it is mounted
            Path parameters = files.pending().resolve("parameters.json");
            FileTrees.writeAtomically(id, parameters, input.propertiesJson());
            FileTrees.writeAtomically(id, files.pending().resolve("configuration.nix"), input.configNix());

            // build
            String systemPath;
            try (OverlayMount mount = OverlayMount.mount(context, id)) {
                systemPath = build(input, files.merged(), parameters);
            }

            // record what was built, with .complete last
            Path unitConf = findUnitConf(input, files, systemPath);
            FileTrees.symlink(id, files.pending().resolve("unit.conf"), unitConf);
            FileTrees.symlink(id, files.pending().resolve("store"), base.gcRoot());
            String unitHash = input.unitHash(context.nix()) + "\n";
            FileTrees.writeAtomically(id, files.pending().resolve(".unit_hash"),
                    unitHash.getBytes(StandardCharsets.UTF_8));
            FileTrees.writeAtomically(id, files.pending().resolve(".complete"), input.configNix());
            LOG.info("[{}] container build finished: {}", id, systemPath);
        }
    }

    private String build(BuildInput input, Path merged, Path parameters) throws HostOperationException {
        List<String> command = NixBuildCommand.container(context.nix(), input, merged, parameters);
        LOG.info("[{}] building the container", input.id());
        CommandResult result;
        try {
            result = context.runner().checkStreaming(command, context.nix().buildTimeout(),
                    line -> LOG.info("[{}] nix: {}", input.id(), line));
        } catch (CommandException e) {
            throw new HostOperationException(input.id(), input.configFile(), "container build of " + input.id()
                    + " failed: " + e.getMessage() + NixErrorHints.hintFor(e.getMessage()), e);
        }
        String systemPath = outputPath(result.stdout());
        if (systemPath == null) {
            throw new HostOperationException(input.id(), null, "container build of " + input.id()
                    + " printed no store path (output: '" + result.stdout().strip() + "'). Check that the"
                    + " mkContainer expression returns one derivation.", null);
        }
        return systemPath;
    }

    /**
     * Returns the {@code out} path of the last derivation in the output of {@code nix build --json},
     * a list of {@code {"drvPath": ..., "outputs": {"out": ...}}}, or null when there is none.
     */
    static String outputPath(String stdout) {
        JsonNode built;
        try {
            built = JsonTrees.parse(stdout.strip().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            return null;
        }
        if (built == null || !built.isArray() || built.isEmpty()) {
            return null;
        }
        JsonNode outputs = built.get(built.size() - 1).path("outputs");
        String out = outputs.isObject() ? JsonTrees.text(outputs, "out") : null;
        return out != null && out.startsWith("/") ? out : null;
    }

    /**
     * Returns where unit.conf must point: the built system's {@code /etc/nixunits/<id>.conf},
     * resolved inside the new store, as seen from the container's {@code root/} after a switch.
     */
    private Path findUnitConf(BuildInput input, StateLayout.Container files, String systemPath)
            throws HostOperationException {
        String inSystem = systemPath + "/etc/nixunits/" + input.id() + ".conf";
        Optional<String> resolved;
        try {
            resolved = ChrootPaths.resolve(List.of(files.pending(), context.layout().baseStore()), inSystem);
        } catch (IOException e) {
            throw new HostOperationException(input.id(), files.pending(), "cannot resolve " + inSystem + " in "
                    + files.pending() + ": " + e, e);
        }
        if (resolved.isEmpty()) {
            throw new HostOperationException(input.id(), files.pending(), "the build of container " + input.id()
                    + " has no " + inSystem + ". Check that the mkContainer expression renders unit.conf.", null);
        }
        return files.root().resolve(resolved.get().substring(1));
    }
}
