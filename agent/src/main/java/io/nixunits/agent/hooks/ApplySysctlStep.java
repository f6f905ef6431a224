package io.nixunits.agent.hooks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies the container's sysctl settings ({@code SYSCTL_FILE}) with {@code sysctl -p} inside
 * its network, UTS and IPC namespaces. Only the keys those namespaces isolate stay inside the
 * container; any other key changes the host, so the step warns about it.
 */
final class ApplySysctlStep {
    /** Key prefixes that a network, UTS or IPC namespace isolates (see namespaces(7)). */
    private static final List<String> NAMESPACED = List.of("net.", "kernel.hostname", "kernel.domainname",
            "kernel.shm", "kernel.msg", "kernel.sem", "fs.mqueue.");

    private ApplySysctlStep() {
    }

    static void run(HookRun run) throws HookException {
        String sysctlFile = run.conf().sysctlFile();
        if (sysctlFile == null) {
            return;
        }
        if (run.conf().networkMode() == NetworkMode.HOST) {
            throw run.error("SYSCTL_FILE is set, but the container shares the host's network namespace (NSPAWN_ARGS"
                    + " has no network option), so its settings would change the host's. Declare network.interfaces"
                    + " or network.netns_path, or remove sysctl.");
        }
        Path file = ContainerFiles.resolve(run, sysctlFile, "SYSCTL_FILE");
        List<String> hostWide = hostWideKeys(run, file);
        if (!hostWide.isEmpty()) {
            run.warn("sysctl keys {} in {} are not isolated by the container's namespaces and change the host",
                    hostWide, file);
        }
        run.log("applying the sysctl settings {}", file);
        run.check("applying the sysctl settings " + file,
                run.nsenter(List.of("--net", "--uts", "--ipc"), List.of("sysctl", "-p", file.toString())));
    }

    private static List<String> hostWideKeys(HookRun run, Path file) throws HookException {
        List<String> keys = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String entry = line.strip();
                if (entry.isEmpty() || entry.startsWith("#") || entry.startsWith(";") || !entry.contains("=")) {
                    continue;
                }
                String key = entry.substring(0, entry.indexOf('=')).strip().replaceFirst("^-", "").replace('/', '.');
                if (NAMESPACED.stream().noneMatch(key::startsWith)) {
                    keys.add(key);
                }
            }
        } catch (IOException e) {
            throw run.failed("reading the sysctl settings " + file, e);
        }
        return keys;
    }
}
