package io.nixunits.agent.host;

import java.util.List;

/** The files of a container directory that describe its switched-in build, besides {@code root/nix}. */
final class SwitchedFiles {
    /** Moved in before {@link #COMPLETE}. */
    static final List<String> DESCRIPTION = List.of("unit.conf", "parameters.json", "configuration.nix",
            ".unit_hash", "store");
    /** Moved last: its presence says the build in place is whole. */
    static final String COMPLETE = ".complete";

    private SwitchedFiles() {
    }
}
