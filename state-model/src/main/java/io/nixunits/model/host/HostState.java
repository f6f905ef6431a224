package io.nixunits.model.host;

import io.nixunits.model.ContainerId;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/** What is on the host under the state root: containers by id, odd entries, and the uid map. */
public record HostState(SortedMap<ContainerId, ContainerState> containers, List<HostProblem> problems, UidMap uidMap) {
    public HostState {
        containers = Collections.unmodifiableSortedMap(new TreeMap<>(containers));
        problems = List.copyOf(problems);
    }

    public static HostState empty() {
        return new HostState(new TreeMap<>(), List.of(), UidMap.empty());
    }
}
