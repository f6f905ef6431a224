package io.nixunits.agent.command;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.nixunits.agent.AgentException;
import io.nixunits.agent.cli.ExitCodes;
import io.nixunits.agent.cli.JsonOutput;
import io.nixunits.model.ContainerId;
import io.nixunits.model.host.ContainerState;
import io.nixunits.model.host.HostProblem;
import io.nixunits.model.host.HostState;
import io.nixunits.model.host.HostStateReader;
import io.nixunits.model.inventory.Inventory;
import io.nixunits.model.inventory.InventoryException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code nixunits list}: the containers on this host and the running machines, in one table. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = {"List the containers under the state root and the running container machines in one table:"
                + " id, status, whether it runs, who manages it, and its addresses.",
            "MANAGED is 'nixos' for a container declared in the host's NixOS configuration, 'agent' for one in"
                    + " nixunits-agent's inventory, 'by hand' for any other container under the state root, and '-'"
                    + " for a machine that is no NixUnits container."})
final class ListCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ListCommand.class);

    @ParentCommand
    NixUnitsMain main;

    @Option(names = "--json", description = "Print the table as a JSON array.")
    boolean json;

    /** One line of the table. */
    record Row(String id, String status, Boolean running, String managed,
            @JsonProperty("addresses") List<String> addresses) {
    }

    @Override
    public Integer call() throws Exception {
        LocalHost host = main.host();
        if (!Files.isDirectory(host.layout().root())) {
            LOG.warn("state root {} does not exist, so no container is on disk here. Check --state-dir (env"
                    + " NIXUNITS_STATE_DIR) unless nothing was built on this host yet.", host.layout().root());
        }
        HostState state = new HostStateReader(host.layout()).read();
        Machines machines;
        boolean runtimeKnown = true;
        try {
            machines = host.machines();
        } catch (AgentException e) {
            // The containers on disk are still worth listing; only whether they run is unknown.
            LOG.warn("listing the containers on disk only: {}", e.getMessage());
            machines = new Machines(new TreeMap<>());
            runtimeKnown = false;
        }
        Inventory inventory = readInventory(host);
        for (HostProblem problem : state.problems()) {
            LOG.info("skipped {} under {}: {}", problem.name(), host.layout().containers(), problem.message());
        }

        // every container on disk, and every running container machine
        TreeSet<String> ids = new TreeSet<>();
        state.containers().keySet().forEach(id -> ids.add(id.value()));
        machines.byName().values().stream()
                .filter(machine -> machine.machineClass().equals("container"))
                .forEach(machine -> ids.add(machine.name()));
        List<Row> rows = new ArrayList<>();
        for (String name : ids) {
            Boolean running = runtimeKnown ? machines.runs(name) : null;
            ContainerState container = ContainerId.isValid(name) ? state.containers().get(new ContainerId(name)) : null;
            List<String> addresses = machines.get(name).map(Machines.Machine::addresses).orElse(List.of());
            if (container == null) {
                rows.add(new Row(name, "-", running, "-", addresses));
            } else {
                rows.add(new Row(name, container.status(Boolean.TRUE.equals(running)), running,
                        managedBy(container, inventory),
                        addresses));
            }
        }

        print(rows);
        return ExitCodes.OK;
    }

    private void print(List<Row> rows) throws Exception {
        PrintStream out = main.environment().out();
        if (json) {
            out.println(JsonOutput.mapper().writeValueAsString(rows));
            return;
        }
        String format = "%-" + width(rows) + "s  %-10s  %-7s  %-7s  %s%n";
        out.printf(format, "ID", "STATUS", "RUNNING", "MANAGED", "ADDRESSES");
        for (Row row : rows) {
            out.printf(format, row.id(), row.status(), row.running() == null ? "unknown" : row.running() ? "yes" : "no", row.managed(),
                    row.addresses().isEmpty() ? "-" : String.join(",", row.addresses()));
        }
        if (rows.isEmpty()) {
            out.println("(no containers)");
        }
    }

    private static int width(List<Row> rows) {
        return Math.max(2, rows.stream().mapToInt(row -> row.id().length()).max().orElse(2));
    }

    private static String managedBy(ContainerState container, Inventory inventory) {
        if (container.declaredByNixos()) {
            return "nixos";
        }
        return inventory.contains(container.id()) ? "agent" : "by hand";
    }

    private static Inventory readInventory(LocalHost host) {
        try {
            return host.inventory();
        } catch (InventoryException e) {
            LOG.warn("cannot read nixunits-agent's inventory, so no container shows as managed by it: {}",
                    e.getMessage());
            return Inventory.empty();
        }
    }
}
