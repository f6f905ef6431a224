package io.nixunits.agent.command;

import io.nixunits.agent.AgentException;
import io.nixunits.agent.cli.ExitCodes;
import io.nixunits.agent.cli.JsonOutput;
import io.nixunits.agent.host.BuildInput;
import io.nixunits.agent.host.NixSettings;
import io.nixunits.model.ContainerId;
import io.nixunits.model.host.ContainerState;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code nixunits status}: the state of a container, from its directory and machinectl. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show the container's status (initial, created, configured, started), whether it runs, whether"
                + " the host's NixOS configuration declares it, and what it needs: a base build, a container build,"
                + " a switch. A running container also shows its OS, version and addresses.",
            "Without -n and -j, the needs are those of the build on disk; with them, those of building these inputs."})
final class StatusCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(StatusCommand.class);

    @ParentCommand
    NixUnitsMain main;

    @Mixin
    ContainerArgument container;

    @Option(names = "--json", description = "Print the status as JSON, with the fields of the shell version.")
    boolean json;

    @ArgGroup(exclusive = false)
    Inputs inputs;

    /** The inputs to compare with the build on disk; both or neither. */
    static final class Inputs {
        @Option(names = {"-n", "--config"}, paramLabel = "CONFIG.nix", required = true,
                description = "config.nix to compare with the container's build (- for standard input).")
        String config;

        @Option(names = {"-j", "--properties"}, paramLabel = "PROPERTIES.json", required = true,
                description = "properties.json to compare with the container's build.")
        Path properties;
    }

    @Mixin
    NixOptions nix;

    @Override
    public Integer call() throws Exception {
        ContainerId id = container.id;
        LocalHost host = main.host();
        if (!Files.isDirectory(host.layout().root())) {
            LOG.warn("[{}] state root {} does not exist, so nothing of the container is on disk here. Check --state-dir"
                    + " (env NIXUNITS_STATE_DIR) unless nothing was built on this host yet.", id, host.layout().root());
        }
        ContainerState state = host.read(id);
        Optional<Machines.Machine> machine = Optional.empty();
        Boolean running = null;
        try {
            machine = host.machines().get(id.value()).filter(found -> found.machineClass().equals("container"));
            running = machine.isPresent();
        } catch (AgentException e) {
            // What is on disk is still worth showing, and only whether the container runs is unknown.
            LOG.warn("[{}] showing the container on disk only: {}", id, e.getMessage());
        }

        // needs: of the build on disk, or of the inputs given
        boolean pendingReady = state.pending() != null && state.pending().complete();
        boolean needStoreBuild;
        boolean needContainerBuild;
        if (inputs == null) {
            needStoreBuild = !baseBuilt(host.layout().files(id).store());
            needContainerBuild = !state.complete() && !pendingReady;
        } else {
            try (CommandLineDeclaration declaration = CommandLineDeclaration.read(inputs.config, inputs.properties,
                    id, main.environment().in())) {
                BuildInput input = declaration.input();
                NixSettings settings = nix.toSettings(false);
                String unitHash = input.unitHash(settings);
                needStoreBuild = !Files.exists(host.layout().gcRoots().resolve(input.baseKey(settings)),
                        LinkOption.NOFOLLOW_LINKS);
                boolean builtNow = state.complete() && unitHash.equals(state.recordedUnitHash());
                boolean builtPending = pendingReady && unitHash.equals(state.pending().unitHash());
                needContainerBuild = !builtNow && !builtPending;
            }
        }

        // report
        ContainerStatus status = new ContainerStatus(id.value(), running, state.status(Boolean.TRUE.equals(running)),
                state.declaredByNixos(), needContainerBuild, needStoreBuild, pendingReady,
                machine.map(Machines.Machine::os).orElse(null), machine.map(Machines.Machine::version).orElse(null),
                machine.map(Machines.Machine::addresses).orElse(null));
        PrintStream out = main.environment().out();
        if (json) {
            out.println(JsonOutput.mapper().writeValueAsString(status));
        } else {
            status.summary().forEach(out::println);
        }
        return ExitCodes.OK;
    }

    /**
     * Returns whether the container's {@code store} link leads to a GC root. The root itself points
     * into the chroot store, not the host's /nix, so it is not followed further.
     */
    private static boolean baseBuilt(Path storeLink) throws java.io.IOException {
        if (!Files.isSymbolicLink(storeLink)) {
            return false;
        }
        return Files.exists(Files.readSymbolicLink(storeLink), LinkOption.NOFOLLOW_LINKS);
    }
}
