package io.nixunits.agent.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Takes real symlink-to-PID locks in a temporary directory. The holder processes are this JVM
 * (alive) and a finished {@code true} process (dead). Not covered: two separate processes
 * racing for the same stale lock.
 */
class PidLockTest {
    @TempDir
    Path dir;

    @Test
    void heldLockFailsWithHolderAndPath() throws Exception {
        Path lock = dir.resolve(".lock");
        long ownPid = ProcessHandle.current().pid();
        Files.createSymbolicLink(lock, Path.of(Long.toString(ownPid)));

        long start = System.nanoTime();
        LockException e = assertThrows(LockException.class,
                () -> PidLock.acquire(lock, "host lock", Duration.ofMillis(300)));

        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() >= 300, "it waited before failing");
        assertEquals(ownPid, e.holderPid());
        assertEquals(lock, e.path());
        assertEquals("the host lock " + lock + " is held by process " + ownPid + "; waited 0 s. Retry when that"
                + " process has finished, or check it with 'ps -p " + ownPid + "'.", e.getMessage());
        assertEquals(Long.toString(ownPid), Files.readSymbolicLink(lock).toString(), "the holder's lock is kept");
    }

    @Test
    void staleLockIsTakenOver() throws Exception {
        Process finished = new ProcessBuilder("true").start();
        finished.waitFor();
        Path lock = dir.resolve(".lock");
        Files.createSymbolicLink(lock, Path.of(Long.toString(finished.pid())));

        try (PidLock taken = PidLock.acquire(lock, "host lock", Duration.ofMillis(300))) {
            assertEquals(Long.toString(ProcessHandle.current().pid()), Files.readSymbolicLink(lock).toString());
        }

        assertFalse(Files.exists(lock, LinkOption.NOFOLLOW_LINKS), "closing releases the lock");
    }

    @Test
    void lockDirectoryOfOlderToolIsHeld() throws Exception {
        Path lock = Files.createDirectory(dir.resolve(".lock"));

        LockException e = assertThrows(LockException.class,
                () -> PidLock.acquire(lock, "host lock", Duration.ofMillis(100)));

        assertEquals(-1, e.holderPid());
        assertTrue(e.getMessage().contains("is not a link to a PID (a directory)"), e.getMessage());
        assertTrue(Files.isDirectory(lock), "the directory is left alone");
    }

    @Test
    void heldContainerLockStopsTheBuild() throws Exception {
        FakeHost host = new FakeHost(dir);
        BuildInput input = FakeHost.declare(dir.resolve("decl"), "web2", "{ ... }: { }\n", "{\"id\": \"web2\"}\n");
        Path containerLock = Files.createDirectories(host.layout().container(input.id())).resolve(".lock");
        String ownPid = Long.toString(ProcessHandle.current().pid());
        Files.createSymbolicLink(containerLock, Path.of(ownPid));
        host.clearCommands();

        LockException e = assertThrows(LockException.class,
                () -> new BuildContainerStep(host.context()).run(input, new BaseBuild("k", dir, false)));

        assertTrue(e.getMessage().startsWith("the lock of container web2 " + containerLock + " is held by process "
                + ownPid), e.getMessage());
        assertEquals(List.of(), host.commands(), "nothing ran without the lock");
    }
}
