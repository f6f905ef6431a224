package io.nixunits.agent.host;

import java.time.Duration;

/**
 * Time limits of the host operations.
 *
 * @param command how long a short command (systemctl, machinectl, mount, chown) may run
 * @param lockWait how long to wait for a lock that another process holds
 * @param health how long a started container has to become active and running
 * @param healthPoll the pause between two health probes
 */
public record HostTimeouts(Duration command, Duration lockWait, Duration health, Duration healthPoll) {
    public static HostTimeouts defaults() {
        return new HostTimeouts(Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofMinutes(2),
                Duration.ofSeconds(1));
    }
}
