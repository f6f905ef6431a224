package io.nixunits.model.plan;

import io.nixunits.model.ContainerId;
import io.nixunits.model.declaration.Declaration;
import io.nixunits.model.declaration.DeclarationProblem;
import io.nixunits.model.host.ContainerState;
import io.nixunits.model.host.HostProblem;
import io.nixunits.model.inventory.InventoryEntry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns desired state, actual state, runtime state and the inventory into a {@link Plan}. It
 * is a pure function: it reads nothing and changes nothing.
 *
 * <p>Ownership rules: a container is deleted only when it is in the inventory and no longer
 * declared; one that is neither declared nor in the inventory, or that the host's NixOS
 * configuration declares, is never touched; a rejected declaration leaves its container as it is.
 */
public final class Planner {
    private final ChangeDetector changes = new ChangeDetector();

    public Plan plan(PlanInput input) {
        List<ContainerPlan> plans = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Set<String> handled = new HashSet<>();
        warnAboutInputs(input, warnings);

        // declared containers
        for (Declaration declaration : input.desired().declarations().values()) {
            plans.add(planDeclared(input, declaration));
            handled.add(declaration.id().value());
        }

        // rejected declarations: their containers stay as they are
        for (DeclarationProblem problem : input.desired().problems()) {
            plans.add(planInvalid(input, problem));
            handled.add(problem.name());
        }

        // owned but no longer declared
        List<ContainerId> removals = input.inventory().entries().keySet().stream()
                .filter(id -> !handled.contains(id.value()))
                .toList();
        boolean holdRemovals = input.desired().declarations().isEmpty() && !removals.isEmpty()
                && !input.options().allowDeleteAll();
        if (holdRemovals) {
            warnings.add("The declaration set is empty but the agent owns " + removals.size()
                    + " container(s); their deletion is held back. Check the repository path, or pass"
                    + " --allow-delete-all to delete them.");
        }
        for (ContainerId id : removals) {
            plans.add(planRemoval(input, id, holdRemovals));
            handled.add(id.value());
        }

        // everything else on the host is not ours
        for (ContainerState state : input.actual().containers().values()) {
            if (!handled.contains(state.id().value())) {
                plans.add(planUnmanaged(state));
            }
        }
        for (HostProblem problem : input.actual().problems()) {
            if (handled.add(problem.name())) {
                plans.add(new ContainerPlan(problem.name(), null, Action.UNMANAGED, false, List.of(),
                        List.of(Reason.of(ReasonCode.INVALID_HOST_ENTRY, problem.message()))));
            }
        }

        plans.sort(Comparator.comparing(ContainerPlan::name));
        return new Plan(plans, warnings, input.runtime());
    }

    private static void warnAboutInputs(PlanInput input, List<String> warnings) {
        if (input.desired().declarations().isEmpty() && input.desired().problems().isEmpty()) {
            warnings.add("No declarations were found. Check the declarations directory (--dir, or --repo with"
                    + " --path): each container is a directory <id>/ with config.nix and properties.json.");
        }
        if (!input.options().knowsEnvironment()) {
            warnings.add("The nixpkgs revision is not configured, so unit hashes are not checked and a nixpkgs"
                    + " update is not detected. Set it with --nixpkgs-revision.");
        }
        if (!input.runtime().known()) {
            warnings.add("Runtime state unknown (" + input.runtime().unknownReason() + "): the plan does not say"
                    + " which containers need a start.");
        }
    }

    private ContainerPlan planDeclared(PlanInput input, Declaration declaration) {
        ContainerId id = declaration.id();
        ContainerState state = input.actual().containers().get(id);
        InventoryEntry owned = input.inventory().get(id).orElse(null);

        if (state != null && state.declaredByNixos()) {
            return new ContainerPlan(id.value(), id, Action.UNMANAGED, false, List.of(), List.of(Reason.of(
                    ReasonCode.NIXOS_DECLARED, "declared in the host's NixOS configuration (unit.conf -> "
                            + state.unitConfTarget() + "), so the repository's declaration is ignored."
                            + " Remove it from one of the two.")));
        }

        boolean adopt = state != null && owned == null;
        List<Reason> reasons = new ArrayList<>();
        if (adopt) {
            reasons.add(Reason.of(ReasonCode.NOT_IN_INVENTORY, "already on the host and not in the agent's"
                    + " inventory: the agent adopts it"));
        }

        Decision decision = state == null || !state.complete()
                ? decideUnbuilt(input, declaration, state, owned, reasons)
                : decideBuilt(input, declaration, state, owned, reasons);

        Action action = decision.action;
        List<Step> steps = new ArrayList<>();
        if (adopt) {
            steps.add(Step.ADOPT);
            if (action == Action.UNCHANGED) {
                action = Action.ADOPT;
            }
        }
        steps.addAll(decision.steps);
        return new ContainerPlan(id.value(), id, action, adopt, steps, reasons);
    }

    private Decision decideUnbuilt(
            PlanInput input, Declaration declaration, ContainerState state, InventoryEntry owned, List<Reason> reasons) {
        if (state != null && changes.pendingMatches(state, declaration, input.options())) {
            reasons.add(Reason.of(ReasonCode.PENDING_BUILD_MATCHES, "a finished build of the declared inputs waits"
                    + " in tmp/root_futur"));
            return new Decision(Action.SWITCH, List.of(Step.SWITCH, Step.START));
        }
        if (state == null) {
            String message = owned == null ? "not on the host"
                    : "in the agent's inventory but its directory is missing: built again";
            reasons.add(Reason.of(ReasonCode.NOT_ON_HOST, message));
        } else {
            reasons.add(Reason.of(ReasonCode.NOT_BUILT, "its directory exists but no build was ever switched in"
                    + " (no .complete)"));
        }
        return new Decision(Action.CREATE, List.of(Step.BUILD_BASE, Step.BUILD_CONTAINER, Step.SWITCH, Step.START));
    }

