package io.nixunits.agent.host;

import io.nixunits.agent.process.CommandException;
import io.nixunits.agent.process.CommandResult;
import io.nixunits.model.ContainerId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The systemd side of a container: its two units {@code nixunits@<id>.service} and
 * {@code nixunits-network@<id>.service}, enabled by symbolic links, and the machine that
 * {@code systemd-machined} registers.
 */
public final class ContainerUnits {
    private static final Logger LOG = LoggerFactory.getLogger(ContainerUnits.class);

    private final HostContext context;

    public ContainerUnits(HostContext context) {
        this.context = context;
    }

    public static String service(String id) {
        return "nixunits@" + id + ".service";
    }

    public static String networkService(String id) {
        return "nixunits-network@" + id + ".service";
    }

    /**
     * Links both units into their {@code .wants} directories and reloads systemd. Links that
     * already point at the templates are left as they are, and then nothing is reloaded.
     */
    public void enable(ContainerId id) throws HostOperationException, CommandException {
        UnitDirectory units = context.units();
        boolean service = linkUnit(id, units.serviceLink(id.value()), units.serviceTemplate());
        boolean network = linkUnit(id, units.networkLink(id.value()), units.networkTemplate());
        if (!service && !network) {
            LOG.debug("[{}] units already enabled in {}", id, units.root());
            return;
        }
        daemonReload();
    }

    /** Removes both links and reloads systemd; absent links are not an error. */
    public void disable(ContainerId id) throws HostOperationException, CommandException {
        UnitDirectory units = context.units();
        Path networkLink = units.networkLink(id.value());
        boolean removed = deleteLink(id, units.serviceLink(id.value()));
        removed |= deleteLink(id, networkLink);
        try {
            Files.deleteIfExists(networkLink.getParent());
        } catch (IOException e) {
            LOG.debug("[{}] keeping {}: {}", id, networkLink.getParent(), e.toString());
        }
        if (removed) {
            daemonReload();
        }
    }

    public void start(ContainerId id) throws CommandException {
        systemctl("start", service(id.value()));
    }

    public void stop(ContainerId id) throws CommandException {
        systemctl("stop", service(id.value()), networkService(id.value()));
    }

    public void restart(ContainerId id) throws CommandException {
        systemctl("restart", service(id.value()));
    }

    /**
     * Clears the failed state of both units. A unit that is not loaded makes systemctl fail, which
     * is logged and ignored: there is nothing to clear then.
     */
    public void resetFailed(ContainerId id) throws CommandException {
        List<String> command = List.of("systemctl", "reset-failed", service(id.value()), networkService(id.value()));
        CommandResult result = context.runner().run(command, context.timeouts().command());
        if (!result.succeeded()) {
            LOG.info("[{}] systemctl reset-failed exited with status {}, ignored: {}", id, result.exitStatus(),
                    result.stderr().strip());
        }
    }

    /** Returns what {@code systemctl is-active} prints for the service, such as {@code active} or {@code failed}. */
    public String activeState(ContainerId id) throws CommandException {
        CommandResult result = context.runner().run(List.of("systemctl", "is-active", service(id.value())),
                context.timeouts().command());
        return result.stdout().strip();
    }

    /** Returns the machine's state ({@code running}, {@code opening}...), or {@code absent} when it is not registered. */
    public String machineState(ContainerId id) throws CommandException {
        CommandResult result = context.runner().run(List.of("machinectl", "show", id.value(), "-p", "State", "--value"),
                context.timeouts().command());
        return result.succeeded() ? result.stdout().strip() : "absent";
    }

    private void daemonReload() throws CommandException {
        context.runner().check(List.of("systemctl", "daemon-reload"), context.timeouts().command());
    }

    private void systemctl(String... arguments) throws CommandException {
        List<String> command = new java.util.ArrayList<>();
        command.add("systemctl");
        command.addAll(List.of(arguments));
        context.runner().check(command, context.timeouts().command());
    }

    private static boolean linkUnit(ContainerId id, Path link, Path template) throws HostOperationException {
        try {
            if (Files.isSymbolicLink(link) && Files.readSymbolicLink(link).equals(template)) {
                return false;
            }
        } catch (IOException e) {
            throw new HostOperationException(id, link, "cannot read the unit link " + link + ": " + e, e);
        }
        FileTrees.symlink(id, link, template);
        return true;
    }

    private static boolean deleteLink(ContainerId id, Path link) throws HostOperationException {
        if (!Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try {
            Files.delete(link);
        } catch (IOException e) {
            throw new HostOperationException(id, link, "cannot remove the unit link " + link + ": " + e, e);
        }
        return true;
    }
}
