package io.nixunits.agent.command;

import io.nixunits.agent.cli.CommandEnvironment;
import io.nixunits.agent.cli.CommandLines;
import io.nixunits.agent.cli.Logging;
import io.nixunits.agent.cli.Versions;
import io.nixunits.model.host.StateLayout;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code nixunits}: manages this host's containers by hand, one verb per operation, with the
 * verbs of the shell version of NixUnits. A first word that is no verb of this command is
 * passed to {@code machinectl} with the arguments after it.
 */
@Command(name = "nixunits", mixinStandardHelpOptions = true, versionProvider = Versions.class,
        description = {"Build, start, inspect and delete NixUnits containers on this host.",
            "Any other first word is passed to machinectl with the arguments after it, and its exit status"
                    + " is returned; without arguments, machinectl lists the running machines."},
        subcommands = {
            // The one list of verbs: a new verb is added here, and appears in the help, the
            // completion script and the man pages.
            BuildCommand.class,
            StartCommand.class,
            StopCommand.class,
            RestartCommand.class,
            StatusCommand.class,
            ListCommand.class,
            DeleteCommand.class,
            EnableCommand.class,
            DisableCommand.class,
            ShellCommand.class,
            Ip6GetCommand.class,
            io.nixunits.agent.hooks.HookCommand.class,
            CommandLine.HelpCommand.class,
            AutoComplete.GenerateCompletion.class},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:success",
            "1:the operation failed or was refused; the message says on which container and what to do",
            "2:usage error",
            "*:with a machinectl verb, machinectl's exit status"})
public final class NixUnitsMain implements Callable<Integer> {
    @Option(names = {"-d", "--debug"}, scope = CommandLine.ScopeType.INHERIT,
            description = "Log debug messages and print stack traces of errors; 'build' also passes --show-trace"
                    + " to Nix.")
    boolean debug;

    @Option(names = "--state-dir", paramLabel = "DIR", scope = CommandLine.ScopeType.INHERIT,
            defaultValue = "${env:NIXUNITS_STATE_DIR:-" + StateLayout.DEFAULT_ROOT + "}",
            description = "State root of the host (default: ${DEFAULT-VALUE}; env NIXUNITS_STATE_DIR).")
    Path stateDir;

    @Option(names = "--unit-dir", paramLabel = "DIR", scope = CommandLine.ScopeType.INHERIT,
            defaultValue = "${env:NIXUNITS_UNIT_DIR}",
            description = "Where units are enabled (default: /run/systemd/system on NixOS, /etc/systemd/system"
                    + " elsewhere; env NIXUNITS_UNIT_DIR).")
    Path unitDir;

    @Parameters(arity = "0..*", paramLabel = "MACHINECTL-ARGS", hidden = true,
            description = "A machinectl verb and its arguments.")
    List<String> machinectlArguments = new ArrayList<>();

    private CommandEnvironment environment;

    public static void main(String[] args) {
        Logging.configure(Arrays.asList(args).contains("--debug") || Arrays.asList(args).contains("-d"), false);
        PrintStream out = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16),
                false, StandardCharsets.UTF_8);
        int status = run(args, CommandEnvironment.system(out));
        out.flush();
        System.exit(status);
    }

    /** Runs the command in {@code environment} and returns its exit status; tests call this. */
    public static int run(String[] args, CommandEnvironment environment) {
        return commandLine(environment).execute(args);
    }

    /** Returns the command line with every verb, for running and for generating completion and man pages. */
    public static CommandLine commandLine(CommandEnvironment environment) {
        NixUnitsMain main = new NixUnitsMain();
        main.environment = environment;
        CommandLine line = CommandLines.create(main, environment.out(), environment.err());
        // Everything after the first word that is no verb belongs to machinectl, options included,
        // and a command run in a container may have options of its own. Set on the two parser
        // specs only: CommandLine.setStopAtPositional would change every verb.
        line.getCommandSpec().parser().stopAtPositional(true);
        line.getSubcommands().get("shell").getCommandSpec().parser().stopAtPositional(true);
        return line;
    }

    /** Returns a command line for picocli-codegen, which generates the man pages from the definitions. */
    public static CommandLine forDocumentation() {
        return commandLine(new CommandEnvironment(null, InputStream.nullInputStream(), System.out, System.err, false));
    }

    /** Passes a first word that is no verb, and what follows it, to machinectl. */
    @Override
    public Integer call() throws Exception {
        return new MachinectlPassthrough(host()).run(machinectlArguments);
    }

    CommandEnvironment environment() {
        return environment;
    }

    /** Returns this host, as the global options describe it. */
    LocalHost host() {
        return new LocalHost(environment.runner(), stateDir, unitDir);
    }
}
