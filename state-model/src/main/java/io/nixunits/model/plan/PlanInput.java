package io.nixunits.model.plan;

import io.nixunits.model.declaration.DesiredState;
import io.nixunits.model.host.HostState;
import io.nixunits.model.inventory.Inventory;

/** Everything the planner decides from. */
public record PlanInput(
        DesiredState desired, HostState actual, RuntimeState runtime, Inventory inventory, PlanOptions options) {
}
