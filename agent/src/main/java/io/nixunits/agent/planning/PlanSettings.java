package io.nixunits.agent.planning;

import io.nixunits.model.plan.PlanOptions;
import java.nio.file.Path;

/**
 * Where declarations come from and how to plan. Exactly one of {@code repository} and
 * {@code directory} is set.
 *
 * @param repository a Git URL or path, or null
 * @param ref the branch, tag or commit to check out
 * @param path the directory inside the repository that contains this host's declarations
 * @param directory a plain directory of declarations, or null
 * @param modulesPath the shared modules directory, relative to the declarations directory
 * @param stateDir the state root
 * @param cacheDir where repository clones are kept
 */
public record PlanSettings(
        String repository,
        String ref,
        String path,
        Path directory,
        String modulesPath,
        Path stateDir,
        Path cacheDir,
        PlanOptions options) {
}
