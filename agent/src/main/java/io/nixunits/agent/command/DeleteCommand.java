package io.nixunits.agent.command;

import io.nixunits.agent.AgentException;
import io.nixunits.agent.cli.ExitCodes;
import io.nixunits.agent.host.DeleteContainerStep;
import io.nixunits.model.ContainerId;
import io.nixunits.model.host.ContainerState;
import io.nixunits.model.host.StateLayout;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code nixunits delete}: stops, disables and removes a container, after a confirmation. */
@Command(name = "delete", mixinStandardHelpOptions = true,
        description = {"Stop and disable the container and remove its configuration. Its data (root/) and its uid"
                + " range are kept unless -r is given.",
            "Asks for confirmation on standard input unless -f is given; any answer but y or yes deletes nothing."
                    + " Containers declared in the host's NixOS configuration are rejected."})
final class DeleteCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(DeleteCommand.class);

    @ParentCommand
    NixUnitsMain main;

    @Mixin
    ContainerArgument container;

    @Option(names = {"-f", "--force"}, description = "Do not ask for confirmation.")
    boolean force;

    @Option(names = {"-r", "--remove-data"},
            description = "Also remove the container's data (the whole directory, root/ included) and free its uid"
                    + " range for the next new container.")
    boolean removeData;

    @Override
    public Integer call() throws Exception {
        ContainerId id = container.id;
        LocalHost host = main.host();
        StateLayout.Container files = host.layout().files(id);

        // what may not be deleted here
        ContainerState state = host.read(id);
        if (state.declaredByNixos()) {
            LOG.warn("[{}] delete rejected: declared in the host's NixOS configuration (unit.conf -> {})", id,
                    state.unitConfTarget());
            throw new AgentException("container " + id + " is declared in the host's NixOS configuration (unit.conf"
                    + " -> " + state.unitConfTarget() + "), so it is not deleted here. Remove it from the host"
                    + " configuration and rebuild the host.");
        }
        if (!Files.isDirectory(files.dir())) {
            throw new AgentException("container " + id + " not found: " + files.dir() + " does not exist. Nothing"
                    + " deleted; 'nixunits list' shows the containers of this host.");
        }
        host.require("systemctl");

        // confirm
        if (!force && !confirmed(host, id, files)) {
            LOG.info("[{}] delete not confirmed; nothing deleted", id);
            throw new AgentException("deletion of container " + id + " not confirmed, so nothing was deleted. Type y at the prompt, or"
                    + " give -f to skip the question.");
        }

        // delete
        new DeleteContainerStep(host.context()).run(id, removeData);
        PrintStream out = main.environment().out();
        out.println(removeData ? id + " deleted, with its data and uid range."
                : id + " deleted; its data in " + files.root() + " and its uid range are kept ('delete -r' removes"
                        + " them).");
        return ExitCodes.OK;
    }

    private boolean confirmed(LocalHost host, ContainerId id, StateLayout.Container files) throws AgentException {
        PrintStream err = main.environment().err();
        if (host.managedByAgent(id)) {
            err.println("Note: nixunits-agent manages " + id + " and creates it again at its next apply, unless its"
                    + " declaration is removed from the repository.");
        }
        err.print("Delete container " + id + ": stop it, disable it and remove its configuration"
                + (removeData ? ", its data in " + files.root() + " and its uid range" : "") + "? [y/N] ");
        err.flush();
        String answer;
        try {
            answer = new BufferedReader(new InputStreamReader(main.environment().in(), StandardCharsets.UTF_8))
                    .readLine();
        } catch (IOException e) {
            throw new AgentException("cannot read the answer from standard input: " + e + ". Give -f to skip the"
                    + " question.", e);
        }
        if (answer == null) {
            err.println();
            return false;
        }
        String normalized = answer.strip().toLowerCase(Locale.ROOT);
        return normalized.equals("y") || normalized.equals("yes");
    }
}
