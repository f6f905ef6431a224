package io.nixunits.agent.host;

import java.nio.file.Path;

/**
 * A lock could not be taken. {@link #holderPid()} is the process that holds it, or -1 when the
 * lock names no process (a lock directory of an older nixunits version).
 */
public final class LockException extends HostOperationException {
    private static final long serialVersionUID = 1L;

    private final long holderPid;

    public LockException(Path lock, long holderPid, String message) {
        this(lock, holderPid, message, null);
    }

    public LockException(Path lock, long holderPid, String message, Throwable cause) {
        super(null, lock, message, cause);
        this.holderPid = holderPid;
    }

    public long holderPid() {
        return holderPid;
    }
}
