package io.nixunits.agent.command;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code nixunits shell} (or {@code nsenter}): runs a shell or a command in a running container's namespaces. */
@Command(name = "shell", aliases = "nsenter", mixinStandardHelpOptions = true,
        description = {"Run COMMAND, or a shell when none is given, in the namespaces of the running container with"
                + " nsenter: mount, UTS, IPC, network, PID and user, entered through the PID of the container's"
                + " init that 'machinectl show ID -p Leader' gives.",
            "Options go before ID; -n and -q are also read right after ID, as the shell version took them. The"
                    + " exit status is COMMAND's."})
final class ShellCommand implements Callable<Integer> {
    @ParentCommand
    NixUnitsMain main;

    @Option(names = {"-n", "--net"}, description = "Enter the network namespace only, keeping the host's files"
            + " and tools.")
    boolean networkOnly;

    @Option(names = {"-q", "--quiet"}, description = "Do not print which container and PID are entered.")
    boolean quiet;

    @Parameters(index = "0", paramLabel = "ID", converter = ContainerIdConverter.class,
            description = "Container id, which is also its machine name.")
    io.nixunits.model.ContainerId id;

    @Parameters(index = "1..*", paramLabel = "COMMAND", description = "Command and arguments to run in the"
            + " container (default: the shell nsenter starts).")
    List<String> command = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        List<String> words = readOptionsAfterId();
        LocalHost host = main.host();
        host.require("machinectl", "nsenter");

        // the container's init
        long leader = Machines.leader(host.runner(), id);
        if (!quiet) {
            main.environment().err().println("Entering container " + id + " (leader PID " + leader
                    + (networkOnly ? ", network namespace only" : "") + ")");
        }

        // enter it
        List<String> nsenter = new ArrayList<>(List.of("nsenter", "--target", Long.toString(leader)));
        nsenter.addAll(networkOnly ? List.of("--net") : List.of("--mount", "--uts", "--ipc", "--net", "--pid",
                "--user"));
        nsenter.addAll(words);
        return host.runner().runAttached(nsenter);
    }

    /** Takes -n and -q given right after ID, as in 'shell web2 -n', off the front of the command. */
    private List<String> readOptionsAfterId() {
        List<String> words = new ArrayList<>(command);
        while (!words.isEmpty()) {
            switch (words.get(0)) {
                case "-n", "--net" -> networkOnly = true;
                case "-q", "--quiet" -> quiet = true;
                case "--" -> {
                    words.remove(0);
                    return words;
                }
                default -> {
                    return words;
                }
            }
            words.remove(0);
        }
        return words;
    }
}
