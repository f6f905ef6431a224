package io.nixunits.agent.command;

import io.nixunits.agent.AgentException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@code machinectl} with the arguments given after a word that is no {@code nixunits}
 * verb, attached to the terminal, and returns its exit status unchanged.
 */
final class MachinectlPassthrough {
    private static final Logger LOG = LoggerFactory.getLogger(MachinectlPassthrough.class);

    private final LocalHost host;

    MachinectlPassthrough(LocalHost host) {
        this.host = host;
    }

    int run(List<String> arguments) throws AgentException {
        host.require("machinectl");
        List<String> command = new ArrayList<>();
        command.add("machinectl");
        command.addAll(arguments);
        LOG.debug("not a nixunits verb, passed to machinectl: {}", command);
        return host.runner().runAttached(command);
    }
}
