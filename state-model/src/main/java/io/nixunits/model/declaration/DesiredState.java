package io.nixunits.model.declaration;

import io.nixunits.model.ContainerId;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What the repository declares: the valid declarations by id, the rejected ones with their
 * problem, the shared modules, and the entries of the directory that are not declarations
 * (plain files such as a README, hidden directories such as {@code .git}).
 */
public record DesiredState(
        SortedMap<ContainerId, Declaration> declarations,
        List<DeclarationProblem> problems,
        SharedModules modules,
        List<String> ignoredEntries) {

    public DesiredState {
        declarations = Collections.unmodifiableSortedMap(new TreeMap<>(declarations));
        problems = List.copyOf(problems);
        ignoredEntries = List.copyOf(ignoredEntries);
    }

    /** Returns whether a rejected declaration uses this directory name. */
    public boolean hasProblemFor(String name) {
        return problems.stream().anyMatch(problem -> problem.name().equals(name));
    }
}
