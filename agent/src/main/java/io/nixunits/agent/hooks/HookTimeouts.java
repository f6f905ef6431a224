package io.nixunits.agent.hooks;

import java.time.Duration;

/**
 * Time limits of the hooks.
 *
 * @param command how long one command (ip, nft, ovs-vsctl, the extra script...) may run
 * @param powerOff how long the stop hook waits for the container to power off before terminating it
 * @param terminate how long it then waits after {@code machinectl terminate} before killing it
 * @param strayGrace how long stray processes have to exit after SIGTERM before SIGKILL
 * @param poll the pause between two checks of a machine's or a process's state
 */
public record HookTimeouts(Duration command, Duration powerOff, Duration terminate, Duration strayGrace,
        Duration poll) {

    /** The power-off wait of the shell tool: 90 s. */
    public static final Duration DEFAULT_POWER_OFF = Duration.ofSeconds(90);

    public static HookTimeouts defaults() {
        return new HookTimeouts(Duration.ofMinutes(2), DEFAULT_POWER_OFF, Duration.ofSeconds(30),
                Duration.ofSeconds(5), Duration.ofMillis(500));
    }

    public HookTimeouts withPowerOff(Duration powerOff) {
        return new HookTimeouts(command, powerOff, terminate, strayGrace, poll);
    }
}