    private Decision decideBuilt(
            PlanInput input, Declaration declaration, ContainerState state, InventoryEntry owned, List<Reason> reasons) {
        ChangeDetector.Changes found = changes.detect(state, declaration, owned, input.desired().modules(),
                input.options());
        reasons.addAll(found.reasons());
        RuntimeState runtime = input.runtime();

        if (!found.needsBuild()) {
            if (!runtime.known()) {
                reasons.add(Reason.of(ReasonCode.RUNTIME_UNKNOWN, "up to date; whether it runs is unknown"));
                return new Decision(Action.UNCHANGED, List.of());
            }
            if (runtime.isRunning(declaration.id())) {
                reasons.add(Reason.of(ReasonCode.UP_TO_DATE, "up to date and running"));
                return new Decision(Action.UNCHANGED, List.of());
            }
            reasons.add(Reason.of(ReasonCode.NOT_RUNNING, "up to date but not running"));
            return new Decision(Action.START, List.of(Step.START));
        }

        Step restartOrStart = restartOrStart(runtime, declaration.id(), reasons);
        if (found.pendingAllowed() && changes.pendingMatches(state, declaration, input.options())) {
            reasons.add(Reason.of(ReasonCode.PENDING_BUILD_MATCHES, "a finished build of the declared inputs"
                    + " waits in tmp/root_futur"));
            return new Decision(Action.SWITCH, List.of(Step.SWITCH, restartOrStart));
        }
        if (state.pending() != null) {
            reasons.add(Reason.of(ReasonCode.PENDING_BUILD_OUTDATED, "the build waiting in tmp/root_futur is not"
                    + " of the declared inputs and will be replaced"));
        }
        if (found.needsBase()) {
            return new Decision(Action.REBUILD_BASE_AND_CONTAINER,
                    List.of(Step.BUILD_BASE, Step.BUILD_CONTAINER, Step.SWITCH, restartOrStart));
        }
        return new Decision(Action.REBUILD_CONTAINER, List.of(Step.BUILD_CONTAINER, Step.SWITCH, restartOrStart));
    }

    private static Step restartOrStart(RuntimeState runtime, ContainerId id, List<Reason> reasons) {
        if (!runtime.known()) {
            reasons.add(Reason.of(ReasonCode.RUNTIME_UNKNOWN, "whether it runs is unknown: it is restarted, which"
                    + " also starts it"));
            return Step.RESTART;
        }
        return runtime.isRunning(id) ? Step.RESTART : Step.START;
    }

    private static ContainerPlan planInvalid(PlanInput input, DeclarationProblem problem) {
        List<Reason> reasons = new ArrayList<>();
        reasons.add(Reason.file(ReasonCode.INVALID_DECLARATION, problem.file(), problem.message()));
        ContainerId id = ContainerId.isValid(problem.name()) ? new ContainerId(problem.name()) : null;
        if (id != null && input.actual().containers().containsKey(id)) {
            reasons.add(Reason.of(ReasonCode.EXISTING_CONTAINER_KEPT, "the container on the host is left exactly"
                    + " as it is until the declaration is fixed"));
        }
        return new ContainerPlan(problem.name(), id, Action.INVALID, false, List.of(), reasons);
    }

    private static ContainerPlan planRemoval(PlanInput input, ContainerId id, boolean hold) {
        ContainerState state = input.actual().containers().get(id);
        if (state != null && state.declaredByNixos()) {
            return new ContainerPlan(id.value(), id, Action.UNMANAGED, false, List.of(), List.of(Reason.of(
                    ReasonCode.NIXOS_DECLARED, "in the agent's inventory but now declared in the host's NixOS"
                            + " configuration (unit.conf -> " + state.unitConfTarget() + "); left alone")));
        }

        List<Reason> reasons = new ArrayList<>();
        reasons.add(Reason.of(ReasonCode.NOT_DECLARED, "in the agent's inventory and no longer declared"));
        if (hold) {
            reasons.add(Reason.of(ReasonCode.EMPTY_DECLARATION_SET, "not deleted because the declaration set is"
                    + " empty; pass --allow-delete-all if that is intended"));
            return new ContainerPlan(id.value(), id, Action.DELETE_HELD, false, List.of(), reasons);
        }
        if (state == null) {
            reasons.add(Reason.of(ReasonCode.ABSENT_FROM_HOST, "its directory is already gone: only the inventory"
                    + " entry is removed"));
            return new ContainerPlan(id.value(), id, Action.DELETE, false, List.of(Step.FORGET), reasons);
        }
        reasons.add(Reason.of(ReasonCode.NOT_DECLARED, "its units are stopped and disabled and its configuration"
                + " removed; its data (root/) and uid range are kept"));
        return new ContainerPlan(id.value(), id, Action.DELETE, false, List.of(Step.DELETE), reasons);
    }

    private static ContainerPlan planUnmanaged(ContainerState state) {
        Reason reason = state.declaredByNixos()
                ? Reason.of(ReasonCode.NIXOS_DECLARED, "declared in the host's NixOS configuration (unit.conf -> "
                        + state.unitConfTarget() + "); left alone")
                : Reason.of(ReasonCode.NOT_OWNED, "not declared and not in the agent's inventory; left alone");
        return new ContainerPlan(state.id().value(), state.id(), Action.UNMANAGED, false, List.of(), List.of(reason));
    }

    /** An action and its steps, before adoption is added. */
    private record Decision(Action action, List<Step> steps) {
    }
}
