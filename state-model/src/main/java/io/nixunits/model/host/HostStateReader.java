package io.nixunits.model.host;

import io.nixunits.model.ContainerId;
import io.nixunits.model.io.SmallFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads the containers under a state root, including those built by the shell version of
 * NixUnits. It only reads: whether a machine runs is not on disk and is given to the planner
 * separately.
 */
public final class HostStateReader {
    private final StateLayout layout;

    public HostStateReader(StateLayout layout) {
        this.layout = layout;
    }

    /**
     * Reads the whole state root. A missing root or {@code containers/} directory is an empty
     * host; an entry that is not a valid container id becomes a {@link HostProblem}.
     */
    public HostState read() throws HostStateException {
        UidMap uidMap = readUidMap();
        Path containers = layout.containers();
        if (!Files.isDirectory(containers)) {
            return new HostState(new TreeMap<>(), List.of(), uidMap);
        }

        TreeMap<ContainerId, ContainerState> states = new TreeMap<>();
        List<HostProblem> problems = new ArrayList<>();
        List<ContainerId> ids = new ArrayList<>();
        for (Path entry : list(containers)) {
            String name = entry.getFileName().toString();
            if (!Files.isDirectory(entry, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                problems.add(new HostProblem(name, "not a directory, so not a container; left alone"));
            } else if (!ContainerId.isValid(name)) {
                problems.add(new HostProblem(name, "not a valid container id, so not a container this tool manages;"
                        + " left alone"));
            } else {
                ids.add(new ContainerId(name));
            }
        }

        // Containers are independent, so they are read in parallel.
        try {
            ids.parallelStream().map(this::readContainerUnchecked).toList()
                    .forEach(state -> states.put(state.id(), state));
        } catch (ReadFailure failure) {
            throw failure.cause;
        }
        return new HostState(states, problems, uidMap);
    }

    private ContainerState readContainerUnchecked(ContainerId id) {
        try {
            return readContainer(id);
        } catch (HostStateException e) {
            throw new ReadFailure(e);
        }
    }

    /** Carries a checked failure out of a parallel stream. */
    private static final class ReadFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final transient HostStateException cause;

        ReadFailure(HostStateException cause) {
            super(cause.getMessage(), null, false, false);
            this.cause = cause;
        }
    }

    /** Reads one container directory; it need not exist (then nothing is complete). */
    public ContainerState readContainer(ContainerId id) throws HostStateException {
        StateLayout.Container files = layout.files(id);
        byte[] completeConfig = readIfPresent(files.complete());
        String unitHash = readLineIfPresent(files.unitHash());
        byte[] parameters = readIfPresent(files.parameters());
        String unitConfTarget = readLinkIfPresent(files.unitConf());
        PendingBuild pending = readPending(files.pending());
        return new ContainerState(id, completeConfig != null, completeConfig, unitHash, parameters, unitConfTarget,
                pending, Files.isDirectory(files.root()), Files.isDirectory(files.rollback()));
    }

    private PendingBuild readPending(Path pending) throws HostStateException {
        if (!Files.isDirectory(pending)) {
            return null;
        }
        boolean complete = Files.exists(pending.resolve(".complete"));
        return new PendingBuild(complete, readLineIfPresent(pending.resolve(".unit_hash")),
                readIfPresent(pending.resolve("configuration.nix")), readIfPresent(pending.resolve("parameters.json")));
    }

    private UidMap readUidMap() throws HostStateException {
        Path path = layout.uidMap();
        byte[] bytes = readIfPresent(path);
        if (bytes == null) {
            return UidMap.empty();
        }
        try {
            return UidMap.parse(new String(bytes, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new HostStateException(path.toString(), "uid map " + path + " is invalid: " + e.getMessage()
                    + ". Fix the line by hand: each line is '<container id> <index>'.", e);
        }
    }

    private static byte[] readIfPresent(Path path) throws HostStateException {
        try {
            return SmallFiles.read(path);
        } catch (java.nio.file.NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new HostStateException(path.toString(), "cannot read " + path + ": " + e, e);
        }
    }

    private static String readLineIfPresent(Path path) throws HostStateException {
        byte[] bytes = readIfPresent(path);
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8).strip();
    }

    private static String readLinkIfPresent(Path path) throws HostStateException {
        if (!Files.isSymbolicLink(path)) {
            return null;
        }
        try {
            return Files.readSymbolicLink(path).toString();
        } catch (IOException e) {
            throw new HostStateException(path.toString(), "cannot read symlink " + path + ": " + e, e);
        }
    }

    private static List<Path> list(Path dir) throws HostStateException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.sorted().toList();
        } catch (IOException e) {
            throw new HostStateException(dir.toString(), "cannot list " + dir + ": " + e, e);
        }
    }
}
