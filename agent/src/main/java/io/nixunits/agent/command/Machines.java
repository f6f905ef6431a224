package io.nixunits.agent.command;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.nixunits.agent.AgentException;
import io.nixunits.agent.process.CommandException;
import io.nixunits.agent.process.CommandResult;
import io.nixunits.agent.process.ProcessRunner;
import io.nixunits.model.ContainerId;
import io.nixunits.model.json.JsonTrees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/** The machines systemd-machined has registered, from {@code machinectl list -o json}. */
record Machines(SortedMap<String, Machine> byName) {
    static final List<String> LIST_COMMAND = List.of("machinectl", "list", "-o", "json", "--no-pager");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    Machines {
        byName = Collections.unmodifiableSortedMap(new TreeMap<>(byName));
    }

    /**
     * One machine.
     *
     * @param addresses its IP addresses, empty when machinectl shows none
     */
    record Machine(String name, String machineClass, String os, String version, List<String> addresses) {
        Machine {
            addresses = List.copyOf(addresses);
        }
    }

    static Machines read(ProcessRunner runner) throws AgentException {
        CommandResult result;
        try {
            result = runner.check(LIST_COMMAND, TIMEOUT);
        } catch (CommandException e) {
            throw new AgentException("cannot list the running machines: " + e.getMessage()
                    + ". Check that systemd-machined runs ('systemctl status systemd-machined').", e);
        }
        return parse(result.stdout());
    }

    /** Parses the JSON array of {@code machinectl list -o json}; empty output means no machine. */
    static Machines parse(String json) throws AgentException {
        if (json.isBlank()) {
            return new Machines(new TreeMap<>());
        }
        JsonNode array;
        try {
            array = JsonTrees.parse(json.getBytes(StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new AgentException("machinectl list -o json printed invalid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new AgentException("machinectl list -o json printed unreadable output: " + e.getMessage(), e);
        }
        TreeMap<String, Machine> machines = new TreeMap<>();
        for (JsonNode item : array) {
            String name = item.path("machine").asText("");
            if (!name.isEmpty()) {
                machines.put(name, new Machine(name, item.path("class").asText(""), JsonTrees.text(item, "os"),
                        JsonTrees.text(item, "version"), addresses(item.get("addresses"))));
            }
        }
        return new Machines(machines);
    }

    /**
     * Returns the host PID of the machine's leader, its PID 1, from
     * {@code machinectl show ID -p Leader --value}.
     *
     * @throws AgentException when the machine is not running
     */
    static long leader(ProcessRunner runner, ContainerId id) throws AgentException {
        CommandResult result = runner.run(List.of("machinectl", "show", id.value(), "-p", "Leader", "--value"),
                TIMEOUT);
        String value = result.stdout().strip();
        if (!result.succeeded() || !value.matches("[1-9][0-9]*")) {
            String detail = result.stderr().isBlank() ? "Leader is '" + value + "'" : result.stderr().strip();
            throw new AgentException("container " + id + " is not running (" + detail + "). Start it with"
                    + " 'nixunits start " + id + "'.");
        }
        return Long.parseLong(value);
    }

    Optional<Machine> get(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** Returns whether a container machine of that name is registered, which is what "running" means here. */
    boolean runs(String name) {
        return get(name).map(machine -> machine.machineClass().equals("container")).orElse(false);
    }

    /** Reads addresses given as a JSON array or as one string of lines, as machinectl versions differ. */
    private static List<String> addresses(JsonNode node) {
        List<String> addresses = new ArrayList<>();
        if (node == null || node.isNull()) {
            return addresses;
        }
        if (node.isArray()) {
            node.forEach(address -> addresses.add(address.asText()));
            return addresses;
        }
        for (String address : node.asText().split("\\s+")) {
            if (!address.isEmpty() && !address.equals("-")) {
                addresses.add(address);
            }
        }
        return addresses;
    }
}
