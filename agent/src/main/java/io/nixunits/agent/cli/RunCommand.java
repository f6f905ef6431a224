package io.nixunits.agent.cli;

import io.nixunits.agent.daemon.AgentConfig;
import io.nixunits.agent.daemon.AgentConfigLoader;
import io.nixunits.agent.daemon.AgentDaemon;
import io.nixunits.agent.daemon.Setting;
import io.nixunits.agent.daemon.SyncSetup;
import io.nixunits.agent.daemon.SystemdNotifier;
import io.nixunits.agent.planning.PlanSettings;
import io.nixunits.agent.process.ProcessRunner;
import io.nixunits.agent.source.GitSource;
import io.nixunits.model.plan.PlanOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code nixunits-agent run}: the daemon that keeps the host in line with the repository. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run as a daemon: fetch the repository on a schedule, plan, and apply each new commit."
                + " Without a new commit a full plan still runs every drift interval, and drift is corrected"
                + " (--self-heal) or only reported. A fetch error changes nothing on the host.",
            "Settings come from the configuration file, then NIXUNITS_* environment variables, then these"
                    + " options; a later one wins. Status: STATE_DIR/agent/status.json ('nixunits-agent status')."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:stopped by SIGTERM or SIGINT",
            "1:could not start (bad configuration, listener address in use, unreadable secret)",
            "2:usage error"})
final class RunCommand implements Callable<Integer> {
    @ParentCommand
    AgentMain parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Configuration file (default: $NIXUNITS_CONFIG, else /etc/nixunits/agent.json when it"
                    + " exists).")
    Path configFile;

    @Option(names = "--repo", paramLabel = "URL|PATH",
            description = "Git repository of declarations: a path, or a file://, git://, http(s):// or ssh:// URL.")
    String repository;

    @Option(names = "--ref", paramLabel = "REF", description = "Branch, tag or commit to follow (default: main).")
    String ref;

    @Option(names = "--path", paramLabel = "PATH",
            description = "Directory inside the repository that contains this host's declarations (default: the"
                    + " root).")
    String path;

