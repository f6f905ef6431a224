package io.nixunits.agent.planning;

import io.nixunits.agent.source.Checkout;
import io.nixunits.model.declaration.DesiredState;
import io.nixunits.model.host.HostState;
import io.nixunits.model.inventory.Inventory;
import io.nixunits.model.plan.Plan;
import io.nixunits.model.plan.PlanOptions;
import java.nio.file.Path;
import java.time.Instant;

/**
 * A plan with what it was made from: the source and commit, the state root, the host digest
 * that makes a saved plan detectably stale, and the inputs an executor needs.
 */
public record PlanReport(
        Plan plan,
        Checkout source,
        Path stateDir,
        String hostDigest,
        PlanOptions options,
        Instant createdAt,
        DesiredState desired,
        HostState actual,
        Inventory inventory) {
}
