package io.nixunits.agent.command;

import io.nixunits.agent.cli.NixEntryOptions;
import io.nixunits.agent.cli.UnitHashOptions;
import io.nixunits.agent.host.NixSettings;
import java.util.List;
import picocli.CommandLine.Mixin;

/** Nix settings of 'build' and 'status', which also compute the unit hash; the same options and variables as the agent's. */
final class NixOptions {
    @Mixin
    NixEntryOptions entry;

    @Mixin
    UnitHashOptions unitHash;

    /** Returns the Nix settings; {@code showTrace} adds --show-trace to every build. */
    NixSettings toSettings(boolean showTrace) {
        return entry.toSettings(unitHash.system(), unitHash.nixpkgsRevision(),
                showTrace ? List.of("--show-trace") : List.of());
    }
}
