package io.nixunits.agent.daemon;

import java.util.Arrays;
import java.util.Optional;

/**
 * One setting of the daemon: its key in {@code agent.json} (nested objects joined with a dot),
 * its environment variable and its command-line option.
 */
public enum Setting {
    REPOSITORY("repository", "NIXUNITS_REPOSITORY", "--repo"),
    REF("ref", "NIXUNITS_REF", "--ref"),
    PATH("path", "NIXUNITS_PATH", "--path"),
    MODULES("modules", "NIXUNITS_MODULES", "--modules"),
    STATE_DIR("stateDir", "NIXUNITS_STATE_DIR", "--state-dir"),
    INTERVAL("schedule.interval", "NIXUNITS_SYNC_INTERVAL", "--interval"),
    CRON("schedule.cron", "NIXUNITS_SYNC_CRON", "--cron"),
    JITTER("schedule.jitter", "NIXUNITS_SYNC_JITTER", "--jitter"),
    DRIFT_INTERVAL("schedule.driftInterval", "NIXUNITS_DRIFT_INTERVAL", "--drift-interval"),
    BACKOFF_INITIAL("schedule.backoffInitial", "NIXUNITS_BACKOFF_INITIAL", "--backoff-initial"),
    BACKOFF_MAX("schedule.backoffMax", "NIXUNITS_BACKOFF_MAX", "--backoff-max"),
    SYNC_TIMEOUT("schedule.syncTimeout", "NIXUNITS_SYNC_TIMEOUT", "--sync-timeout"),
    SELF_HEAL("selfHeal", "NIXUNITS_SELF_HEAL", "--[no-]self-heal"),
    GIT_USERNAME("credentials.username", "NIXUNITS_GIT_USERNAME", "--git-username"),
    TOKEN_FILE("credentials.tokenFile", "NIXUNITS_TOKEN_FILE", "--token-file"),
    SSH_KEY_FILE("credentials.sshKeyFile", "NIXUNITS_SSH_KEY_FILE", "--ssh-key-file"),
    KNOWN_HOSTS_FILE("credentials.knownHostsFile", "NIXUNITS_KNOWN_HOSTS_FILE", "--known-hosts-file"),
    LISTEN("listen", "NIXUNITS_LISTEN", "--listen"),
    GITEA_SECRET_FILE("webhooks.giteaSecretFile", "NIXUNITS_GITEA_SECRET_FILE", "--gitea-secret-file"),
    GITHUB_SECRET_FILE("webhooks.githubSecretFile", "NIXUNITS_GITHUB_SECRET_FILE", "--github-secret-file"),
    GITLAB_SECRET_FILE("webhooks.gitlabSecretFile", "NIXUNITS_GITLAB_SECRET_FILE", "--gitlab-secret-file");

    private final String key;
    private final String environmentVariable;
    private final String option;

    Setting(String key, String environmentVariable, String option) {
        this.key = key;
        this.environmentVariable = environmentVariable;
        this.option = option;
    }

    public String key() {
        return key;
    }

    public String environmentVariable() {
        return environmentVariable;
    }

    public String option() {
        return option;
    }

    /** Returns the setting whose file key is {@code key}. */
    static Optional<Setting> byKey(String key) {
        return Arrays.stream(values()).filter(setting -> setting.key.equals(key)).findFirst();
    }
}
