package io.nixunits.agent.cli;

import io.nixunits.agent.AgentException;
import io.nixunits.agent.output.PlanDocument;
import io.nixunits.agent.output.PlanPrinter;
import io.nixunits.agent.planning.PlanReport;
import io.nixunits.model.plan.Action;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code nixunits-agent plan}: shows what convergence would do, without changing the host. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Show what convergence would do to this host, without changing anything.",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:success; with --detailed-exitcode, no changes",
            "1:error; with --detailed-exitcode, also when a declaration is invalid",
            "2:usage error; with --detailed-exitcode, changes planned"})
final class PlanCommand implements Callable<Integer> {
    @ParentCommand
    AgentMain parent;

    @Mixin
    SourceOptions source;

    @Option(names = "--json", description = "Print the plan as JSON (schema in docs/plan-schema.md).")
    boolean json;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE",
            description = "Also write the plan as JSON to FILE, for a later apply that rejects it when stale.")
    Path outFile;

    @Option(names = "--detailed-exitcode",
            description = "Exit 0 when there is nothing to do, 2 when changes are planned, 1 on error or invalid"
                    + " declarations.")
    boolean detailedExitCode;

    @Override
    public Integer call() throws Exception {
        PlanReport report = parent.pipeline().plan(source.toSettings());
        PrintStream out = parent.out();

        if (json) {
            out.println(JsonOutput.mapper().writeValueAsString(PlanDocument.from(report)));
        } else {
            new PlanPrinter(out, parent.colour()).print(report);
        }
        if (outFile != null) {
            writePlan(outFile, PlanDocument.from(report));
        }

        if (!detailedExitCode) {
            return ExitCodes.OK;
        }
        if (report.plan().countByAction().getOrDefault(Action.INVALID, 0) > 0) {
            return ExitCodes.ERROR;
        }
        return report.plan().hasChanges() ? ExitCodes.CHANGES : ExitCodes.OK;
    }

    static void writePlan(Path file, PlanDocument document) throws AgentException {
        try {
            Path parentDir = file.toAbsolutePath().getParent();
            if (parentDir != null) {
                Files.createDirectories(parentDir);
            }
            Files.write(file, JsonOutput.mapper().writeValueAsBytes(document));
        } catch (IOException e) {
            throw new AgentException("cannot write the plan to " + file + " (given with -o): " + reason(e)
                    + ". Give the path of a file in a writable directory.", e);
        }
    }

    /** Returns why a file could not be written, without the path that the message already names. */
    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileAlreadyExistsException existing) {
            // thrown while creating the parent directories
            return existing.getFile() + " is not a directory";
        }
        if (e instanceof FileSystemException failure && failure.getReason() != null) {
            return failure.getReason();
        }
        return e.toString();
    }
}
