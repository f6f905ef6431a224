package io.nixunits.agent.cli;

import io.nixunits.agent.planning.PlanPipeline;
import io.nixunits.agent.process.ProcessRunner;
import io.nixunits.agent.runtime.RuntimeProbe;
import java.io.PrintStream;
import java.time.Clock;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code nixunits-agent}: keeps this host's containers in line with a Git repository. */
@Command(name = "nixunits-agent", mixinStandardHelpOptions = true, versionProvider = Versions.class,
        description = "Keep this host's NixUnits containers in line with a repository of declarations.",
        subcommands = {PlanCommand.class, ApplyCommand.class, RunCommand.class, StatusCommand.class,
            SuspendCommand.class, ResumeCommand.class, CommandLine.HelpCommand.class})
public final class AgentMain {
    @Option(names = {"-d", "--debug"}, scope = CommandLine.ScopeType.INHERIT,
            description = "Log debug messages and print stack traces of errors.")
    boolean debug;

    @Option(names = "--no-color", scope = CommandLine.ScopeType.INHERIT,
            description = "Never colour the output (also: env NO_COLOR).")
    boolean noColour;

    private PrintStream out = System.out;
    private boolean terminal;
    private PlanPipeline pipeline;
    private ProcessRunner runner;

    public static void main(String[] args) {
        Logging.configure(args);
        // One buffered stream for standard output: a plan of a thousand containers is then one
        // write instead of a thousand.
        PrintStream out = new PrintStream(new java.io.BufferedOutputStream(
                new java.io.FileOutputStream(java.io.FileDescriptor.out), 1 << 16), false,
                java.nio.charset.StandardCharsets.UTF_8);
        AgentMain main = new AgentMain();
        main.out = out;
        main.terminal = System.console() != null;
        int status = CommandLines.create(main, out, System.err).execute(args);
        out.flush();
        System.exit(status);
    }

    /** Runs the command and returns its exit status; tests call this instead of {@link #main}. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, null);
    }

    /**
     * Runs the command in {@code environment}: its runner calls every external command, so a
     * runner on a PATH of fake commands makes {@code apply} testable.
     */
    public static int run(String[] args, CommandEnvironment environment) {
        AgentMain main = new AgentMain();
        main.out = environment.out();
        main.terminal = environment.terminal();
        main.runner = environment.runner();
        return CommandLines.create(main, environment.out(), environment.err()).execute(args);
    }

    /** Runs the command with {@code pipeline} in place of the default one, or the default when null. */
    static int run(String[] args, PrintStream out, PrintStream err, PlanPipeline pipeline) {
        AgentMain main = new AgentMain();
        main.out = out;
        main.pipeline = pipeline;
        return CommandLines.create(main, out, err).execute(args);
    }

    PrintStream out() {
        return out;
    }

    boolean colour() {
        return !noColour && System.getenv("NO_COLOR") == null && terminal;
    }

    PlanPipeline pipeline() {
        if (pipeline == null) {
            pipeline = new PlanPipeline(new RuntimeProbe(runner()), Clock.systemUTC());
        }
        return pipeline;
    }

    /** Returns the runner of every external command: the injected one, or one on this process's PATH. */
    ProcessRunner runner() {
        if (runner == null) {
            runner = new ProcessRunner();
        }
        return runner;
    }
}
