package io.nixunits.agent.hooks;

import io.nixunits.model.host.UidMap;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Creates the parent directories of each bind mount's destination inside the container's
 * {@code root/}, owned by the container's root. Without this, systemd-nspawn creates them as
 * the host's root, which a container with its own user namespace sees as {@code nobody}.
 *
 * <p>With a user namespace, a parent owned by a uid outside the container's range is given to
 * the range's base uid. The bind source on the host is never changed: it belongs to the host.
 * Symbolic links below {@code root/} are never followed, because the container can write there.
 */
final class PrepareBindTargetsStep {
    private PrepareBindTargetsStep() {
    }

    static void run(HookRun run) throws HookException {
        List<String> destinations = bindDestinations(run.conf().nspawnArgs());
        if (destinations.isEmpty()) {
            return;
        }
        Path root = run.files().root();
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            throw run.error("the container's root directory " + root + " does not exist. Build the container first"
                    + " (nixunits build " + run.id() + ").");
        }
        Long owner = run.conf().privateUsers() ? uidBase(run) : null;
        Set<Path> prepared = new HashSet<>();
        for (String destination : destinations) {
            prepareParents(run, destination, owner, prepared);
        }
    }

    /** Returns the destination of every {@code --bind=} and {@code --bind-ro=} argument, in order. */
    static List<String> bindDestinations(List<String> nspawnArgs) {
        List<String> destinations = new ArrayList<>();
        for (String arg : nspawnArgs) {
            String spec;
            if (arg.startsWith("--bind=")) {
                spec = arg.substring("--bind=".length());
            } else if (arg.startsWith("--bind-ro=")) {
                spec = arg.substring("--bind-ro=".length());
            } else {
                continue;
            }
            // source[:destination[:options]]; a source may start with - (ignore if missing) or + (inside the root)
            String[] parts = spec.split(":", -1);
            String source = parts[0].replaceFirst("^[-+]", "");
            String destination = parts.length > 1 && !parts[1].isEmpty() ? parts[1] : source;
            destinations.add(destination);
        }
        return destinations;
    }

    private static void prepareParents(HookRun run, String destination, Long owner, Set<Path> prepared)
            throws HookException {
        if (!destination.startsWith("/") || destination.contains("/../") || destination.endsWith("/..")) {
            throw run.error("bind destination " + destination + " in NSPAWN_ARGS is not an absolute path without"
                    + " '..'. Fix the bind entry of the container's declaration.");
        }
        Path root = run.files().root();
        Path parent = Path.of(destination).getParent();
        Path current = root;
        for (Path name : parent == null ? List.<Path>of() : iterable(parent)) {
            current = current.resolve(name.toString());
            if (prepared.add(current)) {
                prepareDirectory(run, current, owner);
            }
        }
    }

    private static void prepareDirectory(HookRun run, Path dir, Long owner) throws HookException {
        if (Files.isSymbolicLink(dir)) {
            throw run.error(dir + " is a symbolic link; the hooks do not follow links below the container's root."
                    + " Replace it with a directory, or change the bind destination.");
        }
        boolean created = false;
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            try {
                Files.createDirectory(dir);
                created = true;
            } catch (IOException e) {
                throw run.failed("creating bind mount parent " + dir, e);
            }
        } else if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw run.error(dir + " is a file, but a bind destination needs a directory there. Remove it from the"
                    + " container or change the bind destination.");
        }
        if (owner == null) {
            if (created) {
                run.log("created bind mount parent {}", dir);
            }
            return;
        }

        long uid = ownerOf(run, dir);
        if (uid >= owner && uid < owner + UidMap.RANGE_SIZE) {
            return;
        }
        run.log("giving bind mount parent {} to the container's root ({}:{})", dir, owner, owner);
        run.check("changing the owner of " + dir, List.of("chown", "-h", owner + ":" + owner, dir.toString()));
    }

    private static long uidBase(HookRun run) throws HookException {
        Path file = run.settings().layout().uidMap();
        UidMap map;
        try {
            map = UidMap.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            map = UidMap.empty();
        } catch (IOException e) {
            throw run.failed("reading the uid map " + file, e);
        } catch (IllegalArgumentException e) {
            throw run.error("uid map " + file + " is invalid: " + e.getMessage() + ". Each line is '<container id>"
                    + " <index>'.");
        }
        return map.rootUid(run.id()).orElseThrow(() -> run.error("container " + run.id() + " has no uid range in "
                + file + ", so its root's uid on the host is unknown. Build it with nixunits, which allocates one."));
    }

    private static long ownerOf(HookRun run, Path dir) throws HookException {
        try {
            return ((Number) Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS)).longValue();
        } catch (IOException | UnsupportedOperationException e) {
            throw run.failed("reading the owner of " + dir, e);
        }
    }

    private static List<Path> iterable(Path relative) {
        List<Path> names = new ArrayList<>();
        relative.forEach(names::add);
        return names;
    }
}
