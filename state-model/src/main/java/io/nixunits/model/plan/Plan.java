package io.nixunits.model.plan;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The planner's output: one entry per container, sorted by name, and plan-wide warnings. */
public record Plan(List<ContainerPlan> containers, List<String> warnings, RuntimeState runtime) {
    public Plan {
        containers = List.copyOf(containers);
        warnings = List.copyOf(warnings);
    }

    /** Returns whether carrying out this plan would change the host. */
    public boolean hasChanges() {
        return containers.stream().anyMatch(c -> c.action().changesHost());
    }

    public Map<Action, Integer> countByAction() {
        Map<Action, Integer> counts = new EnumMap<>(Action.class);
        for (ContainerPlan container : containers) {
            counts.merge(container.action(), 1, Integer::sum);
        }
        return counts;
    }
}
