package io.nixunits.model.plan;

import io.nixunits.model.ContainerId;
import java.util.List;

/**
 * The plan for one container. {@code name} is the declaration's directory name or the host's
 * directory name; {@code id} is null when that name is not a valid id. {@code adopt} is true
 * when the agent takes over a container that was already on the host.
 */
public record ContainerPlan(
        String name, ContainerId id, Action action, boolean adopt, List<Step> steps, List<Reason> reasons) {

    public ContainerPlan {
        steps = List.copyOf(steps);
        reasons = List.copyOf(reasons);
    }
}
