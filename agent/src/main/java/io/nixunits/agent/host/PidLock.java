package io.nixunits.agent.host;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A lock file in the form every NixUnits tool uses: a symbolic link whose target is the PID of
 * the holder. Creating a symbolic link fails when the name exists, which makes taking the lock
 * atomic, so the shell tool, {@code nixunits} and the agent exclude each other.
 *
 * <p>A link whose process is dead is taken over. Threads of this process also exclude each
 * other, through an in-process lock per path, because they share one PID.
 */
public final class PidLock implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PidLock.class);
    private static final Map<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();
    private static final Duration POLL = Duration.ofMillis(100);

    private final Path path;
    private final ReentrantLock threadLock;
    private final String ownPid;

    private PidLock(Path path, ReentrantLock threadLock, String ownPid) {
        this.path = path;
        this.threadLock = threadLock;
        this.ownPid = ownPid;
    }

    /**
     * Takes the lock at {@code path}, waiting up to {@code wait} for another process to release
     * it. Another thread of this process is waited for without a limit, because each of its
     * steps has a timeout of its own.
     *
     * @param what what the lock protects, for messages ("host lock", "lock of container web2")
     * @throws LockException naming the holder's PID and the path when the wait runs out
     */
    public static PidLock acquire(Path path, String what, Duration wait) throws LockException {
        Path key = path.toAbsolutePath().normalize();
        ReentrantLock threadLock = IN_PROCESS.computeIfAbsent(key, k -> new ReentrantLock(true));
        try {
            threadLock.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LockException(path, -1, "interrupted while waiting for the " + what + " " + path, e);
        }
        String ownPid = Long.toString(ProcessHandle.current().pid());
        try {
            takeFileLock(path, what, wait, ownPid);
        } catch (LockException | RuntimeException e) {
            threadLock.unlock();
            throw e;
        }
        return new PidLock(path, threadLock, ownPid);
    }

    private static void takeFileLock(Path path, String what, Duration wait, String ownPid) throws LockException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            try {
                Files.createSymbolicLink(path, path.getFileSystem().getPath(ownPid));
                LOG.debug("took the {} {}", what, path);
                return;
            } catch (FileAlreadyExistsException e) {
                // held or stale: look at the holder below
            } catch (IOException e) {
                throw new LockException(path, -1, "cannot create the " + what + " " + path + ": " + e
                        + ". Check that the directory exists and is writable.", e);
            }

            Holder holder = Holder.read(path);
            if (holder.gone()) {
                continue;
            }
            if (holder.pid() > 0 && !ProcessHandle.of(holder.pid()).map(ProcessHandle::isAlive).orElse(false)) {
                takeOver(path, what, holder);
                continue;
            }
            if (System.nanoTime() >= deadline) {
                throw new LockException(path, holder.pid(), held(path, what, holder, wait));
            }
            sleep(path, what);
        }
    }

    private static String held(Path path, String what, Holder holder, Duration wait) {
        if (holder.pid() < 0) {
            return "the " + what + " " + path + " is not a link to a PID (" + holder.description() + "), so an older"
                    + " nixunits version may hold it. Waited " + wait.toSeconds() + " s. Remove it by hand when no"
                    + " nixunits command runs.";
        }
        return "the " + what + " " + path + " is held by process " + holder.pid() + "; waited " + wait.toSeconds()
                + " s. Retry when that process has finished, or check it with 'ps -p " + holder.pid() + "'.";
    }

    /**
     * Removes a lock whose holder is dead. The target is read again just before, so a lock that
     * another process took over in the meantime is left alone.
     */
    private static void takeOver(Path path, String what, Holder stale) throws LockException {
        // NOTE: the read and the delete are two system calls, so a process that takes over the
        // same stale lock between them can lose its fresh lock; an atomic compare-and-delete
        // would need a lock of its own around the lock.
        Holder again = Holder.read(path);
        if (again.pid() != stale.pid()) {
            return;
        }
        LOG.warn("taking over the {} {}: its holder, process {}, is no longer running", what, path, stale.pid());
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new LockException(path, stale.pid(), "cannot remove the stale " + what + " " + path + " of dead"
                    + " process " + stale.pid() + ": " + e + ". Remove it by hand.", e);
        }
    }

    private static void sleep(Path path, String what) throws LockException {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LockException(path, -1, "interrupted while waiting for the " + what + " " + path, e);
        }
    }

    /** Releases the lock, unless the link no longer names this process (then it is left alone). */
    @Override
    public void close() {
        try {
            Holder holder = Holder.read(path);
            if (Long.toString(holder.pid()).equals(ownPid)) {
                Files.deleteIfExists(path);
            } else {
                LOG.warn("lock {} no longer names this process ({}), so it is left in place", path,
                        holder.description());
            }
        } catch (IOException | LockException e) {
            LOG.warn("cannot release the lock {}: {}. Remove it by hand when no nixunits command runs.", path,
                    e.toString());
        } finally {
            threadLock.unlock();
        }
    }

    /** The content of a lock path: a PID, something else (pid -1), or nothing any more. */
    private record Holder(long pid, String description, boolean gone) {
        static Holder read(Path path) throws LockException {
            if (!Files.isSymbolicLink(path)) {
                if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                    return new Holder(-1, "gone", true);
                }
                return new Holder(-1, Files.isDirectory(path) ? "a directory" : "a regular file", false);
            }
            String target;
            try {
                target = Files.readSymbolicLink(path).toString();
            } catch (NoSuchFileException e) {
                return new Holder(-1, "gone", true);
            } catch (IOException e) {
                throw new LockException(path, -1, "cannot read the lock " + path + ": " + e, e);
            }
            try {
                return new Holder(Long.parseLong(target), "process " + target, false);
            } catch (NumberFormatException e) {
                return new Holder(-1, "a link to '" + target + "'", false);
            }
        }
    }
}
