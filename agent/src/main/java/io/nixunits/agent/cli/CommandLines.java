package io.nixunits.agent.cli;

import io.nixunits.agent.AgentException;
import io.nixunits.model.StateModelException;
import java.io.PrintStream;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Builds a picocli command line with the one error policy of both commands: a usage error
 * prints the message, the synopsis and a hint, and exits 2; a failed operation prints its
 * message and exits 1; stack traces only with {@code --debug}.
 */
public final class CommandLines {
    private CommandLines() {
    }

    /** Makes {@code -V} print the version on every verb, as the verbs' help offers it. */
    private static void giveVersionToSubcommands(CommandLine line) {
        for (CommandLine sub : line.getSubcommands().values()) {
            if (sub.getCommandSpec().versionProvider() == null && sub.getCommandSpec().version().length == 0) {
                sub.getCommandSpec().versionProvider(new Versions());
            }
            giveVersionToSubcommands(sub);
        }
    }

    /**
     * Returns the first argument when the top command has verbs and could not match it, as with
     * a mistyped verb. Returns null for any other parameter error.
     */
    private static String unknownVerb(CommandLine.ParameterException ex) {
        // An error after a verb belongs to the verb's own command line, which has a parent.
        CommandLine failed = ex.getCommandLine();
        if (!(ex instanceof CommandLine.UnmatchedArgumentException unmatched) || failed.getParent() != null
                || failed.getSubcommands().isEmpty() || unmatched.getUnmatched().isEmpty()) {
            return null;
        }
        String first = unmatched.getUnmatched().get(0);
        return first.startsWith("-") ? null : first;
    }

    public static CommandLine create(Object command, PrintStream out, PrintStream err) {
        CommandLine line = new CommandLine(command);
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        line.setCaseInsensitiveEnumValuesAllowed(true);
        // Wide enough that file names, URLs and options in the help are not split across lines.
        line.setUsageHelpWidth(110);
        giveVersionToSubcommands(line);
        line.setParameterExceptionHandler((ex, args) -> {
            CommandLine failed = ex.getCommandLine();
            PrintWriter writer = failed.getErr();
            String unknownVerb = unknownVerb(ex);
            String message = ex.getMessage();
            String commands = String.join(", ", failed.getSubcommands().keySet());
            if (unknownVerb != null) {
                writer.println("Error: unknown command '" + unknownVerb + "'. The commands are: " + commands + ".");
            } else if (message.startsWith("Missing required subcommand") && !commands.isEmpty()) {
                writer.println("Error: no command given. The commands are: " + commands + ".");
            } else {
                writer.println(message.startsWith("Error") ? message : "Error: " + message);
            }
            writer.print(failed.getHelp().fullSynopsis());
            writer.println("Run '" + failed.getCommandSpec().qualifiedName() + " --help' for the options.");
            return ExitCodes.USAGE;
        });
        line.setExecutionExceptionHandler((ex, failed, parseResult) -> {
            PrintWriter writer = failed.getErr();
            boolean debug = parseResult.hasMatchedOption("--debug")
                    || parseResult.subcommands().stream().anyMatch(p -> p.hasMatchedOption("--debug"));
            if (ex instanceof AgentException || ex instanceof StateModelException) {
                writer.println("Error: " + ex.getMessage());
            } else {
                writer.println("Error: unexpected " + ex + ". Run again with --debug and report the stack trace.");
            }
            if (debug) {
                ex.printStackTrace(writer);
            }
            return ExitCodes.ERROR;
        });
        line.setExitCodeExceptionMapper(ex -> ExitCodes.ERROR);
        return line;
    }
}
