package io.nixunits.agent.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nixunits.agent.process.ProcessRunner;
import io.nixunits.model.ContainerId;
import io.nixunits.model.plan.RuntimeState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the probe against a fake {@code machinectl} script. The real command's output format
 * is taken from systemd 252; the real-host test tier runs the real one.
 */
class RuntimeProbeTest {
    @TempDir
    Path bin;

    private void fakeMachinectl(String script) throws Exception {
        Path fake = bin.resolve("machinectl");
        Files.writeString(fake, "#!/bin/sh\n" + script + "\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void listsRunningContainers() throws Exception {
        fakeMachinectl("""
                [ "$*" = "list --no-legend --no-pager" ] || exit 9
                echo 'web2    container systemd-nspawn nixos 25.11 192.168.20.2'
                echo 'router1 container systemd-nspawn nixos 25.11 10.0.0.2…'
                echo 'qemu-vm vm        libvirt-qemu   -     -     -'""");

        RuntimeState state = new RuntimeProbe(new ProcessRunner(bin.toString())).probe();

        assertTrue(state.known());
        assertEquals(Set.of(new ContainerId("web2"), new ContainerId("router1")), state.running());
    }

    @Test
    void noMachinesMeansNoneRunning() throws Exception {
        fakeMachinectl("echo 'No machines.'");

        RuntimeState state = new RuntimeProbe(new ProcessRunner(bin.toString())).probe();

        assertTrue(state.known());
        assertEquals(Set.of(), state.running());
    }

    @Test
    void failingMachinectlMeansUnknown() throws Exception {
        fakeMachinectl("echo 'Failed to list machines: Unit dbus-org.freedesktop.machine1.service not found.' >&2; exit 1");

        RuntimeState state = new RuntimeProbe(new ProcessRunner(bin.toString())).probe();

        assertFalse(state.known());
        assertTrue(state.unknownReason().contains("exit status 1: Failed to list machines"), state.unknownReason());
    }

    @Test
    void missingMachinectlMeansUnknown() {
        RuntimeState state = new RuntimeProbe(new ProcessRunner(bin.toString())).probe();

        assertFalse(state.known());
        assertEquals("machinectl not found on PATH; install systemd-container", state.unknownReason());
    }
}
