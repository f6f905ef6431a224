package io.nixunits.agent.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs GitSource against real repositories: a bare one on disk, and one served by git daemon on loopback. */
class GitSourceTest {
    @TempDir
    Path dir;

    private GitFixture repo;
    private Path cache;

    @BeforeEach
    void setUp() throws Exception {
        repo = new GitFixture(dir);
        cache = dir.resolve("cache");
        repo.copy(GitFixture.examples(), "hosts/h1").write("README.md", "declarations\n");
    }

    @Test
    void firstUseClonesRepository() throws Exception {
        String commit = repo.commitAndPush("first");

        Checkout checkout = new GitSource(repo.bare.toString(), "main", cache).checkout("hosts/h1");

        assertEquals(commit, checkout.commit());
        assertEquals("main", checkout.ref());
        assertTrue(Files.exists(checkout.declarations().resolve("web2/properties.json")));
        assertTrue(checkout.declarations().startsWith(cache));
    }

    @Test
    void laterUseFetchesNewCommit() throws Exception {
        repo.commitAndPush("first");
        GitSource source = new GitSource(repo.bare.toString(), "main", cache);
        source.checkout("hosts/h1");

        repo.delete("hosts/h1/router1");
        String second = repo.commitAndPush("remove router1");
        Checkout checkout = source.checkout("hosts/h1");

        assertEquals(second, checkout.commit());
        assertFalse(Files.exists(checkout.declarations().resolve("router1")));
    }

    @Test
    void tagAndCommitRefsResolve() throws Exception {
        String first = repo.commitAndPush("first");
        repo.git(repo.work, "tag", "v1");
        repo.git(repo.work, "push", "--quiet", "origin", "v1");
        repo.write("hosts/h1/web2/properties.json", "{\"id\": \"web2\"}\n");
        String second = repo.commitAndPush("second");

        assertEquals(first, new GitSource(repo.bare.toString(), "v1", cache).checkout("hosts/h1").commit());
        assertEquals(first, new GitSource(repo.bare.toString(), first, cache).checkout("hosts/h1").commit());
        assertEquals(second, new GitSource(repo.bare.toString(), "main", cache).checkout("hosts/h1").commit());
    }

    @Test
    void missingRefIsAnError() throws Exception {
        repo.commitAndPush("first");

        SourceException e = assertThrows(SourceException.class,
                () -> new GitSource(repo.bare.toString(), "no-such-branch", cache).checkout("."));

        assertTrue(e.getMessage().contains("ref no-such-branch not found in " + repo.bare), e.getMessage());
    }

    @Test
    void unreachableUrlHidesCredentials() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "http://deploy:s3cr3t-token@127.0.0.1:" + closedPort + "/declarations.git";

        SourceException e = assertThrows(SourceException.class, () -> new GitSource(url, "main", cache).checkout("."));

        assertFalse(e.getMessage().contains("s3cr3t-token"), e.getMessage());
        assertFalse(e.location().contains("s3cr3t-token"), e.location());
        assertTrue(e.getMessage().contains("http://***@127.0.0.1:" + closedPort + "/declarations.git"), e.getMessage());
        assertTrue(e.getMessage().contains("Check the URL"), e.getMessage());
    }

    @Test
    void fetchFailureKeepsPreviousCheckout() throws Exception {
        String commit = repo.commitAndPush("first");
        GitSource source = new GitSource(repo.bare.toString(), "main", cache);
        Checkout first = source.checkout("hosts/h1");
        Path moved = dir.resolve("moved.git");
        Files.move(repo.bare, moved);

        assertThrows(SourceException.class, () -> source.checkout("hosts/h1"));

        assertTrue(Files.exists(first.declarations().resolve("web2/config.nix")));
        Files.move(moved, repo.bare);
        assertEquals(commit, source.checkout("hosts/h1").commit());
    }

    @Test
    void pathLeavingRepositoryIsRejected() throws Exception {
        repo.commitAndPush("first");

        SourceException e = assertThrows(SourceException.class,
                () -> new GitSource(repo.bare.toString(), "main", cache).checkout("../../etc"));

        assertTrue(e.getMessage().contains("path ../../etc leaves the repository"), e.getMessage());
    }

    @Test
    void missingPathIsRejected() throws Exception {
        repo.commitAndPush("first");

        SourceException e = assertThrows(SourceException.class,
                () -> new GitSource(repo.bare.toString(), "main", cache).checkout("hosts/h2"));

        assertTrue(e.getMessage().contains("path hosts/h2 is not a directory"), e.getMessage());
    }

    @Test
    void clonesOverGitProtocolOnLoopback() throws Exception {
        String commit = repo.commitAndPush("first");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Process daemon = new ProcessBuilder("git", "daemon", "--reuseaddr", "--export-all", "--listen=127.0.0.1",
                "--port=" + port, "--base-path=" + dir, dir.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("daemon.log").toFile()).start();
        try {
            waitForPort(port);
            String url = "git://127.0.0.1:" + port + "/declarations.git";

            Checkout checkout = new GitSource(url, "main", cache).checkout("hosts/h1");

            assertEquals(commit, checkout.commit());
            assertEquals(url, checkout.location());
        } finally {
            daemon.destroy();
            daemon.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void cloneDirectoryIgnoresCredentials() {
        GitSource plain = new GitSource("https://git.example.org/a.git", "main", cache);
        GitSource withToken = new GitSource("https://u:t@git.example.org/a.git", "main", cache);
        GitSource other = new GitSource("https://git.example.org/b.git", "main", cache);

        assertEquals(plain.cloneDir(), withToken.cloneDir());
        assertNotEquals(plain.cloneDir(), other.cloneDir());
    }

    private static void waitForPort(int port) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        throw new AssertionError("git daemon did not listen on 127.0.0.1:" + port);
    }

    @Test
    void missingLocalRepositoryIsNamed() {
        Path nowhere = dir.resolve("no-such-repo");

        SourceException e = assertThrows(SourceException.class,
                () -> new GitSource(nowhere.toString(), "main", cache).checkout("."));

        assertTrue(e.getMessage().contains("repository " + nowhere + " not found"), e.getMessage());
        assertFalse(Files.exists(cache), "nothing is written for a repository that does not exist");
    }
}
