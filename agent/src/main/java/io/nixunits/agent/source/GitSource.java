package io.nixunits.agent.source;

import io.nixunits.model.hash.UnitHashes;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.api.TransportConfigCallback;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a Git repository's declarations onto the host with JGit: a clone into a cache
 * directory on first use, a fetch afterwards, then a forced checkout of the requested ref
 * (branch, tag or commit) as a detached head. Local paths, {@code file://}, {@code git://},
 * {@code http(s)://} and {@code ssh://} URLs work; credentials come from the URL or from
 * {@link GitCredentials} files.
 */
public final class GitSource implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GitSource.class);

    private final String url;
    private final String ref;
    private final Path cacheRoot;
    private final CredentialsProvider credentials;
    private final GitCredentials fileCredentials;
    private SshdSessionFactory sshSessions;

    /**
     * @param url the repository URL or path; credentials in it are used but never shown
     * @param ref a branch, tag or commit id
     * @param cacheRoot the directory that contains one clone per repository URL
     */
    public GitSource(String url, String ref, Path cacheRoot) {
        this(url, ref, cacheRoot, GitCredentials.NONE);
    }

    /**
     * @param fileCredentials a token or SSH key read from files; a token there takes the place
     *     of credentials in the URL
     */
    public GitSource(String url, String ref, Path cacheRoot, GitCredentials fileCredentials) {
        this.url = url;
        this.ref = ref;
        this.cacheRoot = cacheRoot;
        this.credentials = credentialsFrom(url);
        this.fileCredentials = fileCredentials;
    }

    public String redactedUrl() {
        return UrlRedactor.redact(url);
    }

    /** Returns the clone's directory for this URL: one per URL, credentials left out of the key. */
    public Path cloneDir() {
        String key = UnitHashes.sha256Hex(stripCredentials(url).getBytes(StandardCharsets.UTF_8)).substring(0, 16);
        return cacheRoot.resolve(key);
    }

    /**
     * Clones or fetches, then checks out {@code ref}; returns the work tree and commit.
     *
     * @throws SourceException naming the URL (credentials removed) when the remote cannot be
     *     reached or the ref does not exist; the previous checkout is then left as it was
     */
    public Checkout checkout(String path) throws SourceException {
        return checkOut(fetchCommit(), path);
    }

    /**
     * Clones or fetches, and returns the commit that {@code ref} points to; the work tree is
     * left as it was.
     *
     * @throws SourceException naming the URL (credentials removed) when the remote cannot be
     *     reached or the ref does not exist
     */
    public String fetchCommit() throws SourceException {
        try (Git git = openOrClone(cloneDir())) {
            fetch(git);
            return resolve(git.getRepository()).name();
        } catch (IOException e) {
            throw new SourceException(redactedUrl(), "cannot resolve " + ref + " in " + redactedUrl() + ": "
                    + UrlRedactor.redact(e.getMessage()) + ".", null);
        }
    }

    /** Checks out {@code commit}, which a fetch brought in, as a detached head; nothing is fetched. */
    public Checkout checkOut(String commit, String path) throws SourceException {
        Path dir = cloneDir();
        try (Git git = openOrClone(dir)) {
            git.reset().setMode(ResetCommand.ResetType.HARD).setRef(commit).call();
            git.checkout().setName(commit).setForced(true).call();
            git.clean().setCleanDirectories(true).setForce(true).setIgnore(false).call();
            LOG.debug("checked out {} at {} in {}", ref, commit, dir);
            Path declarations = DirectorySource.resolveInside(dir, path, redactedUrl());
            return new Checkout(dir, declarations, redactedUrl(), ref, commit);
        } catch (GitAPIException e) {
            throw new SourceException(redactedUrl(), "cannot check out " + ref + " of " + redactedUrl() + ": "
                    + UrlRedactor.redact(e.getMessage()) + ".", null);
        }
    }

    /** Releases the SSH client, when an SSH key was used. */
    @Override
    public synchronized void close() {
        if (sshSessions != null) {
            sshSessions.close();
            sshSessions = null;
        }
    }

    private CredentialsProvider credentialsProvider() throws SourceException {
        CredentialsProvider fromFile = fileCredentials.tokenProvider(redactedUrl());
        return fromFile != null ? fromFile : credentials;
    }

    private synchronized TransportConfigCallback transportCallback() throws SourceException {
        if (sshSessions == null) {
            sshSessions = fileCredentials.sshSessionFactory(redactedUrl());
        }
        return GitCredentials.transportCallback(sshSessions);
    }

    private Git openOrClone(Path dir) throws SourceException {
        if (Files.isDirectory(dir.resolve(".git"))) {
            try {
                return Git.open(dir.toFile());
            } catch (IOException e) {
                throw new SourceException(redactedUrl(), "the cached clone " + dir + " of " + redactedUrl()
                        + " cannot be opened: " + e.getMessage() + ". Remove that directory; it is cloned again.", null);
            }
        }
        Path localRepository = localPath(url);
        if (localRepository != null && !Files.isDirectory(localRepository)) {
            throw new SourceException(redactedUrl(), "repository " + redactedUrl() + " not found: " + localRepository
                    + " is not a directory. Check --repo.", null);
        }
        try {
            Files.createDirectories(cacheRoot);
            LOG.info("cloning {} into {}", redactedUrl(), dir);
            return Git.cloneRepository()
                    .setURI(url)
                    .setDirectory(dir.toFile())
                    .setNoCheckout(true)
                    .setCloneAllBranches(true)
                    .setCredentialsProvider(credentialsProvider())
                    .setTransportConfigCallback(transportCallback())
                    .call();
        } catch (GitAPIException | IOException | RuntimeException e) {
            deleteQuietly(dir);
            throw new SourceException(redactedUrl(), "cannot clone " + redactedUrl() + ": "
                    + UrlRedactor.redact(String.valueOf(e.getMessage()))
                    + ". Check the URL, the network and the credentials.", null);
        }
    }

    private void fetch(Git git) throws SourceException {
        CredentialsProvider provider = credentialsProvider();
        TransportConfigCallback transport = transportCallback();
        try {
            git.fetch()
                    .setRemote("origin")
                    .setRemoveDeletedRefs(true)
                    .setTagOpt(org.eclipse.jgit.transport.TagOpt.FETCH_TAGS)
                    .setCredentialsProvider(provider)
                    .setTransportConfigCallback(transport)
                    .call();
        } catch (GitAPIException | RuntimeException e) {
            throw new SourceException(redactedUrl(), "cannot fetch " + redactedUrl() + ": "
                    + UrlRedactor.redact(String.valueOf(e.getMessage()))
                    + ". Check the URL, the network and the credentials.", null);
        }
    }

    private ObjectId resolve(Repository repository) throws IOException, SourceException {
        String branch = ref.startsWith("refs/heads/") ? ref.substring("refs/heads/".length()) : ref;
        String[] candidates = {"refs/remotes/origin/" + branch, "refs/tags/" + ref + "^{commit}", ref + "^{commit}"};
        for (String candidate : candidates) {
            ObjectId id = repository.resolve(candidate);
            if (id != null && repository.getObjectDatabase().has(id)) {
                return id;
            }
        }
        throw new SourceException(redactedUrl(), "ref " + ref + " not found in " + redactedUrl()
                + ". Give a branch, a tag or a commit id that exists there (--ref).", null);
    }

    private static CredentialsProvider credentialsFrom(String url) {
        try {
            URIish uri = new URIish(url);
            if (uri.getUser() != null && uri.getPass() != null) {
                return new UsernamePasswordCredentialsProvider(uri.getUser(), uri.getPass());
            }
        } catch (URISyntaxException e) {
            return null;
        }
        return null;
    }

    /** Returns the directory a path or {@code file://} URL names, or null for a remote URL. */
    private static Path localPath(String url) {
        if (url.startsWith("file://")) {
            return Path.of(url.substring("file://".length()));
        }
        if (url.startsWith("/") || url.startsWith("./") || url.startsWith("../")) {
            return Path.of(url);
        }
        return null;
    }

    private static String stripCredentials(String url) {
        try {
            URIish uri = new URIish(url);
            return uri.setUser(null).setPass(null).toString();
        } catch (URISyntaxException e) {
            return url;
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            if (Files.exists(dir)) {
                org.eclipse.jgit.util.FileUtils.delete(dir.toFile(),
                        org.eclipse.jgit.util.FileUtils.RECURSIVE | org.eclipse.jgit.util.FileUtils.SKIP_MISSING);
            }
        } catch (IOException e) {
            LOG.warn("cannot remove the partial clone {}: {}", dir, e.toString());
        }
    }
}
