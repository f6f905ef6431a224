package io.nixunits.agent.command;

import java.util.List;
import java.util.Optional;

/**
 * Finds shells opened in a container: processes running {@code nsenter --target <leader>}, as
 * {@code nixunits shell} starts them. A restart would leave such a shell in dead namespaces, so
 * it is refused while one is open.
 */
final class ShellSessions {
    private ShellSessions() {
    }

    /** Returns the PIDs of the processes of this host that entered the namespaces of {@code leader}. */
    static List<Long> enteredInto(long leader) {
        return ProcessHandle.allProcesses()
                .filter(process -> entersInto(process.info().commandLine(), leader))
                .map(ProcessHandle::pid)
                .toList();
    }

    /**
     * Returns whether a command line runs nsenter with {@code --target <leader>}; the executable may
     * be run through an interpreter, so any word whose file name is {@code nsenter} counts.
     */
    static boolean entersInto(Optional<String> commandLine, long leader) {
        if (commandLine.isEmpty()) {
            return false;
        }
        List<String> words = List.of(commandLine.get().split(" "));
        for (int i = 0; i + 2 < words.size(); i++) {
            String word = words.get(i);
            boolean nsenter = word.equals("nsenter") || word.endsWith("/nsenter");
            if (nsenter && words.get(i + 1).equals("--target") && words.get(i + 2).equals(Long.toString(leader))) {
                return true;
            }
        }
        return false;
    }
}