    @Option(names = "--modules", paramLabel = "PATH",
            description = "Shared modules directory, relative to --path (default: modules).")
    String modulesPath;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "State root of the host (env NIXUNITS_STATE_DIR, or stateDir in the configuration file;"
                    + " default: /var/lib/nixunits).")
    String stateDir;

    @Option(names = "--interval", paramLabel = "DURATION",
            description = "Time between two syncs, such as 60s or 5m (default: 60s).")
    String interval;

    @Option(names = "--cron", paramLabel = "EXPR",
            description = "Quartz cron expression instead of --interval, seconds first, such as '0 0/5 * * * ?'.")
    String cron;

    @Option(names = "--jitter", paramLabel = "DURATION|PERCENT",
            description = "Maximum random delay added to each scheduled sync (default: 10%% of the interval).")
    String jitter;

    @Option(names = "--drift-interval", paramLabel = "DURATION",
            description = "How often a full plan runs without a new commit, to find drift (default: 10m).")
    String driftInterval;

    @Option(names = "--backoff-initial", paramLabel = "DURATION",
            description = "Wait after a failed sync, doubled after each further failure (default: 30s).")
    String backoffInitial;

    @Option(names = "--backoff-max", paramLabel = "DURATION",
            description = "Maximum wait after failed syncs (default: 15m).")
    String backoffMax;

    @Option(names = "--sync-timeout", paramLabel = "DURATION",
            description = "Time after which a running sync counts as hung and watchdog messages stop (default: 3h).")
    String syncTimeout;

    @Option(names = "--self-heal", negatable = true, paramLabel = "",
            description = "Correct drift found without a new commit; --no-self-heal only reports it (default: on).")
    Boolean selfHeal;

    @Option(names = "--git-username", paramLabel = "NAME",
            description = "User name sent with the token over HTTPS (default: git).")
    String gitUsername;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "File whose first line is the HTTPS access token of the repository.")
    String tokenFile;

    @Option(names = "--ssh-key-file", paramLabel = "FILE",
            description = "SSH private key for an ssh:// repository (OpenSSH format, no passphrase).")
    String sshKeyFile;

    @Option(names = "--known-hosts-file", paramLabel = "FILE",
            description = "known_hosts file that lists the SSH server's key (default: ~/.ssh/known_hosts).")
    String knownHostsFile;

    @Option(names = "--listen", paramLabel = "[HOST:]PORT",
            description = "Address of the HTTP listener for webhooks, /metrics and /healthz; a port alone binds"
                    + " 127.0.0.1 (default: off).")
    String listen;

    @Option(names = "--gitea-secret-file", paramLabel = "FILE",
            description = "Secret of POST /hooks/gitea (Gitea and Forgejo).")
    String giteaSecretFile;

    @Option(names = "--github-secret-file", paramLabel = "FILE", description = "Secret of POST /hooks/github.")
    String githubSecretFile;

    @Option(names = "--gitlab-secret-file", paramLabel = "FILE", description = "Token of POST /hooks/gitlab.")
    String gitlabSecretFile;

    @Option(names = "--cache-dir", paramLabel = "DIR",
            description = "Where the repository clone is kept (default: STATE_DIR/agent/repositories).")
    Path cacheDir;

    @Mixin
    UnitHashOptions unitHash;

    @Option(names = "--allow-delete-all",
            description = "Allow an empty declaration set to delete every container the agent owns.")
    boolean allowDeleteAll;

    @Mixin
    HostOptions host;

    @Override
    public Integer call() throws Exception {
        host.check(spec.commandLine());

        // configuration
        AgentConfigLoader.Values values = new AgentConfigLoader(System.getenv()).load(configFile, options());
        AgentConfig config = values.toConfig(Clock.systemUTC().instant());

        // what each sync works with
        PlanOptions planOptions = new PlanOptions(unitHash.system(), unitHash.nixpkgsRevision(), allowDeleteAll);
        Path cache = cacheDir != null ? cacheDir : config.stateDir().resolve("agent/repositories");
        PlanSettings settings = new PlanSettings(config.repository(), config.ref(), config.path(), null,
                config.modulesPath(), config.stateDir(), cache, planOptions);
        GitSource source = new GitSource(config.repository(), config.ref(), cache, config.credentials());
        SyncSetup setup = new SyncSetup(settings, source, parent.pipeline(), host.hostContext(settings, new ProcessRunner()), host.jobs,
                config.selfHeal(), config.schedule());

        // Run until SIGTERM or SIGINT. The signals are handled before the daemon starts, because
        // it reports ready to systemd while starting and a stop may follow at once.
        StopRequest stop = new StopRequest();
        StopSignals.onStop(stop::request);
        // any other end of the JVM (SIGHUP, System.exit) still lets the current container step finish
        Runtime.getRuntime().addShutdownHook(new Thread(stop::request, "agent-stop"));
        SystemdNotifier notifier = new SystemdNotifier(new ProcessRunner(), System.getenv());
        AgentDaemon daemon = AgentDaemon.start(config, setup, notifier, List.of(), Clock.systemUTC());
        stop.attach(daemon::stop);
        daemon.awaitStop();
        return ExitCodes.OK;
    }

    private Map<Setting, String> options() {
        Map<Setting, String> options = new EnumMap<>(Setting.class);
        options.put(Setting.REPOSITORY, repository);
        options.put(Setting.REF, ref);
        options.put(Setting.PATH, path);
        options.put(Setting.MODULES, modulesPath);
        options.put(Setting.STATE_DIR, stateDir);
        options.put(Setting.INTERVAL, interval);
        options.put(Setting.CRON, cron);
        options.put(Setting.JITTER, jitter);
        options.put(Setting.DRIFT_INTERVAL, driftInterval);
        options.put(Setting.BACKOFF_INITIAL, backoffInitial);
        options.put(Setting.BACKOFF_MAX, backoffMax);
        options.put(Setting.SYNC_TIMEOUT, syncTimeout);
        options.put(Setting.SELF_HEAL, selfHeal == null ? null : selfHeal.toString());
        options.put(Setting.GIT_USERNAME, gitUsername);
        options.put(Setting.TOKEN_FILE, tokenFile);
        options.put(Setting.SSH_KEY_FILE, sshKeyFile);
        options.put(Setting.KNOWN_HOSTS_FILE, knownHostsFile);
        options.put(Setting.LISTEN, listen);
        options.put(Setting.GITEA_SECRET_FILE, giteaSecretFile);
        options.put(Setting.GITHUB_SECRET_FILE, githubSecretFile);
        options.put(Setting.GITLAB_SECRET_FILE, gitlabSecretFile);
        return options;
    }
}
