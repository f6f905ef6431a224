package io.nixunits.agent.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.api.TransportConfigCallback;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;
import org.eclipse.jgit.util.FS;

/**
 * Credentials for a Git remote, each read from a file when it is used, so that a rotated token
 * or key is picked up without a restart. The contents are never logged or put in a message.
 *
 * @param username the user name sent with the token over HTTPS; null means {@code git}, which
 *     Gitea, Forgejo, GitHub and GitLab accept with a token
 * @param tokenFile a file whose first line is an HTTPS access token, or null
 * @param sshKeyFile an SSH private key (OpenSSH format, without a passphrase), or null
 * @param knownHostsFile the known_hosts file that must list the SSH server's key; null means
 *     {@code ~/.ssh/known_hosts}. An unknown host key is rejected.
 */
public record GitCredentials(String username, Path tokenFile, Path sshKeyFile, Path knownHostsFile) {
    public static final GitCredentials NONE = new GitCredentials(null, null, null, null);

    public boolean isEmpty() {
        return tokenFile == null && sshKeyFile == null;
    }

    /** Returns a provider with the token of {@link #tokenFile}, or null when there is none. */
    CredentialsProvider tokenProvider(String location) throws SourceException {
        if (tokenFile == null) {
            return null;
        }
        String token;
        try {
            List<String> lines = Files.readAllLines(tokenFile, StandardCharsets.UTF_8);
            token = lines.isEmpty() ? "" : lines.get(0).strip();
        } catch (IOException e) {
            throw new SourceException(location, "cannot read the token file " + tokenFile + ": " + e.getClass()
                    .getSimpleName() + ". Check credentials.tokenFile (--token-file) and its permissions.", null);
        }
        if (token.isEmpty()) {
            throw new SourceException(location, "the token file " + tokenFile + " is empty. Write the access token"
                    + " on its first line.", null);
        }
        return new UsernamePasswordCredentialsProvider(username == null ? "git" : username, token);
    }

    /**
     * Returns a callback that makes SSH transports use {@link #sshKeyFile} and
     * {@link #knownHostsFile}, or null when there is no key file. Close the returned factory's
     * owner, {@link GitSource}, to release the SSH client.
     */
    SshdSessionFactory sshSessionFactory(String location) throws SourceException {
        if (sshKeyFile == null) {
            return null;
        }
        if (!Files.isReadable(sshKeyFile)) {
            throw new SourceException(location, "the SSH key file " + sshKeyFile + " is missing or not readable."
                    + " Check credentials.sshKeyFile (--ssh-key-file) and its permissions.", null);
        }
        Path home = FS.DETECTED.userHome().toPath();
        Path knownHosts = knownHostsFile != null ? knownHostsFile : home.resolve(".ssh/known_hosts");
        return new SshdSessionFactoryBuilder()
                .setHomeDirectory(home.toFile())
                .setSshDirectory(home.resolve(".ssh").toFile())
                .setDefaultIdentities(sshDir -> List.of(sshKeyFile))
                .setDefaultKnownHostsFiles(sshDir -> List.of(knownHosts))
                .build(null);
    }

    static TransportConfigCallback transportCallback(SshdSessionFactory factory) {
        return transport -> {
            if (factory != null && transport instanceof SshTransport ssh) {
                ssh.setSshSessionFactory(factory);
            }
        };
    }
}
