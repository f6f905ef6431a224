package io.nixunits.agent.output;

import io.nixunits.agent.planning.PlanReport;
import io.nixunits.model.plan.Action;
import io.nixunits.model.plan.ContainerPlan;
import io.nixunits.model.plan.Plan;
import io.nixunits.model.plan.Reason;
import io.nixunits.model.plan.Step;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Prints a plan for people, in the manner of {@code terraform plan}: a mark per container
 * ({@code +} create, {@code ~} change, {@code >} start, {@code -} delete, {@code !} invalid
 * or held), its reasons and steps, then a summary line. Containers with nothing to do take one
 * line each. Colour is used only when asked for (on a terminal).
 */
public final class PlanPrinter {
    private static final String RESET = "\u001b[0m";

    private final PrintStream out;
    private final boolean colour;
    // The plan is written in one piece: a thousand containers are then one call to the stream
    // and its encoder instead of a few thousand.
    private final StringBuilder text = new StringBuilder(1 << 16);

    public PlanPrinter(PrintStream out, boolean colour) {
        this.out = out;
        this.colour = colour;
    }

    public void print(PlanReport report) {
        text.setLength(0);
        Plan plan = report.plan();
        println(header(report));
        println();

        for (String warning : plan.warnings()) {
            println(paint("Warning: ", "\u001b[33m") + warning);
        }
        if (!plan.warnings().isEmpty()) {
            println();
        }

        for (ContainerPlan container : plan.containers()) {
            printContainer(container);
        }
        if (!plan.containers().isEmpty()) {
            println();
        }
        println(summary(plan));
        out.print(text);
    }

    private void println(String line) {
        text.append(line).append(System.lineSeparator());
    }

    private void println() {
        text.append(System.lineSeparator());
    }

    static String header(PlanReport report) {
        String source = report.source().fromGit()
                ? "Git repository " + report.source().location() + ", ref " + report.source().ref() + " at commit "
                        + report.source().commit()
                : "directory " + report.source().location();
        return "NixUnits plan for state root " + report.stateDir() + " from " + source;
    }

    private void printContainer(ContainerPlan container) {
        Action action = container.action();
        String mark = paint(action.symbol(), colourOf(action));
        String adopt = container.adopt() && action != Action.ADOPT ? " (adopt)" : "";
        if (!action.changesHost() && action != Action.INVALID && action != Action.DELETE_HELD) {
            String lastReason = container.reasons().isEmpty() ? "" : ": " + container.reasons().get(
                    container.reasons().size() - 1).message();
            println("  " + mark + " " + container.name() + "  " + action.label() + lastReason);
            return;
        }
        println("  " + mark + " " + container.name() + "  " + paint(action.label() + adopt, colourOf(action)));
        for (Reason reason : container.reasons()) {
            println("      " + reason.message());
        }
        if (!container.steps().isEmpty()) {
            println("      steps: " + steps(container.steps()));
        }
    }

    static String steps(List<Step> steps) {
        return steps.stream().map(s -> s.name().toLowerCase(Locale.ROOT).replace('_', ' '))
                .collect(Collectors.joining(", "));
    }

    static String summary(Plan plan) {
        Map<Action, Integer> counts = plan.countByAction();
        int create = counts.getOrDefault(Action.CREATE, 0);
        int change = counts.getOrDefault(Action.REBUILD_BASE_AND_CONTAINER, 0)
                + counts.getOrDefault(Action.REBUILD_CONTAINER, 0) + counts.getOrDefault(Action.SWITCH, 0);
        int start = counts.getOrDefault(Action.START, 0);
        int adopt = counts.getOrDefault(Action.ADOPT, 0);
        int delete = counts.getOrDefault(Action.DELETE, 0);
        StringBuilder line = new StringBuilder("Plan: " + create + " to create, " + change + " to change, " + start
                + " to start, " + adopt + " to adopt, " + delete + " to delete; "
                + counts.getOrDefault(Action.UNCHANGED, 0) + " unchanged, "
                + counts.getOrDefault(Action.UNMANAGED, 0) + " unmanaged");
        int invalid = counts.getOrDefault(Action.INVALID, 0);
        int heldDeletions = counts.getOrDefault(Action.DELETE_HELD, 0);
        if (invalid > 0) {
            line.append(", ").append(invalid).append(" invalid");
        }
        if (heldDeletions > 0) {
            line.append(", ").append(heldDeletions).append(" deletion(s) held");
        }
        line.append('.');
        if (!plan.hasChanges() && invalid > 0) {
            line.append(" Nothing to change until the invalid declarations are fixed.");
        } else if (!plan.hasChanges()) {
            line.append(" No changes.");
        }
        return line.toString();
    }

    private static String colourOf(Action action) {
        return switch (action) {
            case CREATE, START, ADOPT -> "\u001b[32m";
            case REBUILD_BASE_AND_CONTAINER, REBUILD_CONTAINER, SWITCH -> "\u001b[33m";
            case DELETE, INVALID, DELETE_HELD -> "\u001b[31m";
            case UNCHANGED, UNMANAGED -> "";
        };
    }

    private String paint(String text, String code) {
        return colour && !code.isEmpty() ? code + text + RESET : text;
    }
}
