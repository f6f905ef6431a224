package io.nixunits.agent.hooks;

import java.util.List;

/** Whose network namespace a container runs in, read from its systemd-nspawn arguments. */
enum NetworkMode {
    /** Its own namespace: {@code --private-network}, {@code --network-veth} or moved interfaces. */
    PRIVATE,
    /** An existing named namespace: {@code --network-namespace-path=}. */
    NAMESPACE_PATH,
    /** The host's own namespace: no network argument at all. */
    HOST;

    static NetworkMode of(List<String> nspawnArgs) {
        boolean privateNetwork = false;
        for (String arg : nspawnArgs) {
            if (arg.startsWith("--network-namespace-path=")) {
                return NAMESPACE_PATH;
            }
            if (arg.equals("--private-network") || arg.equals("-n") || arg.startsWith("--network-")
                    || arg.startsWith("--port=") || arg.startsWith("-p")) {
                privateNetwork = true;
            }
        }
        return privateNetwork ? PRIVATE : HOST;
    }
}
