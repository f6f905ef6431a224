package io.nixunits.agent.daemon;

import io.nixunits.agent.process.CommandException;
import io.nixunits.agent.process.ProcessRunner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells systemd the daemon's state (READY=1, WATCHDOG=1, STOPPING=1) with the
 * {@code systemd-notify} command, when systemd gave a {@code NOTIFY_SOCKET}.
 *
 * <p>Java 17 has no datagram channel for unix sockets, and a native library (JNA,
 * junixsocket) for three messages would cost more than one short process each time. Because
 * the message comes from a child process, the unit needs {@code NotifyAccess=all}; systemd-notify
 * waits until systemd has read it (systemd 246 and later), so the child exiting first does not
 * lose it.
 */
public final class SystemdNotifier {
    private static final Logger LOG = LoggerFactory.getLogger(SystemdNotifier.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final ProcessRunner runner;
    private final boolean enabled;
    private final Duration watchdogInterval;

    /** @param environment the process environment: NOTIFY_SOCKET, WATCHDOG_USEC and WATCHDOG_PID are read */
    public SystemdNotifier(ProcessRunner runner, Map<String, String> environment) {
        this.runner = runner;
        this.enabled = environment.get("NOTIFY_SOCKET") != null;
        this.watchdogInterval = watchdogInterval(environment);
    }

    /**
     * Returns half of {@code WATCHDOG_USEC}, the interval at which WATCHDOG=1 must be sent, or
     * null when systemd expects no watchdog messages from this process.
     */
    static Duration watchdogInterval(Map<String, String> environment) {
        String usec = environment.get("WATCHDOG_USEC");
        String pid = environment.get("WATCHDOG_PID");
        if (usec == null || pid != null && !pid.equals(Long.toString(ProcessHandle.current().pid()))) {
            return null;
        }
        try {
            long micros = Long.parseLong(usec.strip());
            return micros <= 0 ? null : Duration.ofNanos(micros * 1000 / 2);
        } catch (NumberFormatException e) {
            LOG.warn("WATCHDOG_USEC={} is not a number of microseconds; no watchdog messages are sent", usec);
            return null;
        }
    }

    public Duration watchdogInterval() {
        return watchdogInterval;
    }

    public void ready(String status) {
        send("--ready", "--pid=" + ProcessHandle.current().pid(), "--status=" + status);
    }

    public void watchdog() {
        send("WATCHDOG=1");
    }

    public void stopping() {
        send("STOPPING=1");
    }

    private void send(String... arguments) {
        if (!enabled) {
            return;
        }
        List<String> command = new ArrayList<>(List.of("systemd-notify"));
        command.addAll(List.of(arguments));
        try {
            runner.check(command, TIMEOUT);
        } catch (CommandException e) {
            LOG.warn("cannot notify systemd ({}): {}", String.join(" ", arguments), e.getMessage());
        }
    }
}
