package io.nixunits.agent.hooks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Copies the host's resolv.conf into the container. The file is written from inside the
 * container, through a temporary file renamed over {@code /etc/resolv.conf}, so that a symbolic
 * link the container placed there is replaced instead of followed on the host.
 */
final class CopyResolvConfStep {
    private static final String WRITE = "printf '%s' \"$1\" > /etc/resolv.conf.nixunits"
            + " && mv -f /etc/resolv.conf.nixunits /etc/resolv.conf";

    private CopyResolvConfStep() {
    }

    static void run(HookRun run) throws HookException {
        Path source = run.settings().hostResolvConf();
        String content;
        try {
            content = Files.readString(source, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            run.warn("the host has no {}, so the container keeps its own resolver configuration", source);
            return;
        } catch (IOException e) {
            throw run.failed("reading the host's " + source, e);
        }
        run.log("copying the host's {} into the container", source);
        run.check("writing /etc/resolv.conf inside the container",
                run.inContainerShell("-c", WRITE, "nixunits-resolv-conf", content));
    }
}
