package io.nixunits.model.host;

import io.nixunits.model.ContainerId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code uidmap} file: one {@code <name> <index>} line per user-namespace range. The
 * container's root uid and gid on the host are {@code index * 65536}. A freed range stays as
 * {@code __FREE__ <index>} and is reused first; otherwise a new container takes the last
 * index + 1, starting at {@value #FIRST_INDEX}. Instances are immutable: the allocating
 * methods return a new map for the caller to write back.
 */
public record UidMap(List<Entry> entries) {
    public static final int FIRST_INDEX = 1024;
    public static final String FREE = "__FREE__";
    public static final long RANGE_SIZE = 65536;

    /** One line of the file. */
    public record Entry(String name, int index) {
    }

    public UidMap {
        entries = List.copyOf(entries);
    }

    public static UidMap empty() {
        return new UidMap(List.of());
    }

    /**
     * Parses the file's text.
     *
     * @throws IllegalArgumentException naming the line when a line is not {@code <name> <index>}
     */
    public static UidMap parse(String text) {
        List<Entry> entries = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] fields = line.split("\\s+");
            if (fields.length != 2) {
                throw new IllegalArgumentException("line " + (i + 1) + " is " + ContainerId.quote(line)
                        + ", expected '<container id> <index>'");
            }
            try {
                entries.add(new Entry(fields[0], Integer.parseInt(fields[1])));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("line " + (i + 1) + " has index " + ContainerId.quote(fields[1])
                        + ", expected a whole number", e);
            }
        }
        return new UidMap(entries);
    }

    public String format() {
        StringBuilder text = new StringBuilder();
        for (Entry entry : entries) {
            text.append(entry.name()).append(' ').append(entry.index()).append('\n');
        }
        return text.toString();
    }

    public Optional<Integer> indexOf(ContainerId id) {
        return entries.stream().filter(e -> e.name().equals(id.value())).map(Entry::index).findFirst();
    }

    /** Returns the host uid of the container's root, or empty when it has no range. */
    public Optional<Long> rootUid(ContainerId id) {
        return indexOf(id).map(index -> index * RANGE_SIZE);
    }

    /** Returns this map with a range for {@code id}: its existing one, a freed one, or a new one. */
    public UidMap allocate(ContainerId id) {
        if (indexOf(id).isPresent()) {
            return this;
        }
        List<Entry> updated = new ArrayList<>(entries);
        for (int i = 0; i < updated.size(); i++) {
            if (updated.get(i).name().equals(FREE)) {
                updated.set(i, new Entry(id.value(), updated.get(i).index()));
                return new UidMap(updated);
            }
        }
        int next = updated.isEmpty() ? FIRST_INDEX : updated.get(updated.size() - 1).index() + 1;
        updated.add(new Entry(id.value(), next));
        return new UidMap(updated);
    }

    /** Returns this map with the range of {@code id} marked free, or unchanged when it has none. */
    public UidMap free(ContainerId id) {
        List<Entry> updated = new ArrayList<>();
        for (Entry entry : entries) {
            updated.add(entry.name().equals(id.value()) ? new Entry(FREE, entry.index()) : entry);
        }
        return new UidMap(updated);
    }
}
