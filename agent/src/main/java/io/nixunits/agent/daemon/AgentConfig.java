package io.nixunits.agent.daemon;

import io.nixunits.agent.source.GitCredentials;
import java.net.InetSocketAddress;
import java.nio.file.Path;

/**
 * The daemon's settings, merged from the configuration file, the environment and the command
 * line (in rising order of precedence) by {@link AgentConfigLoader}.
 *
 * @param repository the Git URL or path of the declarations (credentials in it are never shown)
 * @param ref the branch, tag or commit to follow
 * @param path this host's directory inside the repository
 * @param modulesPath the shared modules directory, relative to {@code path}
 * @param stateDir the host's state root
 * @param schedule when syncs run
 * @param selfHeal whether drift found without a new commit is corrected (true) or only reported
 * @param credentials the token or SSH key files for the remote
 * @param listen the address of the HTTP listener (webhooks, metrics, health), or null when off
 * @param webhooks the secret files of the webhook endpoints
 */
public record AgentConfig(
        String repository,
        String ref,
        String path,
        String modulesPath,
        Path stateDir,
        SyncSchedule schedule,
        boolean selfHeal,
        GitCredentials credentials,
        InetSocketAddress listen,
        WebhookSecrets webhooks) {

    /**
     * The files holding each webhook endpoint's secret; an endpoint without a file answers 404.
     *
     * @param gitea the secret of {@code /hooks/gitea} (Gitea and Forgejo)
     * @param github the secret of {@code /hooks/github}
     * @param gitlab the token of {@code /hooks/gitlab}
     */
    public record WebhookSecrets(Path gitea, Path github, Path gitlab) {
        public static final WebhookSecrets NONE = new WebhookSecrets(null, null, null);

        public boolean any() {
            return gitea != null || github != null || gitlab != null;
        }
    }
}
