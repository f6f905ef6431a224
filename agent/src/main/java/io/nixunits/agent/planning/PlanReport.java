package io.nixunits.agent.planning;

import io.nixunits.agent.source.Checkout;
import io.nixunits.model.declaration.DesiredState;
import io.nixunits.model.host.HostState;
import io.nixunits.model.inventory.Inventory;
import io.nixunits.model.plan.HostDigest;
import io.nixunits.model.plan.Plan;
import io.nixunits.model.plan.PlanOptions;
import java.nio.file.Path;
import java.time.Instant;

/**
 * A plan with what it was made from: the source and commit, the state root, and the inputs an
 * executor needs.
 */
public record PlanReport(
        Plan plan,
        Checkout source,
        Path stateDir,
        PlanOptions options,
        Instant createdAt,
        DesiredState desired,
        HostState actual,
        Inventory inventory) {

    /**
     * Returns the digest of the host state and inventory that makes a saved plan detectably
     * stale. It is computed on each call, because the text plan, the common case, does not
     * need it.
     */
    public String hostDigest() {
        return HostDigest.of(actual, inventory);
    }
}
