package io.nixunits.agent.converge;

import io.nixunits.agent.AgentException;
import io.nixunits.agent.output.PlanDocument;
import io.nixunits.model.ContainerId;
import io.nixunits.model.plan.ContainerPlan;
import io.nixunits.model.plan.Step;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One container's progress through an apply: the steps done, the time spent, and the outcome.
 * One thread works on a container at a time, and the phases hand it on in order.
 */
final class ContainerRun {
    /** The body of one step. */
    interface StepBody {
        void run() throws AgentException;
    }

    private final ContainerPlan plan;
    private final ApplyProgress progress;
    private final List<String> stepsDone = new ArrayList<>();
    private long nanos;
    private ContainerResult.Result result;
    private String error;

    ContainerRun(ContainerPlan plan, ApplyProgress progress) {
        this.plan = plan;
        this.progress = progress;
    }

    ContainerPlan plan() {
        return plan;
    }

    ContainerId id() {
        return plan.id();
    }

    boolean has(Step step) {
        return plan.steps().contains(step);
    }

    boolean finished() {
        return result != null;
    }

    /** Runs one step, timing it and telling the progress display; the step counts as done when it returns. */
    void step(String name, StepBody body) throws AgentException {
        progress.stepStarted(id(), name);
        long start = System.nanoTime();
        boolean succeeded = false;
        try {
            body.run();
            succeeded = true;
        } finally {
            long elapsed = System.nanoTime() - start;
            nanos += elapsed;
            progress.stepFinished(id(), name, Duration.ofNanos(elapsed), succeeded);
        }
        stepsDone.add(name);
    }

    void step(Step step, StepBody body) throws AgentException {
        step(PlanDocument.name(step), body);
    }

    void finish(ContainerResult.Result outcome, String message) {
        if (result == null) {
            result = outcome;
            error = message;
        }
    }

    ContainerResult toResult() {
        ContainerResult.Result outcome = result;
        if (outcome == null) {
            outcome = plan.steps().isEmpty() ? ContainerResult.Result.UNCHANGED : ContainerResult.Result.CONVERGED;
        }
        return new ContainerResult(plan.name(), plan.id() == null ? null : plan.id().value(),
                PlanDocument.name(plan.action()), outcome, stepsDone, Duration.ofNanos(nanos).toMillis(), error);
    }
}
