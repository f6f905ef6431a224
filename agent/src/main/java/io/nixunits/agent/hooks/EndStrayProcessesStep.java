package io.nixunits.agent.hooks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Ends the processes that share the container's PID namespace but do not descend from its init,
 * such as shells opened with nsenter: they would keep the namespace, and the container's
 * mounts, alive after it powers off. SIGTERM first, SIGKILL for those still there after
 * {@link HookTimeouts#strayGrace()}.
 */
final class EndStrayProcessesStep {
    private EndStrayProcessesStep() {
    }

    static void run(HookRun run, long leader) throws HookException {
        Path proc = run.settings().procRoot();
        List<Long> strays = strays(proc, leader);
        if (strays.isEmpty()) {
            return;
        }
        run.log("ending processes {} that share the container's PID namespace outside its process tree", strays);
        signal(run, "-TERM", strays);

        List<Long> remaining = waitForExit(run, proc, strays);
        if (!remaining.isEmpty()) {
            run.warn("processes {} still run {} s after SIGTERM, sending SIGKILL", remaining,
                    run.settings().timeouts().strayGrace().toSeconds());
            signal(run, "-KILL", remaining);
        }
    }

    /** Returns the PIDs in the leader's PID namespace that are neither the leader nor its descendants. */
    static List<Long> strays(Path proc, long leader) throws HookException {
        String namespace = pidNamespace(proc, leader);
        if (namespace == null) {
            return List.of();
        }
        Map<Long, Long> parents = new HashMap<>();
        List<Long> members = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(proc, "[0-9]*")) {
            for (Path entry : entries) {
                long pid = Long.parseLong(entry.getFileName().toString());
                Long parent = parent(proc, pid);
                if (parent == null) {
                    continue;
                }
                parents.put(pid, parent);
                if (namespace.equals(pidNamespace(proc, pid))) {
                    members.add(pid);
                }
            }
        } catch (IOException e) {
            return List.of();
        }

        Set<Long> tree = new HashSet<>();
        List<Long> strays = new ArrayList<>();
        for (long pid : members) {
            if (!descendsFrom(pid, leader, parents, tree)) {
                strays.add(pid);
            }
        }
        strays.sort(null);
        return strays;
    }

    private static boolean descendsFrom(long pid, long leader, Map<Long, Long> parents, Set<Long> tree) {
        Set<Long> seen = new HashSet<>();
        long current = pid;
        while (seen.add(current)) {
            if (current == leader || tree.contains(current)) {
                tree.addAll(seen);
                return true;
            }
            Long parent = parents.get(current);
            if (parent == null || parent == 0) {
                return false;
            }
            current = parent;
        }
        return false;
    }

    /** Returns the link target of /proc/PID/ns/pid, such as {@code pid:[4026532345]}, or null when the process is gone. */
    private static String pidNamespace(Path proc, long pid) {
        try {
            return Files.readSymbolicLink(proc.resolve(pid + "/ns/pid")).toString();
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    /** Returns the parent PID from /proc/PID/stat, read after the command name, which may contain spaces. */
    private static Long parent(Path proc, long pid) {
        try {
            String stat = Files.readString(proc.resolve(pid + "/stat"), StandardCharsets.UTF_8);
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[1]);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static void signal(HookRun run, String signal, List<Long> pids) throws HookException {
        List<String> command = new ArrayList<>(List.of("kill", signal));
        pids.forEach(pid -> command.add(Long.toString(pid)));
        // A process may exit between the scan and the signal; kill then fails for that PID only.
        run.run("sending " + signal.substring(1) + " to " + pids, command);
    }

    private static List<Long> waitForExit(HookRun run, Path proc, List<Long> pids) throws HookException {
        long deadline = System.nanoTime() + run.settings().timeouts().strayGrace().toNanos();
        List<Long> remaining = alive(proc, pids);
        while (!remaining.isEmpty() && System.nanoTime() < deadline) {
            pause(run, run.settings().timeouts().poll());
            remaining = alive(proc, remaining);
        }
        return remaining;
    }

    private static List<Long> alive(Path proc, List<Long> pids) {
        return pids.stream().filter(pid -> Files.exists(proc.resolve(Long.toString(pid)))).toList();
    }

    static void pause(HookRun run, Duration duration) throws HookException {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw run.failed("waiting", e);
        }
    }
}
