package io.nixunits.agent.host;

import io.nixunits.model.ContainerId;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds and stops the processes of a container build whose agent died: every process whose
 * command line names the build's overlay mount point (the {@code nix build --store <merged>}
 * of that build), together with its descendants, such as Nix's builders.
 */
final class LeftoverBuilds {
    private static final Logger LOG = LoggerFactory.getLogger(LeftoverBuilds.class);

    private LeftoverBuilds() {
    }

    /** Sends SIGTERM to the leftover processes, waits up to {@code grace}, then kills those still alive. */
    static void stop(ContainerId id, Path merged, Duration grace) {
        List<ProcessHandle> leftovers = find(merged.toString());
        if (leftovers.isEmpty()) {
            return;
        }

        // the builds and their children get SIGTERM, so Nix can end its builders itself
        List<ProcessHandle> all = new ArrayList<>();
        for (ProcessHandle process : leftovers) {
            LOG.warn("[{}] stopping process {} ({}), left running by an earlier build", id, process.pid(),
                    process.info().commandLine().orElse("?"));
            all.add(process);
            process.descendants().forEach(all::add);
        }
        all.forEach(ProcessHandle::destroy);

        // then whatever is still alive after the grace period is killed
        long deadline = System.nanoTime() + grace.toNanos();
        for (ProcessHandle process : all) {
            long left = deadline - System.nanoTime();
            try {
                process.onExit().get(Math.max(left, 0), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                LOG.warn("[{}] process {} did not end within {} s of SIGTERM; killing it", id, process.pid(),
                        grace.toSeconds());
                process.destroyForcibly();
            }
        }
    }

    private static List<ProcessHandle> find(String mountPoint) {
        long self = ProcessHandle.current().pid();
        try (Stream<ProcessHandle> processes = ProcessHandle.allProcesses()) {
            return processes
                    .filter(process -> process.pid() != self)
                    .filter(process -> names(process, mountPoint))
                    .toList();
        }
    }

    /** Returns whether one of the process's arguments is the mount point or a path below it. */
    private static boolean names(ProcessHandle process, String mountPoint) {
        String[] arguments = process.info().arguments().orElse(new String[0]);
        for (String argument : arguments) {
            if (argument.equals(mountPoint) || argument.startsWith(mountPoint + "/")) {
                return true;
            }
        }
        return false;
    }
}
