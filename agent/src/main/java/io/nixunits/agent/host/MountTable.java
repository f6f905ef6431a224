package io.nixunits.agent.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Reads the mount points of this process from {@code /proc/self/mountinfo}. */
final class MountTable {
    static final Path MOUNTINFO = Path.of("/proc/self/mountinfo");

    private MountTable() {
    }

    /** Returns the mount points at or below {@code dir}, deepest first, so they can be unmounted in order. */
    static List<Path> mountsUnder(Path dir) {
        List<String> lines;
        try {
            lines = Files.readAllLines(MOUNTINFO);
        } catch (IOException e) {
            return List.of();
        }
        Path prefix = dir.toAbsolutePath().normalize();
        List<Path> found = new ArrayList<>();
        for (String line : lines) {
            String[] fields = line.split(" ");
            if (fields.length > 4) {
                Path mountPoint = Path.of(unescape(fields[4]));
                if (mountPoint.startsWith(prefix)) {
                    found.add(mountPoint);
                }
            }
        }
        found.sort(Comparator.comparingInt(Path::getNameCount).reversed());
        return found;
    }

    /** Decodes the octal escapes ({@code \040} for a space) that mountinfo uses in paths. */
    static String unescape(String field) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 3 < field.length()) {
                String octal = field.substring(i + 1, Math.min(i + 4, field.length()));
                if (octal.length() == 3 && octal.chars().allMatch(d -> d >= '0' && d <= '7')) {
                    text.append((char) Integer.parseInt(octal, 8));
                    i += 3;
                    continue;
                }
            }
            text.append(c);
        }
        return text.toString();
    }
}
