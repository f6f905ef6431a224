package io.nixunits.agent.cli;

import io.nixunits.agent.planning.PlanSettings;
import io.nixunits.model.host.StateLayout;
import io.nixunits.model.plan.PlanOptions;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Options for the declarations source and for planning, shared by plan and apply. */
public final class SourceOptions {

    /** Exactly one source: a Git repository or a plain directory. */
    static final class Source {
        @Option(names = "--repo", paramLabel = "URL|PATH", required = true,
                description = "Git repository of declarations: a path, or a file://, git:// or http(s):// URL.")
        String repository;

        @Option(names = "--dir", paramLabel = "DIR", required = true,
                description = "Plain directory of declarations, without Git.")
        Path directory;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = "--ref", paramLabel = "REF", defaultValue = "main",
            description = "Branch, tag or commit of --repo to plan from (default: ${DEFAULT-VALUE}).")
    String ref;

    @Option(names = "--path", paramLabel = "PATH", defaultValue = ".",
            description = "Directory inside --repo that contains this host's declarations (default: the root).")
    String path;

    @Option(names = "--modules", paramLabel = "PATH", defaultValue = "modules",
            description = "Shared NixOS modules directory, relative to the declarations directory; each .nix file"
                    + " in it is imported by every container (default: ${DEFAULT-VALUE}).")
    String modulesPath;

    @Option(names = "--state-dir", paramLabel = "DIR",
            defaultValue = "${env:NIXUNITS_STATE_DIR:-" + StateLayout.DEFAULT_ROOT + "}",
            description = "State root of the host (default: ${DEFAULT-VALUE}; env NIXUNITS_STATE_DIR).")
    Path stateDir;

    @Option(names = "--cache-dir", paramLabel = "DIR",
            description = "Where repository clones are kept (default: STATE_DIR/agent/repositories).")
    Path cacheDir;

    @Mixin
    UnitHashOptions unitHash;

    @Option(names = "--allow-delete-all",
            description = "Allow an empty declaration set to delete every container the agent owns.")
    boolean allowDeleteAll;

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    PlanSettings toSettings() {
        CommandLine.ParseResult parsed = mixee == null ? null : mixee.commandLine().getParseResult();
        if (source.directory != null && parsed != null) {
            for (String gitOnly : new String[] {"--path", "--ref", "--cache-dir"}) {
                if (parsed.hasMatchedOption(gitOnly)) {
                    throw new CommandLine.ParameterException(mixee.commandLine(), gitOnly + " applies to --repo only;"
                            + " with --dir, give the declarations directory itself.");
                }
            }
        }
        PlanOptions options = new PlanOptions(unitHash.system(), unitHash.nixpkgsRevision(), allowDeleteAll);
        Path cache = cacheDir != null ? cacheDir : stateDir.resolve("agent/repositories");
        return new PlanSettings(source.repository, ref, path, source.directory, modulesPath, stateDir, cache, options);
    }
}
