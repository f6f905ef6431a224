package io.nixunits.agent.command;

import io.nixunits.agent.AgentException;
import io.nixunits.agent.cli.ExitCodes;
import io.nixunits.agent.host.BaseBuild;
import io.nixunits.agent.host.BuildBaseStep;
import io.nixunits.agent.host.BuildContainerStep;
import io.nixunits.agent.host.BuildInput;
import io.nixunits.agent.host.HostContext;
import io.nixunits.model.ContainerId;
import io.nixunits.model.host.ContainerState;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code nixunits build}: builds a container from a config.nix and a properties.json into
 * {@code tmp/root_futur}, then with {@code -s} or {@code -r} switches it in and starts it.
 */
@Command(name = "build", mixinStandardHelpOptions = true,
        description = {"Build a container from CONFIG.nix and PROPERTIES.json: the base into the shared store, then"
                + " the container's own build into tmp/root_futur. The running container is not touched unless -s or"
                + " -r is given.",
            "Inputs whose unit hash matches the container's build (or its finished pending build) are not built"
                    + " again; -f builds anyway. Containers declared in the host's NixOS configuration are rejected."})
final class BuildCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(BuildCommand.class);

    @ParentCommand
    NixUnitsMain main;

    @Option(names = {"-n", "--config"}, paramLabel = "CONFIG.nix", required = true,
            description = "The container's config.nix, or - to read it from standard input.")
    String config;

    @Option(names = {"-j", "--properties"}, paramLabel = "PROPERTIES.json", required = true,
            description = "The container's properties.json: a JSON object of what is specific to this container.")
    Path properties;

    @Option(names = {"-i", "--id"}, paramLabel = "ID", converter = ContainerIdConverter.class,
            description = "Container id (default: the \"id\" of PROPERTIES.json; when both are given they must match).")
    ContainerId id;

    @ArgGroup(exclusive = true)
    After after;

    /** The action after the build. -r already starts the container, so the two exclude each other. */
    static final class After {
        @Option(names = {"-s", "--start"}, required = true,
                description = "Then switch the build in and start the container, unless it runs; a running container"
                        + " keeps its build until 'restart -s'.")
        boolean start;

        @Option(names = {"-r", "--restart"}, required = true,
                description = "Then stop the container, switch the build in and start it again; when the new build"
                        + " does not come up, the previous one is put back.")
        boolean restart;
    }

    @Option(names = {"-f", "--force"}, description = "Build the base and the container even when the inputs are"
            + " unchanged.")
    boolean force;

    @Mixin
    NixOptions nix;

    @Override
    public Integer call() throws Exception {
        LocalHost host = main.host();
        PrintStream out = main.environment().out();
        host.require("nix");
        if (after != null) {
            host.require("systemctl", "machinectl");
        }

        try (CommandLineDeclaration declaration = CommandLineDeclaration.read(config, properties, id,
                main.environment().in())) {
            BuildInput input = declaration.input();
            HostContext context = host.context(nix.toSettings(main.debug));
            ContainerState state = host.read(input.id());
            rejectIfDeclaredByNixos(state);
            if (host.managedByAgent(input.id())) {
                LOG.warn("[{}] managed by nixunits-agent: its next apply brings it back to its declaration",
                        input.id());
            }

            // build, unless the inputs are those of the current or the pending build
            String upToDate = force ? null : upToDate(state, input.unitHash(context.nix()));
            if (upToDate != null) {
                LOG.info("[{}] build skipped: {}", input.id(), upToDate);
                out.println(input.id() + ": nothing to build, " + upToDate + ".");
            } else {
                BaseBuild base = new BuildBaseStep(context).run(input, force);
                new BuildContainerStep(context).run(input, base);
                out.println(input.id() + ": built into " + context.layout().files(input.id()).pending() + ".");
            }

            // then switch and start
            activate(host, context, input.id(), out);
        }
        return ExitCodes.OK;
    }

    private void activate(LocalHost host, HostContext context, ContainerId container, PrintStream out)
            throws AgentException {
        ContainerActivation activation = new ContainerActivation(host, context, out);
        if (after == null) {
            if (host.read(container).pending() != null) {
                out.println("Switch it in and start it with 'nixunits start -s " + container + "', or 'nixunits"
                        + " restart -s " + container + "' when it runs.");
            }
        } else if (after.restart) {
            activation.restart(container, true);
        } else {
            activation.start(container, true);
        }
    }

    /**
     * Returns why no build is needed, or null when one is: the switched-in or the finished pending
     * build has the unit hash of these inputs, as the planner compares them.
     */
    private static String upToDate(ContainerState state, String unitHash) {
        if (state.pending() != null && state.pending().complete() && unitHash.equals(state.pending().unitHash())) {
            return "the finished build waiting in tmp/root_futur has the same unit hash " + unitHash;
        }
        if (state.pending() == null && state.complete() && unitHash.equals(state.recordedUnitHash())) {
            return "the running build has the same unit hash " + unitHash + " (-f builds anyway)";
        }
        return null;
    }

    private static void rejectIfDeclaredByNixos(ContainerState state) throws AgentException {
        if (state.declaredByNixos()) {
            LOG.warn("[{}] build rejected: declared in the host's NixOS configuration (unit.conf -> {})", state.id(),
                    state.unitConfTarget());
            throw new AgentException("container " + state.id() + " is declared in the host's NixOS configuration"
                    + " (unit.conf -> " + state.unitConfTarget() + "), so it is not built here. Change it in the"
                    + " host configuration and rebuild the host.");
        }
    }
}
