package io.nixunits.agent.converge;

import io.nixunits.agent.output.PlanDocument;
import io.nixunits.agent.planning.PlanReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Checks that a plan written by {@code plan -o} still holds: same state root, same source and
 * commit, same host digest, and the same action and steps for every container as a plan made
 * now. Only then may apply carry it out, because the operator reviewed that plan and no other.
 */
public final class SavedPlanCheck {
    private SavedPlanCheck() {
    }

    public static void verify(Path planFile, PlanDocument saved, PlanReport fresh) throws StalePlanException {
        PlanDocument now = PlanDocument.from(fresh);
        String remake = " Make a new plan with 'nixunits-agent plan -o " + planFile + "' and review it.";

        if (saved.schemaVersion() != PlanDocument.SCHEMA_VERSION) {
            throw new StalePlanException(planFile, "plan " + planFile + " has schema version " + saved.schemaVersion()
                    + ", this agent reads " + PlanDocument.SCHEMA_VERSION + "." + remake);
        }
        if (saved.stateDir() == null || saved.hostDigest() == null || saved.containers() == null) {
            throw new StalePlanException(planFile, "plan " + planFile + " is incomplete: it lacks stateDir, hostDigest"
                    + " or containers. Give a file written by 'nixunits-agent plan -o FILE'.");
        }
        if (!Objects.equals(saved.stateDir(), now.stateDir())) {
            throw new StalePlanException(planFile, "plan " + planFile + " is for state root " + saved.stateDir()
                    + ", not " + now.stateDir() + ". Pass the same --state-dir, or make a new plan.");
        }
        if (saved.source() == null || !Objects.equals(saved.source().location(), now.source().location())) {
            throw new StalePlanException(planFile, "plan " + planFile + " was made from "
                    + (saved.source() == null ? "no source" : saved.source().location()) + ", not "
                    + now.source().location() + "." + remake);
        }
        if (!Objects.equals(saved.source().commit(), now.source().commit())) {
            throw new StalePlanException(planFile, "plan " + planFile + " is stale: it was made from commit "
                    + saved.source().commit() + " and " + now.source().location() + " is now at commit "
                    + now.source().commit() + "." + remake);
        }
        if (!Objects.equals(saved.hostDigest(), now.hostDigest())) {
            throw new StalePlanException(planFile, "plan " + planFile + " is stale: the host changed since it was"
                    + " made (host digest " + saved.hostDigest() + ", now " + now.hostDigest() + ")." + remake);
        }
        List<String> changed = changedContainers(saved, now);
        if (!changed.isEmpty()) {
            throw new StalePlanException(planFile, "plan " + planFile + " is stale: a plan made now differs for "
                    + String.join(", ", changed) + " (declarations or running containers changed)." + remake);
        }
    }

    private static List<String> changedContainers(PlanDocument saved, PlanDocument now) {
        Map<String, PlanDocument.Container> before = new HashMap<>();
        for (PlanDocument.Container container : saved.containers()) {
            before.put(container.name(), container);
        }
        List<String> changed = new ArrayList<>();
        for (PlanDocument.Container container : now.containers()) {
            PlanDocument.Container old = before.remove(container.name());
            if (old == null || !old.action().equals(container.action()) || !old.steps().equals(container.steps())) {
                changed.add(container.name());
            }
        }
        changed.addAll(before.keySet());
        changed.sort(String::compareTo);
        return changed;
    }
}
